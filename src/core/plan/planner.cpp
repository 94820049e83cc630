#include "core/plan/planner.hpp"

#include <coin/Cbc_C_Interface.h>
#include <geos_c.h>

#include <unistd.h>
#include <algorithm>

#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/analysis/chains.hpp"
#include "core/analysis/kdtree.hpp"
#include "core/check/geos_model.hpp"
#include "core/common/error.hpp"
#include "core/common/json_file.hpp"
#include "core/common/parallel.hpp"
#include "core/geo/wkb.hpp"

namespace pa::plan {

namespace {

std::string fmt(double v, int digits = 1) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::vector<std::string> split_industries(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
    };
    for (size_t i = 0; i < s.size();) {
        if (s[i] == ';' || s[i] == ',' || s[i] == ' ') {
            flush();
            ++i;
        } else if (s.compare(i, 3, "、") == 0 || s.compare(i, 3, "；") == 0 || s.compare(i, 3, "，") == 0) {
            flush();
            i += 3;
        } else {
            cur += s[i++];
        }
    }
    flush();
    return out;
}

std::optional<double> opt_number(const nlohmann::json& j, const char* key, const std::string& path) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    if (!j[key].is_number() || !std::isfinite(j[key].get<double>()) || j[key].get<double>() < 0)
        throw InputError("The planning configuration '" + path + "': '" + key +
                         "' must be a number not below 0, or null for no limit.");
    return j[key].get<double>();
}

}  // namespace

PlanConfig PlanConfig::load(const std::string& path, const std::string& chains_path) {
    PlanConfig c;
    if (!path.empty()) {
        const nlohmann::json j = read_json_file(path, "planning configuration '" + path + "'",
                                                "see docs/planning.md for its keys.");
        if (!j.is_object())
            throw InputError("The planning configuration '" + path + "' is not a JSON object.");
        auto num = [&](const nlohmann::json& o, const char* key, double& out, double lo, double hi) {
            if (!o.contains(key)) return;
            if (!o[key].is_number() || !std::isfinite(o[key].get<double>()) || o[key].get<double>() < lo ||
                o[key].get<double>() > hi)
                throw InputError("The planning configuration '" + path + "': '" + key +
                                 "' must be a number from " + fmt(lo, 0) + " to " + fmt(hi, 0) + ".");
            out = o[key].get<double>();
        };
        num(j, "area_tolerance", c.area_tolerance, 0, 1);
        double maxp = c.max_plot_parcels;
        num(j, "max_plot_parcels", maxp, 1, 3);
        c.max_plot_parcels = static_cast<int>(maxp);
        if (j.contains("preferred_zone_is_hard") && j["preferred_zone_is_hard"].is_boolean())
            c.preferred_zone_is_hard = j["preferred_zone_is_hard"].get<bool>();
        num(j, "cluster_distance_cap_m", c.cluster_distance_cap_m, 1, 1e6);
        num(j, "chain_distance_m", c.chain_distance_m, 0, 1e6);
        num(j, "time_limit_s", c.time_limit_s, 1, 86400);
        num(j, "relative_gap", c.relative_gap, 0, 0.1);
        double keep = static_cast<double>(c.max_candidates_per_project);
        num(j, "max_candidates_per_project", keep, 0, 1e7);
        c.max_candidates_per_project = static_cast<size_t>(keep);
        if (j.contains("weights") && j["weights"].is_object()) {
            const auto& w = j["weights"];
            num(w, "base", c.weights.base, 0, 1e9);
            num(w, "industry_match", c.weights.industry_match, 0, 1e9);
            num(w, "chain_partner", c.weights.chain_partner, 0, 1e9);
            num(w, "cluster_distance", c.weights.cluster_distance, 0, 1e9);
            num(w, "tax_per_mu", c.weights.tax_per_mu, 0, 1e9);
            num(w, "waste", c.weights.waste, 0, 1e9);
        }
        if (j.contains("budgets") && j["budgets"].is_object())
            for (const auto& [zone, b] : j["budgets"].items()) {
                if (!b.is_object())
                    throw InputError("The planning configuration '" + path + "': budget of zone '" + zone +
                                     "' must be an object {\"land_mu\": …, \"energy_tce\": …}.");
                c.budgets[zone] =
                    ZoneBudget{opt_number(b, "land_mu", path), opt_number(b, "energy_tce", path)};
            }
    }
    if (!chains_path.empty())
        for (const auto& pair : analysis::load_chain_config(chains_path).pairs)
            c.chains.emplace_back(pair.upstream, pair.downstream);
    return c;
}

