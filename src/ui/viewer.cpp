// The map viewer's frame loop, in the manner of Tracy's: run() waits for work and calls one named step after
// another (fonts and uploads, input, panels, map, present, after-frame). Opening a workspace is in
// workspace_open.cpp, the test hooks in test_hooks.hpp, the panels in panel_*.cpp; no OpenGL call here
// (render/ owns them).
#include "ui/viewer.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/common/cache_dir.hpp"
#include "core/common/error.hpp"
#include "core/common/industry_names.hpp"
#include "core/import/import_pipeline.hpp"
#include "core/io/context_set.hpp"
#include "core/output/pdf_map.hpp"
#include "core/plan/scenario.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"
#include "render/imgui_draw.hpp"
#include "render/map_cache.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen.hpp"
#include "render/overlay.hpp"
#include "render/pdf_page_builder.hpp"
#include "render/replay_video.hpp"
#include "render/window_target.hpp"
#include "ui/cluster_layers.hpp"
#include "ui/context_layers.hpp"
#include "ui/grade_panel.hpp"
#include "ui/keys.hpp"
#include "ui/panels.hpp"
#include "ui/plan_panel.hpp"
#include "ui/shared_db.hpp"
#include "ui/story.hpp"
#include "ui/supply_panels.hpp"
#include "ui/task_queue.hpp"
#include "ui/test_hooks.hpp"
#include "ui/window.hpp"
#include "ui/workspace_open.hpp"

namespace pa::ui {

namespace fs = std::filesystem;

std::string sample_workspace_path() {
    return (user_cache_dir() / "sample.sqlite").string();
}

std::string sample_data_dir() {
    std::vector<fs::path> candidates;
    if (const char* e = std::getenv("PARKATLAS_SAMPLE_DIR"); e && *e) candidates.emplace_back(e);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back(exe.parent_path() / ".." / "share" / "parkatlas" / "gis-data");
    candidates.push_back(fs::path(PARKATLAS_SHADER_DIR).parent_path() / "gis-data");
    for (const auto& c : candidates)
        if (fs::exists(c / "zones.shp", ec)) return c.string();
    return "";
}

void import_sample(const std::string& dir, const std::string& workspace) {
    fs::create_directories(fs::path(workspace).parent_path());
    import::ImportRequest req;
    req.workspace = workspace;
    req.zones = (fs::path(dir) / "zones.shp").string();
    req.parcels = {(fs::path(dir) / "parcels_guian.gpkg").string(),
                   (fs::path(dir) / "parcels_guiyang.shp").string()};
    req.ledger = (fs::path(dir) / "projects.xlsx").string();
    // The sample's context (roads, rivers, hillshade) is read first: a refusal leaves nothing behind.
    std::optional<io::ContextSet> context;
    if (const auto set = fs::path(dir) / "context.json"; fs::exists(set))
        context = io::read_context_set(set.string());
    import::run_import(req);
    if (context) {
        auto ws = store::Workspace::open(workspace, false);
        io::store_context_set(*context, ws);
    }
}

namespace {

using render::tr;
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// --zone's zone (find_zone: the code, the Chinese or the English name, in any case); null when not given or
// not a zone of the workspace.
const Zone* start_zone(const render::MapData& d, const ViewerOptions& opt) {
    return opt.start_zone.empty() ? nullptr : find_zone(d.zones, opt.start_zone);
}

// The first view of a workspace: --zone's parcels, --bbox, or everything. An unknown zone code is said in the
// error banner (naming the zones there are) and the whole workspace is shown.
render::Box start_view(const render::MapData& d, const ViewerOptions& opt, std::string& error) {
    if (opt.start_bbox) {
        const auto& b = *opt.start_bbox;
        return render::plane_box(d.proj, b[0], b[1], b[2], b[3], 8);
    }
    if (!opt.start_zone.empty()) {
        if (const Zone* z = start_zone(d, opt)) return d.zone_focus_box(z->code);
        std::string codes;
        for (const auto& z : d.zones) codes += (codes.empty() ? "" : ", ") + z.code;
        error = "--zone '" + opt.start_zone +
                "' is not a zone of this workspace; its zones are: " + (codes.empty() ? "(none)" : codes) +
                ".";
    }
    return d.extent;
}
class Viewer {
  public:
    explicit Viewer(const ViewerOptions& opt);
    int run();

  private:
    bool wait_for_work();
    void prepare_frame();
    void rebuild_fonts();
    void upload_mesh_slice();
    void apply_theme();
    void handle_mouse(ImGuiIO& io, float fb);
    void handle_keys(ImGuiIO& io, float fb);
    void apply_view_requests(float fb);
    void draw_panels(ImGuiIO& io);
    void draw_banners(ImGuiIO& io);
    bool draw_map(float fb);
    void export_view();
    /// After the frame: export, quit, screenshot, benchmark motion. Returns an exit code to stop with, or -1.
    int after_frame(const std::vector<unsigned char>& shot);
    void print_view_reads() const;
    /// The presenter's console window, opened and closed as asked (menu, --console), one frame of it.
    void console_frame(bool last);
    void print_timings() const;

