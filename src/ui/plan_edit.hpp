#pragma once
// Editing the planning panel's assignment (panel_plan.cpp): every change goes through plan_edit, which keeps
// the undo history; a lock goes with its assignment. No ImGui and no GL here (unit-tested).
#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "ui/plan_state.hpp"

namespace pa::ui {

/// Makes `next` the current state (its locks limited to its assignments) and records the old one for undo.
inline void plan_edit(PlanUiState& p, PlanEdit next) {
    p.undo.push_back(p.edit);
    p.redo.clear();
    std::vector<size_t> kept;
    std::set_intersection(next.locked.begin(), next.locked.end(), next.chosen.begin(), next.chosen.end(),
                          std::back_inserter(kept));
    next.locked = std::move(kept);
    p.edit = std::move(next);
    p.highlight_dirty = true;
}

/// True when `x` passes the panel's filter.
inline bool plan_filter_matches(const PlanFilter& f, const PipelineProject& x) {
    const std::string needle = f.text.data();
    if (!needle.empty() && x.project_id.find(needle) == std::string::npos &&
        x.name.find(needle) == std::string::npos && x.enterprise.find(needle) == std::string::npos &&
        x.industry.find(needle) == std::string::npos)
        return false;
    // the land range [lo, hi] overlaps the filter's (a project without a range passes no size bound)
    const double lo = x.min_area_mu.value_or(x.max_area_mu.value_or(-1)),
                 hi = x.max_area_mu.value_or(x.min_area_mu.value_or(-1));
    if (f.min_mu > 0 && (hi < 0 || hi < f.min_mu)) return false;
    if (f.max_mu > 0 && (lo < 0 || lo > f.max_mu)) return false;
    return (!f.standard_land || x.standard_land) && (!f.digital_economy || x.digital_economy) &&
           (!f.headquarters || x.headquarters) && (!f.central_soe || x.central_soe);
}

inline void plan_undo(PlanUiState& p) {
    if (p.undo.empty()) return;
    p.redo.push_back(p.edit);
    p.edit = p.undo.back();
    p.undo.pop_back();
    p.highlight_dirty = true;
}

inline void plan_redo(PlanUiState& p) {
    if (p.redo.empty()) return;
    p.undo.push_back(p.edit);
    p.edit = p.redo.back();
    p.redo.pop_back();
    p.highlight_dirty = true;
}

/// `chosen` with candidate `j` in place of whatever shared its project or a parcel (ascending).
inline std::vector<size_t> plan_with(const PlanResult& r, const std::vector<size_t>& chosen, size_t j) {
    const auto& c = r.set.candidates[j];
    const auto& parcels = r.set.plots[c.plot].parcels;
    std::vector<size_t> out;
    for (size_t k : chosen) {
        const auto& o = r.set.candidates[k];
        bool clash = o.project == c.project;
        for (size_t q : r.set.plots[o.plot].parcels)
            clash = clash || std::find(parcels.begin(), parcels.end(), q) != parcels.end();
        if (!clash) out.push_back(k);
    }
    out.push_back(j);
    std::sort(out.begin(), out.end());
    return out;
}

/// Where a project dropped on a parcel goes: its best-scoring candidate whose plot holds the parcel (nullopt:
/// it fits no plot there).
inline std::optional<size_t> plan_drop_candidate(const PlanResult& r, size_t project, size_t parcel) {
    std::optional<size_t> best;
    if (parcel >= r.by_parcel.size()) return best;
    for (size_t j : r.by_parcel[parcel])
        if (r.set.candidates[j].project == project &&
            (!best || r.set.candidates[j].score > r.set.candidates[*best].score))
            best = j;
    return best;
}

}  // namespace pa::ui
