#include "core/io/clean.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>

#include <geos_c.h>

#include "core/common/error.hpp"
#include "core/common/units.hpp"
#include "core/gdal/gdal_handles.hpp"
#include "core/geo/webshift.hpp"
#include "core/geos/geos_handles.hpp"

namespace pa::io {

bool in_china_box(const LonLat& p) {
    return p.lon >= 70.0 && p.lon <= 140.0 && p.lat >= 0.0 && p.lat <= 60.0;
}

struct Cleaner::Impl {
    CrsPlan plan;
    geos::Context geos;
    gdal::SrsPtr src, dst;
    gdal::TransformPtr ct;
    std::map<int, std::unique_ptr<geo::GaussKruger>> gk;
    std::vector<double> bx, by;  // bulk transform buffers, reused

    geo::GaussKruger& gk_for(int zone) {
        auto& p = gk[zone];
        if (!p) p = std::make_unique<geo::GaussKruger>(zone);
        return *p;
    }

    geos::GeomPtr ring(const double* x, const double* y, uint32_t n) {
        GEOSCoordSequence* cs = GEOSCoordSeq_copyFromArrays_r(geos.get(), x, y, nullptr, nullptr, n);
        if (!cs) return nullptr;
        return geos::own(geos, GEOSGeom_createLinearRing_r(geos.get(), cs));  // takes cs (also on failure)
    }

    /// A polygon from owned rings: GEOS takes them over (also on failure), so they are released at the
    /// hand-off.
    geos::GeomPtr polygon(geos::GeomPtr shell, std::vector<geos::GeomPtr>& holes) {
        std::vector<GEOSGeometry*> raw;
        raw.reserve(holes.size());
        for (auto& h : holes) raw.push_back(h.release());
        holes.clear();
        return geos::own(
            geos, GEOSGeom_createPolygon_r(geos.get(), shell.release(), raw.empty() ? nullptr : raw.data(),
                                           static_cast<unsigned>(raw.size())));
    }

    /// A MultiPolygon from owned polygons (GEOS takes them over, also on failure).
    geos::GeomPtr multipolygon(std::vector<geos::GeomPtr>& parts) {
        std::vector<GEOSGeometry*> raw;
        raw.reserve(parts.size());
        for (auto& p : parts) raw.push_back(p.release());
        parts.clear();
        return geos::own(geos, GEOSGeom_createCollection_r(geos.get(), GEOS_MULTIPOLYGON, raw.data(),
                                                           static_cast<unsigned>(raw.size())));
    }

    /// Polygonal parts of g (recursively through collections), cloned, appended to `parts`.
    void collect_polygons(const GEOSGeometry* g, std::vector<geos::GeomPtr>& parts) {
        const int t = GEOSGeomTypeId_r(geos.get(), g);
        if (t == GEOS_POLYGON) {
            if (!GEOSisEmpty_r(geos.get(), g))
                parts.push_back(geos::own(geos, GEOSGeom_clone_r(geos.get(), g)));
        } else if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
            const int n = GEOSGetNumGeometries_r(geos.get(), g);
            for (int i = 0; i < n; ++i) collect_polygons(GEOSGetGeometryN_r(geos.get(), g, i), parts);
        }
    }

    void append_ring(const GEOSGeometry* r, RawGeom& raw) {
        const GEOSCoordSequence* cs = GEOSGeom_getCoordSeq_r(geos.get(), r);
        unsigned int n = 0;
        GEOSCoordSeq_getSize_r(geos.get(), cs, &n);
        const size_t off = raw.x.size();
        raw.x.resize(off + n);
        raw.y.resize(off + n);
        GEOSCoordSeq_copyToArrays_r(geos.get(), cs, raw.x.data() + off, raw.y.data() + off, nullptr, nullptr);
        raw.ring_sizes.push_back(n);
    }

    /// Replaces raw's rings with those of a (multi)polygon.
    void read_back(const GEOSGeometry* g, RawGeom& raw) {
        raw.x.clear();
        raw.y.clear();
        raw.ring_sizes.clear();
        raw.poly_rings.clear();
        const int t = GEOSGeomTypeId_r(geos.get(), g);
        const int np = (t == GEOS_POLYGON) ? 1 : GEOSGetNumGeometries_r(geos.get(), g);
        for (int i = 0; i < np; ++i) {
            const GEOSGeometry* p = (t == GEOS_POLYGON) ? g : GEOSGetGeometryN_r(geos.get(), g, i);
            append_ring(GEOSGetExteriorRing_r(geos.get(), p), raw);
            const int nh = GEOSGetNumInteriorRings_r(geos.get(), p);
            for (int h = 0; h < nh; ++h) append_ring(GEOSGetInteriorRingN_r(geos.get(), p, h), raw);
            raw.poly_rings.push_back(static_cast<uint32_t>(1 + nh));
        }
    }
};

