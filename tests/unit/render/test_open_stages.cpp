// Two-stage open of a workspace (load_map_data_first + load_map_geometry) against the one-stage
// load_map_data: same mesh, same theme inputs, same boxes and project points, and, once the second stage is
// done, same picking.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>

#include "core/common/error.hpp"
#include "core/geo/wkb.hpp"
#include "core/store/lean_record.hpp"
#include "core/store/workspace.hpp"
#include "render/map_data.hpp"
#include "render/supply_layers.hpp"
#include "support/scratch.hpp"

namespace fs = std::filesystem;
using namespace pa;
using namespace pa::render;

namespace {

Ring rect(double lon, double lat, double w, double h) {
    return {{lon, lat}, {lon + w, lat}, {lon + w, lat + h}, {lon, lat + h}, {lon, lat}};
}

// A 6 x 5 grid of parcels of varying sizes in two zones (one with a hole, one L-shaped, one without
// geometry), four projects (two placed by coordinates, one by its parcel, one unplaced) and their links.
std::string make_workspace(const std::string& name) {
    const std::string path = test::scratch_path("pa-open-stages", name);
    auto ws = store::Workspace::open_or_create(path);
    auto& db = ws.db();
    auto zs = db.prepare(
        "INSERT INTO zones(code, name_zh, name_en, level, threshold_wan_per_mu, geom) "
        "VALUES(?, ?, ?, 'national', 300, GeomFromWKB(?, 4490))");
    const MultiPolygon za = {{rect(106.600, 26.600, 0.0185, 0.030)}};
    const MultiPolygon zb = {{rect(106.6185, 26.600, 0.0185, 0.030)}, {rect(106.640, 26.600, 0.004, 0.004)}};
    for (const auto& [code, g] : {std::pair{"ZA", za}, std::pair{"ZB", zb}}) {
        const std::string w = geo::wkb_from_multipolygon(g);
        zs.bind(1, code).bind(2, std::string("园区") + code).bind(3, std::string("Park ") + code);
        zs.bind_blob(4, w.data(), w.size()).run();
    }
    auto ps = db.prepare(
        "INSERT INTO parcels(id, code, code_norm, layer, zone_code, landuse, area_m2, area_mu, "
        "supply_status, "
        "invest_wan_per_mu, compliance, centroid_lon, centroid_lat, industry, stage, geom) "
        "VALUES(?, ?, ?, 'test', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, GeomFromWKB(?, 4490))");
    const char* sup[] = {"producing", "idle", "supplied", "reserved", "under_construction"};
    const char* comp[] = {"below", "meets", "nodata", "not_applicable"};
    const char* use[] = {"industrial", "warehouse", "commercial"};
    int id = 10;
    for (int row = 0; row < 5; ++row)
        for (int col = 0; col < 6; ++col, id += 3) {
            const double lon = 106.601 + col * 0.006, lat = 26.601 + row * 0.0058;
            const double w = 0.003 + 0.0004 * ((row + col) % 4), h = 0.0035 + 0.0003 * (col % 3);
            MultiPolygon g;
            if (row == 1 && col == 1) {
                g = {{rect(lon, lat, w, h), rect(lon + 0.001, lat + 0.001, 0.001, 0.001)}};  // with a hole
                std::reverse(g[0][1].begin(), g[0][1].end());
            } else if (row == 2 && col == 3) {
                g = {{{{lon, lat},
                       {lon + w, lat},
                       {lon + w, lat + 0.001},
                       {lon + 0.001, lat + 0.001},
                       {lon + 0.001, lat + h},
                       {lon, lat + h},
                       {lon, lat}}}};  // L-shaped
            } else if (row != 4 || col != 5) {
                g = {{rect(lon, lat, w, h)}};
            }
            std::string code = "P";
            code += std::to_string(id);
            ps.bind(1, static_cast<int64_t>(id)).bind(2, code).bind(3, code).bind(4, col < 3 ? "ZA" : "ZB");
            ps.bind(5, use[(row + col) % 3]);
            const double m2 = w * h * 111320.0 * 111320.0 * 0.894;
            ps.bind(6, m2).bind(7, m2 / (2000.0 / 3.0)).bind(8, sup[(row * 7 + col) % 5]);
            if ((row + col) % 5 == 0)
                ps.bind(9, nullptr);
            else
                ps.bind(9, 100.0 + 37.0 * row + 11.0 * col);
            ps.bind(10, comp[(row + 2 * col) % 4]).bind(11, lon + 0.0005).bind(12, lat + 0.0005);
            ps.bind(13, col % 2 ? "装备制造" : "大数据").bind(14, row % 2 ? "投产" : "在建");
            if (g.empty()) {
                ps.bind(15, nullptr).run();
            } else {
                const std::string wkb = geo::wkb_from_multipolygon(g);
                ps.bind_blob(15, wkb.data(), wkb.size()).run();
            }
        }
    // The columns a lean stage 1 leaves for stage 2, varied per parcel (some NULL) so a mix-up shows.
    db.exec(
        "UPDATE parcels SET source_fid = id * 2, location = '贵安新区' || id || '号', landuse_code = '06' || "
        "(id % 3), "
        "landuse_name = CASE id % 3 WHEN 0 THEN '工业用地' WHEN 1 THEN '仓储用地' ELSE NULL END, "
        "declared_area_m2 = CASE WHEN id % 4 = 0 THEN NULL ELSE area_m2 * 1.01 END, "
        "declared_area_kind = CASE WHEN id % 4 = 0 THEN '' ELSE 'planar' END, planar_area_m2 = area_m2 * "
        "0.99, "
        "gk_zone = 35 + id % 2, plot_ratio = CASE WHEN id % 5 = 0 THEN NULL ELSE 1.2 + id / 100.0 END, "
        "approval_date = '2021-0' || (1 + id % 9) || '-15', reserve_date = '2020-12-01', "
        "supply_date = CASE WHEN id % 2 = 0 THEN '2022-03-0' || (1 + id % 9) ELSE '' END, "
        "transfer_method = '招拍挂', land_price_wan = id * 10.5, contract_start_date = '2022-06-01', "
        "contract_completion_date = '2024-06-01', supplement_start_date = '2023-01-01', "
        "exempt_reason = CASE WHEN id % 7 = 0 THEN '政府原因' ELSE '' END, developed_share = (id % 10) / "
        "10.0, "
        "invested_share = CASE WHEN id % 3 = 0 THEN NULL ELSE 0.5 END, "
        "work_stopped_date = CASE WHEN id % 6 = 0 THEN '2023-05-05' ELSE '' END, standard_land = id % 2, "
        "exempt_until = CASE WHEN id % 7 = 0 THEN '2023-02-01' ELSE NULL END, "
        "planned_supply_date = CASE WHEN id % 4 = 1 THEN '2025-0' || (1 + id % 9) || '-01' ELSE NULL END, "
        "committed_invest_wan_per_mu = 300 + id, committed_output_wan_per_mu = 400 + id, "
        "committed_tax_wan_per_mu = CASE WHEN id % 2 = 0 THEN NULL ELSE 20 + id END, "
        "committed_plot_ratio = 1.5, project_count = id % 3, invest_wan = id * 100.0, "
        "threshold_wan_per_mu = 300, enterprise_kind = CASE WHEN id % 2 = 0 THEN '民企' ELSE '' END");
    db.exec(
        "INSERT INTO projects(id, name, total_invest_wan, fixed_invest_wan, lon, lat) VALUES"
        "(1, '甲项目', 5000, 3000, 106.603, 26.603), (2, '乙项目', 800, NULL, NULL, NULL),"
        "(3, '丙项目', NULL, NULL, NULL, NULL), (4, '丁项目', 1200, 900, 106.625, 26.612)");
    db.exec(
        "INSERT INTO links(project_rowid, parcel_id, match) VALUES(1, 10, 'code'), (2, 25, 'code'),"
        "(2, 28, 'code'), (4, 40, 'point'), (4, 10, 'point'), (9, 13, 'code'), (1, 999, 'code')");
    return path;
}

// `with_ledger`: b has its projects, links and what links them to parcels (stage 2 of a two-stage open).
void expect_same_drawing(const MapData& a, const MapData& b, bool with_ledger = true) {
    EXPECT_EQ(a.proj.lon0(), b.proj.lon0());
    EXPECT_EQ(a.proj.lat0(), b.proj.lat0());
    EXPECT_EQ(a.extent.min_x, b.extent.min_x);
    EXPECT_EQ(a.extent.max_y, b.extent.max_y);
    EXPECT_EQ(a.mesh.serialize(), b.mesh.serialize());
    EXPECT_EQ(a.zone_drawing.outline, b.zone_drawing.outline);
    EXPECT_EQ(a.zone_drawing.fill.serialize(), b.zone_drawing.fill.serialize());
    EXPECT_EQ(a.zone_drawing.label_x, b.zone_drawing.label_x);
    EXPECT_EQ(a.zone_drawing.anchors.size(), b.zone_drawing.anchors.size());
    if (with_ledger) {
        EXPECT_EQ(a.project_points, b.project_points);
        EXPECT_EQ(a.parcel_projects, b.parcel_projects);
        EXPECT_EQ(a.project_first_parcel, b.project_first_parcel);
    } else {
        EXPECT_TRUE(b.project_points.empty() && b.parcel_projects.empty() && b.project_first_parcel.empty());
    }
    ASSERT_EQ(a.parcel_boxes.size(), b.parcel_boxes.size());
    for (size_t i = 0; i < a.parcel_boxes.size(); ++i) {
        EXPECT_EQ(a.parcel_boxes[i].empty(), b.parcel_boxes[i].empty()) << i;
        if (a.parcel_boxes[i].empty()) continue;
        EXPECT_EQ(a.parcel_boxes[i].min_x, b.parcel_boxes[i].min_x) << i;
        EXPECT_EQ(a.parcel_boxes[i].min_y, b.parcel_boxes[i].min_y) << i;
        EXPECT_EQ(a.parcel_boxes[i].max_x, b.parcel_boxes[i].max_x) << i;
        EXPECT_EQ(a.parcel_boxes[i].max_y, b.parcel_boxes[i].max_y) << i;
    }
    // The theme inputs of every parcel.
    ASSERT_EQ(a.parcels.size(), b.parcels.size());
    for (size_t i = 0; i < a.parcels.size(); ++i) {
        const Parcel &p = a.parcels[i], &q = b.parcels[i];
        EXPECT_EQ(p.id, q.id);
        EXPECT_EQ(p.zone_code, q.zone_code);
        EXPECT_EQ(p.landuse, q.landuse);
        EXPECT_EQ(p.supply_status, q.supply_status);
        EXPECT_EQ(p.area_m2, q.area_m2);
        EXPECT_EQ(p.stats.invest_wan_per_mu, q.stats.invest_wan_per_mu);
        EXPECT_EQ(p.stats.compliance, q.stats.compliance);
        EXPECT_EQ(p.stats.industry, q.stats.industry);
        EXPECT_EQ(p.stats.stage, q.stats.stage);
    }
    EXPECT_EQ(a.zones.size(), b.zones.size());
    EXPECT_EQ(b.projects.size(), with_ledger ? a.projects.size() : 0u);
    EXPECT_EQ(b.links.size(), with_ledger ? a.links.size() : 0u);
    EXPECT_EQ(b.problems.size(), with_ledger ? a.problems.size() : 0u);
}

// Every field of two parcels (geometry through its WKB).
void expect_same_parcel(const Parcel& p, const Parcel& q) {
    EXPECT_EQ(p.id, q.id);
    EXPECT_EQ(p.code, q.code);
    EXPECT_EQ(p.code_norm, q.code_norm);
    EXPECT_EQ(p.layer, q.layer);
    EXPECT_EQ(p.source_fid, q.source_fid);
    EXPECT_EQ(p.zone_code, q.zone_code);
    EXPECT_EQ(p.location, q.location);
    EXPECT_EQ(p.landuse_code, q.landuse_code);
    EXPECT_EQ(p.landuse_name, q.landuse_name);
    EXPECT_EQ(p.landuse, q.landuse);
    EXPECT_EQ(p.declared_area_m2, q.declared_area_m2);
    EXPECT_EQ(p.declared_area_kind, q.declared_area_kind);
    EXPECT_EQ(p.area_m2, q.area_m2);
    EXPECT_EQ(p.area_mu, q.area_mu);
    EXPECT_EQ(p.planar_area_m2, q.planar_area_m2);
    EXPECT_EQ(p.gk_zone, q.gk_zone);
    EXPECT_EQ(p.plot_ratio, q.plot_ratio);
    EXPECT_EQ(p.supply_status, q.supply_status);
    EXPECT_EQ(p.approval_date, q.approval_date);
    EXPECT_EQ(p.reserve_date, q.reserve_date);
    EXPECT_EQ(p.supply_date, q.supply_date);
    EXPECT_EQ(p.transfer_method, q.transfer_method);
    EXPECT_EQ(p.land_price_wan, q.land_price_wan);
    EXPECT_EQ(p.contract_start_date, q.contract_start_date);
    EXPECT_EQ(p.contract_completion_date, q.contract_completion_date);
    EXPECT_EQ(p.supplement_start_date, q.supplement_start_date);
    EXPECT_EQ(p.exempt_reason, q.exempt_reason);
    EXPECT_EQ(p.developed_share, q.developed_share);
    EXPECT_EQ(p.invested_share, q.invested_share);
    EXPECT_EQ(p.work_stopped_date, q.work_stopped_date);
    EXPECT_EQ(p.exempt_until, q.exempt_until);
    EXPECT_EQ(p.planned_supply_date, q.planned_supply_date);
    EXPECT_EQ(p.standard_land, q.standard_land);
    EXPECT_EQ(p.committed_invest_wan_per_mu, q.committed_invest_wan_per_mu);
    EXPECT_EQ(p.committed_output_wan_per_mu, q.committed_output_wan_per_mu);
    EXPECT_EQ(p.committed_tax_wan_per_mu, q.committed_tax_wan_per_mu);
    EXPECT_EQ(p.committed_plot_ratio, q.committed_plot_ratio);
    EXPECT_EQ(p.centroid_lon, q.centroid_lon);
    EXPECT_EQ(p.centroid_lat, q.centroid_lat);
    const ParcelStats &a = p.stats, &b = q.stats;
    EXPECT_EQ(a.project_count, b.project_count);
    EXPECT_EQ(a.invest_wan, b.invest_wan);
    EXPECT_EQ(a.output_wan, b.output_wan);
    EXPECT_EQ(a.tax_wan, b.tax_wan);
    EXPECT_EQ(a.jobs, b.jobs);
    EXPECT_EQ(a.invest_wan_per_mu, b.invest_wan_per_mu);
    EXPECT_EQ(a.output_wan_per_mu, b.output_wan_per_mu);
    EXPECT_EQ(a.tax_wan_per_mu, b.tax_wan_per_mu);
    EXPECT_EQ(a.jobs_per_mu, b.jobs_per_mu);
    EXPECT_EQ(a.threshold_wan_per_mu, b.threshold_wan_per_mu);
    EXPECT_EQ(a.compliance, b.compliance);
    EXPECT_EQ(a.industry, b.industry);
    EXPECT_EQ(a.stage, b.stage);
    EXPECT_EQ(a.enterprise_kind, b.enterprise_kind);
    EXPECT_EQ(geo::wkb_from_multipolygon(p.geom), geo::wkb_from_multipolygon(q.geom));
}

// Picks on a fine grid over the extent (and a little beyond) agree, and hit parcels at all.
void expect_same_picking(const MapData& a, const MapData& b) {
    int hits = 0;
    const Box& e = a.extent;
    for (int iy = -2; iy <= 120; ++iy)
        for (int ix = -2; ix <= 120; ++ix) {
            const double x = e.min_x + (e.max_x - e.min_x) * ix / 118.0,
                         y = e.min_y + (e.max_y - e.min_y) * iy / 118.0;
            const int pa_ = a.picking.pick(a.parcels, a.parcel_boxes, x, y);
            ASSERT_EQ(pa_, b.picking.pick(b.parcels, b.parcel_boxes, x, y)) << x << "," << y;
            hits += pa_ >= 0;
        }
    EXPECT_GT(hits, 1000);
}

}  // namespace

