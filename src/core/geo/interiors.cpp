#include "core/geo/interiors.hpp"

#include <algorithm>
#include <cmath>

namespace pa::geo {

BBox bbox_of(const Polygon& p);

namespace {

/// -1, 0 or +1: which side of the line a→b the point p lies on; 0 within `tol` of the line (or a == b).
int side(const LonLat& a, const LonLat& b, const LonLat& p, double tol) {
    const double dx = b.lon - a.lon, dy = b.lat - a.lat;
    const double len2 = dx * dx + dy * dy;
    if (len2 == 0.0) return 0;
    const double cross =
        dx * (p.lat - a.lat) - dy * (p.lon - a.lon);  // distance to the line times its length
    if (cross * cross <= tol * tol * len2) return 0;
    return cross > 0 ? 1 : -1;
}

/// Parameter of p's projection on a→b, and whether p lies within `tol` of the segment.
bool near_segment(const LonLat& a, const LonLat& b, const LonLat& p, double tol, double* t_out = nullptr) {
    const double dx = b.lon - a.lon, dy = b.lat - a.lat;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = a.lon + t * dx - p.lon, ey = a.lat + t * dy - p.lat;
    if (t_out) *t_out = t;
    return ex * ex + ey * ey <= tol * tol;
}

bool boxes_meet(const BBox& a, const BBox& b, double tol) {
    return a.min_lon <= b.max_lon + tol && b.min_lon <= a.max_lon + tol && a.min_lat <= b.max_lat + tol &&
           b.min_lat <= a.max_lat + tol;
}

bool outside_box(const LonLat& p, const BBox& b, double tol) {
    return p.lon < b.min_lon - tol || p.lon > b.max_lon + tol || p.lat < b.min_lat - tol ||
           p.lat > b.max_lat + tol;
}

/// Strictly inside the polygon (whose box is `box`): farther than `tol` from every edge, and inside by the
/// even-odd rule over all rings.
bool strictly_inside(const LonLat& m, const Polygon& poly, const BBox& box, double tol) {
    if (outside_box(m, box, 0.0)) return false;  // the common case for neighbours: no edge to look at
    bool in = false;
    for (const Ring& r : poly) {
        for (size_t i = 0; i + 1 < r.size(); ++i) {
            const LonLat& a = r[i];
            const LonLat& b = r[i + 1];
            if (near_segment(a, b, m, tol)) return false;
            if ((a.lat > m.lat) != (b.lat > m.lat)) {
                const double x = a.lon + (b.lon - a.lon) * (m.lat - a.lat) / (b.lat - a.lat);
                if (m.lon < x) in = !in;
            }
        }
    }
    return in;
}

size_t edge_count(const Polygon& p) {
    size_t n = 0;
    for (const Ring& r : p) n += r.size() > 0 ? r.size() - 1 : 0;
    return n;
}

bool properly_cross(const LonLat& p, const LonLat& q, const LonLat& r, const LonLat& s, double tol) {
    const int o1 = side(p, q, r, tol), o2 = side(p, q, s, tol);
    if (o1 * o2 >= 0) return false;
    const int o3 = side(r, s, p, tol), o4 = side(r, s, q, tol);
    return o3 * o4 < 0;
}

/// Does a point of a's boundary lie strictly inside b? Each edge of a is cut at the vertices of b lying on
/// it; the pieces between cuts cross no edge of b (proper crossings were ruled out first), so each lies
/// wholly inside, outside or on b's boundary, and its midpoint says which.
bool boundary_enters(const Polygon& a, const Polygon& b, double tol) {
    const BBox bb = bbox_of(b);
    std::vector<double> cuts;
    for (const Ring& r : a) {
        for (size_t i = 0; i + 1 < r.size(); ++i) {
            const LonLat& p = r[i];
            const LonLat& q = r[i + 1];
            if (strictly_inside(p, b, bb, tol)) return true;
            BBox e;
            e.expand(p);
            e.expand(q);
            if (e.max_lon < bb.min_lon - tol || e.min_lon > bb.max_lon + tol ||
                e.max_lat < bb.min_lat - tol || e.min_lat > bb.max_lat + tol)
                continue;  // the edge stays away from b: no part of it can be inside
            cuts.assign({0.0, 1.0});
            for (const Ring& rb : b)
                for (size_t k = 0; k + 1 < rb.size(); ++k) {
                    double t = 0.0;
                    if (!outside_box(rb[k], e, tol) && near_segment(p, q, rb[k], tol, &t) && t > 0.0 &&
                        t < 1.0)
                        cuts.push_back(t);
                }
            std::sort(cuts.begin(), cuts.end());
            for (size_t k = 0; k + 1 < cuts.size(); ++k) {
                if (cuts[k + 1] - cuts[k] <= 0.0) continue;
                const double t = 0.5 * (cuts[k] + cuts[k + 1]);
                const LonLat m{p.lon + t * (q.lon - p.lon), p.lat + t * (q.lat - p.lat)};
                if (strictly_inside(m, b, bb, tol)) return true;
            }
        }
    }
    return false;
}

/// A point strictly inside `a` (farther than `tol` from its boundary), found a little inside the midpoint of
/// one of its exterior ring's edges; false when none of the tries is.
bool interior_probe(const Polygon& a, const BBox& box, double tol, LonLat& out) {
    if (a.empty() || a[0].size() < 4) return false;
    const Ring& r = a[0];
    double twice_area =
        0.0;  // orientation of the ring: the interior is left of a counter-clockwise ring's edges
    for (size_t i = 0; i + 1 < r.size(); ++i)
        twice_area += (r[i].lon - r[0].lon) * (r[i + 1].lat - r[0].lat) -
                      (r[i + 1].lon - r[0].lon) * (r[i].lat - r[0].lat);
    const double side = twice_area > 0 ? 1.0 : -1.0;
    const size_t tries = std::min<size_t>(r.size() - 1, 8);
    for (size_t i = 0; i < tries; ++i) {
        const LonLat& p = r[i];
        const LonLat& q = r[i + 1];
        const double dx = q.lon - p.lon, dy = q.lat - p.lat, len = std::hypot(dx, dy);
        if (len <= 4 * tol) continue;
        for (double f : {0.05, 0.01, 0.001}) {
            const double d = std::max(f * len, 4 * tol);
            const LonLat m{0.5 * (p.lon + q.lon) - side * dy / len * d,
                           0.5 * (p.lat + q.lat) + side * dx / len * d};
            if (strictly_inside(m, a, box, tol)) {
                out = m;
                return true;
            }
        }
    }
    return false;
}

}  // namespace

BBox bbox_of(const Polygon& p) {
    BBox b;
    if (!p.empty())
        for (const LonLat& v : p[0]) b.expand(v);  // holes lie inside the exterior ring
    return b;
}

double planar_area(const Polygon& p) {
    double total = 0.0;
    for (size_t r = 0; r < p.size(); ++r) {
        const Ring& ring = p[r];
        double s = 0.0;
        for (size_t i = 0; i + 1 < ring.size(); ++i)
            s += (ring[i].lon - ring[0].lon) * (ring[i + 1].lat - ring[0].lat) -
                 (ring[i + 1].lon - ring[0].lon) * (ring[i].lat - ring[0].lat);
        total += (r == 0 ? 1.0 : -1.0) * std::fabs(0.5 * s);
    }
    return total;
}

double planar_area(const MultiPolygon& mp) {
    double a = 0.0;
    for (const Polygon& p : mp) a += planar_area(p);
    return a;
}

bool interiors_may_intersect(const Polygon& a, const Polygon& b, double tol, size_t max_edge_pairs) {
    if (a.empty() || b.empty()) return false;
    const BBox ba = bbox_of(a), bb = bbox_of(b);
    if (!boxes_meet(ba, bb, -tol))
        return false;  // overlapping by no more than the tolerance: nothing to measure
    // The same polygon twice (a duplicated feature) has all its boundary on the other's: only the envelope
    // tells.
    if (std::fabs(ba.min_lon - bb.min_lon) <= tol && std::fabs(ba.max_lon - bb.max_lon) <= tol &&
        std::fabs(ba.min_lat - bb.min_lat) <= tol && std::fabs(ba.max_lat - bb.max_lat) <= tol)
        return true;
    if (edge_count(a) * edge_count(b) > max_edge_pairs) return true;
    for (const Ring& ra : a)
        for (size_t i = 0; i + 1 < ra.size(); ++i) {
            const LonLat& p = ra[i];
            const LonLat& q = ra[i + 1];
            BBox e;
            e.expand(p);
            e.expand(q);
            if (!boxes_meet(e, bb, tol)) continue;
            for (const Ring& rb : b)
                for (size_t k = 0; k + 1 < rb.size(); ++k)
                    if (properly_cross(p, q, rb[k], rb[k + 1], tol)) return true;
        }
    if (boundary_enters(a, b, tol) || boundary_enters(b, a, tol)) return true;
    // No boundary point of one lies inside the other: the interiors are disjoint, or the two are the same
    // polygon to within the tolerance (a duplicate whose coordinates were rounded differently). A point
    // inside one tells.
    LonLat m;
    return (interior_probe(a, ba, tol, m) && strictly_inside(m, b, bb, tol)) ||
           (interior_probe(b, bb, tol, m) && strictly_inside(m, a, ba, tol));
}

bool interiors_may_intersect(const MultiPolygon& a, const MultiPolygon& b, double tol) {
    for (const Polygon& pa : a)
        for (const Polygon& pb : b)
            if (interiors_may_intersect(pa, pb, tol)) return true;
    return false;
}

std::vector<std::pair<size_t, size_t>> intersecting_box_pairs(const std::vector<BBox>& boxes) {
    std::vector<std::pair<size_t, size_t>> out;
    std::vector<size_t> valid;
    BBox all;
    std::vector<double> sizes;
    for (size_t i = 0; i < boxes.size(); ++i) {
        const BBox& b = boxes[i];
        if (b.empty() || !std::isfinite(b.min_lon) || !std::isfinite(b.max_lon) ||
            !std::isfinite(b.min_lat) || !std::isfinite(b.max_lat))
            continue;
        valid.push_back(i);
        all.expand({b.min_lon, b.min_lat});
        all.expand({b.max_lon, b.max_lat});
        sizes.push_back(std::max(b.max_lon - b.min_lon, b.max_lat - b.min_lat));
    }
    if (valid.size() < 2) return out;
    auto meet = [&](size_t i, size_t j) { return boxes_meet(boxes[i], boxes[j], 0.0); };
    // Cells twice the median box size: a typical box covers 1-4 cells and shares them with its neighbours
    // only.
    std::nth_element(sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>(sizes.size() / 2),
                     sizes.end());
    const double span = std::max(all.max_lon - all.min_lon, all.max_lat - all.min_lat);
    double cell = 2.0 * sizes[sizes.size() / 2];
    if (!(cell > 0.0)) cell = span > 0.0 ? span / std::sqrt(static_cast<double>(valid.size())) : 1.0;
    auto dims = [&](double c) {
        return std::pair<size_t, size_t>{static_cast<size_t>((all.max_lon - all.min_lon) / c) + 1,
                                         static_cast<size_t>((all.max_lat - all.min_lat) / c) + 1};
    };
    const double max_cells = 4.0 * static_cast<double>(valid.size()) + 16.0;
    while (static_cast<double>(dims(cell).first) * static_cast<double>(dims(cell).second) > max_cells)
        cell *= 1.5;
    const auto grid_dims =
        dims(cell);  // (not a structured binding: clang 14 cannot capture one in the lambdas below)
    const size_t nx = grid_dims.first, ny = grid_dims.second;
    auto cx = [&](double x) {
        return std::min(nx - 1, static_cast<size_t>(std::max(0.0, (x - all.min_lon) / cell)));
    };
    auto cy = [&](double y) {
        return std::min(ny - 1, static_cast<size_t>(std::max(0.0, (y - all.min_lat) / cell)));
    };

    constexpr size_t kBigCells =
        64;  // a box covering more cells than this is checked against all boxes instead
    std::vector<size_t> start(nx * ny + 1, 0), big;
    std::vector<char> is_big(boxes.size(), 0);
    std::vector<size_t> slots;
    for (size_t pass = 0; pass < 2; ++pass) {
        std::vector<size_t> fill;
        if (pass == 1) {
            for (size_t c = 0; c < nx * ny; ++c) start[c + 1] += start[c];
            fill.assign(start.begin(), start.end() - 1);
        }
        if (pass == 1) slots.assign(start[nx * ny], 0);
        for (size_t i : valid) {
            const BBox& b = boxes[i];
            const size_t x0 = cx(b.min_lon), x1 = cx(b.max_lon), y0 = cy(b.min_lat), y1 = cy(b.max_lat);
            if ((x1 - x0 + 1) * (y1 - y0 + 1) > kBigCells) {
                if (pass == 0) {
                    big.push_back(i);
                    is_big[i] = 1;
                }
                continue;
            }
            for (size_t y = y0; y <= y1; ++y)
                for (size_t x = x0; x <= x1; ++x) {
                    if (pass == 0)
                        ++start[y * nx + x + 1];
                    else
                        slots[fill[y * nx + x]++] = i;
                }
        }
        if (pass == 1) {
            for (size_t c = 0; c < nx * ny; ++c)
                for (size_t a = start[c]; a < start[c + 1]; ++a)
                    for (size_t k = a + 1; k < start[c + 1]; ++k) {
                        const size_t i = slots[a], j = slots[k];
                        if (!meet(i, j)) continue;
                        // Reported once: in the cell holding the lower-left corner of the two boxes'
                        // intersection.
                        const double rx = std::max(boxes[i].min_lon, boxes[j].min_lon);
                        const double ry = std::max(boxes[i].min_lat, boxes[j].min_lat);
                        if (cy(ry) * nx + cx(rx) != c) continue;
                        out.emplace_back(std::min(i, j), std::max(i, j));
                    }
        }
    }
    for (size_t b : big)
        for (size_t j : valid) {
            if (j == b || (is_big[j] && j < b) || !meet(b, j)) continue;
            out.emplace_back(std::min(b, j), std::max(b, j));
        }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace pa::geo
