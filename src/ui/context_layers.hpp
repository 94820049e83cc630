#pragma once
// The viewer's context layers (docs/meeting-room.md): the workspace's registered basemaps under the map and
// its reference layers (roads, rivers, boundaries) over the parcels, each toggled and ordered in the layers
// panel.
//
// Basemaps are warped off the UI thread (TaskQueue) for a box 1.5 times the window on each side at the view's
// resolution; the texture keeps being drawn (moved and scaled by the camera) while the user pans and zooms,
// and a new warp is asked for only when the view leaves that box or its resolution drifts by more than a
// factor 1.6, once the camera has been still for a moment. Nothing is read or warped in a frame itself.
#include <memory>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "render/basemap_layer.hpp"
#include "render/camera.hpp"
#include "render/overlay_shapes.hpp"
#include "ui/context_state.hpp"

namespace pa::ui {

struct ViewerState;
class TaskQueue;

class ContextLayers {
  public:
    ContextLayers();
    struct Update {
        bool redraw_map = false;  // a new basemap picture or a toggle: the cached map is stale
        bool keep_alive = false;  // a warp is waiting for the camera to settle, or in flight
    };
    /// Loads the lists when a workspace arrives, asks for a warp when the view needs one, uploads finished
    /// warps.
    Update update(ViewerState& s, TaskQueue& tasks, double now);
    /// For --timings: when the first basemap picture arrived (seconds on the `now` clock, -1: none yet) and
    /// how long each warp took on the worker.
    double first_picture_s() const { return first_picture_s_; }
    const std::vector<double>& warp_ms() const { return warp_ms_; }
    /// The basemap texture for MapStyle::basemap (null when none is shown).
    const render::BasemapLayer* basemap() const;
    /// Draws the shown reference layers over the map (after the parcels, under ImGui), with `camera` (a half
    /// of the compare view) or the viewer's.
    void draw_references(const ViewerState& s, float ui_scale, const render::Camera* camera = nullptr);

  private:
    render::BasemapLayer basemap_;
    std::vector<std::unique_ptr<render::ShapeOverlay>> meshes_;
    std::vector<float> widths_;
    std::vector<double> max_m_per_px_;  // the styles' scale ranges
    struct Pending;
    std::shared_ptr<Pending> pending_;  // the warp in flight, filled by the worker
    bool in_flight_ = false;
    render::Camera last_cam_;
    double cam_changed_at_ = 0;
    double covered_[4] = {0, 0, 0, 0};
    double covered_m_per_px_ = 0;
    bool want_warp_ = false;
    double first_picture_s_ = -1;
    std::vector<double> warp_ms_;
};

}  // namespace pa::ui
