#pragma once
// Arbitrary polygons and line segments drawn over the map with few draw calls (one for all fills, one for all
// thick lines): cluster hulls (filled translucent + outline, one colour per cluster) and industry-chain
// links. The mesh is built on the CPU (any thread: tessellate() from map_data.hpp, GEOS constrained Delaunay)
// and uploaded once per result; a frame only changes uniforms (camera, highlighted owner). Needs a current
// OpenGL 3.3 core context for the GPU part.
#include <cstdint>
#include <vector>

#include "core/analysis/chains.hpp"
#include "core/analysis/cluster.hpp"
#include "core/model.hpp"
#include "render/camera.hpp"
#include "render/gl_objects.hpp"
#include "render/palette.hpp"

namespace pa::render {

/// A fill vertex in local metres with its colour (RGBA8, packed as Rgba::packed) and owner (cluster / link
/// index).
struct ShapeFillVertex {
    float x = 0, y = 0;
    uint32_t rgba = 0, owner = 0;
};
/// A thick-line vertex: the segment end, the other end, the side (-1 / +1), colour and owner (6 per segment).
struct ShapeLineVertex {
    float x = 0, y = 0, ox = 0, oy = 0, side = 0;
    uint32_t rgba = 0, owner = 0;
};

struct ShapeStyle {
    const MultiPolygon* geom = nullptr;  // CGCS2000 lon/lat
    Rgba fill, outline;
    uint32_t owner = 0;
};

/// What a ShapeOverlay draws: built off the UI thread, uploaded on it.
struct ShapeMesh {
    std::vector<ShapeFillVertex> fill;
    std::vector<uint32_t> fill_index;  // triangles
    std::vector<ShapeLineVertex> lines;
    size_t polygons = 0;  // shapes added with add_polygons (non-empty ones)
    size_t segments = 0;  // thick segments (outline edges + add_segment calls)
    size_t links = 0;     // segments added with add_segment only

    /// Triangulates the shapes (holes respected) and adds their rings as outlines, in the local projection.
    void add_polygons(const std::vector<ShapeStyle>& shapes, const LocalProjection& proj);
    /// One thick segment between two world points (local metres), e.g. a chain link.
    void add_segment(double ax, double ay, double bx, double by, Rgba color, uint32_t owner);
    /// Every line of a reference layer (roads, rivers, boundaries) in its style's colour.
    void add_reference_lines(const ReferenceLayer& layer, const LocalProjection& proj);
};

class ShapeOverlay {
  public:
    /// Loads shaders/overlay_fill.* and overlay_line.* (throws naming a missing file).
    ShapeOverlay();
    ShapeOverlay(const ShapeOverlay&) = delete;
    ShapeOverlay& operator=(const ShapeOverlay&) = delete;
    void upload(const ShapeMesh& mesh);
    void clear();
    /// Draws into the bound framebuffer (viewport = camera size), blending over what is there. `highlight` is
    /// an owner drawn stronger (fill more opaque, outline wider); -1 for none. At most 2 draw calls.
    void draw(const Camera& cam, float line_px, int highlight = -1, float ui_scale = 1.0f);
    size_t triangle_count() const { return size_t(fill_count_) / 3; }
    size_t segment_count() const { return segments_; }
    size_t link_count() const { return links_; }
    int last_draw_calls() const { return draw_calls_; }

  private:
    Program fill_, line_;
    VertexArray fill_vao_, line_vao_;
    Buffer fill_vbo_, fill_ebo_, line_vbo_;
    GLsizei fill_count_ = 0, line_vertices_ = 0;
    size_t segments_ = 0, links_ = 0;
    int draw_calls_ = 0;
};

/// A categorical colour for cluster / chain number i (Okabe-Ito then Paul Tol, cycling), alpha 255.
Rgba category_color(size_t i);

/// Hulls of a clustering result: cluster c filled with category_color(c) at `fill_alpha`, outlined opaque;
/// owner = cluster id.
ShapeMesh cluster_hull_mesh(const analysis::ClusterResult& r, const LocalProjection& proj,
                            uint8_t fill_alpha = 70);
/// One segment per chain link (upstream firm -> downstream firm), coloured category_color(pair); owner = pair
/// index.
ShapeMesh chain_link_mesh(const analysis::ChainResult& r, const LocalProjection& proj, uint8_t alpha = 200);

}  // namespace pa::render
