#pragma once
// Scenario support shared by the CLI and the viewer (docs/planning.md).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/chains.hpp"
#include "core/model.hpp"
#include "core/plan/planner.hpp"
#include "core/store/workspace.hpp"

namespace pa::plan {

/// A pipeline row as a scenario stores it (the `pipeline` JSON array), and back.
nlohmann::json pipeline_to_json(const PipelineProject& p);
PipelineProject pipeline_from_json(const nlohmann::json& j);

/// The pipeline rows a scenario stored (without the ledger's unplaced projects, which are read afresh).
std::vector<PipelineProject> stored_pipeline(const store::Scenario& s);

/// The candidates of a plan: the pipeline file `pipeline_path` (else the stored pipeline of `existing`, if
/// any), then the ledger's unplaced projects not already in it. Sets `source` to the pipeline's path; the
/// pipeline's row problems go to `problems` when given. InputError when the pipeline file is refused.
std::vector<PipelineProject> planning_projects(const std::string& pipeline_path,
                                               const std::optional<store::Scenario>& existing,
                                               const std::vector<Project>& ledger,
                                               const std::vector<Link>& links, std::string& source,
                                               std::vector<Problem>* problems = nullptr);

/// Signed ledger projects on no parcel (the `unplaced_project` rows of `check`), as planner candidates sized
/// by their 用地面积 (±10% before the rules' tolerance), in the zone their 所属园区 names.
std::vector<PipelineProject> unplaced_ledger_projects(const std::vector<Project>& projects,
                                                      const std::vector<Link>& links);

/// The parcel codes of a plot, sorted (how scenarios, locks and the JSON name a plot).
std::vector<std::string> plot_codes(const Plot& plot, const std::vector<Parcel>& parcels);
/// A candidate's score parts as {"base": …, …}.
nlohmann::json score_parts_json(const Candidate& c);

/// The scenario `name` holding the candidates `chosen` (indices into set.candidates; those in `locked` are
/// locks) of `projects`, with the pipeline it used. `solved`/`optimal` as the solver said.
store::Scenario make_scenario(const std::string& name, const std::vector<PipelineProject>& projects,
                              const std::string& pipeline_source, const CandidateSet& set,
                              const std::vector<size_t>& chosen, const std::vector<size_t>& locked,
                              const std::vector<Parcel>& parcels, bool solved, bool optimal);

/// The planning configuration: `path` when given, else planning.json beside the industry chains file
/// (analysis::find_chain_config's folders; defaults when there is none), with the chain pairs of that file.
PlanConfig load_plan_config(const std::string& path, const std::vector<std::string>& fallback_dirs);

/// What the chain-gap KPI needs: the chain pairs and distance (`chains`' own), and the ledger's located
/// firms.
struct ChainBaseline {
    analysis::ChainConfig config;
    double distance_m = 5000.0;
    std::vector<analysis::ChainFirm> firms;
};

/// `scenario compare`: {"a": kpis, "b": kpis, "delta": b − a, "zones": [{"zone", "a", "b", "delta"}]}; KPIs
/// per zone and in total (land, investment, output, tax, energy, projects assigned and unplaced, vacant land
/// left, investment and tax per 亩 over the ledger's parcels with projects and the scenario's plots,
/// threshold met; with `chains`, chain_gaps_closed: the (zone, chain pair) rows of `chains` that are 补链
/// gaps — missing_upstream / missing_downstream — with the ledger's firms alone and no longer with the
/// scenario's projects added at their plots).
nlohmann::json compare_scenarios(const store::Scenario& a, const store::Scenario& b,
                                 const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                                 const std::vector<Link>& links, const ChainBaseline* chains = nullptr);

/// The people's name of a compare KPI key ("land_mu" → 落地用地(亩) / Land placed (mu)); nullptr for an
/// unknown key.
const char* kpi_label(const std::string& key, bool en);
/// Every compare KPI key, in the order tables show them.
std::vector<std::string> kpi_keys();

/// Per zone code, how many of the ledger's 补链 gaps the scenario's projects close (see compare_scenarios).
std::map<std::string, int> chain_gaps_closed(const store::Scenario& s, const std::vector<Parcel>& parcels,
                                             const ChainBaseline& chains);

}  // namespace pa::plan
