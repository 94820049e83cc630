#pragma once
// The map layers of the clustering, heat-map and chain panels: schedules their jobs on the TaskQueue worker
// (debounced, newest generation only), uploads finished results and draws them over the map (under the
// labels, which ImGui draws afterwards). Owns the GL renderers (HeatmapRenderer, two ShapeOverlays); needs
// the viewer's OpenGL context. The panels only edit ViewerState::analysis.
#include <memory>

#include "render/heatmap.hpp"
#include "render/overlay_shapes.hpp"
#include "ui/app_state.hpp"
#include "ui/task_queue.hpp"

namespace pa::ui {

class AnalysisLayers {
  public:
    AnalysisLayers();
    /// Per frame on the UI thread, before the panels: resets on a new workspace, submits jobs whose debounce
    /// has elapsed, uploads finished results, selects a hull clicked on the map. Returns true while it needs
    /// more frames (a debounce is running).
    bool update(ViewerState& s, TaskQueue& tasks, double now_s);
    /// Draws the heat map, the hulls and the chain links into the bound framebuffer after the map.
    void draw(ViewerState& s, float ui_scale);

  private:
    render::HeatmapRenderer heat_;
    render::ShapeOverlay hulls_, links_;
};

/// Strings the analysis panels show that are not in the workspace or the i18n table (the chain
/// configuration's industry names), for the font atlas.
std::vector<std::string> analysis_glyph_strings(const ViewerState& s);

/// Debounce of the live update, seconds.
inline constexpr double kLiveDebounceS = 0.25;

}  // namespace pa::ui