std::vector<size_t> planable_parcels(const std::vector<Parcel>& parcels, const std::vector<Link>& links) {
    std::unordered_set<int64_t> linked;
    for (const auto& l : links) linked.insert(l.parcel_id);
    std::unordered_map<std::string, int> code_count;
    for (const auto& p : parcels) ++code_count[p.code];
    std::vector<size_t> out;
    for (size_t i = 0; i < parcels.size(); ++i) {
        const Parcel& p = parcels[i];
        const bool vacant =
            p.supply_status == SupplyStatus::Reserved || p.supply_status == SupplyStatus::ApprovedNotSupplied;
        const bool use = p.landuse == LandUse::Industrial || p.landuse == LandUse::Storage;
        if (vacant && use && !p.zone_code.empty() && !linked.count(p.id) && code_count[p.code] == 1 &&
            p.area_mu > 0)
            out.push_back(i);
    }
    return out;
}

namespace {

// The hard rules; the sentences are built only when `explain` (candidate generation checks millions of pairs
// and needs the code alone).
RuleResult rules(const PipelineProject& p, const Plot& plot, const std::vector<Parcel>& parcels,
                 const Zone* zone, const PlanConfig& cfg, bool explain, bool use_and_zone_checked = false) {
    auto fail = [explain](const char* code, auto&& sentences) {
        if (!explain) return RuleResult{code, {}, {}};
        auto [en, zh] = sentences();
        return RuleResult{code, std::move(en), std::move(zh)};
    };
    for (size_t i : plot.parcels)
        if (!use_and_zone_checked && parcels[i].landuse != p.land_use)
            return fail("no_land_use", [&] {
                return std::pair{std::string("parcel ") + parcels[i].code + " is not " +
                                     (p.land_use == LandUse::Storage ? "storage" : "industrial") + " land",
                                 "宗地 " + parcels[i].code + " 不是" +
                                     (p.land_use == LandUse::Storage ? "仓储" : "工业") + "用地"};
            });
    if (!use_and_zone_checked && !p.preferred_zone.empty() && cfg.preferred_zone_is_hard && zone &&
        p.preferred_zone != zone->name_zh && p.preferred_zone != zone->code &&
        p.preferred_zone != zone->name_en)
        return fail("no_plot_in_zone", [&] {
            return std::pair{"the plot is not in the preferred zone " + p.preferred_zone,
                             "地块不在意向开发区" + p.preferred_zone + "内"};
        });
    const double lo = p.min_area_mu.value_or(0) * (1 - cfg.area_tolerance);
    const double hi = p.max_area_mu.value_or(1e18) * (1 + cfg.area_tolerance);
    if (plot.area_mu < lo || plot.area_mu > hi)
        return fail("no_plot_of_size", [&] {
            return std::pair{
                "the plot's " + fmt(plot.area_mu, 2) + " 亩 is outside " + fmt(lo, 2) + "–" + fmt(hi, 2) +
                    " 亩",
                "地块面积 " + fmt(plot.area_mu, 2) + " 亩不在 " + fmt(lo, 2) + "–" + fmt(hi, 2) + " 亩之间"};
        });
    const double invest_per_mu = p.fixed_invest_wan.value_or(0) / plot.area_mu;
    if (p.land_use == LandUse::Industrial && zone && zone->threshold_wan_per_mu > 0 &&
        invest_per_mu < zone->threshold_wan_per_mu)
        return fail("below_threshold", [&] {
            return std::pair{"investment " + fmt(invest_per_mu) + " 万元/亩 on this plot is below " +
                                 zone->code + "'s threshold " + fmt(zone->threshold_wan_per_mu, 0),
                             "该地块上的投资强度 " + fmt(invest_per_mu) + " 万元/亩低于" + zone->name_zh +
                                 "门槛 " + fmt(zone->threshold_wan_per_mu, 0)};
        });
    for (size_t i : plot.parcels) {
        const Parcel& q = parcels[i];
        if (!q.standard_land) continue;
        struct Need {
            OptDouble need;
            std::optional<double> have;
            const char *en, *zh;
        };
        const Need needs[] = {
            {q.committed_invest_wan_per_mu, invest_per_mu, "investment per 亩", "亩均投资"},
            {q.committed_output_wan_per_mu,
             p.output_wan ? std::optional<double>(*p.output_wan / plot.area_mu) : std::nullopt,
             "output per 亩", "亩均产出"},
            {q.committed_tax_wan_per_mu,
             p.tax_wan ? std::optional<double>(*p.tax_wan / plot.area_mu) : std::nullopt, "tax per 亩",
             "亩均税收"},
            {q.committed_plot_ratio, p.plot_ratio, "plot ratio", "容积率"}};
        for (const auto& n : needs)
            if (n.need && (!n.have || *n.have < *n.need))
                return fail("standard_land", [&] {
                    return std::pair{
                        std::string(n.en) + " " + (n.have ? fmt(*n.have, 2) : std::string("(none)")) +
                            " is below standard-land parcel " + q.code + "'s " + fmt(*n.need, 2),
                        std::string(n.zh) + " " + (n.have ? fmt(*n.have, 2) : std::string("（无）")) +
                            " 低于标准地 " + q.code + " 的控制指标 " + fmt(*n.need, 2)};
                });
    }
    if (!p.earliest_start.empty())
        for (size_t i : plot.parcels) {
            // vacant land's planned supply date (计划供地日期), else the date it was supplied
            const IsoDate& d = !parcels[i].planned_supply_date.empty() ? parcels[i].planned_supply_date
                                                                       : parcels[i].supply_date;
            if (!d.empty() && d.str().substr(0, 7) > p.earliest_start)
                return fail("not_available", [&] {
                    return std::pair{"parcel " + parcels[i].code + " comes to supply on " + d.str() +
                                         ", after the start " + p.earliest_start,
                                     "宗地 " + parcels[i].code + " 计划供地日期 " + d.str() +
                                         " 晚于最早开工 " + p.earliest_start};
                });
        }
    return {};
}

}  // namespace