    const ViewerOptions& opt_;
    Window window_;
    ViewerState s;
    render::MapRenderer renderer_;
    render::MapLayerCache map_cache_;
    render::ImGuiPainter painter_;
    TaskQueue tasks_;
    OpenContext open_{s, renderer_, tasks_};
    SharedDbWatch shared_;                // a PostGIS workspace: the change feed
    AnalysisLayers analysis_layers_;      // clusters' hulls, heat map, chain links over the map
    ContextLayers context_;               // basemaps under the map, reference layers over it
    render::SupplyLayers supply_layers_;  // idle outlines, vacant hits, signed projects of the replay
    TestHooks hooks_;
    int frames_to_draw_ = 3, shown_frames_ = 0, partial_frames_ = 0;
    int mesh_upload_frames_ = 0;  // frames that carried a slice of the staged mesh upload
    Clock::time_point mesh_upload_t0_;
    bool dragging_ = false;
    bool console_pressed_ = false;  // --console-press done
    double t_start_ = 0, t_first_map_frame_ = -1;
    bool select_done_ = false;   // --select applied
    bool context_busy_ = false;  // a basemap warp is pending or in flight
    bool story_busy_ = false;    // a fly-to or an auto-advance is under way
    std::vector<double> frame_ms_;
    std::vector<bool> frame_redrew_;
};

// The map lives in an offscreen buffer redrawn only when the view, style or colours change (4x MSAA on a GPU,
// none under llvmpipe, where every sample costs CPU time: 4x took about twice as long per redraw there).
// Under llvmpipe a changed map is drawn straight into the window (the copy is a full-screen pass there);
// $PARKATLAS_MAP_DIRECT=0/1 overrides that (benchmarks). ImGui is drawn through the painter: under a software
// rasteriser, panels that did not change since the last frame are copied back from a saved picture instead of
// drawn again ($PARKATLAS_UI_DAMAGE=0 turns that off, for comparisons; on a GPU drawing them costs nothing
// worth saving).
bool map_direct_for(int samples) {
    bool direct = samples == 0 && render::software_renderer(render::current_renderer_name());
    if (const char* e = std::getenv("PARKATLAS_MAP_DIRECT"); e && *e) direct = *e == '1';
    return direct;
}
bool ui_damage_enabled() {
    const char* e = std::getenv("PARKATLAS_UI_DAMAGE");
    return !(e && *e == '0');
}

Viewer::Viewer(const ViewerOptions& opt)
    : opt_(opt),
      window_(opt.width, opt.height, "ParkAtlas 园区地图"),
      map_cache_(render::map_samples_for_current_context(),
                 map_direct_for(render::map_samples_for_current_context())),
      painter_(map_cache_.direct() && ui_damage_enabled()),
      tasks_([] { Window::wake(); }),
      hooks_(opt) {
    s.lang = opt.lang;
    s.workspace_path = opt.workspace;
    s.panels.hidden = opt.presentation;
    s.present.font_scale = opt.font_scale;
    // English legend names of the industries (config/industries.json), read once at start.
    try {
        s.theme.options.industry_names = IndustryNames::find_and_load(
            {(std::filesystem::path(PARKATLAS_SHADER_DIR).parent_path() / "config").string()});
    } catch (const std::exception& e) {
        s.error = e.what();
    }
    for (const auto& p : opt.open_panels) {
        if (p == "cluster") s.analysis.cluster.open = true;
        if (p == "chains") s.analysis.chains.open = true;
        if (p == "heat") s.analysis.heat.panel_open = s.analysis.heat.on = true;
        if (p == "timeline") s.theme.theme = analysis::Theme::LandState;  // the replay shows with its theme
        if (p == "targets") s.supply.targets.open = true;
        if (p == "vacant") s.supply.vacant.open = true;
        if (p == "plan") s.plan.open = true;
        if (p == "grade") {
            s.grade.open = true;
            s.theme.theme = analysis::Theme::Grade;  // the panel shows with its theme
        }
    }
    s.plan.hook_pipeline = opt.plan_suggest;
    s.plan.hook_save = opt.plan_save;
    s.plan.hook_load = opt.plan_load;
    s.plan.compare.hook = opt.compare;
    s.shared.quit_after_reload = opt.quit_after_reload;
    s.present.console = opt.console;
    if (!opt.plan_suggest.empty() || !opt.plan_load.empty() || !opt.compare.empty()) s.plan.open = true;
    s.present.monitors = Window::monitor_names();
    if (opt.monitor >= 1) {
        if (opt.monitor > static_cast<int>(s.present.monitors.size()))
            s.error = "--monitor " + std::to_string(opt.monitor) + ": only " +
                      std::to_string(s.present.monitors.size()) +
                      " monitor(s) are connected; using the first.";
        s.present.monitor = std::min(opt.monitor, static_cast<int>(s.present.monitors.size())) - 1;
    }
    if (opt.fullscreen || opt.monitor >= 1) window_.set_fullscreen(true, s.present.monitor);
    s.story.autostart = opt.story_start;
    s.present.fullscreen = window_.fullscreen();
    if (opt.export_factor > 0) s.exporting.factor = opt.export_factor;
    t_start_ = Window::time();
    if (!opt.import_sample_dir.empty()) {
        const std::string dir = opt.import_sample_dir, ws = opt.workspace;
        tasks_.submit(
            tr("status.importing", s.lang),
            [dir, ws]() -> TaskQueue::Continuation {
                import_sample(dir, ws);
                return [] {};
            },
            [this](const std::string& e) { s.error = e; });
    }
    if (!opt.workspace.empty()) open_workspace(open_, opt.workspace);
}

int Viewer::run() {
    while (!window_.should_close()) {
        if (!wait_for_work()) continue;
        const auto t0 = Clock::now();
        hooks_.before_frame(s, window_, tasks_);
        prepare_frame();
        window_.begin_frame();
        ImGui::NewFrame();
        ImGuiIO& io = ImGui::GetIO();
        const float fb = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
        handle_mouse(io, fb);
        handle_keys(io, fb);
        story_busy_ = story_frame(s, tasks_, ImGui::GetTime());
        if (story_busy_) frames_to_draw_ = std::max(frames_to_draw_, 2);
        apply_view_requests(fb);
        if (analysis_layers_.update(s, tasks_, ImGui::GetTime()))
            frames_to_draw_ = std::max(frames_to_draw_, 2);
        const auto cu = context_.update(s, tasks_, Window::time());
        context_busy_ = cu.keep_alive;
        if (cu.redraw_map || cu.keep_alive) {
            if (cu.redraw_map) map_cache_.invalidate();
            frames_to_draw_ = std::max(frames_to_draw_, 2);
        }
        draw_panels(io);
        draw_banners(io);
        draw_map_furniture(s);
        ImGui::Render();
        // Partial frame: the panels that did not change are copied back over the map instead of drawn again.
        painter_.plan(ImGui::GetDrawData(), s.camera.width, s.camera.height);
        const bool map_redrawn = draw_map(fb);
        const bool last = opt_.frames > 0 && s.data && shown_frames_ + 1 >= opt_.frames;
        std::vector<unsigned char> shot;
        window_.end_frame(painter_, last && !opt_.screenshot.empty() ? &shot : nullptr);
        console_frame(last);
        frame_ms_.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        frame_redrew_.push_back(map_redrawn);
        if (s.data && t_first_map_frame_ < 0) t_first_map_frame_ = Window::time() - t_start_;
        if (s.data) ++shown_frames_;
        if (const int rc = after_frame(shot); rc >= 0) return rc;
    }
    print_timings();
    return 0;
}

void Viewer::console_frame(bool last) {
    if (s.present.console && !window_.console_open() &&
        !window_.open_console(960, 600, std::string(render::tr("console.title", s.lang)) + " · ParkAtlas")) {
        s.present.console = false;
        s.error = "The presenter's console window could not be opened on this display.";
    }
    if (!s.present.console && window_.console_open()) window_.close_console();
    if (!window_.console_open()) return;
    if (!opt_.console_press.empty() && !console_pressed_ && s.data && !s.story.views.empty()) {
        console_pressed_ = true;  // test hook: the console's button, once the storyboard is there
        story_console_press(s, opt_.console_press);
    }
    const double now = ImGui::GetTime();  // the map's clock, which the storyboard keeps its times in
    std::vector<unsigned char> shot;
    const bool capture = last && !opt_.console_screenshot.empty();
    if (!window_.console_frame([this, now] { draw_story_console(s, now); }, capture ? &shot : nullptr)) {
        s.present.console = false;  // the user closed it
        return;
    }
    if (capture && !shot.empty()) {
        const auto [w, h] = window_.console_size();
        render::write_png(opt_.console_screenshot, w, h, shot);
    }
    if (last)  // what the console shows, for the tests
        std::cout << "console: step " << s.story.current + 1 << " of " << s.story.views.size()
                  << (s.story.presenting ? ", presenting" : "") << (s.story.blank ? ", blanked" : "") << "\n";
}

/// Sleeps until something happens (input, a finished task, a running animation); true when a frame is due.
bool Viewer::wait_for_work() {
    const bool busy = tasks_.busy();
    if (window_.wait(frames_to_draw_ > 0 || opt_.frames > 0 ? 0.0 : (busy ? 0.05 : 0.5))) frames_to_draw_ = 3;
    if (busy || tasks_.busy()) frames_to_draw_ = std::max(frames_to_draw_, 1);
    if (supply_animating(s)) frames_to_draw_ = std::max(frames_to_draw_, 1);  // the replay plays
    tasks_.poll();  // finished tasks apply their results here, on the UI thread
    if (shared_.poll(s, open_, Window::time())) frames_to_draw_ = std::max(frames_to_draw_, 2);
    if (window_.console_open()) frames_to_draw_ = std::max(frames_to_draw_, 1);  // its clocks tick
    if (opt_.quit_after_tasks)
        frames_to_draw_ = std::max(frames_to_draw_, 1);          // the hooks run in drawn frames
    if (frames_to_draw_ <= 0 && opt_.frames == 0) return false;  // nothing changed: sleep again
    --frames_to_draw_;
    return true;
}

void Viewer::prepare_frame() {
    for (auto& f : window_.take_drops())
        s.import.pending.push_back({f, opt_.drop_kind.value_or(guess_import_kind(f))});
    if (s.fonts_dirty) rebuild_fonts();
    if (renderer_.mesh_upload_pending()) upload_mesh_slice();
    s.camera.width = std::max(1, window_.framebuffer_width());
    s.camera.height = std::max(1, window_.framebuffer_height());
    refresh_view(open_);  // a large workspace read by view: the next view, once the camera left the last
    if (s.data && !s.camera_fitted) {
        s.zoom_to = start_view(*s.data, opt_, s.error);
        s.camera_fitted = true;
        // --zone filters to the zone as well, as `render --zone` does: the same colours (the other zones'
        // parcels pale), legend counts, summary and title (an export is then render's picture).
        if (const Zone* z = start_zone(*s.data, opt_); z && s.filters.filter.zone_code.empty()) {
            s.filters.filter.zone_code = z->code;
            s.theme.dirty = true;
        }
    }
    supply_frame(s, tasks_, supply_layers_);  // land-state classes change only when the month does
    plan_frame(s, tasks_, supply_layers_);    // the planned plots' outlines, when the assignment changed
    plan_compare_frame(s, tasks_, supply_layers_);
    grade_frame(s, tasks_);  // the evaluation, once per workspace, when its theme wants it
    if (!select_done_ && !opt_.select_parcel.empty() && s.data && s.data->geometry_ready) {
        select_done_ = true;
        for (size_t i = 0; i < s.data->parcels.size(); ++i)
            if (s.data->parcels[i].code == opt_.select_parcel) {
                s.selected = static_cast<int>(i);
                s.zoom_to = s.data->parcel_boxes[i];
                break;
            }
        if (s.selected < 0)
            s.error = "--select '" + opt_.select_parcel + "' is no parcel code of this workspace.";
    }
    if (s.data && s.theme.dirty) apply_theme();
}

void Viewer::rebuild_fonts() {
    const auto t_fonts = Clock::now();
    // The map's one type scale (render/overlay.hpp), as `render` builds it: body, label and title sizes
    // rounded to whole pixels per em, times the font scale.
    const float fs = s.present.font_scale;
    auto glyphs = glyph_strings(s.data.get(), {&s.filters.industries, &s.filters.stages, &s.filters.kinds});
    for (auto& g : analysis_glyph_strings(s)) glyphs.push_back(std::move(g));   // chain config names
    for (const auto& b : s.context.basemaps) glyphs.push_back(b.basemap.name);  // the layers panel's rows
    for (const auto& r : s.context.references) glyphs.push_back(r.name);
    if (s.context.layers)  // the names the map puts on roads and rivers
        for (const auto& layer : *s.context.layers)
            if (!layer.style.label_field.empty())
                for (const auto& f : layer.features) glyphs.push_back(f.label);
    for (const auto& n : s.plan.names) glyphs.push_back(n);  // the stored scenarios (switcher, compare)
    for (const auto& k : plan::kpi_keys()) {                 // the compare view's KPI table
        glyphs.emplace_back(plan::kpi_label(k, false));
        glyphs.emplace_back(plan::kpi_label(k, true));
    }
    for (const auto& v : s.story.views) {  // the storyboard's names and titles
        glyphs.push_back(v.name);
        glyphs.push_back(v.title);
        glyphs.push_back(v.subtitle);
    }
    s.fonts.build(ImGui::GetIO(), glyphs, render::whole_em_px(render::kBodyPx * fs),
                  render::whole_em_px(render::kLabelPx * fs), render::whole_em_px(render::kTitlePx * fs));
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();  // the GPU holds the atlas now: its CPU copies (alpha, RGBA) go
    s.fonts_dirty = false;
    painter_.invalidate();  // same texture name, new glyphs: every window is drawn again
    if (s.data && s.data->open_timings.size() < 64)
        s.data->open_timings.emplace_back(
            s.data->geometry_ready ? "font atlas (all strings)" : "font atlas (stage 1 strings)",
            seconds_since(t_fonts));
}

void Viewer::upload_mesh_slice() {
    // A large mesh goes to the GPU in slices of 32 MB, one per frame (about 25 ms each under llvmpipe).
    if (mesh_upload_frames_++ == 0) mesh_upload_t0_ = Clock::now();
    if (renderer_.continue_mesh_upload(size_t(32) << 20) && s.data) {
        if (s.data->open_timings.size() < 64)
            s.data->open_timings.emplace_back("mesh to the GPU (after the first frame, over " +
                                                  std::to_string(mesh_upload_frames_) + " frames)",
                                              seconds_since(mesh_upload_t0_));
        // The renderer freed the CPU copy array by array as the GPU took it (an export reads it back,
        // restore_mesh).
        const size_t freed = renderer_.staged_bytes_freed();
        if (freed > 0 && s.data->open_timings.size() < 64)
            s.data->open_timings.emplace_back(
                "mesh's CPU copy freed as it went to the GPU (" + std::to_string(freed >> 20) + " MB)", 0.0);
    }
    frames_to_draw_ = std::max(frames_to_draw_, 1);
}

void Viewer::apply_theme() {
    const auto t_cl = Clock::now();
    s.theme.result = analysis::classify(s.data->parcels, s.theme.theme, s.theme.options, s.filters.filter);
    ++s.theme.generation;
    s.theme.colors = render::class_colors(s.theme.result);
    renderer_.set_parcel_colors(render::parcel_colors(s.theme.result, s.theme.colors));
    std::vector<uint32_t> zc;
    for (const auto& z : s.data->zones)
        zc.push_back((s.filters.filter.zone_code.empty() || z.code == s.filters.filter.zone_code
                          ? render::kZoneTint
                          : render::kZoneTintOther)
                         .packed());
    renderer_.set_zone_colors(zc);
    s.theme.dirty = false;
    if (s.theme.generation == 1)  // the first theme of this viewer: part of the way to the first frame
        s.data->open_timings.emplace_back("classify + colours (first theme)", seconds_since(t_cl));
}

/// Map navigation when ImGui does not want the mouse: wheel zooms, drag pans, click picks, hover shows.
void Viewer::handle_mouse(ImGuiIO& io, float fb) {
    if (!s.data || io.WantCaptureMouse) {
        s.hover = -1;
        return;
    }
    double mx = io.MousePos.x * fb;
    const double my = io.MousePos.y * fb;
    if (plan_compare_shown(s)) {  // each half shows the view's middle: a point of either half, in the view
        const double half = s.camera.width * 0.5;
        mx = std::fmod(mx, half) + half * 0.5;
    }
    if (io.MouseWheel != 0) s.camera.zoom_at(mx, my, std::pow(1.25, io.MouseWheel));
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) {
        s.camera.pan_pixels(io.MouseDelta.x * fb, io.MouseDelta.y * fb);
        dragging_ = true;
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        if (!dragging_)
            s.selected = s.data->picking.pick(s.data->parcels, s.data->parcel_boxes, s.camera.world_x(mx),
                                              s.camera.world_y(my));
        dragging_ = false;
    }
    if (ImGui::IsMousePosValid()) {
        s.hover = s.data->picking.pick(s.data->parcels, s.data->parcel_boxes, s.camera.world_x(mx),
                                       s.camera.world_y(my));
        const LonLat q = s.data->proj.lonlat(s.camera.world_x(mx), s.camera.world_y(my));
        s.cursor_lon = q.lon;
        s.cursor_lat = q.lat;
        s.cursor_on_map = true;
    }
}

/// Keyboard shortcuts (the help panel lists them) when ImGui does not want the keyboard.
void Viewer::handle_keys(ImGuiIO& io, float fb) {
    if (!s.data || io.WantCaptureKeyboard) return;
    if (story_handle_keys(s, io.KeyShift)) return;  // presenting: the clicker's keys step the storyboard
    const auto pressed = [](int key) { return ImGui::IsKeyPressed(key); };
    const auto pressed_nav = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); };
    const double step = 80 * fb;
    const double cx = s.camera.width / 2.0, cy = s.camera.height / 2.0;
    if (pressed('H') || pressed_nav(ImGuiKey_Home)) s.zoom_to = s.data->extent;
    if (pressed('=') || pressed(keys::kKeypadAdd)) s.camera.zoom_at(cx, cy, 1.5);
    if (pressed('-') || pressed(keys::kKeypadSubtract)) s.camera.zoom_at(cx, cy, 1 / 1.5);
    if (pressed_nav(ImGuiKey_LeftArrow)) s.camera.pan_pixels(step, 0);
    if (pressed_nav(ImGuiKey_RightArrow)) s.camera.pan_pixels(-step, 0);
    if (pressed_nav(ImGuiKey_UpArrow)) s.camera.pan_pixels(0, step);
    if (pressed_nav(ImGuiKey_DownArrow)) s.camera.pan_pixels(0, -step);
    for (int k = 0; k < 6; ++k)
        if (pressed('1' + k)) {
            s.theme.theme = analysis::all_themes()[static_cast<size_t>(k)];
            if (!s.theme.method_chosen) s.theme.options.method = analysis::default_method(s.theme.theme);
            s.theme.dirty = true;
        }
    if (pressed('L')) s.lang = s.lang == render::Lang::Zh ? render::Lang::En : render::Lang::Zh;
    if (pressed('P')) s.request_export = true;
    if (pressed('Z') && s.selected >= 0) s.zoom_to = s.data->parcel_boxes[static_cast<size_t>(s.selected)];
    if (pressed_nav(ImGuiKey_Escape)) s.selected = -1;
    if (pressed(keys::kF1)) s.panels.help = !s.panels.help;
    if (pressed(keys::kF11)) s.present.request_fullscreen = true;
    if (pressed_nav(ImGuiKey_Tab)) s.panels.hidden = !s.panels.hidden;
    if (io.KeyCtrl && pressed('Q')) s.request_quit = true;
}

