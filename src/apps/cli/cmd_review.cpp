// parkatlas review -w W --list LIST: the review lists a bureau sends on (core/evaluation/review): below the
// threshold or the commitment, suspected idle, may be reclaimed, clocks not yet due, standard-land
// commitments not fulfilled, no data. As a table, CSV, XLSX, JSON or a GeoPackage of the parcels.
// docs/evaluation.md.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/land_state.hpp"
#include "core/analysis/supply_output.hpp"
#include "core/evaluation/review.hpp"
#include "core/output/table_gpkg.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct ReviewOptions {
    std::string workspace, list, zone, as_of, format = "table", out, lang = "zh";
};

Registrar reg("review", 48, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ReviewOptions>();
    auto* sub = app.add_subcommand(
        "review",
        "Review lists of parcels, each with its zone, area, enterprises, the figure against its line, the "
        "gap "
        "(万元/亩 and 万元 in total), its dates and idle clock. Idle status is a finding only after a "
        "闲置土地认定书: the lists say suspected (疑似闲置) and pending (待认定). See docs/evaluation.md.");
    add_workspace_option(sub, o->workspace);
    sub->add_option("--list", o->list, "Which list: " + evaluation::review_list_names())
        ->required()
        ->check(CLI::IsMember({"below-threshold", "below-commitment", "idle", "reclaimable", "not-yet-due",
                               "unfulfilled", "no-data"}));
    sub->add_option("--zone", o->zone, "Only this zone: its code, Chinese or English name");
    sub->add_option("--as-of", o->as_of,
                    "Date of the land states and clocks, YYYY-MM-DD (default: the latest date in the data)");
    add_format_option(sub, o->format, {"table", "csv", "xlsx", "json", "gpkg"});
    sub->add_option("--out", o->out, "Also write to a file, by extension: .csv, .xlsx, .json or .gpkg");
    add_lang_option(sub, o->lang);
    return [o]() {
        auto ws = store::Workspace::open(o->workspace, true);
        const auto zones = ws.load_zones(false);
        const std::string zone = require_zone(zones, o->zone);
        const bool gpkg = o->format == "gpkg" || report::extension_of(o->out) == "gpkg";
        if (o->format == "gpkg" && o->out.empty())
            throw InputError("--format gpkg writes a file: give --out FILE.gpkg.");
        const auto parcels = ws.load_parcels(gpkg);
        const auto projects = ws.load_projects();
        const analysis::Date as_of = date_option(
            o->as_of, "--as-of",
            analysis::latest_data_date(parcels, projects).value_or(analysis::Date::from_ymd(2023, 12, 31)));
        const auto r = evaluation::review(*evaluation::review_list_from_string(o->list), zones, parcels,
                                          projects, ws.load_links(), as_of, zone);
        const auto table = evaluation::review_table(r, o->lang == "en");
        if (gpkg) {
            output::write_table_gpkg(table, o->list, evaluation::review_wkb(r), o->out);
            if (o->format == "gpkg") return int(kOk);
            analysis::emit(std::cout, o->format, "", table, {}, evaluation::to_json(r));
            return int(kOk);
        }
        analysis::emit(std::cout, o->format, o->out, table, {}, evaluation::to_json(r));
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
