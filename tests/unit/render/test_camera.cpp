// Camera and map plane: zoom at the cursor keeps the point under it, fitting, the plane against PROJ's
// Gauss-Kruger zone, the scale bar's length and its scale-factor correction.
#include <gtest/gtest.h>

#include <proj.h>

#include "render/camera.hpp"
#include "render/overlay.hpp"

using namespace pa::render;

TEST(Camera, ZoomAtCursorKeepsTheWorldPointUnderIt) {
    Camera c;
    c.width = 1000;
    c.height = 600;
    c.cx = 1234.5;
    c.cy = -987.0;
    c.m_per_px = 3.0;
    const double wx = c.world_x(800), wy = c.world_y(100);
    c.zoom_at(800, 100, 2.0);
    EXPECT_DOUBLE_EQ(c.m_per_px, 1.5);
    EXPECT_NEAR(c.world_x(800), wx, 1e-9);
    EXPECT_NEAR(c.world_y(100), wy, 1e-9);
    c.pan_pixels(10, -20);
    EXPECT_NEAR(c.world_x(810), wx, 1e-9);
    EXPECT_NEAR(c.world_y(80), wy, 1e-9);
}

TEST(Camera, FitShowsTheWholeBox) {
    Camera c;
    c.width = 800;
    c.height = 400;
    c.fit(-1000, -100, 3000, 900, 0.0);
    EXPECT_DOUBLE_EQ(c.m_per_px, 5.0);  // 4000 m over 800 px; the 1000 m height needs only 2.5
    EXPECT_NEAR(c.screen_x(-1000), 0, 1e-9);
    EXPECT_NEAR(c.screen_x(3000), 800, 1e-9);
    EXPECT_NEAR(c.screen_y(400), 200, 1e-9);
}

namespace {
struct ProjCtx {
    PJ_CONTEXT* ctx = proj_context_create();
    ~ProjCtx() { proj_context_destroy(ctx); }
};
struct Pj {
    PJ* p;
    ~Pj() { proj_destroy(p); }
};
}  // namespace

// The map plane is the CGCS2000 Gauss-Kruger 3-degree zone of the data (zone 36, CM 108°E, EPSG:4545 for
// Guiyang's east), shifted to the origin: PROJ's own EPSG:4545 coordinates minus a constant, to a millimetre,
// so a line straight in the delivered metres is straight on the map and grid north is up.
TEST(Camera, MapPlaneIsTheGaussKrugerZoneOfTheData) {
    const LocalProjection pr{106.7, 26.6};
    EXPECT_DOUBLE_EQ(pr.central_meridian(), 108.0);
    EXPECT_DOUBLE_EQ(LocalProjection(106.4, 26.6).central_meridian(), 105.0);
    ProjCtx c;
    Pj to4545{proj_create_crs_to_crs(c.ctx, "EPSG:4490", "EPSG:4545", nullptr)};
    ASSERT_NE(to4545.p, nullptr);
    Pj own{proj_create_crs_to_crs(c.ctx, "EPSG:4490", pr.proj_string().c_str(), nullptr)};
    ASSERT_NE(own.p, nullptr);
    auto grid = [&](PJ* p, double lon, double lat) {
        // EPSG:4490 is lat, lon in PROJ's axis order; EPSG:4545 northing, easting.
        const PJ_COORD r = proj_trans(p, PJ_FWD, proj_coord(lat, lon, 0, 0));
        return r;
    };
    const PJ_COORD o = grid(to4545.p, 106.7, 26.6);
    for (double lon = 106.1; lon <= 107.4; lon += 0.13)
        for (double lat = 26.0; lat <= 27.2; lat += 0.12) {
            const PlanePoint q = pr.xy(lon, lat);
            const PJ_COORD g = grid(to4545.p, lon, lat);
            EXPECT_NEAR(q.x, g.xy.y - o.xy.y, 1e-3) << lon << "," << lat;  // easting
            EXPECT_NEAR(q.y, g.xy.x - o.xy.x, 1e-3) << lon << "," << lat;  // northing
            const PJ_COORD w = grid(own.p, lon, lat);  // what the basemap warper uses (x, y as given)
            EXPECT_NEAR(q.x, w.xy.x, 1e-3);
            EXPECT_NEAR(q.y, w.xy.y, 1e-3);
            const pa::LonLat back = pr.lonlat(q.x, q.y);
            EXPECT_NEAR(back.lon, lon, 1e-10);
            EXPECT_NEAR(back.lat, lat, 1e-10);
        }
    // A grid line of EPSG:4545 (constant northing across 40 km) stays one row of the map.
    Pj back{proj_create_crs_to_crs(c.ctx, "EPSG:4545", "EPSG:4490", nullptr)};
    const PJ_COORD w = proj_trans(back.p, PJ_FWD, proj_coord(2944000, 450000, 0, 0));  // northing, easting
    const PJ_COORD e = proj_trans(back.p, PJ_FWD, proj_coord(2944000, 490000, 0, 0));  // -> lat, lon
    EXPECT_NEAR(pr.xy(w.v[1], w.v[0]).y, pr.xy(e.v[1], e.v[0]).y, 1e-3);
    EXPECT_NEAR(pr.xy(e.v[1], e.v[0]).x - pr.xy(w.v[1], w.v[0]).x, 40000.0, 1e-3);
    // The scale bar measures ground metres: the plane's scale factor grows away from the central meridian.
    Camera cam;
    cam.m_per_px = 10;
    cam.cx = pr.xy(108.0, 26.6).x;  // the view centred on the central meridian
    EXPECT_NEAR(cam.ground_m_per_px(pr), 10.0, 1e-9);
    cam.cx = pr.xy(106.5, 26.6).x;  // 149 km west of it: k = 1.00027
    EXPECT_NEAR(cam.ground_m_per_px(pr), 10.0 / 1.000274, 2e-5);
    EXPECT_DOUBLE_EQ(nice_scale_length_m(1700), 1000);
    EXPECT_DOUBLE_EQ(nice_scale_length_m(2400), 2000);
    EXPECT_DOUBLE_EQ(nice_scale_length_m(7400), 5000);
    EXPECT_DOUBLE_EQ(nice_scale_length_m(0.9), 0.5);
}
