// Reading by view on the render side: a mesh from triangles cached per parcel equals the one triangulated
// whole (holes, several parts), a cache that does not fit its parcel is triangulated instead, and a view read
// of a workspace draws what a whole read draws there.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "core/store/workspace.hpp"
#include "render/map_view.hpp"
#include "support/fixtures.hpp"
#include "support/scratch.hpp"

using namespace pa;
using namespace pa::render;

namespace {
std::vector<Parcel> shapes() {
    std::vector<Parcel> ps;
    ps.push_back(test::parcel(1, "A", test::square(106.60, 26.60, 0.001)));
    MultiPolygon holed = test::square(106.61, 26.60, 0.002);
    Ring hole = test::square_ring(106.6105, 26.6005, 0.0005);
    std::reverse(hole.begin(), hole.end());
    holed[0].push_back(hole);
    ps.push_back(test::parcel(2, "B", holed));
    MultiPolygon two = test::square(106.62, 26.60, 0.001);
    two.push_back(test::square(106.625, 26.60, 0.001)[0]);
    ps.push_back(test::parcel(3, "C", two));
    ps.push_back(test::parcel(4, "D",
                              {{{{106.63, 26.60},
                                 {106.632, 26.60},
                                 {106.632, 26.601},
                                 {106.631, 26.6005},
                                 {106.630, 26.601},
                                 {106.63, 26.60}}}}));  // concave
    return ps;
}
}  // namespace

TEST(MapView, MeshFromCachedTrianglesEqualsTheWholeTriangulation) {
    const auto ps = shapes();
    const LocalProjection pr(106.62, 26.60);
    std::vector<const MultiPolygon*> geoms;
    for (const auto& p : ps) geoms.push_back(&p.geom);
    const auto tris = cacheable_triangles(geoms, pr);
    ASSERT_EQ(tris.size(), ps.size());
    for (const auto& t : tris) EXPECT_FALSE(t.empty());
    size_t cached = 0;
    const ParcelMesh m = mesh_from_cached(ps, tris, pr, &cached);
    const ParcelMesh w = tessellate_parcels(ps, pr);
    EXPECT_EQ(cached, ps.size());
    EXPECT_EQ(m.line_xy, w.line_xy);
    EXPECT_EQ(m.line_parcel, w.line_parcel);
    EXPECT_EQ(m.line_index, w.line_index);
    EXPECT_EQ(m.line_first, w.line_first);
    EXPECT_EQ(m.line_count, w.line_count);
    EXPECT_EQ(m.fill_index, w.fill_index);
    EXPECT_TRUE(m.shares_vertices());

    // A blob that does not fit (an index past the parcel's vertices, an odd size) is triangulated here.
    auto bad = tris;
    const uint16_t far = 999;
    std::memcpy(bad[1].data(), &far, 2);
    bad[2] = "xyz";
    size_t cached2 = 0;
    const ParcelMesh m2 = mesh_from_cached(ps, bad, pr, &cached2);
    EXPECT_EQ(cached2, ps.size() - 2);
    EXPECT_EQ(m2.fill_index, w.fill_index);
    EXPECT_EQ(m2.line_xy, w.line_xy);
}

