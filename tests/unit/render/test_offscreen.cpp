// The map renderer end to end on a constructed workspace: triangulation and its cache, pixels of chosen
// parcels in their class colours (offscreen EGL, no display needed), legend counts, picking, English labels,
// clear errors for a missing shader or font.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/analysis/classify.hpp"
#include "core/common/error.hpp"
#include "core/geo/wkb.hpp"
#include "core/store/workspace.hpp"
#include "render/map_data.hpp"
#include "render/offscreen.hpp"
#include "render/overlay.hpp"
#include "render/palette.hpp"
#include "support/fixtures.hpp"
#include "support/scratch.hpp"

namespace fs = std::filesystem;
using namespace pa;
using namespace pa::render;

namespace {

Ring square(double lon, double lat, double d) {
    return test::square_ring(lon, lat, d);
}

struct FixtureParcel {
    std::string code, zone;
    MultiPolygon geom;
    std::optional<double> invest;
    const char* compliance;
    const char* supply;
};

// Two zones side by side; zone A holds four parcels in a row (one with a hole), zone B two.
std::vector<FixtureParcel> fixture_parcels() {
    const double lon0 = 106.60, lat0 = 26.60, d = 0.002, gap = 0.003;
    std::vector<FixtureParcel> out;
    const std::optional<double> invest[] = {120, 420, 800, std::nullopt, 260, 650};
    const char* comp[] = {"below", "below", "meets", "nodata", "below", "meets"};
    const char* sup[] = {"producing", "idle", "supplied", "reserved", "producing", "under_construction"};
    for (int i = 0; i < 6; ++i) {
        FixtureParcel p;
        p.code = "52011100100" + std::to_string(i) + "GB0000" + std::to_string(i);
        p.zone = i < 4 ? "ZA" : "ZB";
        const double lon = lon0 + 0.001 + i * gap + (i >= 4 ? 0.004 : 0.0);
        Polygon poly{square(lon, lat0 + 0.001, d)};
        if (i == 2)
            poly.push_back({{lon + 0.0008, lat0 + 0.0018},
                            {lon + 0.0008, lat0 + 0.0022},
                            {lon + 0.0012, lat0 + 0.0022},
                            {lon + 0.0012, lat0 + 0.0018},
                            {lon + 0.0008, lat0 + 0.0018}});
        p.geom = {poly};
        p.invest = invest[i];
        p.compliance = comp[i];
        p.supply = sup[i];
        out.push_back(p);
    }
    return out;
}

std::string make_workspace(const std::string& name) {
    const std::string path = test::scratch_path("pa-render-test", name);
    auto ws = store::Workspace::open_or_create(path);
    auto& db = ws.db();
    auto zs = db.prepare(
        "INSERT INTO zones(code, name_zh, name_en, level, threshold_wan_per_mu, geom) "
        "VALUES(?, ?, ?, ?, ?, GeomFromWKB(?, 4490))");
    const MultiPolygon za = {{square(106.600, 26.600, 0.0125)}};
    const MultiPolygon zb = {{square(106.6145, 26.600, 0.0085)}};
    const std::string wa = geo::wkb_from_multipolygon(za), wb = geo::wkb_from_multipolygon(zb);
    zs.bind(1, "ZA").bind(2, "测试甲园区").bind(3, "Test Park A").bind(4, "national").bind(5, 500.0);
    zs.bind_blob(6, wa.data(), wa.size()).run();
    zs.bind(1, "ZB").bind(2, "测试乙园区").bind(3, "Test Park B").bind(4, "provincial").bind(5, 300.0);
    zs.bind_blob(6, wb.data(), wb.size()).run();
    auto ps = db.prepare(
        "INSERT INTO parcels(code, code_norm, layer, zone_code, area_m2, area_mu, supply_status, "
        "invest_wan_per_mu, compliance, centroid_lon, centroid_lat, industry, geom) "
        "VALUES(?, ?, 'test', ?, ?, ?, ?, ?, ?, ?, ?, '', GeomFromWKB(?, 4490))");
    for (const auto& p : fixture_parcels()) {
        const std::string w = geo::wkb_from_multipolygon(p.geom);
        const double m2 = 0.002 * 111320.0 * 0.002 * 111320.0 * std::cos(26.6 * 3.14159265 / 180);
        ps.bind(1, p.code)
            .bind(2, p.code)
            .bind(3, p.zone)
            .bind(4, m2)
            .bind(5, m2 / (2000.0 / 3.0))
            .bind(6, p.supply);
        ps.bind(7, p.invest)
            .bind(8, p.compliance)
            .bind(9, p.geom[0][0][0].lon + 0.0004)
            .bind(10, p.geom[0][0][0].lat + 0.0004);
        ps.bind_blob(11, w.data(), w.size()).run();
    }
    return path;
}

// Screen pixel (top-left origin) of a lon/lat for the camera.
std::pair<int, int> pixel_of(const MapData& d, const Camera& cam, double lon, double lat) {
    const PlanePoint q = d.proj.xy(lon, lat);
    return {static_cast<int>(std::lround(cam.screen_x(q.x))),
            static_cast<int>(std::lround(cam.screen_y(q.y)))};
}

Rgba at(const RenderResult& r, int x, int y) {
    const size_t i = (static_cast<size_t>(y) * r.width + x) * 4;
    return {r.rgba[i], r.rgba[i + 1], r.rgba[i + 2], 255};
}

class RenderTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { path_ = make_workspace("fixture.sqlite"); }
    static std::string path_;
};
std::string RenderTest::path_;

}  // namespace

