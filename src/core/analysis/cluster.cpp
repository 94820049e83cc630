// Clustering of a workspace's projects or parcels: items, local projection, DBSCAN (centroid or edge metric),
// cluster summaries and hulls. See cluster.hpp and docs/clustering.md.
#include "core/analysis/cluster.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <proj.h>

#include "core/common/error.hpp"
#include "core/geos/geos_handles.hpp"
#include "core/store/workspace.hpp"

namespace pa::analysis {

const char* to_string(ClusterOf o) {
    return o == ClusterOf::Projects ? "projects" : "parcels";
}
const char* to_string(ClusterMetric m) {
    return m == ClusterMetric::Centroid ? "centroid" : "edge";
}
const char* to_string(HullKind h) {
    return h == HullKind::Concave ? "concave" : "convex";
}
const char* to_string(Weighting w) {
    return w == Weighting::None ? "none" : "invest";
}

// ---------------------------------------------------------------------------------------------------------------
// Local projection

LocalProjection::LocalProjection(double lon0_deg, double lat0_deg) : lon0_(lon0_deg), lat0_(lat0_deg) {
    auto* ctx = proj_context_create();
    if (!ctx) throw InternalError("PROJ: could not create a context for the local projection.");
    const std::string def = fmt::format(
        "+proj=tmerc +lat_0={:.9f} +lon_0={:.9f} +k=1 +x_0=0 +y_0=0 +ellps=GRS80", lat0_deg, lon0_deg);
    auto* pj = proj_create(ctx, def.c_str());
    if (!pj) {
        std::string msg = proj_errno_string(proj_context_errno(ctx));
        proj_context_destroy(ctx);
        throw InternalError("PROJ: could not create the local projection '" + def + "': " + msg + ".");
    }
    ctx_ = ctx;
    pj_ = pj;
}

LocalProjection::~LocalProjection() {
    if (pj_) proj_destroy(static_cast<PJ*>(pj_));
    if (ctx_) proj_context_destroy(static_cast<PJ_CONTEXT*>(ctx_));
}

std::pair<double, double> LocalProjection::centre_of(const std::vector<LonLat>& pts) {
    if (pts.empty()) return {106.6, 26.6};
    BBox b;
    for (const auto& p : pts) b.expand(p);
    return {(b.min_lon + b.max_lon) / 2.0, (b.min_lat + b.max_lat) / 2.0};
}

XY LocalProjection::forward(const LonLat& p) const {
    PJ_COORD c = proj_coord(proj_torad(p.lon), proj_torad(p.lat), 0, 0);
    PJ_COORD r = proj_trans(static_cast<PJ*>(pj_), PJ_FWD, c);
    return {r.xy.x, r.xy.y};
}

LonLat LocalProjection::inverse(const XY& p) const {
    PJ_COORD c = proj_coord(p.x_m, p.y_m, 0, 0);
    PJ_COORD r = proj_trans(static_cast<PJ*>(pj_), PJ_INV, c);
    return {proj_todeg(r.lp.lam), proj_todeg(r.lp.phi)};
}

// ---------------------------------------------------------------------------------------------------------------
// Items

namespace {

bool industry_selected(const std::string& industry, const std::vector<std::string>& wanted) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), industry) != wanted.end();
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