namespace {

/// Step 1: repeated consecutive vertices (exact duplicates) removed in place, rings closed, rings of fewer
/// than 3 distinct points dropped (with their polygon's holes when it is the shell). Returns how many were
/// removed and where the first was.
size_t remove_repeated_vertices(RawGeom& raw, double& rep_x, double& rep_y) {
    size_t removed = 0;
    size_t rd = 0, wr = 0;
    std::vector<uint32_t> sizes, polys;
    sizes.reserve(raw.ring_sizes.size());
    size_t ring_idx = 0;
    for (uint32_t nrings : raw.poly_rings) {
        uint32_t kept_rings = 0;
        bool shell_ok = true;
        for (uint32_t r = 0; r < nrings; ++r, ++ring_idx) {
            const uint32_t n = raw.ring_sizes[ring_idx];
            const size_t start = wr;
            for (uint32_t i = 0; i < n; ++i, ++rd) {
                if (wr > start && raw.x[rd] == raw.x[wr - 1] && raw.y[rd] == raw.y[wr - 1]) {
                    // The closing vertex of a ring equals the first, not the previous, so it is never
                    // counted.
                    if (removed == 0) {
                        rep_x = raw.x[rd];
                        rep_y = raw.y[rd];
                    }
                    ++removed;
                    continue;
                }
                raw.x[wr] = raw.x[rd];
                raw.y[wr] = raw.y[rd];
                ++wr;
            }
            if (wr > start && (raw.x[wr - 1] != raw.x[start] || raw.y[wr - 1] != raw.y[start])) {
                // Unclosed ring: close it (shapefile and GeoJSON writers sometimes omit the last point).
                if (rd > wr) {
                    raw.x[wr] = raw.x[start];
                    raw.y[wr] = raw.y[start];
                } else {
                    raw.x.insert(raw.x.begin() + static_cast<std::ptrdiff_t>(wr), raw.x[start]);
                    raw.y.insert(raw.y.begin() + static_cast<std::ptrdiff_t>(wr), raw.y[start]);
                    ++rd;
                }
                ++wr;
            }
            const size_t len = wr - start;
            if (len < 4) {
                wr = start;  // a ring of fewer than 3 distinct points has no area
                if (r == 0) shell_ok = false;
                continue;
            }
            if (!shell_ok) {
                wr = start;  // holes of a dropped shell go with it
                continue;
            }
            sizes.push_back(static_cast<uint32_t>(len));
            ++kept_rings;
        }
        if (kept_rings > 0) polys.push_back(kept_rings);
    }
    raw.x.resize(wr);
    raw.y.resize(wr);
    raw.ring_sizes = std::move(sizes);
    raw.poly_rings = std::move(polys);
    return removed;
}

}  // namespace

Cleaner::Cleaner(const CrsPlan& plan) : impl_(std::make_unique<Impl>()) {
    impl_->plan = plan;
    if (!plan.src_wkt.empty()) {
        gdal::init();
        impl_->src = gdal::make_srs(plan.src_wkt);
        impl_->dst = gdal::make_srs(plan.dst);
        impl_->ct.reset(OCTNewCoordinateTransformation(impl_->src.get(), impl_->dst.get()));
        if (!impl_->ct)
            throw InternalError("No coordinate transformation from the source CRS to CGCS2000 (EPSG:4490): " +
                                gdal::last_error());
    }
}

Cleaner::~Cleaner() = default;