RuleResult check_pair(const PipelineProject& p, const Plot& plot, const std::vector<Parcel>& parcels,
                      const Zone* zone, const PlanConfig& cfg) {
    return rules(p, plot, parcels, zone, cfg, true);
}

namespace {

// Whether two parcels share a stretch of boundary (about a metre or more), tolerating the sub-millimetre
// slivers and gaps of coordinates that were computed rather than copied.
bool shares_boundary(const geos::Context& c, const GEOSGeometry* a, const GEOSGeometry* b) {
    double d = 1.0;
    if (!GEOSDistance_r(c.get(), a, b, &d) || d > 1e-7) return false;
    geos::GeomPtr ba = geos::own(c, GEOSBoundary_r(c.get(), a));
    geos::GeomPtr bb = geos::own(c, GEOSBuffer_r(c.get(), b, 1e-7, 2));
    if (!ba || !bb) return false;
    geos::GeomPtr shared = geos::own(c, GEOSIntersection_r(c.get(), ba.get(), bb.get()));
    double len = 0.0;
    return shared && GEOSLength_r(c.get(), shared.get(), &len) && len > 1e-5;
}

// Plots: single planable parcels and connected sets of up to max_plot_parcels adjacent ones (same zone, same
// land use, boundaries sharing a line).
std::vector<Plot> make_plots(const std::vector<Parcel>& parcels, const std::vector<size_t>& planable,
                             const PlanConfig& cfg) {
    std::vector<Plot> plots;
    auto add = [&](std::vector<size_t> ids) {
        std::sort(ids.begin(), ids.end());
        Plot p;
        p.zone = parcels[ids[0]].zone_code;
        double w = 0;
        for (size_t i : ids) {
            p.area_mu += parcels[i].area_mu;
            p.center.lon += parcels[i].centroid_lon * parcels[i].area_mu;
            p.center.lat += parcels[i].centroid_lat * parcels[i].area_mu;
            w += parcels[i].area_mu;
        }
        p.center.lon /= w;
        p.center.lat /= w;
        p.parcels = std::move(ids);
        plots.push_back(std::move(p));
    };
    for (size_t i : planable) add({i});
    if (cfg.max_plot_parcels < 2 || planable.size() < 2) return plots;
    // adjacency: boxes that touch, then GEOS: interiors disjoint, boundaries share a line (DE-9IM F***1****)
    std::vector<BBox> box(planable.size());
    for (size_t k = 0; k < planable.size(); ++k) box[k] = geo::bbox_of(parcels[planable[k]].geom);
    std::vector<size_t> order(planable.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return box[a].min_lon < box[b].min_lon; });
    geos::Context c;
    std::vector<geos::GeomPtr> g(planable.size());
    auto geom = [&](size_t k) -> const GEOSGeometry* {
        if (!g[k]) g[k] = check::to_geos(c, parcels[planable[k]].geom);
        return g[k].get();
    };
    std::vector<std::vector<size_t>> adj(planable.size());
    const double eps = 1e-7;
    for (size_t ai = 0; ai < order.size(); ++ai) {
        const size_t a = order[ai];
        for (size_t bi = ai + 1; bi < order.size() && box[order[bi]].min_lon <= box[a].max_lon + eps; ++bi) {
            const size_t b = order[bi];
            const Parcel &pa = parcels[planable[a]], &pb = parcels[planable[b]];
            if (pa.zone_code != pb.zone_code || pa.landuse != pb.landuse) continue;
            if (box[b].min_lat > box[a].max_lat + eps || box[b].max_lat < box[a].min_lat - eps) continue;
            const GEOSGeometry *ga = geom(a), *gb = geom(b);
            if (!ga || !gb) continue;
            if (shares_boundary(c, ga, gb)) {
                adj[a].push_back(b);
                adj[b].push_back(a);
            }
        }
    }
    std::set<std::vector<size_t>> seen;
    for (size_t a = 0; a < planable.size(); ++a)
        for (size_t b : adj[a]) {
            if (b < a) continue;
            add({planable[a], planable[b]});
            if (cfg.max_plot_parcels < 3) continue;
            // a third parcel adjacent to either
            for (size_t x : {a, b})
                for (size_t t : adj[x]) {
                    if (t == a || t == b) continue;
                    std::vector<size_t> key = {a, b, t};
                    std::sort(key.begin(), key.end());
                    if (seen.insert(key).second) add({planable[key[0]], planable[key[1]], planable[key[2]]});
                }
        }
    return plots;
}

}  // namespace