std::vector<ClusterItem> make_cluster_items(const std::vector<Project>& projects,
                                            const std::vector<Link>& links,
                                            const std::vector<Parcel>& parcels,
                                            const std::vector<Zone>& zones, const ClusterParams& params,
                                            size_t* unlocated) {
    std::unordered_map<int64_t, const Parcel*> parcel_by_id;
    for (const auto& p : parcels) parcel_by_id[p.id] = &p;
    std::unordered_map<int64_t, const Project*> project_by_row;
    for (const auto& p : projects) project_by_row[p.id] = &p;
    std::unordered_map<int64_t, std::vector<int64_t>> parcels_of_project, projects_of_parcel;
    for (const auto& l : links) {
        if (!parcel_by_id.count(l.parcel_id) || !project_by_row.count(l.project_rowid)) continue;
        parcels_of_project[l.project_rowid].push_back(l.parcel_id);
        projects_of_parcel[l.parcel_id].push_back(l.project_rowid);
    }
    std::map<std::string, std::string> zone_code_by_name;
    for (const auto& z : zones) {
        zone_code_by_name[z.name_zh] = z.code;
        zone_code_by_name[z.code] = z.code;
    }
    size_t missing = 0;
    std::vector<ClusterItem> items;
    if (params.of == ClusterOf::Projects) {
        for (const auto& pr : projects) {
            if (!industry_selected(pr.industry, params.industries)) continue;
            ClusterItem it;
            it.kind = "project";
            it.rowid = pr.id;
            it.id = pr.project_id;
            it.name = pr.name;
            it.industry = pr.industry;
            it.invest_wan = pr.fixed_invest_wan;
            it.output_wan = pr.output_wan;
            auto pit = parcels_of_project.find(pr.id);
            if (pit != parcels_of_project.end()) {
                std::sort(pit->second.begin(), pit->second.end());
                pit->second.erase(std::unique(pit->second.begin(), pit->second.end()), pit->second.end());
                it.parcel_ids = pit->second;
            }
            double slon = 0.0, slat = 0.0;
            for (int64_t pid : it.parcel_ids) {
                const Parcel& pa = *parcel_by_id[pid];
                slon += pa.centroid_lon;
                slat += pa.centroid_lat;
                add_unique(it.zones, pa.zone_code);
            }
            if (pr.lon && pr.lat) {
                it.pos = {*pr.lon, *pr.lat};
            } else if (!it.parcel_ids.empty()) {
                it.pos = {slon / double(it.parcel_ids.size()), slat / double(it.parcel_ids.size())};
            } else {
                ++missing;
                continue;
            }
            if (it.zones.empty() && !pr.zone_name.empty()) {
                auto z = zone_code_by_name.find(pr.zone_name);
                add_unique(it.zones, z != zone_code_by_name.end() ? z->second : pr.zone_name.str());
            }
            if (it.parcel_ids.empty()) it.own_area_mu = pr.land_area_mu;
            items.push_back(std::move(it));
        }
    } else {
        for (const auto& pa : parcels) {
            ClusterItem it;
            it.kind = "parcel";
            it.rowid = pa.id;
            it.id = pa.code;
            it.name = pa.location;
            it.industry = pa.stats.industry;
            auto lit = projects_of_parcel.find(pa.id);
            // Share of each linked project's figures that falls on this parcel: by area among the project's
            // parcels.
            std::optional<double> invest, output;
            double best_invest = -1.0;
            if (lit != projects_of_parcel.end()) {
                for (int64_t prow : lit->second) {
                    const Project& pr = *project_by_row[prow];
                    double total_mu = 0.0;
                    for (int64_t pid : parcels_of_project[prow]) total_mu += parcel_by_id[pid]->area_mu;
                    const double share = total_mu > 0.0 ? pa.area_mu / total_mu
                                                        : 1.0 / double(parcels_of_project[prow].size());
                    if (pr.fixed_invest_wan) invest = invest.value_or(0.0) + *pr.fixed_invest_wan * share;
                    if (pr.output_wan) output = output.value_or(0.0) + *pr.output_wan * share;
                    const double inv = pr.fixed_invest_wan.value_or(0.0);
                    if (pa.stats.industry.empty() &&
                        (inv > best_invest || (inv == best_invest && pr.industry < it.industry))) {
                        best_invest = inv;
                        it.industry = pr.industry;
                    }
                }
            }
            if (!industry_selected(it.industry, params.industries)) continue;
            if (params.industries.empty() && it.industry.empty() && lit == projects_of_parcel.end() &&
                pa.landuse != LandUse::Industrial && pa.landuse != LandUse::Storage) {
                continue;  // "all": parcels that carry a project, or industrial / storage land
            }
            it.invest_wan = pa.stats.invest_wan ? std::optional<double>(pa.stats.invest_wan) : invest;
            it.output_wan = pa.stats.output_wan ? std::optional<double>(pa.stats.output_wan) : output;
            it.pos = {pa.centroid_lon, pa.centroid_lat};
            it.parcel_ids = {pa.id};
            add_unique(it.zones, pa.zone_code);
            it.geom = pa.geom;
            items.push_back(std::move(it));
        }
    }
    // Member ids must name one item: a project id (or parcel code) that two rows share gets its workspace row
    // ("GY2022-0012#341"), so a member list never names two projects at once.
    std::map<std::string, int> seen;
    for (const auto& it : items) seen[it.id] += 1;
    for (auto& it : items)
        if (it.id.empty() || seen[it.id] > 1) it.id += "#" + std::to_string(it.rowid);
    if (unlocated) *unlocated = missing;
    return items;
}