/// Full screen and zoom-to requests from keys, menus and panels.
void Viewer::apply_view_requests(float fb) {
    if (s.present.request_fullscreen) {
        s.present.request_fullscreen = false;
        // A monitor chosen in the menu or by --monitor: full screen there (again, if already full screen on
        // another); otherwise toggle on the window's own monitor.
        const bool to_monitor = s.present.monitor >= 0 && s.present.request_monitor;
        s.present.request_monitor = false;
        window_.set_fullscreen(to_monitor || !window_.fullscreen(), to_monitor ? s.present.monitor : -1);
        s.present.fullscreen = window_.fullscreen();
    }
    if (!s.zoom_to) return;
    // Fit into the part of the window between the panel columns, then centre there.
    const auto& b = *s.zoom_to;
    const double left = side_column_reserved_px(s, true) * fb;
    const double right = side_column_reserved_px(s, false) * fb;
    render::Camera fit = s.camera;
    fit.width = std::max(100, static_cast<int>(s.camera.width - left - right));
    if (plan_compare_shown(s)) fit.width = s.camera.width / 2;  // side by side: the box fits each half
    fit.fit(b.min_x, b.min_y, b.max_x, b.max_y, 0.08);
    s.camera.m_per_px = fit.m_per_px;
    s.camera.cx = plan_compare_shown(s) ? fit.cx : fit.cx - (left - right) * 0.5 * fit.m_per_px;
    s.camera.cy = fit.cy;
    s.zoom_to.reset();
}

