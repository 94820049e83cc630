// Writes clustering results as a GeoPackage through GDAL's C API (RAII handles from core/gdal/gdal_handles.hpp):
// `cluster_hulls` (MultiPolygon) and `cluster_members` (Point), both EPSG:4490 with x = longitude.
#include <filesystem>

#include "core/analysis/cluster.hpp"
#include "core/common/error.hpp"
#include "core/gdal/gdal_handles.hpp"

namespace pa::analysis {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    std::string msg = "Could not write the cluster GeoPackage " + path + ": " + what;
    std::string gdal_msg = gdal::last_error();
    if (!gdal_msg.empty()) msg += " (GDAL: " + gdal_msg + ")";
    throw InputError(msg + "; check that the folder exists and is writable.");
}

void add_field(OGRLayerH layer, const char* name, OGRFieldType type, const std::string& path) {
    OGRFieldDefnH fd = OGR_Fld_Create(name, type);
    OGRErr err = OGR_L_CreateField(layer, fd, TRUE);
    OGR_Fld_Destroy(fd);
    if (err != OGRERR_NONE) fail(path, std::string("cannot create the field ") + name);
}

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (const auto& x : v) {
        if (!s.empty()) s += sep;
        s += x;
    }
    return s;
}

}  // namespace

void write_clusters_gpkg(const ClusterResult& r, const std::string& path) {
    gdal::init();
    GDALDriverH drv = GDALGetDriverByName("GPKG");
    if (!drv) fail(path, "GDAL has no GPKG driver");
    std::error_code ec;
    std::filesystem::remove(path, ec);
    gdal::DatasetPtr ds(GDALCreate(drv, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) fail(path, "cannot create the file");
    auto srs = gdal::make_srs("EPSG:4490", "cluster output");

    OGRLayerH hulls = GDALDatasetCreateLayer(ds.get(), "cluster_hulls", srs.get(), wkbMultiPolygon, nullptr);
    if (!hulls) fail(path, "cannot create the layer cluster_hulls");
    add_field(hulls, "cluster_id", OFTInteger, path);
    add_field(hulls, "industry", OFTString, path);
    add_field(hulls, "industries", OFTString, path);
    add_field(hulls, "members", OFTInteger, path);
    add_field(hulls, "invest_wan", OFTReal, path);
    add_field(hulls, "output_wan", OFTReal, path);
    add_field(hulls, "area_mu", OFTReal, path);
    add_field(hulls, "zones", OFTString, path);
    add_field(hulls, "hull_kind", OFTString, path);

    OGRLayerH members = GDALDatasetCreateLayer(ds.get(), "cluster_members", srs.get(), wkbPoint, nullptr);
    if (!members) fail(path, "cannot create the layer cluster_members");
    add_field(members, "cluster_id", OFTInteger, path);
    add_field(members, "kind", OFTString, path);
    add_field(members, "item_id", OFTString, path);
    add_field(members, "name", OFTString, path);
    add_field(members, "industry", OFTString, path);
    add_field(members, "invest_wan", OFTReal, path);
    add_field(members, "core", OFTInteger, path);
    add_field(members, "zones", OFTString, path);

    if (GDALDatasetStartTransaction(ds.get(), FALSE) != OGRERR_NONE) fail(path, "cannot start a transaction");
    for (const auto& c : r.clusters) {
        gdal::FeaturePtr f(OGR_F_Create(OGR_L_GetLayerDefn(hulls)));
        OGR_F_SetFieldInteger(f.get(), 0, c.id);
        OGR_F_SetFieldString(f.get(), 1, c.industry.c_str());
        std::vector<std::string> inds;
        for (const auto& [name, n] : c.industries) inds.push_back(name + ":" + std::to_string(n));
        OGR_F_SetFieldString(f.get(), 2, join(inds, ";").c_str());
        OGR_F_SetFieldInteger(f.get(), 3, static_cast<int>(c.members.size()));
        OGR_F_SetFieldDouble(f.get(), 4, c.invest_wan);
        OGR_F_SetFieldDouble(f.get(), 5, c.output_wan);
        OGR_F_SetFieldDouble(f.get(), 6, c.area_mu);
        OGR_F_SetFieldString(f.get(), 7, join(c.zones, ";").c_str());
        OGR_F_SetFieldString(f.get(), 8, c.hull_kind.c_str());
        OGRGeometryH mp = OGR_G_CreateGeometry(wkbMultiPolygon);
        for (const auto& poly : c.hull) {
            OGRGeometryH pg = OGR_G_CreateGeometry(wkbPolygon);
            for (const auto& ring : poly) {
                OGRGeometryH lr = OGR_G_CreateGeometry(wkbLinearRing);
                for (const auto& v : ring) OGR_G_AddPoint_2D(lr, v.lon, v.lat);
                OGR_G_AddGeometryDirectly(pg, lr);
            }
            OGR_G_AddGeometryDirectly(mp, pg);
        }
        OGR_F_SetGeometryDirectly(f.get(), mp);
        if (OGR_L_CreateFeature(hulls, f.get()) != OGRERR_NONE)
            fail(path, "cannot write the hull of cluster " + std::to_string(c.id));
    }
    for (const auto& c : r.clusters) {
        for (size_t i : c.members) {
            const auto& it = r.items[i];
            gdal::FeaturePtr f(OGR_F_Create(OGR_L_GetLayerDefn(members)));
            OGR_F_SetFieldInteger(f.get(), 0, c.id);
            OGR_F_SetFieldString(f.get(), 1, it.kind.c_str());
            OGR_F_SetFieldString(f.get(), 2, it.id.c_str());
            OGR_F_SetFieldString(f.get(), 3, it.name.c_str());
            OGR_F_SetFieldString(f.get(), 4, it.industry.c_str());
            if (it.invest_wan) OGR_F_SetFieldDouble(f.get(), 5, *it.invest_wan);
            OGR_F_SetFieldInteger(f.get(), 6, it.core ? 1 : 0);
            OGR_F_SetFieldString(f.get(), 7, join(it.zones, ";").c_str());
            OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_SetPoint_2D(pt, 0, it.pos.lon, it.pos.lat);
            OGR_F_SetGeometryDirectly(f.get(), pt);
            if (OGR_L_CreateFeature(members, f.get()) != OGRERR_NONE)
                fail(path, "cannot write member " + it.id + " of cluster " + std::to_string(c.id));
        }
    }
    if (GDALDatasetCommitTransaction(ds.get()) != OGRERR_NONE) fail(path, "cannot commit the features");
    ds.reset();  // closes and flushes; errors show up in last_error
}

}  // namespace pa::analysis
