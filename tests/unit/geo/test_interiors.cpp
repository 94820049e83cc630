// geo::interiors_may_intersect and geo::intersecting_box_pairs against GEOS's exact answers and brute force.
#include <gtest/gtest.h>

#include <random>

#include <geos_c.h>

#include "core/check/geos_model.hpp"
#include "core/geo/interiors.hpp"

namespace pa {
namespace {

MultiPolygon ring_of(std::vector<LonLat> pts) {
    pts.push_back(pts.front());
    return {{pts}};
}

double geos_overlap(const geos::Context& c, const MultiPolygon& a, const MultiPolygon& b) {
    auto ga = check::to_geos(c, a), gb = check::to_geos(c, b);
    auto i = geos::own(c, GEOSIntersection_r(c.get(), ga.get(), gb.get()));
    double area = 0.0;
    if (i) GEOSArea_r(c.get(), i.get(), &area);
    return area;
}

TEST(Interiors, NeighboursSharingAnEdgeOrACornerDoNotOverlap) {
    const auto a = ring_of({{0, 0}, {1, 0}, {1, 1}, {0, 1}});
    EXPECT_FALSE(geo::interiors_may_intersect(a, ring_of({{1, 0}, {2, 0}, {2, 1}, {1, 1}})));  // an edge
    EXPECT_FALSE(geo::interiors_may_intersect(a, ring_of({{1, 1}, {2, 1}, {2, 2}, {1, 2}})));  // a corner
    // A T-junction: the neighbour has a vertex in the middle of a's edge.
    EXPECT_FALSE(geo::interiors_may_intersect(a, ring_of({{1, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 0.5}})));
    // The neighbour's edge runs along part of a's edge only.
    EXPECT_FALSE(geo::interiors_may_intersect(a, ring_of({{1, 0.25}, {2, 0.25}, {2, 0.75}, {1, 0.75}})));
}

TEST(Interiors, OverlapsOfEveryShapeAreFound) {
    const auto a = ring_of({{0, 0}, {1, 0}, {1, 1}, {0, 1}});
    EXPECT_TRUE(
        geo::interiors_may_intersect(a, ring_of({{0.5, 0}, {2, 0}, {2, 1}, {0.5, 1}})));  // edges cross
    EXPECT_TRUE(geo::interiors_may_intersect(a, a));                                      // the same polygon
    EXPECT_TRUE(geo::interiors_may_intersect(
        a, ring_of({{0.2, 0.2}, {0.8, 0.2}, {0.8, 0.8}, {0.2, 0.8}})));  // inside
    // A triangle whose edge is a chord of a from corner to corner: no proper crossing, no vertex inside.
    EXPECT_TRUE(geo::interiors_may_intersect(a, ring_of({{0, 0}, {1, 1}, {2, -1}})));
    // Shares a's whole bottom edge and bulges into it through a vertex on the far edge.
    EXPECT_TRUE(geo::interiors_may_intersect(a, ring_of({{0, 0}, {1, 0}, {0.5, 1}})));
    // Inside a's hole: no overlap; across the hole's edge: overlap.
    MultiPolygon holed = {{a[0][0], {{0.25, 0.25}, {0.25, 0.75}, {0.75, 0.75}, {0.75, 0.25}, {0.25, 0.25}}}};
    EXPECT_FALSE(
        geo::interiors_may_intersect(holed, ring_of({{0.3, 0.3}, {0.7, 0.3}, {0.7, 0.7}, {0.3, 0.7}})));
    EXPECT_TRUE(
        geo::interiors_may_intersect(holed, ring_of({{0.1, 0.3}, {0.7, 0.3}, {0.7, 0.7}, {0.1, 0.7}})));
}

// A duplicate whose coordinates were rounded differently (every vertex within a few 1e-9 degrees of the
// other's): its boundary never enters the other's interior by more than the tolerance, but the two overlap
// entirely.
TEST(Interiors, NearDuplicatesOverlap) {
    const double x = 106.7, y = 26.6, d = 1e-3;
    const auto s = ring_of({{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}});
    EXPECT_TRUE(
        geo::interiors_may_intersect(s, ring_of({{x, y}, {x + d + 2e-9, y}, {x + d, y + d}, {x, y + d}})));
    EXPECT_TRUE(geo::interiors_may_intersect(
        s,
        ring_of({{x + 3e-9, y - 1e-9}, {x + d + 2e-9, y + 4e-9}, {x + d - 1e-9, y + d}, {x, y + d + 3e-9}})));
    // Reversed ring order (clockwise) of the same square, shifted by less than the tolerance.
    EXPECT_TRUE(
        geo::interiors_may_intersect(s, ring_of({{x, y + d}, {x + d, y + d}, {x + d, y + 5e-10}, {x, y}})));
}

// A jittered tessellation (shared corners, as a real cadastre) plus random quadrilaterals thrown over it:
// every pair the test calls disjoint has no GEOS intersection area, and every tessellation neighbour is
// called disjoint.
TEST(Interiors, AgreesWithGeosOnATessellationAndRandomShapes) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> jitter(-0.2, 0.2), pos(0.0, 8.0), size(0.1, 1.5);
    constexpr int n = 8;
    std::vector<std::vector<LonLat>> corner(n + 1, std::vector<LonLat>(n + 1));
    for (int i = 0; i <= n; ++i)
        for (int j = 0; j <= n; ++j) corner[i][j] = {i + jitter(rng), j + jitter(rng)};
    std::vector<MultiPolygon> shapes;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            shapes.push_back(
                ring_of({corner[i][j], corner[i + 1][j], corner[i + 1][j + 1], corner[i][j + 1]}));
    const size_t cells = shapes.size();
    for (int k = 0; k < 60; ++k) {
        const double x = pos(rng), y = pos(rng), w = size(rng), h = size(rng);
        shapes.push_back(
            ring_of({{x, y}, {x + w, y + jitter(rng)}, {x + w, y + h}, {x + jitter(rng), y + h}}));
    }
    geos::Context c;
    int decided = 0, overlaps = 0;
    for (size_t i = 0; i < shapes.size(); ++i)
        for (size_t j = i + 1; j < shapes.size(); ++j) {
            const double exact = geos_overlap(c, shapes[i], shapes[j]);
            const bool may = geo::interiors_may_intersect(shapes[i], shapes[j]);
            if (!may) {
                EXPECT_LT(exact, 1e-12) << "pair " << i << ", " << j << " was called disjoint";
                ++decided;
            }
            if (exact > 1e-9) {
                EXPECT_TRUE(may);
                ++overlaps;
            }
            if (i < cells && j < cells) {
                EXPECT_FALSE(may) << "tessellation cells " << i << ", " << j;
            }
        }
    EXPECT_GT(decided, 1000);
    EXPECT_GT(overlaps, 50);
}

TEST(Interiors, BoxPairsEqualBruteForce) {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> pos(0.0, 100.0), size(0.0, 3.0);
    std::vector<BBox> boxes;
    for (int i = 0; i < 1500; ++i) {
        const double x = pos(rng), y = pos(rng);
        const double w = i % 300 == 0 ? 60.0 : size(rng);  // a few boxes far larger than the rest
        boxes.push_back({x, y, x + w, y + size(rng)});
    }
    boxes.push_back({5, 5, 5, 5});  // a point
    boxes.push_back({});            // empty: skipped
    std::vector<std::pair<size_t, size_t>> want;
    for (size_t i = 0; i < boxes.size(); ++i)
        for (size_t j = i + 1; j < boxes.size(); ++j) {
            const BBox &a = boxes[i], &b = boxes[j];
            if (a.empty() || b.empty()) continue;
            if (a.min_lon <= b.max_lon && b.min_lon <= a.max_lon && a.min_lat <= b.max_lat &&
                b.min_lat <= a.max_lat)
                want.emplace_back(i, j);
        }
    EXPECT_EQ(geo::intersecting_box_pairs(boxes), want);
}

}  // namespace
}  // namespace pa
