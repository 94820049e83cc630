#pragma once
// The land-supply views of the viewer (land-state replay, supply charts and targets): land-state replay
// (panel_timeline.cpp), targets charts (panel_targets.cpp), vacant-land finder (panel_vacant.cpp), and the
// per-frame glue (supply_views.cpp).
#include <string>
#include <vector>

#include "render/supply_layers.hpp"
#include "ui/app_state.hpp"
#include "ui/task_queue.hpp"

namespace pa::ui {

/// Once per frame before the theme is classified (UI thread, GL context current): starts the worker build of
/// the replay and targets for a new workspace, advances the replay while playing, and on a month change (only
/// then) sets the land-state classes of the theme (theme.dirty), the idle outlines and the signed projects'
/// points.
void supply_frame(ViewerState& s, TaskQueue& tasks, render::SupplyLayers& layers);
/// True while the replay plays (the frame loop keeps drawing).
bool supply_animating(const ViewerState& s);

void draw_timeline_panel(ViewerState& s);
void draw_targets_panel(ViewerState& s);
void draw_vacant_panel(ViewerState& s, TaskQueue& tasks);
/// All three, plus a "土地供应" menu to open them.
void draw_supply_panels(ViewerState& s, TaskQueue& tasks);

// Chart helpers drawn with ImGui's draw list (supply_charts.cpp); each reserves `size` in the current window.
struct ChartSeries {
    std::vector<std::string> labels;
    std::vector<double> values;
    std::vector<bool> highlight;  // bars drawn in the accent colour
};
/// Vertical bars with the value above each bar and the label below; `unit` after the values.
void bar_chart(const char* id, const ChartSeries& data, const char* unit, float height, int decimals);
/// Horizontal bars (one per row, label left, value right of the bar), for long lists such as zones.
void hbar_chart(const char* id, const ChartSeries& data, const char* unit, int decimals);
/// A line through `values` (one point per label), with an optional horizontal target line and its caption, a
/// dashed straight path from 0 to the target at the last point, and the current index marked.
void line_chart(const char* id, const ChartSeries& data, double target, const char* target_caption,
                float height, int decimals, int marked = -1);

}  // namespace pa::ui