void Viewer::draw_panels(ImGuiIO&) {
    // Presentation (Tab): no menu bar and no panels, only the map with its furniture and legend.
    if (!s.panels.hidden) {
        draw_menu_bar(s);
        reset_side_columns(s);
        draw_layers_panel(s);
        draw_story_panel(s);
        draw_filters_panel(s);
        draw_selection_panel(s);
        draw_zones_panel(s);
        draw_analysis_menu(s);
        draw_cluster_panel(s);
        draw_chains_panel(s);
        draw_plan_panel(s, tasks_);
        draw_grade_panel(s);
    }
    draw_supply_panels(s, tasks_);  // the timeline stays in presentation; menu, targets, vacant hide
    draw_heatmap_panel(s);          // its legend ramp stays in presentation; the panel itself hides
    draw_help_panel(s);
    const bool auto_press =
        hooks_.press_import(s, tasks_);  // --auto-import, once the dropped files wait there
    if (!s.panels.hidden && (draw_import_panel(s, tasks_) || auto_press))
        import_dropped_files(open_, std::exchange(s.import.pending, {}));
}

/// The error banner, the opening progress, and the note while stage 2 of an open runs.
void Viewer::draw_banners(ImGuiIO& io) {
    if (!s.error.empty()) {
        ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Always,
                                ImVec2(0.5f, 0.5f));
        ImGui::Begin("!", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
        ImGui::PushTextWrapPos(600);
        ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1), "%s", s.error.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button("OK")) s.error.clear();
        ImGui::End();
    }
    if (!s.data && tasks_.busy()) {
        ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                                ImVec2(0.5f, 0.5f));
        ImGui::Begin("##progress", nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoDecoration);
        ImGui::TextUnformatted(tasks_.running().c_str());
        ImGui::ProgressBar(static_cast<float>(tasks_.progress()), ImVec2(360, 0), tasks_.step().c_str());
        ImGui::End();
    }
    if (s.data && !s.data->geometry_ready) {
        // Stage 2 of opening is still running: picking and parcel cards wait for it.
        const char* note = preparing_note(s.lang);
        const ImVec2 size = ImGui::CalcTextSize(note);
        const ImVec2 at(io.DisplaySize.x * 0.5f - size.x * 0.5f, io.DisplaySize.y - size.y - 40.0f);
        ImDrawList* dl = ImGui::GetBackgroundDrawList();  // over the map, under the panels
        dl->AddRectFilled(ImVec2(at.x - 8, at.y - 4), ImVec2(at.x + size.x + 8, at.y + size.y + 4),
                          IM_COL32(255, 255, 255, 220), 4.0f);
        dl->AddText(at, IM_COL32(60, 60, 60, 255), note);
    }
}

