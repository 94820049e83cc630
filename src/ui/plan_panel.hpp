#pragma once
// The viewer's planning mode (panel_plan.cpp).
#include "render/overlay.hpp"
#include "render/supply_layers.hpp"
#include "ui/app_state.hpp"
#include "ui/task_queue.hpp"

namespace pa::ui {

/// The planning panel (menu Analysis → Planning, or `view --open-panel plan`).
void draw_plan_panel(ViewerState& s, TaskQueue& tasks);
/// Once per frame (UI thread, GL context current): runs the test hooks and uploads the outlines of the
/// assigned plots when the assignment changed.
void plan_frame(ViewerState& s, TaskQueue& tasks, render::SupplyLayers& layers);
/// The legend row of the planned plots (null when no plan is shown), for the map's legend.
const render::OverlayOptions::OutlineRow* plan_legend_row(const ViewerState& s);
/// The side-by-side compare view of two stored scenarios (panel_plan_compare.cpp).
/// Its controls (two scenario pickers, show / close), inside the planning panel.
void draw_plan_compare_controls(ViewerState& s, TaskQueue& tasks);
/// The halves' names and the KPI table between them, when the view is on.
void draw_plan_compare_view(ViewerState& s);
/// The map is split in two (each half one scenario's plots).
bool plan_compare_shown(const ViewerState& s);
/// Once per frame: runs the `--compare A,B` hook and uploads the two scenarios' outlines (slots 3 and 4).
void plan_compare_frame(ViewerState& s, TaskQueue& tasks, render::SupplyLayers& layers);
/// The `--compare` hook has its result (or its error); print_plan_compare writes it to standard output.
bool plan_compare_hook_done(const ViewerState& s);
void print_plan_compare(const ViewerState& s);
/// The planning test hooks (`view --plan-suggest … --plan-save …`) have run and their tasks are done.
bool plan_hooks_done(const ViewerState& s);

}  // namespace pa::ui
