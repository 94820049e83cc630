#pragma once
// The storyboard in the viewer (docs/meeting-room.md): loads the workspace's saved views, saves the edited
// sequence (off the UI thread), captures the current view as a step, shows a step (theme, classification,
// filters, date, layers, then a smooth fly-to), and runs presentation mode: PageDown / → / ↓ / Space next,
// PageUp / ← / ↑ previous (what presenter clickers send), F5 start, Shift+F5 start here, B blank, Esc end,
// optional auto-advance.
#include "ui/app_state.hpp"
#include "ui/task_queue.hpp"

namespace pa::ui {

/// The current view as a storyboard step (camera, theme, classification, filters, date, layers).
StoryView capture_story_view(const ViewerState& s, const std::string& name);
/// Applies everything but the camera, and returns the camera the step asks for in this window.
render::Camera apply_story_view(ViewerState& s, const StoryView& v);

/// Per frame, before the panels: loads, saves, captures, shows, flies, auto-advances. Returns true while it
/// needs frames (a fly-to, a pending auto-advance).
bool story_frame(ViewerState& s, TaskQueue& tasks, double now_s);
/// Presentation keys; true when the key was the storyboard's (the map must not also pan).
bool story_handle_keys(ViewerState& s, bool shift);
/// The editor panel (menu 视图 → 演示脚本).
void draw_story_panel(ViewerState& s);

}  // namespace pa::ui
