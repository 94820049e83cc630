// parkatlas plan / parkatlas scenario: the plot-assignment planner (core/plan, docs/planning.md). `plan`
// builds or updates a named scenario from the pipeline (项目库) and the ledger's unplaced projects,
// optionally solving it to optimality; `scenario` lists, copies, renames, deletes and compares scenarios.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "apps/cli/command.hpp"
#include "core/analysis/chains.hpp"
#include "core/output/table_gpkg.hpp"
#include "core/plan/planner.hpp"
#include "core/plan/scenario.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

using nlohmann::json;

// ------------------------------------------------------------------------------------------------ plan
struct PlanOptions {
    std::string workspace, scenario, pipeline, config, out, format = "table", lang = "zh";
    std::vector<std::string> locks;
    bool solve = false, candidates = false;
};

/// The candidates the locks name (--lock PROJECT=PARCEL[+PARCEL…], else the scenario's locked assignments),
/// ascending; InputError naming an unknown project or parcel, or the rule a lock breaks.
std::vector<size_t> resolve_locks(const PlanOptions& o, const std::optional<store::Scenario>& existing,
                                  const std::vector<PipelineProject>& projects, const plan::CandidateSet& set,
                                  const std::vector<Parcel>& parcels, const std::vector<Zone>& zones,
                                  const plan::PlanConfig& cfg) {
    std::map<std::string, size_t> project_index;
    for (size_t i = 0; i < projects.size(); ++i) project_index[projects[i].project_id] = i;
    std::map<std::string, size_t> parcel_by_code;
    for (size_t i = 0; i < parcels.size(); ++i) parcel_by_code.emplace(parcels[i].code, i);
    std::vector<std::pair<std::string, std::vector<std::string>>> lock_specs;
    for (const auto& l : o.locks) {
        const auto eq = l.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == l.size())
            throw InputError("--lock '" + l + "' is not PROJECT=PARCEL[+PARCEL…].");
        std::vector<std::string> codes;
        std::string rest = l.substr(eq + 1);
        for (size_t b = 0; b <= rest.size();) {
            size_t e = rest.find('+', b);
            if (e == std::string::npos) e = rest.size();
            if (e > b) codes.push_back(rest.substr(b, e - b));
            b = e + 1;
        }
        std::sort(codes.begin(), codes.end());
        lock_specs.emplace_back(l.substr(0, eq), codes);
    }
    if (o.locks.empty() && existing)
        for (const auto& a : existing->assignments)
            if (a.locked) lock_specs.emplace_back(a.project_id, a.parcel_codes);
    std::vector<size_t> forced;
    for (const auto& [pid, codes] : lock_specs) {
        auto pit = project_index.find(pid);
        if (pit == project_index.end())
            throw InputError("--lock names the project '" + pid +
                             "', which is neither in the pipeline nor an unplaced ledger project.");
        for (const auto& c : codes)
            if (!parcel_by_code.count(c))
                throw InputError("--lock names the parcel '" + c + "', which the workspace does not have.");
        size_t found = set.candidates.size();
        for (size_t j = 0; j < set.candidates.size(); ++j)
            if (set.candidates[j].project == pit->second &&
                plan::plot_codes(set.plots[set.candidates[j].plot], parcels) == codes)
                found = j;
        if (found == set.candidates.size()) {
            plan::Plot plot;
            for (const auto& c : codes) {
                const size_t i = parcel_by_code[c];
                plot.parcels.push_back(i);
                plot.area_mu += parcels[i].area_mu;
                plot.zone = parcels[i].zone_code;
            }
            const Zone* zone = nullptr;
            for (const auto& z : zones)
                if (z.code == plot.zone) zone = &z;
            const plan::RuleResult r = plan::check_pair(projects[pit->second], plot, parcels, zone, cfg);
            throw InputError(
                "--lock " + pid + "=" + codes.front() + (codes.size() > 1 ? "+…" : "") +
                " is not a feasible placement: " +
                (r.ok() ? std::string("the parcels are not vacant planable land, or not one connected plot")
                        : r.en) +
                ".");
        }
        forced.push_back(found);
    }
    std::sort(forced.begin(), forced.end());
    forced.erase(std::unique(forced.begin(), forced.end()), forced.end());

    return forced;
}

