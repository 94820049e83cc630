#pragma once
// Draws a MapData with OpenGL 3.3 core: one VBO per layer, uploaded once; per frame a handful of draw calls
// (parcel fill, parcel outlines, selection outline, zone outlines, project points), never one per polygon.
#include <cstdint>
#include <memory>
#include <vector>

#include "render/camera.hpp"
#include "render/gl_objects.hpp"
#include "render/map_data.hpp"
#include "render/palette.hpp"

namespace pa::render {

struct MapStyle {
    bool show_zones = true, show_parcels = true, show_projects = true, show_outlines = true;
    int hover = -1, selected = -1;          // parcel indices, -1 for none
    double outline_below_m_per_px = 4.0;    // parcel outlines only when zoomed in this far
    double projects_below_m_per_px = 15.0;  // project points only when zoomed in this far: metres per
                                            // reference pixel (m_per_px × ui_scale), about one zone in view;
                                            // at city scale they would hide the parcels' colours
    float zone_line_px = 2.5f;
    float point_scale_px = 14.0f;  // diameter of a 10 亿元 project
    float ui_scale = 1.0f;         // multiplies line widths and point sizes (export at 2x, 4x)
    float lod_below_px = 3.0f;     // a parcel smaller than this on screen (the side of a square of its
                                   // area) is drawn as one square point of that side (>= 1 px) instead
                                   // of its triangles: far out, a million sub-pixel parcels cost a
                                   // million points, not ten million triangles; 0 = never
    Rgba background = kBackground;
    /// A raster basemap warped to this view, drawn right after the background; the zones' pale fills are then
    /// left out (their outlines stay) so the imagery shows through them.
    const class BasemapLayer* basemap = nullptr;
};

/// Whether project points are drawn at this view's scale: zoomed in to about a zone or closer
/// (projects_below_m_per_px). The scale is measured in reference pixels (a picture's ui_scale pixels): a
/// 3508x2480 export of the whole city (ui_scale 3.4) is as far out as the 1600x900 one and shows none either.
/// The layer toggle is the caller's: MapRenderer draws its points only with MapStyle::show_projects (the
/// replay's SupplyLayers draw theirs by the same scale rule while MapRenderer's are off).
bool project_markers_at_scale(const Camera& cam, const MapStyle& st);
/// Draws `count` project points (x, y, invest_wan per vertex in `vao`) with the `points` program, by the
/// map's rules: only when project_markers_at_scale, sized in screen pixels by investment (× ui_scale),
/// shrinking as the map zooms out so they never hide the parcels' colours. `view` is the camera's {cx, cy,
/// sx, sy}.
/// `first`/`count`: `ranges` ranges of vertices to draw (one multi-draw). Returns true when it drew.
bool draw_project_points(Program& points, VertexArray& vao, const GLint* first, const GLsizei* count,
                         GLsizei ranges, const Camera& cam, const MapStyle& st, const float* view);

class MapRenderer {
  public:
    /// Loads the shaders (throws with the missing file's path). Needs a current context.
    MapRenderer();
    /// Uploads the layers' geometry (once per workspace); without `with_mesh` the parcels' mesh is left for
    /// begin_mesh_upload (they are drawn as level-of-detail points until it is complete).
    void upload(const MapData& data, bool with_mesh = true);
    /// Uploads the parcel mesh (again: a large workspace's cached mesh arrives after the first frame; until
    /// then, or with an empty mesh, the parcels are drawn as level-of-detail points).
    void upload_mesh(const ParcelMesh& mesh);
    /// The viewer's way for a large mesh (hundreds of MB at a million parcels): sizes the buffers now and
    /// fills them over the next frames (continue_mesh_upload), so the UI thread never stops for the whole
    /// copy; until it is complete the parcels stay level-of-detail points. The renderer owns `mesh` (grouped
    /// by draw order; take_mesh_for_upload hands it over) and frees each array as soon as the GPU holds it,
    /// so the CPU and GPU copies of the whole mesh never coexist (a million parcels: 220 MB less at the
    /// peak).
    void begin_mesh_upload(ParcelMesh mesh);
    /// Copies up to `budget_bytes` more of a begun upload; true when it completed with this call.
    bool continue_mesh_upload(size_t budget_bytes);
    bool mesh_upload_pending() const { return staging_; }
    /// Bytes of a begun upload's CPU arrays freed so far (each once the GPU holds it).
    size_t staged_bytes_freed() const { return staged_freed_; }
    /// Uploads the project points again (they arrive with stage 2 of a two-stage open).
    void upload_points(const MapData& data);
    GLsizei point_count() const { return point_count_; }
    /// Uploads one RGBA8 per parcel (the theme's colours): the only upload on a theme or filter change.
    void set_parcel_colors(const std::vector<uint32_t>& rgba);
    /// One RGBA8 per zone for the zones' light fill (alpha 0 = not filled).
    void set_zone_colors(const std::vector<uint32_t>& rgba);
    /// Clears and draws into the currently bound framebuffer, viewport = camera size.
    void draw(const Camera& cam, const MapStyle& style);
    int last_draw_calls() const { return draw_calls_; }
    /// Multi-draws of more primitives than this go in batches with a flush after each (0: never); set for a
    /// software rasteriser (kSoftwareFlushPrimitives) to bound its bins. Tests and benchmarks change it.
    void set_flush_every_primitives(int64_t n) { flush_every_primitives_ = n; }
    /// Primitives (triangles, lines, points) the last draw() asked for: what a software rasteriser's time
    /// follows.
    int64_t last_primitives() const { return primitives_; }
    /// True when the last draw() showed some parcels as level-of-detail points (MapStyle::lod_below_px).
    bool last_draw_lod() const { return last_lod_count_ > 0; }
    /// How many parcels the last draw() showed as points (the smallest ones; all while no mesh is uploaded).
    GLsizei last_lod_count() const { return last_lod_count_; }
    /// Changes with every upload and colour change (the map cache compares it to know when to redraw).
    uint64_t generation() const { return generation_; }

