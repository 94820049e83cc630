#include "core/output/table_gpkg.hpp"

#include <variant>

#include "core/gdal/vector_writer.hpp"

namespace pa::output {

void write_table_gpkg(const report::Table& t, const std::string& layer, const std::vector<std::string>& wkb,
                      const std::string& path) {
    gdal::Writer w("GPKG", path);
    gdal::Layer lyr = w.create_layer(layer, wkbMultiPolygon, "EPSG:4490");
    for (size_t i = 0; i < t.headers.size(); ++i) {
        OGRFieldType type = OFTString;
        for (const auto& row : t.rows) {
            if (i >= row.size() || std::holds_alternative<std::monostate>(row[i])) continue;
            type = std::holds_alternative<double>(row[i])    ? OFTReal
                   : std::holds_alternative<int64_t>(row[i]) ? OFTInteger64
                                                             : OFTString;
            break;
        }
        lyr.add_field(t.headers[i], type);
    }
    w.begin();
    for (size_t r = 0; r < t.rows.size(); ++r) {
        gdal::FeaturePtr f = lyr.new_feature();
        const auto& row = t.rows[r];
        for (size_t i = 0; i < row.size(); ++i) {
            const auto& c = row[i];
            if (std::holds_alternative<std::string>(c))
                OGR_F_SetFieldString(f.get(), static_cast<int>(i), std::get<std::string>(c).c_str());
            else if (std::holds_alternative<double>(c))
                OGR_F_SetFieldDouble(f.get(), static_cast<int>(i), std::get<double>(c));
            else if (std::holds_alternative<int64_t>(c))
                OGR_F_SetFieldInteger64(f.get(), static_cast<int>(i), std::get<int64_t>(c));
        }
        if (r < wkb.size() && !wkb[r].empty()) {
            OGRGeometryH g = nullptr;
            if (OGR_G_CreateFromWkb(wkb[r].data(), nullptr, &g, static_cast<int>(wkb[r].size())) ==
                    OGRERR_NONE &&
                g) {
                if (wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPolygon) g = OGR_G_ForceToMultiPolygon(g);
                OGR_F_SetGeometryDirectly(f.get(), g);
            }
        }
        const auto* first = row.empty() ? nullptr : std::get_if<std::string>(&row[0]);
        lyr.write(f.get(), "row " + std::to_string(r + 1) + (first ? " ('" + *first + "')" : std::string()));
    }
    w.commit();
}

}  // namespace pa::output