std::string plot_wkb(const Plot& plot, const std::vector<Parcel>& parcels) {
    geos::Context c;
    MultiPolygon all;
    for (size_t i : plot.parcels) all.insert(all.end(), parcels[i].geom.begin(), parcels[i].geom.end());
    if (all.empty()) return {};
    geos::GeomPtr g = check::to_geos(c, all);
    geos::GeomPtr u = geos::own(c, GEOSUnaryUnion_r(c.get(), g.get()));
    return geos::to_wkb(c, u ? u.get() : g.get());
}

namespace {

using PlotGroups = std::map<std::pair<LandUse, const Zone*>, std::vector<size_t>>;

/// The reason of a project no plot passed: the rule that stopped the plot it got furthest with (its sentence
/// built now), or, when nothing of its size was there, whether its land use or zone has plots at all.
Unplaced why_no_plot(const PipelineProject& p, size_t pi, int furthest, size_t furthest_plot, bool zone_rule,
                     const Zone* wanted, double lo, double hi, const std::vector<Plot>& plots,
                     const PlotGroups& groups, const std::unordered_map<std::string, const Zone*>& zone_of,
                     const std::vector<Parcel>& parcels, const PlanConfig& cfg) {
    RuleResult furthest_reason;
    if (furthest >= 0) {
        const Plot& plot = plots[furthest_plot];
        auto zit = zone_of.find(plot.zone);
        furthest_reason = rules(p, plot, parcels, zit == zone_of.end() ? nullptr : zit->second, cfg, true);
    }
    if (furthest < 2) {
        // nothing in its size range passed: land use and zone decide only when no plot of any size has
        // them
        bool use_ok = false, zone_ok = false;
        for (const auto& [key, ks] : groups) {
            if (key.first != p.land_use) continue;
            use_ok = true;
            if (!zone_rule || !key.second || key.second == wanted) zone_ok = true;
        }
        if (use_ok && zone_ok) {
            furthest = 2;
            furthest_reason = {"no_plot_of_size",
                               "no vacant plot between " + fmt(lo, 2) + " and " + fmt(hi, 2) + " 亩",
                               "没有面积在 " + fmt(lo, 2) + "–" + fmt(hi, 2) + " 亩之间的空闲地块"};
        } else if (furthest < 0) {
            furthest = use_ok ? 1 : 0;
            furthest_reason =
                use_ok
                    ? RuleResult{"no_plot_in_zone", "no plot of its land use in " + p.preferred_zone,
                                 p.preferred_zone + "内没有该用地类型的地块"}
                    : RuleResult{"no_land_use", "no vacant plot of its land use", "没有该用地类型的空闲地块"};
        }
    }
    {
        Unplaced u;
        u.project = pi;
        if (plots.empty()) {
            u.reason_code = "no_plot_of_size";
            u.reason_en = "the workspace has no vacant industrial or storage land to plan";
            u.reason_zh = "工作空间中没有可规划的空闲工业或仓储用地";
        } else {
            u.reason_code = furthest_reason.code;
            static const std::map<std::string, std::pair<const char*, const char*>> lead_in = {
                {"no_land_use", {"no vacant plot of its land use", "没有该用地类型的空闲地块"}},
                {"no_plot_in_zone",
                 {"no vacant plot of its land use in its preferred zone",
                  "意向开发区内没有该用地类型的空闲地块"}},
                {"no_plot_of_size", {"no plot of its size", "没有面积合适的地块"}},
                {"below_threshold",
                 {"its investment intensity is below the threshold on every plot of its size",
                  "在所有面积合适的地块上投资强度均低于门槛"}},
                {"standard_land",
                 {"it misses the standard-land indicators of every plot that fits",
                  "不满足所有合适地块的标准地控制指标"}},
                {"not_available",
                 {"no plot that fits comes to supply by its start", "合适地块均不能在开工前供地"}}};
            const auto& li = lead_in.at(u.reason_code);
            u.reason_en = std::string(li.first) + " (closest: " + furthest_reason.en + ")";
            u.reason_zh = std::string(li.second) + "（最接近的：" + furthest_reason.zh + "）";
        }
        return u;
    }
}

}  // namespace