void Cleaner::clean(RawGeom& raw, CleanResult& out) {
    Impl& m = *impl_;
    out = CleanResult{};
    auto reject = [&](const std::string& en, const std::string& zh) {
        out.rejected = true;
        GeomProblem p{"rejected_geometry", Severity::Error, en, zh, 0.0, 0.0, false};
        if (!raw.x.empty()) {
            p.x = raw.x[0];
            p.y = raw.y[0];
            p.has_location = true;
        }
        out.problems.push_back(std::move(p));
    };
    if (!raw.rejected_reason.empty()) {
        reject(raw.rejected_reason,
               raw.rejected_reason == "empty geometry" ? "空几何" : "非面几何: " + raw.rejected_reason);
        return;
    }
    if (raw.linearised && !raw.x.empty())
        out.problems.push_back(
            {"curve_linearised", Severity::Info,
             "curved edges (arcs) approximated by straight segments at most 1 degree of arc apart",
             "曲线边（圆弧）已按每段不超过 1 度圆心角折线化", raw.x[0], raw.y[0], true});

    // 1. Repeated consecutive vertices.
    double rep_x = 0.0, rep_y = 0.0;
    const size_t removed = remove_repeated_vertices(raw, rep_x, rep_y);
    if (raw.poly_rings.empty()) {
        reject("degenerate polygon (fewer than 3 distinct vertices)", "退化面（不同顶点少于 3 个）");
        return;
    }
    if (removed > 0) {
        out.problems.push_back({"repeated_vertex", Severity::Warning,
                                std::to_string(removed) + " repeated consecutive vertices removed",
                                "删除了 " + std::to_string(removed) + " 个连续重复顶点", rep_x, rep_y, true});
    }

    // 2. GEOS geometry.
    geos::GeomPtr g = build(raw);
    if (!g) {
        reject("polygon could not be built: " + m.geos.last_message(), "无法构造面");
        return;
    }
    // 3. Validity; MakeValid keeps the polygonal parts.
    if (std::string why; !make_valid(raw, g, out, why)) {
        reject("degenerate polygon (no area after repair: " + why + ")",
               "退化面（修复后无面积：" + why + "）");
        return;
    }
    // 4. Degenerate: zero area.
    double a = 0.0;
    GEOSArea_r(m.geos.get(), g.get(), &a);
    if (!(a > 0.0)) {
        reject("degenerate polygon (zero area)", "退化面（面积为零）");
        return;
    }
    out.source_area = a;
    // 5. A point inside.
    geos::GeomPtr pos = geos::own(m.geos, GEOSPointOnSurface_r(m.geos.get(), g.get()));
    if (pos && !GEOSisEmpty_r(m.geos.get(), pos.get())) {
        GEOSGeomGetX_r(m.geos.get(), pos.get(), &out.cx);
        GEOSGeomGetY_r(m.geos.get(), pos.get(), &out.cy);
    } else {
        out.cx = raw.x[0];
        out.cy = raw.y[0];
    }
}

geos::GeomPtr Cleaner::build(const RawGeom& raw) {
    Impl& m = *impl_;
    std::vector<geos::GeomPtr> parts, holes;
    size_t off = 0, ri = 0;
    for (uint32_t nrings : raw.poly_rings) {
        geos::GeomPtr shell = m.ring(raw.x.data() + off, raw.y.data() + off, raw.ring_sizes[ri]);
        off += raw.ring_sizes[ri++];
        for (uint32_t h = 1; h < nrings; ++h) {
            if (auto hole = m.ring(raw.x.data() + off, raw.y.data() + off, raw.ring_sizes[ri]))
                holes.push_back(std::move(hole));
            off += raw.ring_sizes[ri++];
        }
        if (!shell) {
            holes.clear();
            continue;
        }
        if (auto poly = m.polygon(std::move(shell), holes)) parts.push_back(std::move(poly));
    }
    if (parts.empty()) return nullptr;
    return m.multipolygon(parts);
}

bool Cleaner::make_valid(RawGeom& raw, geos::GeomPtr& g, CleanResult& out, std::string& why) {
    Impl& m = *impl_;
    GEOSContextHandle_t ctx = m.geos.get();
    char* reason = nullptr;
    GEOSGeometry* location = nullptr;
    if (GEOSisValidDetail_r(ctx, g.get(), 0, &reason, &location) == 1) return true;
    why = reason ? reason : m.geos.last_message();
    double lx = raw.x[0], ly = raw.y[0];
    if (location) {
        GEOSGeomGetX_r(ctx, location, &lx);
        GEOSGeomGetY_r(ctx, location, &ly);
        GEOSGeom_destroy_r(ctx, location);
    }
    if (reason) GEOSFree_r(ctx, reason);
    std::vector<geos::GeomPtr> parts;
    if (geos::GeomPtr fixed = geos::own(m.geos, GEOSMakeValid_r(ctx, g.get())))
        m.collect_polygons(fixed.get(), parts);
    if (parts.empty()) return false;
    g = m.multipolygon(parts);
    char buf[96];
    std::snprintf(buf, sizeof buf, " at %.3f %.3f (source coordinates)", lx, ly);
    out.problems.push_back({"invalid_geometry", Severity::Warning, why + buf + ", repaired with MakeValid",
                            "无效几何（" + why + "），已用 MakeValid 修复", lx, ly, true});
    m.read_back(g.get(), raw);
    return g != nullptr;
}

