// Raster basemaps warped into a view: values, no-data outside the raster, palettes, stretched non-8-bit
// bands, refusals, and the "over" compositing.
#include <gtest/gtest.h>

#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/common/error.hpp"
#include "core/gdal/gdal_env.hpp"
#include "core/raster/basemap.hpp"
#include "core/raster/basemap_source.hpp"

namespace pa::raster {
namespace {

namespace fs = std::filesystem;

// A w x h GeoTIFF in EPSG:4545 (CGCS2000 / 3-degree GK CM 108E) covering [x0, x0 + w*px] x [y0 - h*px, y0].
std::string make_tif(const std::string& name, int bands, GDALDataType type, double fill, bool with_srs = true,
                     bool palette = false) {
    gdal::init();
    const fs::path path = fs::temp_directory_path() / name;
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), 16, 16, bands, type, nullptr);
    double gt[6] = {500000.0, 10.0, 0.0, 2950000.0, 0.0, -10.0};
    GDALSetGeoTransform(ds, gt);
    if (with_srs) {
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, 4545);
        char* wkt = nullptr;
        OSRExportToWkt(srs, &wkt);
        GDALSetProjection(ds, wkt);
        VSIFree(wkt);
        OSRDestroySpatialReference(srs);
    }
    for (int b = 1; b <= bands; ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        std::vector<double> v(256, fill * b);
        v[0] = fill * b * 2;  // the top-left pixel differs (for the stretch)
        EXPECT_EQ(GDALRasterIO(band, GF_Write, 0, 0, 16, 16, v.data(), 16, 16, GDT_Float64, 0, 0), CE_None);
        if (palette) {
            GDALColorTableH ct = GDALCreateColorTable(GPI_RGB);
            GDALColorEntry e{255, 0, 255, 255};
            for (int i = 0; i < 256; ++i) GDALSetColorEntry(ct, i, &e);
            GDALSetRasterColorTable(band, ct);
            GDALDestroyColorTable(ct);
        }
    }
    GDALClose(ds);
    return path.string();
}

// The raster's own CRS as the view's plane: pixel (i, j) of the view is the raster's pixel.
const char* kPlane = "EPSG:4545";

TEST(Basemap, WarpsIntoTheViewWithNoDataOutside) {
    const auto path = make_tif("pa_basemap_rgb.tif", 3, GDT_Byte, 40);
    // The view: the raster's extent and as much again to the east (no raster there).
    const Image img = warp_basemap(path, kPlane, 500000.0, 2949840.0, 500320.0, 2950000.0, 32, 16);
    ASSERT_EQ(img.rgba.size(), 32u * 16u * 4u);
    auto px = [&](int i, int j) { return &img.rgba[(size_t(j) * 32 + size_t(i)) * 4]; };
    EXPECT_EQ(px(8, 8)[0], 40);  // inside: R = band 1, G = band 2, B = band 3, opaque
    EXPECT_EQ(px(8, 8)[1], 80);
    EXPECT_EQ(px(8, 8)[2], 120);
    EXPECT_EQ(px(8, 8)[3], 255);
    EXPECT_EQ(px(30, 8)[3], 0);  // east of the raster: transparent
    const Image grey =
        warp_basemap(path, kPlane, 500000.0, 2949840.0, 500160.0, 2950000.0, 16, 16, BasemapStyle{0.5, true});
    EXPECT_EQ(grey.rgba[8 * 4 * 16 + 8 * 4], grey.rgba[8 * 4 * 16 + 8 * 4 + 1]);  // R = G: grey
    EXPECT_NEAR(grey.rgba[8 * 4 * 16 + 8 * 4 + 3], 128, 1);                       // half opacity
    fs::remove(path);
}

TEST(Basemap, PaletteAndNonByteBands) {
    const auto pal = make_tif("pa_basemap_pal.tif", 1, GDT_Byte, 3, true, true);
    Image img = warp_basemap(pal, kPlane, 500000.0, 2949840.0, 500160.0, 2950000.0, 16, 16);
    EXPECT_EQ(img.rgba[4 * 100 + 0], 255);  // the palette's magenta
    EXPECT_EQ(img.rgba[4 * 100 + 1], 0);
    EXPECT_EQ(img.rgba[4 * 100 + 2], 255);
    const auto dem = make_tif("pa_basemap_dem.tif", 1, GDT_Float32, 1000.0);
    img = warp_basemap(dem, kPlane, 500000.0, 2949840.0, 500160.0, 2950000.0, 16, 16);
    EXPECT_EQ(img.rgba[0], 255);      // the maximum (2000) stretched to white
    EXPECT_EQ(img.rgba[4 * 100], 0);  // the minimum (1000) to black
    fs::remove(pal);
    fs::remove(dem);
}

TEST(Basemap, RefusesWhatItCannotPlace) {
    const auto bare = make_tif("pa_basemap_nosrs.tif", 1, GDT_Byte, 1, false);
    EXPECT_THROW(warp_basemap(bare, kPlane, 0, 0, 1, 1, 4, 4), InputError);
    EXPECT_THROW(warp_basemap("/nonexistent/x.tif", kPlane, 0, 0, 1, 1, 4, 4), InputError);
    fs::remove(bare);
}

TEST(Basemap, CompositeOver) {
    Image bottom{1, 1, {0, 0, 255, 255}};
    Image top{1, 1, {255, 0, 0, 128}};
    composite_over(bottom, top);
    EXPECT_NEAR(bottom.rgba[0], 128, 1);
    EXPECT_NEAR(bottom.rgba[2], 127, 1);
    EXPECT_EQ(bottom.rgba[3], 255);
}

}  // namespace

// A shared workspace registers basemaps by name; each desk may keep them elsewhere ($PARKATLAS_BASEMAPS, a
// JSON object name -> path): those paths replace the registered ones, the others stay; a malformed file is
// refused.
TEST(Basemap, ThisDeskPathsReplaceTheRegisteredOnesByName) {
    const auto dir = std::filesystem::temp_directory_path() / "pa_desk_basemaps";
    std::filesystem::create_directories(dir);
    const auto file = (dir / "basemaps.json").string();
    std::vector<Basemap> reg(2);
    reg[0].name = "影像2023";
    reg[0].path = "/mnt/bureau/ortho2023.tif";
    reg[1].name = "地形";
    reg[1].path = "/srv/hillshade.tif";
    setenv("PARKATLAS_BASEMAPS", file.c_str(), 1);
    std::filesystem::remove(file);
    EXPECT_EQ(for_this_desk(reg)[0].path, "/mnt/bureau/ortho2023.tif");  // no file: as registered
    std::ofstream(file) << R"({"影像2023": "Z:/影像/ortho2023.tif", "other": "/x.tif"})";
    const auto here = for_this_desk(reg);
    EXPECT_EQ(desk_basemaps_file(), file);
    EXPECT_EQ(here[0].path, "Z:/影像/ortho2023.tif");
    EXPECT_EQ(here[1].path, "/srv/hillshade.tif");
    std::ofstream(file) << R"(["not", "an", "object"])";
    EXPECT_THROW(for_this_desk(reg), InputError);
    std::ofstream(file) << R"({"影像2023": 7})";
    EXPECT_THROW(for_this_desk(reg), InputError);
    unsetenv("PARKATLAS_BASEMAPS");
    std::filesystem::remove_all(dir);
}

}  // namespace pa::raster
