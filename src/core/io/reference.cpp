#include "core/io/reference.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cstdio>

#include "core/common/error.hpp"
#include "core/common/json_file.hpp"
#include "core/gdal/gdal_env.hpp"
#include "core/gdal/gdal_handles.hpp"

namespace pa::io {

namespace {

ReferenceStyle read_style(const std::string& path) {
    ReferenceStyle s;
    if (path.empty()) return s;
    const auto j =
        read_json_file(path, "reference style file '" + path + "'",
                       "give {\"color\": \"#505050\", \"width_px\": 2, \"label_field\": \"NAME\"}");
    if (!j.is_object()) throw InputError("The reference style file '" + path + "' must hold a JSON object.");
    if (j.contains("color")) {
        const auto& c = j["color"];
        unsigned r = 0, g = 0, b = 0, a = 255;
        const bool hex =
            c.is_string() && std::sscanf(c.get<std::string>().c_str(), "#%2x%2x%2x%2x", &r, &g, &b, &a) >= 3;
        const bool list = c.is_array() && (c.size() == 3 || c.size() == 4);
        if (list) {
            r = c[0].get<unsigned>(), g = c[1].get<unsigned>(), b = c[2].get<unsigned>();
            if (c.size() == 4) a = c[3].get<unsigned>();
        }
        if (!hex && !list) {
            throw InputError("The reference style file '" + path +
                             "': \"color\" must be \"#RRGGBB\" (or #RRGGBBAA) or [r, g, b(, a)].");
        }
        s.r = static_cast<uint8_t>(r), s.g = static_cast<uint8_t>(g), s.b = static_cast<uint8_t>(b);
        s.a = static_cast<uint8_t>(a);
    }
    if (j.contains("width_px")) {
        if (!j["width_px"].is_number() ||
            !(j["width_px"].get<double>() > 0 && j["width_px"].get<double>() <= 50))
            throw InputError("The reference style file '" + path +
                             "': \"width_px\" must be a number of 0 to 50.");
        s.width_px = j["width_px"].get<double>();
    }
    if (j.contains("label_field") && j["label_field"].is_string())
        s.label_field = j["label_field"].get<std::string>();
    if (j.contains("max_m_per_px")) {
        if (!j["max_m_per_px"].is_number() || !(j["max_m_per_px"].get<double>() > 0))
            throw InputError("The style file '" + path +
                             "': \"max_m_per_px\" must be a positive number (the layer shows only in views "
                             "finer than that many metres per pixel).");
        s.max_m_per_px = j["max_m_per_px"].get<double>();
    }
    return s;
}

void add_lines(OGRGeometryH g, std::vector<std::vector<LonLat>>& out) {
    if (!g) return;
    const auto type = wkbFlatten(OGR_G_GetGeometryType(g));
    const int parts = OGR_G_GetGeometryCount(g);
    if (type == wkbLineString || type == wkbLinearRing) {
        std::vector<LonLat> line;
        for (int i = 0; i < OGR_G_GetPointCount(g); ++i) line.push_back({OGR_G_GetX(g, i), OGR_G_GetY(g, i)});
        if (line.size() >= 2) out.push_back(std::move(line));
        return;
    }
    if (type == wkbPoint || type == wkbMultiPoint) return;
    for (int i = 0; i < parts; ++i) add_lines(OGR_G_GetGeometryRef(g, i), out);
}

}  // namespace

ReferenceLayer read_reference(const std::string& source, const std::string& name,
                              const std::string& style_path) {
    gdal::init();
    std::string path = source, layer_name;
    if (const size_t at = source.find("::"); at != std::string::npos) {
        path = source.substr(0, at);
        layer_name = source.substr(at + 2);
    }
    gdal::DatasetPtr ds(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds)
        throw InputError(
            "GDAL cannot open the reference layer '" + path +
            "' as vector data (Shapefile, GeoPackage, GeoJSON, …); check the path and the format.");
    OGRLayerH layer = layer_name.empty() ? GDALDatasetGetLayer(ds.get(), 0)
                                         : GDALDatasetGetLayerByName(ds.get(), layer_name.c_str());
    if (!layer)
        throw InputError("The reference source '" + path + "' has no layer" +
                         (layer_name.empty() ? std::string() : " '" + layer_name + "'") + ".");
    OGRSpatialReferenceH src = OGR_L_GetSpatialRef(layer);
    // A GeoPackage written without a CRS reports an "undefined" engineering one: no place on Earth either.
    // GDAL names such a CRS "Undefined geographic SRS" / "Undefined Cartesian SRS".
    if (src && ((!OSRIsGeographic(src) && !OSRIsProjected(src)) ||
                std::string(OSRGetName(src) ? OSRGetName(src) : "").rfind("Undefined", 0) == 0))
        src = nullptr;
    if (!src)
        throw InputError("The reference layer '" + source +
                         "' has no coordinate reference system; give it one (a .prj beside a shapefile).");
    gdal::SrsPtr dst(OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(dst.get(), 4490);
    OSRSetAxisMappingStrategy(dst.get(), OAMS_TRADITIONAL_GIS_ORDER);
    gdal::SrsPtr src_copy(OSRClone(src));
    OSRSetAxisMappingStrategy(src_copy.get(), OAMS_TRADITIONAL_GIS_ORDER);
    gdal::TransformPtr ct(OCTNewCoordinateTransformation(src_copy.get(), dst.get()));
    if (!ct)
        throw InputError("The reference layer '" + source + "': its CRS cannot be transformed to CGCS2000 (" +
                         gdal::last_error() + ").");
    ReferenceLayer out;
    out.name = name.empty() ? OGR_L_GetName(layer) : name;
    out.source_path = source;
    out.style = read_style(style_path);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int label = -1;
    if (!out.style.label_field.empty()) {
        label = OGR_FD_GetFieldIndex(defn, out.style.label_field.c_str());
        if (label < 0)
            throw InputError("The reference layer '" + source + "' has no field '" + out.style.label_field +
                             "' (the style's label_field).");
    } else {
        for (const char* f : {"NAME", "name", "名称", "MC", "Name"})
            if ((label = OGR_FD_GetFieldIndex(defn, f)) >= 0) break;
    }
    OGR_L_ResetReading(layer);
    for (;;) {
        gdal::FeaturePtr f(OGR_L_GetNextFeature(layer));
        if (!f) break;
        OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
        if (!g) continue;
        gdal::GeometryPtr lin(OGR_G_GetLinearGeometry(g, 0, nullptr));  // curves to line strings
        if (!lin || OGR_G_Transform(lin.get(), ct.get()) != OGRERR_NONE) continue;
        ReferenceFeature rf;
        add_lines(lin.get(), rf.lines);
        if (rf.lines.empty()) continue;
        // In China (with a margin): coordinates far outside mean a wrong CRS, not a road.
        for (const auto& l : rf.lines)
            for (const auto& p : l)
                if (!(p.lon > 70 && p.lon < 140 && p.lat > 0 && p.lat < 56))
                    throw InputError("The reference layer '" + source + "' has a feature at " +
                                     std::to_string(p.lon) + ", " + std::to_string(p.lat) +
                                     " after reprojection to CGCS2000, far from China: is its CRS right?");
        if (label >= 0) rf.label = OGR_F_GetFieldAsString(f.get(), label);
        out.features.push_back(std::move(rf));
    }
    if (out.features.empty())
        throw InputError("The reference layer '" + source +
                         "' has no line or polygon feature that could be placed (points are not drawn).");
    return out;
}

}  // namespace pa::io
