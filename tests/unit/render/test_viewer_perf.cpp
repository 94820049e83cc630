// Viewer polish and performance pieces: the zone-label placement (priority, alternative positions, parts of
// multi-part zones), the parallel triangulation (same mesh on any thread count) and the map cache (redraws
// only on a change, and presents the same pixels as a direct draw).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "render/egl_context.hpp"
#include "render/gl_objects.hpp"
#include "render/labels.hpp"
#include "render/map_cache.hpp"
#include "render/map_data.hpp"
#include "render/map_renderer.hpp"

using namespace pa;
using namespace pa::render;

// In a test body: an offscreen EGL context in `var`, current; the test is skipped where there is none.
#define REQUIRE_EGL(var)                        \
    std::unique_ptr<EglContext> var;            \
    try {                                       \
        var = std::make_unique<EglContext>();   \
    } catch (const std::exception& e) {         \
        GTEST_SKIP() << "no EGL: " << e.what(); \
    }                                           \
    (void)var

namespace {

Ring box_ring(double lon, double lat, double dlon, double dlat) {
    return {{lon, lat}, {lon + dlon, lat}, {lon + dlon, lat + dlat}, {lon, lat + dlat}, {lon, lat}};
}

Zone zone(const std::string& code, const std::string& name, MultiPolygon g) {
    Zone z;
    z.code = code;
    z.name_zh = name;
    z.name_en = code;
    z.geom = std::move(g);
    return z;
}

// Every character 10 px wide, 16 px high (UTF-8 bytes counted: enough for ASCII names).
std::pair<float, float> fixed_measure(const std::string& s) {
    return {10.0f * float(s.size()), 16.0f};
}

LabelLayout whole(const Camera& cam) {
    LabelLayout l;
    l.right = float(cam.width);
    l.bottom = float(cam.height);
    return l;
}

int count_zone(const std::vector<PlacedLabel>& v, int zone) {
    int n = 0;
    for (const auto& l : v) n += l.zone == zone;
    return n;
}

}  // namespace

TEST(ZoneLabels, LargerZoneWinsAndSmallNeighbourMovesInsteadOfDisappearing) {
    // A big zone and a small one whose label point is right next to the big one's: centred, they would
    // collide.
    auto big = zone("BIG", "", {{box_ring(106.60, 26.60, 0.02, 0.02)}});
    auto small = zone("SMALL", "", {{box_ring(106.6102, 26.6101, 0.0008, 0.0008)}});
    big.name_zh = "BIGZONE";
    small.name_zh = "SMALLZONE";
    // Small zone first in the table: the old first-come order would have let it push the big one's label out.
    MapData d = build_map_data({small, big}, {}, {}, {});
    Camera cam;
    cam.width = 800;
    cam.height = 600;
    cam.fit(d.extent.min_x, d.extent.min_y, d.extent.max_x, d.extent.max_y, 0.05);
    const auto placed = place_zone_labels(d, cam, Lang::Zh, fixed_measure, whole(cam));
    ASSERT_EQ(placed.size(), 2u);
    EXPECT_EQ(placed[0].zone, 1) << "the larger zone is placed first";
    EXPECT_TRUE(placed[0].at_anchor);
    EXPECT_FALSE(placed[1].at_anchor) << "the small zone's label moved to a free position";
    EXPECT_FALSE(placed[0].rect.overlaps(placed[1].rect));
}

TEST(ZoneLabels, EveryPartOfAMultiPartZoneWithRoomGetsItsName) {
    // One zone in three separate parts, far apart: each is big on screen, each gets a label.
    MultiPolygon g = {{box_ring(106.50, 26.50, 0.03, 0.03)},
                      {box_ring(106.65, 26.50, 0.02, 0.02)},
                      {box_ring(106.50, 26.65, 0.01, 0.01)}};
    MapData d = build_map_data({zone("GA", "GA", g)}, {}, {}, {});
    ASSERT_EQ(d.zone_drawing.anchors.size(), 3u);
    EXPECT_TRUE(d.zone_drawing.anchors[0].largest);
    EXPECT_GT(d.zone_drawing.anchors[1].area_m2, d.zone_drawing.anchors[2].area_m2);
    Camera cam;
    cam.width = 1600;
    cam.height = 1200;
    cam.fit(d.extent.min_x, d.extent.min_y, d.extent.max_x, d.extent.max_y, 0.05);
    LabelLayout lay = whole(cam);
    lay.min_part_px = 40;  // the smallest part is about 60 px on screen here
    EXPECT_EQ(count_zone(place_zone_labels(d, cam, Lang::Zh, fixed_measure, lay), 0), 3);
    // Zoomed far out, the small parts are too small for their own label: only the largest keeps one.
    cam.m_per_px *= 8;
    EXPECT_EQ(count_zone(place_zone_labels(d, cam, Lang::Zh, fixed_measure, lay), 0), 1);
}

