// parkatlas check: list the problems stored in a workspace (recorded by the last import) as a table, CSV or
// JSON; optionally write them to a file (.gpkg point layer for QGIS, .csv, .json, .md). Exit 1 when any is at
// error level.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "apps/cli/command.hpp"
#include "core/common/error.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct CheckOptions {
    std::string workspace, format = "table", out, lang = "zh", min_severity = "info";
};

std::string problems_json(const std::vector<Problem>& ps, bool english) {
    nlohmann::json j;
    j["problems"] = nlohmann::json::array();
    for (const auto& p : ps) {
        j["problems"].push_back({{"kind", p.kind},
                                 {"severity", to_string(p.severity)},
                                 {"layer", p.layer},
                                 {"id", p.id},
                                 {"lon", p.lon},
                                 {"lat", p.lat},
                                 {"message", english ? p.message_en : p.message_zh},
                                 {"message_zh", p.message_zh},
                                 {"message_en", p.message_en}});
    }
    return j.dump(2) + "\n";
}

Registrar reg("check", 20, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<CheckOptions>();
    auto* sub = app.add_subcommand("check",
                                   "List the problems found in a workspace (geometry repairs, overlaps, "
                                   "parcels outside their zone, duplicate "
                                   "codes, declared vs measured areas, ledger join problems). Exit code 1 "
                                   "when any problem is at error level.");
    add_workspace_option(sub, o->workspace);
    add_format_option(sub, o->format, {"table", "csv", "json"});
    sub->add_option(
        "--out", o->out,
        "Also write the problems to a file, by extension: .gpkg (point layer 'problems', opens in QGIS), "
        ".csv, .json or .md");
    sub->add_option("--lang", o->lang, "Language of the messages: zh (default) or en")
        ->check(CLI::IsMember({"zh", "en"}));
    sub->add_option("--min-severity", o->min_severity,
                    "Show only problems at or above: info (default), warning, error")
        ->check(CLI::IsMember({"info", "warning", "error"}));
    return [o]() {
        auto ws = store::Workspace::open(o->workspace, true);
        bool english = o->lang == "en";
        int min = o->min_severity == "error" ? 2 : o->min_severity == "warning" ? 1 : 0;
        std::vector<Problem> ps;
        bool has_error = false;
        for (auto& p : ws.load_problems()) {
            if (p.severity == Severity::Error) has_error = true;
            if (static_cast<int>(p.severity) >= min) ps.push_back(std::move(p));
        }
        auto table = report::problems_table(ps, english);
        if (!o->out.empty()) {
            std::string ext = report::extension_of(o->out);
            if (ext == "gpkg")
                report::write_problems_gpkg(ps, o->out);
            else if (ext == "csv")
                report::write_file(o->out, report::to_csv(table), true);
            else if (ext == "json")
                report::write_file(o->out, problems_json(ps, english));
            else if (ext == "md")
                report::write_file(o->out, report::to_markdown(table));
            else
                throw InputError("--out '" + o->out + "': unknown extension; use .gpkg, .csv, .json or .md.");
        }
        if (o->format == "json") {
            std::cout << problems_json(ps, english);
        } else if (o->format == "csv") {
            std::cout << report::to_csv(table);
        } else {
            std::cout << report::to_text(table);
            std::cout << ps.size() << (english ? " problems\n" : " 个问题\n");
        }
        return int(has_error ? kErrorProblems : kOk);
    };
});

}  // namespace
}  // namespace pa::cli
