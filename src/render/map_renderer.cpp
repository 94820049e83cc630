#include "render/map_renderer.hpp"

#include "render/shaders.hpp"

namespace pa::render {

MapRenderer::MapRenderer()
    : fill_(load_program("map_fill")), line_(load_program("thick_line")), points_(load_program("points")),
      fill_vao_(VertexArray::create()), outline_vao_(VertexArray::create()), zone_vao_(VertexArray::create()),
      point_vao_(VertexArray::create()), fill_vbo_(Buffer::create()), fill_parcel_vbo_(Buffer::create()),
      fill_ebo_(Buffer::create()), line_vbo_(Buffer::create()), line_parcel_vbo_(Buffer::create()),
      line_ebo_(Buffer::create()), zone_vbo_(Buffer::create()), point_vbo_(Buffer::create()),
      color_buf_(Buffer::create()), color_tex_(Texture::create()) {}

void MapRenderer::upload(const MapData& d) {
    const ParcelMesh& m = d.mesh;
    fill_vao_.bind();
    fill_vbo_.upload(GL_ARRAY_BUFFER, m.fill_xy.data(), m.fill_xy.size() * sizeof(float));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    fill_parcel_vbo_.upload(GL_ARRAY_BUFFER, m.fill_parcel.data(), m.fill_parcel.size() * sizeof(uint32_t));
    glEnableVertexAttribArray(1);
    glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, 0, nullptr);
    fill_ebo_.upload(GL_ELEMENT_ARRAY_BUFFER, m.fill_index.data(), m.fill_index.size() * sizeof(uint32_t));
    fill_count_ = static_cast<GLsizei>(m.fill_index.size());

    outline_vao_.bind();
    line_vbo_.upload(GL_ARRAY_BUFFER, m.line_xy.data(), m.line_xy.size() * sizeof(float));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    line_parcel_vbo_.upload(GL_ARRAY_BUFFER, m.line_parcel.data(), m.line_parcel.size() * sizeof(uint32_t));
    glEnableVertexAttribArray(1);
    glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, 0, nullptr);
    line_ebo_.upload(GL_ELEMENT_ARRAY_BUFFER, m.line_index.data(), m.line_index.size() * sizeof(uint32_t));
    line_count_ = static_cast<GLsizei>(m.line_index.size());
    line_first_ = m.line_first;
    line_count_per_parcel_ = m.line_count;

    zone_vao_.bind();
    const auto& z = d.zone_drawing.outline;
    zone_vbo_.upload(GL_ARRAY_BUFFER, z.data(), z.size() * sizeof(float));
    const GLsizei stride = 5 * sizeof(float);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(2 * sizeof(float)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(4 * sizeof(float)));
    zone_vertices_ = static_cast<GLsizei>(z.size() / 5);

    point_vao_.bind();
    point_vbo_.upload(GL_ARRAY_BUFFER, d.project_points.data(), d.project_points.size() * sizeof(float));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, 3 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
    point_count_ = static_cast<GLsizei>(d.project_points.size() / 3);
    glBindVertexArray(0);

    // Default colours until a theme is set: the "filtered out" grey.
    set_parcel_colors(std::vector<uint32_t>(d.parcels.size(), kFilteredOut.packed()));
}

void MapRenderer::set_parcel_colors(const std::vector<uint32_t>& rgba) {
    // A buffer texture needs at least one texel.
    static const uint32_t one = 0;
    color_buf_.upload(GL_TEXTURE_BUFFER, rgba.empty() ? &one : rgba.data(),
                      (rgba.empty() ? 1 : rgba.size()) * sizeof(uint32_t), GL_DYNAMIC_DRAW);
    glBindTexture(GL_TEXTURE_BUFFER, color_tex_.id());
    glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA8, color_buf_.id());
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
}

void MapRenderer::draw(const Camera& cam, const MapStyle& st) {
    draw_calls_ = 0;
    glViewport(0, 0, cam.width, cam.height);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(st.background.r / 255.f, st.background.g / 255.f, st.background.b / 255.f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    const float view[4] = {float(cam.cx), float(cam.cy), float(2.0 / (cam.width * cam.m_per_px)),
                           float(2.0 / (cam.height * cam.m_per_px))};

    if (st.show_parcels && fill_count_ > 0) {
        fill_.use();
        glUniform4fv(fill_.uniform("u_view"), 1, view);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_BUFFER, color_tex_.id());
        glUniform1i(fill_.uniform("u_colors"), 0);
        glUniform1i(fill_.uniform("u_hover"), st.hover);
        glUniform1i(fill_.uniform("u_selected"), st.selected);
        glUniform1i(fill_.uniform("u_outline"), 0);
        fill_vao_.bind();
        glDrawElements(GL_TRIANGLES, fill_count_, GL_UNSIGNED_INT, nullptr);
        ++draw_calls_;
        outline_vao_.bind();
        glUniform1i(fill_.uniform("u_outline"), 1);
        if (st.show_outlines && cam.m_per_px < st.outline_below_m_per_px * st.ui_scale && line_count_ > 0) {
            glDrawElements(GL_LINES, line_count_, GL_UNSIGNED_INT, nullptr);
            ++draw_calls_;
        }
        for (int sel : {st.hover, st.selected}) {
            if (sel < 0 || static_cast<size_t>(sel) >= line_first_.size() || line_count_per_parcel_[size_t(sel)] == 0)
                continue;
            glDrawElements(GL_LINES, static_cast<GLsizei>(line_count_per_parcel_[size_t(sel)]), GL_UNSIGNED_INT,
                           reinterpret_cast<void*>(size_t(line_first_[size_t(sel)]) * sizeof(uint32_t)));
            ++draw_calls_;
        }
    }
    if (st.show_zones && zone_vertices_ > 0) {
        line_.use();
        glUniform4fv(line_.uniform("u_view"), 1, view);
        glUniform2f(line_.uniform("u_viewport"), float(cam.width), float(cam.height));
        glUniform1f(line_.uniform("u_width"), st.zone_line_px * st.ui_scale);
        glUniform4f(line_.uniform("u_color"), kZoneOutline.r / 255.f, kZoneOutline.g / 255.f, kZoneOutline.b / 255.f,
                    1.f);
        zone_vao_.bind();
        glDrawArrays(GL_TRIANGLES, 0, zone_vertices_);
        ++draw_calls_;
    }
    if (st.show_projects && point_count_ > 0) {
        glEnable(GL_PROGRAM_POINT_SIZE);
        points_.use();
        glUniform4fv(points_.uniform("u_view"), 1, view);
        glUniform1f(points_.uniform("u_scale"), st.point_scale_px * st.ui_scale);
        glUniform4f(points_.uniform("u_color"), 0.95f, 0.95f, 0.95f, 0.95f);
        point_vao_.bind();
        glDrawArrays(GL_POINTS, 0, point_count_);
        ++draw_calls_;
    }
    glBindVertexArray(0);
    glUseProgram(0);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
}

}  // namespace pa::render
