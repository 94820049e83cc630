#pragma once
// Small in-memory model fixtures shared by the unit tests (lon/lat squares and boxes near Guiyang, parcels,
// projects).
#include <algorithm>
#include <string>
#include <vector>

#include "core/common/units.hpp"
#include "core/geo/area.hpp"
#include "core/io/sources.hpp"
#include "core/model.hpp"

namespace pa::test {

/// A square ring with its south-west corner at (lon, lat), sides d degrees.
inline Ring square_ring(double lon, double lat, double d) {
    return {{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}};
}
inline MultiPolygon square(double lon, double lat, double d) {
    return {{square_ring(lon, lat, d)}};
}

inline MultiPolygon box(double lon0, double lat0, double lon1, double lat1) {
    return {{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}}};
}

inline Parcel parcel(int64_t id, const std::string& code, MultiPolygon g, LandUse use = LandUse::Industrial) {
    Parcel p;
    p.id = id;
    p.code = code;
    p.code_norm = io::normalise_code(code);
    p.layer = "test";
    p.geom = std::move(g);
    p.landuse = use;
    p.area_m2 = geo::ellipsoidal_area_m2(p.geom);
    p.area_mu = units::mu_from_m2(p.area_m2);
    p.planar_area_m2 = p.area_m2;
    auto b = p.geom[0][0];
    p.centroid_lon = (b[0].lon + b[2].lon) / 2;
    p.centroid_lat = (b[0].lat + b[2].lat) / 2;
    return p;
}

inline Zone zone(const std::string& code, ZoneLevel level, MultiPolygon g) {
    Zone z;
    z.code = code;
    z.name_zh = code + "区";
    z.level = level;
    z.geom = std::move(g);
    z.area_m2 = geo::ellipsoidal_area_m2(z.geom);
    return z;
}

inline Project project(int64_t id, const std::string& pid, const std::string& codes) {
    Project p;
    p.id = id;
    p.project_id = pid;
    p.name = "项目" + pid;
    p.parcel_codes_raw = codes;
    p.fixed_invest_wan = 1000.0;
    return p;
}

/// The ids of the problems of one kind, sorted.
inline std::vector<std::string> ids_of(const std::vector<Problem>& ps, const std::string& kind) {
    std::vector<std::string> out;
    for (const auto& p : ps)
        if (p.kind == kind) out.push_back(p.id);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace pa::test
