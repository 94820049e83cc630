#pragma once
// Do two polygons overlap, or only touch? The question a cadastre asks of every pair of neighbours: real 宗地
// layers are tessellations, where most pairs share edges and corners and almost none overlap. An exact
// intersection (GEOS overlay) per touching pair is the slow way; this answers "their interiors are disjoint"
// for the shared-edge case in a few dozen orientation tests and leaves only the doubtful pairs to the
// overlay.
//
// Why it is enough (A, B valid polygons, interiors connected): the interiors meet iff a point of A's boundary
// lies inside B, or a point of B's boundary inside A, or A and B are the same polygon. A boundary point
// inside the other polygon lies on an edge that properly crosses an edge of the other, or on an edge piece
// (between the other's vertices lying on it) whose midpoint is inside; identical polygons have identical
// envelopes.
#include <cstddef>
#include <vector>

#include "core/model.hpp"

namespace pa::geo {

/// False only when the interiors of `a` and `b` (valid polygons, closed rings, exterior first) are proven
/// disjoint; they may still share boundary segments and points. True when they may meet, including every case
/// the test does not decide (identical envelopes, more than `max_edge_pairs` edge pairs): the caller then
/// measures the intersection. Points within `tolerance` (coordinate units) of the other's boundary count as
/// on it, so an overlap narrower than the tolerance may be missed; 1e-9 degrees is 0.1 mm.
bool interiors_may_intersect(const Polygon& a, const Polygon& b, double tolerance = 1e-9,
                             size_t max_edge_pairs = 40000);
bool interiors_may_intersect(const MultiPolygon& a, const MultiPolygon& b, double tolerance = 1e-9);

/// Planar (shoelace) area of a polygon in its coordinate units squared (holes subtracted).
double planar_area(const Polygon& p);
double planar_area(const MultiPolygon& mp);

BBox bbox_of(const Polygon& p);  // bbox_of(MultiPolygon) is in wkb.hpp

/// Every pair (i < j) of boxes that intersect (closed boxes: touching counts), sorted, found through a
/// uniform grid (no O(n²) loop; boxes much larger than the typical one are checked against all others). Empty
/// boxes are skipped.
std::vector<std::pair<size_t, size_t>> intersecting_box_pairs(const std::vector<BBox>& boxes);

}  // namespace pa::geo
