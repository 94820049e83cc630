// GPU kernel density: instanced Gaussian splats into an R32F FBO, then a colour ramp (heatmap.hpp).
#include "render/heatmap.hpp"

#include <algorithm>

#include "core/analysis/cluster.hpp"
#include "core/common/error.hpp"
#include "render/shaders.hpp"

namespace pa::render {

HeatmapRenderer::HeatmapRenderer()
    : splat_(load_program("heatmap_splat")),
      ramp_(load_program("heatmap_ramp")),
      points_vao_(VertexArray::create()),
      empty_vao_(VertexArray::create()),
      points_vbo_(Buffer::create()),
      density_(Texture::create()),
      fbo_(Framebuffer::create()) {
    points_vao_.bind();
    glBindBuffer(GL_ARRAY_BUFFER, points_vbo_.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(HeatPoint), nullptr);
    glVertexAttribDivisor(0, 1);  // one point per instance; the 4 quad corners come from gl_VertexID
    glBindVertexArray(0);
}

void HeatmapRenderer::set_points(const std::vector<HeatPoint>& points) {
    static_assert(sizeof(HeatPoint) == 3 * sizeof(float));
    points_vbo_.upload(GL_ARRAY_BUFFER, points.data(), points.size() * sizeof(HeatPoint), GL_STATIC_DRAW);
    count_ = points.size();
}

void HeatmapRenderer::ensure_target(int w, int h) {
    if (w == w_ && h == h_) return;
    glBindTexture(GL_TEXTURE_2D, density_.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, w, h, 0, GL_RED, GL_FLOAT, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, density_.id(), 0);
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    if (status != GL_FRAMEBUFFER_COMPLETE)
        throw InternalError("OpenGL: the heat-map density target (R32F, " + std::to_string(w) + "x" +
                            std::to_string(h) + ") is incomplete (status " + std::to_string(status) +
                            "); the driver may not render to float textures.");
    w_ = w;
    h_ = h;
}

void HeatmapRenderer::draw(const Camera& cam, double bandwidth_m, double max_density, float opacity,
                           bool composite) {
    if (!(bandwidth_m > 0.0)) throw InputError("The heat-map bandwidth must be a positive number of metres.");
    GLint prev_fbo = 0, prev_viewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_fbo);
    glGetIntegerv(GL_VIEWPORT, prev_viewport);
    const GLboolean blend_was_on = glIsEnabled(GL_BLEND);
    GLint src_rgb = 0, dst_rgb = 0, src_a = 0, dst_a = 0;
    glGetIntegerv(GL_BLEND_SRC_RGB, &src_rgb);
    glGetIntegerv(GL_BLEND_DST_RGB, &dst_rgb);
    glGetIntegerv(GL_BLEND_SRC_ALPHA, &src_a);
    glGetIntegerv(GL_BLEND_DST_ALPHA, &dst_a);

    ensure_target(std::max(1, cam.width), std::max(1, cam.height));
    // Pass 1: additive splats.
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glViewport(0, 0, w_, h_);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE);
    if (count_ > 0) {
        splat_.use();
        glUniform2f(splat_.uniform("u_centre"), float(cam.cx), float(cam.cy));
        glUniform2f(splat_.uniform("u_scale"), float(2.0 / (cam.width * cam.m_per_px)),
                    float(2.0 / (cam.height * cam.m_per_px)));
        glUniform1f(splat_.uniform("u_bandwidth_m"), float(bandwidth_m));
        points_vao_.bind();
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(count_));
    }
    if (max_density > 0.0) {
        last_max_ = max_density;
    } else {
        auto d = read_density();
        last_max_ = d.empty() ? 0.0 : double(*std::max_element(d.begin(), d.end()));
    }
    // Pass 2: colour ramp over the caller's framebuffer.
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev_fbo));
    glViewport(prev_viewport[0], prev_viewport[1], prev_viewport[2], prev_viewport[3]);
    if (composite && last_max_ > 0.0) {
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        ramp_.use();
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, density_.id());
        glUniform1i(ramp_.uniform("u_density"), 0);
        glUniform1f(ramp_.uniform("u_max_density"), float(last_max_));
        glUniform1f(ramp_.uniform("u_opacity"), opacity);
        empty_vao_.bind();
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }
    glBindVertexArray(0);
    glBlendFuncSeparate(GLenum(src_rgb), GLenum(dst_rgb), GLenum(src_a), GLenum(dst_a));
    if (!blend_was_on) glDisable(GL_BLEND);
}

std::vector<float> HeatmapRenderer::read_density() const {
    std::vector<float> out(size_t(w_) * size_t(h_));
    if (out.empty()) return out;
    GLint prev = 0;
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glReadPixels(0, 0, w_, h_, GL_RED, GL_FLOAT, out.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, GLuint(prev));
    return out;
}

RampColor heat_ramp_color(double t) {
    // Inferno (matplotlib) from 2/9 to 8/9, as in shaders/heatmap_ramp.frag: lightness rises monotonically
    // (colour-blind safe, readable in grey); the near-black and near-white ends are left out so the ramp
    // stays visible over the light map and under dark text.
    static constexpr RampColor kStops[7] = {{0.290f, 0.047f, 0.420f}, {0.471f, 0.110f, 0.427f},
                                            {0.647f, 0.173f, 0.376f}, {0.812f, 0.267f, 0.275f},
                                            {0.929f, 0.412f, 0.145f}, {0.984f, 0.608f, 0.024f},
                                            {0.969f, 0.820f, 0.239f}};
    const double s = std::clamp(t, 0.0, 1.0) * 6.0;
    const int i = std::min(int(s), 5);
    const float f = float(s - i);
    const auto& a = kStops[i];
    const auto& b = kStops[i + 1];
    return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

std::vector<HeatPoint> project_heat_points(const MapData& d, HeatWeight weight) {
    analysis::ClusterParams all;
    const auto items = analysis::make_cluster_items(d.projects, d.links, d.parcels, d.zones, all);
    std::vector<HeatPoint> pts;
    for (const auto& it : items) {
        const std::optional<double> v = weight == HeatWeight::Invest   ? it.invest_wan
                                        : weight == HeatWeight::Output ? it.output_wan
                                                                       : std::optional<double>(1.0);
        if (!v || !(*v > 0)) continue;
        const PlanePoint p = d.proj.xy(it.pos);
        pts.push_back({float(p.x), float(p.y), float(*v)});
    }
    return pts;
}

std::vector<HeatPoint> heat_points(const LocalProjection& proj, const std::vector<LonLat>& pos,
                                   const std::vector<double>& weights) {
    std::vector<HeatPoint> out;
    out.reserve(pos.size());
    for (size_t i = 0; i < pos.size(); ++i) {
        const PlanePoint p = proj.xy(pos[i]);
        out.push_back({float(p.x), float(p.y), float(i < weights.size() ? weights[i] : 1.0)});
    }
    return out;
}

}  // namespace pa::render
