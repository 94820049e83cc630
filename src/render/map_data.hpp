#pragma once
// Everything the map draws, prepared off the UI thread (no OpenGL here): the workspace's layers, the local
// projection, the triangulated parcel mesh (cached in the workspace's render_cache table), zone outlines,
// project points and a picking index. Building one is the heavy part of opening a workspace; uploading it is
// cheap.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/index_lists.hpp"
#include "core/model.hpp"
#include "render/camera.hpp"

namespace pa::render {

/// Triangulated parcels in local metres. Every vertex carries the index of its parcel (in MapData::parcels),
/// so one draw call fills them all and a theme change only re-uploads one colour per parcel.
/// The parcels' own mesh (tessellate_parcels) keeps one vertex array: fill_xy and fill_parcel are empty and
/// the triangles index line_xy / line_parcel, the ring vertices (a million parcels: 200 MB less, on the GPU
/// too); fill_vertices() / fill_owner() give the fill's vertices either way.
struct ParcelMesh {
    std::vector<float> fill_xy;         // 2 floats per vertex (empty: the fill shares line_xy)
    std::vector<uint32_t> fill_parcel;  // per vertex
    std::vector<uint32_t> fill_index;   // triangles
    std::vector<float> line_xy;         // ring vertices
    std::vector<uint32_t> line_parcel;
    std::vector<uint32_t> line_index;  // GL_LINES pairs
    std::vector<uint32_t> line_first;  // per parcel: first entry in line_index
    std::vector<uint32_t> line_count;  // per parcel: number of entries
    /// Set by group_mesh (not cached): the first index of the triangles / segments of the parcels of draw
    /// rank >= k (ParcelOrder), ranks + 1 entries; empty while the indices are not grouped.
    std::vector<int32_t> fill_from_rank, line_from_rank;
    bool shares_vertices() const { return fill_xy.empty() && !fill_index.empty(); }
    const std::vector<float>& fill_vertices() const { return shares_vertices() ? line_xy : fill_xy; }
    const std::vector<uint32_t>& fill_owner() const { return shares_vertices() ? line_parcel : fill_parcel; }
    std::string serialize() const;
    /// The blob of serialize() as pieces: `header` (filled here) and views of the arrays, in order (written
    /// one after the other into the cache, never joined in memory).
    std::vector<std::string_view> serialized_pieces(std::string& header) const;
    static bool deserialize(std::string_view blob, ParcelMesh& out);
};

/// Axis-aligned box in local metres.
struct Box {
    double min_x = 1e300, min_y = 1e300, max_x = -1e300, max_y = -1e300;
    void expand(double x, double y) {
        min_x = std::min(min_x, x);
        min_y = std::min(min_y, y);
        max_x = std::max(max_x, x);
        max_y = std::max(max_y, y);
    }
    bool empty() const { return min_x > max_x; }
    bool contains(double x, double y) const { return x >= min_x && x <= max_x && y >= min_y && y <= max_y; }
};

/// The map-plane box holding the lon/lat box (min_lon, min_lat)-(max_lon, max_lat): its edges sampled at
/// `steps` intervals each (the plane's meridians are turned and its parallels bent, slightly: 1 step, the
/// corners, is exact to nanometres for a parcel; a city-wide box needs more).
inline Box plane_box(const LocalProjection& pr, double min_lon, double min_lat, double max_lon,
                     double max_lat, int steps = 1) {
    Box b;
    for (int i = 0; i <= steps; ++i) {
        const double t = double(i) / steps, lon = min_lon + (max_lon - min_lon) * t,
                     lat = min_lat + (max_lat - min_lat) * t;
        for (const PlanePoint p :
             {pr.xy(lon, min_lat), pr.xy(lon, max_lat), pr.xy(min_lon, lat), pr.xy(max_lon, lat)})
            b.expand(p.x, p.y);
    }
    return b;
}
inline Box plane_box(const LocalProjection& pr, const BBox& bb, int steps = 1) {
    return plane_box(pr, bb.min_lon, bb.min_lat, bb.max_lon, bb.max_lat, steps);
}

/// The parcels in drawing order, computed with the data (on the worker, not the UI thread): by tile (a grid
/// of about 64 parcels per cell over the parcels' box centres, at most 256 x 256), then by size within the
/// tile, smallest first (sqrt of area; parcels of unknown area last, never drawn as points). The renderer
/// draws a tile's k smallest as level-of-detail points and the rest as triangles, and only the tiles a view
/// touches.
struct ParcelOrder {
    std::vector<uint32_t> order;            // parcel indices by rank
    std::vector<uint32_t> rank;             // per parcel
    std::vector<float> side_m;              // per rank: sqrt(area) in metres, +inf when unknown
    std::vector<uint32_t> tile_first_rank;  // per tile, its first rank; then the end (tiles + 1 entries)
    std::vector<Box> tile_box;              // per tile: its parcels' boxes and their level-of-detail squares
};
/// `boxes`: the parcels' boxes in local metres (MapData::parcel_boxes).
ParcelOrder order_parcels(const std::vector<Parcel>& parcels, const std::vector<Box>& boxes);
/// Groups the mesh's triangles and outline segments by their parcel's rank (a stable counting sort, in place;
/// a parcel the ranks do not know goes last), fixes line_first, and sets fill_from_rank / line_from_rank.
void group_mesh(ParcelMesh& mesh, const std::vector<uint32_t>& rank);

/// Point-in-polygon picking on the CPU over a uniform grid of parcel boxes.
class PickIndex {
  public:
    /// `boxes`: the parcels' boxes in local metres (MapData::parcel_boxes; the index keeps only the grid).
    void build(const std::vector<Box>& boxes, const LocalProjection& pr);
    /// Index of the parcel containing the world point (the smallest one where parcels overlap), -1 when none.
    /// `parcels` and `boxes`: the ones it was built from (the boxes and then the rings are tested where the
    /// grid leaves candidates; the index keeps no copy of them: 200 MB at a million parcels).
    int pick(const std::vector<Parcel>& parcels, const std::vector<Box>& boxes, double x, double y) const;