// ---------------------------------------------------------------------------------------------------------------
// GEOS helpers in the local plane

namespace {

geos::GeomPtr make_ring_poly(const geos::Context& g, const Polygon& poly, const LocalProjection& proj) {
    auto ctx = g.get();
    auto ring = [&](const Ring& r) -> GEOSGeometry* {
        if (r.size() < 4) return nullptr;
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(r.size()), 2);
        for (size_t i = 0; i < r.size(); ++i) {
            XY p = proj.forward(r[i]);
            GEOSCoordSeq_setXY_r(ctx, seq, static_cast<unsigned>(i), p.x_m, p.y_m);
        }
        return GEOSGeom_createLinearRing_r(ctx, seq);  // takes the sequence
    };
    if (poly.empty()) return geos::own(g, nullptr);
    GEOSGeometry* shell = ring(poly[0]);
    if (!shell) return geos::own(g, nullptr);
    std::vector<GEOSGeometry*> holes;
    for (size_t i = 1; i < poly.size(); ++i)
        if (auto* h = ring(poly[i])) holes.push_back(h);
    return geos::own(g,
                     GEOSGeom_createPolygon_r(ctx, shell, holes.data(), static_cast<unsigned>(holes.size())));
}

geos::GeomPtr make_multipolygon(const geos::Context& g, const MultiPolygon& mp, const LocalProjection& proj) {
    std::vector<GEOSGeometry*> parts;
    for (const auto& poly : mp)
        if (auto p = make_ring_poly(g, poly, proj)) parts.push_back(p.release());
    if (parts.empty()) return geos::own(g, nullptr);
    return geos::own(g, GEOSGeom_createCollection_r(g.get(), GEOS_MULTIPOLYGON, parts.data(),
                                                    static_cast<unsigned>(parts.size())));
}

Ring ring_to_lonlat(const geos::Context& g, const GEOSGeometry* ring, const LocalProjection& proj) {
    Ring out;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(g.get(), ring);
    unsigned size = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(g.get(), seq, &size)) return out;
    for (unsigned i = 0; i < size; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(g.get(), seq, i, &x, &y);
        out.push_back(proj.inverse({x, y}));
    }
    return out;
}

void polygon_to_lonlat(const geos::Context& g, const GEOSGeometry* poly, const LocalProjection& proj,
                       MultiPolygon& out) {
    Polygon p;
    p.push_back(ring_to_lonlat(g, GEOSGetExteriorRing_r(g.get(), poly), proj));
    int nh = GEOSGetNumInteriorRings_r(g.get(), poly);
    for (int i = 0; i < nh; ++i)
        p.push_back(ring_to_lonlat(g, GEOSGetInteriorRingN_r(g.get(), poly, i), proj));
    if (p[0].size() >= 4) out.push_back(std::move(p));
}

