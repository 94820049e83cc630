#pragma once
// Internal to the map data layer (map_data.cpp, map_mesh.cpp): model polygons as GEOS geometry in local
// metres.
#include "core/geos/geos_handles.hpp"
#include "render/map_data.hpp"

namespace pa::render {

/// One polygon (exterior ring first) as a GEOS polygon in local metres; null when a ring is degenerate.
geos::GeomPtr make_polygon(const geos::Context& c, const Polygon& poly, const LocalProjection& pr);

}  // namespace pa::render
