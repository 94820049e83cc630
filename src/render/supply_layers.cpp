#include "render/supply_layers.hpp"

#include <algorithm>

#include "render/shaders.hpp"

namespace pa::render {

std::vector<float> highlight_outline_vertices(const MapData& d, const std::vector<int>& parcels) {
    std::vector<float> v;
    // Two triangles per segment, pushed sideways in the shader (the layout of ZoneDrawing::outline).
    auto segment = [&v](float ax, float ay, float bx, float by) {
        v.insert(v.end(), {ax, ay, bx, by, -1.f, ax, ay, bx, by, 1.f,  bx, by, ax, ay, -1.f,
                           ax, ay, bx, by, -1.f, bx, by, ax, ay, -1.f, bx, by, ax, ay, 1.f});
    };
    const ParcelMesh& m = d.mesh;
    for (int pi : parcels) {
        if (pi < 0 || static_cast<size_t>(pi) >= d.parcels.size()) continue;
        const auto i = static_cast<size_t>(pi);
        if (i < m.line_first.size()) {  // the mesh's outline, when the mesh is in memory
            const size_t first = m.line_first[i], count = m.line_count[i];
            for (size_t k = first; k + 1 < first + count && k + 1 < m.line_index.size(); k += 2) {
                const float* a = &m.line_xy[2 * size_t(m.line_index[k])];
                const float* b = &m.line_xy[2 * size_t(m.line_index[k + 1])];
                segment(a[0], a[1], b[0], b[1]);
            }
            continue;
        }
        // Else (the mesh is on the GPU only, MapData::mesh_released) the parcel's rings, projected.
        for (const auto& poly : d.parcels[i].geom)
            for (const auto& ring : poly)
                for (size_t k = 0; k + 1 < ring.size(); ++k) {
                    const PlanePoint a = d.proj.xy(ring[k].lon, ring[k].lat),
                                     b = d.proj.xy(ring[k + 1].lon, ring[k + 1].lat);
                    segment(float(a.x), float(a.y), float(b.x), float(b.y));
                }
    }
    return v;
}

std::vector<float> project_points_where(const MapData& d, const std::vector<char>& keep) {
    std::vector<float> out;
    for (size_t i = 0; i < d.projects.size(); ++i) {
        if (i >= keep.size() || !keep[i]) continue;
        const Project& p = d.projects[i];
        double x = 0, y = 0;
        if (!project_xy(d, i, x, y)) continue;
        out.insert(out.end(),
                   {float(x), float(y), float(p.fixed_invest_wan.value_or(p.total_invest_wan.value_or(0)))});
    }
    return out;
}

SupplyLayers::SupplyLayers()
    : line_(load_program("thick_line")),
      points_(load_program("points")),
      point_vao_(VertexArray::create()),
      point_vbo_(Buffer::create()) {
    for (auto& s : slots_) {
        s.vao = VertexArray::create();
        s.vbo = Buffer::create();
    }
}

void SupplyLayers::set_highlight(int slot, const MapData& data, const std::vector<int>& parcels, Rgba color,
                                 float width_px) {
    if (slot < 0 || slot >= kSlots) return;
    Slot& s = slots_[slot];
    const std::vector<float> v = highlight_outline_vertices(data, parcels);
    s.vao.bind();
    static const float kEmpty[5] = {0, 0, 0, 0, 0};
    s.vbo.upload(GL_ARRAY_BUFFER, v.empty() ? kEmpty : v.data(), (v.empty() ? 5 : v.size()) * sizeof(float));
    const GLsizei stride = 5 * sizeof(float);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(2 * sizeof(float)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(4 * sizeof(float)));
    glBindVertexArray(0);
    s.vertices = static_cast<GLsizei>(v.size() / 5);
    s.parcels = static_cast<int>(parcels.size());
    s.color = color;
    s.width_px = width_px;
}

void SupplyLayers::clear_highlight(int slot) {
    if (slot < 0 || slot >= kSlots) return;
    slots_[slot].vertices = 0;
    slots_[slot].parcels = 0;
}

void SupplyLayers::set_project_points(const std::vector<float>& xyz) {
    point_vao_.bind();
    static const float kEmpty[3] = {0, 0, 0};
    point_vbo_.upload(GL_ARRAY_BUFFER, xyz.empty() ? kEmpty : xyz.data(),
                      (xyz.empty() ? 3 : xyz.size()) * sizeof(float));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, 3 * sizeof(float),
                          reinterpret_cast<void*>(2 * sizeof(float)));
    glBindVertexArray(0);
    point_count_ = static_cast<GLsizei>(xyz.size() / 3);
}

void SupplyLayers::draw(const Camera& cam, const MapStyle& st, bool projects_layer, unsigned slot_mask) {
    glViewport(cam.viewport_x, 0, cam.width, cam.height);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    const float view[4] = {float(cam.cx), float(cam.cy), float(2.0 / (cam.width * cam.m_per_px)),
                           float(2.0 / (cam.height * cam.m_per_px))};
    if (st.show_parcels) {
        line_.use();
        glUniform4fv(line_.uniform("u_view"), 1, view);
        glUniform2f(line_.uniform("u_viewport"), float(cam.width), float(cam.height));
        for (int k = 0; k < kSlots; ++k) {
            const Slot& s = slots_[k];
            if (s.vertices == 0 || !(slot_mask & (1u << k))) continue;
            glUniform1f(line_.uniform("u_width"), s.width_px * st.ui_scale);
            glUniform4f(line_.uniform("u_color"), s.color.r / 255.f, s.color.g / 255.f, s.color.b / 255.f,
                        s.color.a / 255.f);
            s.vao.bind();
            glDrawArrays(GL_TRIANGLES, 0, s.vertices);
        }
    }
    // The same rules as MapRenderer's project points (shown only when zoomed in).
    if (points_on_ && projects_layer) {
        const GLint first = 0;
        draw_project_points(points_, point_vao_, &first, &point_count_, point_count_ > 0 ? 1 : 0, cam, st,
                            view);
    }
    glBindVertexArray(0);
    glUseProgram(0);
}

}  // namespace pa::render
