#pragma once
// The clustering result as a GeoPackage for QGIS (through the one GDAL writer, core/gdal/vector_writer.hpp).
#include <string>

#include "core/analysis/cluster.hpp"

namespace pa::output {

/// Writes a GeoPackage (the previous file replaced only when complete) with the polygon layer `cluster_hulls`
/// (MultiPolygon, EPSG:4490) and the point layer `cluster_members` (Point, EPSG:4490). Throws InputError when
/// the file cannot be written.
void write_clusters_gpkg(const analysis::ClusterResult& r, const std::string& path);

}  // namespace pa::output
