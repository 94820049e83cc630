#pragma once
// Well-known binary <-> model geometry (2D; Z/M dropped). Used to move geometry between SpatiaLite (AsBinary
// / GeomFromWKB), GEOS and GDAL without going through text.
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace pa::geo {

/// Parses Polygon or MultiPolygon WKB (ISO or EWKB-free; little or big endian). Throws InternalError
/// otherwise.
MultiPolygon multipolygon_from_wkb(std::string_view wkb);
/// Point WKB -> LonLat.
LonLat point_from_wkb(std::string_view wkb);
/// Little-endian ISO WKB of a MultiPolygon.
std::string wkb_from_multipolygon(const MultiPolygon& mp);
std::string wkb_from_point(const LonLat& p);
/// LineString or MultiLineString WKB <-> lines (reference layers); little-endian ISO on writing.
std::vector<std::vector<LonLat>> lines_from_wkb(std::string_view wkb);
std::string wkb_from_lines(const std::vector<std::vector<LonLat>>& lines);

BBox bbox_of(const MultiPolygon& mp);

}  // namespace pa::geo
