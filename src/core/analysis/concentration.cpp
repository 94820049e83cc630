// Location quotients, shares, Herfindahl indices and Clark–Evans nearest-neighbour indices
// (concentration.hpp).
#include "core/analysis/concentration.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/analysis/kdtree.hpp"
#include "core/common/error.hpp"
#include "core/store/workspace.hpp"

namespace pa::analysis {

const char* to_string(ConcentrationBy b) {
    switch (b) {
        case ConcentrationBy::Invest:
            return "invest";
        case ConcentrationBy::Output:
            return "output";
        case ConcentrationBy::Count:
            return "count";
        case ConcentrationBy::Jobs:
            return "jobs";
    }
    return "invest";
}
const char* to_string(StudyArea a) {
    return a == StudyArea::Hull ? "hull" : "zones";
}

namespace {

double cross(const XY& o, const XY& a, const XY& b) {
    return (a.x_m - o.x_m) * (b.y_m - o.y_m) - (a.y_m - o.y_m) * (b.x_m - o.x_m);
}

}  // namespace

double convex_hull_area_m2(std::span<const XY> in) {
    std::vector<XY> p(in.begin(), in.end());
    if (p.size() < 3) return 0.0;
    std::sort(p.begin(), p.end(),
              [](const XY& a, const XY& b) { return a.x_m != b.x_m ? a.x_m < b.x_m : a.y_m < b.y_m; });
    // Andrew's monotone chain.
    std::vector<XY> h(2 * p.size());
    size_t k = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
        h[k++] = p[i];
    }
    for (size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
        while (k >= t && cross(h[k - 2], h[k - 1], p[i - 1]) <= 0) --k;
        h[k++] = p[i - 1];
    }
    h.resize(k - 1);
    double a = 0.0;
    for (size_t i = 0; i < h.size(); ++i) {
        const XY& u = h[i];
        const XY& v = h[(i + 1) % h.size()];
        a += u.x_m * v.y_m - v.x_m * u.y_m;
    }
    return std::abs(a) / 2.0;
}

NearestNeighbourIndex nearest_neighbour_index(std::span<const XY> pts, double area_m2) {
    if (pts.size() < 2)
        throw InputError("The nearest-neighbour index needs at least 2 points (got " +
                         std::to_string(pts.size()) + ").");
    if (!(area_m2 > 0.0))
        throw InputError(
            "The nearest-neighbour index needs a study area above 0 m²; the points may be collinear — "
            "use the zones' area as the study area.");
    CloudAdaptor cloud{pts};
    KdTree tree(2, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(16));
    double sum = 0.0;
    for (size_t i = 0; i < pts.size(); ++i) {
        const double q[2] = {pts[i].x_m, pts[i].y_m};
        size_t idx[2];
        double d2[2];
        size_t found = tree.knnSearch(q, 2, idx, d2);
        // The query point itself is one of the two (distance 0); with duplicates either one is at distance 0.
        double best = 0.0;
        if (found == 2) best = idx[0] == i ? d2[1] : (idx[1] == i ? d2[0] : std::min(d2[0], d2[1]));
        sum += std::sqrt(best);
    }
    NearestNeighbourIndex r;
    const double n = double(pts.size());
    r.n = pts.size();
    r.area_m2 = area_m2;
    r.mean_nn_m = sum / n;
    r.expected_nn_m = 0.5 * std::sqrt(area_m2 / n);
    r.r = r.mean_nn_m / r.expected_nn_m;
    const double se = 0.26136 * std::sqrt(area_m2) / n;
    r.z = (r.mean_nn_m - r.expected_nn_m) / se;
    return r;
}

