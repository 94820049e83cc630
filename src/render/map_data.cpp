#include "render/map_data.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <optional>
#include <thread>

#include "core/common/error.hpp"
#include "core/geos/geos_handles.hpp"
#include "core/store/workspace.hpp"

namespace pa::render {

// ---------------------------------------------------------------------------------------------- mesh blob format
// "PAM1", then 8 uint32 counts (fill_xy, fill_parcel, fill_index, line_xy, line_parcel, line_index, line_first,
// line_count) and the arrays in that order, little endian as in memory (x86-64 and ARM64 both are).
namespace {
template <class T>
void put(std::string& s, const std::vector<T>& v) {
    s.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}
template <class T>
bool get(std::string_view s, size_t& pos, size_t n, std::vector<T>& v) {
    if (pos + n * sizeof(T) > s.size()) return false;
    v.resize(n);
    if (n) std::memcpy(v.data(), s.data() + pos, n * sizeof(T));
    pos += n * sizeof(T);
    return true;
}
}  // namespace

std::string ParcelMesh::serialize() const {
    std::string s = "PAM1";
    uint32_t counts[8] = {uint32_t(fill_xy.size()),    uint32_t(fill_parcel.size()), uint32_t(fill_index.size()),
                          uint32_t(line_xy.size()),    uint32_t(line_parcel.size()), uint32_t(line_index.size()),
                          uint32_t(line_first.size()), uint32_t(line_count.size())};
    s.append(reinterpret_cast<const char*>(counts), sizeof counts);
    put(s, fill_xy);
    put(s, fill_parcel);
    put(s, fill_index);
    put(s, line_xy);
    put(s, line_parcel);
    put(s, line_index);
    put(s, line_first);
    put(s, line_count);
    return s;
}

bool ParcelMesh::deserialize(std::string_view blob, ParcelMesh& m) {
    if (blob.size() < 4 + 32 || blob.substr(0, 4) != "PAM1") return false;
    uint32_t c[8];
    std::memcpy(c, blob.data() + 4, sizeof c);
    size_t pos = 4 + sizeof c;
    return get(blob, pos, c[0], m.fill_xy) && get(blob, pos, c[1], m.fill_parcel) &&
           get(blob, pos, c[2], m.fill_index) && get(blob, pos, c[3], m.line_xy) &&
           get(blob, pos, c[4], m.line_parcel) && get(blob, pos, c[5], m.line_index) &&
           get(blob, pos, c[6], m.line_first) && get(blob, pos, c[7], m.line_count) && pos == blob.size();
}

// ------------------------------------------------------------------------------------------------ tessellation
namespace {

GEOSGeometry* make_ring(GEOSContextHandle_t h, const Ring& r, const LocalProjection& pr) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(r.size()), 2);
    for (size_t i = 0; i < r.size(); ++i) GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), pr.x(r[i].lon), pr.y(r[i].lat));
    return GEOSGeom_createLinearRing_r(h, seq);  // takes the sequence; null when it is not a valid ring
}

// Builds a GEOS polygon of one part in local metres; null when a ring is degenerate.
geos::GeomPtr make_polygon(const geos::Context& c, const Polygon& poly, const LocalProjection& pr) {
    GEOSContextHandle_t h = c.get();
    if (poly.empty() || poly[0].size() < 4) return geos::own(c, nullptr);
    GEOSGeometry* shell = make_ring(h, poly[0], pr);
    if (!shell) return geos::own(c, nullptr);
    std::vector<GEOSGeometry*> holes;
    for (size_t i = 1; i < poly.size(); ++i) {
        if (poly[i].size() < 4) continue;
        if (GEOSGeometry* hole = make_ring(h, poly[i], pr)) holes.push_back(hole);
    }
    return geos::own(c, GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size())));
}

void append_triangles(const geos::Context& c, const GEOSGeometry* tris, uint32_t parcel, ParcelMesh& m) {
    GEOSContextHandle_t h = c.get();
    const int n = GEOSGetNumGeometries_r(h, tris);
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* t = GEOSGetGeometryN_r(h, tris, i);
        const GEOSGeometry* ring = GEOSGetExteriorRing_r(h, t);
        if (!ring) continue;
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
        unsigned size = 0;
        GEOSCoordSeq_getSize_r(h, seq, &size);
        if (size < 3) continue;
        for (unsigned k = 0; k < 3; ++k) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(h, seq, k, &x, &y);
            m.fill_index.push_back(static_cast<uint32_t>(m.fill_parcel.size()));
            m.fill_xy.push_back(static_cast<float>(x));
            m.fill_xy.push_back(static_cast<float>(y));
            m.fill_parcel.push_back(parcel);
        }
    }
}

}  // namespace

ParcelMesh tessellate_parcels(const std::vector<Parcel>& parcels, const LocalProjection& pr) {
    std::vector<const MultiPolygon*> shapes;
    shapes.reserve(parcels.size());
    for (const auto& p : parcels) shapes.push_back(&p.geom);
    return tessellate(shapes, pr);
}

