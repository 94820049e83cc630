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
/// The planning test hooks (`view --plan-suggest … --plan-save …`) have run and their tasks are done.
bool plan_hooks_done(const ViewerState& s);

}  // namespace pa::ui
