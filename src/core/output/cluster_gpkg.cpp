// Writes clustering results as a GeoPackage through the one GDAL writer (core/gdal/vector_writer.hpp):
// `cluster_hulls` (MultiPolygon) and `cluster_members` (Point), both EPSG:4490 with x = longitude.
#include "core/output/cluster_gpkg.hpp"

#include <initializer_list>
#include <utility>
#include "core/common/error.hpp"
#include "core/gdal/vector_writer.hpp"

namespace pa::output {

using analysis::ClusterResult;

namespace {

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
    gdal::Writer w("GPKG", path);
    gdal::Layer hulls = w.create_layer("cluster_hulls", wkbMultiPolygon, "EPSG:4490");
    for (const auto& [name, type] :
         std::initializer_list<std::pair<const char*, OGRFieldType>>{{"cluster_id", OFTInteger},
                                                                     {"industry", OFTString},
                                                                     {"industries", OFTString},
                                                                     {"members", OFTInteger},
                                                                     {"invest_wan", OFTReal},
                                                                     {"output_wan", OFTReal},
                                                                     {"area_mu", OFTReal},
                                                                     {"zones", OFTString},
                                                                     {"hull_kind", OFTString}})
        hulls.add_field(name, type);
    gdal::Layer members = w.create_layer("cluster_members", wkbPoint, "EPSG:4490");
    for (const auto& [name, type] :
         std::initializer_list<std::pair<const char*, OGRFieldType>>{{"cluster_id", OFTInteger},
                                                                     {"kind", OFTString},
                                                                     {"item_id", OFTString},
                                                                     {"name", OFTString},
                                                                     {"industry", OFTString},
                                                                     {"invest_wan", OFTReal},
                                                                     {"core", OFTInteger},
                                                                     {"zones", OFTString}})
        members.add_field(name, type);
    w.begin();
    for (const auto& c : r.clusters) {
        gdal::FeaturePtr f = hulls.new_feature();
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
        hulls.write(f.get(), "the hull of cluster " + std::to_string(c.id));
    }
    for (const auto& c : r.clusters) {
        for (size_t i : c.members) {
            const auto& it = r.items[i];
            gdal::FeaturePtr f = members.new_feature();
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
            members.write(f.get(), "member " + it.id + " of cluster " + std::to_string(c.id));
        }
    }
    w.commit();
}

}  // namespace pa::output
