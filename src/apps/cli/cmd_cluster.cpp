// parkatlas cluster -w W: DBSCAN clusters of projects or parcels (per industry or together), hulls written as
// a GeoPackage (cluster_hulls polygons + cluster_members points), and a summary. Rules: docs/clustering.md.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/cluster.hpp"
#include "core/common/error.hpp"
#include "core/common/industry_names.hpp"
#include "core/output/cluster_gpkg.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct ClusterOptions {
    std::string workspace, out, format = "table", weight = "none", of = "projects", metric = "centroid",
                                hull = "concave", lang = "zh";
    std::vector<std::string> industries;
    bool per_industry = false;
    double eps_m = 500.0, min_points = 5.0, ratio = 0.3, weight_unit_wan = 0.0;
    unsigned threads = 0;
};

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}

Registrar reg("cluster", 60, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ClusterOptions>();
    auto* sub =
        app.add_subcommand("cluster",
                           "Density-based clusters (DBSCAN) of projects or parcels, distances in metres; "
                           "writes hulls and members as a "
                           "GeoPackage and prints one line per cluster (members, 投资, 产值, 亩, zones).");
    add_workspace_option(sub, o->workspace);
    sub->add_option("--industry", o->industries,
                    "Only this industry (产业类别); repeat for several (default: all)");
    sub->add_flag("--per-industry", o->per_industry,
                  "Cluster each industry on its own (default: all together)");
    sub->add_option("--eps", o->eps_m, "Neighbourhood radius in metres (default 500)")
        ->check(CLI::PositiveNumber);
    sub->add_option(
           "--min-points", o->min_points,
           "Items (or investment weight, see --weight) within --eps that make a core point (default 5)")
        ->check(CLI::PositiveNumber);
    sub->add_option("--weight", o->weight,
                    "none (each item counts 1) or invest (固定资产投资 / --weight-unit)")
        ->check(CLI::IsMember({"none", "invest"}));
    sub->add_option("--weight-unit", o->weight_unit_wan,
                    "万元 of investment that count as one item (default: the mean investment of the items)");
    sub->add_option("--of", o->of, "projects (default) or parcels")
        ->check(CLI::IsMember({"projects", "parcels"}));
    sub->add_option("--metric", o->metric,
                    "centroid (default) or edge (distance between parcel edges; --of parcels)")
        ->check(CLI::IsMember({"centroid", "edge"}));
    sub->add_option("--hull", o->hull, "concave (default) or convex")
        ->check(CLI::IsMember({"concave", "convex"}));
    sub->add_option("--ratio", o->ratio, "Concave hull ratio, 0 (tightest) .. 1 (convex); default 0.3")
        ->check(CLI::Range(0.0, 1.0));
    sub->add_option("--threads", o->threads, "Threads for the region queries (default: all cores)");
    sub->add_option("--out", o->out,
                    "GeoPackage to write (cluster_hulls + cluster_members), e.g. clusters.gpkg");
    add_format_option(sub, o->format, {"table", "csv", "json"});
    add_lang_option(sub, o->lang);
    return [o]() {
        analysis::ClusterParams p;
        p.of = o->of == "parcels" ? analysis::ClusterOf::Parcels : analysis::ClusterOf::Projects;
        p.industries = o->industries;
        p.per_industry = o->per_industry;
        p.eps_m = o->eps_m;
        p.min_points = o->min_points;
        p.weight = o->weight == "invest" ? analysis::Weighting::Invest : analysis::Weighting::None;
        p.weight_unit_wan = o->weight_unit_wan;
        p.metric = o->metric == "edge" ? analysis::ClusterMetric::Edge : analysis::ClusterMetric::Centroid;
        p.hull = o->hull == "convex" ? analysis::HullKind::Convex : analysis::HullKind::Concave;
        p.concave_ratio = o->ratio;
        p.threads = o->threads;
        auto ws = store::Workspace::open(o->workspace, true);
        auto res = analysis::cluster_workspace(ws, p);
        if (!o->industries.empty() && res.items.empty()) {
            // A filter that matches nothing is almost always a typo: say which names exist.
            std::string known;
            for (const auto& ind : ws.project_industries()) known += (known.empty() ? "" : ", ") + ind;
            throw InputError(
                "No project in '" + o->workspace + "' has the industry '" + join(o->industries, "' or '") +
                "'; the industries in this workspace are: " + (known.empty() ? "(none)" : known) + ".");
        }
        if (!o->out.empty()) output::write_clusters_gpkg(res, o->out);
        if (o->format == "json") {
            auto j = analysis::to_json(res);
            if (!o->out.empty()) j["out"] = o->out;
            std::cout << j.dump(2) << "\n";
            return int(kOk);
        }
        report::Table t;
        const bool en = o->lang == "en";
        const IndustryNames names =
            en ? IndustryNames::find_and_load({source_config_dir()}) : IndustryNames();
        t.name = en ? "clusters" : "产业集聚区";
        t.headers =
            en ? std::vector<std::string>{"Cluster",          "Industry",  "Members", "Investment (10k CNY)",
                                          "Output (10k CNY)", "Area (mu)", "Zones",   "Hull"}
               : std::vector<std::string>{"集聚区",       "产业",     "成员数", "固定资产投资(万元)",
                                          "年产值(万元)", "面积(亩)", "园区",   "边界"};
        for (const auto& c : res.clusters)
            t.rows.push_back({int64_t(c.id), names.name(c.industry, en), int64_t(c.members.size()),
                              c.invest_wan, c.output_wan, c.area_mu, join(c.zones, ";"), c.hull_kind});
        if (o->format == "csv") {
            std::cout << report::to_csv(t);
            return int(kOk);
        }
        std::cout << report::to_text(t);
        std::cout << res.clusters.size() << " clusters of " << res.items.size() << " "
                  << analysis::to_string(p.of) << " (eps " << p.eps_m << " m, min-points " << p.min_points
                  << ", weight " << analysis::to_string(p.weight) << ", metric "
                  << analysis::to_string(p.metric) << "); noise " << res.noise;
        if (res.unlocated) std::cout << "; " << res.unlocated << " projects without a position left out";
        std::cout << "\n";
        if (!o->out.empty()) std::cout << "wrote " << o->out << " (layers cluster_hulls, cluster_members)\n";
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