TEST(OpenStages, TwoStageOpenMatchesOneStage) {
    const std::string path = make_workspace("two-stage.sqlite");
    const MapData one = load_map_data(path);  // triangulates and writes the cache
    ASSERT_FALSE(one.mesh_from_cache);
    ASSERT_TRUE(one.geometry_ready);
    ASSERT_EQ(one.parcels.size(), 30u);

    MapData two = load_map_data_first(path);
    EXPECT_TRUE(two.mesh_from_cache);
    EXPECT_FALSE(two.geometry_ready);
    // The cached mesh is only checked (its key) in stage 1, read after the first frame.
    ASSERT_TRUE(two.mesh_pending);
    EXPECT_TRUE(two.mesh.fill_index.empty());
    double mesh_s = -1;
    ParcelMesh cached = read_cached_mesh(two, &mesh_s);
    EXPECT_GE(mesh_s, 0.0);
    install_mesh(two, std::move(cached), mesh_s);
    EXPECT_FALSE(two.mesh_pending);
    for (const auto& p : two.parcels) {
        EXPECT_TRUE(p.geom.empty());
        EXPECT_TRUE(p.location.empty());  // stage 1 reads the theme columns only
    }
    // Before the second stage nothing is picked.
    const Box& b0 = one.parcel_boxes[0];
    EXPECT_GE(
        one.picking.pick(one.parcels, one.parcel_boxes, (b0.min_x + b0.max_x) / 2, (b0.min_y + b0.max_y) / 2),
        0);
    EXPECT_EQ(
        two.picking.pick(two.parcels, two.parcel_boxes, (b0.min_x + b0.max_x) / 2, (b0.min_y + b0.max_y) / 2),
        -1);
    ASSERT_FALSE(one.projects.empty());
    expect_same_drawing(one, two, false);  // the ledger comes with stage 2

    GeometryStage stage = load_map_geometry(two);
    finish_map_geometry(two, std::move(stage));
    EXPECT_TRUE(two.geometry_ready);
    // After stage 2 every parcel is complete: the columns stage 1 left out and the geometry.
    for (size_t i = 0; i < one.parcels.size(); ++i) {
        SCOPED_TRACE(i);
        expect_same_parcel(one.parcels[i], two.parcels[i]);
    }
    expect_same_picking(one, two);
    expect_same_drawing(one, two);

    // A cache that changes between the key check and the read is refused, not drawn.
    MapData three = load_map_data_first(path);
    ASSERT_TRUE(three.mesh_pending);
    store::Workspace::open(path, false).db().exec("DELETE FROM render_cache");
    EXPECT_THROW(read_cached_mesh(three), WorkspaceError);
}

