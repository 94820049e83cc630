// geo::PointGrid against a brute-force scan with geo::point_in.
#include <gtest/gtest.h>

#include <random>

#include "core/geo/point_grid.hpp"
#include "support/fixtures.hpp"

namespace pa {
namespace {

using test::square;

TEST(PointGrid, EqualsBruteForceWithOverlapsHolesAndEmptyPolygons) {
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> pos(106.0, 107.0), size(0.001, 0.05);
    std::vector<MultiPolygon> polys;
    for (int i = 0; i < 600; ++i) polys.push_back(square(pos(rng), pos(rng) - 80.0, size(rng)));
    polys.push_back({});  // an empty geometry is never found
    // A square with a hole: points in the hole are outside.
    MultiPolygon holed = square(106.5, 26.5, 0.1);
    holed[0].push_back({{106.52, 26.52}, {106.52, 26.58}, {106.58, 26.58}, {106.58, 26.52}, {106.52, 26.52}});
    polys.push_back(holed);
    std::vector<const MultiPolygon*> ptrs;
    for (const auto& p : polys) ptrs.push_back(&p);
    const geo::PointGrid grid(ptrs);
    int found = 0;
    for (int k = 0; k < 5000; ++k) {
        const double lon = pos(rng), lat = pos(rng) - 80.0;
        std::optional<size_t> want;
        for (size_t i = 0; i < polys.size() && !want; ++i)
            if (geo::point_in(polys[i], lon, lat)) want = i;  // the smallest index wins
        EXPECT_EQ(grid.locate(lon, lat), want) << lon << " " << lat;
        found += want.has_value();
    }
    EXPECT_GT(found, 500);
    EXPECT_FALSE(grid.locate(106.55, 26.55).has_value() && *grid.locate(106.55, 26.55) == polys.size() - 1);
    EXPECT_FALSE(grid.locate(0.0, 0.0).has_value());
}

}  // namespace
}  // namespace pa
