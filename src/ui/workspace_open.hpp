#pragma once
// Opening a workspace in the viewer, as plain functions over the task queue. The steps, each a task on the
// single FIFO worker with a continuation on the UI thread:
//   1. load_first_stage (worker): zones, parcel boxes and what the first frame draws (MapData's stage 1), the
//      projections and the filter choices; install_first_stage (UI): the data goes to the GPU, the theme and
//      the fonts are marked dirty, and the next steps are queued:
//   2. the cached mesh, read after the first frame (the parcels show as points until it is uploaded);
//   3. stage 2: parcel geometry, the ledger, problems, the picking index (filled into the same MapData in
//   place;
//      the UI thread reads none of it before geometry_ready);
//   4. the new mesh written into the workspace's cache (first open after an import).
#include <memory>
#include <string>
#include <vector>

#include "render/map_data.hpp"
#include "render/map_renderer.hpp"
#include "ui/app_state.hpp"
#include "ui/task_queue.hpp"

namespace pa::ui {

/// What the opening steps share: the viewer's state, its map renderer and its worker queue (all outlive the
/// tasks).
struct OpenContext {
    ViewerState& state;
    render::MapRenderer& renderer;
    TaskQueue& tasks;
};

/// Queues the opening of the workspace at `path` (steps 1-4 above).
/// `keep_view`: a refresh of the same workspace (another user's commit): the camera stays where it is.
void open_workspace(OpenContext& ctx, const std::string& path, bool keep_view = false);

/// A large workspace read by view (render/map_view.hpp): when the camera has left what was read, or its scale
/// asks for another level of detail, queues the reading of the view it shows now (the map keeps drawing the
/// last one meanwhile). Called once a frame; does nothing for a workspace read whole.
void refresh_view(OpenContext& ctx);

/// False while a workspace read by view is reading, or is still to read, the view the camera shows.
bool view_settled(const ViewerState& st);

/// Queues an import of the dropped files into the current workspace (the same library call as `parkatlas
/// import`), then its reopening.
void import_dropped_files(OpenContext& ctx, std::vector<DroppedFile> files);

/// The note shown while stage 2 runs (picking and parcel cards wait for it).
const char* preparing_note(render::Lang lang);

/// Every string the font atlas must hold: the UI table and the workspace's strings the panels can show.
/// `choices`: the distinct industries, stages and enterprise kinds (the filter lists).
std::vector<std::string> glyph_strings(const render::MapData* d,
                                       const std::vector<const std::vector<std::string>*>& choices);

}  // namespace pa::ui
