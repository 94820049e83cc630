#pragma once
// Which polygon holds a point, for many points over many polygons: a uniform grid over the polygons' bounding
// boxes (cell about the mean box size, so a box spans a few cells; at most 4096 x 4096 cells), stored as CSR
// arrays. A query is one cell lookup plus box and ray-casting tests on the cell's few candidates, with no
// allocation.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/model.hpp"

namespace pa::geo {

/// Point in (multi)polygon by ray casting on the rings (holes excluded). A point on an edge counts as inside
/// for one of the two neighbours only, which is what a join wants.
bool point_in(const MultiPolygon& mp, double lon, double lat);

class PointGrid {
  public:
    /// `polygons` must outlive the grid (it keeps a reference).
    explicit PointGrid(const std::vector<const MultiPolygon*>& polygons);
    /// The smallest index whose polygon holds the point, or nullopt.
    std::optional<size_t> locate(double lon, double lat) const;

  private:
    std::vector<const MultiPolygon*> polygons_;
    double x0_ = 0, y0_ = 0, cell_ = 1;
    size_t nx_ = 1, ny_ = 1;
    std::vector<uint32_t> start_;  // CSR: cell -> [start_[c], start_[c+1]) in items_
    std::vector<uint32_t> items_;
    std::vector<BBox> boxes_;
};

}  // namespace pa::geo