TEST(OpenStages, UncachedFirstStageLeavesTheTriangulationForAfterStageTwo) {
    const std::string path = make_workspace("uncached.sqlite");
    MapData two =
        load_map_data_first(path);  // no cache yet: boxes only; geometry, ledger and mesh come later
    EXPECT_FALSE(two.mesh_from_cache);
    EXPECT_FALSE(two.geometry_ready);
    EXPECT_TRUE(two.mesh_pending);
    EXPECT_TRUE(two.mesh_needs_triangulation);
    EXPECT_TRUE(two.mesh.fill_index.empty()) << "the first frame draws points";
    ASSERT_FALSE(two.pending_mesh_key.empty()) << "the cache write waits for the mesh";
    finish_map_geometry(two, load_map_geometry(two));
    double sec = 0;
    ParcelMesh mesh = triangulate_mesh(two, &sec);
    install_mesh(two, std::move(mesh), sec);
    EXPECT_FALSE(two.mesh_pending);
    EXPECT_FALSE(two.mesh_needs_triangulation);
    EXPECT_FALSE(load_map_data_first(path).mesh_from_cache) << "not written yet";
    EXPECT_GT(store_pending_mesh(two), 0.0);
    EXPECT_TRUE(two.pending_mesh_key.empty());
    EXPECT_EQ(store_pending_mesh(two), 0.0) << "nothing left to write";
    const MapData one = load_map_data(path);
    EXPECT_TRUE(one.mesh_from_cache);  // the first stage stored the mesh under the one-stage key
    expect_same_drawing(one, two);
    for (size_t i = 0; i < one.parcels.size(); ++i) {
        SCOPED_TRACE(i);
        expect_same_parcel(one.parcels[i], two.parcels[i]);
    }
    expect_same_picking(one, two);
    complete_map_data(two);  // a no-op once ready
    EXPECT_TRUE(two.geometry_ready);
}

