#pragma once
// Tables and JSON of the supply timeline, the project life cycle and the targets (for the CLI's --format and
// --out, and for the viewer's exports). JSON money totals are given both in 万元 (*_wan) and 亿元 (*_yi).
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/land_state.hpp"
#include "core/analysis/lifecycle.hpp"
#include "core/analysis/supply.hpp"
#include "core/analysis/targets.hpp"
#include "core/report/table.hpp"

namespace pa::analysis {

/// The language of a table: Keys gives the stable machine keys the JSON outputs use (docs/cli.md; its cells
/// keep their first-wave values), Zh and En give a table for people in one language (headers and values).
enum class TableLang { Keys, Zh, En };
inline TableLang table_lang(const std::string& lang) {
    return lang == "en" ? TableLang::En : TableLang::Zh;
}

report::Table supply_timeline_table(const SupplyReport& r, TableLang lang = TableLang::Keys);
report::Table supply_states_table(const SupplyReport& r, TableLang lang = TableLang::Keys);
report::Table idle_table(const SupplyReport& r, TableLang lang = TableLang::Keys);
nlohmann::json to_json(const SupplyReport& r);

report::Table zone_rates_table(const LifecycleReport& r, TableLang lang = TableLang::Keys);
/// Project rows; `behind_only` keeps the projects behind schedule (sorted by days behind, most first).
report::Table projects_table(const LifecycleReport& r, const std::vector<Project>& projects, bool behind_only,
                             TableLang lang = TableLang::Keys);
nlohmann::json to_json(const LifecycleReport& r, const std::vector<Project>& projects, bool behind_only);

report::Table targets_table(const TargetsProgress& p, TableLang lang = TableLang::Keys);
report::Table targets_zone_table(const TargetsProgress& p, TableLang lang = TableLang::Keys);
nlohmann::json to_json(const TargetsProgress& p);

nlohmann::json table_json(const report::Table& t);
report::Table vacant_table(const std::vector<VacantHit>& hits, TableLang lang = TableLang::Keys);

/// Prints `main` (and `extra` tables after it, for `table`) in `format` (table|csv|json|xlsx) to `out`, and
/// writes the file `out_path` by its extension (.csv .xlsx .json) when given. `json` is the JSON document.
/// Throws InputError for an unknown format/extension and for xlsx without a file.
void emit(std::ostream& out, const std::string& format, const std::string& out_path,
          const report::Table& main, const std::vector<report::Table>& extra, const nlohmann::json& json);

}  // namespace pa::analysis