/// Hull of a set of points in the local plane: concave (ratio) or convex; a buffer of eps/2 around the convex
/// hull when the points do not span an area (fewer than 3 distinct points, or collinear).
void hull_of(const geos::Context& g, const std::vector<XY>& pts, const ClusterParams& params,
             const LocalProjection& proj, Cluster& c) {
    auto ctx = g.get();
    std::vector<GEOSGeometry*> gp;
    gp.reserve(pts.size());
    for (const auto& p : pts) gp.push_back(GEOSGeom_createPointFromXY_r(ctx, p.x_m, p.y_m));
    auto mp = geos::own(
        g, GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOINT, gp.data(), static_cast<unsigned>(gp.size())));
    if (!mp)
        throw InternalError("GEOS: could not build the member points of cluster " + std::to_string(c.id) +
                            ": " + g.last_message());
    auto is_area = [&](const geos::GeomPtr& h) {
        if (!h) return false;
        int t = GEOSGeomTypeId_r(ctx, h.get());
        // Slivers from (nearly) collinear points do not count: isoperimetric ratio 4πA/P² below 0.01 (a
        // rectangle about 300 times longer than wide).
        double a = 0.0, len = 0.0;
        return (t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON) && GEOSArea_r(ctx, h.get(), &a) &&
               GEOSLength_r(ctx, h.get(), &len) && a > 0.0 && 4.0 * M_PI * a / (len * len) >= 0.01;
    };
    geos::GeomPtr hull = geos::own(g, nullptr);
    if (params.hull == HullKind::Concave) {
        hull = geos::own(g, GEOSConcaveHull_r(ctx, mp.get(), std::clamp(params.concave_ratio, 0.0, 1.0), 0));
        c.hull_kind = "concave";
    }
    if (!is_area(hull)) {
        hull = geos::own(g, GEOSConvexHull_r(ctx, mp.get()));
        c.hull_kind = "convex";
    }
    if (!is_area(hull)) {
        auto base = std::move(hull);
        if (!base) base = geos::own(g, GEOSConvexHull_r(ctx, mp.get()));
        hull = geos::own(g, base ? GEOSBuffer_r(ctx, base.get(), params.eps_m / 2.0, 8) : nullptr);
        c.hull_kind = "buffer";
    }
    if (!hull)
        throw InternalError("GEOS: could not compute the hull of cluster " + std::to_string(c.id) + ": " +
                            g.last_message());
    GEOSArea_r(ctx, hull.get(), &c.hull_area_m2);
    int t = GEOSGeomTypeId_r(ctx, hull.get());
    if (t == GEOS_POLYGON) {
        polygon_to_lonlat(g, hull.get(), proj, c.hull);
    } else {
        int n = GEOSGetNumGeometries_r(ctx, hull.get());
        for (int i = 0; i < n; ++i)
            polygon_to_lonlat(g, GEOSGetGeometryN_r(ctx, hull.get(), i), proj, c.hull);
    }
}