TEST(OpenStages, ParcelBoxesFromBlobHeadersMatchGeometry) {
    const std::string path = make_workspace("boxes.sqlite");
    auto ws = store::Workspace::open(path, true);
    const auto full = ws.load_parcels();
    std::vector<BBox> boxes;
    const auto bare = ws.load_parcels_lean(boxes);
    ASSERT_EQ(bare.size(), full.size());
    ASSERT_EQ(boxes.size(), full.size());
    int empty = 0;
    for (size_t i = 0; i < full.size(); ++i) {
        EXPECT_EQ(bare[i].id, full[i].id);
        EXPECT_EQ(bare[i].code, full[i].code);
        EXPECT_TRUE(bare[i].geom.empty());
        BBox want;
        for (const auto& poly : full[i].geom)
            for (const auto& r : poly)
                for (const auto& q : r) want.expand(q);
        EXPECT_EQ(boxes[i].empty(), want.empty()) << i;
        if (want.empty()) {
            ++empty;
            continue;
        }
        EXPECT_EQ(boxes[i].min_lon, want.min_lon) << i;
        EXPECT_EQ(boxes[i].min_lat, want.min_lat) << i;
        EXPECT_EQ(boxes[i].max_lon, want.max_lon) << i;
        EXPECT_EQ(boxes[i].max_lat, want.max_lat) << i;
    }
    EXPECT_EQ(empty, 1);  // the parcel stored without geometry
}

