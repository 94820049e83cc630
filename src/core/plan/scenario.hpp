#pragma once
// Scenario support shared by the CLI and the viewer (docs/planning.md).
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model.hpp"
#include "core/store/workspace.hpp"

namespace pa::plan {

/// A pipeline row as a scenario stores it (the `pipeline` JSON array), and back.
nlohmann::json pipeline_to_json(const PipelineProject& p);
PipelineProject pipeline_from_json(const nlohmann::json& j);

/// Signed ledger projects on no parcel (the `unplaced_project` rows of `check`), as planner candidates sized
/// by their 用地面积 (±10% before the rules' tolerance), in the zone their 所属园区 names.
std::vector<PipelineProject> unplaced_ledger_projects(const std::vector<Project>& projects,
                                                      const std::vector<Link>& links);

/// `scenario compare`: {"a": kpis, "b": kpis, "delta": b − a, "zones": [{"zone", "a", "b", "delta"}]}; KPIs
/// per zone and in total (land, investment, output, tax, energy, projects assigned and unplaced, vacant land
/// left, investment and tax per 亩 over the ledger's parcels with projects and the scenario's plots,
/// threshold met).
nlohmann::json compare_scenarios(const store::Scenario& a, const store::Scenario& b,
                                 const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                                 const std::vector<Link>& links);

}  // namespace pa::plan
