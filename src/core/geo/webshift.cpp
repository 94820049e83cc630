#include "core/geo/webshift.hpp"

#include <cmath>
#include <numbers>

namespace pa::geo {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kKrasovskyA = 6378245.0;  // the formula's ellipsoid (Krasovsky 1940)
constexpr double kKrasovskyE2 = 0.00669342162296594323;
constexpr double kXPi = kPi * 3000.0 / 180.0;  // BD-09's constant

bool outside_china(LonLat p) {
    return p.lon < 72.004 || p.lon > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

double offset_lat(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double offset_lon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

/// Inverse of `fwd` by fixed-point iteration: w <- w - (fwd(w) - target). The shifts vary slowly (metres per
/// km), so this converges in a handful of steps.
template <class F>
LonLat invert(LonLat target, F fwd) {
    LonLat w = target;
    for (int i = 0; i < 50; ++i) {
        LonLat f = fwd(w);
        const double dx = f.lon - target.lon, dy = f.lat - target.lat;
        w.lon -= dx;
        w.lat -= dy;
        if (std::fabs(dx) < 1e-10 && std::fabs(dy) < 1e-10) break;
    }
    return w;
}

}  // namespace

LonLat wgs84_to_gcj02(LonLat p) {
    if (outside_china(p)) return p;
    double dlat = offset_lat(p.lon - 105.0, p.lat - 35.0);
    double dlon = offset_lon(p.lon - 105.0, p.lat - 35.0);
    const double radlat = p.lat / 180.0 * kPi;
    double magic = std::sin(radlat);
    magic = 1.0 - kKrasovskyE2 * magic * magic;
    const double sqrtmagic = std::sqrt(magic);
    dlat = (dlat * 180.0) / ((kKrasovskyA * (1.0 - kKrasovskyE2)) / (magic * sqrtmagic) * kPi);
    dlon = (dlon * 180.0) / (kKrasovskyA / sqrtmagic * std::cos(radlat) * kPi);
    return {p.lon + dlon, p.lat + dlat};
}

LonLat gcj02_to_wgs84(LonLat p) {
    if (outside_china(p)) return p;
    return invert(p, wgs84_to_gcj02);
}

LonLat gcj02_to_bd09(LonLat p) {
    const double z = std::sqrt(p.lon * p.lon + p.lat * p.lat) + 0.00002 * std::sin(p.lat * kXPi);
    const double theta = std::atan2(p.lat, p.lon) + 0.000003 * std::cos(p.lon * kXPi);
    return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat bd09_to_gcj02(LonLat p) {
    return invert(p, gcj02_to_bd09);
}

}  // namespace pa::geo
