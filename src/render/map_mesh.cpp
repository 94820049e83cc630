// The parcels' triangle mesh: its blob format (the render cache), tessellation (GEOS constrained Delaunay, on
// all cores), draw order by tile and size, grouping, and ring simplification for the zones' levels of detail.
// No GL.
#include "render/map_data.hpp"
#include "render/map_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <thread>
#include <type_traits>
#include <unordered_map>

#include "core/common/error.hpp"
#include "core/geos/geos_handles.hpp"

namespace pa::render {

// ---------------------------------------------------------------------------------------------- mesh blob
// format "PAM1", then 8 uint32 counts (fill_xy, fill_parcel, fill_index, line_xy, line_parcel, line_index,
// line_first, line_count) and the arrays in that order, little endian as in memory (x86-64 and ARM64 both
// are).
namespace {
template <class T>
bool get(std::string_view s, size_t& pos, size_t n, std::vector<T>& v) {
    if (pos + n * sizeof(T) > s.size()) return false;
    v.resize(n);
    if (n) std::memcpy(v.data(), s.data() + pos, n * sizeof(T));
    pos += n * sizeof(T);
    return true;
}
}  // namespace

std::vector<std::string_view> ParcelMesh::serialized_pieces(std::string& header) const {
    header = "PAM1";
    uint32_t counts[8] = {uint32_t(fill_xy.size()),     uint32_t(fill_parcel.size()),
                          uint32_t(fill_index.size()),  uint32_t(line_xy.size()),
                          uint32_t(line_parcel.size()), uint32_t(line_index.size()),
                          uint32_t(line_first.size()),  uint32_t(line_count.size())};
    header.append(reinterpret_cast<const char*>(counts), sizeof counts);
    std::vector<std::string_view> out{header};
    auto add = [&out](const auto& v) {
        out.emplace_back(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0]));
    };
    add(fill_xy);
    add(fill_parcel);
    add(fill_index);
    add(line_xy);
    add(line_parcel);
    add(line_index);
    add(line_first);
    add(line_count);
    return out;
}

std::string ParcelMesh::serialize() const {
    std::string header, s;
    for (std::string_view p : serialized_pieces(header)) s.append(p);
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

// ------------------------------------------------------------------------------------------------
// tessellation
namespace {

GEOSGeometry* make_ring(GEOSContextHandle_t h, const Ring& r, const LocalProjection& pr) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(r.size()), 2);
    for (size_t i = 0; i < r.size(); ++i) {
        const PlanePoint p = pr.xy(r[i]);
        GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), p.x, p.y);
    }
    return GEOSGeom_createLinearRing_r(h, seq);  // takes the sequence; null when it is not a valid ring
}

}  // namespace

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
    return geos::own(c,
                     GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size())));
}

namespace {

// `shared`: the polygon's ring vertices, already in line_xy (float bits of x and y -> vertex): the triangles
// index those (GEOS's constrained Delaunay adds no points); a vertex not among them (a part MakeValid
// changed) is added to line_xy. Null: every triangle gets three vertices of its own in fill_xy.
using VertexLookup = std::unordered_map<uint64_t, uint32_t>;
uint64_t vertex_key(float x, float y) {
    uint32_t bx = 0, by = 0;
    std::memcpy(&bx, &x, sizeof x);
    std::memcpy(&by, &y, sizeof y);
    return (uint64_t(bx) << 32) | by;
}

void append_triangles(const geos::Context& c, const GEOSGeometry* tris, uint32_t parcel, ParcelMesh& m,
                      VertexLookup* shared) {
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
            const auto fx = static_cast<float>(x), fy = static_cast<float>(y);
            if (shared) {
                auto [it, fresh] =
                    shared->try_emplace(vertex_key(fx, fy), static_cast<uint32_t>(m.line_parcel.size()));
                if (fresh) {
                    m.line_xy.insert(m.line_xy.end(), {fx, fy});
                    m.line_parcel.push_back(parcel);
                }
                m.fill_index.push_back(it->second);
                continue;
            }
            m.fill_index.push_back(static_cast<uint32_t>(m.fill_parcel.size()));
            m.fill_xy.insert(m.fill_xy.end(), {fx, fy});
            m.fill_parcel.push_back(parcel);
        }
    }
}

}  // namespace

