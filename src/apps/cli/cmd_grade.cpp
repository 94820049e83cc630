// parkatlas grade -w W: the yearly 亩均 evaluation of enterprises (core/evaluation/grade), as a table, CSV,
// XLSX (grades and the per-zone distribution) or JSON. Definitions: docs/evaluation.md.
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "apps/cli/command.hpp"
#include "core/evaluation/grade.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct GradeOptions {
    std::string workspace, config, preset, zone, format = "table", out, lang = "zh";
    int year = 0;
};

Registrar reg("grade", 47, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<GradeOptions>();
    auto* sub = app.add_subcommand(
        "grade",
        "亩均效益综合评价: scores each enterprise (统一社会信用代码) on tax, value added, energy, emission, "
        "labour productivity and R&D per its formula group, and grades A/B/C/D within the group; lists the "
        "firms scored but not graded with the reason. See docs/evaluation.md.");
    add_workspace_option(sub, o->workspace);
    sub->add_option("--year", o->year,
                    "Evaluation year (default: the year of the latest date in the data); firms producing for "
                    "under a year at its end are scored, not graded")
        ->check(CLI::Range(1990, 2100));
    sub->add_option(
        "--config", o->config,
        "Evaluation presets (JSON). Default: evaluation.json from $PARKATLAS_CONFIG_DIR, ./config, "
        "config/ next to the executable or the source tree's config/");
    sub->add_option("--preset", o->preset, "Preset of the configuration (default: its default_preset)");
    sub->add_option(
        "--zone", o->zone,
        "Only the enterprises with land in this zone (code, Chinese or English name); grades stay "
        "those of the whole evaluation");
    add_format_option(sub, o->format, {"table", "csv", "xlsx", "json"});
    sub->add_option("--out", o->out, "Also write to a file, by extension: .csv, .xlsx (two sheets) or .json");
    add_lang_option(sub, o->lang);
    return [o]() {
        const std::string source_config = source_config_dir();
        const auto cfg = evaluation::EvaluationConfig::load(
            o->config.empty() ? evaluation::find_evaluation_config({source_config}) : o->config, o->preset);
        auto ws = store::Workspace::open(o->workspace, true);
        const auto zones = ws.load_zones(false);
        const std::string zone = require_zone(zones, o->zone);
        const auto parcels = ws.load_parcels(false);
        const auto projects = ws.load_projects();
        const int year = o->year > 0 ? o->year : evaluation::default_year(parcels, projects);
        auto ev = evaluation::evaluate(zones, parcels, projects, ws.load_links(), cfg, year);
        if (!zone.empty()) evaluation::keep_zone(ev, zone);
        const bool english = o->lang == "en";
        // JSON is written piece by piece (a province's evaluation is too large for one JSON tree); the tables
        // are built only when printed or written.
        if (o->format == "xlsx" && o->out.empty())
            throw InputError("--format xlsx writes a file: give --out FILE.xlsx.");
        const std::string ext = report::extension_of(o->out);
        if (!o->out.empty() && ext != "json" && ext != "csv" && ext != "xlsx")
            throw InputError("--out '" + o->out + "': unknown extension; use .csv, .xlsx or .json.");
        if (ext == "json") {
            std::ostringstream text;
            evaluation::write_json(text, ev);
            report::write_file(o->out, text.str());
        }
        if (o->format == "json") evaluation::write_json(std::cout, ev);
        const bool tables = o->format == "table" || o->format == "csv" || ext == "csv" || ext == "xlsx";
        if (!tables) return int(kOk);
        const auto grades = evaluation::enterprises_table(ev, english);
        const auto by_zone = evaluation::zone_grades_table(ev, zones, english);
        if (ext == "csv") report::write_file(o->out, report::to_csv(grades), true);
        if (ext == "xlsx") report::write_xlsx(std::vector<report::Table>{grades, by_zone}, o->out);
        if (o->format == "csv") std::cout << report::to_csv(grades);
        if (o->format == "table")
            std::cout << report::to_text(grades) << "\n" << by_zone.name << "\n" << report::to_text(by_zone);
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
