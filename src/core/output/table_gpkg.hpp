#pragma once
// A report table as a GeoPackage layer in CGCS2000 (EPSG:4490) that QGIS opens: one feature per row, the
// table's columns as fields (typed from the cells: numbers as Real / Integer64, the rest as String), and per
// row a geometry given as WKB ("" = none).
#include <string>
#include <vector>

#include "core/report/table.hpp"

namespace pa::output {

/// Writes `t` as layer `layer` of a new GeoPackage `path` (replacing an existing file only once complete).
/// `wkb` has one entry per row of `t`. Throws InputError naming the file when it cannot be written.
void write_table_gpkg(const report::Table& t, const std::string& layer, const std::vector<std::string>& wkb,
                      const std::string& path);

}  // namespace pa::output
