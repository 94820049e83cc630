#pragma once
// State of the land-supply views of the viewer (replay, supply charts, targets): the land-state replay ("as
// of" slider, play/pause, speed), the targets panel and the vacant-land finder. Part of ViewerState
// (app_state.hpp); the UI thread owns it, the heavy parts (replay, targets, vacant search, exports) are
// computed on the TaskQueue worker and handed back.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "core/analysis/land_state.hpp"
#include "core/analysis/land_state_replay.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/analysis/targets.hpp"
#include "render/map_data.hpp"

namespace pa::ui {

/// What the worker computes once per workspace: the month-by-month land states and the targets (the ledger's
/// joins they come from are not kept: at a million parcels they hold 90 MB; the vacant-land search joins
/// again when it runs).
struct SupplyData {
    std::shared_ptr<const render::MapData> data;  // the workspace these were computed from
    analysis::LandStateReplay replay;
    analysis::TargetsProgress targets;
    std::vector<int> zone_order;  // zones of targets.zones sorted by funds, largest first
};

struct TimelineState {
    bool open = true;
    int month = 0;            // Date::month_index() shown by the slider
    int uploaded_month = -1;  // month whose colours / idle outlines / points are on the GPU (-1: none)
    bool playing = false;
    float speed_months_per_s = 2.0f;
    double play_accum = 0.0;  // fraction of a month accumulated while playing
    bool show_idle = true;
    bool was_land_state = false;  // the theme shown last frame (to restore the renderer's project points)
    // The month's vacant / idle sums, computed when the month (or the replay) changes, not every frame.
    int figures_month = -1;
    const void* figures_replay = nullptr;  // with figures_data: which replay / workspace the sums belong to
    const void* figures_data = nullptr;
    double vacant_mu = 0, idle_mu = 0;
    int vacant_n = 0, idle_n = 0;
};

struct TargetsUiState {
    bool open = false;
    int scope = 0;  // 0 whole city, 1 Gui'an
};

struct VacantUiState {
    bool open = false;
    int zone = 0;                        // 0 = any, else zones[zone-1]
    float min_mu = 0.0f, max_mu = 0.0f;  // 0 = no bound
    int landuse = 0;                     // 0 = any, else LandUse value + 1
    int standard = 0;                    // 0 any, 1 yes, 2 no
    bool highlight = true;
    std::vector<analysis::VacantHit> hits;
    std::string hits_as_of;  // the date the hits are for
    bool searched = false;
    bool running = false;
    bool highlight_dirty = false;
    std::array<char, 256> export_path{};
    std::string message;
    bool message_failed = false;
};

struct SupplyUiState {
    std::shared_ptr<const SupplyData> ready;        // null until the worker has built it
    const render::MapData* computed_for = nullptr;  // the MapData a build was started for
    bool computing = false;
    TimelineState timeline;
    TargetsUiState targets;
    VacantUiState vacant;
};

}  // namespace pa::ui