TEST(ZoneLabels, NamedPartsAreLabelledWithTheirOwnNames) {
    // 贵安新区 in three parts named 马场, 湖潮, 党武 (片区): the largest part names the zone and its part,
    // the others their part; a part without a name keeps the zone's name.
    EXPECT_EQ(zone_part_label("贵安新区", "马场", true), "贵安新区 · 马场");
    EXPECT_EQ(zone_part_label("贵安新区", "湖潮", false), "湖潮");
    EXPECT_EQ(zone_part_label("贵安新区", "", false), "贵安新区");
    EXPECT_EQ(zone_part_label("贵安新区", "贵安新区", true), "贵安新区");
    MultiPolygon g = {{box_ring(106.50, 26.50, 0.03, 0.03)},
                      {box_ring(106.65, 26.50, 0.02, 0.02)},
                      {box_ring(106.50, 26.65, 0.02, 0.02)}};
    Zone z = zone("GANA", "贵安新区", g);
    z.part_names = {"马场", "湖潮", "党武"};
    MapData d = build_map_data({z}, {}, {}, {});
    Camera cam;
    cam.width = 1600;
    cam.height = 1200;
    cam.fit(d.extent.min_x, d.extent.min_y, d.extent.max_x, d.extent.max_y, 0.05);
    LabelLayout lay = whole(cam);
    lay.min_part_px = 40;
    std::vector<std::string> texts;
    for (const auto& l : place_zone_labels(d, cam, Lang::Zh, fixed_measure, lay)) texts.push_back(l.text);
    std::sort(texts.begin(), texts.end());
    EXPECT_EQ(texts, (std::vector<std::string>{"党武", "湖潮", "贵安新区 · 马场"}));
    // In English the zone's English name leads; the part names stay as the data gives them.
    d.zones[0].name_en = "Gui'an New Area";
    texts.clear();
    for (const auto& l : place_zone_labels(d, cam, Lang::En, fixed_measure, lay)) texts.push_back(l.text);
    EXPECT_NE(std::find(texts.begin(), texts.end(), "Gui'an New Area · 马场"), texts.end());
    // A named part is labelled down to half the size an unnamed one needs (the small parts are ~140 px here).
    lay.min_part_px = 200;
    EXPECT_EQ(place_zone_labels(d, cam, Lang::Zh, fixed_measure, lay).size(), 3u);
    d.zones[0].part_names.clear();
    EXPECT_EQ(place_zone_labels(d, cam, Lang::Zh, fixed_measure, lay).size(), 1u);
}

TEST(ZoneLabels, LabelsKeepOffBlockedFurnitureAndTheScreenEdge) {
    MapData d = build_map_data({zone("Z", "ZONE", {{box_ring(106.60, 26.60, 0.01, 0.01)}})}, {}, {}, {});
    Camera cam;
    cam.width = 400;
    cam.height = 300;
    cam.fit(d.extent.min_x, d.extent.min_y, d.extent.max_x, d.extent.max_y, 0.05);
    LabelLayout lay = whole(cam);
    const float ax = float(cam.screen_x(d.zone_drawing.label_x[0])),
                ay = float(cam.screen_y(d.zone_drawing.label_y[0]));
    lay.blocked.push_back({ax - 30, ay - 12, ax + 30, ay + 12});  // a legend right on the label point
    const auto placed = place_zone_labels(d, cam, Lang::Zh, fixed_measure, lay);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_FALSE(placed[0].rect.overlaps(lay.blocked[0]));
    EXPECT_GE(placed[0].rect.x0, 0);
    EXPECT_LE(placed[0].rect.x1, 400);
    // The label point of a U-shaped zone lies inside the zone, not in its notch.
    Polygon u{{{106.60, 26.60},
               {106.63, 26.60},
               {106.63, 26.63},
               {106.62, 26.63},
               {106.62, 26.61},
               {106.61, 26.61},
               {106.61, 26.63},
               {106.60, 26.63},
               {106.60, 26.60}}};
    MapData du = build_map_data({zone("U", "U", {u})}, {}, {}, {});
    const auto [lon, lat] = du.proj.lonlat(du.zone_drawing.label_x[0], du.zone_drawing.label_y[0]);
    EXPECT_FALSE(lon > 106.61 && lon < 106.62 && lat > 26.61) << lon << "," << lat << " is in the notch";
}

