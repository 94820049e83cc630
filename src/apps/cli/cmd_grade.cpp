// parkatlas grade -w W: the yearly 亩均 evaluation of enterprises (core/evaluation/grade), as a table, CSV,
// XLSX (grades and the per-zone distribution) or JSON. Definitions: docs/evaluation.md.
#include <filesystem>
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/supply_output.hpp"
#include "core/evaluation/grade.hpp"
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
        const std::string source_config =
            (std::filesystem::path(PARKATLAS_SHADER_DIR).parent_path() / "config").string();
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
        analysis::emit(std::cout, o->format, o->out, evaluation::enterprises_table(ev, english),
                       {evaluation::zone_grades_table(ev, zones, english)}, evaluation::to_json(ev));
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
