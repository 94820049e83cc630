#pragma once
// Raster basemaps (orthophotos, hillshades, scanned plans) under the map: any raster GDAL reads (GeoTIFF and
// Cloud-Optimised GeoTIFF, GeoPackage tiles, MBTiles, JPEG/PNG with a world file…) is warped into the view's
// own plane and pixel grid, reading the raster's overviews when the view is coarser than the raster, so a
// multi-GB orthophoto costs what the picture costs. Nothing is ever written beside the user's file (the warp
// is in memory). docs/meeting-room.md.
#include <cstdint>
#include <string>
#include <vector>

namespace pa::raster {

/// An RGBA picture, top row first, premultiplied by nothing (straight alpha: 0 where the raster has no data).
struct Image {
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;
};

struct BasemapStyle {
    double opacity = 1.0;  // 0..1, multiplies the raster's alpha
    bool grey = false;     // drawn in grey (luminance) so colour themes read over imagery
};

/// Warps the raster at `path` into the box [min_x, max_x] x [min_y, max_y] (metres) of the plane `dst_proj`
/// (a PROJ string; the map's local transverse Mercator) at width x height pixels, bilinear. One band is grey
/// (or a palette), three or more are RGB(A); bands that are not 8-bit are stretched from their minimum to
/// their maximum. Throws InputError naming the file when GDAL cannot open it, it has no coordinate reference
/// system, or it does not warp.
Image warp_basemap(const std::string& path, const std::string& dst_proj, double min_x, double min_y,
                   double max_x, double max_y, int width, int height, const BasemapStyle& style = {});

/// Draws `top` over `bottom` (same size) with straight alpha ("over").
void composite_over(Image& bottom, const Image& top);

}  // namespace pa::raster