TEST(ZoneLabels, EveryZoneLabelledWhenThereIsRoom) {
    // A big zone with a hole, a small zone inside that hole (like a bonded zone inside a new area), and a
    // tight cluster of small zones: near their points there is room for only a few names, farther out for all
    // of them.
    Polygon holed{box_ring(106.50, 26.50, 0.20, 0.20), box_ring(106.595, 26.595, 0.01, 0.01)};
    std::vector<Zone> zs{zone("BIG", "BIGZONE", {holed}),
                         zone("IN", "INHOLE", {{box_ring(106.597, 26.597, 0.006, 0.006)}})};
    for (int i = 0; i < 6; ++i)
        zs.push_back(zone("C" + std::to_string(i), "CLUSTER" + std::to_string(i),
                          {{box_ring(106.40 + (i % 3) * 0.0012, 26.40 + (i / 3) * 0.0012, 0.001, 0.001)}}));
    MapData d = build_map_data(zs, {}, {}, {});
    Camera cam;
    cam.width = 1000;
    cam.height = 800;
    cam.fit(d.extent.min_x, d.extent.min_y, d.extent.max_x, d.extent.max_y, 0.1);
    LabelLayout lay = whole(cam);
    // Furniture all around the small zone in the hole (a legend or the big zone's label would do the same),
    // open only to the east along its point's row: only a displaced position is free, and a leader line can
    // reach the point without crossing the furniture (leaders never do: a point under the furniture gets no
    // displaced label).
    const size_t in = 1;
    const float ix = float(cam.screen_x(d.zone_drawing.label_x[in])),
                iy = float(cam.screen_y(d.zone_drawing.label_y[in]));
    lay.blocked.push_back({ix - 70, iy - 28, ix + 40, iy - 5});  // above
    lay.blocked.push_back({ix - 70, iy + 5, ix + 40, iy + 28});  // below
    lay.blocked.push_back({ix - 70, iy - 5, ix - 40, iy + 5});   // west
    const auto placed = place_zone_labels(d, cam, Lang::Zh, fixed_measure, lay);
    for (size_t z = 0; z < zs.size(); ++z)
        EXPECT_GE(count_zone(placed, int(z)), 1) << zs[z].name_zh << " has no label";
    for (size_t i = 0; i < placed.size(); ++i) {
        for (const auto& b : lay.blocked) {
            EXPECT_FALSE(placed[i].rect.overlaps(b)) << placed[i].text;
            if (placed[i].leader) {
                EXPECT_FALSE(segment_crosses(b, placed[i].leader_x0, placed[i].leader_y0, placed[i].leader_x1,
                                             placed[i].leader_y1))
                    << placed[i].text << "'s leader crosses the furniture";
            }
        }
        EXPECT_GE(placed[i].rect.x0, 0);
        EXPECT_LE(placed[i].rect.x1, 1000);
        for (size_t j = i + 1; j < placed.size(); ++j)
            EXPECT_FALSE(placed[i].rect.overlaps(placed[j].rect))
                << placed[i].text << " / " << placed[j].text;
    }
    // The displaced label of the zone in the hole points back at it with a leader line ending at its point.
    for (const auto& l : placed)
        if (l.zone == int(in)) {
            EXPECT_TRUE(l.leader);
            EXPECT_FLOAT_EQ(l.leader_x1, ix);
            EXPECT_FLOAT_EQ(l.leader_y1, iy);
            EXPECT_LT(std::hypot(l.leader_x0 - ix, l.leader_y0 - iy), 120.0f)
                << "the label stays near its zone";
        }
    // No free position at all (everything blocked): no label, rather than one over the furniture.
    lay.blocked = {{0, 0, 1000, 800}};
    EXPECT_TRUE(place_zone_labels(d, cam, Lang::Zh, fixed_measure, lay).empty());
}

TEST(Tessellation, ParallelMeshEqualsTheSingleThreadMesh) {
    std::vector<Parcel> ps;
    for (int i = 0; i < 6000; ++i) {
        Parcel p;
        p.id = i + 1;
        const double lon = 106.5 + (i % 80) * 0.001, lat = 26.5 + (i / 80) * 0.001;
        Polygon poly{box_ring(lon, lat, 0.0006, 0.0006)};
        if (i % 5 == 0) poly.push_back(box_ring(lon + 0.0002, lat + 0.0002, 0.0002, 0.0002));  // a hole
        p.geom = {poly};
        ps.push_back(std::move(p));
    }
    LocalProjection pr{106.54, 26.54};
    setenv("PARKATLAS_THREADS", "1", 1);
    ASSERT_EQ(tessellation_threads(ps.size()), 1);
    const ParcelMesh one = tessellate_parcels(ps, pr);
    setenv("PARKATLAS_THREADS", "3", 1);
    ASSERT_EQ(tessellation_threads(ps.size()), 3);
    const ParcelMesh three = tessellate_parcels(ps, pr);
    unsetenv("PARKATLAS_THREADS");
    EXPECT_GT(one.fill_index.size(), 6000u * 6);
    EXPECT_EQ(one.serialize(), three.serialize());
    EXPECT_EQ(three.line_first.size(), ps.size());
}