TEST(OpenStages, LeanReadInSlicesEqualsOneSlice) {
    // Ids 10, 13, ... 97 (gaps), read in slices of 4 rows on their own connections and threads.
    const std::string path = make_workspace("slices.sqlite");
    auto ws = store::Workspace::open(path, true);
    std::vector<BBox> boxes1, boxes8;
    const auto one = ws.load_parcels_lean(boxes1);
    const auto sliced = ws.load_parcels_lean(boxes8, 4);
    ASSERT_EQ(one.size(), 30u);
    ASSERT_EQ(sliced.size(), one.size());
    ASSERT_EQ(boxes8.size(), boxes1.size());
    for (size_t i = 0; i < one.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(sliced[i].id, one[i].id);
        EXPECT_EQ(sliced[i].code, one[i].code);
        EXPECT_EQ(sliced[i].zone_code, one[i].zone_code);
        EXPECT_EQ(sliced[i].landuse, one[i].landuse);
        EXPECT_EQ(sliced[i].supply_status, one[i].supply_status);
        EXPECT_EQ(sliced[i].area_mu, one[i].area_mu);
        EXPECT_EQ(sliced[i].stats.invest_wan_per_mu, one[i].stats.invest_wan_per_mu);
        EXPECT_EQ(sliced[i].stats.compliance, one[i].stats.compliance);
        EXPECT_EQ(sliced[i].stats.enterprise_kind, one[i].stats.enterprise_kind);
        EXPECT_EQ(boxes8[i].min_lon, boxes1[i].min_lon);
        EXPECT_EQ(boxes8[i].max_lat, boxes1[i].max_lat);
    }
    for (size_t i = 1; i < sliced.size(); ++i) EXPECT_LT(sliced[i - 1].id, sliced[i].id);
}

