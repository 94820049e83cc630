// The view index of a workspace (reading by view): built from the parcels' shapes, read back by box and level
// with the same parcels as a whole read, limited reads say they were cut, and an import makes it stale.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/geo/view_levels.hpp"
#include "core/store/workspace.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace pa;

namespace {
std::vector<Parcel> grid_parcels(int n) {
    std::vector<Parcel> out;
    int64_t id = 1;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j, ++id) {
            const double d = 0.0004 + 0.0001 * ((i * 7 + j * 3) % 5);  // sizes vary: a largest per cell
            auto p = test::parcel(id, "P" + std::to_string(id),
                                  test::square(106.6 + i * 0.001, 26.5 + j * 0.001, d));
            p.stats.invest_wan = double(id);
            out.push_back(p);
        }
    return out;
}

void write(store::Workspace& ws, const std::vector<Parcel>& ps) {
    store::Transaction tx(ws.db());
    const int64_t imp = ws.log_import({"parcels", "x.gpkg", "x", "GPKG", "EPSG:4490", "UTF-8", 1, 1, 0, ""});
    ws.replace_parcels(ps, std::vector<int64_t>(ps.size(), imp));
    tx.commit();
}

// Builds the index the way render::build_view_index does, without triangles but one parcel's.
void build(store::Workspace& ws) {
    std::vector<int64_t> ids;
    std::vector<double> lon, lat, area;
    std::vector<BBox> boxes;
    ws.scan_parcel_shapes(7, [&](std::vector<store::ParcelShape>& batch) {
        EXPECT_LE(batch.size(), 7u);
        for (const auto& s : batch) {
            ids.push_back(s.id);
            lon.push_back(s.centroid_lon);
            lat.push_back(s.centroid_lat);
            area.push_back(s.area_m2);
            BBox b;
            for (const auto& q : s.geom[0][0]) b.expand(q);
            boxes.push_back(b);
        }
    });
    const auto levels = geo::view_levels(lon, lat, area);
    static const std::string tris("\x00\x00\x01\x00\x02\x00", 6);
    std::vector<store::ViewIndexEntry> rows;
    BBox extent;
    for (size_t i = 0; i < ids.size(); ++i) {
        rows.push_back({ids[i], levels[i], boxes[i], i == 0 ? std::string_view(tris) : std::string_view()});
        extent.expand({boxes[i].min_lon, boxes[i].min_lat});
        extent.expand({boxes[i].max_lon, boxes[i].max_lat});
    }
    ws.replace_view_index(rows, extent);
}
}  // namespace

TEST(ViewIndex, ReadsByBoxAndLevelLikeAWholeRead) {
    const fs::path path = fs::temp_directory_path() / "pa_test_view_index.sqlite";
    fs::remove(path);
    auto ws = store::Workspace::open_or_create(path.string());
    const auto parcels = grid_parcels(20);
    write(ws, parcels);
    EXPECT_FALSE(ws.view_index_info().present);
    build(ws);
    auto info = ws.view_index_info();
    EXPECT_TRUE(info.present);
    EXPECT_TRUE(info.fresh);
    EXPECT_EQ(info.parcels, 400);
    EXPECT_NEAR(info.extent.min_lon, 106.6, 1e-9);

    // Every parcel with geometry, in a box: those whose box meets it, as a whole read has them.
    const auto whole = ws.load_parcels();
    store::ViewQuery q;
    q.box = BBox{106.6045, 26.5045, 106.6105, 26.5085};
    q.with_geometry = true;
    const auto r = ws.load_parcels_view(q);
    std::vector<int64_t> want;
    for (const auto& p : whole) {
        BBox b;
        for (const auto& pt : p.geom[0][0]) b.expand(pt);
        if (b.max_lon >= q.box.min_lon && b.min_lon <= q.box.max_lon && b.max_lat >= q.box.min_lat &&
            b.min_lat <= q.box.max_lat)
            want.push_back(p.id);
    }
    ASSERT_EQ(r.parcels.size(), want.size());
    ASSERT_FALSE(want.empty());
    for (size_t i = 0; i < want.size(); ++i) {
        const Parcel& p = r.parcels[i];
        EXPECT_EQ(p.id, want[i]);
        const Parcel& w = whole[static_cast<size_t>(p.id - 1)];
        EXPECT_EQ(p.code, w.code);
        ASSERT_EQ(p.geom.size(), 1u);
        ASSERT_EQ(p.geom[0][0].size(), w.geom[0][0].size());
        for (size_t k = 0; k < w.geom[0][0].size(); ++k) {
            EXPECT_EQ(p.geom[0][0][k].lon, w.geom[0][0][k].lon);
            EXPECT_EQ(p.geom[0][0][k].lat, w.geom[0][0][k].lat);
        }
        EXPECT_EQ(*p.stats.invest_wan, *w.stats.invest_wan);
    }
    EXPECT_EQ(r.tris.size(), r.parcels.size());

    // Points at a level: the parcels of that level or above, without geometry; ids ascending.
    for (int L = 0; L < 6; ++L) {
        store::ViewQuery lq;
        lq.box = info.extent;
        lq.min_level = L;
        const auto lr = ws.load_parcels_view(lq);
        EXPECT_TRUE(lr.tris.empty());
        size_t n = 0;
        std::vector<double> lon, lat, area;
        for (const auto& p : whole) {
            lon.push_back(p.centroid_lon);
            lat.push_back(p.centroid_lat);
            area.push_back(p.area_m2);
        }
        const auto levels = geo::view_levels(lon, lat, area);
        for (auto l : levels) n += l >= L ? 1 : 0;
        EXPECT_EQ(lr.parcels.size(), n) << "level " << L;
        for (const auto& p : lr.parcels) EXPECT_TRUE(p.geom.empty());
        EXPECT_TRUE(std::is_sorted(lr.parcels.begin(), lr.parcels.end(),
                                   [](const Parcel& a, const Parcel& b) { return a.id < b.id; }));
    }
    // The first parcel's cached triangles come back as stored.
    store::ViewQuery one;
    one.box = BBox{106.6, 26.5, 106.6001, 26.5001};
    one.with_geometry = true;
    const auto r1 = ws.load_parcels_view(one);
    ASSERT_FALSE(r1.parcels.empty());
    EXPECT_EQ(r1.parcels[0].id, 1);
    EXPECT_EQ(r1.tris[0].size(), 6u);

    // A limit cuts the read and says so.
    store::ViewQuery lim;
    lim.box = info.extent;
    lim.limit = 50;
    const auto rl = ws.load_parcels_view(lim);
    EXPECT_EQ(rl.parcels.size(), 50u);
    EXPECT_TRUE(rl.truncated);

    // An import makes the index stale (it stays readable until rebuilt).
    write(ws, grid_parcels(10));
    info = ws.view_index_info();
    EXPECT_TRUE(info.present);
    EXPECT_FALSE(info.fresh);
    build(ws);
    EXPECT_TRUE(ws.view_index_info().fresh);
    fs::remove(path);
}
