#pragma once
// The viewer's test hooks (`parkatlas view --drop … --auto-import --export-png … --quit-after-tasks`) in one
// object, advanced once a frame through the paths of the real events: the drop goes through the window's drop
// handler, the import through the import panel's action, the export through key P's request. Each fires once,
// in this order, when the workspace is shown and the worker is idle.
#include "ui/app_state.hpp"
#include "ui/task_queue.hpp"
#include "ui/viewer.hpp"
#include "ui/window.hpp"

namespace pa::ui {

class TestHooks {
  public:
    explicit TestHooks(const ViewerOptions& opt)
        : drops_(opt.drops),
          dropped_(opt.drops.empty()),
          imported_(!opt.auto_import),
          exported_(opt.export_png.empty()) {}

    /// Before a frame: the drop, then (after the import) the export request.
    void before_frame(ViewerState& s, Window& window, const TaskQueue& tasks) {
        const bool ready = s.data && s.data->geometry_ready && !tasks.busy();
        if (!dropped_ && ready) {
            window.simulate_drop(drops_);  // as if dropped on the window
            dropped_ = true;
        }
        if (dropped_ && imported_ && !exported_ && ready) {
            s.request_export = true;  // as key P
            exported_ = true;
        }
    }
    /// True once, when the import panel's action should be pressed for the dropped files.
    bool press_import(const ViewerState& s, const TaskQueue& tasks) {
        if (imported_ || !dropped_ || s.import.pending.empty() || tasks.busy()) return false;
        imported_ = true;
        return true;
    }
    /// Every hook has run, its work is done and the workspace is shown.
    bool done(const ViewerState& s, const TaskQueue& tasks) const {
        return dropped_ && imported_ && exported_ && !s.request_export && s.data && !tasks.busy();
    }

  private:
    std::vector<std::string> drops_;
    bool dropped_, imported_, exported_;
};

}  // namespace pa::ui