namespace {
// 0..n-1 in ascending order of key(i) >= 0 (ties keep their order): an LSD radix sort over the float's bits, which
// for non-negative floats order like the values (a million parcels in milliseconds).
template <class Key>
std::vector<uint32_t> order_by_key(size_t n, const Key& key) {
    std::vector<uint32_t> bits(n), order(n), tmp(n);
    for (size_t i = 0; i < n; ++i) {
        const float k = key(static_cast<uint32_t>(i));
        std::memcpy(&bits[i], &k, sizeof k);
        order[i] = static_cast<uint32_t>(i);
    }
    for (int shift = 0; shift < 32; shift += 8) {
        size_t count[257] = {};
        for (uint32_t i : order) ++count[((bits[i] >> shift) & 0xFF) + 1];
        for (int b = 1; b < 257; ++b) count[b] += count[b - 1];
        for (uint32_t i : order) tmp[count[(bits[i] >> shift) & 0xFF]++] = i;
        order.swap(tmp);
    }
    return order;
}

// Primitives of `per` indices each, grouped by their owner's rank (a stable counting sort; the owner is that of the
// primitive's first vertex, owners the ranks do not know go last). `from_rank[k]` becomes the first index of the
// primitives of rank >= k (ranks + 1 entries).
void group_by_rank(std::vector<uint32_t>& index, size_t per, const std::vector<uint32_t>& owner,
                   const std::vector<uint32_t>& rank, std::vector<int32_t>& from_rank) {
    const size_t n = rank.size(), prims = index.size() / per;
    auto rank_of = [&](size_t t) {
        const uint32_t o = owner[index[t * per]];
        return o < n ? rank[o] : static_cast<uint32_t>(n);
    };
    std::vector<int32_t> start(n + 2, 0);
    for (size_t t = 0; t < prims; ++t) start[rank_of(t) + 1] += int32_t(per);
    for (size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
    from_rank.assign(start.begin(), start.end() - 1);
    std::vector<uint32_t> out(prims * per);
    for (size_t t = 0; t < prims; ++t) {
        auto& at = start[rank_of(t)];
        std::copy_n(index.begin() + static_cast<std::ptrdiff_t>(t * per), per, out.begin() + at);
        at += int32_t(per);
    }
    index.swap(out);
}
}  // namespace

ParcelOrder order_parcels(const std::vector<Parcel>& parcels, const std::vector<Box>& boxes, const LocalProjection& pr) {
    const size_t n = parcels.size();
    ParcelOrder o;
    auto box = [&](size_t i) -> const Box* { return i < boxes.size() && !boxes[i].empty() ? &boxes[i] : nullptr; };
    // Tiles: a grid of about 64 parcels per cell over the box centres.
    Box all;
    for (size_t i = 0; i < n; ++i)
        if (const Box* b = box(i)) {
            all.expand(b->min_x, b->min_y);
            all.expand(b->max_x, b->max_y);
        }
    const int g = std::clamp(int(std::lround(std::sqrt(double(n) / 64.0))), 1, 256);
    std::vector<uint32_t> tile(n, 0);
    if (!all.empty()) {
        const double cw = std::max(1e-9, (all.max_x - all.min_x) / g), ch = std::max(1e-9, (all.max_y - all.min_y) / g);
        for (size_t i = 0; i < n; ++i)
            if (const Box* b = box(i)) {
                const int tx = std::clamp(int(((b->min_x + b->max_x) / 2 - all.min_x) / cw), 0, g - 1);
                const int ty = std::clamp(int(((b->min_y + b->max_y) / 2 - all.min_y) / ch), 0, g - 1);
                tile[i] = uint32_t(ty * g + tx);
            }
    }
    // By size, then stably by tile: by tile, then by size within it.
    auto side = [&](uint32_t i) {
        return box(i) && parcels[i].area_m2 > 0 ? float(std::sqrt(parcels[i].area_m2)) : std::numeric_limits<float>::infinity();
    };
    const std::vector<uint32_t> by_size = order_by_key(n, side);
    const size_t tiles = size_t(g) * size_t(g);
    o.tile_first_rank.assign(tiles + 1, 0);
    for (size_t i = 0; i < n; ++i) ++o.tile_first_rank[tile[i] + 1];
    for (size_t t = 1; t <= tiles; ++t) o.tile_first_rank[t] += o.tile_first_rank[t - 1];
    o.order.resize(n);
    std::vector<uint32_t> next(o.tile_first_rank.begin(), o.tile_first_rank.end() - 1);
    for (uint32_t i : by_size) o.order[next[tile[i]]++] = i;
    o.rank.assign(n, 0);
    o.side_m.resize(n);
    o.tile_box.assign(tiles, Box{});
    for (size_t k = 0; k < n; ++k) {
        const uint32_t i = o.order[k];
        o.rank[i] = static_cast<uint32_t>(k);
        o.side_m[k] = side(i);
        if (const Box* b = box(i)) {
            Box& tb = o.tile_box[tile[i]];
            tb.expand(b->min_x, b->min_y);
            tb.expand(b->max_x, b->max_y);
            if (std::isfinite(o.side_m[k])) {  // the level-of-detail square around the centroid
                const double x = pr.x(parcels[i].centroid_lon), y = pr.y(parcels[i].centroid_lat), h = o.side_m[k] / 2;
                tb.expand(x - h, y - h);
                tb.expand(x + h, y + h);
            }
        }
    }
    return o;
}

void group_mesh(ParcelMesh& m, const std::vector<uint32_t>& rank) {
    group_by_rank(m.fill_index, 3, m.fill_parcel, rank, m.fill_from_rank);
    group_by_rank(m.line_index, 2, m.line_parcel, rank, m.line_from_rank);
    // Each parcel's segments stayed together: its outline now starts where its rank's segments start.
    for (size_t p = 0; p < m.line_first.size() && p < rank.size(); ++p)
        m.line_first[p] = uint32_t(m.line_from_rank[rank[p]]);
}

Ring simplify_ring(const Ring& ring, const LocalProjection& pr, double tolerance_m) {
    const size_t n = ring.size();
    if (n < 5 || tolerance_m <= 0) return ring;
    std::vector<double> x(n), y(n);
    for (size_t i = 0; i < n; ++i) {
        x[i] = pr.x(ring[i].lon);
        y[i] = pr.y(ring[i].lat);
    }
    std::vector<char> keep(n, 0);
    keep[0] = keep[n - 1] = 1;
    std::vector<std::pair<size_t, size_t>> stack{{0, n - 1}};
    const double tol2 = tolerance_m * tolerance_m;
    while (!stack.empty()) {
        const auto [a, b] = stack.back();
        stack.pop_back();
        if (b <= a + 1) continue;
        // Distance to the chord a-b (to point a when the chord is a point: the closed ring's first split).
        const double dx = x[b] - x[a], dy = y[b] - y[a], len2 = dx * dx + dy * dy;
        double best = -1;
        size_t at = a;
        for (size_t i = a + 1; i < b; ++i) {
            const double px = x[i] - x[a], py = y[i] - y[a];
            const double d2 = len2 > 0 ? (px * dy - py * dx) * (px * dy - py * dx) / len2 : px * px + py * py;
            if (d2 > best) {
                best = d2;
                at = i;
            }
        }
        if (best > tol2 || len2 == 0) {
            keep[at] = 1;
            stack.push_back({a, at});
            stack.push_back({at, b});
        }
    }
    Ring out;
    for (size_t i = 0; i < n; ++i)
        if (keep[i]) out.push_back(ring[i]);
    return out.size() < 4 ? ring : out;
}

namespace {

// Triangulates shapes[begin, end) with its own GEOS context (one per thread: GEOS contexts are not shared).
ParcelMesh tessellate_range(const std::vector<const MultiPolygon*>& shapes, size_t begin, size_t end,
                            const LocalProjection& pr) {
    ParcelMesh m;
    geos::Context c;
    GEOSContextHandle_t h = c.get();
    for (size_t pi = begin; pi < end; ++pi) {
        const auto idx = static_cast<uint32_t>(pi);
        m.line_first.push_back(static_cast<uint32_t>(m.line_index.size()));
        for (const Polygon& poly : *shapes[pi]) {
            // Outlines: every ring, closing vertex dropped, as GL_LINES pairs.
            for (const Ring& r : poly) {
                if (r.size() < 4) continue;
                const auto base = static_cast<uint32_t>(m.line_parcel.size());
                const size_t n = r.size() - 1;
                for (size_t k = 0; k < n; ++k) {
                    m.line_xy.push_back(static_cast<float>(pr.x(r[k].lon)));
                    m.line_xy.push_back(static_cast<float>(pr.y(r[k].lat)));
                    m.line_parcel.push_back(idx);
                    m.line_index.push_back(base + static_cast<uint32_t>(k));
                    m.line_index.push_back(base + static_cast<uint32_t>((k + 1) % n));
                }
            }
            // Fill: GEOS's constrained Delaunay triangulation respects holes. An invalid part (the importer
            // repairs them, but a workspace may come from elsewhere) is made valid first.
            geos::GeomPtr g = make_polygon(c, poly, pr);
            if (!g) continue;
            if (GEOSisValid_r(h, g.get()) != 1) {
                geos::GeomPtr fixed = geos::own(c, GEOSMakeValid_r(h, g.get()));
                if (!fixed) continue;
                g = std::move(fixed);
            }
            geos::GeomPtr tris = geos::own(c, GEOSConstrainedDelaunayTriangulation_r(h, g.get()));
            if (tris) append_triangles(c, tris.get(), idx, m);
        }
        m.line_count.push_back(static_cast<uint32_t>(m.line_index.size()) - m.line_first.back());
    }
    return m;
}

// Appends `part` (indices local to it) to `m`, shifting its vertex and index references.
void append_mesh(ParcelMesh& m, const ParcelMesh& part) {
    const auto fill_base = static_cast<uint32_t>(m.fill_parcel.size());
    const auto line_base = static_cast<uint32_t>(m.line_parcel.size());
    const auto line_index_base = static_cast<uint32_t>(m.line_index.size());
    m.fill_xy.insert(m.fill_xy.end(), part.fill_xy.begin(), part.fill_xy.end());
    m.fill_parcel.insert(m.fill_parcel.end(), part.fill_parcel.begin(), part.fill_parcel.end());
    for (uint32_t i : part.fill_index) m.fill_index.push_back(i + fill_base);
    m.line_xy.insert(m.line_xy.end(), part.line_xy.begin(), part.line_xy.end());
    m.line_parcel.insert(m.line_parcel.end(), part.line_parcel.begin(), part.line_parcel.end());
    for (uint32_t i : part.line_index) m.line_index.push_back(i + line_base);
    for (uint32_t f : part.line_first) m.line_first.push_back(f + line_index_base);
    m.line_count.insert(m.line_count.end(), part.line_count.begin(), part.line_count.end());
}

}  // namespace

int tessellation_threads(size_t shapes) {
    unsigned n = std::thread::hardware_concurrency();
    if (const char* e = std::getenv("PARKATLAS_THREADS"); e && *e) n = static_cast<unsigned>(std::max(1, std::atoi(e)));
    if (n == 0) n = 2;
    // Below a few thousand shapes a thread costs more than it saves.
    const size_t useful = shapes / 2000 + 1;
    return static_cast<int>(std::clamp<size_t>(std::min<size_t>(n, useful), 1, 64));
}

ParcelMesh tessellate(const std::vector<const MultiPolygon*>& shapes, const LocalProjection& pr) {
    const int threads = tessellation_threads(shapes.size());
    if (threads <= 1) return tessellate_range(shapes, 0, shapes.size(), pr);
    // Contiguous chunks, one per thread, concatenated in order: the mesh is identical to the one-thread mesh.
    std::vector<ParcelMesh> parts(static_cast<size_t>(threads));
    std::vector<std::exception_ptr> errors(parts.size());
    {
        std::vector<std::jthread> pool;
        const size_t n = shapes.size();
        for (size_t t = 0; t < parts.size(); ++t)
            pool.emplace_back([&, t] {
                try {
                    parts[t] = tessellate_range(shapes, n * t / parts.size(), n * (t + 1) / parts.size(), pr);
                } catch (...) {
                    errors[t] = std::current_exception();
                }
            });
    }
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    ParcelMesh m;
    size_t fv = 0, fi = 0, lv = 0, li = 0;
    for (const auto& p : parts) {
        fv += p.fill_parcel.size();
        fi += p.fill_index.size();
        lv += p.line_parcel.size();
        li += p.line_index.size();
    }
    m.fill_xy.reserve(2 * fv);
    m.fill_parcel.reserve(fv);
    m.fill_index.reserve(fi);
    m.line_xy.reserve(2 * lv);
    m.line_parcel.reserve(lv);
    m.line_index.reserve(li);
    m.line_first.reserve(shapes.size());
    m.line_count.reserve(shapes.size());
    for (const auto& p : parts) append_mesh(m, p);
    return m;
}

// ------------------------------------------------------------------------------------------------------ picking
namespace {
bool in_ring(const std::vector<std::pair<double, double>>& r, double x, double y) {
    bool in = false;
    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
        const auto [xi, yi] = r[i];
        const auto [xj, yj] = r[j];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) in = !in;
    }
    return in;
}
}  // namespace

