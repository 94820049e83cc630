#pragma once
// The map viewer: a GLFW window with the map (MapRenderer) and Dear ImGui panels. Opening a workspace and
// imports run on a worker thread; the UI thread only draws.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "render/i18n.hpp"
#include "ui/import_kind.hpp"

namespace pa::ui {

struct ViewerOptions {
    std::string workspace;  // opened (or created by the sample import) at start
    /// When set, the bundled sample is imported from this folder into `workspace` first (the file must not
    /// exist).
    std::string import_sample_dir;
    render::Lang lang = render::Lang::Zh;
    int width = 1600, height = 900;
    /// Where the map opens: a zone's parcels (start_zone, a code), a lon/lat box (minlon, minlat, maxlon,
    /// maxlat), or with neither the whole workspace.
    std::string start_zone;
    std::optional<std::array<double, 4>> start_bbox;
    /// A parcel code to select (its card shown) and zoom to once the parcels are read (`view --select`).
    std::string select_parcel;
    /// Tests and benchmarks: quit after this many frames once the workspace is shown (0 = run until closed),
    /// and save the last frame as PNG.
    int frames = 0;
    std::string screenshot;
    bool print_timings = false;  // time to first frame, frame times (bench)
    bool still = false;          // with frames: keep the camera still (idle-frame timing) instead of panning
    bool presentation = false;   // start with the panels hidden (as after Tab)
    bool fullscreen = false;     // start full screen (as after F11)
    float font_scale = 1.0f;     // type size factor (1.5 for a projector)
    int monitor = 0;             // full screen on this monitor (1 = primary), 0: not asked
    int story_start = 0;         // present the storyboard from this step (1 = first) once it is loaded, 0: no
    /// Analysis panels open at start (tests, screenshots): "cluster", "heat" (panel + overlay on), "chains".
    std::vector<std::string> open_panels;
    /// Test hooks (`parkatlas view --drop …`), through the same code paths as the real events: `drops` are
    /// fed to the window's drop handler (as glfwSetDropCallback would) once the workspace is shown;
    /// `drop_kind` (when set) overrides the kind guessed from the file name; `auto_import` presses the import
    /// panel's import action once, when the files wait there; `export_png` + `export_factor` request the same
    /// export as key P, written to that path; `quit_after_tasks` closes the window once these hooks have run
    /// and the worker is idle.
    std::vector<std::string> drops;
    std::optional<ImportKind> drop_kind;
    bool auto_import = false;
    std::string export_png;
    int export_factor = 0;  // 0: the File menu's default
    bool quit_after_tasks = false;
    /// Planning test hooks: open the planning panel, press "suggest" with this pipeline file once the
    /// workspace is shown, then "save" as scenario `plan_save` (when given).
    std::string plan_suggest, plan_save;
    std::string plan_load;           // instead: press "加载方案" for this stored scenario
    std::string compare;             // "A,B": the side-by-side compare view of two stored scenarios
    bool quit_after_reload = false;  // a PostGIS workspace: quit once another user's change has been reloaded
    bool console = false;            // the presenter's console window (a second window: the laptop's screen)
    std::string console_press;       // test hook: press this console button once (next, prev, blank, …)
    std::string console_screenshot;  // test hook: the console window's last frame as a PNG
};

/// Runs the viewer until the window closes. Throws NoDisplayError (ui/window.hpp) when there is no display.
int run_viewer(const ViewerOptions& options);

/// Where `parkatlas view` with no argument keeps the imported sample: $XDG_CACHE_HOME/parkatlas/sample.sqlite
/// or
/// ~/.cache/parkatlas/sample.sqlite.
std::string sample_workspace_path();
/// The bundled sample folder: $PARKATLAS_SAMPLE_DIR, gis-data next to the executable's share folder, or the
/// source tree's gis-data. "" when none holds zones.shp.
std::string sample_data_dir();
/// Imports the bundled sample (the same call as `parkatlas import`) into `workspace`.
void import_sample(const std::string& sample_dir, const std::string& workspace);

}  // namespace pa::ui