/// Neighbours by edge distance (<= eps) between parcel polygons in the local plane, STRtree prefilter.
std::vector<std::vector<Neighbour>> edge_neighbours(const geos::Context& g,
                                                    const std::vector<ClusterItem>& items,
                                                    const std::vector<size_t>& group, double eps_m,
                                                    const LocalProjection& proj) {
    auto ctx = g.get();
    std::vector<geos::GeomPtr> geoms;
    geoms.reserve(group.size());
    for (size_t k = 0; k < group.size(); ++k) {
        const auto& it = items[group[k]];
        auto gm = make_multipolygon(g, it.geom, proj);
        if (!gm) {  // no polygon: fall back to its centroid
            XY p = proj.forward(it.pos);
            gm = geos::own(g, GEOSGeom_createPointFromXY_r(ctx, p.x_m, p.y_m));
        }
        geoms.push_back(std::move(gm));
    }
    geos::STRtreePtr tree(GEOSSTRtree_create_r(ctx, 10), geos::STRtreeDeleter{ctx});
    if (!tree)
        throw InternalError("GEOS: could not create an STRtree for the edge metric: " + g.last_message());
    // The tree stores item pointers: indices + 1 cast to void* (never dereferenced).
    for (size_t k = 0; k < geoms.size(); ++k)
        GEOSSTRtree_insert_r(ctx, tree.get(), geoms[k].get(), reinterpret_cast<void*>(k + 1));
    std::vector<std::vector<Neighbour>> nb(group.size());
    std::vector<size_t> cand;
    auto collect = [](void* item, void* userdata) {
        static_cast<std::vector<size_t>*>(userdata)->push_back(reinterpret_cast<size_t>(item) - 1);
    };
    for (size_t k = 0; k < geoms.size(); ++k) {
        double minx = 0, miny = 0, maxx = 0, maxy = 0;
        GEOSGeom_getXMin_r(ctx, geoms[k].get(), &minx);
        GEOSGeom_getYMin_r(ctx, geoms[k].get(), &miny);
        GEOSGeom_getXMax_r(ctx, geoms[k].get(), &maxx);
        GEOSGeom_getYMax_r(ctx, geoms[k].get(), &maxy);
        auto env = geos::own(
            g, GEOSGeom_createRectangle_r(ctx, minx - eps_m, miny - eps_m, maxx + eps_m, maxy + eps_m));
        cand.clear();
        GEOSSTRtree_query_r(ctx, tree.get(), env.get(), collect, &cand);
        geos::PreparedPtr prep(GEOSPrepare_r(ctx, geoms[k].get()), geos::PreparedDeleter{ctx});
        for (size_t j : cand) {
            if (j <= k) continue;  // each pair once, then mirrored
            double d = 0.0;
            int ok = prep ? GEOSPreparedDistance_r(ctx, prep.get(), geoms[j].get(), &d)
                          : GEOSDistance_r(ctx, geoms[k].get(), geoms[j].get(), &d);
            if (!ok)
                throw InternalError("GEOS: distance between parcels " + items[group[k]].id + " and " +
                                    items[group[j]].id + " failed: " + g.last_message());
            if (d <= eps_m) {
                nb[k].push_back({static_cast<uint32_t>(j), d});
                nb[j].push_back({static_cast<uint32_t>(k), d});
            }
        }
    }
    for (auto& v : nb)
        std::sort(v.begin(), v.end(),
                  [](const Neighbour& a, const Neighbour& b) { return a.first < b.first; });
    return nb;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Clustering and summaries

ClusterResult cluster_items(std::vector<ClusterItem> items, const std::vector<Parcel>& parcels,
                            const ClusterParams& params) {
    if (params.metric == ClusterMetric::Edge && params.of != ClusterOf::Parcels)
        throw InputError(
            "The edge metric measures the distance between parcel edges: use it with --of parcels "
            "(or use --metric centroid for projects).");
    if (!(params.concave_ratio >= 0.0 && params.concave_ratio <= 1.0))
        throw InputError("The concave hull ratio must lie between 0 (tightest) and 1 (convex); got " +
                         std::to_string(params.concave_ratio) + ".");
    ClusterResult res;
    res.params = params;
    std::vector<LonLat> positions;
    for (const auto& it : items) positions.push_back(it.pos);
    auto [lon0, lat0] = LocalProjection::centre_of(positions);
    res.lon0 = lon0;
    res.lat0 = lat0;
    LocalProjection proj(lon0, lat0);

    // Weights: investment / unit (unit = mean investment of the items unless given); no figure -> weight 1.
    res.weight_unit_wan = params.weight_unit_wan;
    if (params.weight == Weighting::Invest) {
        if (res.weight_unit_wan <= 0.0) {
            double sum = 0.0;
            size_t n = 0;
            for (const auto& it : items)
                if (it.invest_wan && *it.invest_wan > 0.0) {
                    sum += *it.invest_wan;
                    ++n;
                }
            res.weight_unit_wan = n ? sum / double(n) : 1.0;
        }
        for (auto& it : items)
            it.weight = it.invest_wan ? std::max(0.0, *it.invest_wan) / res.weight_unit_wan : 1.0;
    }

    // Groups: one per industry, or all together.
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t i = 0; i < items.size(); ++i)
        groups[params.per_industry ? items[i].industry : std::string()].push_back(i);

    geos::Context g;
    int next_id = 0;
    for (const auto& [industry, group] : groups) {
        std::vector<double> w;
        for (size_t i : group) w.push_back(items[i].weight);
        DbscanResult db;
        if (params.metric == ClusterMetric::Edge) {
            db = dbscan_graph(edge_neighbours(g, items, group, params.eps_m, proj), w, params.min_points);
        } else {
            std::vector<XY> xy;
            for (size_t i : group) xy.push_back(proj.forward(items[i].pos));
            db = dbscan(xy, w, params.eps_m, params.min_points, params.threads);
        }
        for (size_t k = 0; k < group.size(); ++k) {
            items[group[k]].cluster = db.labels[k] < 0 ? -1 : next_id + db.labels[k];
            items[group[k]].core = db.core[k] != 0;
        }
        next_id += db.cluster_count;
    }

    std::unordered_map<int64_t, const Parcel*> parcel_by_id;
    for (const auto& p : parcels) parcel_by_id[p.id] = &p;
    res.clusters.resize(static_cast<size_t>(next_id));
    for (int c = 0; c < next_id; ++c) res.clusters[static_cast<size_t>(c)].id = c;
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].cluster < 0)
            ++res.noise;
        else
            res.clusters[static_cast<size_t>(items[i].cluster)].members.push_back(i);
    }
    for (auto& c : res.clusters) {
        std::map<std::string, int> per_industry;
        std::set<int64_t> seen_parcels;
        std::set<std::string> zones;
        double slon = 0.0, slat = 0.0;
        std::vector<XY> hull_pts;
        for (size_t i : c.members) {
            const auto& it = items[i];
            per_industry[it.industry]++;
            c.invest_wan += it.invest_wan.value_or(0.0);
            c.output_wan += it.output_wan.value_or(0.0);
            for (int64_t pid : it.parcel_ids) {
                auto p = parcel_by_id.find(pid);
                if (p != parcel_by_id.end() && seen_parcels.insert(pid).second)
                    c.area_mu += p->second->area_mu;
            }
            if (it.parcel_ids.empty() && it.own_area_mu) c.area_mu += *it.own_area_mu;
            for (const auto& z : it.zones) zones.insert(z);
            slon += it.pos.lon;
            slat += it.pos.lat;
            if (!it.geom.empty()) {
                for (const auto& poly : it.geom)
                    if (!poly.empty())
                        for (const auto& v : poly[0]) hull_pts.push_back(proj.forward(v));
            } else {
                hull_pts.push_back(proj.forward(it.pos));
            }
        }
        c.industries.assign(per_industry.begin(), per_industry.end());
        std::stable_sort(c.industries.begin(), c.industries.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        if (!c.industries.empty()) c.industry = c.industries.front().first;
        c.zones.assign(zones.begin(), zones.end());
        c.centre = {slon / double(c.members.size()), slat / double(c.members.size())};
        hull_of(g, hull_pts, params, proj, c);
    }
    res.items = std::move(items);
    return res;
}