TEST_F(RenderTest, MeshIsCachedInTheWorkspaceAndTrianglesCoverTheArea) {
    auto first = load_map_data(path_);
    ASSERT_EQ(first.parcels.size(), 6u);
    auto second = load_map_data(path_);
    EXPECT_TRUE(second.mesh_from_cache);
    EXPECT_EQ(second.mesh.fill_index, first.mesh.fill_index);
    EXPECT_EQ(second.mesh.fill_xy, first.mesh.fill_xy);
    // The triangles index the rings' vertices: one vertex array for outlines and fill, no vertex added.
    const auto& m = second.mesh;
    EXPECT_TRUE(m.shares_vertices());
    EXPECT_TRUE(m.fill_xy.empty() && m.fill_parcel.empty());
    size_t ring_vertices = 0;
    for (const auto& p : second.parcels)
        for (const auto& poly : p.geom)
            for (const auto& r : poly) ring_vertices += r.size() - 1;
    EXPECT_EQ(m.line_parcel.size(), ring_vertices);
    // Triangle area of parcel 2 (with a hole) equals square minus hole, in local metres.
    const auto& xy = m.fill_vertices();
    const auto& owner = m.fill_owner();
    double area2 = 0, area0 = 0;
    for (size_t t = 0; t + 2 < m.fill_index.size(); t += 3) {
        const uint32_t a = m.fill_index[t], b = m.fill_index[t + 1], c = m.fill_index[t + 2];
        const double ar = 0.5 * std::fabs((xy[2 * b] - xy[2 * a]) * (xy[2 * c + 1] - xy[2 * a + 1]) -
                                          (xy[2 * c] - xy[2 * a]) * (xy[2 * b + 1] - xy[2 * a + 1]));
        if (owner[a] == 2) area2 += ar;
        if (owner[a] == 0) area0 += ar;
    }
    EXPECT_NEAR(area2 / area0, 1.0 - 0.04, 0.002);  // the hole is 0.0004² of 0.002²
    // Round trip of the blob format.
    ParcelMesh back;
    ASSERT_TRUE(ParcelMesh::deserialize(m.serialize(), back));
    EXPECT_EQ(back.line_first, m.line_first);
    EXPECT_FALSE(ParcelMesh::deserialize("PAM1garbage", back));
}

TEST_F(RenderTest, PixelsOfChosenParcelsCarryTheirClassColours) {
    auto d = load_map_data(path_);
    for (auto theme :
         {analysis::Theme::InvestIntensity, analysis::Theme::Compliance, analysis::Theme::SupplyStatus}) {
        RenderRequest req;
        req.theme = theme;
        req.width = 800;
        req.height = 400;
        req.furniture = false;
        auto r = render_offscreen(d, req);
        ASSERT_EQ(r.rgba.size(), 800u * 400u * 4u);
        const auto colors = class_colors(r.classification);
        for (size_t i = 0; i < d.parcels.size(); ++i) {
            // A point inside the parcel, away from its hole: a quarter of the way in from its south-west
            // corner.
            const auto& sw = d.parcels[i].geom[0][0][0];
            auto [x, y] = pixel_of(d, r.camera, sw.lon + 0.0005, sw.lat + 0.0005);
            ASSERT_GE(x, 0);
            ASSERT_LT(x, 800);
            const int k = r.classification.parcel_class[i];
            ASSERT_GE(k, 0);
            EXPECT_EQ(at(r, x, y), colors[static_cast<size_t>(k)])
                << analysis::to_string(theme) << " parcel " << i << " at " << x << "," << y;
        }
        // Inside the hole of parcel 2 the parcel colour must not show.
        const auto& sw2 = d.parcels[2].geom[0][0][0];
        auto [hx, hy] = pixel_of(d, r.camera, sw2.lon + 0.001, sw2.lat + 0.001);
        EXPECT_NE(at(r, hx, hy), colors[static_cast<size_t>(r.classification.parcel_class[2])]);
    }
    // The two numeric classes differ: parcel 0 (120) and parcel 2 (800) are drawn in different colours.
    RenderRequest req;
    req.width = 800;
    req.height = 400;
    req.furniture = false;
    auto r = render_offscreen(d, req);
    EXPECT_EQ(r.classification.parcel_class[0], 0);
    EXPECT_EQ(r.classification.parcel_class[2], 2);
    EXPECT_EQ(r.classification.parcel_class[3], 3);  // no data
}

