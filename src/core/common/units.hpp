#pragma once
// Units and their conversions, in one place. Names carry units everywhere else (area_m2, area_mu,
// invest_wan).

namespace pa::units {

/// 1 亩 (mu) = 10000/15 m² = 2000/3 m² exactly.
inline constexpr double kM2PerMu = 2000.0 / 3.0;
/// 1 公顷 (hectare) = 15 亩.
inline constexpr double kMuPerHectare = 15.0;
/// 1 亿元 = 10,000 万元.
inline constexpr double kWanPerYi = 10000.0;

constexpr double mu_from_m2(double area_m2) {
    return area_m2 / kM2PerMu;
}
constexpr double m2_from_mu(double area_mu) {
    return area_mu * kM2PerMu;
}
constexpr double yi_from_wan(double wan) {
    return wan / kWanPerYi;
}
constexpr double wan_from_yi(double yi) {
    return yi * kWanPerYi;
}

/// CGCS2000 ellipsoid (EPSG:1024): semi-major axis in metres and inverse flattening.
inline constexpr double kCgcs2000A_m = 6378137.0;
inline constexpr double kCgcs2000InvF = 298.257222101;

}  // namespace pa::units
