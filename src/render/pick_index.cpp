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

void PickIndex::build(const std::vector<Parcel>& parcels, const LocalProjection& pr) {
    proj_ = pr;
    items_.clear();
    items_.reserve(parcels.size());
    extent_ = Box{};
    for (const auto& p : parcels) {
        Item it;
        it.area_m2 = p.area_m2;
        for (const auto& poly : p.geom)
            for (const auto& ring : poly) {
                if (ring.size() < 3) continue;
                for (const auto& q : ring) {
                    const PlanePoint xy = pr.xy(q);
                    it.box.expand(xy.x, xy.y);
                }
            }
        if (!it.box.empty()) {
            extent_.expand(it.box.min_x, it.box.min_y);
            extent_.expand(it.box.max_x, it.box.max_y);
        }
        items_.push_back(it);
    }
    if (extent_.empty()) return;
    // About 4 parcels per cell on average, at most 512 x 512 cells.
    const int side =
        std::clamp(static_cast<int>(std::sqrt(static_cast<double>(items_.size()) / 4.0)) + 1, 1, 512);
    nx_ = ny_ = side;
    cell_w_ = std::max(1e-6, (extent_.max_x - extent_.min_x) / nx_);
    cell_h_ = std::max(1e-6, (extent_.max_y - extent_.min_y) / ny_);
    cells_.assign(static_cast<size_t>(nx_) * ny_, {});
    for (size_t i = 0; i < items_.size(); ++i) {
        const Box& b = items_[i].box;
        if (b.empty()) continue;
        const int x0 = std::clamp(int((b.min_x - extent_.min_x) / cell_w_), 0, nx_ - 1);
        const int x1 = std::clamp(int((b.max_x - extent_.min_x) / cell_w_), 0, nx_ - 1);
        const int y0 = std::clamp(int((b.min_y - extent_.min_y) / cell_h_), 0, ny_ - 1);
        const int y1 = std::clamp(int((b.max_y - extent_.min_y) / cell_h_), 0, ny_ - 1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                cells_[static_cast<size_t>(y) * nx_ + x].push_back(static_cast<int>(i));
    }
}

int PickIndex::pick(const std::vector<Parcel>& parcels, double x, double y) const {
    if (cells_.empty() || parcels.size() != items_.size() || !extent_.contains(x, y)) return -1;
    const int cx = std::clamp(int((x - extent_.min_x) / cell_w_), 0, nx_ - 1);
    const int cy = std::clamp(int((y - extent_.min_y) / cell_h_), 0, ny_ - 1);
    int best = -1;
    for (int i : cells_[static_cast<size_t>(cy) * nx_ + cx]) {
        const Item& it = items_[static_cast<size_t>(i)];
        if (!it.box.contains(x, y)) continue;
        // Even-odd over all rings: inside an exterior ring and not inside one of its holes.
        bool in = false;
        for (const auto& poly : parcels[static_cast<size_t>(i)].geom)
            for (const auto& ring : poly)
                if (in_ring(ring, proj_, x, y)) in = !in;
        if (in && (best < 0 || it.area_m2 < items_[static_cast<size_t>(best)].area_m2)) best = i;
    }
    return best;
}

}  // namespace pa::render
