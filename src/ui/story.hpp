#pragma once
// The storyboard in the viewer (docs/meeting-room.md): loads the workspace's saved views, saves the edited
// sequence (off the UI thread), captures the current view as a step, shows a step (theme, classification,
// filters, date, layers, then a smooth fly-to), and runs presentation mode: PageDown / → / ↓ / Space next,
// PageUp / ← / ↑ previous (what presenter clickers send), F5 start, Shift+F5 start here, B blank, Esc end,
// optional auto-advance.
#include "ui/app_state.hpp"
#include "ui/task_queue.hpp"

namespace pa::ui {

/// The presentation default of the type scale for a screen `screen_h` pixels high (at least 1080): the
/// legend's characters (an ideograph's em of the body size, render/overlay.hpp) at least 2.5 % of the height,
/// in quarter steps, at most 3. Presenting a storyboard and `view --present` use it.
float presentation_font_scale(int screen_h);

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
/// The presenter's console (its own window and ImGui context, current while this runs; ui/story_console.cpp):
/// the step shown and the next, the clocks, previous / next / blank / start / end, the step list; the
/// clicker's keys work there too.
void draw_story_console(ViewerState& s, double now_s);
/// What the console's buttons do (also the test hook --console-press): "next", "prev", "blank", "start",
/// "stop".
void story_console_press(ViewerState& s, const std::string& what);

}  // namespace pa::ui
