// parkatlas targets -w W: progress towards the plan's 2021-2023 targets (section 二) from the ledger, by year
// and by zone. Targets come from a config file (config/targets.json; --config to use another).
#include <filesystem>
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/analysis/supply_output.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct TargetsOptions {
    std::string workspace, config, format = "table", out;
};

Registrar reg("targets", 42, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<TargetsOptions>();
    auto* sub = app.add_subcommand(
        "targets",
        "Progress towards the plan's 2021-2023 targets: funds in place (到位资金), industrial share, "
        "quality, "
        "headquarters and digital-economy firms, central-SOE investment; whole city, 贵安 and by zone.");
    add_workspace_option(sub, o->workspace);
    sub->add_option(
        "--config", o->config,
        "Targets file (JSON); default config/targets.json when present, else the plan's own figures");
    add_format_option(sub, o->format, {"table", "csv", "xlsx", "json"});
    sub->add_option("--out", o->out, "Also write to a file, by extension: .csv, .xlsx or .json");
    return [o]() {
        analysis::TargetsConfig cfg;
        if (!o->config.empty())
            cfg = analysis::load_targets_config(o->config);
        else if (std::filesystem::exists("config/targets.json"))
            cfg = analysis::load_targets_config("config/targets.json");
        else
            cfg = analysis::default_targets_config();
        auto ws = store::Workspace::open(o->workspace, true);
        auto zones = ws.load_zones(false);
        auto parcels = ws.load_parcels(false);
        auto projects = ws.load_projects();
        auto links = ws.load_links();
        auto ix = analysis::index_ledger(parcels, projects, links, zones);
        auto p = analysis::targets_progress(projects, ix, cfg);
        analysis::emit(std::cout, o->format, o->out, analysis::targets_table(p),
                       {analysis::targets_zone_table(p)}, analysis::to_json(p));
        if (o->format == "table" && !cfg.baseline_2018_2020_funds_yi)
            std::cout << "\nThe 2018-2020 baseline is unknown: enter baseline_2018_2020_funds_yi in "
                      << cfg.source << " to check the doubling target.\n";
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