/// The map and the layers over it (ImGui comes after, in present). Returns whether the map was drawn again.
bool Viewer::draw_map(float fb) {
    if (!s.data) {
        render::clear_window(s.camera.width, s.camera.height);
        return false;
    }
    render::MapStyle style;
    style.show_zones = s.layers.zones;
    style.show_parcels = s.layers.parcels;
    style.show_projects = s.layers.projects && !supply_layers_.points_enabled();  // replay: signed ones only
    style.show_outlines = s.layers.outlines;
    style.hover = s.hover;
    style.selected = s.selected;
    style.ui_scale = fb;
    style.basemap = context_.basemap();
    if (plan_compare_shown(
            s)) {  // two scenarios side by side: each half the view's middle, its plots outlined
        render::bind_window(s.camera.width, s.camera.height);
        for (int side = 0; side < 2; ++side) {
            render::Camera half = s.camera;
            half.width = s.camera.width / 2;
            half.viewport_x = side * half.width;
            half.clip = true;
            renderer_.draw(half, style);
            context_.draw_references(s, fb, &half);
            supply_layers_.draw(half, style, s.layers.projects, 1u << (3 + side));
        }
        render::bind_window(s.camera.width, s.camera.height);
        map_cache_.invalidate();
        return true;
    }
    const bool redrawn = map_cache_.draw_to_window(renderer_, s.camera, style);
    context_.draw_references(s, fb);  // roads and rivers over the parcels
    supply_layers_.draw(s.camera, style, s.layers.projects);
    analysis_layers_.draw(s, fb);  // over the map, under ImGui's labels and panels
    partial_frames_ += painter_.partial();
    return redrawn;
}