// The compact first-stage record: written after an open that read the rows, it gives the same parcels and
// boxes (then stage 2 completes them to the full parcels); any write to the parcels drops it, and a damaged
// one is not used.
TEST(OpenStages, FirstStageRecordEqualsTheRowsAndGoesWithAnyParcelWrite) {
    const std::string path = make_workspace("lean_record.sqlite");
    auto full = store::Workspace::open(path, true).load_parcels();
    std::vector<BBox> rows_boxes, rec_boxes;
    std::vector<Parcel> rows;
    {
        auto ws = store::Workspace::open(path, false);
        rows = ws.load_parcels_lean(rows_boxes);
        EXPECT_FALSE(ws.lean_from_record());
        ASSERT_TRUE(ws.store_lean_record(rows, rows_boxes));
    }
    auto ws = store::Workspace::open(path, false);
    auto rec = ws.load_parcels_lean(rec_boxes);
    ASSERT_TRUE(ws.lean_from_record());
    ASSERT_EQ(rec.size(), rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        SCOPED_TRACE(i);
        expect_same_parcel(rows[i], rec[i]);  // the lean fields; the rest empty in both
        EXPECT_EQ(rows_boxes[i].min_lon, rec_boxes[i].min_lon);
        EXPECT_EQ(rows_boxes[i].max_lat, rec_boxes[i].max_lat);
        EXPECT_EQ(rows_boxes[i].empty(), rec_boxes[i].empty());
    }
    ws.read_parcels_rest(rec);
    for (size_t i = 0; i < full.size(); ++i) {
        SCOPED_TRACE(i);
        expect_same_parcel(full[i], rec[i]);
    }
    // A derived update (a re-check, a ledger import) changes the theme columns: the record goes with it.
    full[0].stats.compliance = Compliance::Meets;
    {
        store::Transaction tx(ws.db());
        ws.update_parcel_derived(full);
        tx.commit();
    }
    ws.load_parcels_lean(rec_boxes);
    EXPECT_FALSE(ws.lean_from_record());
    // A damaged record is refused by the decoder (the rows are read instead).
    std::vector<Parcel> out;
    std::vector<BBox> b;
    const std::string blob = store::serialize_lean(rows, rows_boxes);
    EXPECT_TRUE(store::deserialize_lean(blob, out, b, 2));
    EXPECT_FALSE(store::deserialize_lean(blob.substr(0, blob.size() - 3), out, b, 2));
    EXPECT_TRUE(out.empty());
}

