#pragma once
// Areas the way Chinese land offices state them. Ellipsoidal: on the CGCS2000 ellipsoid with PROJ's geodesic
// API (Karney), holes subtracted — the third land survey's TBMJ. Planar: in a 3-degree Gauss-Kruger zone —
// cadastral ZDMJ.
#include <utility>
#include <vector>

#include "core/model.hpp"

namespace pa::geo {

/// Ellipsoidal area in m² of a lon/lat (CGCS2000) multipolygon, holes subtracted.
double ellipsoidal_area_m2(const MultiPolygon& mp);
/// 3-degree Gauss-Kruger zone number for a longitude (zone 35: CM 105°E, zone 36: CM 108°E).
int gk3_zone_for_lon(double lon);
/// Central meridian of a 3-degree zone, degrees.
inline double gk3_central_meridian(int zone) {
    return 3.0 * zone;
}
/// Planar area in m² after projecting to the given 3-degree GK zone (CGCS2000, no zone prefix).
double planar_gk_area_m2(const MultiPolygon& mp, int gk_zone);

class GaussKruger;
/// Same, with a projection the caller keeps (no PJ* created per call: for bulk work, one per thread).
double planar_gk_area_m2(const MultiPolygon& mp, const GaussKruger& gk);
/// Planar (shoelace) area of x/y rings in the units of the coordinates, holes subtracted.
double planar_area(const std::vector<std::vector<std::pair<double, double>>>& rings_exterior_first);

/// lon/lat <-> Gauss-Kruger x (easting, no zone prefix) / y (northing) of one 3-degree zone.
/// Thread-compatible: one instance per thread. Owns its PJ* (RAII).
class GaussKruger {
  public:
    explicit GaussKruger(int zone);
    ~GaussKruger();
    GaussKruger(const GaussKruger&) = delete;
    GaussKruger& operator=(const GaussKruger&) = delete;
    int zone() const { return zone_; }
    /// Returns {easting_m, northing_m}.
    std::pair<double, double> forward(double lon, double lat) const;
    LonLat inverse(double easting_m, double northing_m) const;

  private:
    int zone_;
    void* ctx_ = nullptr;  // PJ_CONTEXT*
    void* pj_ = nullptr;   // PJ*
};

}  // namespace pa::geo