  private:
    LocalProjection proj_;
    size_t count_ = 0;  // parcels it was built from
    Box extent_;
    int nx_ = 0, ny_ = 0;
    double cell_w_ = 1, cell_h_ = 1;
    IndexLists cells_;  // per grid cell, the parcels whose box touches it
};

/// Where a zone's name can go: one per part of the zone (a point inside the part), with the part's size, so
/// labels can be placed largest first and each part of a multi-part zone can carry its own.
struct LabelAnchor {
    int zone = 0;          // index in MapData::zones
    double x = 0, y = 0;   // local metres, inside the part
    double area_m2 = 0;    // of the part (local metres)
    Box box;               // of the part's exterior ring
    bool largest = false;  // the zone's largest part
    int part = 0;          // the polygon of the zone's geometry (Zone::part_name)
};

/// The zones' outline and fill at one level of detail.
struct ZoneLevel {
    double tolerance_m = 0;  // Douglas-Peucker tolerance of the rings (0: exact)
    std::vector<float>
        outline;  // thick-line vertices: x, y, other_x, other_y, side (5 floats), 6 per segment
    std::vector<uint32_t>
        outline_first;  // per zone, its first outline vertex; then the end (zones + 1 entries)
    ParcelMesh fill;    // triangulated zones; the "parcel" index of a vertex is the zone's index
};

struct ZoneDrawing {
    std::vector<float>
        outline;  // exact: thick-line vertices: x, y, other_x, other_y, side (5 floats), 6 per segment
    std::vector<uint32_t>
        outline_first;  // per zone, its first outline vertex; then the end (zones + 1 entries)
    std::vector<double> label_x, label_y;  // per zone, local metres (inside its largest part)
    std::vector<LabelAnchor> anchors;      // every part of every zone, largest zones' largest parts first
    std::vector<Box> boxes;                // per zone
    ParcelMesh fill;  // exact: triangulated zones; the "parcel" index of a vertex is the zone's index
    /// Simplified versions for drawing far out, tolerance ascending (kZoneLevelTolerancesM): the renderer
    /// draws the coarsest whose tolerance is at most half a pixel, so the city view does not pay for every
    /// vertex.
    std::vector<ZoneLevel> coarser;
};

inline constexpr double kZoneLevelTolerancesM[] = {12, 36, 108, 324};

/// Douglas-Peucker on a closed ring in local metres (first and last point kept): the ring's points that stay
/// at `tolerance_m`. A ring that would fall below 4 points (3 + closing) comes back whole.
Ring simplify_ring(const Ring& ring, const LocalProjection& proj, double tolerance_m);

struct MapData {
    std::string workspace_path;
    std::string data_source;  // meta data_source or the workspace file name
    std::vector<Zone> zones;
    std::vector<Parcel> parcels;
    std::vector<Project> projects;
    std::vector<Link> links;
    std::vector<Problem> problems;
    LocalProjection proj;
    ParcelMesh mesh;
    bool mesh_from_cache = false;
    /// Set by load_map_data_first when the cached mesh matches but is not read yet: `mesh` is empty until
    /// read_cached_mesh + install_mesh (the renderer draws the parcels as points meanwhile).
    bool mesh_pending = false;
    /// With mesh_pending: no cached mesh matched, so the mesh is triangulated after stage 2
    /// (triangulate_mesh).
    bool mesh_needs_triangulation = false;
    /// Set by release_mesh once the mesh is on the GPU and nothing else reads it, or by take_mesh when the
    /// GPU upload takes it over: `mesh` is empty (the viewer's CPU copy of a million parcels' triangles is
    /// 220 MB); restore_mesh brings it back (an export draws it again, in a context of its own).
    bool mesh_released = false;
    std::string mesh_key;    // parcels-mesh-v1:<count>:<max id>:<area sum>:<origin>
    ParcelOrder draw_order;  // set with the parcel boxes; `mesh` is grouped by it (group_mesh)
    ZoneDrawing zone_drawing;
    std::vector<float> project_points;  // x, y, invest_wan per placed project
    std::vector<Box> parcel_boxes;
    Box extent;  // all zones and parcels
    PickIndex picking;
    IndexLists parcel_projects;             // per parcel: indices into projects
    std::vector<int> project_first_parcel;  // per project: index of its first linked parcel, -1 if none
    /// False between the two stages of a two-stage open (load_map_data_first): parcels have no geometry yet,
    /// `picking` is empty (pick() answers -1) and the ledger (projects, links, problems and what links them
    /// to parcels) is not read; complete_map_data / finish_map_geometry end it.
    bool geometry_ready = true;
    /// Set by load_map_data_first when it triangulated (no cached mesh) and the workspace is writable: the
    /// cache key to store the mesh under, after the first frame (store_pending_mesh).
    std::string pending_mesh_key;
    /// Set by load_map_data_first when it read the parcels' rows (no compact first-stage record) from a
    /// writable workspace: their lon/lat boxes, for the record written after the first frame
    /// (store_pending_lean_record).
    std::shared_ptr<std::vector<BBox>> pending_lean_boxes;
    /// Read by view (map_view.hpp): the parcels are one view's, not the whole workspace's.
    struct ByView {
        bool on = false;
        BBox box;                   // lon/lat box that was read
        BBox extent;                // lon/lat box of every parcel of the workspace
        int level = -1;             // level of detail read (-1: every parcel, with geometry)
        int requested_level = -1;   // the level the scale asked for (a full read goes coarser)
        double cell_m = 0;          // side of that level's cells, metres (points are drawn at least this big)
        double m_per_px = 0;        // the scale it was read for
        int64_t total_parcels = 0;  // parcels in the workspace
        bool truncated = false;     // the view held more parcels than a read takes
        int64_t cached_tris = 0;    // parcels whose triangles came from the view index
    } view;
    /// Seconds per phase of the open that built this (in order), for --timings.
    std::vector<std::pair<std::string, double>> open_timings;