// One red parcel, uploaded, and a 64x48 camera fitted to it (needs a current context).
struct OneRedParcel {
    MapData data;
    MapRenderer renderer;
    Camera cam;
    OneRedParcel() {
        Parcel p;
        p.id = 1;
        p.geom = {{box_ring(106.60, 26.60, 0.01, 0.01)}};
        data = build_map_data({}, {p}, {}, {});
        renderer.upload(data);
        renderer.set_parcel_colors({Rgba{200, 30, 40, 255}.packed()});
        cam.width = 64;
        cam.height = 48;
        cam.fit(data.extent.min_x, data.extent.min_y, data.extent.max_x, data.extent.max_y, 0.2);
    }
};

TEST(MapCache, RedrawsOnlyOnChangeAndPresentsTheMap) {
    REQUIRE_EGL(egl);
    OneRedParcel scene;
    MapRenderer& r = scene.renderer;
    Camera& cam = scene.cam;
    MapStyle st;
    MapLayerCache cache(0);
    EXPECT_TRUE(cache.update(r, cam, st));
    EXPECT_FALSE(cache.update(r, cam, st)) << "nothing changed: no redraw";
    st.hover = 0;
    EXPECT_TRUE(cache.update(r, cam, st)) << "hover changed";
    EXPECT_FALSE(cache.update(r, cam, st));
    st.hover = -1;  // (the hover highlight tints the parcel: off again for the colour check below)
    cam.pan_pixels(3, 0);
    EXPECT_TRUE(cache.update(r, cam, st)) << "camera moved";
    r.set_parcel_colors({Rgba{20, 30, 200, 255}.packed()});
    EXPECT_TRUE(cache.update(r, cam, st)) << "colours changed";
    cam.width = 80;
    EXPECT_TRUE(cache.update(r, cam, st)) << "size changed";
    EXPECT_EQ(cache.redraws(), 5);
    // The cached picture holds the parcel's colour at the centre.
    std::vector<unsigned char> px(4);
    cache.read_center(px.data());
    EXPECT_NEAR(px[0], 20, 2);
    EXPECT_NEAR(px[2], 200, 2);
}

TEST(MapCache, DirectModeDrawsMovingFramesIntoTheWindowAndRefillsTheCacheWhenStill) {
    REQUIRE_EGL(egl);
    OneRedParcel scene;
    MapRenderer& r = scene.renderer;
    Camera& cam = scene.cam;
    MapStyle st;
    // (The context is surfaceless: what goes to the window is not read back here; the cache's picture and the
    // redraw count show which path each frame took.)
    MapLayerCache cache(
        0, true, 0);  // 0: always the cache when still (this one-parcel map would be cheaper to redraw)
    EXPECT_TRUE(cache.draw_to_window(r, cam, st)) << "first frame: drawn";
    EXPECT_EQ(cache.redraws(), 1);
    EXPECT_TRUE(cache.draw_to_window(r, cam, st)) << "same view again: the cache is filled (a redraw)";
    EXPECT_EQ(cache.redraws(), 2);
    EXPECT_FALSE(cache.draw_to_window(r, cam, st)) << "still: copied from the cache";
    EXPECT_EQ(cache.redraws(), 2);
    std::vector<unsigned char> px(4);
    cache.read_center(px.data());
    EXPECT_NEAR(px[0], 200, 2);
    // Panning: every frame drawn directly, the cache untouched (it still holds the old view) until still
    // again.
    for (int i = 0; i < 5; ++i) {
        cam.pan_pixels(1, 0);
        EXPECT_TRUE(cache.draw_to_window(r, cam, st));
    }
    EXPECT_EQ(cache.redraws(), 7);
    r.set_parcel_colors({Rgba{20, 30, 200, 255}.packed()});
    EXPECT_TRUE(cache.draw_to_window(r, cam, st)) << "colours changed: drawn directly";
    cache.read_center(px.data());
    EXPECT_NEAR(px[0], 200, 2) << "the cache is not refilled while the view changes";
    EXPECT_TRUE(cache.draw_to_window(r, cam, st)) << "still: the cache is refilled";
    cache.read_center(px.data());
    EXPECT_NEAR(px[0], 20, 2);
    EXPECT_NEAR(px[2], 200, 2);
    EXPECT_FALSE(cache.draw_to_window(r, cam, st));
    EXPECT_EQ(cache.redraws(), 9);
}

