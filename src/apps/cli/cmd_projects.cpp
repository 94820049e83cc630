// parkatlas projects -w W: the project life cycle, the plan's per-zone rates (入园率, 开工率, 投产达产率),
// tiered scheduling (分级调度) and projects behind schedule. Rules: docs/land-states.md ("Projects").
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/analysis/supply_output.hpp"
#include "core/common/error.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct ProjectsOptions {
    std::string workspace, tier, zone, as_of, format = "table", out, lang = "zh";
    bool behind = false;
};

Registrar reg("projects", 41, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ProjectsOptions>();
    auto* sub = app.add_subcommand(
        "projects",
        "Project life cycle on a date: per-zone 入园率/开工率/投产达产率, city/district tiers (1 亿元), "
        "and projects behind schedule (--behind) with days behind.");
    add_workspace_option(sub, o->workspace);
    sub->add_flag("--behind", o->behind, "Only projects behind schedule, most days behind first");
    sub->add_option("--tier", o->tier,
                    "Only city-level (>= 1 亿元 total investment) or district-level projects")
        ->check(CLI::IsMember({"city", "district"}));
    sub->add_option("--zone", o->zone,
                    "Only this zone: its code, Chinese or English name (e.g. GANA, 贵安新区)");
    sub->add_option("--as-of", o->as_of, "Date, YYYY-MM-DD (default: the latest date in the data)");
    add_format_option(sub, o->format, {"table", "csv", "xlsx", "json"});
    sub->add_option("--out", o->out, "Also write to a file, by extension: .csv, .xlsx or .json");
    add_lang_option(sub, o->lang);
    return [o]() {
        auto ws = store::Workspace::open(o->workspace, true);
        auto zones = ws.load_zones(false);
        auto parcels = ws.load_parcels(false);
        auto projects = ws.load_projects();
        auto links = ws.load_links();
        o->zone = require_zone(zones, o->zone);
        auto ix = analysis::index_ledger(parcels, projects, links, zones);
        const analysis::Date as_of = date_option(
            o->as_of, "--as-of",
            analysis::latest_data_date(parcels, projects).value_or(analysis::Date::from_ymd(2023, 12, 31)));
        auto rep = analysis::lifecycle_report(projects, ix, as_of);
        // Filters apply to the project list; the rates table keeps every zone (filtered by --zone).
        std::vector<analysis::ProjectRow> kept;
        for (auto& row : rep.rows) {
            if (!o->tier.empty() && analysis::to_string(row.tier) != o->tier) continue;
            if (!o->zone.empty() && row.zone_code != o->zone) continue;
            kept.push_back(row);
        }
        rep.rows = std::move(kept);
        if (!o->zone.empty()) {
            std::vector<analysis::ZoneRates> z;
            for (auto& r : rep.zones)
                if (r.zone_code == o->zone) z.push_back(r);
            rep.zones = std::move(z);
        }
        const auto lang = analysis::table_lang(o->lang);
        auto list = analysis::projects_table(rep, projects, o->behind, lang);
        auto rates = analysis::zone_rates_table(rep, lang);
        auto j = analysis::to_json(rep, projects, o->behind);
        if (o->behind || !o->tier.empty())
            analysis::emit(std::cout, o->format, o->out, list, {}, j);
        else
            analysis::emit(std::cout, o->format, o->out, rates, {list}, j);
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
