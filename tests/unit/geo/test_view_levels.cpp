// Levels of detail for reading by view: at every level, the parcels of that level or above are exactly one
// per occupied cell, the largest of it; the levels nest; the scale picks a level whose cells are about two
// pixels.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "core/geo/view_levels.hpp"

using namespace pa::geo;

namespace {
std::pair<int64_t, int64_t> cell_of(double lon, double lat, int level) {
    const double c = view_cell_deg(level);
    return {static_cast<int64_t>(std::floor((lon + 180) / c)),
            static_cast<int64_t>(std::floor((lat + 90) / c))};
}
}  // namespace

TEST(ViewLevels, OneLargestParcelPerOccupiedCellAtEveryLevel) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lon_d(106.2, 106.9), lat_d(26.3, 26.8), area_d(100, 200000);
    const size_t n = 20000;
    std::vector<double> lon(n), lat(n), area(n);
    for (size_t i = 0; i < n; ++i) {
        lon[i] = lon_d(rng);
        lat[i] = lat_d(rng);
        area[i] = std::round(area_d(rng));  // ties happen: the lower index wins them
    }
    area[5] = 0;  // no area: never chosen
    lon[6] = std::nan("");
    const auto level = view_levels(lon, lat, area);
    ASSERT_EQ(level.size(), n);
    EXPECT_EQ(level[5], -1);
    EXPECT_EQ(level[6], -1);
    for (int L = 0; L < kViewLevels; ++L) {
        std::map<std::pair<int64_t, int64_t>, size_t>
            best;  // brute force: the largest (lowest index) per cell
        for (size_t i = 0; i < n; ++i) {
            if (i == 5 || i == 6) continue;
            auto [it, fresh] = best.try_emplace(cell_of(lon[i], lat[i], L), i);
            if (!fresh && (area[i] > area[it->second] || (area[i] == area[it->second] && i < it->second)))
                it->second = i;
        }
        size_t chosen = 0;
        for (size_t i = 0; i < n; ++i)
            if (level[i] >= L) ++chosen;
        EXPECT_EQ(chosen, best.size()) << "level " << L;
        for (const auto& [cell, i] : best) EXPECT_GE(level[i], L) << "level " << L;
    }
    // The coarsest level holds one parcel: the largest of all (one cell of 8 degrees).
    size_t top = 0;
    for (size_t i = 0; i < n; ++i) top += level[i] == kViewLevels - 1 ? 1 : 0;
    EXPECT_EQ(top, 1u);
}

TEST(ViewLevels, ScalePicksCellsOfTwoToFourPixels) {
    EXPECT_EQ(view_level_for(1.0), -1);   // close in: every parcel, with geometry
    EXPECT_EQ(view_level_for(10.0), -1);  // a level-0 cell (27 m) is over two pixels of 10 m: read all
    EXPECT_EQ(view_level_for(14.0), 1);   // 1.9 pixels: the next level's 3.9
    EXPECT_EQ(view_level_for(60.0), 3);
    EXPECT_EQ(view_level_for(1e9), kViewLevels - 1);
    EXPECT_EQ(view_level_for(0.0), -1);
    int last = -2;
    for (double m = 1; m < 1e6; m *= 1.3) {  // never finer when zoomed out
        const int L = view_level_for(m);
        EXPECT_GE(L, last);
        last = L;
        if (L >= 0 && L < kViewLevels - 1) {  // (the coarsest level is the coarsest there is)
            const double cell_px = view_cell_deg(L) * 111320.0 / m;
            EXPECT_GE(cell_px, 2.0 - 1e-9);
            EXPECT_LT(cell_px, 4.0 + 1e-9);
        }
    }
}