TEST(MapView, AViewReadDrawsWhatTheWholeReadDrawsThere) {
    const std::string path = test::scratch_path("pa-map-view", "ws.sqlite");
    {
        auto ws = store::Workspace::open_or_create(path);
        std::vector<Parcel> ps;
        int64_t id = 1;
        for (int i = 0; i < 30; ++i)
            for (int j = 0; j < 30; ++j, ++id)
                ps.push_back(test::parcel(id, "P" + std::to_string(id),
                                          test::square(106.6 + i * 0.0012, 26.5 + j * 0.0012, 0.001)));
        ps.push_back(shapes()[1]);
        ps.back().id = id;
        store::Transaction tx(ws.db());
        const int64_t imp = ws.log_import({"parcels", "x", "x", "GPKG", "EPSG:4490", "UTF-8", 1, 1, 0, ""});
        ws.replace_parcels(ps, std::vector<int64_t>(ps.size(), imp));
        tx.commit();
    }
    const ViewIndexBuild b = build_view_index(path, {}, 64);  // several batches
    EXPECT_EQ(b.parcels, 901);
    EXPECT_EQ(b.cached_tris, 901);
    const MapData whole = load_map_data(path);
    // Close in (every parcel, with geometry): a box of the grid.
    ViewRequest req;
    req.box = BBox{106.605, 26.505, 106.615, 26.515};
    req.m_per_px = 1.0;
    const MapData v = load_map_data_view(path, req);
    EXPECT_TRUE(v.view.on);
    EXPECT_EQ(v.view.level, -1);
    EXPECT_EQ(v.view.total_parcels, 901);
    EXPECT_EQ(v.view.cached_tris, static_cast<int64_t>(v.parcels.size()));
    EXPECT_GT(v.parcels.size(), 50u);
    EXPECT_LT(v.parcels.size(), 200u);
    EXPECT_EQ(v.proj.lon0(), whole.proj.lon0());  // one plane for every view of the workspace
    EXPECT_EQ(v.proj.lat0(), whole.proj.lat0());
    EXPECT_TRUE(v.geometry_ready);
    // Each parcel's triangles cover its area (local metres), as the whole read's do.
    auto tri_area = [](const ParcelMesh& m, uint32_t parcel) {
        const auto& xy = m.fill_vertices();
        const auto& own = m.fill_owner();
        double a = 0;
        for (size_t k = 0; k + 2 < m.fill_index.size(); k += 3) {
            const uint32_t i0 = m.fill_index[k], i1 = m.fill_index[k + 1], i2 = m.fill_index[k + 2];
            if (own[i0] != parcel) continue;
            a += std::abs((xy[2 * i1] - xy[2 * i0]) * (xy[2 * i2 + 1] - xy[2 * i0 + 1]) -
                          (xy[2 * i2] - xy[2 * i0]) * (xy[2 * i1 + 1] - xy[2 * i0 + 1])) /
                 2;
        }
        return a;
    };
    for (size_t i = 0; i < v.parcels.size(); ++i) {
        const size_t wi = static_cast<size_t>(v.parcels[i].id - 1);
        EXPECT_NEAR(tri_area(v.mesh, uint32_t(i)), tri_area(whole.mesh, uint32_t(wi)), 1.0);
    }
    // Picking works on what was read.
    const auto c = v.proj.xy(v.parcels[0].centroid_lon, v.parcels[0].centroid_lat);
    EXPECT_EQ(v.picking.pick(v.parcels, v.parcel_boxes, c.x, c.y), 0);

    // Far out: a level of detail, one parcel per cell, drawn as points at least the cell's size.
    ViewRequest far;
    far.width = 200;
    far.height = 100;
    const MapData f = load_map_data_view(path, far);
    EXPECT_GE(f.view.level, 0);
    EXPECT_LT(f.parcels.size(), 901u);
    EXPECT_GT(f.view.cell_m, 0);
    EXPECT_TRUE(f.mesh.fill_index.empty());

    // A camera inside what was read, at its scale, needs no new read; one beyond it does.
    Camera cam;
    cam.width = 400;
    cam.height = 300;
    cam.m_per_px = 1.0;
    const auto mid = v.proj.xy(106.61, 26.51);
    cam.cx = mid.x;
    cam.cy = mid.y;
    EXPECT_TRUE(view_covers(v, cam));
    cam.cx += 1500;  // still over the workspace's parcels, beyond what was read
    EXPECT_FALSE(view_covers(v, cam));
    cam.cx += 5000;  // beyond every parcel: nothing to read
    EXPECT_TRUE(view_covers(v, cam));
    cam.cx = mid.x;
    cam.m_per_px = 200;  // far out: another level
    EXPECT_FALSE(view_covers(v, cam));
    EXPECT_TRUE(view_covers(whole, cam));  // a whole read serves every camera
}
