#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include <gdal.h>
#include <ogr_api.h>
#include <proj.h>

#include "core/common/units.hpp"
#include "core/gdal/gdal_handles.hpp"
#include "core/geo/area.hpp"
#include "core/geo/webshift.hpp"

using pa::LonLat;
using pa::MultiPolygon;

namespace {

/// Exact area of the ellipsoidal quadrangle between two meridians and two parallels (authalic formula).
double quad_area(double lon0, double lon1, double lat0, double lat1) {
    const double a = pa::units::kCgcs2000A_m, f = 1.0 / pa::units::kCgcs2000InvF;
    const double e2 = f * (2 - f), e = std::sqrt(e2);
    auto q = [&](double phi) {
        const double s = std::sin(phi * M_PI / 180.0);
        return s / (1 - e2 * s * s) + std::log((1 + e * s) / (1 - e * s)) / (2 * e);
    };
    return (lon1 - lon0) * M_PI / 180.0 * a * a * (1 - e2) / 2.0 * (q(lat1) - q(lat0));
}

/// The cell with its parallels densified (a geodesic polygon only follows a parallel between close vertices).
MultiPolygon cell(double lon0, double lon1, double lat0, double lat1, int n) {
    pa::Ring r;
    for (int i = 0; i <= n; ++i) r.push_back({lon0 + (lon1 - lon0) * i / n, lat0});
    for (int i = 0; i <= n; ++i) r.push_back({lon1 - (lon1 - lon0) * i / n, lat1});
    r.push_back(r.front());
    return {{r}};
}

}  // namespace

TEST(GeoArea, OneDegreeCellMatchesAuthalicFormula) {
    const double want = quad_area(106.0, 107.0, 26.0, 27.0);
    const double got = pa::geo::ellipsoidal_area_m2(cell(106.0, 107.0, 26.0, 27.0, 2000));
    EXPECT_NEAR(got / want, 1.0, 1e-7) << got << " vs " << want;
    EXPECT_NEAR(want / 1e6, 11045.1, 0.1);  // 1 degree x 1 degree at 26-27°N
}

TEST(GeoArea, HolesAreSubtractedAndOrientationIgnored) {
    MultiPolygon outer = cell(106.0, 106.1, 26.0, 26.1, 50);
    MultiPolygon hole = cell(106.02, 106.04, 26.02, 26.04, 20);
    pa::Ring h = hole[0][0];
    std::reverse(h.begin(), h.end());  // orientation must not matter
    MultiPolygon with_hole{{outer[0][0], h}};
    const double a = pa::geo::ellipsoidal_area_m2(outer), b = pa::geo::ellipsoidal_area_m2(hole);
    EXPECT_NEAR(pa::geo::ellipsoidal_area_m2(with_hole), a - b, 1e-3);
    EXPECT_GT(b, 0.0);
}

TEST(GeoArea, GkZones) {
    EXPECT_EQ(pa::geo::gk3_zone_for_lon(106.4), 35);
    EXPECT_EQ(pa::geo::gk3_zone_for_lon(106.6), 36);
    EXPECT_EQ(pa::geo::gk3_zone_for_lon(105.0), 35);
    EXPECT_DOUBLE_EQ(pa::geo::gk3_central_meridian(36), 108.0);
}

TEST(GeoArea, GaussKrugerMatchesEpsg4545AndRoundTrips) {
    pa::geo::GaussKruger gk(36);
    auto [e, n] = gk.forward(106.7, 26.6);
    // Independent: OGR with EPSG:4545 (CGCS2000 / 3-degree GK CM 108E).
    pa::gdal::init();
    auto src = pa::gdal::make_srs("EPSG:4490");
    auto dst = pa::gdal::make_srs("EPSG:4545");
    OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation(src.get(), dst.get());
    double x = 106.7, y = 26.6;
    ASSERT_TRUE(OCTTransform(ct, 1, &x, &y, nullptr));
    OCTDestroyCoordinateTransformation(ct);
    EXPECT_NEAR(e, x, 1e-3);
    EXPECT_NEAR(n, y, 1e-3);
    LonLat back = gk.inverse(e, n);
    EXPECT_NEAR(back.lon, 106.7, 1e-10);
    EXPECT_NEAR(back.lat, 26.6, 1e-10);
}

TEST(GeoArea, PlanarGkVsEllipsoidalDifferByAFewTenThousandths) {
    // A 300 m parcel near Guiyang city centre (1.7 degrees from CM 108 in zone 36, 0.2 from CM 105 would be
    // less).
    MultiPolygon mp = cell(106.70, 106.703, 26.55, 26.5527, 4);
    const double ell = pa::geo::ellipsoidal_area_m2(mp);
    const double pl = pa::geo::planar_gk_area_m2(mp, 36);
    const double rel = pl / ell - 1.0;
    EXPECT_GT(rel, 2.0e-4);
    EXPECT_LT(rel, 8.0e-4);
}

