#pragma once
// The map camera. World coordinates are metres in the map plane: a transverse Mercator (Gauss-Kruger, scale 1
// on the central meridian, GRS80 = CGCS2000) on the CGCS2000 3-degree zone of the data's centre, shifted so
// that the origin (lon0, lat0) near the data is (0, 0). Up is grid north of that zone, as on the cadastral
// maps of the bureaus (EPSG:4513-4533 zones): a line straight in the delivered Gauss-Kruger metres is
// straight and keeps its bearing here. At city scale (±60 km) floats keep millimetres, so nothing jitters at
// parcel scale. Screen coordinates are pixels, y down, origin top left.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/model.hpp"

namespace pa::render {

inline constexpr double kEarthRadiusM = 6378137.0;
inline constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

struct PlanePoint {
    double x = 0, y = 0;
};

class LocalProjection {
  public:
    LocalProjection() : LocalProjection(0.0, 0.0) {}
    /// The plane around (lon0, lat0) (degrees): the 3-degree zone whose central meridian is nearest lon0.
    LocalProjection(double lon0, double lat0) : lon0_(lon0), lat0_(lat0) {
        cm_deg_ = 3.0 * std::round(lon0 / 3.0);
        const PlanePoint o = grid(lon0, lat0);
        x0_ = o.x;
        y0_ = o.y;
    }
    double lon0() const { return lon0_; }
    double lat0() const { return lat0_; }
    double central_meridian() const { return cm_deg_; }

    /// Map-plane metres of (lon, lat), degrees.
    PlanePoint xy(double lon, double lat) const {
        const PlanePoint g = grid(lon, lat);
        return {g.x - x0_, g.y - y0_};
    }
    PlanePoint xy(const LonLat& q) const { return xy(q.lon, q.lat); }
    /// (lon, lat) of a map-plane point (Newton on the forward series: exact to 1e-11 degrees).
    LonLat lonlat(double x_m, double y_m) const {
        double lon = lon0_ + x_m / (kEarthRadiusM * kDegToRad * std::cos(lat0_ * kDegToRad));
        double lat = lat0_ + y_m / (6356752.0 * kDegToRad);
        for (int it = 0; it < 8; ++it) {
            const PlanePoint f = xy(lon, lat);
            const double ex = f.x - x_m, ey = f.y - y_m;
            if (std::fabs(ex) < 1e-7 && std::fabs(ey) < 1e-7) break;
            const double h = 1e-6;
            const PlanePoint fl = xy(lon + h, lat), fp = xy(lon, lat + h);
            const double a = (fl.x - f.x) / h, b = (fp.x - f.x) / h, c = (fl.y - f.y) / h,
                         d = (fp.y - f.y) / h;
            const double det = a * d - b * c;
            if (det == 0) break;
            lon -= (d * ex - b * ey) / det;
            lat -= (-c * ex + a * ey) / det;
        }
        return {lon, lat};
    }
    /// Point scale factor of the plane at map-plane x (1 on the central meridian, 1.0003 at its zone's edge):
    /// ground metres = plane metres / scale_at(x).
    double scale_at(double x_m) const {
        const double e = x_m + x0_;  // easting from the central meridian
        return 1.0 + e * e / (2.0 * 6371000.0 * 6371000.0);
    }
    /// The same plane as a PROJ definition, for GDAL's warper: a raster basemap drawn in the map's own
    /// metres.
    std::string proj_string() const {
        char buf[200];
        std::snprintf(
            buf, sizeof buf,
            "+proj=tmerc +lat_0=0 +lon_0=%.9f +k=1 +x_0=%.6f +y_0=%.6f +ellps=GRS80 +units=m +no_defs",
            cm_deg_, -x0_, -y0_);
        return buf;
    }

  private:
    // Gauss-Kruger easting (from the central meridian) and northing (from the equator) on GRS80: the
    // series of Snyder, Map Projections: A Working Manual (1987), eq. 8-9 to 8-11; within a 3-degree zone
    // they agree with PROJ's exact tmerc to well under a millimetre.
    PlanePoint grid(double lon, double lat) const {
        constexpr double a = 6378137.0, f = 1.0 / 298.257222101, e2 = f * (2.0 - f), ep2 = e2 / (1.0 - e2);
        constexpr double e4 = e2 * e2, e6 = e4 * e2;
        constexpr double m1 = 1.0 - e2 / 4.0 - 3.0 * e4 / 64.0 - 5.0 * e6 / 256.0,
                         m2 = 3.0 * e2 / 8.0 + 3.0 * e4 / 32.0 + 45.0 * e6 / 1024.0,
                         m3 = 15.0 * e4 / 256.0 + 45.0 * e6 / 1024.0, m4 = 35.0 * e6 / 3072.0;
        const double phi = lat * kDegToRad, s = std::sin(phi), c = std::cos(phi), t = s / c;
        const double n = a / std::sqrt(1.0 - e2 * s * s), tt = t * t, cc = ep2 * c * c;
        const double A = (lon - cm_deg_) * kDegToRad * c, A2 = A * A;
        const double s2 = 2.0 * s * c, c2 = c * c - s * s;  // sin 2φ, cos 2φ
        const double s4 = 2.0 * s2 * c2, c4 = c2 * c2 - s2 * s2, s6 = s4 * c2 + c4 * s2;
        const double m = a * (m1 * phi - m2 * s2 + m3 * s4 - m4 * s6);
        const double x = n * A *
                         (1.0 + A2 * ((1.0 - tt + cc) / 6.0 +
                                      A2 * (5.0 - 18.0 * tt + tt * tt + 72.0 * cc - 58.0 * ep2) / 120.0));
        const double y =
            m + n * t * A2 *
                    (0.5 + A2 * ((5.0 - tt + 9.0 * cc + 4.0 * cc * cc) / 24.0 +
                                 A2 * (61.0 - 58.0 * tt + tt * tt + 600.0 * cc - 330.0 * ep2) / 720.0));
        return {x, y};
    }

    double lon0_, lat0_, cm_deg_ = 0, x0_ = 0, y0_ = 0;
};

struct Camera {
    double cx = 0.0, cy = 0.0;  // world point at the centre of the viewport, metres
    double m_per_px = 10.0;     // world metres per pixel (of the local projection)
    int width = 1, height = 1;  // viewport, pixels
    int viewport_x = 0;         // the viewport's left column in the framebuffer (a side-by-side half)
    bool clip = false;          // draw (clears too) only inside the viewport: one half of a side-by-side view

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
    /// True ground metres per pixel at the view's centre (the plane's scale grows away from the central
    /// meridian): what the scale bar must use.
    double ground_m_per_px(const LocalProjection& pr) const { return m_per_px / pr.scale_at(cx); }
};

}  // namespace pa::render
