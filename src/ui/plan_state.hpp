#pragma once
// State of the viewer's planning mode (panel_plan.cpp): a scenario being edited. The worker builds the
// candidates and solves (core/plan, the same code as `parkatlas plan`); the UI thread keeps the assignment
// being edited, its undo/redo history and the outlines of the assigned plots on the map. Part of ViewerState
// (app_state.hpp).
#include <array>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/plan/planner.hpp"

namespace pa::ui {

/// What the worker hands back: the candidates and the optimum over them.
struct PlanResult {
    std::vector<PipelineProject> projects;
    plan::CandidateSet set;
    plan::Solution solution;
    std::string pipeline_source;
    int64_t read_version = 0;                    // the scenario's stored version when it was read (0: new)
    std::vector<std::vector<size_t>> by_parcel;  // per parcel index: the candidates whose plot holds it
    plan::PlanConfig config;                     // the rules it was built with (re-optimise, "why not")
};

/// One state of the assignment being edited (what undo and redo step through).
struct PlanEdit {
    std::vector<size_t> chosen;  // candidate indices, ascending
    std::vector<size_t> locked;  // those of them the optimiser must keep, ascending
    bool operator==(const PlanEdit&) const = default;
};

/// The side-by-side compare view (panel_plan_compare.cpp): two stored scenarios, each on its half of the map
/// (same centre and scale: pan and zoom move both), their KPI table between them — the same figures as
/// `parkatlas scenario compare --format json`.
struct PlanCompareResult {
    std::string a, b;     // the scenarios' names
    nlohmann::json kpis;  // plan::compare_scenarios (with the chain gaps closed)
    std::vector<int> parcels_a,
        parcels_b;  // each scenario's assigned parcels (indices into MapData::parcels)
};
struct PlanCompareState {
    bool on = false;  // the map is split in two
    std::array<char, 128> a{}, b{};
    std::shared_ptr<const PlanCompareResult> result;
    bool running = false, layers_dirty = false;
    std::string message;
    // test hook (`view --compare A,B`): compare once the workspace is shown, print the table's figures
    std::string hook;
    bool hook_submitted = false;
};

/// Which pipeline projects the panel's tables list: text in the id, name, enterprise or industry; the
/// project's land range overlapping [min_mu, max_mu] (0 = no bound); and every flag ticked (标准地, 数字经济,
/// 总部, 央企).
struct PlanFilter {
    std::array<char, 64> text{};
    float min_mu = 0, max_mu = 0;
    bool standard_land = false, digital_economy = false, headquarters = false, central_soe = false;
    bool active() const {
        return text[0] || min_mu > 0 || max_mu > 0 || standard_land || digital_economy || headquarters ||
               central_soe;
    }
};

struct PlanUiState {
    bool open = false;
    std::array<char, 128> scenario{};  // name
    std::array<char, 512> pipeline{};  // pipeline file path
    std::shared_ptr<const PlanResult> result;
    PlanEdit edit;                     // the assignment being edited
    std::vector<PlanEdit> undo, redo;  // earlier / undone states
    std::array<char, 64> probe{};      // a project id to check against the selected parcel
    PlanFilter filter;                 // narrows the assignment table and the unplaced list
    std::vector<std::string> names;    // the stored scenarios (the switcher)
    bool names_loaded = false, listing = false;
    int legend_parcels = 0;  // the map legend's row for the planned plots: parcels and 亩
    double legend_mu = 0.0;
    int64_t version = 0;  // the scenario's stored version this assignment is based on (optimistic check)
    bool running = false;
    bool highlight_dirty = false;
    std::string message;
    bool message_failed = false;
    // test hooks (`view --plan-suggest FILE --plan-save NAME`): run once the workspace is shown
    std::string hook_pipeline, hook_save, hook_load;
    bool hook_suggested = false, hook_save_submitted = false, hook_saved = false;
    PlanCompareState compare;
};

}  // namespace pa::ui
