#pragma once
// GPU kernel density ("heat map") of investment or output: pass 1 splats one Gaussian kernel per point
// (bandwidth in metres, weight = e.g. 固定资产投资 in 万元) into an R32F texture with additive blending, so
// the texture holds the kernel density estimate in weight per m²; pass 2 maps density / max through a colour
// ramp and blends it over the bound framebuffer. Changing the bandwidth costs one redraw, no re-upload: the
// viewer can update it live.
//
// Needs a current OpenGL 3.3 core context (GLFW window or EglContext) for its whole life. Not thread-safe.
#include <vector>

#include "render/camera.hpp"
#include "render/gl_objects.hpp"
#include "render/map_data.hpp"

namespace pa::render {

/// One kernel: world metres of the camera's LocalProjection and a weight (万元, or 1 per project).
struct HeatPoint {
    float x_m = 0.0f, y_m = 0.0f, weight = 1.0f;
};

class HeatmapRenderer {
  public:
    /// Loads shaders/heatmap_splat.* and heatmap_ramp.* (InternalError / InputError when they do not build).
    HeatmapRenderer();
    HeatmapRenderer(const HeatmapRenderer&) = delete;
    HeatmapRenderer& operator=(const HeatmapRenderer&) = delete;

    /// Uploads the points once (call again only when the data changes).
    void set_points(const std::vector<HeatPoint>& points);
    size_t point_count() const { return count_; }

    /// Computes the density for the camera's viewport (pass 1) and, when `composite`, blends the colour ramp
    /// over the framebuffer bound at the call (pass 2). `max_density` <= 0: normalise by the maximum in view
    /// (read back from the GPU: one float image per call); > 0: a fixed scale (weight per m²), cheaper and
    /// stable while panning. Restores the framebuffer binding, viewport and blend state it changes.
    void draw(const Camera& cam, double bandwidth_m, double max_density = 0.0, float opacity = 0.75f,
              bool composite = true);

    /// The density image of the last draw (weight per m²), width × height floats, bottom row first.
    std::vector<float> read_density() const;
    /// The maximum density used by the last draw's colour ramp.
    double last_max_density() const { return last_max_; }
    int width() const { return w_; }
    int height() const { return h_; }

  private:
    void ensure_target(int w, int h);
    Program splat_, ramp_;
    VertexArray points_vao_, empty_vao_;
    Buffer points_vbo_;
    Texture density_;
    Framebuffer fbo_;
    size_t count_ = 0;
    int w_ = 0, h_ = 0;
    double last_max_ = 0.0;
};

/// The colour of the ramp at t = density / max (0..1), the same stops as shaders/heatmap_ramp.frag (for
/// legends).
struct RampColor {
    float r, g, b;
};
RampColor heat_ramp_color(double t);

/// What a project's kernel weighs in the viewer's heat-map theme.
enum class HeatWeight { Invest, Output, Count };
/// The viewer's heat points: every located project (ledger lon/lat, else its parcels' centroids, as for
/// clustering) with its 固定资产投资 or 年产值 in 万元 (projects without a positive value are left out), or 1
/// per project.
std::vector<HeatPoint> project_heat_points(const MapData& data, HeatWeight weight);

/// Heat points from lon/lat and weights through the viewer's projection (weights <= 0 or missing are skipped
/// by the caller; this keeps every point it is given).
std::vector<HeatPoint> heat_points(const LocalProjection& proj, const std::vector<LonLat>& pos,
                                   const std::vector<double>& weights);

}  // namespace pa::render