/// `plan --format json`.
json plan_json(const PlanOptions& o, const store::Scenario& s, const plan::Solution& sol,
               const std::vector<size_t>& forced, const std::vector<PipelineProject>& projects,
               const plan::CandidateSet& set, const std::vector<Parcel>& parcels,
               const std::vector<Zone>& zones, const plan::PlanConfig& cfg) {
    const std::set<size_t> forced_set(forced.begin(), forced.end());
    json j;
    j["scenario"] = s.name;
    j["objective"] = sol.objective;
    j["optimal"] = s.optimal;
    j["solved"] = s.solved;
    j["status"] = sol.status;
    j["bound"] = o.solve ? json(sol.bound) : json(nullptr);
    j["seconds"] = sol.seconds;
    j["assignments"] = json::array();
    for (size_t j2 : sol.chosen) {
        const auto& c = set.candidates[j2];
        j["assignments"].push_back({{"project_id", projects[c.project].project_id},
                                    {"parcel_ids", plan::plot_codes(set.plots[c.plot], parcels)},
                                    {"zone", set.plots[c.plot].zone},
                                    {"area_mu", c.area_mu},
                                    {"energy_tce", c.energy_tce},
                                    {"score", c.score},
                                    {"score_parts", plan::score_parts_json(c)},
                                    {"locked", forced_set.count(j2) > 0}});
    }
    j["unplaced"] = json::array();
    for (const auto& u : sol.unplaced)
        j["unplaced"].push_back({{"project_id", projects[u.project].project_id},
                                 {"reason_code", u.reason_code},
                                 {"reason", u.reason_en},
                                 {"reason_zh", u.reason_zh}});
    if (sol.objective_without_budgets) {
        j["objective_without_budgets"] = *sol.objective_without_budgets;
        j["budget_cost"] = *sol.objective_without_budgets - sol.objective;
    }
    j["budgets"] = json::object();
    for (const auto& z : zones) {
        auto it = cfg.budgets.find(z.code);
        const plan::ZoneBudget b = it == cfg.budgets.end() ? plan::ZoneBudget{} : it->second;
        json bj = {{"land_mu", b.land_mu ? json(*b.land_mu) : json(nullptr)},
                   {"energy_tce", b.energy_tce ? json(*b.energy_tce) : json(nullptr)}};
        if (auto u = sol.budget_use.find(z.code); u != sol.budget_use.end()) {
            bj["land_used_mu"] = u->second.land_mu;
            bj["energy_used_tce"] = u->second.energy_tce;
            bj["land_binds"] = u->second.land_binds;
            bj["energy_binds"] = u->second.energy_binds;
            if (sol.objective_without_budgets) {  // what the optimum without budgets would place here
                bj["land_wanted_mu"] = u->second.land_wanted_mu;
                bj["energy_wanted_tce"] = u->second.energy_wanted_tce;
                if (b.land_mu) bj["land_blocked_mu"] = std::max(0.0, u->second.land_wanted_mu - *b.land_mu);
                if (b.energy_tce)
                    bj["energy_blocked_tce"] = std::max(0.0, u->second.energy_wanted_tce - *b.energy_tce);
            }
        }
        j["budgets"][z.code] = bj;
    }
    if (o.candidates) {
        j["candidates"] = json::array();
        for (const auto& c : set.candidates)
            j["candidates"].push_back({{"project_id", projects[c.project].project_id},
                                       {"parcel_ids", plan::plot_codes(set.plots[c.plot], parcels)},
                                       {"zone", set.plots[c.plot].zone},
                                       {"area_mu", c.area_mu},
                                       {"energy_tce", c.energy_tce},
                                       {"score", c.score}});
    }
    return j;
}