CandidateSet build_candidates(const std::vector<PipelineProject>& projects, const std::vector<Zone>& zones,
                              const std::vector<Parcel>& parcels, const std::vector<Link>& links,
                              const PlanConfig& cfg) {
    CandidateSet out;
    out.plots = make_plots(parcels, planable_parcels(parcels, links), cfg);
    std::unordered_map<std::string, const Zone*> zone_of;
    for (const auto& z : zones) zone_of[z.code] = &z;
    // parcels carrying each industry, in metres on a local transverse Mercator, with a k-d tree each (for the
    // cluster distance and the chain partners)
    std::vector<LonLat> centres;
    for (const auto& p : parcels) centres.push_back({p.centroid_lon, p.centroid_lat});
    const auto [lon0, lat0] = analysis::LocalProjection::centre_of(centres);
    const analysis::LocalProjection proj(lon0, lat0);
    struct IndustryPoints {
        std::vector<analysis::XY> pts;
        analysis::CloudAdaptor cloud;  // the tree keeps a reference to it: it lives here, in a map node
        std::unique_ptr<analysis::KdTree> tree;
        std::vector<double>
            to_plot_m;  // per plot, for the industries a project needs (filled before the pass)
    };
    std::unordered_map<std::string, IndustryPoints> by_industry;
    for (const auto& p : parcels)
        if (!p.stats.industry.empty())
            by_industry[p.stats.industry].pts.push_back(proj.forward({p.centroid_lon, p.centroid_lat}));
    for (auto& [name, ip] : by_industry) {
        ip.cloud = analysis::CloudAdaptor{ip.pts};
        ip.tree =
            std::make_unique<analysis::KdTree>(2, ip.cloud, nanoflann::KDTreeSingleIndexAdaptorParams(16));
        ip.tree->buildIndex();
    }
    std::vector<analysis::XY> plot_xy;
    for (const auto& plot : out.plots) plot_xy.push_back(proj.forward(plot.center));
    auto nearest = [&](const std::string& industry, size_t plot) {
        auto it = by_industry.find(industry);
        if (it == by_industry.end()) return 1e18;
        if (plot < it->second.to_plot_m.size()) return it->second.to_plot_m[plot];  // filled below
        size_t idx = 0;
        double d2 = 0.0;
        const double q[2] = {plot_xy[plot].x_m, plot_xy[plot].y_m};
        it->second.tree->knnSearch(q, 1, &idx, &d2);
        return std::sqrt(d2);
    };
    const ScoreWeights& w = cfg.weights;
    // the plots by land use and zone, each group by area: a project is checked against the plots of its land
    // use, its preferred zone (when it names one) and its size range only
    PlotGroups groups;
    for (size_t k = 0; k < out.plots.size(); ++k) {
        auto zit = zone_of.find(out.plots[k].zone);
        groups[{parcels[out.plots[k].parcels[0]].landuse, zit == zone_of.end() ? nullptr : zit->second}]
            .push_back(k);
    }
    for (auto& [key, ks] : groups)
        std::sort(ks.begin(), ks.end(),
                  [&](size_t a, size_t b) { return out.plots[a].area_mu < out.plots[b].area_mu; });
    // the first rule that stops each plot, per project, decides its reason when no plot passes
    const char* stages[] = {"no_land_use",     "no_plot_in_zone", "no_plot_of_size",
                            "below_threshold", "standard_land",   "not_available"};
    // one project: its feasible pairs (best kept) or the reason it has none
    auto one_project = [&](size_t pi, std::vector<Candidate>& cands, std::vector<Unplaced>& unplaced) {
        const PipelineProject& p = projects[pi];
        const Zone* wanted = nullptr;  // the preferred zone, when the rule applies and names a zone we have
        const bool zone_rule = !p.preferred_zone.empty() && cfg.preferred_zone_is_hard;
        if (zone_rule)
            for (const auto& z : zones)
                if (p.preferred_zone == z.name_zh || p.preferred_zone == z.code ||
                    p.preferred_zone == z.name_en)
                    wanted = &z;
        int furthest = -1;
        size_t furthest_plot = 0;
        bool any = false;
        const double lo = p.min_area_mu.value_or(0) * (1 - cfg.area_tolerance);
        const double hi = p.max_area_mu.value_or(1e18) * (1 + cfg.area_tolerance);
        const size_t first_candidate = 0;
        for (const auto& [key, ks] : groups) {
            if (key.first != p.land_use || (zone_rule && key.second && key.second != wanted)) continue;
            auto first = std::lower_bound(ks.begin(), ks.end(), lo,
                                          [&](size_t k, double v) { return out.plots[k].area_mu < v; });
            auto last = std::upper_bound(first, ks.end(), hi,
                                         [&](double v, size_t k) { return v < out.plots[k].area_mu; });
            for (auto kit = first; kit != last; ++kit) {
                const size_t k = *kit;
                const Plot& plot = out.plots[k];
                const Zone* zone = key.second;
                const RuleResult r = rules(p, plot, parcels, zone, cfg, false, true);
                if (!r.ok()) {
                    const int stage =
                        static_cast<int>(std::find(std::begin(stages), std::end(stages), r.code) - stages);
                    if (stage > furthest) {
                        furthest = stage;
                        furthest_plot = k;
                    }
                    continue;
                }
                any = true;
                Candidate c;
                c.project = pi;
                c.plot = k;
                c.area_mu = plot.area_mu;
                c.energy_tce = p.energy_tce.value_or(0.0);
                bool lead = false;
                if (zone)
                    for (const auto& ind : split_industries(zone->industries))
                        lead = lead || ind == p.industry;
                bool partner = false;
                for (const auto& [up, down] : cfg.chains) {
                    const std::string* other = up == p.industry ? &down : down == p.industry ? &up : nullptr;
                    if (other && nearest(*other, k) <= cfg.chain_distance_m) partner = true;
                }
                const double d = std::min(nearest(p.industry, k), cfg.cluster_distance_cap_m);
                const double above = std::max(0.0, plot.area_mu - p.max_area_mu.value_or(plot.area_mu));
                c.parts = {w.base,
                           lead ? w.industry_match : 0.0,
                           partner ? w.chain_partner : 0.0,
                           -w.cluster_distance * d / cfg.cluster_distance_cap_m,
                           w.tax_per_mu * p.tax_wan.value_or(0.0) / plot.area_mu,
                           -w.waste * above / plot.area_mu};
                for (double part : c.parts) c.score += part;
                cands.push_back(c);
            }
        }
        // keep the project's best plots (by score, then plot), in plot order
        const size_t keep = cfg.max_candidates_per_project;
        if (keep > 0 && cands.size() - first_candidate > keep) {
            auto b = cands.begin() + static_cast<std::ptrdiff_t>(first_candidate);
            std::nth_element(b, b + static_cast<std::ptrdiff_t>(keep), cands.end(),
                             [](const Candidate& x, const Candidate& y) {
                                 return x.score != y.score ? x.score > y.score : x.plot < y.plot;
                             });
            cands.resize(first_candidate + keep);
        }
        std::sort(cands.begin() + static_cast<std::ptrdiff_t>(first_candidate), cands.end(),
                  [](const Candidate& x, const Candidate& y) { return x.plot < y.plot; });
        cands.shrink_to_fit();  // the feasible pairs were many more than those kept: give the room back
        if (!any)
            unplaced.push_back(why_no_plot(p, pi, furthest, furthest_plot, zone_rule, wanted, lo, hi,
                                           out.plots, groups, zone_of, parcels, cfg));
    };
    // the distances to the nearest parcel of every industry a project or its chain partners need, filled
    // before the projects run in parallel (the lookup is then read-only)
    std::set<std::string> needed;
    for (const auto& p : projects) {
        needed.insert(p.industry);
        for (const auto& [up, down] : cfg.chains) {
            if (up == p.industry) needed.insert(down);
            if (down == p.industry) needed.insert(up);
        }
    }
    for (const auto& name : needed) {
        auto it = by_industry.find(name);
        if (it == by_industry.end()) continue;
        auto& ip = it->second;
        ip.to_plot_m.assign(out.plots.size(), -1.0);
        parallel_for(out.plots.size(), 4096, [&](size_t b, size_t e, unsigned) {
            for (size_t k = b; k < e; ++k) {
                size_t idx = 0;
                double d2 = 0.0;
                const double q[2] = {plot_xy[k].x_m, plot_xy[k].y_m};
                ip.tree->knnSearch(q, 1, &idx, &d2);
                ip.to_plot_m[k] = std::sqrt(d2);
            }
        });
    }
    std::vector<std::vector<Candidate>> per_project(projects.size());
    std::vector<std::vector<Unplaced>> unplaced_of(projects.size());
    parallel_for(projects.size(), 4, [&](size_t b, size_t e, unsigned) {
        for (size_t pi = b; pi < e; ++pi) one_project(pi, per_project[pi], unplaced_of[pi]);
    });
    size_t total = 0;
    for (const auto& v : per_project) total += v.size();
    out.candidates.reserve(total);
    for (size_t pi = 0; pi < projects.size(); ++pi) {
        out.candidates.insert(out.candidates.end(), per_project[pi].begin(), per_project[pi].end());
        std::vector<Candidate>().swap(per_project[pi]);
        for (auto& u : unplaced_of[pi]) out.no_candidate.push_back(std::move(u));
    }
    return out;
}

