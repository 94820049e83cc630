#pragma once
// The viewer's 亩均 evaluation (panel_grade.cpp).
#include "ui/app_state.hpp"
#include "ui/task_queue.hpp"

namespace pa::ui {

/// Once per frame: starts the evaluation on the worker when the grade theme or panel wants it and it is not
/// computed for the open workspace, and keeps the grade filter in the theme's options.
void grade_frame(ViewerState& s, TaskQueue& tasks);
/// The panel (menu Analysis → Per-mu evaluation, or `view --open-panel grade`): preset and year, the grade
/// filter, the distribution of grades per zone.
void draw_grade_panel(ViewerState& s);
/// The card's evaluation section for a parcel: its enterprises, their grade, score and score breakdown.
void draw_grade_card(const ViewerState& s, int parcel);
/// The card's 履约 section: the parcel's contract commitments at their review stage, committed vs actual and
/// the shortfall (computed once per selection).
void draw_fulfilment_card(ViewerState& s, int parcel);

}  // namespace pa::ui