TEST(MapRenderer, FarOutTinyParcelsAreDrawnAsOnePointEachInTheirColour) {
    REQUIRE_EGL(egl);
    // 40 x 25 parcels of about 20 m, on a 200 m grid; left half red, right half blue; one without geometry.
    std::vector<Parcel> ps;
    for (int r = 0; r < 25; ++r)
        for (int c = 0; c < 40; ++c) {
            Parcel p;
            p.id = 1 + r * 40 + c;
            const double lon = 106.6 + c * 0.002, lat = 26.6 + r * 0.0018;
            p.geom = {{box_ring(lon, lat, 0.0002, 0.00018)}};
            p.centroid_lon = lon + 0.0001;
            p.centroid_lat = lat + 0.00009;
            p.area_m2 = 20.0 * 20.0;
            ps.push_back(p);
        }
    ps[5].area_m2 = 0;  // of unknown size: never a point (its triangles, under a pixel here, cover none)
    MapData d = build_map_data({}, ps, {}, {});
    MapRenderer r;
    r.upload(d);
    std::vector<uint32_t> colors(ps.size());
    for (size_t i = 0; i < ps.size(); ++i)
        colors[i] = (i % 40 < 20 ? Rgba{220, 20, 20, 255} : Rgba{20, 20, 220, 255}).packed();
    r.set_parcel_colors(colors);
    Camera cam;
    cam.width = 160;
    cam.height = 100;
    cam.fit(d.extent.min_x, d.extent.min_y, d.extent.max_x, d.extent.max_y, 0.05);
    MapStyle st;
    st.show_zones = false;
    RenderTarget target(cam.width, cam.height, 1);
    auto count = [&](const std::vector<unsigned char>& px, bool red) {
        int n = 0;
        for (size_t i = 0; i + 3 < px.size(); i += 4)
            n += red ? (px[i] > 180 && px[i + 2] < 60) : (px[i + 2] > 180 && px[i] < 60);
        return n;
    };
    // About 50 m per pixel: every parcel is under a pixel -> points, at least one pixel each.
    ASSERT_GT(cam.m_per_px, 20.0 / 3.0);
    target.bind_for_drawing();
    r.draw(cam, st);
    EXPECT_EQ(r.last_lod_count(), 999);
    auto far = target.read_rgba();
    // One whole pixel per parcel (about 4 px apart, so none overlap), in full colour even on a multisampled
    // target; the parcel without geometry has none.
    EXPECT_EQ(count(far, true), 499) << "the red half";
    EXPECT_EQ(count(far, false), 500) << "the blue half";
    // A pixel is red only on the left half of the picture, blue only on the right.
    for (int y = 0; y < cam.height; ++y)
        for (int x = 0; x < cam.width; ++x) {
            const unsigned char* p = &far[(size_t(y) * cam.width + x) * 4];
            if (p[0] > 180 && p[2] < 60) {
                EXPECT_LT(x, cam.width / 2 + 2);
            }
            if (p[2] > 180 && p[0] < 60) {
                EXPECT_GT(x, cam.width / 2 - 2);
            }
        }
    // Close in (1 m per pixel) the triangles are drawn as before; with lod_below_px = 0, never points.
    cam.m_per_px = 1.0;
    target.bind_for_drawing();
    r.draw(cam, st);
    EXPECT_FALSE(r.last_draw_lod());
    cam.m_per_px = 60.0;
    st.lod_below_px = 0;
    target.bind_for_drawing();
    r.draw(cam, st);
    EXPECT_FALSE(r.last_draw_lod());
    // Before a large workspace's mesh arrives (uploaded empty), the parcels show as points at any zoom.
    r.upload_mesh(ParcelMesh{});
    cam.m_per_px = 1.0;
    target.bind_for_drawing();
    r.draw(cam, st);
    EXPECT_TRUE(r.last_draw_lod());
    r.upload_mesh(d.mesh);
    target.bind_for_drawing();
    r.draw(cam, st);
    EXPECT_FALSE(r.last_draw_lod());
}

TEST(MapRenderer, OnlyTheParcelsBelowTheLodSizeBecomePoints) {
    REQUIRE_EGL(egl);
    // A row of 10 parcels: the even ones small (about 20 m), the odd ones large (about 400 m), 1 km apart.
    std::vector<Parcel> ps;
    for (int c = 0; c < 10; ++c) {
        Parcel p;
        p.id = 1 + c;
        const double lon = 106.6 + c * 0.01, lat = 26.6;
        const double dlon = c % 2 ? 0.004 : 0.0002, dlat = c % 2 ? 0.0036 : 0.00018;
        p.geom = {{box_ring(lon, lat, dlon, dlat)}};
        p.centroid_lon = lon + dlon / 2;
        p.centroid_lat = lat + dlat / 2;
        p.area_m2 = c % 2 ? 400.0 * 400.0 : 20.0 * 20.0;
        ps.push_back(p);
    }
    MapData d = build_map_data({}, ps, {}, {});
    MapRenderer r;
    r.upload(d);
    r.set_parcel_colors(std::vector<uint32_t>(ps.size(), Rgba{220, 20, 20, 255}.packed()));
    Camera cam;
    cam.width = 600;  // 12 km across: the whole row
    cam.height = 100;
    cam.fit(d.extent.min_x, d.extent.min_y, d.extent.max_x, d.extent.max_y, 0.05);
    cam.m_per_px = 20.0;  // small: 1 px (< 3: a point); large: 20 px (triangles)
    MapStyle st;
    st.show_zones = false;
    RenderTarget target(cam.width, cam.height, 1);
    target.bind_for_drawing();
    r.draw(cam, st);
    EXPECT_EQ(r.last_lod_count(), 5) << "the five small parcels";
    const auto px = target.read_rgba();
    int red = 0;
    for (size_t i = 0; i + 3 < px.size(); i += 4) red += px[i] > 180 && px[i + 1] < 60;
    // 5 large parcels of 20 x 20 px as triangles + 5 one-pixel points (the edges' pixels may go either way).
    EXPECT_NEAR(red, 5 * 400 + 5, 5 * 2 * 20 + 5);
    // Zoomed in, every parcel is drawn as triangles.
    cam.m_per_px = 2.0;
    target.bind_for_drawing();
    r.draw(cam, st);
    EXPECT_EQ(r.last_lod_count(), 0);
    // Far out, every parcel is a point.
    cam.m_per_px = 500.0;
    target.bind_for_drawing();
    r.draw(cam, st);
    EXPECT_EQ(r.last_lod_count(), 10);
}

