#pragma once
// Reading a large workspace by view (no GL here): a province of millions of parcels is never read whole. The
// viewer and `render` read the parcels of what they show, at the level of detail its scale needs
// (core/geo/view_levels.hpp): far out one parcel per cell of two to four pixels, drawn as a point the cell's
// size, without geometry; close in every parcel, with its geometry and the triangles cached per parcel in the
// workspace's view index (store::Workspace::load_parcels_view). docs/architecture.md, "Reading by view".
#include <cstdint>
#include <string>

#include "render/camera.hpp"
#include "render/map_data.hpp"

namespace pa::render {

/// From this many parcels on, the viewer and `render` read a workspace by view ($PARKATLAS_VIEW_READ_FROM
/// overrides it; tests read the sample by view with 1).
inline constexpr int64_t kViewReadFromParcels = 2000000;
int64_t view_read_threshold();

/// Whether the workspace at `path` is read by view (its parcels >= view_read_threshold()); `parcels`: its
/// count.
bool reads_by_view(const std::string& path, int64_t* parcels = nullptr);

struct ViewIndexBuild {
    int64_t parcels = 0, cached_tris = 0;
    double seconds = 0;
};
/// Builds (replaces) the view index of the workspace at `path` (opened for writing: WorkspaceError on a
/// read-only file or for a PostGIS role without parkatlas_editor): per parcel its level of detail, box and
/// triangles, streamed in batches of `batch` parcels.
ViewIndexBuild build_view_index(const std::string& path, const Progress& progress = {},
                                size_t batch = 100000);

/// What one view reads. `box` (lon/lat) empty: the workspace's whole extent, fitted to width x height.
struct ViewRequest {
    BBox box;
    double m_per_px = 0;  // the view's scale (0 with an empty box: from the fit)
    int width = 1600, height = 900;
    size_t max_detailed = 400000;  // parcels read with geometry at most; beyond, the finest level as points
    size_t max_points = 2000000;   // parcels read as points at most; beyond, a coarser level
    bool frame_only = false;       // no parcels: the zones, the plane and the extent (to place a camera)
};

/// The lon/lat box the camera sees, grown by `margin` of its size on each side (a pan within it reads
/// nothing).
BBox camera_view_box(const Camera& cam, const LocalProjection& pr, double margin = 0.5);

/// Reads one view into a MapData that draws like any other (zones whole; parcels, boxes, draw order, and the
/// mesh and picking index when read with geometry; no ledger). Builds the view index first when it is missing
/// or older than the parcels and the workspace is writable; WorkspaceError saying what to run when it is not.
MapData load_map_data_view(const std::string& path, const ViewRequest& req, const Progress& progress = {});

/// Whether `d` (read by view) still serves the camera: the view lies inside what was read, at the level the
/// camera's scale reads. Always true for a MapData not read by view.
bool view_covers(const MapData& d, const Camera& cam);

/// The request for what the camera shows (its box with the margin, its scale).
ViewRequest view_request(const MapData& d, const Camera& cam);

}  // namespace pa::render