/// `plan --format table|csv|xlsx|gpkg` (the columns of docs/planning.md).
void write_plan_table(const PlanOptions& o, const store::Scenario& s, const plan::Solution& sol,
                      const std::vector<size_t>& forced, const std::vector<PipelineProject>& projects,
                      const plan::CandidateSet& set, const std::vector<Parcel>& parcels,
                      const std::vector<Zone>& zones) {
    const std::set<size_t> forced_set(forced.begin(), forced.end());
    report::Table t;
    const bool en = o.lang == "en";
    t.name = "plan";
    t.headers = en ? std::vector<std::string>{"Project",
                                              "Parcels",
                                              "Zone",
                                              "Area (mu)",
                                              "Committed intensity (10k CNY/mu)",
                                              "Threshold",
                                              "Score",
                                              "Reason"}
                   : std::vector<std::string>{
                         "项目",          "宗地编号", "开发区", "面积(亩)", "承诺投资强度(万元/亩)",
                         "门槛(万元/亩)", "得分",     "理由"};
    t.decimals = 2;
    std::map<std::string, double> thr;
    for (const auto& z : zones) thr[z.code] = z.threshold_wan_per_mu;
    for (size_t j2 : sol.chosen) {
        const auto& c = set.candidates[j2];
        const auto& p = projects[c.project];
        std::string codes;
        for (const auto& x : plan::plot_codes(set.plots[c.plot], parcels))
            codes += (codes.empty() ? "" : "+") + x;
        t.rows.push_back({p.project_id, codes, set.plots[c.plot].zone, c.area_mu,
                          p.fixed_invest_wan.value_or(0) / c.area_mu, thr[set.plots[c.plot].zone], c.score,
                          forced_set.count(j2) ? std::string(en ? "locked" : "锁定")
                                               : std::string(s.optimal ? (en ? "optimal" : "最优")
                                                                       : (en ? "feasible" : "可行"))});
    }
    for (const auto& u : sol.unplaced)
        t.rows.push_back({projects[u.project].project_id, report::Cell(), report::Cell(), report::Cell(),
                          report::Cell(), report::Cell(), report::Cell(), en ? u.reason_en : u.reason_zh});
    if (o.format == "csv") {
        if (o.out.empty())
            std::cout << report::to_csv(t);
        else
            report::write_file(o.out, report::to_csv(t), true);
    } else if (o.format == "xlsx") {
        if (o.out.empty()) throw InputError("--format xlsx needs --out FILE.xlsx.");
        report::write_xlsx(t, o.out);
    } else if (o.format == "gpkg") {
        if (o.out.empty()) throw InputError("--format gpkg needs --out FILE.gpkg.");
        // the assigned plots with their project (the unplaced projects have no place on a map)
        report::Table placed = t;
        placed.rows.resize(sol.chosen.size());
        std::vector<std::string> wkb;
        for (size_t j2 : sol.chosen)
            wkb.push_back(plan::plot_wkb(set.plots[set.candidates[j2].plot], parcels));
        output::write_table_gpkg(placed, "plan", wkb, o.out);
    } else {
        if (o.out.empty())
            std::cout << report::to_text(t);
        else
            report::write_file(o.out, report::to_text(t));
    }
}

int run_plan(const PlanOptions& o) {
    auto ws = store::Workspace::open(o.workspace, false);
    const auto zones = ws.load_zones(false);
    const auto parcels = ws.load_parcels(true);
    const auto ledger = ws.load_projects();
    const auto links = ws.load_links();
    auto existing = ws.load_scenario(o.scenario);
    const int64_t read_version = existing ? existing->version : 0;

    std::string pipeline_source;
    std::vector<Problem> pipeline_problems;
    const std::vector<PipelineProject> projects =
        plan::planning_projects(o.pipeline, existing, ledger, links, pipeline_source, &pipeline_problems);
    for (const auto& p : pipeline_problems) std::cerr << "pipeline: " << p.message_en << "\n";
    const plan::PlanConfig cfg = plan::load_plan_config(o.config, {source_config_dir()});
    const plan::CandidateSet set = plan::build_candidates(projects, zones, parcels, links, cfg);

    const std::vector<size_t> forced = resolve_locks(o, existing, projects, set, parcels, zones, cfg);

    plan::Solution sol;
    if (o.solve) {
        sol = plan::solve(set, projects, cfg, forced);
    } else {
        // not solved: the locks only; every other project is listed as not planned yet
        sol.chosen = forced;
        sol.status = "not solved";
        std::set<size_t> placed;
        for (size_t j : forced) {
            sol.objective += set.candidates[j].score;
            placed.insert(set.candidates[j].project);
        }
        for (size_t i = 0; i < projects.size(); ++i)
            if (!placed.count(i))
                sol.unplaced.push_back({i, "not_solved", "the scenario has not been solved (plan --solve)",
                                        "方案尚未求解（plan --solve）"});
    }

    store::Scenario s = plan::make_scenario(o.scenario, projects, pipeline_source, set, sol.chosen, forced,
                                            parcels, o.solve, sol.optimal && o.solve);
    if (existing) {
        s.created = existing->created;
        s.created_by = existing->created_by;
    }
    ws.save_scenario(s, read_version);

    std::cerr << "scenario " << s.name << ": " << sol.chosen.size() << " of " << projects.size()
              << " projects placed on " << set.plots.size() << " plots (" << set.candidates.size()
              << " feasible pairs), objective " << sol.objective << ", " << sol.status << " in "
              << sol.seconds << " s\n";
    if (!sol.optimal && sol.bound > sol.objective)
        std::cerr << "  not proven optimal: no assignment scores more than " << sol.bound << " (gap "
                  << (sol.bound - sol.objective) / std::max(1.0, std::fabs(sol.bound)) * 100 << " %)\n";
    for (const auto& [zone, u] : sol.budget_use) {
        const auto b = cfg.budgets.find(zone);
        if (b == cfg.budgets.end() || !sol.objective_without_budgets) continue;
        if (u.land_binds && b->second.land_mu)
            std::cerr << "  budget " << zone << ": land " << u.land_mu << " of " << *b->second.land_mu
                      << " 亩 used; without budgets the optimum would place " << u.land_wanted_mu
                      << " 亩 there\n";
        if (u.energy_binds && b->second.energy_tce)
            std::cerr << "  budget " << zone << ": energy " << u.energy_tce << " of " << *b->second.energy_tce
                      << " tce used; without budgets the optimum would draw " << u.energy_wanted_tce
                      << " tce there\n";
    }
    if (sol.objective_without_budgets)
        std::cerr << "  the budgets cost " << *sol.objective_without_budgets - sol.objective
                  << " of the objective (" << *sol.objective_without_budgets << " without them)\n";

    if (o.format == "json") {
        const std::string text =
            plan_json(o, s, sol, forced, projects, set, parcels, zones, cfg).dump(2) + "\n";
        if (o.out.empty())
            std::cout << text;
        else
            report::write_file(o.out, text);
        return int(kOk);
    }
    write_plan_table(o, s, sol, forced, projects, set, parcels, zones);
    return int(kOk);
}

