#pragma once
// Levels of detail for reading a large workspace by view (docs/architecture.md, "Reading by view"): a
// quadtree of lon/lat cells, level 0 the finest (1/4096°, about 27 m north-south), each level's cell twice
// the side of the one below. A parcel's level is the coarsest level at which it is the largest parcel (by
// area; ties: the lower index) of the cell holding its centroid, -1 when it is that at no level. The cells
// nest, so a parcel of level L is also the largest of its cell at every level below L: the parcels of level
// >= L are one per occupied cell of level L, and a view drawn at cells of about a pixel or two reads only
// those.
#include <cstdint>
#include <vector>

namespace pa::geo {

inline constexpr int kViewLevels = 16;                 // levels 0..15 (1/4096° .. 8°)
inline constexpr double kViewCell0Deg = 1.0 / 4096.0;  // the side of a level-0 cell, degrees

/// The side of a cell of `level`, in degrees.
inline double view_cell_deg(int level) {
    return kViewCell0Deg * double(int64_t(1) << level);
}

/// Per parcel, its level (-1 .. kViewLevels-1). `lon`, `lat`: the centroids (degrees); `area_m2`: the
/// parcels' areas (a parcel of no area, or with no centroid — NaN — is never chosen: -1). All three the same
/// size.
std::vector<int8_t> view_levels(const std::vector<double>& lon, const std::vector<double>& lat,
                                const std::vector<double>& area_m2);

/// The level a view should read when one screen pixel is `m_per_px` metres: the finest whose cells are at
/// least two pixels wide (so 2 to 4); -1 when level 0's already are (close in: read every parcel, with its
/// shape).
int view_level_for(double m_per_px);

}  // namespace pa::geo
