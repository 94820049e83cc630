#include "core/check/geos_model.hpp"

#include "core/common/error.hpp"

namespace pa::check {

namespace {

GEOSGeometry* ring_to_geos(const geos::Context& c, const Ring& r) {
    std::vector<double> buf;
    buf.reserve(r.size() * 2 + 2);
    for (const auto& p : r) {
        buf.push_back(p.lon);
        buf.push_back(p.lat);
    }
    // Close the ring if the reader left it open.
    if (!r.empty() && (r.front().lon != r.back().lon || r.front().lat != r.back().lat)) {
        buf.push_back(r.front().lon);
        buf.push_back(r.front().lat);
    }
    GEOSCoordSequence* cs =
        GEOSCoordSeq_copyFromBuffer_r(c.get(), buf.data(), static_cast<unsigned>(buf.size() / 2), 0, 0);
    if (!cs) throw InternalError("GEOS could not build a coordinate sequence: " + c.last_message());
    GEOSGeometry* g = GEOSGeom_createLinearRing_r(c.get(), cs);
    if (!g)
        throw InternalError("GEOS refused a polygon ring of " + std::to_string(r.size()) +
                            " points: " + c.last_message());
    return g;
}

struct Holder {  // owns partially built GEOS parts until they are handed to their parent
    GEOSContextHandle_t ctx;
    std::vector<GEOSGeometry*> g;
    ~Holder() {
        for (auto* x : g) GEOSGeom_destroy_r(ctx, x);
    }
};

struct Collect {
    std::vector<size_t>* out;
};
void collect_cb(void* item, void* userdata) {
    static_cast<Collect*>(userdata)->out->push_back(*static_cast<const size_t*>(item));
}

}  // namespace

geos::GeomPtr to_geos(const geos::Context& c, const MultiPolygon& mp) {
    Holder polys{c.get(), {}};
    for (const auto& poly : mp) {
        if (poly.empty() || poly[0].size() < 3) continue;
        Holder rings{c.get(), {}};
        for (size_t i = 0; i < poly.size(); ++i) {
            if (poly[i].size() < 3) continue;
            rings.g.push_back(ring_to_geos(c, poly[i]));
        }
        GEOSGeometry* shell = rings.g[0];
        std::vector<GEOSGeometry*> holes(rings.g.begin() + 1, rings.g.end());
        GEOSGeometry* pg =
            GEOSGeom_createPolygon_r(c.get(), shell, holes.data(), static_cast<unsigned>(holes.size()));
        if (!pg) throw InternalError("GEOS could not build a polygon: " + c.last_message());
        rings.g.clear();  // now owned by pg
        polys.g.push_back(pg);
    }
    GEOSGeometry* m = GEOSGeom_createCollection_r(c.get(), GEOS_MULTIPOLYGON, polys.g.data(),
                                                  static_cast<unsigned>(polys.g.size()));
    if (!m) throw InternalError("GEOS could not build a multipolygon: " + c.last_message());
    polys.g.clear();
    return geos::own(c, m);
}

LonLat point_on_surface(const geos::Context& c, const GEOSGeometry* g) {
    if (!g || GEOSisEmpty_r(c.get(), g) == 1) return {};
    auto p = geos::own(c, GEOSPointOnSurface_r(c.get(), g));
    if (!p || GEOSisEmpty_r(c.get(), p.get()) == 1) return {};
    LonLat out;
    GEOSGeomGetX_r(c.get(), p.get(), &out.lon);
    GEOSGeomGetY_r(c.get(), p.get(), &out.lat);
    return out;
}

IndexTree::IndexTree(const geos::Context& c, const std::vector<geos::GeomPtr>& geoms)
    : c_(c), tree_(GEOSSTRtree_create_r(c.get(), 10), geos::STRtreeDeleter{c.get()}), ids_(geoms.size()) {
    if (!tree_) throw InternalError("GEOS could not create an STRtree: " + c.last_message());
    for (size_t i = 0; i < geoms.size(); ++i) {
        ids_[i] = i;
        if (geoms[i] && GEOSisEmpty_r(c.get(), geoms[i].get()) != 1)
            GEOSSTRtree_insert_r(c.get(), tree_.get(), geoms[i].get(), &ids_[i]);
    }
}

std::vector<size_t> IndexTree::query(const GEOSGeometry* g) const {
    std::vector<size_t> out;
    Collect col{&out};
    GEOSSTRtree_query_r(c_.get(), tree_.get(), g, &collect_cb, &col);
    return out;
}

std::vector<size_t> IndexTree::query_point(double lon, double lat) const {
    auto pt = geos::own(c_, GEOSGeom_createPointFromXY_r(c_.get(), lon, lat));
    return query(pt.get());
}

}  // namespace pa::check
