#include "core/output/vacant_export.hpp"

#include <variant>

#include "core/analysis/supply_output.hpp"
#include "core/common/error.hpp"
#include "core/gdal/vector_writer.hpp"
#include "core/geo/wkb.hpp"
#include "core/report/table.hpp"

namespace pa::output {

void write_vacant_gpkg(const std::vector<Parcel>& parcels, const std::vector<VacantHit>& hits,
                       const std::string& path) {
    gdal::Writer w("GPKG", path);
    gdal::Layer lyr = w.create_layer("vacant", wkbMultiPolygon, "EPSG:4490");
    const report::Table t = analysis::vacant_table(hits);
    for (size_t i = 0; i < t.headers.size(); ++i) {
        const bool real = t.headers[i] == "area_mu" || t.headers[i] == "lon" || t.headers[i] == "lat";
        lyr.add_field(t.headers[i], real ? OFTReal : OFTString);
    }
    w.begin();
    for (size_t h = 0; h < hits.size(); ++h) {
        gdal::FeaturePtr f = lyr.new_feature();
        const auto& row = t.rows[h];
        for (size_t i = 0; i < row.size(); ++i) {
            const auto& c = row[i];
            if (std::holds_alternative<std::string>(c))
                OGR_F_SetFieldString(f.get(), static_cast<int>(i), std::get<std::string>(c).c_str());
            else if (std::holds_alternative<double>(c))
                OGR_F_SetFieldDouble(f.get(), static_cast<int>(i), std::get<double>(c));
            else if (std::holds_alternative<int64_t>(c))
                OGR_F_SetFieldInteger64(f.get(), static_cast<int>(i), std::get<int64_t>(c));
        }
        const size_t pi = hits[h].parcel_index;
        if (pi < parcels.size() && !parcels[pi].geom.empty()) {
            const std::string wkb = geo::wkb_from_multipolygon(parcels[pi].geom);
            OGRGeometryH g = nullptr;
            if (OGR_G_CreateFromWkb(wkb.data(), nullptr, &g, static_cast<int>(wkb.size())) == OGRERR_NONE &&
                g)
                OGR_F_SetGeometryDirectly(f.get(), g);
        }
        lyr.write(f.get(), "the vacant parcel '" + hits[h].code + "'");
    }
    w.commit();
}

void export_vacant(const std::vector<Parcel>& parcels, const std::vector<VacantHit>& hits,
                   const std::string& path) {
    const std::string ext = report::extension_of(path);
    if (ext == "csv")
        report::write_file(path, report::to_csv(analysis::vacant_table(hits)), true);
    else if (ext == "xlsx")
        report::write_xlsx(analysis::vacant_table(hits), path);
    else if (ext == "gpkg")
        write_vacant_gpkg(parcels, hits, path);
    else
        throw InputError("The export file '" + path +
                         "' has an unknown extension; use .csv, .xlsx or .gpkg.");
}

}  // namespace pa::output
