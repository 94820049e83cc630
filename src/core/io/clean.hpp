#pragma once
// Per-feature geometry pipeline of the readers: polygon parts in source coordinates -> repeated vertices
// removed -> GEOS validity (MakeValid when invalid, polygonal parts kept) -> degenerate features rejected ->
// point on surface
// -> bulk reprojection to CGCS2000 lon/lat (+ optional GCJ-02/BD-09 unshift) -> ellipsoidal and GK planar
// areas. One Cleaner per thread: it owns a GEOS context, an OGR coordinate transformation and Gauss-Kruger
// projections.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/geo/area.hpp"
#include "core/geos/geos_handles.hpp"
#include "core/io/sources.hpp"
#include "core/model.hpp"

namespace pa::io {

/// Within lon 70..140°E, lat 0..60°N: where any Chinese parcel lies (with a wide margin). Geometry outside it
/// is refused as the sign of a wrong CRS.
bool in_china_box(const LonLat& p);

/// Polygon parts of one feature in source coordinates (flattened to 2D, curves linearised).
struct RawGeom {
    std::vector<double> x, y;          // all vertices of all rings
    std::vector<uint32_t> ring_sizes;  // per ring
    std::vector<uint32_t> poly_rings;  // rings per polygon (exterior first)
    std::string rejected_reason;       // set by the reader: "empty geometry", "not a polygon (LineString)"…
    bool linearised = false;           // the source held curves (arcs), approximated by the reader
    void clear() {
        x.clear();
        y.clear();
        ring_sizes.clear();
        poly_rings.clear();
        rejected_reason.clear();
        linearised = false;
    }
};

/// A problem found in the geometry, located in source coordinates until reprojected.
struct GeomProblem {
    std::string kind;  // invalid_geometry | repeated_vertex | rejected_geometry | curve_linearised
    Severity severity = Severity::Warning;
    std::string detail_en, detail_zh;
    double x = 0.0, y = 0.0;  // source coordinates; lon/lat after Cleaner::finish
    bool has_location = false;
};

struct CleanResult {
    bool rejected = false;
    MultiPolygon geom;     // CGCS2000 lon/lat
    double area_m2 = 0.0;  // ellipsoidal
    double planar_area_m2 = 0.0;
    int gk_zone = 0;
    LonLat point_on_surface;
    std::vector<GeomProblem> problems;
    // internal: source-coordinate results of stage 1
    double cx = 0.0, cy = 0.0;
    double source_area = 0.0;
};

/// What the cleaner needs to know about the source CRS (built on the reader's thread, copied to each worker).
struct CrsPlan {
    std::string src_wkt;     // "" = coordinates are already CGCS2000/WGS84 lon/lat (no OGR transformation)
    int source_gk_zone = 0;  // > 0 when the source is a CGCS2000 3-degree Gauss-Kruger CRS in metres
    WebShift shift = WebShift::None;
    // Target of the OGR transformation. EPSG:4326 when the source carries +towgs84 Helmert parameters:
    // PROJ 9.1 only applies them on the way to WGS84 (its hub), and WGS84 and CGCS2000 agree to centimetres
    // here.
    std::string dst = "EPSG:4490";
};

class Cleaner {
  public:
    explicit Cleaner(const CrsPlan& plan);  // throws InternalError when the transformation cannot be made
    ~Cleaner();
    Cleaner(const Cleaner&) = delete;
    Cleaner& operator=(const Cleaner&) = delete;

    /// Stage 1 (source coordinates): repeated vertices, validity, repair, degenerate check, point on surface.
    /// Rewrites `raw` with the cleaned rings.
    void clean(RawGeom& raw, CleanResult& out);
    /// Stage 2, in bulk over many features: reprojects every kept geometry, locations included, and computes
    /// areas.
    void finish(std::vector<RawGeom*>& raws, std::vector<CleanResult*>& outs);

  private:
    geos::GeomPtr build(
        const RawGeom& raw);  // the rings as a GEOS MultiPolygon (null when none can be built)
    /// Repairs an invalid geometry in place (MakeValid, polygonal parts), recording the problem; false when
    /// nothing polygonal is left (`why` then holds GEOS's reason).
    bool make_valid(RawGeom& raw, geos::GeomPtr& g, CleanResult& out, std::string& why);
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pa::io
