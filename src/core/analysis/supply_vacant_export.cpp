#include "core/analysis/supply_vacant_export.hpp"

#include <filesystem>
#include <variant>

#include "core/analysis/supply_output.hpp"
#include "core/common/error.hpp"
#include "core/gdal/gdal_handles.hpp"
#include "core/geo/wkb.hpp"
#include "core/report/table.hpp"

namespace pa::analysis {

void write_vacant_gpkg(const std::vector<Parcel>& parcels, const std::vector<VacantHit>& hits, const std::string& path) {
    gdal::init();
    GDALDriverH drv = GDALGetDriverByName("GPKG");
    if (!drv) throw InternalError("GDAL has no GPKG driver in this installation.");
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        std::filesystem::remove(path, ec);
        if (ec) throw InputError("The output file '" + path + "' exists and cannot be replaced: " + ec.message() + ".");
    }
    gdal::DatasetPtr ds(GDALCreate(drv, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        throw InputError("Cannot create the GeoPackage '" + path + "' (" + gdal::last_error() +
                         "); check that its folder exists and is writable.");
    auto srs = gdal::make_srs("EPSG:4490");
    OGRLayerH lyr = GDALDatasetCreateLayer(ds.get(), "vacant", srs.get(), wkbMultiPolygon, nullptr);
    if (!lyr) throw InternalError("GDAL could not create the layer 'vacant' in '" + path + "': " + gdal::last_error());
    const report::Table t = vacant_table(hits);
    for (size_t i = 0; i < t.headers.size(); ++i) {
        const bool real = t.headers[i] == "area_mu" || t.headers[i] == "lon" || t.headers[i] == "lat";
        OGRFieldDefnH fd = OGR_Fld_Create(t.headers[i].c_str(), real ? OFTReal : OFTString);
        const OGRErr err = OGR_L_CreateField(lyr, fd, TRUE);
        OGR_Fld_Destroy(fd);
        if (err != OGRERR_NONE)
            throw InternalError("GDAL could not add the field '" + t.headers[i] + "' to '" + path + "'.");
    }
    if (OGR_L_StartTransaction(lyr) != OGRERR_NONE)
        throw InternalError("GDAL could not start a transaction on '" + path + "': " + gdal::last_error());
    for (size_t h = 0; h < hits.size(); ++h) {
        gdal::FeaturePtr f(OGR_F_Create(OGR_L_GetLayerDefn(lyr)));
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
            if (OGR_G_CreateFromWkb(wkb.data(), nullptr, &g, static_cast<int>(wkb.size())) == OGRERR_NONE && g)
                OGR_F_SetGeometryDirectly(f.get(), g);
        }
        if (OGR_L_CreateFeature(lyr, f.get()) != OGRERR_NONE)
            throw InternalError("GDAL could not write the vacant parcel '" + hits[h].code + "' to '" + path +
                                "': " + gdal::last_error());
    }
    if (OGR_L_CommitTransaction(lyr) != OGRERR_NONE)
        throw InternalError("GDAL could not commit the vacant parcels to '" + path + "': " + gdal::last_error());
    ds.reset();  // GDALClose flushes the file
}

void export_vacant(const std::vector<Parcel>& parcels, const std::vector<VacantHit>& hits, const std::string& path) {
    const std::string ext = report::extension_of(path);
    if (ext == "csv")
        report::write_file(path, report::to_csv(vacant_table(hits)), true);
    else if (ext == "xlsx")
        report::write_xlsx(vacant_table(hits), path);
    else if (ext == "gpkg")
        write_vacant_gpkg(parcels, hits, path);
    else
        throw InputError("The export file '" + path + "' has an unknown extension; use .csv, .xlsx or .gpkg.");
}

}  // namespace pa::analysis
