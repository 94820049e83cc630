// Levels of detail by quadtree cells (see view_levels.hpp).
#include "core/geo/view_levels.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pa::geo {

std::vector<int8_t> view_levels(const std::vector<double>& lon, const std::vector<double>& lat,
                                const std::vector<double>& area_m2) {
    const size_t n = std::min({lon.size(), lat.size(), area_m2.size()});
    std::vector<int8_t> level(lon.size(), -1);
    // The candidates of each level are the winners of the one below (the cells nest); level 0's are every
    // parcel that can be drawn.
    std::vector<uint32_t> cand;
    cand.reserve(n);
    for (size_t i = 0; i < n; ++i)
        if (std::isfinite(lon[i]) && std::isfinite(lat[i]) && area_m2[i] > 0) cand.push_back(uint32_t(i));
    std::vector<std::pair<uint64_t, uint32_t>> keyed;  // (cell, parcel)
    for (int L = 0; L < kViewLevels && !cand.empty(); ++L) {
        const double cell = view_cell_deg(L);
        keyed.clear();
        keyed.reserve(cand.size());
        for (uint32_t i : cand) {
            const auto ix = static_cast<uint64_t>(std::floor((lon[i] + 180.0) / cell));
            const auto iy = static_cast<uint64_t>(std::floor((lat[i] + 90.0) / cell));
            keyed.emplace_back((ix << 32) | (iy & 0xffffffffu), i);
        }
        // By cell, then largest first, then lower index: each cell's first entry is its winner.
        std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
            if (a.first != b.first) return a.first < b.first;
            if (area_m2[a.second] != area_m2[b.second]) return area_m2[a.second] > area_m2[b.second];
            return a.second < b.second;
        });
        cand.clear();
        for (size_t k = 0; k < keyed.size(); ++k)
            if (k == 0 || keyed[k].first != keyed[k - 1].first) {
                level[keyed[k].second] = static_cast<int8_t>(L);
                cand.push_back(keyed[k].second);
            }
    }
    return level;
}

int view_level_for(double m_per_px) {
    // A level-0 cell is 1/4096° of latitude: 27.1 m (its east-west side is shorter by cos(lat), ~0.9 here).
    const double cell0_m = kViewCell0Deg * 111320.0;
    if (!(m_per_px > 0)) return -1;
    const double want = 2.0 * m_per_px / cell0_m;  // level 0's cells are 2/want pixels
    if (want <= 1.0) return -1;                    // at least two pixels: every parcel is worth its shape
    return std::min(kViewLevels - 1, static_cast<int>(std::ceil(std::log2(want) - 1e-12)));
}

}  // namespace pa::geo