  private:
    struct ZoneRange;
    /// What one draw() sees: the view's uniform, the world box in view (with a margin), the zone holding the
    /// whole view (-1: none) and the zones' level of detail for this scale.
    struct Frame {
        float view[4];
        Box seen;
        int inside = -1;
        const ZoneRange* zones = nullptr;
        bool touches(const Box& b) const {
            return !b.empty() && b.min_x <= seen.max_x && b.max_x >= seen.min_x && b.min_y <= seen.max_y &&
                   b.max_y >= seen.min_y;
        }
    };
    void draw_zone_fills(const Frame& f);
    void draw_parcel_points(const Frame& f, const Camera& cam, const MapStyle& st, bool have_mesh,
                            float below_m);
    void draw_parcel_mesh(const Frame& f, const Camera& cam, const MapStyle& st, float below_m);
    void draw_zone_outlines(const Frame& f, const Camera& cam, const MapStyle& st);
    void draw_projects(const Frame& f, const Camera& cam, const MapStyle& st);
    /// Collects an element range for the next multi-draw (merged with the last when adjacent).
    void add_range(GLsizei first, GLsizei count);
    /// Hands the collected ranges to one glMultiDrawElements call.
    void multi_elements(GLenum mode, int per_primitive);
    void upload_lod(const MapData& d);
    /// The zone whose inside holds the whole view (no edge of it in view), or -1.
    int zone_containing_view(const Camera& cam) const;
    Program fill_, line_, points_, lod_;
    // Tiles and level of detail per parcel, from MapData::draw_order (ranks by tile, then size): lod_ebo_
    // holds the parcel indices in rank order, lod_side_m_ their sides by rank, and the mesh comes grouped by
    // rank (group_mesh): fill_from_rank_[k] / line_from_rank_[k] is the first index of the triangles /
    // segments of the parcels of rank >= k. Drawing a tile is then "its k smallest as points, the rest as
    // triangles", two ranges, and a view draws only the tiles whose box it touches (multi-draw).
    VertexArray lod_vao_;
    Buffer lod_vbo_, lod_ebo_;
    GLsizei lod_count_ = 0;
    std::vector<uint32_t> lod_rank_;
    std::vector<float> lod_side_m_;
    std::vector<GLsizei> fill_from_rank_, line_from_rank_;
    std::vector<uint32_t> tile_first_rank_;  // per tile, its first rank; then the end (tiles + 1 entries)
    std::vector<Box> tile_box_;              // per tile: its parcels' boxes and level-of-detail squares
    // Per frame scratch (kept to avoid allocating): the ranges handed to glMultiDraw*.
    std::vector<GLsizei> md_count_;
    std::vector<const void*> md_offset_;
    std::vector<GLsizei> md_batch_count_;  // a batch of those (software rasterisers, multi_elements)
    std::vector<const void*> md_batch_offset_;
    /// On a software rasteriser, a multi-draw of more primitives goes in batches with a flush after each
    /// (bounds its bins); 0 on a GPU.
    static constexpr int64_t kSoftwareFlushPrimitives = 131072;
    int64_t flush_every_primitives_ = 0;
    std::vector<GLint> md_first_;
    VertexArray fill_vao_, outline_vao_, zone_vao_, point_vao_;
    GLsizei last_lod_count_ = 0;
    Buffer fill_vbo_, fill_parcel_vbo_, fill_ebo_, line_vbo_, line_parcel_vbo_, line_ebo_, zone_vbo_,
        point_vbo_;
    Buffer color_buf_, zone_color_buf_;
    Texture color_tex_, zone_color_tex_;
    VertexArray zone_fill_vao_;
    Buffer zone_fill_vbo_, zone_fill_owner_vbo_, zone_fill_ebo_;
    GLsizei zone_fill_count_ = 0;
    // Per zone level of detail (exact first): its outline vertices and fill indices within the zone buffers.
    struct ZoneRange {
        double tolerance_m = 0;
        // Per zone: outline vertices (first, count) and fill indices (first, count) in the zone buffers.
        std::vector<GLint> outline_first;
        std::vector<GLsizei> outline_count, fill_first, fill_count;
    };
    std::vector<ZoneRange> zone_levels_;
    std::vector<Box> zone_box_;
    // The zones' exact rings as segments (x0, y0, x1, y1 in local metres; zone_seg_first_: per zone + end)
    // and their colours: a view wholly inside one zone is cleared to its tint instead of filling the zone
    // under everything.
    std::vector<float> zone_seg_;
    std::vector<uint32_t> zone_seg_first_;
    std::vector<uint32_t> zone_rgba_;
    // Project points in grid cells (point_cell_first_: per cell + end, in vertices), drawn cell by cell in
    // view.
    std::vector<uint32_t> point_cell_first_;
    std::vector<Box> point_cell_box_;
    GLsizei fill_count_ = 0, line_count_ = 0, zone_vertices_ = 0, point_count_ = 0;
    std::vector<uint32_t> line_first_, line_count_per_parcel_;
    /// Counts, the ranks' ranges and the outlines' per-parcel ranges of `m`; its arrays are not read (a
    /// staged upload has freed them).
    void finish_mesh(ParcelMesh& m, size_t fill_indices, size_t line_indices);
    ParcelMesh staged_;  // a mesh being uploaded over several frames (its arrays freed as they go)
    bool staging_ = false;
    size_t staged_part_ = 0, staged_offset_ = 0, staged_freed_ = 0;
    size_t staged_fill_indices_ = 0, staged_line_indices_ = 0;
    int draw_calls_ = 0;
    int64_t primitives_ = 0;
    uint64_t generation_ = 0;
};

}  // namespace pa::render
