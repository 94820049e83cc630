// The bundled sample (gis-data/) opens with GDAL with the declared CRS, encoding and feature counts; the
// zones are 1 + 5 + 6 by level; every id of the manifest exists in the data.
#include <gtest/gtest.h>

#include <cpl_conv.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/gdal/gdal_handles.hpp"

namespace {

const std::string kData = PA_GIS_DATA_DIR;

struct Opened {
    pa::gdal::DatasetPtr ds;
    OGRLayerH layer = nullptr;
};

Opened open_layer(const std::string& file) {
    pa::gdal::init();
    Opened o;
    o.ds.reset(GDALOpenEx((kData + "/" + file).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr,
                          nullptr));
    if (o.ds) o.layer = GDALDatasetGetLayer(o.ds.get(), 0);
    return o;
}

double central_meridian(OGRLayerH layer) {
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    return srs ? OSRGetProjParm(srs, SRS_PP_CENTRAL_MERIDIAN, -1.0, nullptr) : -1.0;
}

std::set<std::string> all_strings(OGRLayerH layer) {
    std::set<std::string> out;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH fh = OGR_L_GetNextFeature(layer)) {
        pa::gdal::FeaturePtr f(fh);
        for (int i = 0; i < OGR_F_GetFieldCount(fh); ++i) {
            if (!OGR_F_IsFieldSetAndNotNull(fh, i)) continue;
            std::string v = OGR_F_GetFieldAsString(fh, i);
            while (!v.empty() && v.back() == ' ') v.pop_back();
            out.insert(v);
        }
    }
    return out;
}

}  // namespace

TEST(SampleData, ZonesAreTwelveInGkZone36WithGbkNames) {
    auto z = open_layer("zones.shp");
    ASSERT_TRUE(z.layer) << "gis-data/zones.shp does not open";
    EXPECT_EQ(OGR_L_GetFeatureCount(z.layer, 1), 12);
    EXPECT_DOUBLE_EQ(central_meridian(z.layer), 108.0);
    std::ifstream cpg(kData + "/zones.cpg");
    std::string enc;
    std::getline(cpg, enc);
    EXPECT_NE(enc.find("GBK") == std::string::npos ? enc.find("936") : 0, std::string::npos) << enc;

    std::map<std::string, int> levels;
    bool found_guian = false;
    int level_idx = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(z.layer), "LEVEL");
    int name_idx = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(z.layer), "NAME");
    ASSERT_GE(level_idx, 0);
    ASSERT_GE(name_idx, 0);
    OGR_L_ResetReading(z.layer);
    while (OGRFeatureH fh = OGR_L_GetNextFeature(z.layer)) {
        pa::gdal::FeaturePtr f(fh);
        ++levels[OGR_F_GetFieldAsString(fh, level_idx)];
        if (std::string(OGR_F_GetFieldAsString(fh, name_idx)) == "贵安新区") found_guian = true;
    }
    EXPECT_EQ(levels["national_new_area"], 1);
    EXPECT_EQ(levels["national"], 5);
    EXPECT_EQ(levels["provincial"], 6);
    EXPECT_TRUE(found_guian) << "the GBK DBF did not decode 贵安新区";
}

TEST(SampleData, ParcelDeliveriesInZones35And36) {
    auto ga = open_layer("parcels_guian.gpkg");
    auto gy = open_layer("parcels_guiyang.shp");
    ASSERT_TRUE(ga.layer && gy.layer);
    EXPECT_DOUBLE_EQ(central_meridian(ga.layer), 105.0);
    EXPECT_DOUBLE_EQ(central_meridian(gy.layer), 108.0);
    GIntBig n = OGR_L_GetFeatureCount(ga.layer, 1) + OGR_L_GetFeatureCount(gy.layer, 1);
    EXPECT_GE(n, 2000);
    EXPECT_GE(OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(gy.layer), "ZDDM"), 0);
    EXPECT_GE(OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(ga.layer), "ZDDM"), 0);
}

TEST(SampleData, LedgerXlsxAndCsvHaveTheSameRowsAndChineseHeaders) {
    CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");
    auto x = open_layer("projects.xlsx");
    auto c = open_layer("projects.csv");
    ASSERT_TRUE(x.layer && c.layer);
    GIntBig nx = OGR_L_GetFeatureCount(x.layer, 1);
    EXPECT_GE(nx, 1000);
    EXPECT_EQ(nx, OGR_L_GetFeatureCount(c.layer, 1));
    OGRFeatureDefnH d = OGR_L_GetLayerDefn(x.layer);
    for (const char* h :
         {"项目编号", "宗地编号", "固定资产投资", "到位资金_2021", "到位资金_2022", "到位资金_2023"}) {
        EXPECT_GE(OGR_FD_GetFieldIndex(d, h), 0) << h;
    }
    int funds = OGR_FD_GetFieldIndex(d, "到位资金_2021");
    ASSERT_GE(funds, 0);
    OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(d, funds));
    EXPECT_TRUE(t == OFTReal || t == OFTInteger || t == OFTInteger64) << "funds are not stored as numbers";
}

TEST(SampleData, EveryManifestIdExists) {
    std::ifstream in(kData + "/manifest.json");
    ASSERT_TRUE(in.good());
    auto m = nlohmann::json::parse(in);
    ASSERT_GE(m["defects"].size(), 8u);
    std::set<std::string> text;
    for (const char* f : {"parcels_guian.gpkg", "parcels_guiyang.shp", "projects.csv"}) {
        auto o = open_layer(f);
        ASSERT_TRUE(o.layer) << f;
        auto s = all_strings(o.layer);
        text.insert(s.begin(), s.end());
    }
    std::set<std::string> kinds;
    for (const auto& d : m["defects"]) {
        std::string id = d["id"].get<std::string>();
        EXPECT_TRUE(text.count(id)) << "manifest id not in the data: " << id;
        kinds.insert(d["kind"].get<std::string>());
    }
    for (const char* k : {"invalid_geometry", "repeated_vertex", "overlap", "outside_zone", "duplicate_code",
                          "declared_area_mismatch", "unmatched_parcel_code", "normalised_match",
                          "duplicate_project_id", "missing_figure", "ledger_area_mismatch"}) {
        EXPECT_TRUE(kinds.count(k)) << "no planted defect of kind " << k;
    }
}
