#include "core/raster/basemap.hpp"

#include <gdal.h>
#include <gdal_utils.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "core/common/error.hpp"
#include "core/gdal/gdal_env.hpp"
#include "core/gdal/gdal_handles.hpp"

namespace pa::raster {

namespace {

struct WarpOptionsDeleter {
    void operator()(GDALWarpAppOptions* o) const { GDALWarpAppOptionsFree(o); }
};

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

/// Band `b` (1-based) of `ds` as 8-bit values: Byte as is, any other type stretched from its minimum to its
/// maximum (a DEM, a float hillshade).
std::vector<uint8_t> band_bytes(GDALDatasetH ds, int b, int w, int h) {
    GDALRasterBandH band = GDALGetRasterBand(ds, b);
    std::vector<uint8_t> out(size_t(w) * size_t(h));
    if (GDALGetRasterDataType(band) == GDT_Byte) {
        if (GDALRasterIO(band, GF_Read, 0, 0, w, h, out.data(), w, h, GDT_Byte, 0, 0) != CE_None)
            throw InputError("Could not read the warped basemap (band " + std::to_string(b) + ").");
        return out;
    }
    std::vector<double> v(out.size());
    if (GDALRasterIO(band, GF_Read, 0, 0, w, h, v.data(), w, h, GDT_Float64, 0, 0) != CE_None)
        throw InputError("Could not read the warped basemap (band " + std::to_string(b) + ").");
    int has_nodata = 0;
    const double nodata = GDALGetRasterNoDataValue(band, &has_nodata);
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (double x : v)
        if (std::isfinite(x) && !(has_nodata && x == nodata)) lo = std::min(lo, x), hi = std::max(hi, x);
    const double span = hi > lo ? hi - lo : 1.0;
    for (size_t i = 0; i < v.size(); ++i)
        out[i] = std::isfinite(v[i]) && hi >= lo
                     ? static_cast<uint8_t>(std::clamp((v[i] - lo) / span * 255.0 + 0.5, 0.0, 255.0))
                     : 0;
    return out;
}

}  // namespace

Image warp_basemap(const std::string& path, const std::string& dst_proj, double min_x, double min_y,
                   double max_x, double max_y, int width, int height, const BasemapStyle& style) {
    gdal::init();
    if (width <= 0 || height <= 0 || !(max_x > min_x) || !(max_y > min_y))
        throw InputError("The basemap '" + path + "' cannot be drawn into an empty view.");
    gdal::DatasetPtr src(
        GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!src)
        throw InputError(
            "GDAL cannot open the basemap '" + path +
            "' as a raster (GeoTIFF, GeoPackage tiles, MBTiles, …); check the path and the format.");
    const char* wkt = GDALGetProjectionRef(src.get());
    double gt[6];
    if ((!wkt || !*wkt) && GDALGetGCPCount(src.get()) == 0)
        throw InputError(
            "The basemap '" + path +
            "' has no coordinate reference system; give it one (a .prj or .aux.xml beside it, or "
            "gdal_edit.py -a_srs EPSG:4490).");
    if (GDALGetGeoTransform(src.get(), gt) != CE_None && GDALGetGCPCount(src.get()) == 0)
        throw InputError("The basemap '" + path + "' has no georeferencing (no geotransform and no GCPs).");
    std::vector<std::string> args = {"-of",
                                     "MEM",
                                     "-t_srs",
                                     dst_proj,
                                     "-te",
                                     num(min_x),
                                     num(min_y),
                                     num(max_x),
                                     num(max_y),
                                     "-ts",
                                     std::to_string(width),
                                     std::to_string(height),
                                     "-r",
                                     "bilinear",
                                     "-dstalpha",
                                     "-q"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::unique_ptr<GDALWarpAppOptions, WarpOptionsDeleter> opts(GDALWarpAppOptionsNew(argv.data(), nullptr));
    if (!opts) throw InternalError("GDAL: could not build the warp options for the basemap '" + path + "'.");
    GDALDatasetH in = src.get();
    int usage_error = 0;
    gdal::DatasetPtr dst(GDALWarp("", nullptr, 1, &in, opts.get(), &usage_error));
    if (!dst)
        throw InputError("GDAL could not warp the basemap '" + path + "' into the map (" +
                         gdal::last_error() + ").");
    const int bands = GDALGetRasterCount(dst.get());  // the colour bands, then the alpha -dstalpha added
    Image img;
    img.width = width;
    img.height = height;
    img.rgba.assign(size_t(width) * size_t(height) * 4, 0);
    const size_t n = size_t(width) * size_t(height);
    const auto alpha = band_bytes(dst.get(), bands, width, height);
    std::vector<uint8_t> r, g, b;
    GDALColorTableH palette = GDALGetRasterColorTable(GDALGetRasterBand(dst.get(), 1));
    if (bands - 1 >= 3) {
        r = band_bytes(dst.get(), 1, width, height);
        g = band_bytes(dst.get(), 2, width, height);
        b = band_bytes(dst.get(), 3, width, height);
    } else {
        r = band_bytes(dst.get(), 1, width, height);
        if (palette) {  // a paletted raster: look each index up
            g.resize(n);
            b.resize(n);
            for (size_t i = 0; i < n; ++i) {
                const GDALColorEntry* e = GDALGetColorEntry(palette, r[i]);
                r[i] = e ? static_cast<uint8_t>(e->c1) : 0;
                g[i] = e ? static_cast<uint8_t>(e->c2) : 0;
                b[i] = e ? static_cast<uint8_t>(e->c3) : 0;
            }
        } else {
            g = r;
            b = r;
        }
    }
    const double opacity = std::clamp(style.opacity, 0.0, 1.0);
    for (size_t i = 0; i < n; ++i) {
        uint8_t cr = r[i], cg = g[i], cb = b[i];
        if (style.grey) cr = cg = cb = static_cast<uint8_t>(0.299 * cr + 0.587 * cg + 0.114 * cb + 0.5);
        img.rgba[4 * i] = cr;
        img.rgba[4 * i + 1] = cg;
        img.rgba[4 * i + 2] = cb;
        img.rgba[4 * i + 3] = static_cast<uint8_t>(alpha[i] * opacity + 0.5);
    }
    return img;
}

void composite_over(Image& bottom, const Image& top) {
    if (bottom.rgba.empty()) {
        bottom = top;
        return;
    }
    if (top.width != bottom.width || top.height != bottom.height) return;
    for (size_t i = 0; i + 3 < bottom.rgba.size(); i += 4) {
        const double a = top.rgba[i + 3] / 255.0, ab = bottom.rgba[i + 3] / 255.0;
        const double out_a = a + ab * (1.0 - a);
        for (int c = 0; c < 3; ++c) {
            const double v =
                out_a > 0 ? (top.rgba[i + c] * a + bottom.rgba[i + c] * ab * (1.0 - a)) / out_a : 0.0;
            bottom.rgba[i + c] = static_cast<uint8_t>(std::clamp(v + 0.5, 0.0, 255.0));
        }
        bottom.rgba[i + 3] = static_cast<uint8_t>(std::clamp(out_a * 255.0 + 0.5, 0.0, 255.0));
    }
}

}  // namespace pa::raster
