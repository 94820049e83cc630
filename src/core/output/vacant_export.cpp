#include "core/output/vacant_export.hpp"

#include "core/analysis/supply_output.hpp"
#include "core/common/error.hpp"
#include "core/geo/wkb.hpp"
#include "core/output/table_gpkg.hpp"
#include "core/report/table.hpp"

namespace pa::output {

void write_vacant_gpkg(const std::vector<Parcel>& parcels, const std::vector<VacantHit>& hits,
                       const std::string& path) {
    std::vector<std::string> wkb;
    for (const auto& h : hits)
        wkb.push_back(h.parcel_index < parcels.size() && !parcels[h.parcel_index].geom.empty()
                          ? geo::wkb_from_multipolygon(parcels[h.parcel_index].geom)
                          : std::string());
    write_table_gpkg(analysis::vacant_table(hits), "vacant", wkb, path);
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
