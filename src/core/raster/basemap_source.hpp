#pragma once
// Where a basemap's pixels come from for one view (docs/meeting-room.md):
//   - a raster file: itself when it has overviews (or is small); else a VRT over it in the user's cache
//   folder
//     whose overviews (.ovr) are built there by build_overview_cache, never beside the user's file;
//   - a folder of XYZ tiles (z/x/y.png|jpg|webp): the zoom level whose ground resolution is the coarsest
//   still
//     at least as fine as the view's, as a VRT mosaic of its tiles written to the cache, georeferenced by the
//     folder's tiling scheme: Web Mercator (Tianditu _w and most web maps), Web Mercator cut from GCJ-02 maps
//     (Gaode/Tencent: shifted back by the GCJ-02 offset at the tiles' centre) or CGCS2000 lon/lat (Tianditu
//     _c).
#include <functional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace pa::raster {

/// Whether `path` is a folder of XYZ tiles (numeric z folders holding numeric x folders of tiles).
bool is_tile_folder(const std::string& path);
/// The zoom levels of a tile folder, ascending.
std::vector<int> tile_levels(const std::string& path);

/// Checks a basemap can be drawn: a raster GDAL opens with a CRS and georeferencing, or a tile folder with a
/// known scheme and at least one level. Returns a one-line description ("GeoTIFF 4000x3000, 3 bands, 5
/// overview levels" / "XYZ tiles, web mercator, zoom 10-16"); InputError naming the path and what to do.
std::string check_basemap(const Basemap& b);

/// Whether a raster lacks the overviews a view of it needs (no internal or external overviews and larger than
/// 2048 pixels on a side) and its cache has none yet.
bool needs_overview_cache(const std::string& path);
/// Builds the cache VRT and its overviews for `path` (progress 0..1). Returns the VRT's path.
std::string build_overview_cache(const std::string& path, const std::function<void(double)>& progress = {});

/// Where this desk keeps each registered basemap: a shared workspace registers a basemap by name (and the
/// path of the desk that registered it); each desk may say where it has that basemap, e.g. the same
/// orthophoto on its own shared-drive letter or tile folder, in a JSON object {"name": "path", …}: the file
/// $PARKATLAS_BASEMAPS, else $XDG_CONFIG_HOME/parkatlas/basemaps.json (~/.config/…). Returns the path of that
/// file (whether it exists or not).
std::string desk_basemaps_file();
/// `registered` with this desk's paths (desk_basemaps_file) in place of the registered ones, by name; the
/// others unchanged (a basemap this desk cannot reach is then skipped with a note where it is drawn).
/// InputError naming the file when it exists but is not a JSON object of paths.
std::vector<Basemap> for_this_desk(std::vector<Basemap> registered);

/// What GDAL opens to draw `b` in a view of `ground_m_per_px` metres per pixel (see the file comment).
/// InputError as check_basemap.
std::string basemap_dataset_for(const Basemap& b, double ground_m_per_px);

}  // namespace pa::raster
