#include "core/geo/point_grid.hpp"

#include <algorithm>

namespace pa::geo {

bool point_in(const MultiPolygon& mp, double lon, double lat) {
    auto in_ring = [&](const Ring& r) {
        bool in = false;
        const size_t n = r.size();
        for (size_t i = 0, j = n - 1; i < n; j = i++) {
            const LonLat& a = r[i];
            const LonLat& b = r[j];
            if ((a.lat > lat) != (b.lat > lat)) {
                const double x = a.lon + (lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
                if (lon < x) in = !in;
            }
        }
        return in;
    };
    for (const auto& poly : mp) {
        if (poly.empty() || poly[0].size() < 3) continue;
        if (!in_ring(poly[0])) continue;
        bool in_hole = false;
        for (size_t h = 1; h < poly.size() && !in_hole; ++h)
            in_hole = poly[h].size() >= 3 && in_ring(poly[h]);
        if (!in_hole) return true;
    }
    return false;
}

PointGrid::PointGrid(const std::vector<const MultiPolygon*>& polygons) : polygons_(polygons) {
    boxes_.resize(polygons_.size());
    BBox all;
    double sum_w = 0;
    for (size_t i = 0; i < polygons_.size(); ++i) {
        for (const auto& poly : *polygons_[i])
            if (!poly.empty())
                for (const auto& pt : poly[0]) boxes_[i].expand(pt);
        if (boxes_[i].empty()) continue;
        all.expand({boxes_[i].min_lon, boxes_[i].min_lat});
        all.expand({boxes_[i].max_lon, boxes_[i].max_lat});
        sum_w += (boxes_[i].max_lon - boxes_[i].min_lon) + (boxes_[i].max_lat - boxes_[i].min_lat);
    }
    if (all.empty()) return;
    x0_ = all.min_lon;
    y0_ = all.min_lat;
    cell_ = std::max(sum_w / static_cast<double>(polygons_.size()), 1e-7);
    nx_ = std::min<size_t>(static_cast<size_t>((all.max_lon - all.min_lon) / cell_) + 1, 4096);
    ny_ = std::min<size_t>(static_cast<size_t>((all.max_lat - all.min_lat) / cell_) + 1, 4096);
    cell_ = std::max((all.max_lon - all.min_lon) / static_cast<double>(nx_),
                     (all.max_lat - all.min_lat) / static_cast<double>(ny_)) *
                (1 + 1e-9) +
            1e-12;
    auto range = [&](const BBox& b, size_t& cx0, size_t& cx1, size_t& cy0, size_t& cy1) {
        cx0 = std::min(nx_ - 1, static_cast<size_t>((b.min_lon - x0_) / cell_));
        cx1 = std::min(nx_ - 1, static_cast<size_t>((b.max_lon - x0_) / cell_));
        cy0 = std::min(ny_ - 1, static_cast<size_t>((b.min_lat - y0_) / cell_));
        cy1 = std::min(ny_ - 1, static_cast<size_t>((b.max_lat - y0_) / cell_));
    };
    std::vector<uint32_t> count(nx_ * ny_ + 1, 0);
    for (const auto& b : boxes_) {
        if (b.empty()) continue;
        size_t a, bx, c, d;
        range(b, a, bx, c, d);
        for (size_t y = c; y <= d; ++y)
            for (size_t x = a; x <= bx; ++x) ++count[y * nx_ + x + 1];
    }
    for (size_t k = 1; k < count.size(); ++k) count[k] += count[k - 1];
    start_ = count;
    items_.resize(count.back());
    for (size_t i = 0; i < boxes_.size(); ++i) {
        if (boxes_[i].empty()) continue;
        size_t a, bx, c, d;
        range(boxes_[i], a, bx, c, d);
        for (size_t y = c; y <= d; ++y)
            for (size_t x = a; x <= bx; ++x) items_[count[y * nx_ + x]++] = static_cast<uint32_t>(i);
    }
}

std::optional<size_t> PointGrid::locate(double lon, double lat) const {
    if (items_.empty() || lon < x0_ || lat < y0_) return std::nullopt;
    const size_t cx = static_cast<size_t>((lon - x0_) / cell_), cy = static_cast<size_t>((lat - y0_) / cell_);
    if (cx >= nx_ || cy >= ny_) return std::nullopt;
    const size_t c = cy * nx_ + cx;
    std::optional<size_t> best;
    for (uint32_t k = start_[c]; k < start_[c + 1]; ++k) {
        const size_t i = items_[k];
        const BBox& b = boxes_[i];
        if (lon < b.min_lon || lon > b.max_lon || lat < b.min_lat || lat > b.max_lat) continue;
        if ((!best || i < *best) && point_in(*polygons_[i], lon, lat)) best = i;
    }
    return best;
}

}  // namespace pa::geo
