#pragma once
// The viewer's state, in explicit structs the panels draw from and write to (no file-scope statics). The UI
// thread owns all of it; tasks hand results back through TaskQueue continuations.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/classify.hpp"
#include "core/geo/area.hpp"
#include "render/camera.hpp"
#include "render/fonts.hpp"
#include "render/i18n.hpp"
#include "render/map_data.hpp"
#include "render/palette.hpp"
#include "ui/cluster_state.hpp"
#include "ui/context_state.hpp"
#include "ui/grade_state.hpp"
#include "ui/import_kind.hpp"
#include "ui/plan_state.hpp"
#include "ui/story_state.hpp"
#include "ui/supply_state.hpp"

namespace pa::ui {

struct LayerToggles {
    bool zones = true, parcels = true, projects = true, outlines = true, labels = true;
};

struct ThemeState {
    analysis::Theme theme = analysis::Theme::InvestIntensity;
    analysis::ClassifyOptions options;
    std::array<char, 128> manual_text{};   // the manual breaks as typed
    analysis::ThemeClassification result;  // what the map, the legend and the summary show
    std::vector<render::Rgba> colors;
    bool dirty = true;           // recompute + re-upload colours
    bool method_chosen = false;  // the user picked a classification: theme changes keep it
    uint64_t generation = 0;     // bumped each time `result` is recomputed
};

/// The filters panel's summary of the shown parcels, computed once per classification (not per frame).
struct FilterSummary {
    uint64_t theme_generation = ~uint64_t{0};
    int parcels = 0, projects = 0, links = 0, meets = 0;  // projects: distinct; links: project-parcel pairs
    double area_mu = 0, invest_wan = 0;
};

struct FilterState {
    analysis::ParcelFilter filter;
    FilterSummary summary;
    // Choices for the combos (distinct values of the workspace), filled when a workspace arrives.
    std::vector<std::string> industries, stages, kinds;
};

struct ImportState {
    std::vector<DroppedFile> pending;
    std::string last_message;
    bool last_failed = false;
};

struct ExportState {
    int factor = 2;
    std::string format = "png";  // the next export: png (P), pdf (A3 print page) or mp4 (the replay)
    std::string last_path;
    std::string message;
};

/// The panels that stand in the two side columns (ui/panel_common.cpp: begin_side_panel).
enum class SidePanel { Layers, Filters, Selection, Zones, Import, Count };

struct Panels {
    bool layers = true, selection = true, filters = true, zones = true, help = false, import = true;
    bool hidden = false;  // presentation: Tab hides every panel (the map legend is then drawn on the map)
    /// Side columns: the top of the next panel in the left and right column this frame (pixels; reset before
    /// the panels are drawn), and the panels the user dragged out of their column (they stay where they are
    /// put).
    float column_next_y[2] = {0, 0};
    bool undocked[static_cast<int>(SidePanel::Count)] = {};
    /// When a column's panels want more height than it has: the most any one of them gets this frame (the
    /// smaller ones keep their height, the larger share the rest and scroll), from the heights they wanted
    /// last frame.
    float column_cap[2] = {0, 0};
    float wanted_h[static_cast<int>(SidePanel::Count)] = {};
    bool docked_last[static_cast<int>(SidePanel::Count)] = {};
};

/// Meeting-room display: full screen (F11), larger type for a projector.
struct PresentationState {
    bool fullscreen = false;
    float font_scale = 1.0f;          // multiplies every font size (1.5 for a projector)
    bool request_fullscreen = false;  // F11 / menu: the viewer loop toggles the window
    bool request_monitor = false;     // with request_fullscreen: go full screen on `monitor`
    int monitor = -1;                 // the monitor to go full screen on (0 = primary; -1: the window's own)
    std::vector<std::string> monitors;  // names for the menu, refreshed by the viewer loop when it opens
    bool console = false;  // the presenter's console window (menu, view --console): on the laptop's screen
    std::string console_press;  // test hook (view --console-press next|prev|blank|start|stop): pressed once
};

/// A shared PostGIS workspace (ui/shared_db.cpp): who and where, whether the change feed is connected, the
/// last change another user committed (which reloaded the map).
struct SharedDbState {
    bool on = false;
    std::string who;  // user@dbname/schema
    bool connected = false;
    std::string last_change, note;  // "import by alice 17:03"; why the change feed is not there
    int reloads = 0;
    bool quit_after_reload = false;  // test hook (view --quit-after-reload)
};

struct ViewerState {
    render::Lang lang = render::Lang::Zh;
    std::string workspace_path;
    std::shared_ptr<render::MapData> data;  // null until a workspace is open
    std::unique_ptr<geo::GaussKruger> gk35, gk36;
    render::Camera camera;
    bool camera_fitted = false;
    bool view_reading = false;  // a large workspace read by view: the next view's parcels are being read
    int view_reads = 0;         // views read since the open (the first one included)
    SharedDbState shared;
    LayerToggles layers;
    ThemeState theme;
    FilterState filters;
    ImportState import;
    ExportState exporting;
    Panels panels;
    PresentationState present;
    AnalysisState analysis;  // clustering, heat map, chains (ui/cluster_state.hpp)
    SupplyUiState supply;    // land-state replay, targets, vacant finder (ui/supply_state.hpp)
    PlanUiState plan;        // planning mode (ui/plan_state.hpp)
    GradeUiState grade;      // the yearly 亩均 evaluation and its theme (ui/grade_state.hpp)
    ContextUiState context;  // basemaps and reference layers (ui/context_state.hpp)
    StoryUiState story;      // the storyboard and presentation mode (ui/story_state.hpp)
    int hover = -1, selected = -1;
    double cursor_lon = 0, cursor_lat = 0;
    bool cursor_on_map = false;
    std::string error;  // shown in a modal-like banner
    bool fonts_dirty = true;
    render::FontSet fonts;
    // Requests from the panels, carried out by the viewer loop.
    std::optional<render::Box> zoom_to;
    bool request_export = false;
    bool request_quit = false;
};

}  // namespace pa::ui
