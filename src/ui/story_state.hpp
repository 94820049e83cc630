#pragma once
// The storyboard's state in the viewer (ui/story.cpp runs it, ui/panel_story.cpp edits it): the saved views
// of the workspace, the step shown, presentation mode (PageDown/PageUp/arrows/Space, F5, Esc, B) and the
// fly-to between steps.
#include <array>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "render/camera.hpp"

namespace pa::ui {

struct StoryUiState {
    bool open = false;             // the editor panel
    std::vector<StoryView> views;  // the sequence as edited (saved to the workspace after each change)
    const void* loaded_for = nullptr;
    int current = -1;  // the step selected in the editor / shown while presenting
    bool presenting = false;
    bool blank = false;        // B: the screen is black (the audience looks at the speaker)
    bool auto_advance = true;  // steps with seconds > 0 advance by themselves while presenting
    bool was_hidden = false, was_fullscreen = false;  // restored when the presentation ends
    float saved_font_scale = 1.0f;
    // Requests from the panel and the keys, carried out by ui/story.cpp in the frame.
    int request_show = -1;  // show this step (fly there)
    bool request_save = false;
    bool request_capture = false;  // add the current view as a new step
    int request_replace = -1;      // replace this step's view by the current one (name, title kept)
    bool request_start = false, request_stop = false;
    int autostart = 0;  // `view --story N`: start presenting at step N once the storyboard is loaded
    // The fly-to.
    bool flying = false;
    double fly_t0 = 0, fly_s = 1.2;
    render::Camera fly_from, fly_to;
    int applied_height = 0;       // the window height the step's camera was computed for
    double step_shown_at = 0;     // when the current step arrived (auto-advance counts from here)
    double presenting_since = 0;  // when the presentation started (the console's clock)
    std::array<char, 128> name_buf{}, title_buf{}, subtitle_buf{};
    int edit_index = -1;  // whose texts the buffers hold
    std::string message;  // the last save's result
    bool message_failed = false;
};

}  // namespace pa::ui