    int zone_index(const std::string& code) const;
    /// Box of a zone's parcels (falls back to the zone outline's box when it has none).
    Box zone_focus_box(const std::string& code) const;
};

/// Where a project is drawn, in local metres: its ledger coordinates, else its first linked parcel's inner
/// point. False when the project is not placed (no coordinates, no parcel).
bool project_xy(const MapData& d, size_t project_index, double& x, double& y);

/// Progress callback: fraction 0..1 and a short English step name.
using Progress = std::function<void(double, const std::string&)>;

/// Reads a workspace and prepares it for drawing. The mesh comes from render_cache when its key matches
/// (parcels-mesh-v1:<count>:<max id>:<area sum>); otherwise it is triangulated (GEOS constrained Delaunay,
/// holes respected) and stored back when the workspace is writable. Throws WorkspaceError for a bad
/// workspace.
MapData load_map_data(const std::string& workspace_path, const Progress& progress = {});
/// Stage 1 of a two-stage open: what the first frame draws. Zones, then parcels from
/// Workspace::load_parcels_lean (the theme/filter columns, which carry the per-parcel project sums), and the
/// cached mesh's key. When the mesh is cached, it is left for read_cached_mesh (`mesh_pending`), and neither
/// parcel geometry nor the ledger is read (the origin, extent and parcel boxes come from the stored
/// geometries' MBRs), no picking index is built and `geometry_ready` is false: until stage 2 the parcels lack
/// their geometry and the other columns (dates, location, landuse_name, ...), and projects, links, problems,
/// parcel_projects, project_first_parcel and project_points are empty; the UI thread must not read any of
/// them before then. Without a cached mesh the triangulation is left too (`mesh_pending` and
/// `mesh_needs_triangulation`): after stage 2, triangulate_mesh makes it and install_mesh installs it, and
/// the new mesh's key waits in `pending_mesh_key` (writable workspaces) for the cache. Throws WorkspaceError
/// for a bad workspace.
MapData load_map_data_first(const std::string& workspace_path, const Progress& progress = {});
/// Stage 2 (one worker thread; the UI thread reads none of what it fills before finish_map_geometry): reads
/// the parcels' geometry and remaining columns into d.parcels in place (Workspace::read_parcels_rest) while a
/// second connection reads projects, links and problems into `d`, links projects to parcels (parcel_projects,
/// project_points, ...), and returns the picking index; hand that to finish_map_geometry on the thread that
/// owns `d`. Throws WorkspaceError when the workspace's parcels no longer match `d`.
struct GeometryStage {
    PickIndex picking;
    double geometry_s = 0, projects_s = 0, links_s = 0, picking_s = 0;  // seconds per step
};
GeometryStage load_map_geometry(MapData& d);
/// Installs the picking index of stage 2 (and its timings) and marks the geometry ready (re-upload the
/// project points: MapRenderer::upload_points).
void finish_map_geometry(MapData& d, GeometryStage stage);
/// Reads the cached mesh a stage 1 left pending (any thread; reads only the path, key and parcel count of
/// `d`). Throws WorkspaceError when it no longer matches. `seconds`: time taken.
ParcelMesh read_cached_mesh(const MapData& d, double* seconds = nullptr);
/// Installs it (the thread that owns `d`; then MapRenderer::upload_mesh).
void install_mesh(MapData& d, ParcelMesh mesh, double seconds);
/// Frees the mesh's arrays once the renderer holds them on the GPU (the thread that owns `d`; only when no
/// cache write still reads them: `pending_mesh_key` empty). Returns the bytes freed.
size_t release_mesh(MapData& d);
/// Hands the mesh over to a staged GPU upload (MapRenderer::begin_mesh_upload frees it array by array as the
/// GPU takes it): `d.mesh` is left empty and `mesh_released` set, as by release_mesh, and `*bytes` (when
/// given) set to its size. Nullopt when it must stay (not read yet, or a cache write still reads it: the
/// caller uploads it at once instead).
std::optional<ParcelMesh> take_mesh(MapData& d, size_t* bytes = nullptr);
/// Brings a released mesh back (the thread that owns `d`): from the workspace's cache when it still matches,
/// else triangulated again from the parcels' geometry (which needs `geometry_ready`). False when neither can
/// be done now (the geometry is still being read); true when the mesh is there (or was never released).
bool restore_mesh(MapData& d);
/// Writes the mesh that load_map_data_first triangulated into the workspace's render_cache (when it left a
/// pending_mesh_key; any thread, d.mesh is only read); returns the seconds it took (0 when nothing was
/// pending). A failure (locked or read-only file) is ignored: the next open triangulates again.
double store_pending_mesh(MapData& d);
/// Writes the compact first-stage record (store/lean_record.hpp) when load_map_data_first left
/// pending_lean_boxes (after stage 2: the lean columns are not changed by it); seconds taken, 0 when none.
double store_pending_lean_record(MapData& d);
/// The mesh of a stage-1 MapData that had none cached (`mesh_needs_triangulation`), once stage 2 has read the
/// geometry: tessellated and grouped by draw order (any thread; reads only the parcels' geometry, the
/// projection and the draw order). `seconds`: time taken.
ParcelMesh triangulate_mesh(const MapData& d, double* seconds = nullptr);
/// Writes `mesh` into the workspace's render cache under `key` (any thread; a read-only or locked file just
/// means no cache). Returns the seconds taken.
double store_mesh_cache(const std::string& workspace_path, const std::string& key, const ParcelMesh& mesh);
/// Everything left in one go, on a stage-1 MapData: the pending mesh (read or triangulated), then stage 2 (a
/// no-op once all is there).
void complete_map_data(MapData& d);

/// Same from layers already in memory (tests, benchmarks); no cache.
MapData build_map_data(std::vector<Zone> zones, std::vector<Parcel> parcels, std::vector<Project> projects,
                       std::vector<Link> links);

/// The parcels' mesh (as tessellate_parcels makes it) from triangles cached per parcel (`tris[i]`: uint16
/// index triples into parcel i's ring vertices, store::ViewIndexEntry); a parcel with none, or with indices
/// that do not fit its rings, is triangulated here. `cached` (when given): how many came from the cache.
ParcelMesh mesh_from_cached(const std::vector<Parcel>& parcels, const std::vector<std::string>& tris,
                            const LocalProjection& pr, size_t* cached = nullptr);
/// Per parcel of `parcels`, its cached triangles for the view index: "" when its mesh added vertices to its
/// rings (a part MakeValid changed) or it has 65536 ring vertices or more.
std::vector<std::string> cacheable_triangles(const std::vector<const MultiPolygon*>& shapes,
                                             const LocalProjection& pr);

/// Triangulates the parcels (exposed for tests and the benchmark).
ParcelMesh tessellate_parcels(const std::vector<Parcel>& parcels, const LocalProjection& pr);
/// Threads used to triangulate `shapes` shapes: the hardware's (or $PARKATLAS_THREADS), one per 2000 shapes
/// at most.
int tessellation_threads(size_t shapes);
/// Triangulates any multipolygons; vertex i's owner index is the position in `shapes`. Runs on
/// tessellation_threads() threads, each with its own GEOS context; the mesh does not depend on the count.
/// `share_vertices`: the triangles index the ring vertices (ParcelMesh::shares_vertices).
ParcelMesh tessellate(const std::vector<const MultiPolygon*>& shapes, const LocalProjection& pr,
                      bool share_vertices = false);

}  // namespace pa::render