namespace {

/// Independent area: project each ring to a Lambert azimuthal equal-area CRS on the same ellipsoid, centred
/// on the polygon, and take the planar (shoelace) area. Equal-area => agrees with the geodesic area to ~1e-6.
double laea_area(const MultiPolygon& mp, double lon0, double lat0) {
    PJ_CONTEXT* ctx = proj_context_create();
    const std::string def = "+proj=laea +lat_0=" + std::to_string(lat0) + " +lon_0=" + std::to_string(lon0) +
                            " +a=6378137 +rf=298.257222101 +units=m";
    PJ* pj = proj_create(ctx, def.c_str());
    double total = 0.0;
    for (const auto& poly : mp) {
        for (size_t r = 0; r < poly.size(); ++r) {
            std::vector<std::pair<double, double>> xy;
            for (const auto& p : poly[r]) {
                PJ_COORD c = proj_trans(pj, PJ_FWD, proj_coord(proj_torad(p.lon), proj_torad(p.lat), 0, 0));
                xy.push_back({c.xy.x, c.xy.y});
            }
            const double a = pa::geo::planar_area({xy});
            total += r == 0 ? a : -a;
        }
    }
    proj_destroy(pj);
    proj_context_destroy(ctx);
    return total;
}

}  // namespace

TEST(GeoArea, TiandituDistrictsMatchReadmeAndEqualAreaProjection) {
    const std::string path =
        std::string(PA_SHARED_DATA_DIR) + "/tianditu_cgcs2000/tianditu_guiyang_districts_cgcs2000.geojson";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data missing: " << path;
    // README table (km², Tianditu CGCS2000 simplified column).
    const std::map<std::string, double> readme = {
        {"520102", 208.3}, {"520103", 93.2},   {"520111", 967.1},  {"520112", 683.0},  {"520113", 270.7},
        {"520115", 304.5}, {"520121", 2018.9}, {"520122", 1036.0}, {"520123", 1072.6}, {"520181", 1385.7}};
    pa::gdal::init();
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRLayerH lyr = GDALDatasetGetLayer(ds, 0);
    int checked = 0;
    double total_km2 = 0.0;
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(lyr)) != nullptr) {
        const std::string code = OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "district_adcode"));
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        MultiPolygon mp;
        auto add = [&](OGRGeometryH poly) {
            pa::Polygon p;
            for (int r = 0; r < OGR_G_GetGeometryCount(poly); ++r) {
                OGRGeometryH ring = OGR_G_GetGeometryRef(poly, r);
                pa::Ring rr;
                for (int i = 0; i < OGR_G_GetPointCount(ring); ++i)
                    rr.push_back({OGR_G_GetX(ring, i), OGR_G_GetY(ring, i)});
                p.push_back(rr);
            }
            mp.push_back(p);
        };
        if (wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPolygon)
            add(g);
        else
            for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) add(OGR_G_GetGeometryRef(g, i));
        const double a = pa::geo::ellipsoidal_area_m2(mp);
        OGREnvelope env;
        OGR_G_GetEnvelope(g, &env);
        const double ind = laea_area(mp, (env.MinX + env.MaxX) / 2, (env.MinY + env.MaxY) / 2);
        EXPECT_NEAR(a / ind, 1.0, 1e-6) << code;
        if (auto it = readme.find(code); it != readme.end()) {
            EXPECT_NEAR(a / 1e6, it->second, 0.051) << code;
            total_km2 += a / 1e6;
            ++checked;
        }
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    EXPECT_EQ(checked, 10);
    EXPECT_NEAR(total_km2, 8040.2, 0.3);
}

TEST(GeoWebShift, Gcj02RoundTripUnderHalfAMetre) {
    for (double lon = 106.0; lon <= 107.2; lon += 0.2) {
        for (double lat = 26.2; lat <= 27.2; lat += 0.2) {
            const LonLat w{lon, lat};
            const LonLat g = pa::geo::wgs84_to_gcj02(w);
            // The shift near Guiyang is a few hundred metres (README: DataV vs Tianditu ~ +0.004, -0.003
            // degrees).
            EXPECT_GT(std::fabs(g.lon - w.lon) + std::fabs(g.lat - w.lat), 0.002);
            const LonLat back = pa::geo::gcj02_to_wgs84(g);
            const double dx = (back.lon - lon) * 111320.0 * std::cos(lat * M_PI / 180),
                         dy = (back.lat - lat) * 110574.0;
            EXPECT_LT(std::hypot(dx, dy), 0.5);
            EXPECT_LT(std::hypot(dx, dy), 0.01);  // the iteration actually closes to millimetres
            const LonLat b = pa::geo::wgs84_to_bd09(w);
            const LonLat bb = pa::geo::bd09_to_wgs84(b);
            EXPECT_LT(std::hypot((bb.lon - lon) * 1e5, (bb.lat - lat) * 1e5), 0.5);
        }
    }
    // Outside China GCJ-02 is the identity.
    const LonLat paris{2.35, 48.85};
    EXPECT_DOUBLE_EQ(pa::geo::wgs84_to_gcj02(paris).lon, 2.35);
}
