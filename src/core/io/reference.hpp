#pragma once
// Reading a reference layer (roads, rivers, district boundaries, 三调 land-use polygons) for context on the
// map: any vector GDAL reads, in any CRS, to CGCS2000 lon/lat; lines kept as lines, polygon rings as closed
// lines, curves linearised, points left out. docs/meeting-room.md.
#include <string>

#include "core/model.hpp"

namespace pa::io {

/// `source` is PATH or PATH::LAYER; `name` "" takes the layer's name; `style_path` "" the default style
/// (grey, 2 px, label from NAME/名称/MC when present). InputError naming the file for: not a vector source,
/// no CRS, no line or polygon feature, a malformed style file.
ReferenceLayer read_reference(const std::string& source, const std::string& name,
                              const std::string& style_path);

}  // namespace pa::io
