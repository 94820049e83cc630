#include <fmt/format.h>
#include <gtest/gtest.h>
#include <chrono>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

#include "core/common/error.hpp"
#include "core/geo/area.hpp"
#include "core/io/sources.hpp"
#include "io_test_util.hpp"

namespace fs = std::filesystem;
using pa::test::Feature;
using pa::test::Field;
using pa::test::write_layer;

namespace {

// A ~200 m x 150 m parcel near 106.5°E (on the zone 35 / 36 boundary), lon/lat CGCS2000.
const std::string kParcelLL =
    "POLYGON ((106.499 26.500,106.501 26.500,106.501 26.5014,106.4995 26.5016,106.499 26.5014,106.499 "
    "26.500))";

std::vector<Field> parcel_fields() {
    return {{"ZDDM"}, {"ZL"}, {"DLBM"}, {"ZDMJ", OFTReal}, {"GYZT"}, {"GYRQ", OFTDate}, {"BZD"}};
}

std::string msg_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const pa::InputError& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("other exception: ") + e.what();
    }
    return "(no exception)";
}

const pa::Problem* find_problem(const std::vector<pa::Problem>& ps, const std::string& kind) {
    for (const auto& p : ps)
        if (p.kind == kind) return &p;
    return nullptr;
}

double dist_m(pa::LonLat a, pa::LonLat b) {
    return std::hypot((a.lon - b.lon) * 111320.0 * std::cos(a.lat * M_PI / 180.0),
                      (a.lat - b.lat) * 110574.0);
}

}  // namespace

TEST(IoSources, ReadsShapefileAndGeoPackageWithAreas) {
    auto d = pa::test::temp_dir("basic");
    const std::string wkt = pa::test::transform_wkt(kParcelLL, "EPSG:4545");
    std::vector<Feature> feats = {
        {wkt, {"520111003001GB00001", "花溪区某路", "0601", "30000.5", "已投产", "2021-05-06", "是"}}};
    write_layer((d / "p.shp").string(), "ESRI Shapefile", "p", "EPSG:4545", wkbPolygon, parcel_fields(),
                feats, {"ENCODING=UTF-8"});
    write_layer((d / "p.gpkg").string(), "GPKG", "parcels_x", "EPSG:4545", wkbPolygon, parcel_fields(),
                feats);
    for (const std::string& src : std::vector<std::string>{(d / "p.shp").string(), (d / "p.gpkg").string()}) {
        auto r = pa::io::read_parcels(src, {});
        ASSERT_EQ(r.parcels.size(), 1u) << src;
        const pa::Parcel& p = r.parcels[0];
        EXPECT_EQ(p.code, "520111003001GB00001");
        EXPECT_EQ(p.code_norm, "520111003001GB00001");
        EXPECT_EQ(p.location, "花溪区某路");
        EXPECT_EQ(p.landuse, pa::LandUse::Industrial);
        EXPECT_EQ(p.supply_status, pa::SupplyStatus::Producing);
        EXPECT_EQ(p.supply_date, "2021-05-06");
        EXPECT_TRUE(p.standard_land);
        EXPECT_EQ(p.declared_area_kind, "planar");
        EXPECT_DOUBLE_EQ(*p.declared_area_m2, 30000.5);
        EXPECT_EQ(p.gk_zone, 36);
        EXPECT_EQ(r.report.crs, "EPSG:4545");
        EXPECT_EQ(r.report.feature_count, 1);
        EXPECT_EQ(r.report.stored_count, 1);
        // Geometry back in lon/lat, first vertex within 1 cm.
        EXPECT_LT(dist_m(p.geom[0][0][0], {106.499, 26.500}), 0.01);
        // Ellipsoidal area equals the geodesic area of the lon/lat polygon; planar is the GK area (a few 1e-4
        // more).
        pa::MultiPolygon ll{{{{106.499, 26.500},
                              {106.501, 26.500},
                              {106.501, 26.5014},
                              {106.4995, 26.5016},
                              {106.499, 26.5014},
                              {106.499, 26.500}}}};
        EXPECT_NEAR(p.area_m2 / pa::geo::ellipsoidal_area_m2(ll), 1.0, 1e-7);
        EXPECT_NEAR(p.area_mu, p.area_m2 / (2000.0 / 3.0), 1e-9);
        EXPECT_NEAR(p.planar_area_m2 / pa::geo::planar_gk_area_m2(ll, 36), 1.0, 1e-6);
        EXPECT_GT(p.planar_area_m2, p.area_m2);
        EXPECT_GT(p.centroid_lon, 106.499);
        EXPECT_LT(p.centroid_lon, 106.501);
        EXPECT_TRUE(r.report.problems.empty());
    }
    fs::remove_all(d);
}

