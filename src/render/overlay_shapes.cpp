// Overlay polygons and thick lines with per-vertex colour (overlay_shapes.hpp).
#include "render/overlay_shapes.hpp"

#include <array>
#include <cstddef>

#include "render/map_data.hpp"
#include "render/shaders.hpp"

namespace pa::render {

namespace {

void push_segment(std::vector<ShapeLineVertex>& v, float ax, float ay, float bx, float by, uint32_t rgba,
                  uint32_t owner) {
    // The same six vertices as the zone outlines (map_data.cpp): the shader pushes them sideways in pixels.
    auto vert = [&](float px, float py, float ox, float oy, float side) {
        v.push_back({px, py, ox, oy, side, rgba, owner});
    };
    vert(ax, ay, bx, by, -1);
    vert(ax, ay, bx, by, 1);
    vert(bx, by, ax, ay, -1);
    vert(ax, ay, bx, by, -1);
    vert(bx, by, ax, ay, -1);
    vert(bx, by, ax, ay, 1);
}

}  // namespace

void ShapeMesh::add_polygons(const std::vector<ShapeStyle>& shapes, const LocalProjection& proj) {
    std::vector<const MultiPolygon*> geoms;
    for (const auto& s : shapes) geoms.push_back(s.geom);
    const ParcelMesh m = tessellate(geoms, proj);
    const auto base = static_cast<uint32_t>(fill.size());
    for (size_t v = 0; v < m.fill_parcel.size(); ++v) {
        const ShapeStyle& s = shapes[m.fill_parcel[v]];
        fill.push_back({m.fill_xy[2 * v], m.fill_xy[2 * v + 1], s.fill.packed(), s.owner});
    }
    for (uint32_t i : m.fill_index) fill_index.push_back(base + i);
    for (size_t k = 0; k + 1 < m.line_index.size(); k += 2) {
        const uint32_t a = m.line_index[k], b = m.line_index[k + 1];
        const ShapeStyle& s = shapes[m.line_parcel[a]];
        push_segment(lines, m.line_xy[2 * a], m.line_xy[2 * a + 1], m.line_xy[2 * b], m.line_xy[2 * b + 1],
                     s.outline.packed(), s.owner);
        ++segments;
    }
    for (const auto& s : shapes)
        if (s.geom && !s.geom->empty()) ++polygons;
}

void ShapeMesh::add_reference_lines(const ReferenceLayer& layer, const LocalProjection& proj) {
    const Rgba color{layer.style.r, layer.style.g, layer.style.b, layer.style.a};
    for (const auto& f : layer.features)
        for (const auto& line : f.lines)
            for (size_t i = 1; i < line.size(); ++i) {
                const PlanePoint a = proj.xy(line[i - 1]), b = proj.xy(line[i]);
                add_segment(a.x, a.y, b.x, b.y, color, 0);
            }
}

void ShapeMesh::add_segment(double ax, double ay, double bx, double by, Rgba color, uint32_t owner) {
    push_segment(lines, float(ax), float(ay), float(bx), float(by), color.packed(), owner);
    ++segments;
    ++links;
}

ShapeOverlay::ShapeOverlay()
    : fill_(load_program("overlay_fill")),
      line_(load_program("overlay_line")),
      fill_vao_(VertexArray::create()),
      line_vao_(VertexArray::create()),
      fill_vbo_(Buffer::create()),
      fill_ebo_(Buffer::create()),
      line_vbo_(Buffer::create()) {
    fill_vao_.bind();
    glBindBuffer(GL_ARRAY_BUFFER, fill_vbo_.id());
    const GLsizei fs = sizeof(ShapeFillVertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, fs,
                          reinterpret_cast<void*>(offsetof(ShapeFillVertex, x)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, fs,
                          reinterpret_cast<void*>(offsetof(ShapeFillVertex, rgba)));
    glEnableVertexAttribArray(2);
    glVertexAttribIPointer(2, 1, GL_UNSIGNED_INT, fs,
                           reinterpret_cast<void*>(offsetof(ShapeFillVertex, owner)));
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, fill_ebo_.id());  // recorded in the VAO

    line_vao_.bind();
    glBindBuffer(GL_ARRAY_BUFFER, line_vbo_.id());
    const GLsizei ls = sizeof(ShapeLineVertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, ls,
                          reinterpret_cast<void*>(offsetof(ShapeLineVertex, x)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, ls,
                          reinterpret_cast<void*>(offsetof(ShapeLineVertex, ox)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, ls,
                          reinterpret_cast<void*>(offsetof(ShapeLineVertex, side)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, ls,
                          reinterpret_cast<void*>(offsetof(ShapeLineVertex, rgba)));
    glEnableVertexAttribArray(4);
    glVertexAttribIPointer(4, 1, GL_UNSIGNED_INT, ls,
                           reinterpret_cast<void*>(offsetof(ShapeLineVertex, owner)));
    glBindVertexArray(0);
}

void ShapeOverlay::upload(const ShapeMesh& m) {
    fill_vao_.bind();
    fill_vbo_.upload(GL_ARRAY_BUFFER, m.fill.data(), m.fill.size() * sizeof(ShapeFillVertex),
                     GL_DYNAMIC_DRAW);
    fill_ebo_.upload(GL_ELEMENT_ARRAY_BUFFER, m.fill_index.data(), m.fill_index.size() * sizeof(uint32_t),
                     GL_DYNAMIC_DRAW);
    line_vao_.bind();
    line_vbo_.upload(GL_ARRAY_BUFFER, m.lines.data(), m.lines.size() * sizeof(ShapeLineVertex),
                     GL_DYNAMIC_DRAW);
    glBindVertexArray(0);
    fill_count_ = static_cast<GLsizei>(m.fill_index.size());
    line_vertices_ = static_cast<GLsizei>(m.lines.size());
    segments_ = m.segments;
    links_ = m.links;
}

void ShapeOverlay::clear() {
    fill_count_ = 0;
    line_vertices_ = 0;
    segments_ = links_ = 0;
}

void ShapeOverlay::draw(const Camera& cam, float line_px, int highlight, float ui_scale) {
    draw_calls_ = 0;
    if (fill_count_ == 0 && line_vertices_ == 0) return;
    glViewport(cam.viewport_x, 0, cam.width, cam.height);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    const float view[4] = {float(cam.cx), float(cam.cy), float(2.0 / (cam.width * cam.m_per_px)),
                           float(2.0 / (cam.height * cam.m_per_px))};
    if (fill_count_ > 0) {
        fill_.use();
        glUniform4fv(fill_.uniform("u_view"), 1, view);
        glUniform1i(fill_.uniform("u_highlight"), highlight);
        fill_vao_.bind();
        glDrawElements(GL_TRIANGLES, fill_count_, GL_UNSIGNED_INT, nullptr);
        ++draw_calls_;
    }
    if (line_vertices_ > 0) {
        line_.use();
        glUniform4fv(line_.uniform("u_view"), 1, view);
        glUniform2f(line_.uniform("u_viewport"), float(cam.width), float(cam.height));
        glUniform1f(line_.uniform("u_width"), line_px * ui_scale);
        glUniform1i(line_.uniform("u_highlight"), highlight);
        line_vao_.bind();
        glDrawArrays(GL_TRIANGLES, 0, line_vertices_);
        ++draw_calls_;
    }
    glBindVertexArray(0);
    glUseProgram(0);
}

Rgba category_color(size_t i) {
    // Okabe-Ito (without black and yellow, weak on a light map) then Paul Tol's muted: distinct on a
    // projector.
    static constexpr std::array<Rgba, 12> k = {{{230, 159, 0, 255},
                                                {86, 180, 233, 255},
                                                {0, 158, 115, 255},
                                                {0, 114, 178, 255},
                                                {213, 94, 0, 255},
                                                {204, 121, 167, 255},
                                                {136, 34, 85, 255},
                                                {68, 170, 153, 255},
                                                {153, 153, 51, 255},
                                                {51, 34, 136, 255},
                                                {170, 68, 153, 255},
                                                {17, 119, 51, 255}}};
    return k[i % k.size()];
}

ShapeMesh cluster_hull_mesh(const analysis::ClusterResult& r, const LocalProjection& proj,
                            uint8_t fill_alpha) {
    std::vector<ShapeStyle> shapes;
    for (const auto& c : r.clusters) {
        Rgba line = category_color(size_t(c.id)), fill = line;
        fill.a = fill_alpha;
        // Outlines a little darker than the fill so neighbouring hulls of light colours stay apart.
        line = {uint8_t(line.r * 0.75), uint8_t(line.g * 0.75), uint8_t(line.b * 0.75), 235};
        shapes.push_back({&c.hull, fill, line, uint32_t(c.id)});
    }
    ShapeMesh m;
    m.add_polygons(shapes, proj);
    return m;
}

ShapeMesh chain_link_mesh(const analysis::ChainResult& r, const LocalProjection& proj, uint8_t alpha) {
    ShapeMesh m;
    for (const auto& l : r.links) {
        const auto& u = r.firms[l.upstream].pos;
        const auto& d = r.firms[l.downstream].pos;
        Rgba c = category_color(l.pair);
        c.a = alpha;
        const PlanePoint a = proj.xy(u), b = proj.xy(d);
        m.add_segment(a.x, a.y, b.x, b.y, c, uint32_t(l.pair));
    }
    return m;
}

}  // namespace pa::render