void Cleaner::finish(std::vector<RawGeom*>& raws, std::vector<CleanResult*>& outs) {
    Impl& m = *impl_;
    // Gather every coordinate (vertices, point on surface, problem locations) into one pair of arrays.
    m.bx.clear();
    m.by.clear();
    for (size_t i = 0; i < raws.size(); ++i) {
        RawGeom& raw = *raws[i];
        CleanResult& out = *outs[i];
        if (!out.rejected) {
            m.bx.insert(m.bx.end(), raw.x.begin(), raw.x.end());
            m.by.insert(m.by.end(), raw.y.begin(), raw.y.end());
            m.bx.push_back(out.cx);
            m.by.push_back(out.cy);
        }
        for (const GeomProblem& p : out.problems) {
            m.bx.push_back(p.x);
            m.by.push_back(p.y);
        }
    }
    std::vector<int> ok(m.bx.size(), TRUE);
    if (m.ct && !m.bx.empty()) {
        OCTTransformEx(m.ct.get(), static_cast<int>(m.bx.size()), m.bx.data(), m.by.data(), nullptr,
                       ok.data());
    }
    if (m.plan.shift != WebShift::None) {
        for (size_t k = 0; k < m.bx.size(); ++k) {
            LonLat p{m.bx[k], m.by[k]};
            p = m.plan.shift == WebShift::Gcj02 ? geo::gcj02_to_wgs84(p) : geo::bd09_to_wgs84(p);
            m.bx[k] = p.lon;
            m.by[k] = p.lat;
        }
    }

    size_t k = 0;
    for (size_t i = 0; i < raws.size(); ++i) {
        RawGeom& raw = *raws[i];
        CleanResult& out = *outs[i];
        const size_t n_located = out.problems.size();  // problems whose locations were gathered
        bool transform_failed = false;
        if (!out.rejected) {
            out.geom.clear();
            out.geom.reserve(raw.poly_rings.size());
            size_t ri = 0;
            for (uint32_t nrings : raw.poly_rings) {
                Polygon poly;
                poly.reserve(nrings);
                for (uint32_t r = 0; r < nrings; ++r, ++ri) {
                    Ring ring;
                    ring.resize(raw.ring_sizes[ri]);
                    for (LonLat& p : ring) {
                        if (!ok[k] || !std::isfinite(m.bx[k]) || !std::isfinite(m.by[k]))
                            transform_failed = true;
                        p = {m.bx[k], m.by[k]};
                        ++k;
                    }
                    poly.push_back(std::move(ring));
                }
                out.geom.push_back(std::move(poly));
            }
            out.point_on_surface = {m.bx[k], m.by[k]};
            ++k;
        }
        for (size_t q = 0; q < n_located; ++q, ++k) {
            out.problems[q].x = m.bx[k];
            out.problems[q].y = m.by[k];
        }
        // Far from China: a wrong CRS (degrees read as metres, axes swapped, another datum's parameters),
        // never a parcel of ours; refused per feature, and the reader says what the layer's extent suggests.
        bool far = false;
        if (!transform_failed && !out.rejected)
            for (const Polygon& poly : out.geom)
                for (const Ring& ring : poly)
                    for (const LonLat& p : ring) far = far || !in_china_box(p);
        if (transform_failed) {
            out.rejected = true;
            out.geom.clear();
            out.problems.push_back(
                {"rejected_geometry", Severity::Error,
                 "coordinates cannot be transformed to CGCS2000 (outside the CRS's area of use?)",
                 "坐标无法转换到 CGCS2000（超出坐标系适用范围？）", 0.0, 0.0, false});
        } else if (far) {
            const LonLat p = out.geom[0][0][0];
            out.rejected = true;
            out.geom.clear();
            char buf[160];
            std::snprintf(buf, sizeof buf,
                          "coordinates far from China (lon %.4f, lat %.4f after reprojection): "
                          "wrong coordinate system?",
                          p.lon, p.lat);
            out.problems.push_back({"rejected_geometry", Severity::Error, buf,
                                    "坐标远离中国境内（重投影后经度 " + std::to_string(p.lon) + "，纬度 " +
                                        std::to_string(p.lat) + "）：坐标系是否有误？",
                                    0.0, 0.0, false});
        }
        if (out.rejected) continue;
        out.area_m2 = geo::ellipsoidal_area_m2(out.geom);
        if (m.plan.source_gk_zone > 0) {
            out.gk_zone = m.plan.source_gk_zone;
            out.planar_area_m2 = out.source_area;  // planar area in the delivery's own GK coordinates
        } else {
            out.gk_zone = geo::gk3_zone_for_lon(out.point_on_surface.lon);
            out.planar_area_m2 = geo::planar_gk_area_m2(out.geom, m.gk_for(out.gk_zone));
        }
    }
}

}  // namespace pa::io
