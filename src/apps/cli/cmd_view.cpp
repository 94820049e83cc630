// parkatlas view [WORKSPACE]: the map viewer. With no argument, the bundled sample (imported on first use
// into the user's cache folder). With no display: says so and exits kNoDisplay, or writes --png offscreen
// instead.
#include <malloc.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/common/error.hpp"
#include "core/store/pg.hpp"
#include "render/offscreen.hpp"
#include "ui/viewer.hpp"
#include "ui/window.hpp"

namespace pa::cli {
namespace {

struct ViewOptions {
    std::string workspace, lang = "zh", screenshot, png;
    int frames = 0;
    bool timings = false;
    bool still = false, present = false, fullscreen = false;
    float font_scale = 1.0f;
    int monitor = 0, story = 0;
    std::string size = "1600x900";
    std::string zone, bbox, select;
    std::vector<std::string> open_panels;
    std::vector<std::string> drops;
    std::string drop_kind, export_png;
    bool auto_import = false, quit_after_tasks = false, quit_after_reload = false, console = false;
    std::string console_press, console_screenshot;
    std::string plan_suggest, plan_save, plan_load, compare;
    int export_factor = 0;
};

Registrar reg("view", 50, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ViewOptions>();
    auto* sub = app.add_subcommand("view",
                                   "Open the map viewer on a workspace (no argument: the bundled sample, "
                                   "imported into ~/.cache/parkatlas/sample.sqlite on first use).");
    sub->add_option("workspace", o->workspace,
                    "Workspace file (.sqlite) or PostGIS connection (PG:\"host=… dbname=…\")");
    sub->add_option("--lang", o->lang, "zh | en")->check(CLI::IsMember({"zh", "en"}))->capture_default_str();
    sub->add_option("--png", o->png, "With no display: write the map of the workspace to this PNG instead");
    sub->add_option("--frames", o->frames,
                    "Quit after drawing this many frames of the map (tests, benchmarks)");
    sub->add_option("--screenshot", o->screenshot, "With --frames: save the last frame as this PNG");
    sub->add_flag("--timings", o->timings, "Print time to first frame and frame times at exit");
    sub->add_flag("--still", o->still, "With --frames: keep the view still (idle frames) instead of panning");
    sub->add_flag("--present", o->present,
                  "Presentation mode at start: panels hidden, legend on the map (Tab)");
    sub->add_flag("--fullscreen", o->fullscreen, "Start full screen (F11)");
    sub->add_option(
           "--monitor", o->monitor,
           "Full screen on this monitor (1 = primary, 2 = e.g. the projector); 视图 → 全屏显示到显示器 "
           "chooses it in the window")
        ->check(CLI::Range(1, 16));
    sub->add_option("--story", o->story,
                    "Present the workspace's storyboard from this step (1 = first) once it is open (as F5)")
        ->check(CLI::Range(1, 10000));
    sub->add_option("--open-panel", o->open_panels,
                    "Open an analysis panel at start: cluster, heat (heat map on), "
                    "chains, timeline (land-state theme + replay), targets, vacant, plan or grade (the 亩均 "
                    "evaluation, with its theme); "
                    "repeat for several")
        ->check(
            CLI::IsMember({"cluster", "heat", "chains", "timeline", "targets", "vacant", "plan", "grade"}));
    sub->add_option("--font-scale", o->font_scale, "Type size factor, e.g. 1.5 for a projector")
        ->check(CLI::Range(0.5f, 3.0f))
        ->capture_default_str();
    sub->add_option("--size", o->size, "Window size WxH in pixels")->capture_default_str();
    auto* zone = sub->add_option("--zone", o->zone,
                                 "Open at this zone, filtered to it as render --zone is (its parcels fill "
                                 "the map; the legend, summary and title count them only)");
    sub->add_option(
        "--select", o->select,
        "Open with this parcel (its code, ZDDM) selected: its card shown and the map zoomed to it");
    sub->add_option("--bbox", o->bbox, "Open at minlon,minlat,maxlon,maxlat (CGCS2000 degrees)")
        ->excludes(zone);
    // Test hooks: the same code paths as the real events (docs/viewer.md, "Test hooks").
    sub->add_option("--drop", o->drops,
                    "Test hook: drop this file on the window once the workspace is shown (as "
                    "drag-and-drop); repeat for several");
    sub->add_option("--drop-kind", o->drop_kind,
                    "Test hook: the kind of the dropped files instead of the guess")
        ->check(CLI::IsMember({"zones", "parcels", "ledger"}));
    sub->add_flag("--auto-import", o->auto_import,
                  "Test hook: press the import panel's import action once the "
                  "dropped files wait there");
    sub->add_option(
        "--export-png,--export", o->export_png,
        "Test hook: export the view to this path once the workspace is shown and any import is done: "
        ".png as key P, .pdf as 文件 → 导出打印页 PDF, .mp4/.gif as 导出供地时间轴视频");
    sub->add_option("--export-factor", o->export_factor, "Export size factor 1-4 (File menu)")
        ->check(CLI::Range(1, 4));
    sub->add_option("--plan-suggest", o->plan_suggest,
                    "Test hook: open the planning panel and press Suggest with this pipeline file once the "
                    "workspace is shown");
    sub->add_option("--plan-save", o->plan_save, "Test hook: then save the suggestion as this scenario");
    sub->add_option(
        "--plan-load", o->plan_load,
        "Test hook: open the planning panel and load this stored scenario once the workspace is shown");
    sub->add_flag(
        "--console", o->console,
        "Open the presenter's console: a second window (on another monitor than the full-screen map) "
        "with the step shown, the next, the clocks and the buttons; with --monitor N the map goes full "
        "screen on the projector and the console stays on the laptop");
    sub->add_option("--console-press", o->console_press, "Test hook: press this console button once")
        ->check(CLI::IsMember({"next", "prev", "blank", "start", "stop"}));
    sub->add_option("--console-screenshot", o->console_screenshot,
                    "Test hook: with --frames, write the console window's last frame to this PNG");
    sub->add_flag("--quit-after-reload", o->quit_after_reload,
                  "Test hook (a PostGIS workspace): quit once another user's commit has been read again");
    sub->add_option("--compare", o->compare,
                    "Open the side-by-side compare view of two stored scenarios, A,B (the planning panel's "
                    "compare); with --quit-after-tasks its KPI table is printed as JSON");
    sub->add_flag("--quit-after-tasks", o->quit_after_tasks,
                  "Test hook: quit once the hooks above have run and the "
                  "worker is idle; prints the import panel's message");
    return [o]() {
        ui::ViewerOptions vo;
        vo.lang = render::lang_from_string(o->lang);
        vo.frames = o->frames;
        vo.open_panels = o->open_panels;
        vo.screenshot = o->screenshot;
        vo.print_timings = o->timings;
        vo.still = o->still;
        vo.presentation = o->present;
        vo.fullscreen = o->fullscreen;
        vo.font_scale = o->font_scale;
        vo.monitor = o->monitor;
        vo.story_start = o->story;
        for (const auto& f : o->drops) vo.drops.push_back(std::filesystem::absolute(f).string());
        if (o->drop_kind == "zones") vo.drop_kind = ui::ImportKind::Zones;
        if (o->drop_kind == "parcels") vo.drop_kind = ui::ImportKind::Parcels;
        if (o->drop_kind == "ledger") vo.drop_kind = ui::ImportKind::Ledger;
        vo.auto_import = o->auto_import;
        vo.export_png = o->export_png.empty() ? "" : std::filesystem::absolute(o->export_png).string();
        vo.export_factor = o->export_factor;
        vo.quit_after_tasks = o->quit_after_tasks;
        vo.plan_suggest = o->plan_suggest.empty() ? "" : std::filesystem::absolute(o->plan_suggest).string();
        vo.plan_save = o->plan_save;
        vo.plan_load = o->plan_load;
        vo.compare = o->compare;
        vo.quit_after_reload = o->quit_after_reload;
        vo.console = o->console;
        vo.console_press = o->console_press;
        vo.console_screenshot = o->console_screenshot;
        if (std::sscanf(o->size.c_str(), "%dx%d", &vo.width, &vo.height) != 2 || vo.width < 320 ||
            vo.height < 240 || vo.width > 16384 || vo.height > 16384)
            throw InputError("The --size '" + o->size +
                             "' must be WxH in pixels, at least 320x240, e.g. 1920x1080.");
        vo.start_zone = o->zone;
        vo.select_parcel = o->select;
        if (!o->bbox.empty()) {
            const auto v = parse_numbers(o->bbox, "--bbox");
            if (v.size() != 4 || !(v[0] < v[2]) || !(v[1] < v[3]))
                throw InputError("The --bbox '" + o->bbox +
                                 "' needs four numbers minlon,minlat,maxlon,maxlat with "
                                 "min < max, e.g. 106.66,26.45,106.70,26.48.");
            vo.start_bbox = std::array<double, 4>{v[0], v[1], v[2], v[3]};
        }
        vo.workspace = o->workspace;
        if (vo.workspace.empty()) {
            vo.workspace = ui::sample_workspace_path();
            if (!std::filesystem::exists(vo.workspace)) {
                const std::string dir = ui::sample_data_dir();
                if (dir.empty())
                    throw InputError(
                        "No workspace given and the bundled sample (gis-data/zones.shp) was not found; "
                        "pass a workspace or set PARKATLAS_SAMPLE_DIR.");
                vo.import_sample_dir = dir;
            }
        } else if (!store::is_postgres_target(vo.workspace) && !std::filesystem::exists(vo.workspace)) {
            throw WorkspaceError("The workspace '" + vo.workspace +
                                 "' does not exist; create it with parkatlas import.");
        }
        const char* display = std::getenv("DISPLAY");
        const char* wayland = std::getenv("WAYLAND_DISPLAY");
        const bool has_display = (display && *display) || (wayland && *wayland);
        if (has_display) {
#if defined(M_MMAP_THRESHOLD)  // glibc
            // A fixed mmap threshold: blocks of 1 MB and more (a million parcels' columns, the mesh's arrays)
            // get pages of their own and go back to the system when freed. glibc's default raises the
            // threshold after each such free, so later large blocks land in the heap of the thread that made
            // them, which cannot give a freed block back while anything above it lives: the viewer at a
            // million parcels held 160 MB more after triangulating (docs/viewer.md). Not for the batch
            // commands: an import at a million parcels ran 5% slower with it.
            mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
            try {
                return ui::run_viewer(vo);
            } catch (const ui::NoDisplayError& e) {
                if (o->png.empty()) {
                    std::cerr << "parkatlas view: " << e.what() << "\n";
                    return int(kNoDisplay);
                }
            }
        } else if (o->png.empty()) {
            std::cerr << "parkatlas view: no display (DISPLAY is not set), so no window can open. Run it on "
                         "a desktop "
                         "or under xvfb-run, pass --png FILE to get the map as a picture, or use parkatlas "
                         "render.\n";
            return int(kNoDisplay);
        }
        // No display but a PNG asked for: the same picture offscreen.
        if (!vo.import_sample_dir.empty()) ui::import_sample(vo.import_sample_dir, vo.workspace);
        render::RenderRequest req;
        req.lang = vo.lang;
        auto data = render::load_map_data(vo.workspace);
        auto res = render::render_offscreen(data, req);
        render::write_png(o->png, res.width, res.height, res.rgba);
        std::cerr << "parkatlas view: no display; wrote the map to " << o->png << "\n";
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
