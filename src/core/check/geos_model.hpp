#pragma once
// Model geometry (CGCS2000 lon/lat) -> GEOS geometry, and the small geometric helpers the checks and the join
// share.
#include <vector>

#include "core/geos/geos_handles.hpp"
#include "core/model.hpp"

namespace pa::check {

/// A GEOS (multi)polygon of a model MultiPolygon, built directly from coordinate sequences (no WKB round
/// trip). Throws InternalError when GEOS refuses it (a ring with fewer than 4 points).
geos::GeomPtr to_geos(const geos::Context& c, const MultiPolygon& mp);

/// A point inside `g` (GEOS PointOnSurface); {0,0} when g is empty.
LonLat point_on_surface(const geos::Context& c, const GEOSGeometry* g);

/// An STRtree over geometries whose items are indices into a vector. The geometries must outlive the tree.
class IndexTree {
  public:
    IndexTree(const geos::Context& c, const std::vector<geos::GeomPtr>& geoms);
    /// Indices whose envelope intersects the envelope of g.
    std::vector<size_t> query(const GEOSGeometry* g) const;
    /// Indices whose envelope holds the point.
    std::vector<size_t> query_point(double lon, double lat) const;

  private:
    const geos::Context& c_;
    geos::STRtreePtr tree_;
    std::vector<size_t> ids_;  // stable storage for the items' addresses
};

}  // namespace pa::check