ParcelMesh tessellate_parcels(const std::vector<Parcel>& parcels, const LocalProjection& pr) {
    std::vector<const MultiPolygon*> shapes;
    shapes.reserve(parcels.size());
    for (const auto& p : parcels) shapes.push_back(&p.geom);
    return tessellate(shapes, pr, true);
}

namespace {
// 0..n-1 in ascending order of key(i) >= 0 (ties keep their order): an LSD radix sort over the float's bits,
// which for non-negative floats order like the values (a million parcels in milliseconds).
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

// Primitives of `per` indices each, grouped by their owner's rank (a stable counting sort; the owner is that
// of the primitive's first vertex, owners the ranks do not know go last). `from_rank[k]` becomes the first
// index of the primitives of rank >= k (ranks + 1 entries).
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

ParcelOrder order_parcels(const std::vector<Parcel>& parcels, const std::vector<Box>& boxes) {
    const size_t n = parcels.size();
    ParcelOrder o;
    auto box = [&](size_t i) -> const Box* {
        return i < boxes.size() && !boxes[i].empty() ? &boxes[i] : nullptr;
    };
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
        const double cw = std::max(1e-9, (all.max_x - all.min_x) / g),
                     ch = std::max(1e-9, (all.max_y - all.min_y) / g);
        for (size_t i = 0; i < n; ++i)
            if (const Box* b = box(i)) {
                const int tx = std::clamp(int(((b->min_x + b->max_x) / 2 - all.min_x) / cw), 0, g - 1);
                const int ty = std::clamp(int(((b->min_y + b->max_y) / 2 - all.min_y) / ch), 0, g - 1);
                tile[i] = uint32_t(ty * g + tx);
            }
    }
    // By size, then stably by tile: by tile, then by size within it. The sides in one pass over the parcels
    // (in order: a million 700-byte records are not visited again at random below).
    std::vector<float> sides(n);
    for (size_t i = 0; i < n; ++i)
        sides[i] = box(i) && parcels[i].area_m2 > 0 ? float(std::sqrt(parcels[i].area_m2))
                                                    : std::numeric_limits<float>::infinity();
    auto side = [&](uint32_t i) { return sides[i]; };
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
            if (std::isfinite(
                    o.side_m[k])) {  // the level-of-detail square around the centroid, which lies in
                const double h = o.side_m[k] / 2;  // the box: the box grown by half a side holds it
                tb.expand(b->min_x - h, b->min_y - h);
                tb.expand(b->max_x + h, b->max_y + h);
            }
        }
    }
    return o;
}

