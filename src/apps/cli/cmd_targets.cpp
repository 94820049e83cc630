// parkatlas targets -w W: progress towards the plan's 2021-2023 targets (section 二) from the ledger, by year
// and by zone. Targets come from a config file (config/targets.json; --config to use another).
#include <filesystem>
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/analysis/supply_output.hpp"
#include "core/common/config_file.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct TargetsOptions {
    std::string workspace, config, format = "table", out, lang = "zh", zone;
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
    sub->add_option("--zone", o->zone,
                    "Only this zone in the by-zone table (code, Chinese or English name); the city and 贵安 "
                    "rows stay");
    add_lang_option(sub, o->lang);
    return [o]() {
        analysis::TargetsConfig cfg;
        const std::string found = find_config_file("targets.json", {source_config_dir()});
        if (!o->config.empty())
            cfg = analysis::load_targets_config(o->config);
        else if (std::filesystem::exists(found))
            cfg = analysis::load_targets_config(found);
        else
            cfg = analysis::default_targets_config();
        auto ws = store::Workspace::open(o->workspace, true);
        auto zones = ws.load_zones(false);
        auto parcels = ws.load_parcels(false);
        auto projects = ws.load_projects();
        auto links = ws.load_links();
        auto ix = analysis::index_ledger(parcels, projects, links, zones);
        const std::string zone = require_zone(zones, o->zone);
        auto p = analysis::targets_progress(projects, ix, cfg);
        if (!zone.empty())
            std::erase_if(p.zones, [&](const analysis::TargetsScope& s) { return s.key != zone; });
        const auto lang = analysis::table_lang(o->lang);
        analysis::emit(std::cout, o->format, o->out, analysis::targets_table(p, lang),
                       {analysis::targets_zone_table(p, lang)}, analysis::to_json(p));
        if (o->format == "table" && (!cfg.baseline_2018_2020_funds_yi || !cfg.baseline_2020_funds_yi)) {
            const std::string file = o->config.empty() ? found : o->config;
            if (o->lang == "en")
                std::cout
                    << "\nA baseline is unknown: enter baseline_2018_2020_funds_yi (the doubling target) and "
                       "baseline_2020_funds_yi (the 2021 growth) in "
                    << file << ".\n";
            else
                std::cout
                    << "\n到位资金基数未知：请在 " << file
                    << " 中填写 baseline_2018_2020_funds_yi（检查翻番目标）和 baseline_2020_funds_yi（2021 "
                       "年增长）。\n";
        }
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