TEST(MapCache, DirectModeRedrawsACheapMapInsteadOfCopyingIt) {
    REQUIRE_EGL(egl);
    OneRedParcel scene;
    MapStyle st;
    // One parcel: a couple of primitives for 64x48 pixels, far below 1 per 64 px: every frame is drawn, none
    // copied.
    MapLayerCache cheap(0, true, 64);
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(cheap.draw_to_window(scene.renderer, scene.cam, st));
    EXPECT_EQ(cheap.redraws(), 3);
    EXPECT_GT(scene.renderer.last_primitives(), 0);
    // The same map judged against a copy that costs almost nothing (1e9 px per primitive): copied when still.
    MapLayerCache dear(0, true, 1e9);
    EXPECT_TRUE(dear.draw_to_window(scene.renderer, scene.cam, st));
    EXPECT_TRUE(dear.draw_to_window(scene.renderer, scene.cam, st)) << "the cache is filled";
    EXPECT_FALSE(dear.draw_to_window(scene.renderer, scene.cam, st)) << "then copied";
}

TEST(ZoneLevels, SimplifyRingKeepsCornersAndDropsWobbleBelowTheTolerance) {
    const LocalProjection pr{106.6, 26.6};
    // A 1 km square in local metres, its south side wobbling by +-5 m every 50 m, with one 200 m spike
    // northwards from the middle of its north side.
    std::vector<std::pair<double, double>> xy;
    for (int i = 0; i < 20; ++i) xy.push_back({i * 50.0, (i % 2 ? 5.0 : -5.0)});
    xy.push_back({1000, 0});
    xy.push_back({1000, 1000});
    xy.push_back({520, 1000});
    xy.push_back({500, 1200});
    xy.push_back({480, 1000});
    xy.push_back({0, 1000});
    xy.push_back(xy.front());
    Ring ring;
    for (const auto& [x, y] : xy) ring.push_back(pr.lonlat(x, y));
    EXPECT_EQ(simplify_ring(ring, pr, 0).size(), ring.size()) << "tolerance 0: exact";
    const Ring fine = simplify_ring(ring, pr, 36);
    EXPECT_EQ(fine.size(), 8u) << "the 4 corners + closing, and the spike's 3 points";
    const Ring coarse = simplify_ring(ring, pr, 324);
    EXPECT_EQ(coarse.size(), 5u) << "the spike (200 m) is below 324 m: only the square";
    EXPECT_EQ(coarse.front().lon, coarse.back().lon);
    EXPECT_EQ(coarse.front().lat, coarse.back().lat);
    // A ring that would fall below a triangle comes back whole.
    const Ring thin = {pr.lonlat(0, 0), pr.lonlat(100, 1), pr.lonlat(200, 0), pr.lonlat(100, -1),
                       pr.lonlat(0, 0)};
    EXPECT_EQ(simplify_ring(thin, pr, 50).size(), thin.size());
}

