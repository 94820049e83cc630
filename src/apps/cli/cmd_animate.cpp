// parkatlas animate -w WORKSPACE [--theme land_state|fulfilment] [--zone CODE] [--from YYYY-MM] [--to
// YYYY-MM]
// [--fps 2] [--size 1920x1080] --out replay.mp4|replay.gif: the month-by-month replay as a video, offscreen
// through EGL (no window, no X display), one frame per month end.
#include <iostream>
#include <memory>

#include "apps/cli/basemap_options.hpp"
#include "apps/cli/command.hpp"
#include "core/analysis/land_state_replay.hpp"
#include "core/common/output_file.hpp"
#include "core/output/video.hpp"
#include "core/store/workspace.hpp"
#include "render/egl_context.hpp"
#include "render/map_data.hpp"
#include "render/replay_video.hpp"

namespace pa::cli {
namespace {

struct AnimateOptions {
    std::string workspace, theme = "land_state", zone, from, to, size = "1920x1080", lang = "zh", out, title,
                           note;
    double fps = 2.0;
    bool no_idle = false;
    BasemapOptions basemap;
};

Registrar reg("animate", 61, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<AnimateOptions>();
    auto* sub = app.add_subcommand(
        "animate",
        "Write the month-by-month replay as a video (MP4 or GIF), offscreen: one frame per month with the "
        "land states of that month's end, the month in the title and the projects signed, investment signed "
        "and funds in place beside it.");
    add_workspace_option(sub, o->workspace);
    sub->add_option("--theme", o->theme, "land_state | fulfilment (履约)")
        ->check(CLI::IsMember({"land_state", "fulfilment"}))
        ->capture_default_str();
    sub->add_option("--zone", o->zone, "Zone code or name: fit the frames to it and count its projects only");
    sub->add_option("--from", o->from, "First month, YYYY-MM (default 2021-01)");
    sub->add_option("--to", o->to, "Last month, YYYY-MM (default: the month of the latest date in the data)");
    sub->add_option("--fps", o->fps, "Frames (months) per second")
        ->check(CLI::Range(0.1, 60.0))
        ->capture_default_str();
    sub->add_option("--size", o->size, "Frame size WxH in pixels (an MP4's are made even)")
        ->capture_default_str();
    o->basemap.add(sub);
    sub->add_flag("--no-idle-outline", o->no_idle, "land_state: do not outline the idle parcels in red");
    sub->add_option("--title", o->title, "Title before the month (default: zone · theme)");
    sub->add_option("--note", o->note, "Footer note");
    add_lang_option(sub, o->lang);
    sub->add_option("--out", o->out,
                    std::string("Output video: .mp4 (H.264) or .gif (") + output::video_formats() + ")")
        ->required();
    return [o]() {
        render::ReplayVideoRequest req;
        req.base.theme = o->theme == "fulfilment" ? analysis::Theme::Fulfilment : analysis::Theme::LandState;
        std::tie(req.base.width, req.base.height) = parse_size(o->size);
        req.base.lang = render::lang_from_string(o->lang);
        req.base.title = o->title;
        req.base.note = o->note;
        req.fps = o->fps;
        req.out = o->out;
        req.outline_idle = !o->no_idle;
        req.protected_paths = {o->workspace};
        for (const auto& b : o->basemap.paths) req.protected_paths.push_back(b);
        check_output_path(o->out, req.protected_paths);

        auto data = render::load_map_data(o->workspace);
        req.base.zone_code = require_zone(data.zones, o->zone);
        {
            auto ws = store::Workspace::open(o->workspace, true);
            req.base.references = ws.load_reference_layers();
            req.base.basemaps = o->basemap.resolve(ws);
        }
        auto [first, last] = analysis::default_replay_months(data.parcels, data.projects);
        auto month = [](const std::string& text, const char* what) {
            auto m = analysis::Date::parse_month(text);
            if (!m)
                throw InputError(std::string("The ") + what + " '" + text +
                                 "' is not a month YYYY-MM, e.g. 2021-01.");
            return *m;
        };
        if (!o->from.empty()) first = month(o->from, "--from");
        if (!o->to.empty()) last = month(o->to, "--to");

        req.first_month = first;
        req.last_month = last;
        render::EglContext egl;
        const auto res = render::write_replay_video(data, req, [](int done, int total) {
            if (done == total || done % 12 == 0) std::cerr << "  frame " << done << " / " << total << "\n";
        });
        std::cerr << "wrote " << o->out << " (" << res.frames << " frames, "
                  << analysis::Date::month_label(first) << " to " << analysis::Date::month_label(last) << ", "
                  << req.base.width << "x" << req.base.height << ", " << res.codec << ", "
                  << static_cast<int>(res.render_ms) << " ms drawing, " << static_cast<int>(res.encode_ms)
                  << " ms encoding)\n";
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