ConcentrationResult concentration(const std::vector<ConcentrationInput>& in, ConcentrationBy by,
                                  StudyArea study, double zones_area_m2) {
    ConcentrationResult res;
    res.by = by;
    res.study = study;
    std::map<std::pair<std::string, std::string>, std::pair<double, int>> v;  // (zone, industry)
    std::map<std::string, double> v_zone, v_ind;
    std::map<std::string, int> n_ind;
    for (const auto& x : in) {
        res.city_total += x.value;
        v_ind[x.industry] += x.value;
        n_ind[x.industry]++;
        if (x.zone.empty()) continue;
        auto& cell = v[{x.zone, x.industry}];
        cell.first += x.value;
        cell.second++;
        v_zone[x.zone] += x.value;
    }
    for (const auto& [key, val] : v) {
        ZoneIndustryCell c;
        c.zone = key.first;
        c.industry = key.second;
        c.value = val.first;
        c.projects = val.second;
        const double vz = v_zone[c.zone], vi = v_ind[c.industry];
        if (vi > 0.0) c.share_of_industry = c.value / vi;
        if (vz > 0.0) c.share_of_zone = c.value / vz;
        if (vz > 0.0 && vi > 0.0 && res.city_total > 0.0) c.lq = (c.value / vz) / (vi / res.city_total);
        res.cells.push_back(c);
    }
    // Study area for the nearest-neighbour index.
    std::vector<XY> all_xy;
    std::vector<LonLat> all_ll;
    for (const auto& x : in)
        if (x.pos) all_ll.push_back(*x.pos);
    auto [lon0, lat0] = LocalProjection::centre_of(all_ll);
    LocalProjection proj(lon0, lat0);
    for (const auto& p : all_ll) all_xy.push_back(proj.forward(p));
    res.study_area_m2 = study == StudyArea::Hull ? convex_hull_area_m2(all_xy) : zones_area_m2;

    for (const auto& [ind, total] : v_ind) {
        IndustryConcentration ic;
        ic.industry = ind;
        ic.total = total;
        ic.projects = n_ind[ind];
        for (const auto& c : res.cells) {
            if (c.industry != ind) continue;
            ic.hhi_zones += c.share_of_industry * c.share_of_industry;
            if (c.value > 0.0) ic.zones++;
        }
        std::vector<XY> pts;
        for (const auto& x : in)
            if (x.industry == ind && x.pos) pts.push_back(proj.forward(*x.pos));
        if (pts.size() >= 2 && res.study_area_m2 > 0.0)
            ic.nni = nearest_neighbour_index(pts, res.study_area_m2);
        res.industries.push_back(std::move(ic));
    }
    for (const auto& [zone, total] : v_zone) {
        ZoneConcentration zc;
        zc.zone = zone;
        zc.total = total;
        for (const auto& c : res.cells)
            if (c.zone == zone) zc.hhi_industries += c.share_of_zone * c.share_of_zone;
        res.zones.push_back(zc);
    }
    return res;
}

std::vector<ConcentrationInput> concentration_inputs(store::Workspace& ws, ConcentrationBy by,
                                                     double* zones_area_m2) {
    auto zones = ws.load_zones(false);
    auto parcels = ws.load_parcels(false);
    auto projects = ws.load_projects();
    auto links = ws.load_links();
    if (zones_area_m2) {
        *zones_area_m2 = 0.0;
        for (const auto& z : zones) *zones_area_m2 += z.area_m2;
    }
    ClusterParams all;  // every industry, projects
    size_t unlocated = 0;
    auto items = make_cluster_items(projects, links, parcels, zones, all, &unlocated);
    std::map<int64_t, const ClusterItem*> item_of;
    for (const auto& it : items) item_of[it.rowid] = &it;
    std::map<std::string, std::string> zone_code_by_name;
    for (const auto& z : zones) {
        zone_code_by_name[z.name_zh] = z.code;
        zone_code_by_name[z.code] = z.code;
    }
    std::vector<ConcentrationInput> out;
    for (const auto& pr : projects) {
        ConcentrationInput x;
        x.industry = pr.industry;
        std::optional<double> v = by == ConcentrationBy::Invest   ? std::optional<double>(pr.fixed_invest_wan)
                                  : by == ConcentrationBy::Output ? std::optional<double>(pr.output_wan)
                                  : by == ConcentrationBy::Jobs   ? std::optional<double>(pr.jobs)
                                                                  : std::optional<double>(1.0);
        if (!v) continue;
        x.value = *v;
        auto it = item_of.find(pr.id);
        if (it != item_of.end()) {
            x.pos = it->second->pos;
            for (const auto& z : it->second->zones)
                if (zone_code_by_name.count(z)) {
                    x.zone = zone_code_by_name[z];
                    break;
                }
        } else {
            auto z = zone_code_by_name.find(pr.zone_name);
            if (z != zone_code_by_name.end()) x.zone = z->second;
        }
        out.push_back(std::move(x));
    }
    return out;
}

nlohmann::json to_json(const ConcentrationResult& r) {
    using nlohmann::json;
    json cells = json::array(), inds = json::array(), zones = json::array();
    for (const auto& c : r.cells)
        cells.push_back({{"zone", c.zone},
                         {"industry", c.industry},
                         {"value", c.value},
                         {"projects", c.projects},
                         {"lq", c.lq ? json(*c.lq) : json(nullptr)},
                         {"share_of_industry", c.share_of_industry},
                         {"share_of_zone", c.share_of_zone}});
    for (const auto& i : r.industries) {
        json j = {{"industry", i.industry},
                  {"total", i.total},
                  {"projects", i.projects},
                  {"hhi_zones", i.hhi_zones},
                  {"zones", i.zones}};
        if (i.nni)
            j["nni"] = {{"n", i.nni->n},
                        {"mean_nn_m", i.nni->mean_nn_m},
                        {"expected_nn_m", i.nni->expected_nn_m},
                        {"r", i.nni->r},
                        {"z", i.nni->z}};
        else
            j["nni"] = nullptr;
        inds.push_back(j);
    }
    for (const auto& z : r.zones)
        zones.push_back({{"zone", z.zone}, {"total", z.total}, {"hhi_industries", z.hhi_industries}});
    return {{"by", to_string(r.by)},
            {"study_area", to_string(r.study)},
            {"study_area_m2", r.study_area_m2},
            {"city_total", r.city_total},
            {"cells", cells},
            {"industries", inds},
            {"zones", zones}};
}

}  // namespace pa::analysis
