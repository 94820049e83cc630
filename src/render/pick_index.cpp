// Picking: which parcel is under the cursor (a grid over the parcels' boxes, then point in polygon). No GL.
#include "render/map_data.hpp"

#include <algorithm>
#include <cmath>

namespace pa::render {

// ------------------------------------------------------------------------------------------------------
// picking
namespace {
// Even-odd crossing test of the point against a ring projected to local metres on the fly.
bool in_ring(const Ring& ring, const LocalProjection& pr, double x, double y) {
    bool in = false;
    if (ring.size() < 3) return false;
    PlanePoint pj = pr.xy(ring.back());
    for (const LonLat& q : ring) {
        const PlanePoint pi = pr.xy(q);
        if ((pi.y > y) != (pj.y > y) && x < (pj.x - pi.x) * (y - pi.y) / (pj.y - pi.y) + pi.x) in = !in;
        pj = pi;
    }
    return in;
}
}  // namespace

void PickIndex::build(const std::vector<Box>& boxes, const LocalProjection& pr) {
    proj_ = pr;
    count_ = boxes.size();
    extent_ = Box{};
    for (const Box& b : boxes)
        if (!b.empty()) {
            extent_.expand(b.min_x, b.min_y);
            extent_.expand(b.max_x, b.max_y);
        }
    cells_.clear();
    if (extent_.empty()) return;
    // About 4 parcels per cell on average, at most 512 x 512 cells.
    const int side =
        std::clamp(static_cast<int>(std::sqrt(static_cast<double>(boxes.size()) / 4.0)) + 1, 1, 512);
    nx_ = ny_ = side;
    cell_w_ = std::max(1e-6, (extent_.max_x - extent_.min_x) / nx_);
    cell_h_ = std::max(1e-6, (extent_.max_y - extent_.min_y) / ny_);
    std::vector<std::pair<uint32_t, int>> in_cell;  // (cell, parcel)
    in_cell.reserve(boxes.size() + boxes.size() / 2);
    for (size_t i = 0; i < boxes.size(); ++i) {
        const Box& b = boxes[i];
        if (b.empty()) continue;
        const int x0 = std::clamp(int((b.min_x - extent_.min_x) / cell_w_), 0, nx_ - 1);
        const int x1 = std::clamp(int((b.max_x - extent_.min_x) / cell_w_), 0, nx_ - 1);
        const int y0 = std::clamp(int((b.min_y - extent_.min_y) / cell_h_), 0, ny_ - 1);
        const int y1 = std::clamp(int((b.max_y - extent_.min_y) / cell_h_), 0, ny_ - 1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                in_cell.emplace_back(static_cast<uint32_t>(y * nx_ + x), static_cast<int>(i));
    }
    cells_ = IndexLists::from_pairs(static_cast<size_t>(nx_) * ny_, in_cell);
}

int PickIndex::pick(const std::vector<Parcel>& parcels, const std::vector<Box>& boxes, double x,
                    double y) const {
    if (cells_.empty() || parcels.size() != count_ || boxes.size() != count_ || !extent_.contains(x, y))
        return -1;
    const int cx = std::clamp(int((x - extent_.min_x) / cell_w_), 0, nx_ - 1);
    const int cy = std::clamp(int((y - extent_.min_y) / cell_h_), 0, ny_ - 1);
    int best = -1;
    for (int i : cells_[static_cast<size_t>(cy) * nx_ + cx]) {
        if (!boxes[static_cast<size_t>(i)].contains(x, y)) continue;
        // Even-odd over all rings: inside an exterior ring and not inside one of its holes.
        bool in = false;
        const Parcel& p = parcels[static_cast<size_t>(i)];
        for (const auto& poly : p.geom)
            for (const auto& ring : poly)
                if (in_ring(ring, proj_, x, y)) in = !in;
        if (in && (best < 0 || p.area_m2 < parcels[static_cast<size_t>(best)].area_m2)) best = i;
    }
    return best;
}

}  // namespace pa::render
