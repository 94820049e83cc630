#pragma once
// Test helpers: small vector files written with GDAL's C API, in a fresh temporary folder per test.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/gdal/gdal_handles.hpp"

namespace pa::test {

struct Field {
    std::string name;
    OGRFieldType type = OFTString;
};
struct Feature {
    std::string wkt;                  // "" = no geometry
    std::vector<std::string> values;  // one per field, "" = null
};

inline std::filesystem::path temp_dir(const std::string& name) {
    auto d =
        std::filesystem::temp_directory_path() / ("pa_io_test_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

/// Writes one layer. `srs` "" = none. Geometries in WKT are in the layer's CRS, x = easting/longitude.
inline void write_layer(const std::string& path, const char* driver, const std::string& layer,
                        const std::string& srs, OGRwkbGeometryType gtype, const std::vector<Field>& fields,
                        const std::vector<Feature>& features, const std::vector<std::string>& lco = {},
                        const std::vector<std::string>& dsco = {}) {
    gdal::init();
    GDALDriverH drv = GDALGetDriverByName(driver);
    ASSERT_NE(drv, nullptr) << driver;
    std::vector<const char*> d, l;
    for (auto& s : dsco) d.push_back(s.c_str());
    d.push_back(nullptr);
    for (auto& s : lco) l.push_back(s.c_str());
    l.push_back(nullptr);
    GDALDatasetH ds = GDALCreate(drv, path.c_str(), 0, 0, 0, GDT_Unknown, const_cast<char**>(d.data()));
    ASSERT_NE(ds, nullptr) << path << ": " << CPLGetLastErrorMsg();
    OGRSpatialReferenceH sr = nullptr;
    if (!srs.empty()) {
        sr = OSRNewSpatialReference(nullptr);
        OSRSetFromUserInput(sr, srs.c_str());
        OSRSetAxisMappingStrategy(sr, OAMS_TRADITIONAL_GIS_ORDER);
    }
    OGRLayerH lyr = GDALDatasetCreateLayer(ds, layer.c_str(), sr, gtype, const_cast<char**>(l.data()));
    ASSERT_NE(lyr, nullptr) << CPLGetLastErrorMsg();
    for (const auto& f : fields) {
        OGRFieldDefnH fd = OGR_Fld_Create(f.name.c_str(), f.type);
        OGR_L_CreateField(lyr, fd, TRUE);
        OGR_Fld_Destroy(fd);
    }
    for (const auto& feat : features) {
        OGRFeatureH h = OGR_F_Create(OGR_L_GetLayerDefn(lyr));
        for (size_t i = 0; i < feat.values.size(); ++i)
            if (!feat.values[i].empty()) OGR_F_SetFieldString(h, static_cast<int>(i), feat.values[i].c_str());
        if (!feat.wkt.empty()) {
            OGRGeometryH g = nullptr;
            char* w = const_cast<char*>(feat.wkt.c_str());
            OGR_G_CreateFromWkt(&w, sr, &g);
            EXPECT_NE(g, nullptr) << feat.wkt;
            OGR_F_SetGeometryDirectly(h, g);
        }
        EXPECT_EQ(OGR_L_CreateFeature(lyr, h), OGRERR_NONE) << CPLGetLastErrorMsg();
        OGR_F_Destroy(h);
    }
    if (sr) OSRRelease(sr);
    GDALClose(ds);
}

/// WKT polygon of lon/lat points transformed to `epsg` (traditional order).
inline std::string transform_wkt(const std::string& wkt_lonlat, const std::string& to) {
    gdal::init();
    auto src = gdal::make_srs("EPSG:4490");
    auto dst = gdal::make_srs(to);
    OGRGeometryH g = nullptr;
    char* w = const_cast<char*>(wkt_lonlat.c_str());
    OGR_G_CreateFromWkt(&w, nullptr, &g);
    OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation(src.get(), dst.get());
    OGR_G_Transform(g, ct);
    char* out = nullptr;
    OGR_G_ExportToWkt(g, &out);
    std::string s(out);
    CPLFree(out);
    OCTDestroyCoordinateTransformation(ct);
    OGR_G_DestroyGeometry(g);
    return s;
}

}  // namespace pa::test