TEST(ZoneLevels, FarOutTheZonesAreDrawnFromTheirSimplifiedRings) {
    REQUIRE_EGL(egl);
    // A round zone of 5 km radius with 720 vertices (about 44 m apart).
    Ring circle;
    for (int i = 0; i <= 720; ++i) {
        const double a = 2 * M_PI * (i % 720) / 720.0;
        circle.push_back({106.6 + 0.05 * std::cos(a), 26.6 + 0.045 * std::sin(a)});
    }
    MapData d = build_map_data({zone("C", "CIRCLE", {{circle}})}, {}, {}, {});
    ASSERT_EQ(d.zone_drawing.coarser.size(), std::size(kZoneLevelTolerancesM));
    // Coarser and coarser (a 5 km circle at 12 m tolerance keeps about every 15th vertex; by 108 m
    // Douglas-Peucker has little left to take).
    EXPECT_LT(d.zone_drawing.coarser.front().outline.size(), d.zone_drawing.outline.size() / 8);
    for (size_t i = 1; i < d.zone_drawing.coarser.size(); ++i)
        EXPECT_LE(d.zone_drawing.coarser[i].outline.size(), d.zone_drawing.coarser[i - 1].outline.size());
    EXPECT_LT(d.zone_drawing.coarser.back().outline.size(), d.zone_drawing.coarser.front().outline.size());
    MapRenderer r;
    r.upload(d);
    // The whole circle in view (1000 px at 11 m per pixel: the exact level, its edge everywhere in view).
    Camera cam;
    cam.width = 1000;
    cam.height = 1000;
    cam.fit(d.extent.min_x, d.extent.min_y, d.extent.max_x, d.extent.max_y, 0.05);
    MapStyle st;
    RenderTarget target(cam.width, cam.height, 1);
    auto drawn = [&](double m_per_px) {
        cam.m_per_px = m_per_px;
        target.bind_for_drawing();
        r.draw(cam, st);
        return r.last_primitives();
    };
    const int64_t exact = drawn(11.0), far = drawn(1000.0);
    EXPECT_EQ(exact, 720 * 2 + 718) << "720 outline segments (2 triangles each) and 718 fill triangles";
    EXPECT_LT(far, exact / 4) << "far out: the 324 m level";
    // The coarse picture still covers the zone: its centre pixel carries the zone's fill, not the background.
    r.set_zone_colors({Rgba{200, 30, 40, 255}.packed()});
    cam.m_per_px = 60.0;
    target.bind_for_drawing();
    r.draw(cam, st);
    const auto px = target.read_rgba();
    const size_t c = (size_t(cam.height / 2) * cam.width + cam.width / 2) * 4;
    EXPECT_NEAR(px[c], 200, 3);
}

TEST(ZoneLevels, AViewInsideAZoneIsClearedToItsTintInsteadOfFillingIt) {
    REQUIRE_EGL(egl);
    // A zone of about 10 x 10 km with a 2 km hole in its middle.
    Polygon holed{box_ring(106.55, 26.55, 0.1, 0.09), box_ring(106.59, 26.59, 0.02, 0.018)};
    MapData d = build_map_data({zone("Z", "ZONE", {holed})}, {}, {}, {});
    MapRenderer r;
    r.upload(d);
    r.set_zone_colors({Rgba{200, 30, 40, 255}.packed()});
    MapStyle st;
    Camera cam;
    cam.width = 100;
    cam.height = 80;
    RenderTarget target(cam.width, cam.height, 1);
    auto draw = [&](double lon, double lat, double m_per_px) {
        cam.cx = d.proj.xy(lon, lat).x;
        cam.cy = d.proj.xy(lon, lat).y;
        cam.m_per_px = m_per_px;
        target.bind_for_drawing();
        r.draw(cam, st);
        return target.read_rgba();
    };
    auto red = [](const std::vector<unsigned char>& px, size_t i) {
        return px[i * 4] > 180 && px[i * 4 + 1] < 60;
    };
    // 1 km across, well inside the zone, away from the hole: nothing drawn, every pixel the zone's tint.
    auto px = draw(106.56, 26.56, 10.0);
    EXPECT_EQ(r.last_primitives(), 0);
    EXPECT_TRUE(red(px, 0));
    EXPECT_TRUE(red(px, px.size() / 4 - 1));
    // Over the hole's edge: the fill is drawn (and the hole shows the background).
    px = draw(106.59, 26.59, 10.0);
    EXPECT_GT(r.last_primitives(), 0);
    int background = 0;
    for (size_t i = 0; i < px.size() / 4; ++i)
        background += px[i * 4] == kBackground.r && px[i * 4 + 1] == kBackground.g;
    EXPECT_GT(background, 100) << "the hole is not filled";
    // Inside the hole: not inside the zone (the background), nothing drawn either.
    px = draw(106.60, 26.599, 5.0);
    EXPECT_FALSE(red(px, 0));
}

namespace {
// columns x rows parcels of about 200 m, 0.003° apart, from 106.6°E 26.6°N.
std::vector<Parcel> parcel_grid(int columns, int rows) {
    std::vector<Parcel> ps;
    for (int i = 0; i < columns * rows; ++i) {
        Parcel p;
        p.id = 1 + i;
        const double lon = 106.6 + (i % columns) * 0.003, lat = 26.6 + (i / columns) * 0.003;
        p.geom = {{box_ring(lon, lat, 0.002, 0.0018)}};
        p.centroid_lon = lon + 0.001;
        p.centroid_lat = lat + 0.0009;
        p.area_m2 = 200.0 * 200.0;
        ps.push_back(p);
    }
    return ps;
}
}  // namespace