/// The current view at `factor` times the window size, with the legend and title of `render`. (An export
/// waits for a large workspace's mesh, a moment after the first frame: it draws polygons.)
void Viewer::export_view() {
    s.request_export = false;
    // The current view at `factor` times the window size, with the legend and title of `render`.
    render::RenderRequest req;
    req.theme = s.theme.theme;
    req.classify = s.theme.options;
    req.filter = s.filters.filter;
    req.zone_code = s.filters.filter.zone_code;
    req.lang = s.lang;
    // The context as shown: the basemaps and reference layers ticked in the layers panel, in their order.
    for (const auto& row : s.context.basemaps)
        if (row.shown && row.reachable) {
            Basemap b = row.basemap;
            b.opacity = std::clamp(b.opacity * s.context.opacity, 0.0, 1.0);
            b.grey = b.grey || s.context.grey;
            req.basemaps.push_back(b);
        }
    if (s.context.layers)
        for (const auto& row : s.context.references)
            if (row.shown && row.mesh >= 0 && size_t(row.mesh) < s.context.layers->size())
                req.references.push_back((*s.context.layers)[size_t(row.mesh)]);
    const int k = std::clamp(s.exporting.factor, 1, 4);
    req.width = s.camera.width * k;
    req.height = s.camera.height * k;
    render::Camera cam = s.camera;
    cam.width = req.width;
    cam.height = req.height;
    cam.m_per_px /= k;
    // The format: the test hook's file extension, else the menu's choice (P: PNG).
    const std::string format =
        !opt_.export_png.empty() ? report::extension_of(opt_.export_png) : s.exporting.format;
    const std::string path =
        !opt_.export_png.empty()
            ? opt_.export_png
            : (fs::current_path() /
               ("parkatlas-" + std::string(format == "mp4" ? "replay" : analysis::to_string(req.theme)) +
                "." + format))
                  .string();
    s.exporting.format = "png";
    if (format ==
        "pdf") {  // the print page, vector, as `render --out map.pdf` (A3 landscape), off the UI thread
        render::PdfTexts texts;
        texts.title =
            render::default_map_title(s.data->zones, req.zone_code, req.theme, s.lang);  // as render's
        texts.note = render::tr("map.note.default", s.lang);
        texts.source =
            std::string(render::tr("map.source", s.lang)) + ": " + s.data->data_source + " · ParkAtlas";
        texts.date = analysis::Date::today().iso();
        if (s.story.presenting && s.story.current >= 0 &&
            s.story.current < static_cast<int>(s.story.views.size())) {
            texts.title = s.story.views[static_cast<size_t>(s.story.current)].title;
            texts.subtitle = s.story.views[static_cast<size_t>(s.story.current)].subtitle;
        }
        const auto data = s.data;
        const render::Camera view = s.camera;
        tasks_.submit(
            "PDF",
            [data, req, texts, view, path]() -> TaskQueue::Continuation {
                std::vector<std::string> notes;
                const auto page = render::build_pdf_map_page(
                    *data, req, output::paper_size("A3", "landscape"), 200.0, texts, &view, notes);
                output::write_pdf_map(path, page);
                return [] {};
            },
            [this](const std::string& e) { s.error = e; });
        s.exporting.last_path = path;
        s.import.last_failed = false;
        s.import.last_message = "PDF: " + path;
        frames_to_draw_ = 2;
        return;
    }
    if (format == "mp4" || format == "gif") {  // the timeline's replay as a video, as `parkatlas animate`
        try {
            render::ReplayVideoRequest vr;
            vr.base = req;
            vr.base.theme = analysis::Theme::LandState;
            vr.base.width = s.camera.width & ~1;
            vr.base.height = s.camera.height & ~1;
            vr.out = path;
            vr.protected_paths = {s.workspace_path};
            const auto months = analysis::default_replay_months(s.data->parcels, s.data->projects);
            vr.first_month = months.first;
            vr.last_month = months.second;
            vr.fps = s.supply.timeline.speed_months_per_s;
            const auto r = render::write_replay_video(*s.data, vr);
            s.exporting.last_path = path;
            s.import.last_failed = false;
            s.import.last_message = "MP4: " + path + " (" + std::to_string(r.frames) + ")";
        } catch (const std::exception& e) {
            s.error = e.what();
        }
        frames_to_draw_ = 2;
        return;
    }
    try {
        auto res =
            std::make_shared<render::RenderResult>(render::render_in_current_context(*s.data, req, &cam));
        tasks_.submit(
            "PNG",
            [res, path]() -> TaskQueue::Continuation {
                render::write_png(path, res->width, res->height, res->rgba);
                return [] {};
            },
            [this](const std::string& e) { s.error = e; });
        s.exporting.last_path = path;
        s.import.last_failed = false;
        s.import.last_message = "PNG: " + path;
    } catch (const std::exception& e) {
        s.error = e.what();
    }
    frames_to_draw_ = 2;
}