TEST(OpenStages, LeanParcelsPlusRestEqualFullParcels) {
    const std::string path = make_workspace("lean.sqlite");
    auto ws = store::Workspace::open(path, true);
    const auto full = ws.load_parcels();
    std::vector<BBox> boxes;
    auto lean = ws.load_parcels_lean(boxes);
    ASSERT_EQ(lean.size(), full.size());
    ASSERT_EQ(boxes.size(), full.size());
    int with_location = 0;
    for (size_t i = 0; i < full.size(); ++i) {
        // Stage 1: the theme columns (the boxes are checked in ParcelBoxesFromBlobHeadersMatchGeometry); not
        // the rest.
        EXPECT_EQ(lean[i].id, full[i].id);
        EXPECT_EQ(lean[i].code, full[i].code);
        EXPECT_EQ(lean[i].supply_status, full[i].supply_status);
        EXPECT_EQ(lean[i].stats.invest_wan_per_mu, full[i].stats.invest_wan_per_mu);
        EXPECT_EQ(lean[i].stats.enterprise_kind, full[i].stats.enterprise_kind);
        EXPECT_TRUE(lean[i].location.empty());
        EXPECT_TRUE(lean[i].approval_date.empty());
        EXPECT_FALSE(lean[i].committed_invest_wan_per_mu.has_value());
        EXPECT_TRUE(lean[i].geom.empty());
        with_location += !full[i].location.empty();
    }
    EXPECT_EQ(with_location, 30);
    ws.read_parcels_rest(lean);
    for (size_t i = 0; i < full.size(); ++i) {
        SCOPED_TRACE(i);
        expect_same_parcel(full[i], lean[i]);
    }
    // The same in slices of 4 rows, each on its own connection and thread.
    auto sliced = ws.load_parcels_lean(boxes, 4);
    ws.read_parcels_rest(sliced, 4);
    for (size_t i = 0; i < full.size(); ++i) {
        SCOPED_TRACE(i);
        expect_same_parcel(full[i], sliced[i]);
    }
    // Parcels that are not the stored ones (one missing, or another id) are refused.
    auto fewer = ws.load_parcels_lean(boxes);
    fewer.pop_back();
    EXPECT_THROW(ws.read_parcels_rest(fewer), WorkspaceError);
    auto other = ws.load_parcels_lean(boxes);
    other[3].id += 1;
    EXPECT_THROW(ws.read_parcels_rest(other), WorkspaceError);
    EXPECT_THROW(ws.read_parcels_rest(other, 4), WorkspaceError)
        << "also when the wrong id is in another slice";
    EXPECT_THROW(ws.read_parcels_rest(fewer, 4), WorkspaceError);
}