TEST(IoSources, GkZone35And36WithAndWithoutPrefixLandWithin1cm) {
    auto d = pa::test::temp_dir("zones4");
    std::vector<pa::Parcel> got;
    for (const char* epsg : {"EPSG:4523", "EPSG:4524", "EPSG:4544", "EPSG:4545"}) {
        const std::string path = (d / (std::string(epsg + 5) + ".gpkg")).string();
        write_layer(path, "GPKG", "p", epsg, wkbPolygon, {{"ZDDM"}},
                    {{pa::test::transform_wkt(kParcelLL, epsg), {"X1"}}});
        auto r = pa::io::read_parcels(path, {});
        ASSERT_EQ(r.parcels.size(), 1u) << epsg;
        got.push_back(r.parcels[0]);
    }
    EXPECT_EQ(got[0].gk_zone, 35);
    EXPECT_EQ(got[1].gk_zone, 36);
    EXPECT_EQ(got[2].gk_zone, 35);
    EXPECT_EQ(got[3].gk_zone, 36);
    for (size_t k = 1; k < got.size(); ++k) {
        ASSERT_EQ(got[k].geom[0][0].size(), got[0].geom[0][0].size());
        for (size_t i = 0; i < got[0].geom[0][0].size(); ++i)
            EXPECT_LT(dist_m(got[k].geom[0][0][i], got[0].geom[0][0][i]), 0.01) << k << " vertex " << i;
        EXPECT_NEAR(got[k].area_m2, got[0].area_m2, 1e-3);
    }
    // The same parcel is (planar) smaller in zone 35 (0.5° from CM 105... no: 1.5°) vs zone 36 (1.5° from CM
    // 108): both ~1.5° off their meridians here, so their planar areas agree to 1e-5 while the ellipsoidal
    // one is smaller.
    EXPECT_GT(got[0].planar_area_m2, got[0].area_m2);
    fs::remove_all(d);
}