int Viewer::after_frame(const std::vector<unsigned char>& shot) {
    // An export draws the mesh in a context of its own: it waits for it (a moment after the first frame) and
    // reads back the copy the viewer freed once the GPU held it.
    if (s.request_export && s.data && !s.data->mesh_pending && render::restore_mesh(*s.data)) {
        export_view();
        render::release_mesh(*s.data);
    }
    if (s.request_quit) window_.request_close();
    if (s.shared.quit_after_reload && s.shared.reloads > 0 && !tasks_.busy() && s.data &&
        s.data->geometry_ready) {
        std::cout << "shared database: reloaded (" << s.shared.last_change << "), " << s.data->parcels.size()
                  << " parcels, " << s.data->projects.size() << " projects" << std::endl;
        window_.request_close();
    }
    if (opt_.quit_after_tasks && hooks_.done(s, tasks_) && plan_hooks_done(s) && plan_compare_hook_done(s) &&
        view_settled(s)) {
        print_plan_compare(s);
        if (!s.plan.message.empty())
            std::cout << "plan panel: " << (s.plan.message_failed ? "error: " : "") << s.plan.message << "\n";
        // What the import panel shows, for the tests.
        if (!s.import.last_message.empty())
            std::cout << "import panel: " << (s.import.last_failed ? "error: " : "") << s.import.last_message
                      << "\n";
        if (!s.error.empty()) std::cout << "error: " << s.error << "\n";
        print_view_reads();
        window_.request_close();
    }
    // --still screenshots wait (up to a minute) for the work in flight, e.g. the basemap's warp, so that they
    // show the settled view.
    const bool settling = opt_.still &&
                          (tasks_.busy() || context_busy_ || s.story.flying || s.story.request_start ||
                           s.story.autostart > 0) &&
                          Window::time() - t_start_ < 60;
    if (opt_.frames > 0 && s.data && shown_frames_ >= opt_.frames && !settling) {
        if (!opt_.screenshot.empty())
            render::write_png(opt_.screenshot, s.camera.width, s.camera.height, shot);
        print_timings();
        return 0;
    }
    if (opt_.frames > 0 && s.data && !opt_.still) {
        // Benchmark/test mode: keep drawing, panning and zooming a little each frame.
        const int f = shown_frames_ % 60;
        if (f < 30)
            s.camera.pan_pixels(4, 2);
        else
            s.camera.zoom_at(s.camera.width / 2.0, s.camera.height / 2.0, f < 45 ? 1.02 : 1 / 1.02);
    }
    if (opt_.frames > 0 && !s.error.empty() && !tasks_.busy() && !s.data) {
        std::cerr << "parkatlas view: " << s.error << "\n";
        return 4;
    }
    return -1;
}

