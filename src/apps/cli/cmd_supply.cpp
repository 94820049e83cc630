// parkatlas supply -w W: the supply timeline per zone and month, land states and idle-land clocks on a date,
// and the vacant-land finder (--vacant). Rules: docs/land-states.md, docs/supply.md.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/analysis/supply_output.hpp"
#include "core/common/error.hpp"
#include "core/output/vacant_export.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct SupplyOptions {
    std::string workspace, zone, from = "2021-01", to, as_of, format = "table", out, lang = "zh";
    bool vacant = false;
    std::optional<double> min_mu, max_mu;
    std::string landuse, standard;
};

int parse_month_opt(const std::string& s, const char* opt) {
    auto m = analysis::Date::parse_month(s);
    if (!m || s.size() != 7)
        throw InputError(std::string(opt) + " '" + s + "' is not a month; write YYYY-MM.");
    return *m;
}

Registrar reg("supply", 40, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<SupplyOptions>();
    auto* sub = app.add_subcommand(
        "supply",
        "Land supply timeline per zone and month (亩 supplied by 标准地/招拍挂/协议, reserve, vacant, idle), "
        "land "
        "states and idle-land clocks on a date; --vacant lists land available for a new project.");
    add_workspace_option(sub, o->workspace);
    sub->add_option("--zone", o->zone,
                    "Only this zone: its code, Chinese or English name (e.g. GANA, 贵安新区)");
    sub->add_option("--from", o->from, "First month, YYYY-MM (default 2021-01)");
    sub->add_option("--to", o->to, "Last month, YYYY-MM (default: the month of the latest date in the data)");
    sub->add_option("--as-of", o->as_of,
                    "Date of the land-state snapshot, YYYY-MM-DD (default: end of --to)");
    add_format_option(sub, o->format, {"table", "csv", "xlsx", "json"});
    sub->add_option("--out", o->out,
                    "Also write to a file, by extension: .csv, .xlsx or .json; with --vacant also .gpkg (the "
                    "parcels' polygons, opens in QGIS)");
    add_lang_option(sub, o->lang);
    sub->add_flag("--vacant", o->vacant, "List vacant parcels on --as-of instead of the timeline");
    sub->add_option("--min-mu", o->min_mu, "--vacant: smallest area, 亩");
    sub->add_option("--max-mu", o->max_mu, "--vacant: largest area, 亩");
    sub->add_option(
        "--landuse", o->landuse,
        "--vacant: land use (industrial, storage, …; or the Chinese class: 工业, 工业用地, 仓储…)");
    sub->add_option("--standard-land", o->standard, "--vacant: yes|no (标准地)")
        ->check(CLI::IsMember({"yes", "no"}));
    return [o]() {
        auto ws = store::Workspace::open(o->workspace, true);
        auto zones = ws.load_zones(false);
        const bool gpkg = o->vacant && report::extension_of(o->out) == "gpkg";
        auto parcels = ws.load_parcels(gpkg);
        auto projects = ws.load_projects();
        auto links = ws.load_links();
        auto ix = analysis::index_ledger(parcels, projects, links, zones);
        o->zone = require_zone(zones, o->zone);
        std::optional<analysis::Date> as_of;
        if (!o->as_of.empty()) as_of = date_option(o->as_of, "--as-of", {});
        if (o->vacant) {
            analysis::VacantQuery q;
            auto latest = analysis::latest_data_date(parcels, projects);
            q.as_of = as_of ? *as_of : latest ? *latest : analysis::Date::from_ymd(2023, 12, 31);
            q.zone_code = o->zone;
            q.min_mu = o->min_mu;
            q.max_mu = o->max_mu;
            if (!o->landuse.empty()) {
                q.landuse = land_use_from_string(o->landuse);
                if (!q.landuse)
                    throw InputError(
                        "--landuse '" + o->landuse +
                        "' is unknown; use industrial, storage, commercial, … or 工业, 仓储, 商服, …");
            }
            if (!o->standard.empty()) q.standard_land = o->standard == "yes";
            auto hits = analysis::find_vacant(parcels, ix.projects_of_parcel, q);
            const auto lang = analysis::table_lang(o->lang);
            auto t = analysis::vacant_table(hits, lang);
            double mu = 0.0;
            for (const auto& h : hits) mu += h.area_mu;
            nlohmann::json j{{"as_of", q.as_of.iso()},
                             {"count", hits.size()},
                             {"area_mu", mu},
                             {"parcels", analysis::table_json(t)}};
            if (gpkg) {
                output::write_vacant_gpkg(parcels, hits, o->out);
                analysis::emit(std::cout, o->format, "", t, {}, j);
            } else {
                analysis::emit(std::cout, o->format, o->out, t, {}, j);
            }
            return int(kOk);
        }
        analysis::SupplyOptions so;
        so.from_month = parse_month_opt(o->from, "--from");
        if (!o->to.empty()) so.to_month = parse_month_opt(o->to, "--to");
        so.zone_code = o->zone;
        auto rep = analysis::supply_report(parcels, ix.projects_of_parcel, projects, so, as_of);
        const auto lang = analysis::table_lang(o->lang);
        analysis::emit(std::cout, o->format, o->out, analysis::supply_timeline_table(rep, lang),
                       {analysis::supply_states_table(rep, lang), analysis::idle_table(rep, lang)},
                       analysis::to_json(rep));
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