Registrar reg_plan("plan", 70, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<PlanOptions>();
    auto* sub =
        app.add_subcommand("plan",
                           "Plot-assignment planner: place pipeline and unplaced ledger projects on vacant "
                           "plots, optimally (docs/planning.md); keeps the result as a named scenario.");
    add_workspace_option(sub, o->workspace);
    sub->add_option("--scenario", o->scenario, "Scenario name (created or updated)")->required();
    sub->add_option("--pipeline", o->pipeline, "Project pipeline (项目库) XLSX/CSV");
    sub->add_flag("--solve", o->solve, "Find the assignment of highest total score (exact MILP)");
    sub->add_option("--lock", o->locks,
                    "PROJECT=PARCEL[+PARCEL…]: a placement the plan must keep (repeatable)");
    sub->add_option("--config", o->config,
                    "Planning rules, weights and budgets (default config/planning.json)");
    sub->add_flag("--candidates", o->candidates, "json: also list every feasible project-plot pair");
    sub->add_option("--out", o->out, "Write the result to this file instead of standard output");
    add_format_option(sub, o->format, {"table", "csv", "xlsx", "json", "gpkg"});
    add_lang_option(sub, o->lang);
    return [o]() { return run_plan(*o); };
});

// ------------------------------------------------------------------------------------------------ scenario
struct ScenarioOptions {
    std::string workspace, action, format = "table", lang = "zh";
    std::vector<std::string> names;
};

