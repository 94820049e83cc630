#pragma once
// Exports of the vacant-land finder's hits (viewer panel): CSV (UTF-8 with BOM, for Excel), XLSX and a
// GeoPackage polygon layer "vacant" in CGCS2000 (EPSG:4490) that opens in QGIS. Same columns as
// vacant_table().
#include <string>
#include <vector>

#include "core/analysis/land_state.hpp"
#include "core/model.hpp"

namespace pa::output {

using analysis::VacantHit;

/// Writes the hits to `path`, format by extension (.csv, .xlsx, .gpkg); replaces an existing file. `parcels`
/// are those the hits index (VacantHit::parcel_index) and give the polygons of the GeoPackage. Throws
/// InputError for an unknown extension or a file that cannot be written.
void export_vacant(const std::vector<Parcel>& parcels, const std::vector<VacantHit>& hits,
                   const std::string& path);

/// The GeoPackage alone (layer "vacant", MultiPolygon, EPSG:4490).
void write_vacant_gpkg(const std::vector<Parcel>& parcels, const std::vector<VacantHit>& hits,
                       const std::string& path);

}  // namespace pa::output