namespace {
// The highlight's segments (ax, ay, bx, by, rounded to a centimetre), direction-free and sorted: the mesh's
// outline and the projected rings hold the same segments in their own orders.
std::vector<std::array<long, 4>> highlight_segments(const MapData& d, const std::vector<int>& parcels) {
    const std::vector<float> v = highlight_outline_vertices(d, parcels);
    std::vector<std::array<long, 4>> out;
    for (size_t k = 0; k + 30 <= v.size(); k += 30) {  // 6 vertices of 5 floats per segment
        std::array<long, 4> s = {std::lround(v[k] * 100), std::lround(v[k + 1] * 100),
                                 std::lround(v[k + 2] * 100), std::lround(v[k + 3] * 100)};
        if (std::pair(s[2], s[3]) < std::pair(s[0], s[1])) s = {s[2], s[3], s[0], s[1]};
        out.push_back(s);
    }
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

TEST(OpenStages, MeshFreedOnceOnTheGpuComesBackForAnExport) {
    const std::string path = make_workspace("released.sqlite");
    (void)load_map_data(path);  // writes the cache
    MapData d = load_map_data_first(path);
    EXPECT_EQ(release_mesh(d), 0u) << "nothing to free while the mesh is pending";
    install_mesh(d, read_cached_mesh(d), 0);
    const std::string before = d.mesh.serialize();
    const std::vector<int> some = {0, 4, 7, 29};
    finish_map_geometry(d, load_map_geometry(d));
    const auto from_mesh = highlight_segments(d, some);
    ASSERT_FALSE(from_mesh.empty());

    EXPECT_GT(release_mesh(d), 0u);
    EXPECT_TRUE(d.mesh_released);
    EXPECT_TRUE(d.mesh.fill_index.empty() && d.mesh.line_xy.empty() && d.mesh.line_first.empty());
    EXPECT_EQ(release_mesh(d), 0u) << "once";
    // Highlights come from the parcels' rings while the mesh is away: the same segments.
    EXPECT_EQ(highlight_segments(d, some), from_mesh);

    ASSERT_TRUE(restore_mesh(d));  // from the cache
    EXPECT_FALSE(d.mesh_released);
    ParcelMesh grouped_before;
    ASSERT_TRUE(ParcelMesh::deserialize(before, grouped_before));
    EXPECT_EQ(d.mesh.line_xy, grouped_before.line_xy);
    EXPECT_EQ(d.mesh.fill_index, grouped_before.fill_index);
    EXPECT_EQ(d.mesh.line_index, grouped_before.line_index);
    EXPECT_EQ(highlight_segments(d, some), from_mesh);

    // Without the cache (another desk's import cleared it, a read-only workspace never wrote it):
    // triangulated again from the geometry, the same triangles.
    release_mesh(d);
    store::Workspace::open(path, false).db().exec("DELETE FROM render_cache");
    ASSERT_TRUE(restore_mesh(d));
    EXPECT_EQ(d.mesh.line_xy, grouped_before.line_xy);
    EXPECT_EQ(d.mesh.fill_index, grouped_before.fill_index);

    // … which needs the geometry: before stage 2 there is nothing to triangulate from.
    MapData early = load_map_data_first(path);
    ASSERT_TRUE(early.mesh_needs_triangulation);
    finish_map_geometry(early, load_map_geometry(early));
    install_mesh(early, triangulate_mesh(early), 0);
    early.pending_mesh_key.clear();  // (the viewer frees only once the cache write is done)
    EXPECT_GT(release_mesh(early), 0u);
    early.geometry_ready = false;
    EXPECT_FALSE(restore_mesh(early));
    EXPECT_TRUE(early.mesh_released);
}

TEST(OpenStages, MeshHandedToTheUploadOnlyWhenNothingElseReadsIt) {
    const std::string path = make_workspace("taken.sqlite");
    MapData d = load_map_data_first(path);  // no cache yet: triangulated after stage 2
    EXPECT_FALSE(take_mesh(d).has_value()) << "not there yet";
    finish_map_geometry(d, load_map_geometry(d));
    install_mesh(d, triangulate_mesh(d), 0);
    d.pending_mesh_key = "parcels-mesh-v3:pending";
    EXPECT_FALSE(take_mesh(d).has_value()) << "a cache write still reads it";
    EXPECT_FALSE(d.mesh.fill_index.empty());
    d.pending_mesh_key.clear();
    const std::string whole = d.mesh.serialize();
    size_t bytes = 0;
    auto taken = take_mesh(d, &bytes);
    ASSERT_TRUE(taken.has_value());
    EXPECT_EQ(taken->serialize(), whole) << "the mesh itself, moved";
    EXPECT_GT(bytes, whole.size() / 2);
    EXPECT_TRUE(d.mesh_released);
    EXPECT_TRUE(d.mesh.fill_index.empty() && d.mesh.line_xy.empty());
    EXPECT_FALSE(take_mesh(d).has_value()) << "once";
    EXPECT_EQ(release_mesh(d), 0u);
    ASSERT_TRUE(restore_mesh(d));  // an export meanwhile: triangulated again (no cache was written)
    EXPECT_EQ(d.mesh.serialize(), whole);
}
