// The analysis overlays of the viewer (render/overlay_shapes, heatmap): drawn offscreen through EGL (no
// display). Hulls of a constructed cluster result paint their insides in their cluster's colour; the viewer's
// heat-map theme (project_heat_points + HeatmapRenderer over the map) peaks at the dense spot in screen
// space; the chain-link overlay holds exactly the links chains.hpp finds.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "core/analysis/chains.hpp"
#include "core/analysis/cluster.hpp"
#include "render/egl_context.hpp"
#include "render/heatmap.hpp"
#include "render/map_data.hpp"
#include "render/map_renderer.hpp"
#include "render/overlay_shapes.hpp"
#include "support/fixtures.hpp"

using namespace pa;
using namespace pa::render;

namespace {

using pa::test::square;

std::unique_ptr<EglContext> try_context() {
    try {
        return std::make_unique<EglContext>();
    } catch (const std::exception&) {
        return nullptr;
    }
}

const unsigned char* pixel(const std::vector<unsigned char>& rgba, const Camera& cam, PlanePoint w) {
    const int sx = int(cam.screen_x(w.x)), sy = int(cam.screen_y(w.y));
    return &rgba[(size_t(sy) * size_t(cam.width) + size_t(sx)) * 4];
}

// `c` at alpha a over white, as GL blends it (SRC_ALPHA, ONE_MINUS_SRC_ALPHA).
int over_white(uint8_t c, uint8_t a) {
    return int(std::lround(c * (a / 255.0) + 255.0 * (1.0 - a / 255.0)));
}

}  // namespace

TEST(OverlayShapes, HullPixelsCarryTheirClusterColour) {
    auto ctx = try_context();
    if (!ctx) GTEST_SKIP() << "no offscreen OpenGL context (EGL) on this machine";
    analysis::ClusterResult r;
    r.clusters.resize(3);
    const double lon0 = 106.60, lat0 = 26.60;
    for (int i = 0; i < 3; ++i) {
        r.clusters[size_t(i)].id = i;
        r.clusters[size_t(i)].hull = square(lon0 + i * 0.01, lat0, 0.006);  // ~600 m squares, 400 m apart
    }
    // Cluster 2's hull has a hole: its centre must stay unpainted.
    r.clusters[2].hull[0].push_back({{lon0 + 0.0225, lat0 + 0.0015},
                                     {lon0 + 0.0225, lat0 + 0.0045},
                                     {lon0 + 0.0255, lat0 + 0.0045},
                                     {lon0 + 0.0255, lat0 + 0.0015},
                                     {lon0 + 0.0225, lat0 + 0.0015}});
    LocalProjection proj{lon0, lat0};
    const ShapeMesh mesh = cluster_hull_mesh(r, proj, 90);
    EXPECT_EQ(mesh.polygons, 3u);
    EXPECT_EQ(mesh.links, 0u);
    EXPECT_EQ(mesh.segments, 4u + 4u + 8u);  // every ring edge outlined

    Camera cam;
    cam.width = 400;
    cam.height = 200;
    cam.m_per_px = 8.0;
    cam.cx = proj.xy(lon0 + 0.013, lat0 + 0.003).x;
    cam.cy = proj.xy(lon0 + 0.013, lat0 + 0.003).y;
    ShapeOverlay overlay;
    overlay.upload(mesh);
    EXPECT_GT(overlay.triangle_count(), 5u);
    RenderTarget target(cam.width, cam.height, 1);
    target.bind_for_drawing();
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    overlay.draw(cam, 2.0f);
    EXPECT_EQ(overlay.last_draw_calls(), 2);  // all fills, all outlines
    auto rgba = target.read_rgba();
    for (int i = 0; i < 2; ++i) {
        const Rgba c = category_color(size_t(i));
        // A point inside hull i, off its centre line.
        const unsigned char* p = pixel(rgba, cam, proj.xy(lon0 + i * 0.01 + 0.002, lat0 + 0.004));
        EXPECT_NEAR(p[0], over_white(c.r, 90), 3) << "cluster " << i;
        EXPECT_NEAR(p[1], over_white(c.g, 90), 3) << "cluster " << i;
        EXPECT_NEAR(p[2], over_white(c.b, 90), 3) << "cluster " << i;
    }
    // Between the hulls and in cluster 2's hole: white.
    for (double lon : {lon0 + 0.008, lon0 + 0.024}) {
        const unsigned char* p = pixel(rgba, cam, proj.xy(lon, lat0 + 0.003));
        EXPECT_EQ(p[0], 255);
        EXPECT_EQ(p[1], 255);
        EXPECT_EQ(p[2], 255);
    }
    // Cluster 2 outside its hole carries its own colour.
    const Rgba c2 = category_color(2);
    const unsigned char* q = pixel(rgba, cam, proj.xy(lon0 + 0.021, lat0 + 0.0052));
    EXPECT_NEAR(q[0], over_white(c2.r, 90), 3);
    EXPECT_NEAR(q[2], over_white(c2.b, 90), 3);

    // The highlighted (selected) cluster is drawn stronger: further from white than before.
    target.bind_for_drawing();  // read_rgba() left the resolve buffer bound
    glClear(GL_COLOR_BUFFER_BIT);
    overlay.draw(cam, 2.0f, 1);
    auto hi = target.read_rgba();
    const unsigned char* before = pixel(rgba, cam, proj.xy(lon0 + 0.012, lat0 + 0.004));
    const unsigned char* after = pixel(hi, cam, proj.xy(lon0 + 0.012, lat0 + 0.004));
    EXPECT_LT(int(after[0]) + after[1] + after[2], int(before[0]) + before[1] + before[2] - 60);
}