int run_scenario(const ScenarioOptions& o) {
    const bool writes = o.action == "copy" || o.action == "rename" || o.action == "delete";
    auto ws = store::Workspace::open(o.workspace, !writes);
    auto need = [&](size_t n) {
        if (o.names.size() != n)
            throw InputError("scenario " + o.action + " needs " + std::to_string(n) + " scenario name" +
                             (n > 1 ? "s" : "") + ".");
    };
    if (o.action == "copy") {
        need(2);
        ws.copy_scenario(o.names[0], o.names[1]);
        return int(kOk);
    }
    if (o.action == "rename") {
        need(2);
        ws.rename_scenario(o.names[0], o.names[1]);
        return int(kOk);
    }
    if (o.action == "delete") {
        need(1);
        ws.delete_scenario(o.names[0]);
        return int(kOk);
    }
    if (o.action == "list") {
        const auto list = ws.list_scenarios();
        if (o.format == "json") {
            json j = json::array();
            for (const auto& s : list)
                j.push_back({{"name", s.name},
                             {"created", s.created},
                             {"changed", s.changed},
                             {"created_by", s.created_by},
                             {"version", s.version},
                             {"solved", s.solved},
                             {"optimal", s.optimal},
                             {"objective", s.objective},
                             {"pipeline", s.pipeline_source},
                             {"assignments", s.assignments.size()}});
            std::cout << j.dump(2) << "\n";
            return int(kOk);
        }
        report::Table t;
        const bool en = o.lang == "en";
        t.name = "scenarios";
        t.headers =
            en ? std::vector<std::string>{"Scenario", "Assignments", "Objective",
                                          "Optimal",  "Changed",     "Pipeline"}
               : std::vector<std::string>{"方案", "落地项目数", "目标值", "最优", "修改时间", "项目库"};
        for (const auto& s : list)
            t.rows.push_back({s.name, int64_t(s.assignments.size()), s.objective,
                              std::string(s.optimal ? (en ? "yes" : "是") : (en ? "no" : "否")), s.changed,
                              s.pipeline_source});
        std::cout << (o.format == "csv" ? report::to_csv(t) : report::to_text(t));
        return int(kOk);
    }
    // compare
    need(2);
    std::vector<store::Scenario> sc;
    for (const auto& n : o.names) {
        auto s = ws.load_scenario(n);
        if (!s) {
            std::string known;
            for (const auto& x : ws.list_scenarios()) known += (known.empty() ? "" : ", ") + x.name;
            throw InputError("There is no scenario '" + n +
                             "' in the workspace (scenarios: " + (known.empty() ? "none yet" : known) + ").");
        }
        sc.push_back(std::move(*s));
    }
    const auto zones = ws.load_zones(false);
    const auto parcels = ws.load_parcels(false);
    const auto links = ws.load_links();
    // chain gaps closed, against the chain pairs `chains` uses (skipped when there is no such file)
    std::optional<plan::ChainBaseline> chains;
    const std::string chain_path = analysis::find_chain_config({source_config_dir()});
    if (std::error_code ec; std::filesystem::exists(chain_path, ec)) {
        chains.emplace();
        chains->config = analysis::load_chain_config(chain_path);
        chains->distance_m = chains->config.default_distance_m;
        chains->firms = analysis::chain_firms(zones, parcels, ws.load_projects(), links);
    }
    json out = plan::compare_scenarios(sc[0], sc[1], zones, parcels, links, chains ? &*chains : nullptr);
    out["names"] = o.names;
    const json& zones_j = out["zones"];
    if (o.format == "json") {
        std::cout << out.dump(2) << "\n";
        return int(kOk);
    }
    report::Table t;
    const bool en = o.lang == "en";
    t.name = "scenario_compare";
    t.headers = {en ? "Zone" : "园区", en ? "Indicator" : "指标", o.names[0], o.names[1],
                 en ? "Change" : "差值"};
    // The KPI keys of the JSON, named for people in the table's language.
    auto kpi = [&](const std::string& k) -> std::string {
        const char* label = plan::kpi_label(k, en);
        return label ? label : k;
    };
    auto rows = [&](const std::string& zone, const json& x, const json& y, const json& d) {
        for (auto it = x.begin(); it != x.end(); ++it) {
            if (it.key() == "zone") continue;
            auto cellof = [](const json& v) -> report::Cell {
                if (v.is_number()) return v.get<double>();
                if (v.is_boolean()) return std::string(v.get<bool>() ? "yes" : "no");  // replaced below in zh
                return report::Cell();
            };
            auto yes_no = [&](report::Cell c) {
                if (!en && std::holds_alternative<std::string>(c))
                    return report::Cell(std::string(std::get<std::string>(c) == "yes" ? "是" : "否"));
                return c;
            };
            t.rows.push_back({zone == "total" ? std::string(en ? "total" : "合计") : zone, kpi(it.key()),
                              yes_no(cellof(*it)), yes_no(cellof(y.value(it.key(), json()))),
                              yes_no(cellof(d.value(it.key(), json())))});
        }
    };
    rows("total", out["a"], out["b"], out["delta"]);
    for (const auto& z : zones_j) rows(z["zone"].get<std::string>(), z["a"], z["b"], z["delta"]);
    std::cout << (o.format == "csv" ? report::to_csv(t) : report::to_text(t));
    return int(kOk);
}

Registrar reg_scenario("scenario", 71, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ScenarioOptions>();
    auto* sub = app.add_subcommand("scenario",
                                   "Planning scenarios: list, copy A B, rename A B, delete A, compare A B");
    add_workspace_option(sub, o->workspace);
    sub->add_option("action", o->action, "list | copy | rename | delete | compare")
        ->required()
        ->check(CLI::IsMember({"list", "copy", "rename", "delete", "compare"}));
    sub->add_option("names", o->names, "Scenario names");
    add_format_option(sub, o->format, {"table", "csv", "json"});
    add_lang_option(sub, o->lang);
    return [o]() { return run_scenario(*o); };
});

}  // namespace
}  // namespace pa::cli
