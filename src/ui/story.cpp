#include "ui/story.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/analysis/date.hpp"
#include "core/store/workspace.hpp"
#include "render/overlay.hpp"
#include "ui/keys.hpp"

namespace pa::ui {

float presentation_font_scale(int screen_h) {
    const float want = std::ceil(0.025f * static_cast<float>(std::max(screen_h, 1080)) * render::kCjkLineEm /
                                 render::kBodyPx * 4.0f) /
                       4.0f;
    return std::min(want, 3.0f);
}

namespace {

constexpr double kPi = 3.14159265358979323846;

double smoothstep(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

void save(ViewerState& s, TaskQueue& tasks) {
    const std::string path = s.workspace_path;
    const auto views = s.story.views;
    tasks.submit(
        "storyboard",
        [path, views]() -> TaskQueue::Continuation {
            auto ws = store::Workspace::open(path, false);
            ws.save_storyboard(views);
            return [] {};
        },
        [&s](const std::string& e) {
            s.story.message = e;
            s.story.message_failed = true;
        });
    s.story.message_failed = false;
}

void show_step(ViewerState& s, int i, double now) {
    auto& st = s.story;
    if (i < 0 || i >= static_cast<int>(st.views.size()) || !s.data) return;
    st.current = i;
    st.edit_index = -1;  // the editor's buffers follow the step shown
    st.fly_from = s.camera;
    st.fly_to = apply_story_view(s, st.views[static_cast<size_t>(i)]);
    st.flying = true;
    st.fly_t0 = now;
    st.step_shown_at = now;
}

void start(ViewerState& s, int from, double now) {
    auto& st = s.story;
    if (st.views.empty()) {
        st.message = render::tr("story.empty", s.lang);
        st.message_failed = true;
        return;
    }
    if (!st.presenting) {
        st.was_hidden = s.panels.hidden;
        st.was_fullscreen = s.present.fullscreen;
    }
    if (!st.presenting) st.presenting_since = now;
    st.presenting = true;
    st.blank = false;
    s.panels.hidden = true;
    // Legible from the back of the room: the legend's characters (an ideograph's em of the body size,
    // render/overlay.hpp's type scale) at least 2.5 % of the screen height, as `render`'s presentation
    // default (the camera's height is the window's framebuffer, the screen's once full screen).
    st.saved_font_scale = s.present.font_scale;
    const float want = presentation_font_scale(s.camera.height);
    if (s.present.font_scale < want) {
        s.present.font_scale = want;
        s.fonts_dirty = true;
    }
    if (!s.present.fullscreen) s.present.request_fullscreen = true;
    show_step(s, std::clamp(from, 0, static_cast<int>(st.views.size()) - 1), now);
}

void stop(ViewerState& s) {
    auto& st = s.story;
    if (!st.presenting) return;
    st.presenting = false;
    st.blank = false;
    s.panels.hidden = st.was_hidden;
    if (s.present.font_scale != st.saved_font_scale) {
        s.present.font_scale = st.saved_font_scale;
        s.fonts_dirty = true;
    }
    if (s.present.fullscreen != st.was_fullscreen) s.present.request_fullscreen = true;
}

}  // namespace

StoryView capture_story_view(const ViewerState& s, const std::string& name) {
    StoryView v;
    v.name = name;
    if (s.data) {
        const LonLat c = s.data->proj.lonlat(s.camera.cx, s.camera.cy);
        v.center_lon = c.lon;
        v.center_lat = c.lat;
    }
    v.height_m = s.camera.m_per_px * s.camera.height;
    v.theme = analysis::to_string(s.theme.theme);
    v.method = analysis::to_string(s.theme.options.method);
    v.classes = s.theme.options.class_count;
    v.breaks = s.theme.options.manual_breaks;
    const auto& f = s.filters.filter;
    v.zone = f.zone_code;
    v.industry = f.industry;
    v.stage = f.stage;
    v.enterprise_kind = f.enterprise_kind;
    v.supply_status = f.supply_status ? to_string(*f.supply_status) : "";
    if (s.theme.theme == analysis::Theme::LandState)
        v.as_of = analysis::Date::month_label(s.supply.timeline.month);
    v.zones = s.layers.zones;
    v.parcels = s.layers.parcels;
    v.projects = s.layers.projects;
    v.outlines = s.layers.outlines;
    v.labels = s.layers.labels;
    for (const auto& b : s.context.basemaps)
        if (!b.shown) v.hidden_layers.push_back(b.basemap.name);
    for (const auto& r : s.context.references)
        if (!r.shown) v.hidden_layers.push_back(r.name);
    return v;
}

render::Camera apply_story_view(ViewerState& s, const StoryView& v) {
    if (auto t = analysis::theme_from_string(v.theme)) s.theme.theme = *t;
    if (auto m = analysis::method_from_string(v.method))
        s.theme.options.method = *m;
    else
        s.theme.options.method = analysis::default_method(s.theme.theme);  // "": the theme's own
    s.theme.options.class_count = std::clamp(v.classes, 2, 9);
    s.theme.options.manual_breaks = v.breaks;
    s.theme.dirty = true;
    auto& f = s.filters.filter;
    f.zone_code = v.zone;
    f.industry = v.industry;
    f.stage = v.stage;
    f.enterprise_kind = v.enterprise_kind;
    f.supply_status = v.supply_status.empty() ? std::nullopt : supply_status_from_string(v.supply_status);
    if (!v.as_of.empty())
        if (auto mi = analysis::Date::parse_month(v.as_of)) s.supply.timeline.month = *mi;
    s.layers.zones = v.zones;
    s.layers.parcels = v.parcels;
    s.layers.projects = v.projects;
    s.layers.outlines = v.outlines;
    s.layers.labels = v.labels;
    auto hidden = [&](const std::string& n) {
        return std::find(v.hidden_layers.begin(), v.hidden_layers.end(), n) != v.hidden_layers.end();
    };
    for (auto& b : s.context.basemaps) b.shown = !hidden(b.basemap.name);
    for (auto& r : s.context.references) r.shown = !hidden(r.name);
    s.context.changed = true;
    render::Camera cam = s.camera;
    if (s.data && v.height_m > 0) {
        const render::PlanePoint c = s.data->proj.xy(v.center_lon, v.center_lat);
        cam.cx = c.x;
        cam.cy = c.y;
        cam.m_per_px = v.height_m / std::max(1, cam.height);
    }
    return cam;
}

bool story_frame(ViewerState& s, TaskQueue& tasks, double now) {
    auto& st = s.story;
    if (!s.data) return false;
    if (st.loaded_for != s.data.get()) {  // a workspace arrived: read its storyboard
        st.loaded_for = s.data.get();
        st.views.clear();
        st.current = -1;
        const std::string path = s.workspace_path;
        const auto data = s.data;
        tasks.submit(
            "storyboard",
            [&s, path, data]() -> TaskQueue::Continuation {
                auto views = store::Workspace::open(path, true).load_storyboard();
                return [&s, data, views] {
                    if (s.data != data) return;
                    s.story.views = views;
                    if (s.story.autostart > 0 && !views.empty()) {
                        s.story.current = std::min(s.story.autostart, static_cast<int>(views.size())) - 1;
                        s.story.request_start = true;
                        s.story.autostart = 0;
                    }
                    s.fonts_dirty = true;  // the steps' names and titles need their glyphs
                };
            },
            [&s](const std::string& e) {
                s.story.message = e;
                s.story.message_failed = true;
            });
    }
    if (st.request_capture) {
        st.request_capture = false;
        std::string name;
        for (int n = static_cast<int>(st.views.size()) + 1;; ++n) {
            name = std::string(render::tr("story.view", s.lang)) + " " + std::to_string(n);
            if (std::none_of(st.views.begin(), st.views.end(),
                             [&](const StoryView& v) { return v.name == name; }))
                break;
        }
        StoryView v = capture_story_view(s, name);
        v.title = name;
        const int at = st.current >= 0 ? st.current + 1 : static_cast<int>(st.views.size());
        st.views.insert(st.views.begin() + at, v);
        st.current = at;
        st.edit_index = -1;
        st.request_save = true;
        s.fonts_dirty = true;
    }
    if (st.request_replace >= 0 && st.request_replace < static_cast<int>(st.views.size())) {
        auto& old = st.views[static_cast<size_t>(st.request_replace)];
        StoryView v = capture_story_view(s, old.name);
        v.title = old.title;
        v.subtitle = old.subtitle;
        v.seconds = old.seconds;
        old = v;
        st.request_save = true;
    }
    st.request_replace = -1;
    if (st.request_save) {
        st.request_save = false;
        save(s, tasks);
    }
    if (st.request_start) {
        st.request_start = false;
        start(s, st.current >= 0 ? st.current : 0, now);
    }
    if (st.request_stop) {
        st.request_stop = false;
        stop(s);
    }
    if (st.request_show >= 0) {
        show_step(s, st.request_show, now);
        st.request_show = -1;
    }
    bool busy = false;
    if (st.flying) {  // ease in and out; far apart, rise (zoom out) in the middle
        const double t = (now - st.fly_t0) / st.fly_s;
        const double u = smoothstep(t);
        const auto& a = st.fly_from;
        const auto& b = st.fly_to;
        const double dist = std::hypot(b.cx - a.cx, b.cy - a.cy);
        const double span = std::max(a.m_per_px * a.width, b.m_per_px * b.width);
        const double rise = std::clamp(dist / std::max(span, 1.0), 0.0, 3.0) * 0.5;
        s.camera.cx = a.cx + (b.cx - a.cx) * u;
        s.camera.cy = a.cy + (b.cy - a.cy) * u;
        s.camera.m_per_px =
            std::exp(std::log(a.m_per_px) + (std::log(b.m_per_px) - std::log(a.m_per_px)) * u) *
            (1.0 + rise * std::sin(kPi * u));
        if (t >= 1.0) {
            st.flying = false;
            st.applied_height = b.height;
            s.camera.cx = b.cx;
            s.camera.cy = b.cy;
            s.camera.m_per_px = b.m_per_px;
        }
        busy = true;
    }
    // The window changed size under a step (it went full screen after the step was applied): the step shows
    // the same ground in the new window.
    if (st.presenting && !st.flying && st.current >= 0 && st.current < static_cast<int>(st.views.size()) &&
        s.camera.height != st.applied_height) {
        const auto& v = st.views[static_cast<size_t>(st.current)];
        if (v.height_m > 0) {
            const render::PlanePoint c = s.data->proj.xy(v.center_lon, v.center_lat);
            s.camera.cx = c.x;
            s.camera.cy = c.y;
            s.camera.m_per_px = v.height_m / std::max(1, s.camera.height);
        }
        st.applied_height = s.camera.height;
    }
    if (st.presenting && st.auto_advance && !st.blank && st.current >= 0 &&
        st.current < static_cast<int>(st.views.size())) {
        const double secs = st.views[static_cast<size_t>(st.current)].seconds;
        if (secs > 0) {
            busy = true;
            if (now - st.step_shown_at >= secs && st.current + 1 < static_cast<int>(st.views.size()))
                show_step(s, st.current + 1, now);
        }
    }
    return busy;
}

bool story_handle_keys(ViewerState& s, bool shift) {
    auto& st = s.story;
    const auto pressed = [](int key) { return ImGui::IsKeyPressed(key); };
    const auto nav = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); };
    if (pressed(keys::kF5) && !st.views.empty()) {
        st.request_start = true;
        if (!shift) st.current = 0;  // F5 from the start, Shift+F5 from the step selected
        return true;
    }
    if (!st.presenting) return false;
    const int n = static_cast<int>(st.views.size());
    if (nav(ImGuiKey_Escape)) {
        st.request_stop = true;
        return true;
    }
    if (pressed('B') || pressed('.')) {  // clickers send B or '.' for a black screen
        st.blank = !st.blank;
        return true;
    }
    const bool next = nav(ImGuiKey_PageDown) || nav(ImGuiKey_RightArrow) || nav(ImGuiKey_DownArrow) ||
                      nav(ImGuiKey_Space) || nav(ImGuiKey_Enter);
    const bool prev =
        nav(ImGuiKey_PageUp) || nav(ImGuiKey_LeftArrow) || nav(ImGuiKey_UpArrow) || nav(ImGuiKey_Backspace);
    if (next || prev) {
        st.blank = false;
        const int to = std::clamp(st.current + (next ? 1 : -1), 0, std::max(0, n - 1));
        if (to != st.current) st.request_show = to;
        return true;
    }
    return false;
}

}  // namespace pa::ui