TEST(OverlayShapes, HeatMapThemePeaksAtTheDenseSpotOnScreen) {
    auto ctx = try_context();
    if (!ctx) GTEST_SKIP() << "no offscreen OpenGL context (EGL) on this machine";
    // A zone with 12 parcels in a row; 8 projects with coordinates crowd at parcel 9, 4 spread elsewhere.
    const double lon0 = 106.60, lat0 = 26.60;
    std::vector<Zone> zones(1);
    zones[0].code = "Z1";
    zones[0].name_zh = "测试园区";
    zones[0].geom = square(lon0 - 0.001, lat0 - 0.001, 0.05);
    std::vector<Parcel> parcels;
    for (int i = 0; i < 12; ++i) {
        Parcel p;
        p.id = i + 1;
        p.code = "P" + std::to_string(i);
        p.zone_code = "Z1";
        p.geom = square(lon0 + i * 0.004, lat0 + 0.01, 0.003);
        parcels.push_back(p);
    }
    std::vector<Project> projects;
    auto add = [&](double lon, double lat, double invest) {
        Project pr;
        pr.id = int64_t(projects.size() + 1);
        pr.project_id = "X" + std::to_string(pr.id);
        pr.industry = "电子信息制造";
        pr.lon = lon;
        pr.lat = lat;
        pr.fixed_invest_wan = invest;
        projects.push_back(pr);
    };
    const double spot_lon = lon0 + 9 * 0.004 + 0.0015, spot_lat = lat0 + 0.0115;
    for (int k = 0; k < 8; ++k) add(spot_lon + 0.0002 * (k % 3 - 1), spot_lat + 0.0002 * (k / 3 - 1), 5000);
    for (int k = 0; k < 4; ++k) add(lon0 + 0.002 + k * 0.006, lat0 + 0.03, 5000);
    add(lon0 + 0.01, lat0 + 0.02, 0);  // no investment: no kernel
    MapData data = build_map_data(zones, parcels, projects, {});
    const auto pts = project_heat_points(data, HeatWeight::Invest);
    ASSERT_EQ(pts.size(), 12u);
    EXPECT_EQ(project_heat_points(data, HeatWeight::Count).size(), 13u);

    Camera cam;
    cam.width = 480;
    cam.height = 320;
    cam.fit(data.extent.min_x, data.extent.min_y, data.extent.max_x, data.extent.max_y);
    MapRenderer map;
    map.upload(data);
    HeatmapRenderer heat;
    heat.set_points(pts);
    RenderTarget target(cam.width, cam.height, 1);
    target.bind_for_drawing();
    MapStyle style;
    map.draw(cam, style);
    heat.draw(cam, 150.0, 0.0, 0.8f);
    auto rgba = target.read_rgba();
    // The reddest pixel on screen (r - b largest) sits at the dense spot.
    int best = -1000, bx = 0, by = 0;
    for (int y = 0; y < cam.height; ++y)
        for (int x = 0; x < cam.width; ++x) {
            const unsigned char* p = &rgba[(size_t(y) * size_t(cam.width) + size_t(x)) * 4];
            const int score = int(p[0]) - int(p[2]) - int(p[1]) / 2;
            if (score > best) {
                best = score;
                bx = x;
                by = y;
            }
        }
    const PlanePoint spot = data.proj.xy(spot_lon, spot_lat);
    const double sx = cam.screen_x(spot.x), sy = cam.screen_y(spot.y);
    EXPECT_NEAR(bx, sx, 150.0 / cam.m_per_px + 2);
    EXPECT_NEAR(by, sy, 150.0 / cam.m_per_px + 2);
    EXPECT_GT(best, 100);
    // Far from every project the parcels' map shows through unchanged (the ramp is transparent there).
    const unsigned char* corner = &rgba[(size_t(cam.height - 3) * size_t(cam.width) + 3) * 4];
    EXPECT_EQ(int(corner[0]), int(style.background.r));
}