/// A large workspace read by view: how much of it the map holds (for the tests and the benchmark).
void Viewer::print_view_reads() const {
    if (s.data && s.data->view.on)
        std::cout << "read by view: " << s.data->parcels.size() << " of " << s.data->view.total_parcels
                  << " parcels, level " << s.data->view.level << ", " << s.view_reads << " view(s) read, "
                  << s.data->view.cached_tris << " with cached triangles\n";
}

void Viewer::print_timings() const {
    if (opt_.print_timings) print_view_reads();
    if (opt_.print_timings && !frame_ms_.empty()) {
        std::vector<double> sorted(frame_ms_.begin() + std::min<size_t>(frame_ms_.size() - 1, 5),
                                   frame_ms_.end());
        std::sort(sorted.begin(), sorted.end());
        std::cout << "first map frame after " << fmt_number(t_first_map_frame_, 3) << " s; frames "
                  << frame_ms_.size() << ", median " << fmt_number(sorted[sorted.size() / 2], 2)
                  << " ms, p95 " << fmt_number(sorted[sorted.size() * 95 / 100], 2) << " ms\n";
        // Frames that redrew the map (panning, zooming, hover) and frames that only copied the cached map.
        for (const bool redraw : {true, false}) {
            std::vector<double> v;
            for (size_t i = std::min<size_t>(frame_ms_.size() - 1, 5); i < frame_ms_.size(); ++i)
                if (frame_redrew_[i] == redraw) v.push_back(frame_ms_[i]);
            if (v.empty()) continue;
            std::sort(v.begin(), v.end());
            std::cout << (redraw ? "map redrawn: " : "map cached: ") << v.size() << " frames, median "
                      << fmt_number(v[v.size() / 2], 2) << " ms, p95 "
                      << fmt_number(v[v.size() * 95 / 100], 2) << " ms\n";
        }
        if (s.data) {
            for (const auto& [phase, sec] : s.data->open_timings)
                std::cout << "open: " << phase << " " << fmt_number(sec, 3) << " s\n";
            if (s.data->geometry_ready)  // else stage 2 may still be filling these in on the worker
                std::cout << "ledger: " << s.data->projects.size() << " projects, " << s.data->links.size()
                          << " links, " << s.data->problems.size() << " problems, " << renderer_.point_count()
                          << " project points on the GPU\n";
            else
                std::cout << "ledger: stage 2 of the open still running\n";
        }
        if (!context_.warp_ms().empty()) {  // basemaps: when the first picture came, and the warps' cost
            auto w = context_.warp_ms();
            std::sort(w.begin(), w.end());
            std::cout << "basemap: first picture after "
                      << fmt_number(context_.first_picture_s() - t_start_, 3) << " s; " << w.size()
                      << " warps, median " << fmt_number(w[w.size() / 2], 1) << " ms, max "
                      << fmt_number(w.back(), 1) << " ms (on the worker)\n";
        }
        std::cout << "ui: unchanged panels copied back (not drawn again) in " << partial_frames_ << " of "
                  << frame_ms_.size() << " frames\n";
        std::cout << "map: last drawn with " << renderer_.last_primitives() << " primitives, "
                  << renderer_.last_lod_count() << " parcels as points\n";
        std::cout << "map samples " << map_cache_.samples() << (map_cache_.direct() ? ", direct" : ", cached")
                  << ", renderer " << render::current_renderer_name() << ", " << s.camera.width << "x"
                  << s.camera.height << "\n";
    }
}

}  // namespace

int run_viewer(const ViewerOptions& opt) {
    Viewer viewer(opt);
    return viewer.run();
}

}  // namespace pa::ui
