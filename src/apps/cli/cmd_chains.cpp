// parkatlas chains -w W: links between firms of chained industries (config/industry_chains.json) within a
// distance, and per zone which chain links are present and which are missing (补链). Rules:
// docs/clustering.md.
#include <filesystem>
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/chains.hpp"
#include "core/common/industry_names.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct ChainsOptions {
    std::string workspace, config, format = "table", lang = "zh", zone;
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
    add_lang_option(sub, o->lang);
    sub->add_option(
        "--zone", o->zone,
        "Only this zone's gap rows and the links with a firm in it (code, Chinese or English name)");
    return [o]() {
        using namespace analysis;
        // The source tree's config/ sits next to its shaders/ (the same lookup as the viewer's shaders and
        // sample).
        const std::string source_config = source_config_dir();
        auto cfg = load_chain_config(o->config.empty() ? find_chain_config({source_config}) : o->config);
        auto ws = store::Workspace::open(o->workspace, true);
        auto r = analyse_chains(cfg, chain_firms(ws),
                                o->distance_m > 0.0 ? o->distance_m : cfg.default_distance_m);
        if (!o->zone.empty()) {
            const std::string zone = require_zone(ws.load_zones(false), o->zone);
            std::erase_if(r.gaps, [&](const ChainGapRow& g) { return g.zone != zone; });
            std::erase_if(r.links, [&](const ChainLink& l) {
                return r.firms[l.upstream].zone != zone && r.firms[l.downstream].zone != zone;
            });
        }
        if (o->format == "json") {
            std::cout << to_json(r).dump(2) << "\n";
            return int(kOk);
        }
        report::Table t;
        const bool en = o->lang == "en";
        const IndustryNames names = en ? IndustryNames::find_and_load({source_config}) : IndustryNames();
        if (o->links) {
            t.name = en ? "chain links" : "产业链关联";
            t.headers = en ? std::vector<std::string>{"Upstream",    "Upstream industry",   "Upstream zone",
                                                      "Downstream",  "Downstream industry", "Downstream zone",
                                                      "Distance (m)"}
                           : std::vector<std::string>{"上游项目", "上游产业", "上游园区", "下游项目",
                                                      "下游产业", "下游园区", "距离(米)"};
            t.decimals = 0;
            for (const auto& l : r.links) {
                const auto& u = r.firms[l.upstream];
                const auto& d = r.firms[l.downstream];
                t.rows.push_back({u.id, names.name(u.industry, en), u.zone, d.id, names.name(d.industry, en),
                                  d.zone, l.distance_m});
            }
        } else {
            t.name = en ? "chain gaps" : "补链清单";
            t.headers = en ? std::vector<std::string>{"Zone",
                                                      "Upstream",
                                                      "Downstream",
                                                      "Upstream firms",
                                                      "Downstream firms",
                                                      "Local links",
                                                      "Cross-zone links",
                                                      "Status"}
                           : std::vector<std::string>{"园区",       "上游产业", "下游产业", "上游企业数",
                                                      "下游企业数", "区内关联", "跨区关联", "状态"};
            auto status = [&](const std::string& s) -> std::string {
                if (en) return s;
                if (s == "present") return "区内成链";
                if (s == "nearby") return "邻区配套";
                if (s == "distant") return "区内未就近成链";
                if (s == "missing_downstream") return "缺下游（补链）";
                if (s == "missing_upstream") return "缺上游（补链）";
                return s;
            };
            for (const auto& g : r.gaps) {
                const auto& p = r.config.pairs[g.pair];
                t.rows.push_back({g.zone, names.name(p.upstream, en), names.name(p.downstream, en),
                                  int64_t(g.upstream_firms), int64_t(g.downstream_firms),
                                  int64_t(g.local_links), int64_t(g.cross_links), status(g.status)});
            }
        }
        if (o->format == "csv") {
            std::cout << report::to_csv(t);
            return int(kOk);
        }
        std::cout << report::to_text(t);
        size_t gaps = 0;
        for (const auto& g : r.gaps) gaps += g.status.rfind("missing", 0) == 0 ? 1 : 0;
        if (en)
            std::cout << r.links.size() << " chain links within " << r.distance_m << " m among "
                      << r.firms.size() << " located firms; " << gaps << " missing links in " << r.gaps.size()
                      << " zone/pair rows\n";
        else
            std::cout << "在 " << r.distance_m << " 米内 " << r.firms.size() << " 家有位置的企业间有 "
                      << r.links.size() << " 条产业链关联；" << r.gaps.size()
                      << " 个园区×产业对中缺链（补链） " << gaps << " 处\n";
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
