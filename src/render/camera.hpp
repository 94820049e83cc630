#pragma once
// The map camera. World coordinates are metres in a local equirectangular projection around an origin (lon0,
// lat0) near the data: x = R·Δlon·cos(lat0), y = R·Δlat (radians, R = 6378137 m). At city scale (±60 km)
// floats keep millimetres, so nothing jitters at parcel scale. Screen coordinates are pixels, y down, origin
// top left.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/model.hpp"

namespace pa::render {

inline constexpr double kEarthRadiusM = 6378137.0;
inline constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

struct LocalProjection {
    double lon0 = 0.0, lat0 = 0.0;
    double x(double lon) const {
        return kEarthRadiusM * (lon - lon0) * kDegToRad * std::cos(lat0 * kDegToRad);
    }
    double y(double lat) const { return kEarthRadiusM * (lat - lat0) * kDegToRad; }
    double lon(double x_m) const {
        return lon0 + x_m / (kEarthRadiusM * kDegToRad * std::cos(lat0 * kDegToRad));
    }
    double lat(double y_m) const { return lat0 + y_m / (kEarthRadiusM * kDegToRad); }
    /// The same plane as a PROJ definition (equidistant cylindrical on the sphere, true scale at lat0), for
    /// GDAL's warper: a raster basemap drawn in the map's own metres.
    std::string proj_string() const {
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "+proj=eqc +lat_ts=%.9f +lat_0=%.9f +lon_0=%.9f +R=%.3f +units=m +no_defs", lat0, lat0,
                      lon0, kEarthRadiusM);
        return buf;
    }
};

struct Camera {
    double cx = 0.0, cy = 0.0;  // world point at the centre of the viewport, metres
    double m_per_px = 10.0;     // world metres per pixel (of the local projection)
    int width = 1, height = 1;  // viewport, pixels

    double screen_x(double wx) const { return (wx - cx) / m_per_px + width * 0.5; }
    double screen_y(double wy) const { return height * 0.5 - (wy - cy) / m_per_px; }
    double world_x(double sx) const { return cx + (sx - width * 0.5) * m_per_px; }
    double world_y(double sy) const { return cy + (height * 0.5 - sy) * m_per_px; }
    /// Fits the world rectangle into the viewport with a margin (fraction of the viewport on each side).
    void fit(double min_x, double min_y, double max_x, double max_y, double margin = 0.05) {
        cx = 0.5 * (min_x + max_x);
        cy = 0.5 * (min_y + max_y);
        const double usable_w = width * (1.0 - 2 * margin), usable_h = height * (1.0 - 2 * margin);
        const double mx = (max_x - min_x) / std::max(1.0, usable_w),
                     my = (max_y - min_y) / std::max(1.0, usable_h);
        m_per_px = std::max({mx, my, 0.01});
    }
    /// Zooms by `factor` (>1 zooms in) keeping the world point under the screen point (sx, sy) fixed.
    void zoom_at(double sx, double sy, double factor) {
        const double wx = world_x(sx), wy = world_y(sy);
        m_per_px = std::clamp(m_per_px / factor, 0.02, 2000.0);
        cx = wx - (sx - width * 0.5) * m_per_px;
        cy = wy - (height * 0.5 - sy) * m_per_px;
    }
    void pan_pixels(double dx, double dy) {
        cx -= dx * m_per_px;
        cy += dy * m_per_px;
    }
    /// True ground metres per pixel along the parallel at latitude `lat` (the local projection stretches x by
    /// cos(lat)/cos(lat0) away from lat0): what the scale bar must use.
    double ground_m_per_px(const LocalProjection& pr, double lat) const {
        return m_per_px * std::cos(lat * kDegToRad) / std::cos(pr.lat0 * kDegToRad);
    }
};

}  // namespace pa::render
