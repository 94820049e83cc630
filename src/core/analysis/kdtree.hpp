#pragma once
// A nanoflann k-d tree over points in metres (analysis::XY), for nearest-neighbour queries (concentration's
// Clark–Evans index, the planner's distance to the nearest same-industry parcel).
#include <span>

#include <nanoflann.hpp>

#include "core/analysis/cluster.hpp"

namespace pa::analysis {

struct CloudAdaptor {
    std::span<const XY> pts;
    size_t kdtree_get_point_count() const { return pts.size(); }
    double kdtree_get_pt(size_t i, size_t dim) const { return dim == 0 ? pts[i].x_m : pts[i].y_m; }
    template <class BBOX>
    bool kdtree_get_bbox(BBOX&) const {
        return false;
    }
};
using KdTree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, CloudAdaptor>,
                                                   CloudAdaptor, 2, size_t>;

}  // namespace pa::analysis