void group_mesh(ParcelMesh& m, const std::vector<uint32_t>& rank) {
    group_by_rank(m.fill_index, 3, m.fill_owner(), rank, m.fill_from_rank);
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
        const PlanePoint p = pr.xy(ring[i]);
        x[i] = p.x;
        y[i] = p.y;
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
                            const LocalProjection& pr, bool share_vertices) {
    ParcelMesh m;
    geos::Context c;
    GEOSContextHandle_t h = c.get();
    VertexLookup lookup;
    for (size_t pi = begin; pi < end; ++pi) {
        const auto idx = static_cast<uint32_t>(pi);
        m.line_first.push_back(static_cast<uint32_t>(m.line_index.size()));
        for (const Polygon& poly : *shapes[pi]) {
            // Outlines: every ring, closing vertex dropped, as GL_LINES pairs.
            if (share_vertices) lookup.clear();
            for (const Ring& r : poly) {
                if (r.size() < 4) continue;
                const auto base = static_cast<uint32_t>(m.line_parcel.size());
                const size_t n = r.size() - 1;
                for (size_t k = 0; k < n; ++k) {
                    const PlanePoint p = pr.xy(r[k]);
                    const auto fx = static_cast<float>(p.x), fy = static_cast<float>(p.y);
                    m.line_xy.insert(m.line_xy.end(), {fx, fy});
                    m.line_parcel.push_back(idx);
                    if (share_vertices)
                        lookup.try_emplace(vertex_key(fx, fy), base + static_cast<uint32_t>(k));
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
            if (tris) append_triangles(c, tris.get(), idx, m, share_vertices ? &lookup : nullptr);
        }
        m.line_count.push_back(static_cast<uint32_t>(m.line_index.size()) - m.line_first.back());
    }
    return m;
}

// out = the parts' `member` arrays one after the other, each value plus its part's shift (when given); each
// part's array is freed as soon as it is copied.
template <class T>
void concat(std::vector<T>& out, std::vector<ParcelMesh>& parts, std::vector<T> ParcelMesh::*member,
            const std::vector<uint32_t>* shift) {
    size_t n = 0;
    for (const auto& p : parts) n += (p.*member).size();
    out.reserve(n);
    for (size_t t = 0; t < parts.size(); ++t) {
        std::vector<T>& src = parts[t].*member;
        bool shifted = false;
        if constexpr (std::is_integral_v<T>)  // indices; coordinates are never shifted
            if (shift) {
                for (T v : src) out.push_back(v + static_cast<T>((*shift)[t]));
                shifted = true;
            }
        if (!shifted) out.insert(out.end(), src.begin(), src.end());
        std::vector<T>().swap(src);
    }
}

}  // namespace

int tessellation_threads(size_t shapes) {
    unsigned n = std::thread::hardware_concurrency();
    if (const char* e = std::getenv("PARKATLAS_THREADS"); e && *e)
        n = static_cast<unsigned>(std::max(1, std::atoi(e)));
    if (n == 0) n = 2;
    // Below a few thousand shapes a thread costs more than it saves.
    const size_t useful = shapes / 2000 + 1;
    return static_cast<int>(std::clamp<size_t>(std::min<size_t>(n, useful), 1, 64));
}

ParcelMesh tessellate(const std::vector<const MultiPolygon*>& shapes, const LocalProjection& pr,
                      bool share_vertices) {
    const int threads = tessellation_threads(shapes.size());
    if (threads <= 1) return tessellate_range(shapes, 0, shapes.size(), pr, share_vertices);
    // Contiguous chunks, one per thread, concatenated in order: the mesh is identical to the one-thread mesh.
    std::vector<ParcelMesh> parts(static_cast<size_t>(threads));
    std::vector<std::exception_ptr> errors(parts.size());
    {
        std::vector<std::jthread> pool;
        const size_t n = shapes.size();
        for (size_t t = 0; t < parts.size(); ++t)
            pool.emplace_back([&, t] {
                try {
                    parts[t] = tessellate_range(shapes, n * t / parts.size(), n * (t + 1) / parts.size(), pr,
                                                share_vertices);
                } catch (...) {
                    errors[t] = std::current_exception();
                }
            });
    }
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    // Concatenated array by array, each part's array freed once copied: the peak is the mesh and its largest
    // array, not the parts and the whole (a million parcels: 450 MB less).
    std::vector<uint32_t> fill_shift(parts.size()), line_shift(parts.size()), first_shift(parts.size());
    uint32_t fv = 0, lv = 0, li = 0;
    for (size_t t = 0; t < parts.size(); ++t) {
        const ParcelMesh& p = parts[t];
        fill_shift[t] = p.fill_xy.empty() && !p.fill_index.empty() ? lv : fv;
        line_shift[t] = lv;
        first_shift[t] = li;
        fv += static_cast<uint32_t>(p.fill_parcel.size());
        lv += static_cast<uint32_t>(p.line_parcel.size());
        li += static_cast<uint32_t>(p.line_index.size());
    }
    ParcelMesh m;
    concat(m.fill_xy, parts, &ParcelMesh::fill_xy, nullptr);
    concat(m.fill_parcel, parts, &ParcelMesh::fill_parcel, nullptr);
    concat(m.fill_index, parts, &ParcelMesh::fill_index, &fill_shift);
    concat(m.line_xy, parts, &ParcelMesh::line_xy, nullptr);
    concat(m.line_parcel, parts, &ParcelMesh::line_parcel, nullptr);
    concat(m.line_index, parts, &ParcelMesh::line_index, &line_shift);
    concat(m.line_first, parts, &ParcelMesh::line_first, &first_shift);
    concat(m.line_count, parts, &ParcelMesh::line_count, nullptr);
    return m;
}

// ------------------------------------------------------------------- triangles cached per parcel (view
// index)
namespace {
// The ring vertices tessellate_range gives a parcel (closing vertices dropped, rings under 4 points skipped).
size_t ring_vertex_count(const MultiPolygon& mp) {
    size_t n = 0;
    for (const auto& poly : mp)
        for (const auto& r : poly)
            if (r.size() >= 4) n += r.size() - 1;
    return n;
}
}  // namespace

std::vector<std::string> cacheable_triangles(const std::vector<const MultiPolygon*>& shapes,
                                             const LocalProjection& pr) {
    const ParcelMesh m = tessellate(shapes, pr, true);
    std::vector<std::string> out(shapes.size());
    // Each parcel's vertices are one run of line_parcel, its triangles one run of fill_index (in order).
    std::vector<uint32_t> vfirst(shapes.size() + 1, 0), vcount(shapes.size(), 0);
    for (uint32_t v = 0; v < m.line_parcel.size(); ++v) {
        const uint32_t p = m.line_parcel[v];
        if (vcount[p]++ == 0) vfirst[p] = v;
    }
    std::vector<char> ok(shapes.size(), 0);
    for (size_t p = 0; p < shapes.size(); ++p)
        ok[p] = vcount[p] == ring_vertex_count(*shapes[p]) && vcount[p] < 65536 ? 1 : 0;
    for (size_t k = 0; k + 2 < m.fill_index.size(); k += 3) {
        const uint32_t p = m.line_parcel[m.fill_index[k]];
        if (!ok[p]) continue;
        for (size_t j = 0; j < 3; ++j) {
            const auto local = static_cast<uint16_t>(m.fill_index[k + j] - vfirst[p]);
            out[p].append(reinterpret_cast<const char*>(&local), 2);
        }
    }
    return out;
}

ParcelMesh mesh_from_cached(const std::vector<Parcel>& parcels, const std::vector<std::string>& tris,
                            const LocalProjection& pr, size_t* cached) {
    ParcelMesh m;
    size_t from_cache = 0;
    std::vector<const MultiPolygon*> one(1);
    for (size_t pi = 0; pi < parcels.size(); ++pi) {
        const MultiPolygon& mp = parcels[pi].geom;
        const auto idx = static_cast<uint32_t>(pi);
        const size_t nv = ring_vertex_count(mp);
        const std::string_view t = pi < tris.size() ? std::string_view(tris[pi]) : std::string_view();
        bool usable = !t.empty() && t.size() % 6 == 0 && nv < 65536;
        for (size_t k = 0; usable && k < t.size(); k += 2) {
            uint16_t v = 0;
            std::memcpy(&v, t.data() + k, 2);
            usable = v < nv;
        }
        if (!usable) {  // not cached: triangulated here, its vertices and indices shifted into place
            one[0] = &mp;
            ParcelMesh own = tessellate_range(one, 0, 1, pr, true);
            const auto base = static_cast<uint32_t>(m.line_parcel.size());
            const auto first = static_cast<uint32_t>(m.line_index.size());
            m.line_xy.insert(m.line_xy.end(), own.line_xy.begin(), own.line_xy.end());
            m.line_parcel.insert(m.line_parcel.end(), own.line_parcel.size(), idx);
            for (uint32_t v : own.line_index) m.line_index.push_back(base + v);
            for (uint32_t v : own.fill_index) m.fill_index.push_back(base + v);
            m.line_first.push_back(first);
            m.line_count.push_back(static_cast<uint32_t>(m.line_index.size()) - first);
            continue;
        }
        ++from_cache;
        const auto base = static_cast<uint32_t>(m.line_parcel.size());
        m.line_first.push_back(static_cast<uint32_t>(m.line_index.size()));
        for (const Polygon& poly : mp)
            for (const Ring& r : poly) {
                if (r.size() < 4) continue;
                const auto rbase = static_cast<uint32_t>(m.line_parcel.size());
                const size_t n = r.size() - 1;
                for (size_t k = 0; k < n; ++k) {
                    const PlanePoint p = pr.xy(r[k]);
                    m.line_xy.insert(m.line_xy.end(), {static_cast<float>(p.x), static_cast<float>(p.y)});
                    m.line_parcel.push_back(idx);
                    m.line_index.push_back(rbase + static_cast<uint32_t>(k));
                    m.line_index.push_back(rbase + static_cast<uint32_t>((k + 1) % n));
                }
            }
        for (size_t k = 0; k < t.size(); k += 2) {
            uint16_t v = 0;
            std::memcpy(&v, t.data() + k, 2);
            m.fill_index.push_back(base + v);
        }
        m.line_count.push_back(static_cast<uint32_t>(m.line_index.size()) - m.line_first.back());
    }
    if (cached) *cached = from_cache;
    return m;
}

}  // namespace pa::render