TEST(OverlayShapes, ChainLinkOverlayHoldsEveryChainLink) {
    auto ctx = try_context();
    if (!ctx) GTEST_SKIP() << "no offscreen OpenGL context (EGL) on this machine";
    analysis::ChainConfig cfg;
    cfg.pairs = {{"铝及铝加工", "先进装备制造", "", ""}, {"现代化工", "新型建材", "", ""}};
    const double lon0 = 106.60, lat0 = 26.60;
    std::vector<analysis::ChainFirm> firms;
    auto firm = [&](const char* ind, const char* zone, double dlon, double dlat) {
        firms.push_back({std::to_string(firms.size()), "", ind, zone, {lon0 + dlon, lat0 + dlat}});
    };
    firm("铝及铝加工", "A", 0.0, 0.0);
    firm("铝及铝加工", "A", 0.002, 0.0);
    firm("先进装备制造", "A", 0.01, 0.0);  // ~1 km from both aluminium firms: 2 links
    firm("先进装备制造", "B", 0.2, 0.0);   // 20 km away: none
    firm("现代化工", "B", 0.0, 0.02);
    firm("新型建材", "B", 0.005, 0.02);  // ~500 m: 1 link of pair 1
    firm("新型建材", "C", 0.0, -0.05);   // 5.5 km: none
    const auto r = analysis::analyse_chains(cfg, firms, 3000.0);
    ASSERT_EQ(r.links.size(), 3u);
    LocalProjection proj{lon0, lat0};
    const ShapeMesh mesh = chain_link_mesh(r, proj);
    ShapeOverlay overlay;
    overlay.upload(mesh);
    EXPECT_EQ(overlay.link_count(), r.links.size());
    EXPECT_EQ(overlay.segment_count(), r.links.size());

    // The pair-1 link is drawn in pair 1's colour at its midpoint; a pair-0 link in pair 0's (where only one
    // link passes: the two pair-0 links overlap further east).
    Camera cam;
    cam.width = 300;
    cam.height = 300;
    cam.m_per_px = 10.0;
    cam.cx = proj.xy(lon0 + 0.005, lat0 + 0.01).x;
    cam.cy = proj.xy(lon0 + 0.005, lat0 + 0.01).y;
    RenderTarget target(cam.width, cam.height, 1);
    target.bind_for_drawing();
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    overlay.draw(cam, 4.0f);
    auto rgba = target.read_rgba();
    for (const auto& [pair, dlon, dlat] :
         {std::tuple{size_t(1), 0.0025, 0.02}, std::tuple{size_t(0), 0.001, 0.0}}) {
        const Rgba c = category_color(pair);
        const unsigned char* p = pixel(rgba, cam, proj.xy(lon0 + dlon, lat0 + dlat));
        EXPECT_NEAR(p[0], over_white(c.r, 200), 3) << "pair " << pair;
        EXPECT_NEAR(p[1], over_white(c.g, 200), 3) << "pair " << pair;
        EXPECT_NEAR(p[2], over_white(c.b, 200), 3) << "pair " << pair;
    }
}