TEST_F(RenderTest, ZoneFilterGreysOtherZonesAndLegendCountsMatchClassification) {
    auto d = load_map_data(path_);
    RenderRequest req;
    req.theme = analysis::Theme::Compliance;
    req.zone_code = "ZB";
    req.width = 1000;
    req.height = 560;
    auto r = render_offscreen(d, req);
    EXPECT_EQ(r.classification.shown_count, 2);
    const auto colors = class_colors(r.classification);
    const auto rows = legend_rows(r.classification, colors, Lang::Zh);
    int sum = 0;
    for (const auto& row : rows) {
        sum += row.count;
        bool found = false;
        for (const auto& c : r.classification.classes)
            if (c.label_zh == row.label) {
                EXPECT_EQ(c.count, row.count);
                EXPECT_DOUBLE_EQ(c.area_mu, row.area_mu);
                found = true;
            }
        EXPECT_TRUE(found) << row.label;
    }
    EXPECT_EQ(sum, 2);
    // Parcel 4 of zone ZB is "below": drawn in the below colour; the picture fits ZB, so parcel 0 of ZA is
    // outside or greyed.
    auto [x, y] = pixel_of(d, r.camera, d.parcels[4].geom[0][0][0].lon + 0.0005,
                           d.parcels[4].geom[0][0][0].lat + 0.0005);
    EXPECT_EQ(at(r, x, y), colors[0]);
    EXPECT_THROW(
        {
            RenderRequest bad = req;
            bad.zone_code = "NOPE";
            render_offscreen(d, bad);
        },
        InputError);
}

TEST_F(RenderTest, PickingFindsTheParcelUnderAnInteriorPoint) {
    auto d = load_map_data(path_);
    for (size_t i = 0; i < d.parcels.size(); ++i) {
        const auto& sw = d.parcels[i].geom[0][0][0];
        const PlanePoint in = d.proj.xy(sw.lon + 0.0005, sw.lat + 0.0015);
        EXPECT_EQ(d.picking.pick(d.parcels, d.parcel_boxes, in.x, in.y), static_cast<int>(i));
    }
    const auto& sw2 = d.parcels[2].geom[0][0][0];
    const PlanePoint hole = d.proj.xy(sw2.lon + 0.001, sw2.lat + 0.001), out = d.proj.xy(106.5, 26.5);
    EXPECT_EQ(d.picking.pick(d.parcels, d.parcel_boxes, hole.x, hole.y), -1);  // in the hole
    EXPECT_EQ(d.picking.pick(d.parcels, d.parcel_boxes, out.x, out.y), -1);
}

TEST_F(RenderTest, EnglishSwitchChangesLabelsAndPicture) {
    auto d = load_map_data(path_);
    EXPECT_STRNE(tr("legend.total", Lang::Zh), tr("legend.total", Lang::En));
    EXPECT_STREQ(tr("legend.total", Lang::En), "Total");
    RenderRequest req;
    req.theme = analysis::Theme::SupplyStatus;
    req.width = 900;
    req.height = 500;
    auto zh = render_offscreen(d, req);
    req.lang = Lang::En;
    auto en = render_offscreen(d, req);
    const auto colors = class_colors(zh.classification);
    auto rz = legend_rows(zh.classification, colors, Lang::Zh);
    auto re = legend_rows(en.classification, colors, Lang::En);
    ASSERT_EQ(rz.size(), re.size());
    EXPECT_EQ(rz[0].label, "储备");
    EXPECT_EQ(re[0].label, "reserved");
    // The title strip (top 40 rows) differs; the map itself does not.
    size_t diff_top = 0;
    for (size_t i = 0; i < static_cast<size_t>(900 * 40 * 4); ++i) diff_top += zh.rgba[i] != en.rgba[i];
    EXPECT_GT(diff_top, 100u);
}

TEST_F(RenderTest, MissingShaderOrFontIsAClearError) {
    auto d = load_map_data(path_);
    RenderRequest req;
    req.width = 200;
    req.height = 100;
    ::setenv("PARKATLAS_SHADER_DIR", "/nonexistent/shaders", 1);
    try {
        render_offscreen(d, req);
        ADD_FAILURE() << "no error for a missing shader";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/shaders/map_fill.vert"), std::string::npos)
            << e.what();
    }
    ::unsetenv("PARKATLAS_SHADER_DIR");
    ::setenv("PARKATLAS_FONT", "/nonexistent/font.ttc", 1);
    try {
        render_offscreen(d, req);
        ADD_FAILURE() << "no error for a missing font";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/font.ttc"), std::string::npos) << e.what();
    }
    ::unsetenv("PARKATLAS_FONT");
    EXPECT_NO_THROW(render_offscreen(d, req));
}