namespace {

struct ModelDeleter {
    void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};

/// Parts of CBC/CLP print with plain printf whatever the log level ("118 slacks added" on large models):
/// while it solves, standard output (where `plan --format json` writes) goes to standard error.
class StdoutToStderr {
  public:
    StdoutToStderr() {
        std::fflush(stdout);
        saved_ = ::dup(STDOUT_FILENO);
        if (saved_ >= 0) ::dup2(STDERR_FILENO, STDOUT_FILENO);
    }
    ~StdoutToStderr() {
        std::fflush(stdout);
        if (saved_ >= 0) {
            ::dup2(saved_, STDOUT_FILENO);
            ::close(saved_);
        }
    }
    StdoutToStderr(const StdoutToStderr&) = delete;
    StdoutToStderr& operator=(const StdoutToStderr&) = delete;

  private:
    int saved_ = -1;
};

}  // namespace

Solution solve(const CandidateSet& set, const std::vector<PipelineProject>& projects, const PlanConfig& cfg,
               const std::vector<size_t>& forced) {
    const auto t0 = std::chrono::steady_clock::now();
    Solution sol;
    const auto& C = set.candidates;
    std::vector<char> is_forced(C.size(), 0);
    for (size_t f : forced) is_forced.at(f) = 1;
    // rows: the budgets, then one per project and one per parcel that some candidate uses (each at most once)
    std::vector<double> row_ub;
    struct BudgetRow {
        std::string zone;
        bool land;
        int row;
        double limit;
    };
    std::vector<BudgetRow> budget_rows;
    for (const auto& [zone, b] : cfg.budgets) {
        if (b.land_mu) {
            budget_rows.push_back({zone, true, static_cast<int>(row_ub.size()), *b.land_mu});
            row_ub.push_back(*b.land_mu);
        }
        if (b.energy_tce) {
            budget_rows.push_back({zone, false, static_cast<int>(row_ub.size()), *b.energy_tce});
            row_ub.push_back(*b.energy_tce);
        }
    }
    std::unordered_map<size_t, int> project_row, parcel_row;
    auto row_of = [&](std::unordered_map<size_t, int>& m, size_t key) {
        auto [it, fresh] = m.try_emplace(key, static_cast<int>(row_ub.size()));
        if (fresh) row_ub.push_back(1.0);
        return it->second;
    };
    // the matrix by column (CSC), as CBC takes it
    std::vector<int> start{0}, index;
    std::vector<double> value, col_lb(C.size(), 0.0), col_ub(C.size(), 1.0), obj(C.size(), 0.0);
    for (size_t j = 0; j < C.size(); ++j) {
        index.push_back(row_of(project_row, C[j].project));
        value.push_back(1.0);
        for (size_t q : set.plots[C[j].plot].parcels) {
            index.push_back(row_of(parcel_row, q));
            value.push_back(1.0);
        }
        for (const auto& b : budget_rows)
            if (b.zone == set.plots[C[j].plot].zone) {
                index.push_back(b.row);
                value.push_back(b.land ? C[j].area_mu : C[j].energy_tce);
            }
        start.push_back(static_cast<int>(index.size()));
        obj[j] = C[j].score;
        if (is_forced[j]) col_lb[j] = 1.0;
    }
    std::vector<char> chosen(C.size(), 0);
    if (!C.empty()) {
        std::vector<double> row_lb(row_ub.size(), -DBL_MAX);
        std::unique_ptr<Cbc_Model, ModelDeleter> m(Cbc_newModel());
        Cbc_loadProblem(m.get(), static_cast<int>(C.size()), static_cast<int>(row_ub.size()), start.data(),
                        index.data(), value.data(), col_lb.data(), col_ub.data(), obj.data(), row_lb.data(),
                        row_ub.data());
        Cbc_setObjSense(m.get(), -1.0);  // maximise
        for (size_t j = 0; j < C.size(); ++j) Cbc_setInteger(m.get(), static_cast<int>(j));
        Cbc_setLogLevel(m.get(), 0);
        // CBC's own messages and the LP solver's ("slacks added", …): standard output is the user's
        Cbc_setParameter(m.get(), "log", "0");
        Cbc_setParameter(m.get(), "slog", "0");
        Cbc_setMaximumSeconds(m.get(), cfg.time_limit_s);
        Cbc_setAllowableGap(m.get(), 0.0);
        Cbc_setAllowableFractionGap(m.get(), cfg.relative_gap);
        // CBC's integer preprocessing takes most of the time on these models (40 s of 43 s at 2,000 projects
        // x 20,000 parcels) and the rows it would tighten are already set-packing rows: off.
        Cbc_setParameter(m.get(), "preprocess", "off");
        {
            const StdoutToStderr quiet;
            Cbc_solve(m.get());
        }
        if (Cbc_isProvenInfeasible(m.get()))
            throw InputError(
                "The locked assignments cannot all hold: they share a parcel, or exceed a zone's land "
                "or energy budget; remove a --lock (or raise the budget in the configuration).");
        sol.optimal = Cbc_isProvenOptimal(m.get()) != 0;
        sol.bound = Cbc_getBestPossibleObjValue(m.get());
        sol.status = sol.optimal                          ? "optimal"
                     : Cbc_isSecondsLimitReached(m.get()) ? "time limit"
                                                          : "not solved";
        if (Cbc_numberSavedSolutions(m.get()) > 0 || sol.optimal) {
            const double* x = Cbc_getColSolution(m.get());
            for (size_t j = 0; j < C.size(); ++j)
                if (x[j] > 0.5) chosen[j] = 1;
        }
    } else {
        sol.optimal = true;
        sol.status = "optimal";
    }
    std::vector<char> placed(projects.size(), 0);
    for (size_t j = 0; j < C.size(); ++j)
        if (chosen[j]) {
            sol.chosen.push_back(j);
            sol.objective += C[j].score;
            placed[C[j].project] = 1;
            auto& u = sol.budget_use[set.plots[C[j].plot].zone];
            u.land_mu += C[j].area_mu;
            u.energy_tce += C[j].energy_tce;
        }
    for (const auto& b : budget_rows) {
        auto& u = sol.budget_use[b.zone];
        const double used = b.land ? u.land_mu : u.energy_tce;
        // binding: no unchosen candidate of the zone whose project is unplaced fits in what is left
        bool blocks = false;
        for (size_t j = 0; j < C.size() && !blocks; ++j)
            if (!chosen[j] && !placed[C[j].project] && set.plots[C[j].plot].zone == b.zone &&
                used + (b.land ? C[j].area_mu : C[j].energy_tce) > b.limit + 1e-9)
                blocks = true;
        (b.land ? u.land_binds : u.energy_binds) = blocks;
    }
    // reasons for every project left out
    std::vector<char> has_candidate(projects.size(), 0);
    for (const auto& c : C) has_candidate[c.project] = 1;
    for (const auto& u : set.no_candidate) sol.unplaced.push_back(u);
    std::vector<char> in_bound_zone(projects.size(), 0);  // some plot it fits is in a zone whose budget binds
    for (const auto& c : C) {
        const auto it = sol.budget_use.find(set.plots[c.plot].zone);
        if (it != sol.budget_use.end() && (it->second.land_binds || it->second.energy_binds))
            in_bound_zone[c.project] = 1;
    }
    for (size_t pi = 0; pi < projects.size(); ++pi) {
        if (placed[pi] || !has_candidate[pi]) continue;
        Unplaced u;
        u.project = pi;
        const bool budget = in_bound_zone[pi] != 0;
        if (budget) {
            u.reason_code = "budget";
            u.reason_en = "it fits plots only in zones whose land or energy budget the optimum has used up";
            u.reason_zh = "其合适地块所在开发区的供地或能耗指标已用尽";
        } else {
            u.reason_code = "not_chosen";
            u.reason_en = "every plot it fits went to projects with a higher total score";
            u.reason_zh = "其合适地块均分配给了总得分更高的项目";
        }
        sol.unplaced.push_back(std::move(u));
    }
    std::sort(sol.unplaced.begin(), sol.unplaced.end(),
              [](const Unplaced& a, const Unplaced& b) { return a.project < b.project; });
    // How much the binding budgets blocked: the same plan with no budget (a set-packing MILP, quick to
    // prove).
    bool binds = false;
    for (const auto& [zone, u] : sol.budget_use) binds = binds || u.land_binds || u.energy_binds;
    if (binds) {
        PlanConfig free_cfg = cfg;
        free_cfg.budgets.clear();
        const Solution free = solve(set, projects, free_cfg, forced);
        sol.objective_without_budgets = free.objective;
        for (const auto& [zone, u] : free.budget_use) {
            sol.budget_use[zone].land_wanted_mu = u.land_mu;
            sol.budget_use[zone].energy_wanted_tce = u.energy_tce;
        }
    }
    sol.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return sol;
}

}  // namespace pa::plan
