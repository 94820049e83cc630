// parkatlas chains -w W: links between firms of chained industries (config/industry_chains.json) within a
// distance, and per zone which chain links are present and which are missing (补链). Rules:
// docs/clustering.md.
#include <filesystem>
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/chains.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct ChainsOptions {
    std::string workspace, config, format = "table";
    double distance_m = 0.0;
    bool links = false;
};

Registrar reg("chains", 62, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ChainsOptions>();
    auto* sub = app.add_subcommand("chains",
                                   "Industry-chain links between firms within a distance and, per zone, "
                                   "which upstream/downstream links are "
                                   "present or missing (补链 gaps).");
    add_workspace_option(sub, o->workspace);
    sub->add_option(
        "--config", o->config,
        "Chain pairs (JSON). Default: industry_chains.json from $PARKATLAS_CONFIG_DIR, ./config, config/ "
        "next to the executable or the source tree's config/");
    sub->add_option("--distance", o->distance_m,
                    "Link distance in metres (default: the config's default_distance_m)")
        ->check(CLI::PositiveNumber);
    sub->add_flag("--links", o->links, "table/csv: list the links instead of the gap table");
    add_format_option(sub, o->format, {"table", "csv", "json"});
    return [o]() {
        using namespace analysis;
        // The source tree's config/ sits next to its shaders/ (the same lookup as the viewer's shaders and
        // sample).
        const std::string source_config =
            (std::filesystem::path(PARKATLAS_SHADER_DIR).parent_path() / "config").string();
        auto cfg = load_chain_config(o->config.empty() ? find_chain_config({source_config}) : o->config);
        auto ws = store::Workspace::open(o->workspace, true);
        auto r = analyse_chains(cfg, chain_firms(ws),
                                o->distance_m > 0.0 ? o->distance_m : cfg.default_distance_m);
        if (o->format == "json") {
            std::cout << to_json(r).dump(2) << "\n";
            return int(kOk);
        }
        report::Table t;
        if (o->links) {
            t.name = "chain_links";
            t.headers = {"upstream",   "upstream_industry",   "upstream_zone",
                         "downstream", "downstream_industry", "downstream_zone",
                         "distance_m"};
            t.decimals = 0;
            for (const auto& l : r.links) {
                const auto& u = r.firms[l.upstream];
                const auto& d = r.firms[l.downstream];
                t.rows.push_back({u.id, u.industry, u.zone, d.id, d.industry, d.zone, l.distance_m});
            }
        } else {
            t.name = "chain_gaps";
            t.headers = {"zone",        "upstream",    "downstream", "upstream_firms", "downstream_firms",
                         "local_links", "cross_links", "status"};
            for (const auto& g : r.gaps) {
                const auto& p = r.config.pairs[g.pair];
                t.rows.push_back({g.zone, p.upstream, p.downstream, int64_t(g.upstream_firms),
                                  int64_t(g.downstream_firms), int64_t(g.local_links), int64_t(g.cross_links),
                                  g.status});
            }
        }
        if (o->format == "csv") {
            std::cout << report::to_csv(t);
            return int(kOk);
        }
        std::cout << report::to_text(t);
        size_t gaps = 0;
        for (const auto& g : r.gaps) gaps += g.status.rfind("missing", 0) == 0 ? 1 : 0;
        std::cout << r.links.size() << " chain links within " << r.distance_m << " m among " << r.firms.size()
                  << " located firms; " << gaps << " missing links (补链) in " << r.gaps.size()
                  << " zone/pair rows\n";
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
