#pragma once
// The month-by-month replay as a video (`parkatlas animate`, the viewer's timeline export): one frame per
// month end, the map coloured by the land states (or the 履约 classes) of that date with the idle parcels
// outlined, the month in the title and the replay's counters (projects signed, investment signed, funds in
// place) beside it. Draws with MapPicture in the OpenGL context that is current (an EGL one for the CLI, the
// viewer's own) and encodes through output::VideoWriter (MP4 or GIF).
#include <functional>
#include <string>
#include <vector>

#include "render/map_data.hpp"
#include "render/offscreen.hpp"

namespace pa::render {

struct ReplayVideoRequest {
    /// Size, zone, language, basemaps, reference layers, title (a prefix; "" = zone · theme) and note of
    /// every frame. `base.theme` is LandState or Fulfilment.
    RenderRequest base;
    int first_month = 0, last_month = -1;  // Date::month_index(), inclusive
    double fps = 2.0;
    std::string out;                           // .mp4 or .gif
    std::vector<std::string> protected_paths;  // the workspace: never written over
    bool outline_idle = true;                  // land_state: the idle parcels outlined in red
};

struct ReplayVideoResult {
    int frames = 0;
    std::string codec;
    double render_ms = 0, encode_ms = 0;
};

/// Writes the video. `progress(done, total)` after each frame. InputError for a theme that has no dates, an
/// empty or reversed month range, an unknown zone or an output it cannot write.
ReplayVideoResult write_replay_video(const MapData& data, const ReplayVideoRequest& req,
                                     const std::function<void(int, int)>& progress = {});

}  // namespace pa::render