void PickIndex::build(const std::vector<Parcel>& parcels, const LocalProjection& pr) {
    items_.clear();
    extent_ = Box{};
    for (const auto& p : parcels) {
        Item it;
        it.area_m2 = p.area_m2;
        for (const auto& poly : p.geom)
            for (const auto& ring : poly) {
                std::vector<std::pair<double, double>> r;
                r.reserve(ring.size());
                for (const auto& q : ring) {
                    r.emplace_back(pr.x(q.lon), pr.y(q.lat));
                    it.box.expand(r.back().first, r.back().second);
                }
                if (r.size() >= 3) it.rings.push_back(std::move(r));
            }
        if (!it.box.empty()) {
            extent_.expand(it.box.min_x, it.box.min_y);
            extent_.expand(it.box.max_x, it.box.max_y);
        }
        items_.push_back(std::move(it));
    }
    if (extent_.empty()) return;
    // About 4 parcels per cell on average, at most 512 x 512 cells.
    const int side = std::clamp(static_cast<int>(std::sqrt(items_.size() / 4.0)) + 1, 1, 512);
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
            for (int x = x0; x <= x1; ++x) cells_[static_cast<size_t>(y) * nx_ + x].push_back(static_cast<int>(i));
    }
}

int PickIndex::pick(double x, double y) const {
    if (cells_.empty() || !extent_.contains(x, y)) return -1;
    const int cx = std::clamp(int((x - extent_.min_x) / cell_w_), 0, nx_ - 1);
    const int cy = std::clamp(int((y - extent_.min_y) / cell_h_), 0, ny_ - 1);
    int best = -1;
    for (int i : cells_[static_cast<size_t>(cy) * nx_ + cx]) {
        const Item& it = items_[static_cast<size_t>(i)];
        if (!it.box.contains(x, y)) continue;
        // Even-odd over all rings: inside an exterior ring and not inside one of its holes.
        bool in = false;
        for (const auto& r : it.rings)
            if (in_ring(r, x, y)) in = !in;
        if (in && (best < 0 || it.area_m2 < items_[static_cast<size_t>(best)].area_m2)) best = i;
    }
    return best;
}