TEST(MapRenderer, AStagedMeshUploadDrawsPointsUntilCompleteThenTheSamePicture) {
    REQUIRE_EGL(egl);
    // 3 x 3 parcels of about 200 m, uploaded at once into one renderer and in 256-byte slices into another.
    const std::vector<Parcel> ps = parcel_grid(3, 3);
    auto d = std::make_shared<MapData>(build_map_data({}, ps, {}, {}));
    ASSERT_EQ(d->mesh.fill_from_rank.size(), ps.size() + 1) << "build_map_data groups the mesh by draw order";
    MapRenderer whole, staged;
    whole.upload(*d);
    staged.upload(*d);
    const std::vector<uint32_t> colors(ps.size(), Rgba{200, 30, 40, 255}.packed());
    whole.set_parcel_colors(colors);
    staged.set_parcel_colors(colors);
    Camera cam;
    cam.width = 120;
    cam.height = 100;
    cam.fit(d->extent.min_x, d->extent.min_y, d->extent.max_x, d->extent.max_y,
            0.05);  // parcels ~13 px: triangles
    MapStyle st;
    st.show_zones = false;
    RenderTarget target(cam.width, cam.height, 1);
    auto draw = [&](MapRenderer& r) {
        target.bind_for_drawing();
        r.draw(cam, st);
        return target.read_rgba();
    };
    staged.upload_mesh(ParcelMesh{});  // as a large workspace's first frame: no mesh yet
    const size_t mesh_bytes =          // of the copy handed over (capacity = size)
        (d->mesh.fill_xy.size() + d->mesh.line_xy.size()) * sizeof(float) +
        (d->mesh.fill_parcel.size() + d->mesh.fill_index.size() + d->mesh.line_parcel.size() +
         d->mesh.line_index.size()) *
            sizeof(uint32_t);
    staged.begin_mesh_upload(d->mesh);  // a copy: `whole` draws from d's
    int slices = 0;
    size_t freed_before = 0;
    bool freed_while_pending = false;
    while (staged.mesh_upload_pending()) {
        draw(staged);
        EXPECT_EQ(staged.last_lod_count(), 9) << "points until the mesh is complete";
        staged.continue_mesh_upload(256);
        EXPECT_GE(staged.staged_bytes_freed(), freed_before) << "each array freed once the GPU holds it";
        freed_before = staged.staged_bytes_freed();
        freed_while_pending |= freed_before > 0 && staged.mesh_upload_pending();
        ++slices;
    }
    EXPECT_GT(slices, 3);
    EXPECT_TRUE(freed_while_pending) << "arrays go as they are uploaded, not at the end";
    EXPECT_EQ(staged.staged_bytes_freed(), mesh_bytes) << "the CPU copy is gone by the end";
    const auto a = draw(staged);
    EXPECT_EQ(staged.last_lod_count(), 0);
    const auto b = draw(whole);
    EXPECT_EQ(a, b) << "the staged upload draws what the whole one does";
}

TEST(MapRenderer, BatchedMultiDrawsDrawTheSamePicture) {
    REQUIRE_EGL(egl);
    // A software rasteriser's multi-draws go in batches with a flush after each (its bins then hold one
    // batch, not a million points): the picture is the one a single draw gives, points and triangles alike.
    const std::vector<Parcel> ps = parcel_grid(6, 6);
    auto d = std::make_shared<MapData>(build_map_data({}, ps, {}, {}));
    std::vector<uint32_t> colors;
    for (size_t i = 0; i < ps.size(); ++i) colors.push_back(Rgba{uint8_t(40 + 5 * i), 90, 160, 255}.packed());
    MapStyle st;
    st.show_zones = false;
    for (const double pad : {0.05, 20.0}) {  // parcels as triangles, then far out as points
        Camera cam;
        cam.width = 160;
        cam.height = 120;
        cam.fit(d->extent.min_x, d->extent.min_y, d->extent.max_x, d->extent.max_y, pad);
        RenderTarget target(cam.width, cam.height, 1);
        std::vector<std::vector<unsigned char>> pictures;
        std::vector<int> calls;
        for (const int64_t batch : {int64_t(0), int64_t(5)}) {
            MapRenderer r;
            r.set_flush_every_primitives(batch);
            r.upload(*d);
            r.set_parcel_colors(colors);
            target.bind_for_drawing();
            r.draw(cam, st);
            pictures.push_back(target.read_rgba());
            calls.push_back(r.last_draw_calls());
        }
        EXPECT_EQ(pictures[0], pictures[1]) << "pad " << pad;
        EXPECT_GT(calls[1], calls[0]) << "pad " << pad << ": drawn in batches";
    }
}
