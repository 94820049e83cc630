// parkatlas report: the per-zone intensity report (core/analysis/report), printed as a table, CSV, Markdown
// or JSON, and written by extension with --out (.csv .xlsx .md .json).
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/report.hpp"
#include "core/common/error.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct ReportOptions {
    std::string workspace, format = "table", out, lang = "zh", zone, denominator = "producing";
};

Registrar reg("report", 30, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ReportOptions>();
    auto* sub = app.add_subcommand(
        "report",
        "Per-zone report: parcels, area in 亩 (ellipsoidal), fixed-asset investment, output and tax with "
        "their "
        "per-亩 intensities on industrial land, compliance with the zone threshold, funds in place by year; "
        "with a totals row over all parcels (those in no zone included). See docs/indicators.md.");
    add_workspace_option(sub, o->workspace);
    add_format_option(sub, o->format, {"table", "csv", "xlsx", "md", "json"});
    add_lang_option(sub, o->lang);
    sub->add_option(
           "--per-mu", o->denominator,
           "Denominator of output and tax per 亩 in the table: producing (default: industrial land with a "
           "project 投产/达产) or projects (all industrial land with projects); the JSON gives both")
        ->check(CLI::IsMember({"producing", "projects"}));
    sub->add_option(
        "--zone", o->zone,
        "Only this zone (its code, Chinese or English name, any case); the totals row is then that "
        "zone's");
    sub->add_option("--out", o->out,
                    "Also write the report to a file, by extension: .csv, .xlsx, .md or .json");
    return [o]() {
        auto ws = store::Workspace::open(o->workspace, true);
        bool english = o->lang == "en";
        analysis::ThresholdConfig cfg;
        if (std::string v = ws.meta("threshold_national_new_area"); !v.empty()) {
            try {
                cfg.national_new_area_wan_per_mu = std::stod(v);
            } catch (const std::exception&) {
            }
        }
        const auto zones = ws.load_zones(false);
        const std::string zone = require_zone(zones, o->zone);
        auto rep =
            analysis::summarise(zones, ws.load_parcels(false), ws.load_projects(), ws.load_links(), cfg);
        if (!zone.empty()) {
            std::erase_if(rep.zones, [&](const analysis::ZoneSummary& z) { return z.code != zone; });
            if (!rep.zones.empty()) {
                rep.totals = rep.zones.front();
                rep.totals.code = "ALL";
                rep.totals.name = "合计";
                rep.totals.name_en = "Total";
            }
        }
        auto table =
            analysis::to_table(rep, english,
                               o->denominator == "producing" ? analysis::PerMuDenominator::Producing
                                                             : analysis::PerMuDenominator::WithProjects);
        if (o->format == "xlsx" && o->out.empty())
            throw InputError("--format xlsx writes a file: give --out FILE.xlsx.");
        if (!o->out.empty()) {
            std::string ext = report::extension_of(o->out);
            if (ext == "csv")
                report::write_file(o->out, report::to_csv(table), true);
            else if (ext == "xlsx")
                report::write_xlsx(table, o->out);
            else if (ext == "md")
                report::write_file(o->out, report::to_markdown(table));
            else if (ext == "json")
                report::write_file(o->out, analysis::to_json(rep).dump(2) + "\n");
            else
                throw InputError("--out '" + o->out + "': unknown extension; use .csv, .xlsx, .md or .json.");
        }
        if (o->format == "json")
            std::cout << analysis::to_json(rep).dump(2) << "\n";
        else if (o->format == "csv")
            std::cout << report::to_csv(table);
        else if (o->format == "md")
            std::cout << report::to_markdown(table);
        else if (o->format == "table")
            std::cout << report::to_text(table);
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