ClusterResult cluster_workspace(store::Workspace& ws, const ClusterParams& params) {
    auto zones = ws.load_zones(false);
    auto parcels = ws.load_parcels(params.of == ClusterOf::Parcels);
    auto projects = ws.load_projects();
    auto links = ws.load_links();
    size_t unlocated = 0;
    auto items = make_cluster_items(projects, links, parcels, zones, params, &unlocated);
    auto res = cluster_items(std::move(items), parcels, params);
    res.unlocated = unlocated;
    return res;
}

nlohmann::json to_json(const ClusterResult& r) {
    using nlohmann::json;
    const auto& p = r.params;
    json params = {{"of", to_string(p.of)},
                   {"industries", p.industries},
                   {"per_industry", p.per_industry},
                   {"eps_m", p.eps_m},
                   {"min_points", p.min_points},
                   {"weight", to_string(p.weight)},
                   {"metric", to_string(p.metric)},
                   {"hull", to_string(p.hull)},
                   {"concave_ratio", p.concave_ratio},
                   {"projection", fmt::format("local transverse Mercator, GRS80, lon_0={:.6f} lat_0={:.6f}",
                                              r.lon0, r.lat0)}};
    if (p.weight == Weighting::Invest) params["weight_unit_wan"] = r.weight_unit_wan;
    json clusters = json::array();
    for (const auto& c : r.clusters) {
        json members = json::array();
        for (size_t i : c.members) members.push_back(r.items[i].id);
        json industries = json::object();
        for (const auto& [name, n] : c.industries) industries[name] = n;
        clusters.push_back({{"id", c.id},
                            {"industry", c.industry},
                            {"industries", industries},
                            {"members", c.members.size()},
                            {"member_ids", members},
                            {"invest_wan", c.invest_wan},
                            {"output_wan", c.output_wan},
                            {"area_mu", c.area_mu},
                            {"zones", c.zones},
                            {"centre", {c.centre.lon, c.centre.lat}},
                            {"hull", c.hull_kind},
                            {"hull_area_m2", c.hull_area_m2}});
    }
    return {{"params", params},
            {"items", r.items.size()},
            {"clusters", clusters},
            {"noise", r.noise},
            {"unlocated", r.unlocated}};
}

}  // namespace pa::analysis