TEST(IoSources, GbkDbfWithoutCpgIsDetected) {
    auto d = pa::test::temp_dir("gbk");
    const std::string shp = (d / "gbk.shp").string();
    write_layer(shp, "ESRI Shapefile", "gbk", "EPSG:4545", wkbPolygon, {{"ZDDM"}, {"ZL"}},
                {{pa::test::transform_wkt(kParcelLL, "EPSG:4545"), {"A1", "贵安新区马场镇"}}},
                {"ENCODING=CP936"});
    fs::remove(d / "gbk.cpg");
    {  // and no LDID either: zero the DBF's language driver byte
        std::fstream f((d / "gbk.dbf").string(), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(29);
        f.put('\0');
    }
    auto r = pa::io::read_parcels(shp, {});
    ASSERT_EQ(r.parcels.size(), 1u);
    EXPECT_EQ(r.parcels[0].location, "贵安新区马场镇");
    EXPECT_EQ(r.report.encoding, "CP936");
    // --encoding overrides the detection (here wrongly, to prove it is honoured).
    pa::io::SourceOptions o;
    o.encoding = "ISO-8859-1";
    auto r2 = pa::io::read_parcels(shp, o);
    EXPECT_NE(r2.parcels[0].location, "贵安新区马场镇");
    EXPECT_EQ(r2.report.encoding, "ISO-8859-1");
    fs::remove_all(d);
}

TEST(IoSources, BadInputsNameThePath) {
    auto d = pa::test::temp_dir("bad");
    const std::string wkt = pa::test::transform_wkt(kParcelLL, "EPSG:4545");
    // nonexistent
    const std::string none = (d / "nope.gpkg").string();
    auto m = msg_of([&] { pa::io::read_parcels(none, {}); });
    EXPECT_NE(m.find(none), std::string::npos) << m;
    EXPECT_NE(m.find("does not exist"), std::string::npos) << m;
    // truncated gpkg
    const std::string good = (d / "good.gpkg").string();
    std::vector<Feature> many;
    for (int i = 0; i < 200; ++i) {
        std::string code = "C";
        code += std::to_string(i);
        many.push_back({wkt, {code}});
    }
    write_layer(good, "GPKG", "p", "EPSG:4545", wkbPolygon, {{"ZDDM"}}, many);
    const std::string trunc = (d / "truncated.gpkg").string();
    fs::copy_file(good, trunc);
    fs::resize_file(trunc, 20000);
    m = msg_of([&] { pa::io::read_parcels(trunc, {}); });
    EXPECT_NE(m.find(trunc), std::string::npos) << m;
    // shapefile without .prj
    const std::string noprj = (d / "noprj.shp").string();
    write_layer(noprj, "ESRI Shapefile", "noprj", "", wkbPolygon, {{"ZDDM"}}, {{wkt, {"A"}}});
    m = msg_of([&] { pa::io::read_parcels(noprj, {}); });
    EXPECT_NE(m.find(noprj), std::string::npos) << m;
    EXPECT_NE(m.find("no coordinate reference system"), std::string::npos) << m;
    pa::io::SourceOptions assume;
    assume.assume_crs = "EPSG:4545";
    EXPECT_EQ(pa::io::read_parcels(noprj, assume).parcels.size(), 1u);
    // point layer as parcels
    const std::string pts = (d / "points.gpkg").string();
    write_layer(pts, "GPKG", "pts", "EPSG:4490", wkbPoint, {{"ZDDM"}}, {{"POINT (106.5 26.5)", {"A"}}});
    m = msg_of([&] { pa::io::read_parcels(pts, {}); });
    EXPECT_NE(m.find(pts), std::string::npos) << m;
    EXPECT_NE(m.find("Point"), std::string::npos) << m;
    // empty layer
    const std::string empty = (d / "empty.gpkg").string();
    write_layer(empty, "GPKG", "empty", "EPSG:4545", wkbPolygon, {{"ZDDM"}}, {});
    m = msg_of([&] { pa::io::read_parcels(empty, {}); });
    EXPECT_NE(m.find(empty), std::string::npos) << m;
    EXPECT_NE(m.find("no features"), std::string::npos) << m;
    // ledger XLSX without the project id column
    const std::string xlsx = (d / "ledger.xlsx").string();
    write_layer(xlsx, "XLSX", "项目台账", "", wkbNone, {{"项目名称"}, {"宗地编号"}},
                {{"", {"某项目", "A1"}}});
    m = msg_of([&] { pa::io::read_ledger(xlsx, {}); });
    EXPECT_NE(m.find(xlsx), std::string::npos) << m;
    EXPECT_NE(m.find("项目编号"), std::string::npos) << m;  // names the field wanted
    EXPECT_NE(m.find("项目名称"), std::string::npos) << m;  // and the candidates found
    // unknown layer
    m = msg_of([&] { pa::io::read_parcels(good + "::nolayer", {}); });
    EXPECT_NE(m.find(good + "::nolayer"), std::string::npos) << m;
    EXPECT_EQ(pa::io::read_parcels(good + "::p", {}).parcels.size(), 200u);
    // zones without a level or threshold
    const std::string zones = (d / "zones.gpkg").string();
    write_layer(zones, "GPKG", "z", "EPSG:4545", wkbPolygon, {{"CODE"}, {"NAME"}}, {{wkt, {"Z1", "某园区"}}});
    m = msg_of([&] { pa::io::read_zones(zones, {}); });
    EXPECT_NE(m.find("level"), std::string::npos) << m;
    fs::remove_all(d);
}

TEST(IoSources, GeometryCleaningProblems) {
    auto d = pa::test::temp_dir("clean");
    const std::string path = (d / "g.gpkg").string();
    write_layer(path, "GPKG", "g", "EPSG:4545", wkbUnknown, {{"ZDDM"}},
                {
                    // bowtie (self-intersection): repaired, both lobes kept
                    {"POLYGON ((400000 2900000,400100 2900100,400100 2900000,400000 2900100,400000 2900000))",
                     {"BOW"}},
                    // repeated consecutive vertex
                    {"POLYGON ((401000 2900000,401100 2900000,401100 2900000,401100 2900100,401000 "
                     "2900100,401000 2900000))",
                     {"REP"}},
                    // degenerate (zero area)
                    {"POLYGON ((402000 2900000,402100 2900000,402200 2900000,402000 2900000))", {"FLAT"}},
                    // not a polygon
                    {"LINESTRING (403000 2900000,403100 2900000)", {"LINE"}},
                    // empty
                    {"", {"NONE"}},
                    // fine, 3D and curved
                    {"CURVEPOLYGON Z (CIRCULARSTRING Z (404000 2900000 5,404100 2900000 5,404000 2900000 5))",
                     {"CURVE"}},
                });
    auto r = pa::io::read_parcels(path, {});
    std::map<std::string, const pa::Parcel*> by;
    for (const auto& p : r.parcels) by[p.code] = &p;
    EXPECT_EQ(r.parcels.size(), 3u);
    ASSERT_TRUE(by.count("BOW"));
    EXPECT_EQ(by["BOW"]->geom.size(), 2u);  // two triangles
    EXPECT_NEAR(by["BOW"]->planar_area_m2, 5000.0, 1e-6);
    ASSERT_TRUE(by.count("REP"));
    EXPECT_EQ(by["REP"]->geom[0][0].size(), 5u);
    EXPECT_NEAR(by["REP"]->planar_area_m2, 10000.0, 1e-6);
    ASSERT_TRUE(by.count("CURVE"));
    EXPECT_NEAR(by["CURVE"]->planar_area_m2, M_PI * 50 * 50, 1.0);  // arcs at 1-degree steps: a 360-gon
    auto count = [&](const std::string& kind, const std::string& id, pa::Severity sev) {
        int n = 0;
        for (const auto& p : r.report.problems)
            if (p.kind == kind && p.id == id && p.severity == sev) ++n;
        return n;
    };
    EXPECT_EQ(count("invalid_geometry", "BOW", pa::Severity::Warning), 1);
    EXPECT_EQ(count("repeated_vertex", "REP", pa::Severity::Warning), 1);
    EXPECT_EQ(count("rejected_geometry", "FLAT", pa::Severity::Error), 1);
    EXPECT_EQ(count("rejected_geometry", "LINE", pa::Severity::Error), 1);
    EXPECT_EQ(count("rejected_geometry", "NONE", pa::Severity::Error), 1);
    EXPECT_EQ(count("curve_linearised", "CURVE", pa::Severity::Info), 1);
    EXPECT_EQ(r.report.problems.size(), 6u);
    const pa::Problem* inv = find_problem(r.report.problems, "invalid_geometry");
    ASSERT_NE(inv, nullptr);
    EXPECT_NE(inv->message_en.find("Self-intersection"), std::string::npos) << inv->message_en;
    // location in lon/lat, at the crossing point (400050, 2900050 in EPSG:4545)
    EXPECT_GT(inv->lon, 106.9);
    EXPECT_LT(inv->lon, 107.1);
    EXPECT_GT(inv->lat, 26.1);
    EXPECT_LT(inv->lat, 26.3);
    fs::remove_all(d);
}

TEST(IoSources, FieldAliasesSchemesAndMappingFile) {
    auto d = pa::test::temp_dir("alias");
    const std::string wkt = pa::test::transform_wkt(kParcelLL, "EPSG:4544");
    // Chinese code field and 用地用海 codes (1001 = industrial there, railway in GB/T).
    const std::string g1 = (d / "a.gpkg").string();
    write_layer(g1, "GPKG", "a", "EPSG:4544", wkbPolygon, {{"宗地编号"}, {"YDYHDM"}, {"TBMJ", OFTReal}},
                {{wkt, {" ５２０１ ", "1001", "123.4"}}});
    auto r = pa::io::read_parcels(g1, {});
    ASSERT_EQ(r.parcels.size(), 1u);
    EXPECT_EQ(r.parcels[0].code, "５２０１");
    EXPECT_EQ(r.parcels[0].code_norm, "5201");
    EXPECT_EQ(r.parcels[0].landuse, pa::LandUse::Industrial);
    EXPECT_EQ(r.parcels[0].declared_area_kind, "ellipsoidal");
    // A survey layer: BSM as the code, with a warning; DLBM 1001 is GB/T railway.
    const std::string g2 = (d / "dltb.gpkg").string();
    write_layer(g2, "GPKG", "DLTB", "EPSG:4544", wkbPolygon, {{"BSM"}, {"DLBM"}}, {{wkt, {"9001", "1001"}}});
    r = pa::io::read_parcels(g2, {});
    EXPECT_EQ(r.parcels[0].code, "9001");
    EXPECT_EQ(r.parcels[0].landuse, pa::LandUse::Transport);
    EXPECT_NE(find_problem(r.report.problems, "code_from_survey_id"), nullptr);
    // No code field at all: "<layer>#<fid>" and one no_code_field warning.
    const std::string g3 = (d / "nocode.gpkg").string();
    write_layer(g3, "GPKG", "survey", "EPSG:4544", wkbPolygon, {{"FOO"}}, {{wkt, {"x"}}, {wkt, {"y"}}});
    r = pa::io::read_parcels(g3, {});
    ASSERT_EQ(r.parcels.size(), 2u);
    EXPECT_EQ(r.parcels[0].code, "survey#1");
    EXPECT_EQ(r.parcels[1].code, "survey#2");
    int n = 0;
    for (const auto& p : r.report.problems) n += p.kind == "no_code_field";
    EXPECT_EQ(n, 1);
    // The mapping file names FOO as the code.
    const std::string map = (d / "map.json").string();
    std::ofstream(map) << R"({"parcels": {"code": "FOO"}})";
    pa::io::SourceOptions o;
    o.mapping_file = map;
    r = pa::io::read_parcels(g3, o);
    EXPECT_EQ(r.parcels[1].code, "y");
    EXPECT_EQ(find_problem(r.report.problems, "no_code_field"), nullptr);
    // A mapping to a field the layer lacks is refused.
    std::ofstream(map) << R"({"parcels": {"code": "BAR"}})";
    EXPECT_THROW(pa::io::read_parcels(g3, o), pa::InputError);
    fs::remove_all(d);
}

TEST(IoSources, ZonesLevelsAndThresholds) {
    auto d = pa::test::temp_dir("zones");
    const std::string wkt = pa::test::transform_wkt(kParcelLL, "EPSG:4545");
    const std::string path = (d / "zones.shp").string();
    write_layer(path, "ESRI Shapefile", "zones", "EPSG:4545", wkbPolygon,
                {{"CODE"}, {"NAME"}, {"NAME_EN"}, {"LEVEL"}},
                {{wkt, {"GANA", "贵安新区", "Gui'an New Area", "national_new_area"}},
                 {wkt, {"GY-ETDZ", "贵阳经济技术开发区", "", "国家级"}},
                 {wkt, {"QZ-EDZ", "清镇经济开发区", "", "provincial"}}},
                {"ENCODING=UTF-8"});
    auto r = pa::io::read_zones(path, {});
    ASSERT_EQ(r.zones.size(), 3u);
    EXPECT_EQ(r.zones[0].level, pa::ZoneLevel::NationalNewArea);
    EXPECT_DOUBLE_EQ(r.zones[0].threshold_wan_per_mu, 500.0);
    EXPECT_EQ(r.zones[1].level, pa::ZoneLevel::National);
    EXPECT_DOUBLE_EQ(r.zones[1].threshold_wan_per_mu, 500.0);
    EXPECT_EQ(r.zones[2].level, pa::ZoneLevel::Provincial);
    EXPECT_DOUBLE_EQ(r.zones[2].threshold_wan_per_mu, 300.0);
    EXPECT_EQ(r.zones[1].name_zh, "贵阳经济技术开发区");
    EXPECT_GT(r.zones[0].area_m2, 1000.0);
    fs::remove_all(d);
}

// A zone in parts (片区): one feature naming its polygons in order, or one feature per part under one code;
// the names come back per polygon, the parts as one zone; what cannot be meant is refused or reported.
TEST(IoSources, ZonePartsNamedPerPolygonOrOneFeaturePerPart) {
    using V = std::vector<std::string>;
    EXPECT_EQ(pa::io::split_part_names("马场;湖潮；党武"), (V{"马场", "湖潮", "党武"}));
    EXPECT_EQ(pa::io::split_part_names(" 马场 、湖潮"), (V{"马场", "湖潮"}));
    EXPECT_EQ(pa::io::split_part_names("马场"), (V{"马场"}));
    EXPECT_TRUE(pa::io::split_part_names(" ; ").empty());
    EXPECT_TRUE(pa::io::split_part_names("").empty());

    auto d = pa::test::temp_dir("zone_parts");
    auto square = [](double lon, double lat) {
        return fmt::format("(({} {},{} {},{} {},{} {},{} {}))", lon, lat, lon + 0.02, lat, lon + 0.02,
                           lat + 0.02, lon, lat + 0.02, lon, lat);
    };
    const std::string a = square(106.60, 26.60), b = square(106.70, 26.60), c = square(106.80, 26.60);
    auto gk = [](const std::string& wkt) { return pa::test::transform_wkt(wkt, "EPSG:4545"); };
    const std::string ab = gk("MULTIPOLYGON (" + a + "," + b + ")"), only_c = gk("MULTIPOLYGON (" + c + ")");
    const std::vector<Field> fields = {{"CODE"}, {"NAME"}, {"LEVEL"}, {"PQMC"}};
    auto zones_file = [&](const std::string& name, const std::vector<std::pair<std::string, V>>& rows) {
        const std::string path = (d / name).string();
        std::vector<pa::test::Feature> rs;
        for (const auto& [wkt, vals] : rows) rs.push_back({wkt, vals});
        write_layer(path, "GPKG", "zones", "EPSG:4545", wkbMultiPolygon, fields, rs);
        return path;
    };

    // One feature, one name per polygon in order; a zone without names has none.
    auto r = pa::io::read_zones(
        zones_file("ordered.gpkg", {{ab, {"GANA", "贵安新区", "national_new_area", "马场;湖潮"}},
                                    {only_c, {"QZ", "清镇", "provincial", ""}}}),
        {});
    ASSERT_EQ(r.zones.size(), 2u);
    ASSERT_EQ(r.zones[0].geom.size(), 2u);
    EXPECT_EQ(r.zones[0].part_names, (V{"马场", "湖潮"}));
    EXPECT_LT(r.zones[0].geom[0][0][0].lon, r.zones[0].geom[1][0][0].lon)
        << "names follow the polygons' order";
    EXPECT_TRUE(r.zones[1].part_names.empty());
    EXPECT_EQ(r.zones[1].part_name(0), "");
    const double area_ab = r.zones[0].area_m2, area_c = r.zones[1].area_m2;

    // One feature per part under one code: one zone of three parts, its area their sum.
    r = pa::io::read_zones(
        zones_file("per_part.gpkg", {{ab, {"GANA", "贵安新区", "national_new_area", "马场;湖潮"}},
                                     {only_c, {"GANA", "贵安新区", "national_new_area", "党武"}}}),
        {});
    ASSERT_EQ(r.zones.size(), 1u);
    EXPECT_EQ(r.zones[0].geom.size(), 3u);
    EXPECT_EQ(r.zones[0].part_names, (V{"马场", "湖潮", "党武"}));
    EXPECT_NEAR(r.zones[0].area_m2, area_ab + area_c, 1e-6 * area_ab);

    // As many names as polygons, or the names are not used (and the import says so).
    r = pa::io::read_zones(
        zones_file("mismatch.gpkg", {{ab, {"GANA", "贵安新区", "national_new_area", "马场;湖潮;党武"}}}), {});
    ASSERT_EQ(r.zones.size(), 1u);
    EXPECT_TRUE(r.zones[0].part_names.empty());
    const pa::Problem* mis = find_problem(r.report.problems, "part_names_mismatch");
    ASSERT_NE(mis, nullptr);
    EXPECT_NE(mis->message_en.find("3 for 2 polygons"), std::string::npos) << mis->message_en;

    // A shared code without part names, a part named twice, parts that disagree: refused, naming both.
    auto m = msg_of([&] {
        pa::io::read_zones(zones_file("dup.gpkg", {{ab, {"GANA", "贵安新区", "national_new_area", ""}},
                                                   {only_c, {"GANA", "贵安新区", "national_new_area", ""}}}),
                           {});
    });
    EXPECT_NE(m.find("two zones with the code 'GANA' (features 1 and 2)"), std::string::npos) << m;
    EXPECT_NE(m.find("片区"), std::string::npos) << m;
    m = msg_of([&] {
        pa::io::read_zones(
            zones_file("twice.gpkg", {{ab, {"GANA", "贵安新区", "national_new_area", "马场;湖潮"}},
                                      {only_c, {"GANA", "贵安新区", "national_new_area", "湖潮"}}}),
            {});
    });
    EXPECT_NE(m.find("names two parts of zone 'GANA' '湖潮'"), std::string::npos) << m;
    m = msg_of([&] {
        pa::io::read_zones(
            zones_file("disagree.gpkg", {{ab, {"GANA", "贵安新区", "national_new_area", "马场;湖潮"}},
                                         {only_c, {"GANA", "贵安新区", "provincial", "党武"}}}),
            {});
    });
    EXPECT_NE(m.find("different names, levels or thresholds"), std::string::npos) << m;
    fs::remove_all(d);
}

// A GBK ledger CSV (Excel's "CSV" on a Chinese Windows) is found by its bytes, also inside a zip; the feature
// count is the rows read (blank ones included), and a CSV with a header only is refused as empty.
TEST(IoSources, GbkCsvLedgerIsDetectedByItsBytesAlsoZipped) {
    auto d = pa::test::temp_dir("gbkcsv");
    // 项目编号,项目名称 / GY-1,铝加工项目 / (blank) in GBK
    const std::string gbk =
        "\xCF\xEE\xC4\xBF\xB1\xE0\xBA\xC5,\xCF\xEE\xC4\xBF\xC3\xFB\xB3\xC6\n"
        "GY-1,\xC2\xC1\xBC\xD3\xB9\xA4\xCF\xEE\xC4\xBF\n,\n";
    const std::string csv = (d / "gbk.csv").string();
    std::ofstream(csv, std::ios::binary) << gbk;
    const std::string zip = "/vsizip/" + (d / "gbk.zip").string() + "/ledger.csv";
    VSILFILE* z = VSIFOpenL(zip.c_str(), "wb");
    ASSERT_NE(z, nullptr);
    VSIFWriteL(gbk.data(), 1, gbk.size(), z);
    VSIFCloseL(z);
    for (const std::string& src : {csv, (d / "gbk.zip").string()}) {
        auto r = pa::io::read_ledger(src, {});
        EXPECT_EQ(r.report.encoding, "CP936") << src;
        ASSERT_EQ(r.projects.size(), 1u) << src;
        EXPECT_EQ(r.projects[0].name, "铝加工项目") << src;
        EXPECT_EQ(r.report.feature_count, 2) << src;  // the blank row is read, then left out
    }
    const std::string header_only = (d / "empty.csv").string();
    std::ofstream(header_only) << "项目编号,项目名称\n";
    EXPECT_NE(msg_of([&] { pa::io::read_ledger(header_only, {}); }).find("has no features"),
              std::string::npos);
    fs::remove_all(d);
}

TEST(IoSources, LedgerCsvAndXlsx) {
    auto d = pa::test::temp_dir("ledger");
    const std::string csv = (d / "projects.csv").string();
    std::ofstream(csv)
        << "\xEF\xBB\xBF项目编号,项目名称,宗地编号,签约日期,固定资产投资,用地面积,优强企业,经度,纬度\n"
        << "GY2021-0001,铝加工项目,520111003001GB00001,2021/3/5,\"1,234.5\",12.5,是,106.6,26.5\n"
        << "GY2021-0002,待落地项目,,2021年4月1日,,,否,,\n"
        << ",,,,,,,,\n";
    auto r = pa::io::read_ledger(csv, {});
    ASSERT_EQ(r.projects.size(), 2u);
    const pa::Project& p = r.projects[0];
    EXPECT_EQ(p.project_id, "GY2021-0001");
    EXPECT_EQ(p.name, "铝加工项目");
    EXPECT_EQ(p.parcel_codes_raw, "520111003001GB00001");
    EXPECT_EQ(p.sign_date, "2021-03-05");
    EXPECT_DOUBLE_EQ(*p.fixed_invest_wan, 1234.5);
    EXPECT_DOUBLE_EQ(*p.land_area_mu, 12.5);
    EXPECT_TRUE(p.quality_firm);
    ASSERT_TRUE(p.lon && p.lat);
    EXPECT_DOUBLE_EQ(*p.lon, 106.6);
    EXPECT_EQ(r.projects[1].sign_date, "2021-04-01");
    EXPECT_FALSE(r.projects[1].fixed_invest_wan);
    EXPECT_EQ(r.projects[1].parcel_codes_raw, "");
    EXPECT_FALSE(r.projects[1].lon);
    // GCJ-02 coordinates in the ledger are unshifted.
    pa::io::SourceOptions o;
    o.shift = pa::io::WebShift::Gcj02;
    auto rs = pa::io::read_ledger(csv, o);
    EXPECT_GT(std::fabs(*rs.projects[0].lon - 106.6), 0.001);

    const std::string xlsx = (d / "projects.xlsx").string();
    write_layer(xlsx, "XLSX", "项目台账", "", wkbNone, {{"项目编号"}, {"总投资"}, {"实际开工日期"}},
                {{"", {"GA2022-0001", "5000", "2022-06-30"}}});
    auto rx = pa::io::read_ledger(xlsx, {});
    ASSERT_EQ(rx.projects.size(), 1u);
    EXPECT_EQ(rx.projects[0].project_id, "GA2022-0001");
    EXPECT_DOUBLE_EQ(*rx.projects[0].total_invest_wan, 5000.0);
    EXPECT_EQ(rx.projects[0].actual_start_date, "2022-06-30");
    EXPECT_EQ(rx.report.driver, "XLSX");
    fs::remove_all(d);
}

TEST(IoSources, WebShiftAndOldDatums) {
    auto d = pa::test::temp_dir("datum");
    // GCJ-02 lon/lat GeoJSON: shifted back by a few hundred metres.
    const std::string gj = (d / "gcj.geojson").string();
    write_layer(gj, "GeoJSON", "gcj", "EPSG:4326", wkbPolygon, {{"ZDDM"}}, {{kParcelLL, {"G1"}}});
    pa::io::SourceOptions o;
    o.shift = pa::io::WebShift::Gcj02;
    auto r = pa::io::read_parcels(gj, o);
    ASSERT_EQ(r.parcels.size(), 1u);
    const double moved = dist_m(r.parcels[0].geom[0][0][0], {106.499, 26.500});
    EXPECT_GT(moved, 200.0);
    EXPECT_LT(moved, 800.0);
    // Xian 1980 is refused, unless the ballpark is accepted or Helmert parameters are given.
    const std::string xa = (d / "xian.gpkg").string();
    write_layer(xa, "GPKG", "xian", "EPSG:4610", wkbPolygon, {{"ZDDM"}}, {{kParcelLL, {"X1"}}});
    auto m = msg_of([&] { pa::io::read_parcels(xa, {}); });
    EXPECT_NE(m.find(xa), std::string::npos) << m;
    EXPECT_NE(m.find("Xian 1980"), std::string::npos) << m;
    EXPECT_NE(m.find("ballpark"), std::string::npos) << m;
    pa::io::SourceOptions b;
    b.accept_ballpark_datum = true;
    EXPECT_EQ(pa::io::read_parcels(xa, b).parcels.size(), 1u);
    pa::io::SourceOptions h;
    h.helmert = std::array<double, 7>{24.0, -123.0, -94.0, 0.02, -0.25, -0.13, 1.1};
    auto rh = pa::io::read_parcels(xa, h);
    ASSERT_EQ(rh.parcels.size(), 1u);
    const double hm = dist_m(rh.parcels[0].geom[0][0][0], {106.499, 26.500});
    EXPECT_GT(hm, 1.0);  // the parameters were applied
    EXPECT_LT(hm, 500.0);
    // Beijing 1954 too.
    const std::string bj = (d / "bj.gpkg").string();
    write_layer(bj, "GPKG", "bj", "EPSG:4214", wkbPolygon, {{"ZDDM"}}, {{kParcelLL, {"B1"}}});
    m = msg_of([&] { pa::io::read_parcels(bj, {}); });
    EXPECT_NE(m.find("Beijing 1954"), std::string::npos) << m;
    fs::remove_all(d);
}

TEST(IoSources, ZippedShapefileCsvWktAndFlatGeobuf) {
    auto d = pa::test::temp_dir("formats");
    const std::string wkt = pa::test::transform_wkt(kParcelLL, "EPSG:4545");
    // Zipped shapefile (the zip made with Info-ZIP's `zip`, skipped where it is not installed).
    write_layer((d / "z.shp").string(), "ESRI Shapefile", "z", "EPSG:4545", wkbPolygon, {{"ZDDM"}},
                {{wkt, {"Z1"}}}, {"ENCODING=UTF-8"});
    const std::string zip = (d / "parcels.zip").string();
    const std::string cmd = "cd '" + d.string() + "' && zip -q parcels.zip z.shp z.shx z.dbf z.prj z.cpg";
    if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "no zip command";
    auto rz = pa::io::read_parcels(zip, {});
    ASSERT_EQ(rz.parcels.size(), 1u);
    EXPECT_EQ(rz.parcels[0].code, "Z1");
    EXPECT_EQ(rz.report.crs, "EPSG:4545");
    // CSV with a WKT column (no CRS: --assume-crs).
    const std::string csv = (d / "p.csv").string();
    std::ofstream(csv) << "WKT,ZDDM\n\"" << wkt << "\",C1\n";
    EXPECT_THROW(pa::io::read_parcels(csv, {}), pa::InputError);
    pa::io::SourceOptions a;
    a.assume_crs = "EPSG:4545";
    auto rc = pa::io::read_parcels(csv, a);
    ASSERT_EQ(rc.parcels.size(), 1u);
    // FlatGeobuf and GeoJSON give the same parcel.
    const std::string fgb = (d / "p.fgb").string();
    write_layer(fgb, "FlatGeobuf", "p", "EPSG:4545", wkbPolygon, {{"ZDDM"}}, {{wkt, {"F1"}}});
    auto rf = pa::io::read_parcels(fgb, {});
    ASSERT_EQ(rf.parcels.size(), 1u);
    EXPECT_NEAR(rf.parcels[0].area_m2, rz.parcels[0].area_m2, 1e-6);
    EXPECT_NEAR(rc.parcels[0].area_m2, rz.parcels[0].area_m2, 1e-6);
    fs::remove_all(d);
}

TEST(IoSources, ReadingAShapefileLeavesItsFilesUntouched) {
    // GDAL opens a shapefile for update when SHAPE_RESTORE_SHX=YES and rewrites its .shx on close; a read
    // must not touch the user's files (a second process reading them meanwhile saw a half-written .shx). A
    // missing .shx is still rebuilt.
    auto d = pa::test::temp_dir("shx");
    const std::string wkt = pa::test::transform_wkt(kParcelLL, "EPSG:4545");
    const std::string shp = (d / "p.shp").string();
    write_layer(shp, "ESRI Shapefile", "p", "EPSG:4545", wkbPolygon, {{"ZDDM"}}, {{wkt, {"S1"}}},
                {"ENCODING=UTF-8"});
    const auto shx = d / "p.shx";
    const auto old_time = fs::last_write_time(shx) - std::chrono::hours(1);
    fs::last_write_time(shx, old_time);
    fs::last_write_time(d / "p.shp", old_time);
    ASSERT_EQ(pa::io::read_parcels(shp, {}).parcels.size(), 1u);
    EXPECT_EQ(fs::last_write_time(shx), old_time) << "the .shx was rewritten";
    EXPECT_EQ(fs::last_write_time(d / "p.shp"), old_time) << "the .shp was rewritten";
    fs::remove(shx);
    auto r = pa::io::read_parcels(shp, {});
    ASSERT_EQ(r.parcels.size(), 1u);
    EXPECT_EQ(r.parcels[0].code, "S1");
    fs::remove_all(d);
}

// Found by fuzzing (tests/fuzz/regressions): a header that declares 55,834,574,852 (FlatGeobuf) or 1e11
// (GeoPackage) features must not make the reader reserve memory for them; the file is read (or refused) like
// any other.
TEST(IoSources, AFeatureCountTheFileCannotHoldIsNotTrusted) {
    for (const char* f : {"fuzz_fgb/feature-count-55834574852.fgb", "fuzz_gpkg/feature-count-1e11.gpkg"}) {
        const std::string path = std::string(PA_SOURCE_DIR) + "/tests/fuzz/regressions/" + f;
        try {
            auto r = pa::io::read_parcels(path, {});
            EXPECT_LT(r.parcels.size(), 1000u) << f;
        } catch (const pa::InputError&) {
            // refused with a sentence: fine
        }
    }
}

// Found by fuzzing: bytes that only another GDAL driver (JML) recognises are not opened by it.
TEST(IoSources, OnlyTheAllowedDriversOpenAnInput) {
    const std::string path =
        std::string(PA_SOURCE_DIR) + "/tests/fuzz/regressions/fuzz_ledger_csv/gdal-jml-expat-leak.csv";
    try {
        auto r = pa::io::read_ledger(path, {});
        EXPECT_EQ(r.report.driver, "CSV");
    } catch (const pa::InputError& e) {
        EXPECT_EQ(std::string(e.what()).find("JML"), std::string::npos) << e.what();
    }
}
