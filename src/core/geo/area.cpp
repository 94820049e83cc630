// Ellipsoidal (Karney, PROJ geodesic.h) and Gauss-Kruger planar areas on CGCS2000.
#include "core/geo/area.hpp"

#include <cmath>
#include <string>

#include <geodesic.h>
#include <proj.h>

#include "core/common/error.hpp"
#include "core/common/units.hpp"

namespace pa::geo {

namespace {

const geod_geodesic& cgcs2000_geod() {
    static const geod_geodesic g = [] {
        geod_geodesic out{};
        geod_init(&out, units::kCgcs2000A_m, 1.0 / units::kCgcs2000InvF);
        return out;
    }();
    return g;
}

/// |area| of one ring in m²; the closing point (== first) is skipped, an unclosed ring is closed implicitly.
double ring_area_m2(const geod_geodesic& g, const Ring& ring) {
    size_t n = ring.size();
    if (n >= 2 && ring.front().lon == ring.back().lon && ring.front().lat == ring.back().lat) --n;
    if (n < 3) return 0.0;
    geod_polygon p{};
    geod_polygon_init(&p, 0);
    for (size_t i = 0; i < n; ++i) geod_polygon_addpoint(&g, &p, ring[i].lat, ring[i].lon);
    double area = 0.0;
    double perimeter = 0.0;
    geod_polygon_compute(&g, &p, 0, 1, &area, &perimeter);
    return std::fabs(area);
}

double shoelace(const std::vector<std::pair<double, double>>& r) {
    if (r.size() < 3) return 0.0;
    // Relative to the first vertex: keeps precision with GK coordinates in the millions of metres.
    const double x0 = r[0].first, y0 = r[0].second;
    double s = 0.0;
    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
        s += (r[j].first - x0) * (r[i].second - y0) - (r[i].first - x0) * (r[j].second - y0);
    return std::fabs(s) * 0.5;
}

}  // namespace

double ellipsoidal_area_m2(const MultiPolygon& mp) {
    const geod_geodesic& g = cgcs2000_geod();
    double total = 0.0;
    for (const Polygon& poly : mp) {
        for (size_t r = 0; r < poly.size(); ++r) {
            const double a = ring_area_m2(g, poly[r]);
            total += (r == 0) ? a : -a;
        }
    }
    return total;
}

int gk3_zone_for_lon(double lon) {
    return static_cast<int>(std::floor(lon / 3.0 + 0.5));
}

double planar_area(const std::vector<std::vector<std::pair<double, double>>>& rings_exterior_first) {
    double total = 0.0;
    for (size_t r = 0; r < rings_exterior_first.size(); ++r) {
        const double a = shoelace(rings_exterior_first[r]);
        total += (r == 0) ? a : -a;
    }
    return total;
}

double planar_gk_area_m2(const MultiPolygon& mp, const GaussKruger& gk) {
    double total = 0.0;
    std::vector<std::pair<double, double>> xy;
    for (const Polygon& poly : mp) {
        for (size_t r = 0; r < poly.size(); ++r) {
            xy.clear();
            xy.reserve(poly[r].size());
            for (const LonLat& p : poly[r]) xy.push_back(gk.forward(p.lon, p.lat));
            const double a = shoelace(xy);
            total += (r == 0) ? a : -a;
        }
    }
    return total;
}

double planar_gk_area_m2(const MultiPolygon& mp, int gk_zone) {
    GaussKruger gk(gk_zone);
    return planar_gk_area_m2(mp, gk);
}

GaussKruger::GaussKruger(int zone) : zone_(zone) {
    if (zone < 1 || zone > 120)
        throw InternalError("Gauss-Kruger 3-degree zone out of range: " + std::to_string(zone));
    ctx_ = proj_context_create();
    if (!ctx_) throw InternalError("proj_context_create failed");
    // Transverse Mercator on the CGCS2000 ellipsoid, false easting 500 km without zone prefix (as
    // EPSG:4534..4554).
    const std::string def = "+proj=tmerc +lat_0=0 +lon_0=" + std::to_string(gk3_central_meridian(zone)) +
                            " +k=1 +x_0=500000 +y_0=0 +a=6378137 +rf=298.257222101 +units=m";
    pj_ = proj_create(static_cast<PJ_CONTEXT*>(ctx_), def.c_str());
    if (!pj_) {
        proj_context_destroy(static_cast<PJ_CONTEXT*>(ctx_));
        throw InternalError("PROJ could not create the Gauss-Kruger projection '" + def + "'");
    }
}

GaussKruger::~GaussKruger() {
    if (pj_) proj_destroy(static_cast<PJ*>(pj_));
    if (ctx_) proj_context_destroy(static_cast<PJ_CONTEXT*>(ctx_));
}

std::pair<double, double> GaussKruger::forward(double lon, double lat) const {
    PJ_COORD c = proj_coord(proj_torad(lon), proj_torad(lat), 0, 0);
    PJ_COORD out = proj_trans(static_cast<PJ*>(pj_), PJ_FWD, c);
    return {out.xy.x, out.xy.y};
}

LonLat GaussKruger::inverse(double easting_m, double northing_m) const {
    PJ_COORD c = proj_coord(easting_m, northing_m, 0, 0);
    PJ_COORD out = proj_trans(static_cast<PJ*>(pj_), PJ_INV, c);
    return {proj_todeg(out.lp.lam), proj_todeg(out.lp.phi)};
}

}  // namespace pa::geo