// ------------------------------------------------------------------------------------------------------ MapData
int MapData::zone_index(const std::string& code) const {
    for (size_t i = 0; i < zones.size(); ++i)
        if (zones[i].code == code) return static_cast<int>(i);
    return -1;
}

Box MapData::zone_focus_box(const std::string& code) const {
    Box b;
    for (size_t i = 0; i < parcels.size(); ++i)
        if (parcels[i].zone_code == code && !parcel_boxes[i].empty()) {
            b.expand(parcel_boxes[i].min_x, parcel_boxes[i].min_y);
            b.expand(parcel_boxes[i].max_x, parcel_boxes[i].max_y);
        }
    if (b.empty()) {
        const int z = zone_index(code);
        if (z >= 0) b = zone_drawing.boxes[static_cast<size_t>(z)];
    }
    return b;
}

namespace {

void add_thick_segment(std::vector<float>& v, double ax, double ay, double bx, double by) {
    // Two triangles; the vertex shader pushes each vertex sideways by `side` half widths in screen space.
    const float a[2] = {float(ax), float(ay)}, b[2] = {float(bx), float(by)};
    auto vert = [&](const float* p, const float* o, float side) {
        v.insert(v.end(), {p[0], p[1], o[0], o[1], side});
    };
    vert(a, b, -1);
    vert(a, b, 1);
    vert(b, a, -1);
    vert(a, b, -1);
    vert(b, a, -1);
    vert(b, a, 1);
}

// Signed area (m², positive for a counter-clockwise ring) and area-weighted centroid of a ring, in local metres;
// `box`, when given, grows to hold the ring.
struct RingCentroid {
    double signed_area_m2 = 0, x = 0, y = 0;
};
RingCentroid ring_centroid(const Ring& r, const LocalProjection& pr, Box* box = nullptr) {
    double a = 0, cx = 0, cy = 0;
    const double x0 = pr.x(r[0].lon), y0 = pr.y(r[0].lat);
    for (size_t i = 0; i + 1 < r.size(); ++i) {
        const double x1 = pr.x(r[i].lon) - x0, y1 = pr.y(r[i].lat) - y0;
        const double x2 = pr.x(r[i + 1].lon) - x0, y2 = pr.y(r[i + 1].lat) - y0;
        const double cr = x1 * y2 - x2 * y1;
        a += cr;
        cx += (x1 + x2) * cr;
        cy += (y1 + y2) * cr;
        if (box) box->expand(x1 + x0, y1 + y0);
    }
    if (a == 0) return {0, x0, y0};
    return {a / 2, x0 + cx / (3 * a), y0 + cy / (3 * a)};
}

// A label point: the area-weighted centroid of the largest part's exterior ring (local metres).
std::pair<double, double> label_point(const MultiPolygon& mp, const LocalProjection& pr) {
    double best_area = -1, lx = 0, ly = 0;
    for (const auto& poly : mp) {
        if (poly.empty() || poly[0].size() < 4) continue;
        const RingCentroid rc = ring_centroid(poly[0], pr);
        if (rc.signed_area_m2 != 0 && std::fabs(rc.signed_area_m2) > best_area) {
            best_area = std::fabs(rc.signed_area_m2);
            lx = rc.x;
            ly = rc.y;
        }
    }
    return {lx, ly};
}

// One anchor per part: the area-weighted centroid of its exterior ring when that lies inside the part (not in a
// hole), else GEOS's point on surface.
void part_anchors(const geos::Context& c, const MultiPolygon& mp, const LocalProjection& pr, int zone,
                  std::vector<LabelAnchor>& out) {
    const size_t first = out.size();
    for (const auto& poly : mp) {
        if (poly.empty() || poly[0].size() < 4) continue;
        LabelAnchor a;
        a.zone = zone;
        const RingCentroid rc = ring_centroid(poly[0], pr, &a.box);
        if (rc.signed_area_m2 == 0) continue;
        a.area_m2 = std::fabs(rc.signed_area_m2);
        a.x = rc.x;
        a.y = rc.y;
        geos::GeomPtr g = make_polygon(c, poly, pr);
        if (g) {
            geos::GeomPtr pt = geos::own(c, GEOSGeom_createPointFromXY_r(c.get(), a.x, a.y));
            if (pt && GEOSContains_r(c.get(), g.get(), pt.get()) != 1) {
                geos::GeomPtr on = geos::own(c, GEOSPointOnSurface_r(c.get(), g.get()));
                if (on) {
                    GEOSGeomGetX_r(c.get(), on.get(), &a.x);
                    GEOSGeomGetY_r(c.get(), on.get(), &a.y);
                }
            }
        }
        out.push_back(a);
    }
    if (out.size() > first) {
        auto big = std::max_element(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                                    [](const LabelAnchor& a, const LabelAnchor& b) { return a.area_m2 < b.area_m2; });
        big->largest = true;
    }
}

std::string mesh_key(const std::vector<Parcel>& parcels, const LocalProjection& pr) {
    int64_t max_id = 0;
    double area = 0;
    for (const auto& p : parcels) {
        max_id = std::max(max_id, p.id);
        area += p.area_m2;
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "parcels-mesh-v1:%zu:%lld:%.0f:%.4f,%.4f", parcels.size(),
                  static_cast<long long>(max_id), area, pr.lon0, pr.lat0);
    return buf;
}

// Local origin (rounded to 1e-4° so the cache key is stable) and extent of all zones and parcels, from the box of
// the parcels (lon/lat) and the zones' vertices.
void set_origin_from(MapData& d, BBox bb) {
    for (const auto& z : d.zones)
        for (const auto& poly : z.geom)
            for (const auto& r : poly)
                for (const auto& q : r) bb.expand(q);
    if (bb.empty()) bb = BBox{106.6, 26.5, 106.8, 26.7};
    d.proj.lon0 = std::round((bb.min_lon + bb.max_lon) * 0.5 * 1e4) / 1e4;
    d.proj.lat0 = std::round((bb.min_lat + bb.max_lat) * 0.5 * 1e4) / 1e4;
    d.extent = Box{};
    d.extent.expand(d.proj.x(bb.min_lon), d.proj.y(bb.min_lat));
    d.extent.expand(d.proj.x(bb.max_lon), d.proj.y(bb.max_lat));
}

// Per parcel, the lon/lat box of its vertices.
std::vector<BBox> parcel_lonlat_boxes(const std::vector<Parcel>& parcels) {
    std::vector<BBox> out(parcels.size());
    for (size_t i = 0; i < parcels.size(); ++i)
        for (const auto& poly : parcels[i].geom)
            for (const auto& r : poly)
                for (const auto& q : r) out[i].expand(q);
    return out;
}

void set_origin(MapData& d, const std::vector<BBox>& boxes) {
    BBox bb;
    for (const auto& b : boxes)
        if (!b.empty()) {
            bb.expand(LonLat{b.min_lon, b.min_lat});
            bb.expand(LonLat{b.max_lon, b.max_lat});
        }
    set_origin_from(d, bb);
}

// Outline segments of `geom` (thick-line vertices) and their box.
void add_outlines(const MultiPolygon& geom, const LocalProjection& pr, std::vector<float>& outline, Box* box) {
    for (const auto& poly : geom)
        for (const auto& r : poly)
            for (size_t i = 0; i + 1 < r.size(); ++i) {
                const double ax = pr.x(r[i].lon), ay = pr.y(r[i].lat);
                add_thick_segment(outline, ax, ay, pr.x(r[i + 1].lon), pr.y(r[i + 1].lat));
                if (box) box->expand(ax, ay);
            }
}

// Everything but the parcel mesh and the picking index, once the origin is set. `boxes`: per parcel, the lon/lat
// box of its vertices (projected, it is the box of the projected vertices: the projection is monotonic per axis).
void finish_drawing(MapData& d, const std::vector<BBox>& boxes) {
    // Zones: thick outlines, label points, boxes.
    d.zone_drawing = ZoneDrawing{};
    {
        std::vector<const MultiPolygon*> shapes;
        for (const auto& z : d.zones) shapes.push_back(&z.geom);
        d.zone_drawing.fill = tessellate(shapes, d.proj);
    }
    // Coarser levels: every ring simplified (holes and parts stay), then triangulated and outlined again.
    for (const double tol : kZoneLevelTolerancesM) {
        std::vector<MultiPolygon> simple(d.zones.size());
        std::vector<const MultiPolygon*> shapes;
        ZoneLevel level;
        level.tolerance_m = tol;
        for (size_t i = 0; i < d.zones.size(); ++i) {
            for (const auto& poly : d.zones[i].geom) {
                Polygon p;
                for (const auto& r : poly) p.push_back(simplify_ring(r, d.proj, tol));
                simple[i].push_back(std::move(p));
            }
            shapes.push_back(&simple[i]);
            level.outline_first.push_back(static_cast<uint32_t>(level.outline.size() / 5));
            add_outlines(simple[i], d.proj, level.outline, nullptr);
        }
        level.outline_first.push_back(static_cast<uint32_t>(level.outline.size() / 5));
        level.fill = tessellate(shapes, d.proj);
        d.zone_drawing.coarser.push_back(std::move(level));
    }
    for (const auto& z : d.zones) {
        Box b;
        d.zone_drawing.outline_first.push_back(static_cast<uint32_t>(d.zone_drawing.outline.size() / 5));
        add_outlines(z.geom, d.proj, d.zone_drawing.outline, &b);
        auto [lx, ly] = label_point(z.geom, d.proj);
        d.zone_drawing.label_x.push_back(lx);
        d.zone_drawing.label_y.push_back(ly);
        d.zone_drawing.boxes.push_back(b);
    }
    d.zone_drawing.outline_first.push_back(static_cast<uint32_t>(d.zone_drawing.outline.size() / 5));
    {
        geos::Context c;
        auto& anchors = d.zone_drawing.anchors;
        for (size_t i = 0; i < d.zones.size(); ++i) {
            part_anchors(c, d.zones[i].geom, d.proj, static_cast<int>(i), anchors);
            // The label point of a zone is its largest part's anchor (inside the part).
            for (const auto& a : anchors)
                if (a.zone == static_cast<int>(i) && a.largest) {
                    d.zone_drawing.label_x[i] = a.x;
                    d.zone_drawing.label_y[i] = a.y;
                }
        }
        // Placement priority: every zone's largest part before any second part, larger first; ties by zone order.
        std::stable_sort(anchors.begin(), anchors.end(), [](const LabelAnchor& a, const LabelAnchor& b) {
            if (a.largest != b.largest) return a.largest;
            return a.area_m2 > b.area_m2;
        });
    }
    // Parcel boxes.
    d.parcel_boxes.assign(d.parcels.size(), Box{});
    for (size_t i = 0; i < d.parcels.size() && i < boxes.size(); ++i)
        if (!boxes[i].empty()) {
            d.parcel_boxes[i].expand(d.proj.x(boxes[i].min_lon), d.proj.y(boxes[i].min_lat));
            d.parcel_boxes[i].expand(d.proj.x(boxes[i].max_lon), d.proj.y(boxes[i].max_lat));
        }
    d.draw_order = order_parcels(d.parcels, d.parcel_boxes, d.proj);
    if (!d.mesh.fill_index.empty() || !d.mesh.line_index.empty()) group_mesh(d.mesh, d.draw_order.rank);
}

// Projects per parcel, each project's first parcel and the project points (needs the parcels, projects and links).
void link_projects(MapData& d) {
    // Id lookups through sorted (id, index) vectors: a million-entry std::map costs seconds to build.
    auto index_of = [](std::vector<std::pair<int64_t, int>>& v, int64_t id) {
        auto it = std::upper_bound(v.begin(), v.end(), id, [](int64_t x, const auto& e) { return x < e.first; });
        return it != v.begin() && std::prev(it)->first == id ? std::prev(it)->second : -1;
    };
    std::vector<std::pair<int64_t, int>> parcel_by_id, project_by_id;
    parcel_by_id.reserve(d.parcels.size());
    for (size_t i = 0; i < d.parcels.size(); ++i) parcel_by_id.emplace_back(d.parcels[i].id, static_cast<int>(i));
    project_by_id.reserve(d.projects.size());
    for (size_t i = 0; i < d.projects.size(); ++i) project_by_id.emplace_back(d.projects[i].id, static_cast<int>(i));
    // Stable so that, as with the map this replaces, the last of equal ids wins.
    std::stable_sort(parcel_by_id.begin(), parcel_by_id.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::stable_sort(project_by_id.begin(), project_by_id.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    d.parcel_projects.assign(d.parcels.size(), {});
    d.project_first_parcel.assign(d.projects.size(), -1);
    for (const auto& l : d.links) {
        const int pa = index_of(parcel_by_id, l.parcel_id);
        const int pr = index_of(project_by_id, l.project_rowid);
        if (pa < 0 || pr < 0) continue;
        d.parcel_projects[static_cast<size_t>(pa)].push_back(pr);
        int& first = d.project_first_parcel[static_cast<size_t>(pr)];
        if (first < 0) first = pa;
    }
    d.project_points.clear();
    for (size_t i = 0; i < d.projects.size(); ++i) {
        const Project& p = d.projects[i];
        double x = 0, y = 0;
        if (!project_xy(d, i, x, y)) continue;  // not placed: no point on the map
        d.project_points.insert(d.project_points.end(),
                                {float(x), float(y), float(p.fixed_invest_wan.value_or(p.total_invest_wan.value_or(0)))});
    }
}

void finish(MapData& d, bool mesh_ready) {
    const std::vector<BBox> boxes = parcel_lonlat_boxes(d.parcels);
    set_origin(d, boxes);
    if (!mesh_ready) d.mesh = tessellate_parcels(d.parcels, d.proj);
    finish_drawing(d, boxes);
    link_projects(d);
    d.picking.build(d.parcels, d.proj);
    d.geometry_ready = true;
}

}  // namespace

bool project_xy(const MapData& d, size_t i, double& x, double& y) {
    const Project& p = d.projects[i];
    if (p.lon && p.lat) {
        x = d.proj.x(*p.lon);
        y = d.proj.y(*p.lat);
        return true;
    }
    const int first = i < d.project_first_parcel.size() ? d.project_first_parcel[i] : -1;
    if (first < 0) return false;
    const Parcel& q = d.parcels[static_cast<size_t>(first)];
    x = d.proj.x(q.centroid_lon);
    y = d.proj.y(q.centroid_lat);
    return true;
}

MapData build_map_data(std::vector<Zone> zones, std::vector<Parcel> parcels, std::vector<Project> projects,
                       std::vector<Link> links) {
    MapData d;
    d.zones = std::move(zones);
    d.parcels = std::move(parcels);
    d.projects = std::move(projects);
    d.links = std::move(links);
    d.data_source = "memory";
    finish(d, false);
    return d;
}

namespace {

using Clock = std::chrono::steady_clock;

// Writable when possible so the mesh can be cached; a read-only file is used as it is.
store::Workspace open_for_map(const std::string& path, bool& writable) {
    writable = true;
    try {
        return store::Workspace::open(path, false);
    } catch (const WorkspaceError&) {
        throw;
    } catch (const std::exception&) {
        writable = false;
    }
    return store::Workspace::open(path, true);
}

constexpr const char* kMeshKeyPrefix = "parcels-mesh-";

bool read_cached_mesh(store::Workspace& ws, const std::string& key, size_t parcels, ParcelMesh& mesh) {
    if (ws.read_cache(key, [&](std::string_view blob) {
            return ParcelMesh::deserialize(blob, mesh) && mesh.line_first.size() == parcels;
        }))
        return true;
    mesh = ParcelMesh{};  // none, or an older workspace without the table: triangulate
    return false;
}

void store_mesh(store::Workspace& ws, const std::string& key, const ParcelMesh& mesh) {
    ws.replace_cache(kMeshKeyPrefix, key, mesh.serialize());
}

void init_source(MapData& d, store::Workspace& ws, const std::string& path) {
    d.workspace_path = path;
    d.data_source = ws.meta("data_source");
    if (d.data_source.empty()) d.data_source = std::filesystem::path(path).filename().string();
}

// Reads the parcels' geometry and the columns stage 1 left out into d.parcels (same ids, same order).
void attach_geometry(MapData& d, store::Workspace& ws) {
    try {
        ws.read_parcels_rest(d.parcels);
    } catch (const WorkspaceError&) {
        throw WorkspaceError("The parcels of '" + d.workspace_path +
                             "' changed while the map was opening; open the workspace again.");
    }
}

// The ledger side of the map: projects, links, problems.
void read_project_tables(MapData& d, store::Workspace& ws) {
    d.projects = ws.load_projects();
    d.links = ws.load_links();
    d.problems = ws.load_problems();
}

// Records the seconds since `t` under `name` and restarts `t`.
void lap(MapData& d, Clock::time_point& t, const char* name) {
    const auto now = Clock::now();
    d.open_timings.emplace_back(name, std::chrono::duration<double>(now - t).count());
    t = now;
}

}  // namespace

MapData load_map_data(const std::string& workspace_path, const Progress& progress) {
    auto report = [&](double f, const char* step) {
        if (progress) progress(f, step);
    };
    report(0.0, "opening workspace");
    bool writable = true;
    store::Workspace ws = open_for_map(workspace_path, writable);
    MapData d;
    auto t = Clock::now();
    init_source(d, ws, workspace_path);
    report(0.1, "reading zones");
    d.zones = ws.load_zones();
    lap(d, t, "zones");
    report(0.2, "reading parcels");
    d.parcels = ws.load_parcels();
    lap(d, t, "parcels with geometry");
    report(0.5, "reading projects");
    read_project_tables(d, ws);
    lap(d, t, "projects, links, problems");
    report(0.6, "preparing the mesh");
    const std::vector<BBox> boxes = parcel_lonlat_boxes(d.parcels);
    set_origin(d, boxes);  // the origin is part of the cache key
    const std::string key = mesh_key(d.parcels, d.proj);
    const bool cached = read_cached_mesh(ws, key, d.parcels.size(), d.mesh);
    d.mesh_from_cache = cached;
    lap(d, t, "mesh cache");
    report(0.7, cached ? "mesh from cache" : "triangulating parcels");
    if (!cached) {
        d.mesh = tessellate_parcels(d.parcels, d.proj);
        lap(d, t, "triangulation");
    }
    finish_drawing(d, boxes);
    link_projects(d);
    lap(d, t, "zones, boxes, links, points");
    d.picking.build(d.parcels, d.proj);
    d.geometry_ready = true;
    lap(d, t, "picking index");
    if (!cached && writable) {
        store_mesh(ws, key, d.mesh);
        lap(d, t, "mesh cache write");
    }
    report(1.0, "ready");
    return d;
}

MapData load_map_data_first(const std::string& workspace_path, const Progress& progress) {
    auto report = [&](double f, const char* step) {
        if (progress) progress(f, step);
    };
    report(0.0, "opening workspace");
    bool writable = true;
    store::Workspace ws = open_for_map(workspace_path, writable);
    MapData d;
    auto t = Clock::now();
    init_source(d, ws, workspace_path);
    std::vector<BBox> boxes;
    report(0.1, "reading zones");
    d.zones = ws.load_zones();
    lap(d, t, "zones");
    report(0.2, "reading parcels");
    d.parcels = ws.load_parcels_lean(boxes);
    lap(d, t, "parcels (23 columns, no geometry)");
    report(0.4, "preparing the mesh");
    set_origin(d, boxes);
    d.mesh_key = mesh_key(d.parcels, d.proj);
    // Only the cached mesh's key here: the mesh itself (hundreds of MB at 1M parcels) is read by read_cached_mesh
    // after the first frame, which draws far-out parcels as points anyway.
    d.mesh_from_cache = ws.cache_key(kMeshKeyPrefix) == d.mesh_key;
    d.mesh_pending = d.mesh_from_cache;
    lap(d, t, "mesh key");
    report(0.5, "zones and parcel boxes");
    finish_drawing(d, boxes);
    lap(d, t, "zones, parcel boxes");
    if (!d.mesh_from_cache) {
        // No cached mesh: triangulating needs the geometry now, so both stages run here.
        report(0.6, "reading parcel geometry");
        attach_geometry(d, ws);
        read_project_tables(d, ws);
        link_projects(d);
        lap(d, t, "parcel geometry, projects, links, problems");
        report(0.7, "triangulating parcels");
        d.mesh = tessellate_parcels(d.parcels, d.proj);
        group_mesh(d.mesh, d.draw_order.rank);
        lap(d, t, "triangulation");
        d.picking.build(d.parcels, d.proj);
        d.geometry_ready = true;
        lap(d, t, "picking index");
        // The cache is written after the first frame (store_pending_mesh): at 1M parcels it took seconds.
        if (writable) d.pending_mesh_key = d.mesh_key;
        report(1.0, "ready");
        return d;
    }
    d.geometry_ready = false;
    report(1.0, "ready");
    return d;
}

GeometryStage load_map_geometry(MapData& d) {
    GeometryStage out;
    const auto t0 = Clock::now();
    // Projects, links and problems on a second connection while this one reads the parcels' geometry.
    std::exception_ptr side_error;
    {
        std::jthread side([&] {
            try {
                const auto ts = Clock::now();
                store::Workspace ws2 = store::Workspace::open(d.workspace_path, true);
                read_project_tables(d, ws2);
                out.projects_s = std::chrono::duration<double>(Clock::now() - ts).count();
            } catch (...) {
                side_error = std::current_exception();
            }
        });
        store::Workspace ws = store::Workspace::open(d.workspace_path, true);
        attach_geometry(d, ws);
        out.geometry_s = std::chrono::duration<double>(Clock::now() - t0).count();
    }
    if (side_error) std::rethrow_exception(side_error);
    const auto t1 = Clock::now();
    link_projects(d);
    const auto t2 = Clock::now();
    out.picking.build(d.parcels, d.proj);
    out.links_s = std::chrono::duration<double>(t2 - t1).count();
    out.picking_s = std::chrono::duration<double>(Clock::now() - t2).count();
    return out;
}

void finish_map_geometry(MapData& d, GeometryStage stage) {
    d.picking = std::move(stage.picking);
    d.open_timings.emplace_back("stage 2: parcel geometry + other columns", stage.geometry_s);
    d.open_timings.emplace_back("stage 2: projects, links, problems (2nd connection)", stage.projects_s);
    d.open_timings.emplace_back("stage 2: projects per parcel, project points", stage.links_s);
    d.open_timings.emplace_back("stage 2: picking index", stage.picking_s);
    d.geometry_ready = true;
}

double store_pending_mesh(MapData& d) {
    if (d.pending_mesh_key.empty()) return 0;
    const auto t0 = Clock::now();
    try {
        store::Workspace ws = store::Workspace::open(d.workspace_path, false);
        store_mesh(ws, d.pending_mesh_key, d.mesh);
    } catch (const std::exception&) {
        // The cache is an optimisation: a locked or read-only file means triangulating next time too.
    }
    d.pending_mesh_key.clear();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

ParcelMesh read_cached_mesh(const MapData& d, double* seconds) {
    const auto t0 = Clock::now();
    ParcelMesh mesh;
    bool ok = false;
    try {
        store::Workspace ws = store::Workspace::open(d.workspace_path, true);
        ok = ws.read_cache(d.mesh_key, [&](std::string_view blob) {
            return ParcelMesh::deserialize(blob, mesh) && mesh.line_first.size() == d.parcels.size();
        });
    } catch (const WorkspaceError&) {
        throw;
    } catch (const std::exception&) {
        ok = false;
    }
    if (!ok)
        throw WorkspaceError("The map cache of '" + d.workspace_path +
                             "' changed while the map was opening; open the workspace again.");
    group_mesh(mesh, d.draw_order.rank);  // here, off the UI thread (a second at a million parcels)
    if (seconds) *seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return mesh;
}

void install_mesh(MapData& d, ParcelMesh mesh, double seconds) {
    d.mesh = std::move(mesh);
    d.mesh_pending = false;
    d.open_timings.emplace_back("cached mesh (after the first frame)", seconds);
}

void complete_map_data(MapData& d) {
    if (d.mesh_pending) {
        double sec = 0;
        ParcelMesh m = read_cached_mesh(d, &sec);
        install_mesh(d, std::move(m), sec);
    }
    if (d.geometry_ready) return;
    finish_map_geometry(d, load_map_geometry(d));
}

}  // namespace pa::render
