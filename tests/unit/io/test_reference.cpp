// Reference layers: read from another CRS to CGCS2000 (lines kept, polygon rings as closed lines, points left
// out), labels, styles, refusals; stored and read back apart from zones and parcels.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/common/error.hpp"
#include "core/io/reference.hpp"
#include "core/store/workspace.hpp"

namespace pa {
namespace {

namespace fs = std::filesystem;

std::string write(const std::string& name, const std::string& text) {
    const fs::path p = fs::temp_directory_path() / name;
    std::ofstream(p) << text;
    return p.string();
}

// EPSG:4545 (CGCS2000 3-degree GK, CM 108E): x 500000 is on 108E.
constexpr const char* kGeoJson = R"({"type": "FeatureCollection",
  "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4545"}},
  "features": [
    {"type": "Feature", "properties": {"NAME": "兴业路"},
     "geometry": {"type": "LineString", "coordinates": [[500000, 2950000], [501000, 2950000]]}},
    {"type": "Feature", "properties": {"NAME": "湖"},
     "geometry": {"type": "Polygon", "coordinates": [[[500000, 2951000], [500100, 2951000], [500100, 2951100],
                                                      [500000, 2951000]]]}},
    {"type": "Feature", "properties": {"NAME": "点"}, "geometry": {"type": "Point", "coordinates": [500000, 2950000]}}
  ]})";

TEST(Reference, ReadsLinesAndRingsIntoCgcs2000) {
    const auto path = write("pa_ref.geojson", kGeoJson);
    const auto style = write("pa_ref_style.json", R"({"color": "#00C8FF80", "width_px": 3})");
    const ReferenceLayer l = io::read_reference(path, "道路", style);
    EXPECT_EQ(l.name, "道路");
    ASSERT_EQ(l.features.size(), 2u);  // the point is left out
    EXPECT_EQ(l.features[0].label, "兴业路");
    ASSERT_EQ(l.features[0].lines.size(), 1u);
    EXPECT_NEAR(l.features[0].lines[0][0].lon, 108.0, 1e-9);  // on the central meridian
    EXPECT_NEAR(l.features[0].lines[0][0].lat, 26.66, 0.01);
    EXPECT_EQ(l.features[1].lines[0].size(), 4u);  // the ring, closed
    EXPECT_EQ(l.style.r, 0);
    EXPECT_EQ(l.style.g, 200);
    EXPECT_EQ(l.style.a, 128);
    EXPECT_EQ(l.style.width_px, 3.0);
    fs::remove(path);
    fs::remove(style);
}

TEST(Reference, RefusesWhatItCannotPlaceOrStyle) {
    const auto path = write("pa_ref2.geojson", kGeoJson);
    const auto bad = write("pa_ref_bad.json", R"({"color": "blue"})");
    EXPECT_THROW(io::read_reference(path, "", bad), InputError);
    EXPECT_THROW(io::read_reference("/nonexistent/roads.shp", "", ""), InputError);
    const auto far = write("pa_ref_far.geojson", R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]})");
    EXPECT_THROW(io::read_reference(far, "", ""), InputError);  // WGS84 by default in GeoJSON: off China
    fs::remove(path);
    fs::remove(bad);
    fs::remove(far);
}

TEST(Reference, StoredApartAndReplacedByName) {
    const fs::path ws_path = fs::temp_directory_path() / "pa_ref_ws.sqlite";
    fs::remove(ws_path);
    const auto path = write("pa_ref3.geojson", kGeoJson);
    {
        auto ws = store::Workspace::open_or_create(ws_path.string());
        EXPECT_TRUE(ws.load_reference_layers().empty());
        ws.replace_reference_layer(io::read_reference(path, "a", ""));
        ws.replace_reference_layer(io::read_reference(path, "b", ""));
        ws.replace_reference_layer(io::read_reference(path, "a", ""));  // replaces a, keeps b
    }
    auto ws = store::Workspace::open(ws_path.string(), true);
    const auto layers = ws.load_reference_layers();
    ASSERT_EQ(layers.size(), 2u);
    EXPECT_EQ(layers[0].name, "b");
    EXPECT_EQ(layers[1].name, "a");
    EXPECT_EQ(layers[1].features.size(), 2u);
    EXPECT_NEAR(layers[1].features[0].lines[0][1].lon, 108.01, 0.001);  // 1 km east of 108E
    EXPECT_TRUE(ws.load_parcels(false).empty());
    fs::remove(path);
    fs::remove(ws_path);
}

}  // namespace
}  // namespace pa
