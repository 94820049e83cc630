#include "render/map_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "render/basemap_layer.hpp"
#include "render/map_cache.hpp"
#include "render/shaders.hpp"

namespace pa::render {

bool project_markers_at_scale(const Camera& cam, const MapStyle& st) {
    // Metres per reference pixel: a picture drawn at ui_scale 3 has three pixels for each of the viewer's,
    // so the same view there has a third of the metres per pixel (the old test multiplied the threshold by
    // the scale instead, and large exports of the whole city drew every marker).
    const double ui = std::max(0.01, double(st.ui_scale));
    return cam.m_per_px * ui < st.projects_below_m_per_px;
}

bool draw_project_points(Program& points, VertexArray& vao, const GLint* first, const GLsizei* count,
                         GLsizei ranges, const Camera& cam, const MapStyle& st, const float* view) {
    if (ranges <= 0 || !project_markers_at_scale(cam, st)) return false;
    glEnable(GL_PROGRAM_POINT_SIZE);
    points.use();
    glUniform4fv(points.uniform("u_view"), 1, view);
    // Points shrink when zoomed out (beyond 5 m per reference pixel) so they do not hide the parcels'
    // colours.
    const double zoom_factor =
        std::clamp(5.0 / (cam.m_per_px * std::max(0.01, double(st.ui_scale))), 0.3, 1.0);
    glUniform1f(points.uniform("u_scale"), float(st.point_scale_px * st.ui_scale * zoom_factor));
    glUniform1f(points.uniform("u_min_px"), float(st.ui_scale * (zoom_factor < 0.5 ? 3.0 : 5.0)));
    glUniform4f(points.uniform("u_color"), 0.95f, 0.95f, 0.95f, 0.95f);
    vao.bind();
    glMultiDrawArrays(GL_POINTS, first, count, ranges);
    return true;
}

MapRenderer::MapRenderer()
    : fill_(load_program("map_fill")),
      line_(load_program("thick_line")),
      points_(load_program("points")),
      lod_(load_program("parcel_lod")),
      lod_vao_(VertexArray::create()),
      lod_vbo_(Buffer::create()),
      lod_ebo_(Buffer::create()),
      fill_vao_(VertexArray::create()),
      outline_vao_(VertexArray::create()),
      zone_vao_(VertexArray::create()),
      point_vao_(VertexArray::create()),
      fill_vbo_(Buffer::create()),
      fill_parcel_vbo_(Buffer::create()),
      fill_ebo_(Buffer::create()),
      line_vbo_(Buffer::create()),
      line_parcel_vbo_(Buffer::create()),
      line_ebo_(Buffer::create()),
      zone_vbo_(Buffer::create()),
      point_vbo_(Buffer::create()),
      color_buf_(Buffer::create()),
      zone_color_buf_(Buffer::create()),
      color_tex_(Texture::create()),
      zone_color_tex_(Texture::create()),
      zone_fill_vao_(VertexArray::create()),
      zone_fill_vbo_(Buffer::create()),
      zone_fill_owner_vbo_(Buffer::create()),
      zone_fill_ebo_(Buffer::create()) {
    if (software_renderer(current_renderer_name())) flush_every_primitives_ = kSoftwareFlushPrimitives;
}

namespace {
void upload_color_buffer(Buffer& buf, Texture& tex, const std::vector<uint32_t>& rgba) {
    // A buffer texture needs at least one texel.
    static const uint32_t one = 0;
    buf.upload(GL_TEXTURE_BUFFER, rgba.empty() ? &one : rgba.data(),
               (rgba.empty() ? 1 : rgba.size()) * sizeof(uint32_t), GL_DYNAMIC_DRAW);
    glBindTexture(GL_TEXTURE_BUFFER, tex.id());
    glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA8, buf.id());
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
}

// Points `vao`'s positions (location 0) and owners (location 1) at these buffers.
void attach_vertices(VertexArray& vao, Buffer& xy_buf, Buffer& owner_buf) {
    vao.bind();
    glBindBuffer(GL_ARRAY_BUFFER, xy_buf.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, owner_buf.id());
    glEnableVertexAttribArray(1);
    glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, 0, nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

// One indexed layer into `vao`: positions (2 floats, location 0), the owner's index (parcel or zone, uint,
// location 1) and the element buffer. Returns the element count.
GLsizei upload_indexed(VertexArray& vao, Buffer& xy_buf, Buffer& owner_buf, Buffer& index_buf,
                       const std::vector<float>& xy, const std::vector<uint32_t>& owner,
                       const std::vector<uint32_t>& index) {
    vao.bind();
    xy_buf.upload(GL_ARRAY_BUFFER, xy.data(), xy.size() * sizeof(float));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    owner_buf.upload(GL_ARRAY_BUFFER, owner.data(), owner.size() * sizeof(uint32_t));
    glEnableVertexAttribArray(1);
    glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, 0, nullptr);
    index_buf.upload(GL_ELEMENT_ARRAY_BUFFER, index.data(), index.size() * sizeof(uint32_t));
    return static_cast<GLsizei>(index.size());
}
}  // namespace

void MapRenderer::upload(const MapData& d, bool with_mesh) {
    staged_ = ParcelMesh{};
    staging_ = false;
    upload_lod(d);  // first: the mesh's triangles go in its order of size
    upload_mesh(with_mesh ? d.mesh : ParcelMesh{});
    // The zones' levels of detail one after the other in the same buffers: exact, then ever coarser; per
    // level and zone its outline vertices and fill indices (a view draws only the zones whose box it
    // touches).
    zone_levels_.clear();
    zone_box_ = d.zone_drawing.boxes;
    std::vector<float> z;
    ParcelMesh zf;
    auto add_level = [&](double tol, const std::vector<float>& outline,
                         const std::vector<uint32_t>& outline_first, const ParcelMesh& fill) {
        ZoneRange r;
        r.tolerance_m = tol;
        const size_t zones = zone_box_.size();
        const auto v0 = GLint(z.size() / 5);
        for (size_t i = 0; i < zones; ++i) {
            const bool known = i + 1 < outline_first.size();
            r.outline_first.push_back(v0 + GLint(known ? outline_first[i] : 0));
            r.outline_count.push_back(known ? GLsizei(outline_first[i + 1] - outline_first[i]) : 0);
        }
        z.insert(z.end(), outline.begin(), outline.end());
        // Fill: each zone's triangles are contiguous (tessellate keeps the shapes' order).
        const auto base = static_cast<uint32_t>(zf.fill_parcel.size());
        const auto i0 = GLsizei(zf.fill_index.size());
        r.fill_first.assign(zones, i0);
        r.fill_count.assign(zones, 0);
        for (size_t t = 0; t * 3 < fill.fill_index.size(); ++t) {
            const uint32_t owner = fill.fill_parcel[fill.fill_index[t * 3]];
            if (owner >= zones) continue;
            if (r.fill_count[owner] == 0) r.fill_first[owner] = i0 + GLsizei(t * 3);
            r.fill_count[owner] = i0 + GLsizei(t * 3 + 3) - r.fill_first[owner];
        }
        zf.fill_xy.insert(zf.fill_xy.end(), fill.fill_xy.begin(), fill.fill_xy.end());
        zf.fill_parcel.insert(zf.fill_parcel.end(), fill.fill_parcel.begin(), fill.fill_parcel.end());
        for (uint32_t i : fill.fill_index) zf.fill_index.push_back(base + i);
        zone_levels_.push_back(std::move(r));
    };
    add_level(0.0, d.zone_drawing.outline, d.zone_drawing.outline_first, d.zone_drawing.fill);
    zone_seg_.clear();
    zone_seg_first_.assign(1, 0);
    for (const Zone& zone : d.zones) {
        for (const auto& poly : zone.geom)
            for (const auto& r : poly)
                for (size_t i = 0; i + 1 < r.size(); ++i) {
                    const PlanePoint a = d.proj.xy(r[i]), b = d.proj.xy(r[i + 1]);
                    zone_seg_.insert(zone_seg_.end(), {float(a.x), float(a.y), float(b.x), float(b.y)});
                }
        zone_seg_first_.push_back(uint32_t(zone_seg_.size() / 4));
    }
    for (const ZoneLevel& l : d.zone_drawing.coarser)
        add_level(l.tolerance_m, l.outline, l.outline_first, l.fill);
    zone_vao_.bind();
    zone_vbo_.upload(GL_ARRAY_BUFFER, z.data(), z.size() * sizeof(float));
    const GLsizei stride = 5 * sizeof(float);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(2 * sizeof(float)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(4 * sizeof(float)));
    zone_vertices_ = static_cast<GLsizei>(z.size() / 5);

    zone_fill_count_ = upload_indexed(zone_fill_vao_, zone_fill_vbo_, zone_fill_owner_vbo_, zone_fill_ebo_,
                                      zf.fill_xy, zf.fill_parcel, zf.fill_index);

    upload_points(d);

    // Default colours until a theme is set: the "filtered out" grey.
    set_parcel_colors(std::vector<uint32_t>(d.parcels.size(), kFilteredOut.packed()));
    set_zone_colors(std::vector<uint32_t>(d.zones.size(), kZoneTint.packed()));
}

void MapRenderer::upload_mesh(const ParcelMesh& m) {
    // The indices come grouped by draw rank (MapData::draw_order, group_mesh on the worker); a mesh that is
    // not (a test's, or one for other parcels) is grouped here, on a copy.
    const size_t n = lod_rank_.size();
    const bool grouped = m.fill_from_rank.size() == n + 1 && m.line_from_rank.size() == n + 1;
    ParcelMesh copy = grouped ? ParcelMesh{} : m;
    if (!grouped) group_mesh(copy, lod_rank_);
    const ParcelMesh& g = grouped ? m : copy;
    staged_ = ParcelMesh{};
    staging_ = false;
    upload_indexed(outline_vao_, line_vbo_, line_parcel_vbo_, line_ebo_, g.line_xy, g.line_parcel,
                   g.line_index);
    upload_indexed(fill_vao_, fill_vbo_, fill_parcel_vbo_, fill_ebo_, g.fill_xy, g.fill_parcel, g.fill_index);
    if (g.shares_vertices()) attach_vertices(fill_vao_, line_vbo_, line_parcel_vbo_);
    ParcelMesh ranges;  // only what finish_mesh keeps
    ranges.fill_from_rank = g.fill_from_rank;
    ranges.line_from_rank = g.line_from_rank;
    ranges.line_first = g.line_first;
    ranges.line_count = g.line_count;
    finish_mesh(ranges, g.fill_index.size(), g.line_index.size());
}

void MapRenderer::finish_mesh(ParcelMesh& m, size_t fill_indices, size_t line_indices) {
    fill_count_ = static_cast<GLsizei>(fill_indices);
    line_count_ = static_cast<GLsizei>(line_indices);
    fill_from_rank_.assign(m.fill_from_rank.begin(), m.fill_from_rank.end());
    line_from_rank_.assign(m.line_from_rank.begin(), m.line_from_rank.end());
    line_first_ = std::move(m.line_first);
    line_count_per_parcel_ = std::move(m.line_count);

    glBindVertexArray(0);
    ++generation_;
}

namespace {
// The six buffers of a parcel mesh with the arrays that fill them, in upload order; each array is freed once
// its buffer is filled.
struct MeshPart {
    Buffer* buffer;
    std::vector<float>* xy;
    std::vector<uint32_t>* u32;
    const void* data() const { return xy ? static_cast<const void*>(xy->data()) : u32->data(); }
    size_t bytes() const { return xy ? xy->size() * sizeof(float) : u32->size() * sizeof(uint32_t); }
    size_t release() const {
        const size_t freed = xy ? xy->capacity() * sizeof(float) : u32->capacity() * sizeof(uint32_t);
        if (xy) std::vector<float>().swap(*xy);
        if (u32) std::vector<uint32_t>().swap(*u32);
        return freed;
    }
};
}  // namespace

void MapRenderer::begin_mesh_upload(ParcelMesh m) {
    const size_t n = lod_rank_.size();
    if (m.fill_from_rank.size() != n + 1 || m.line_from_rank.size() != n + 1) {
        upload_mesh(m);  // not grouped for these parcels: at once, grouped on a copy
        return;
    }
    // The vertex arrays are set up now; each buffer gets its storage when its turn comes in
    // continue_mesh_upload (a software rasteriser's buffers are process memory, touched when allocated: sized
    // all at once they would sit beside the whole CPU copy). Drawn as points until then; a map already drawn
    // as points is not drawn again until the mesh is complete (a million points cost a software rasteriser
    // 100 MB of bins, beside the copies).
    const bool picture_changes = fill_count_ != 0 || line_count_ != 0;
    fill_count_ = line_count_ = 0;
    for (auto [vao, xy, owner, index] :
         {std::tuple{&fill_vao_, &fill_vbo_, &fill_parcel_vbo_, &fill_ebo_},
          std::tuple{&outline_vao_, &line_vbo_, &line_parcel_vbo_, &line_ebo_}}) {
        vao->bind();
        xy->upload(GL_ARRAY_BUFFER, nullptr, 0);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
        owner->upload(GL_ARRAY_BUFFER, nullptr, 0);
        glEnableVertexAttribArray(1);
        glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, 0, nullptr);
        index->upload(GL_ELEMENT_ARRAY_BUFFER, nullptr, 0);
    }
    if (m.shares_vertices()) attach_vertices(fill_vao_, line_vbo_, line_parcel_vbo_);  // the rings' vertices
    glBindVertexArray(0);
    staged_fill_indices_ = m.fill_index.size();
    staged_line_indices_ = m.line_index.size();
    staged_ = std::move(m);
    staging_ = true;
    staged_part_ = staged_offset_ = staged_freed_ = 0;
    if (picture_changes) ++generation_;
}

bool MapRenderer::continue_mesh_upload(size_t budget_bytes) {
    if (!staging_) return false;
    ParcelMesh& m = staged_;
    const MeshPart parts[] = {{&fill_vbo_, &m.fill_xy, nullptr},
                              {&fill_parcel_vbo_, nullptr, &m.fill_parcel},
                              {&fill_ebo_, nullptr, &m.fill_index},
                              {&line_vbo_, &m.line_xy, nullptr},
                              {&line_parcel_vbo_, nullptr, &m.line_parcel},
                              {&line_ebo_, nullptr, &m.line_index}};
    // Written through the copy-write target, which no vertex array records.
    while (budget_bytes > 0 && staged_part_ < std::size(parts)) {
        const MeshPart& p = parts[staged_part_];
        if (staged_offset_ == 0)  // its storage, now (bound to the copy-write target too)
            p.buffer->upload(GL_COPY_WRITE_BUFFER, nullptr, p.bytes());
        const size_t chunk = std::min(budget_bytes, p.bytes() - staged_offset_);
        if (chunk > 0) {
            glBindBuffer(GL_COPY_WRITE_BUFFER, p.buffer->id());
            glBufferSubData(GL_COPY_WRITE_BUFFER, GLintptr(staged_offset_), GLsizeiptr(chunk),
                            static_cast<const char*>(p.data()) + staged_offset_);
        }
        staged_offset_ += chunk;
        budget_bytes -= chunk;
        if (staged_offset_ >= p.bytes()) {
            staged_freed_ += p.release();  // the GPU holds it now
            ++staged_part_;
            staged_offset_ = 0;
        }
    }
    glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
    if (staged_part_ < std::size(parts)) return false;
    finish_mesh(m, staged_fill_indices_, staged_line_indices_);
    staged_ = ParcelMesh{};
    staging_ = false;
    return true;
}

void MapRenderer::upload_lod(const MapData& d) {
    // Per parcel: centroid (local metres) and the side of a square of its area; 0 for a parcel without
    // geometry.
    const size_t n = d.parcels.size();
    std::vector<float> v(n * 3);
    for (size_t i = 0; i < n; ++i) {
        const Parcel& p = d.parcels[i];
        const bool drawn = i < d.parcel_boxes.size() && !d.parcel_boxes[i].empty() && p.area_m2 > 0;
        const PlanePoint c = d.proj.xy(p.centroid_lon, p.centroid_lat);
        v[i * 3] = float(c.x);
        v[i * 3 + 1] = float(c.y);
        // Read by view at a level of detail, each parcel drawn stands for its cell: at least the cell's size.
        v[i * 3 + 2] = drawn ? float(std::max(std::sqrt(p.area_m2), d.view.cell_m)) : 0.0f;
    }
    // Tiles and ranks from the data (MapData::draw_order, computed on the worker).
    const ParcelOrder& o = d.draw_order;
    const bool ordered = o.order.size() == n;
    const ParcelOrder fallback = ordered ? ParcelOrder{} : order_parcels(d.parcels, d.parcel_boxes);
    const ParcelOrder& use = ordered ? o : fallback;
    const std::vector<uint32_t>& order = use.order;
    lod_rank_ = use.rank;
    lod_side_m_ = use.side_m;
    tile_first_rank_ = use.tile_first_rank;
    tile_box_ = use.tile_box;
    lod_vao_.bind();
    lod_vbo_.upload(GL_ARRAY_BUFFER, v.data(), v.size() * sizeof(float));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, 3 * sizeof(float),
                          reinterpret_cast<void*>(2 * sizeof(float)));
    // Drawn through the order as indices: gl_VertexID stays the parcel's index (its colour, hover,
    // selection).
    lod_ebo_.upload(GL_ELEMENT_ARRAY_BUFFER, order.data(), order.size() * sizeof(uint32_t));
    lod_count_ = static_cast<GLsizei>(n);
    glBindVertexArray(0);
}

void MapRenderer::upload_points(const MapData& d) {
    // In grid cells of about 64 points (a counting sort by cell), each cell with the box of its points.
    const std::vector<float>& in = d.project_points;
    const size_t n = in.size() / 3;
    Box all;
    for (size_t i = 0; i < n; ++i) all.expand(in[i * 3], in[i * 3 + 1]);
    const int g = std::clamp(int(std::lround(std::sqrt(double(n) / 64.0))), 1, 256);
    const double cw = all.empty() ? 1 : std::max(1e-9, (all.max_x - all.min_x) / g);
    const double ch = all.empty() ? 1 : std::max(1e-9, (all.max_y - all.min_y) / g);
    std::vector<uint32_t> cell(n);
    point_cell_first_.assign(size_t(g) * g + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        const int cx = std::clamp(int((in[i * 3] - all.min_x) / cw), 0, g - 1);
        const int cy = std::clamp(int((in[i * 3 + 1] - all.min_y) / ch), 0, g - 1);
        cell[i] = uint32_t(cy * g + cx);
        ++point_cell_first_[cell[i] + 1];
    }
    for (size_t c = 1; c < point_cell_first_.size(); ++c) point_cell_first_[c] += point_cell_first_[c - 1];
    std::vector<uint32_t> at(point_cell_first_.begin(), point_cell_first_.end() - 1);
    std::vector<float> pts(in.size());
    point_cell_box_.assign(size_t(g) * g, Box{});
    for (size_t i = 0; i < n; ++i) {
        const uint32_t k = at[cell[i]]++;
        std::copy_n(in.begin() + std::ptrdiff_t(i * 3), 3, pts.begin() + std::ptrdiff_t(k) * 3);
        point_cell_box_[cell[i]].expand(in[i * 3], in[i * 3 + 1]);
    }
    point_vao_.bind();
    point_vbo_.upload(GL_ARRAY_BUFFER, pts.data(), pts.size() * sizeof(float));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, 3 * sizeof(float),
                          reinterpret_cast<void*>(2 * sizeof(float)));
    point_count_ = static_cast<GLsizei>(d.project_points.size() / 3);
    glBindVertexArray(0);
    ++generation_;
}

void MapRenderer::set_parcel_colors(const std::vector<uint32_t>& rgba) {
    upload_color_buffer(color_buf_, color_tex_, rgba);
    ++generation_;
}

void MapRenderer::set_zone_colors(const std::vector<uint32_t>& rgba) {
    upload_color_buffer(zone_color_buf_, zone_color_tex_, rgba);
    zone_rgba_ = rgba;
    ++generation_;
}

int MapRenderer::zone_containing_view(const Camera& cam) const {
    const double x0 = cam.world_x(0), x1 = cam.world_x(cam.width), y0 = cam.world_y(cam.height),
                 y1 = cam.world_y(0);
    const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    for (size_t z = 0; z + 1 < zone_seg_first_.size() && z < zone_box_.size() && z < zone_rgba_.size(); ++z) {
        const Box& b = zone_box_[z];
        if (b.empty() || b.min_x > x0 || b.max_x < x1 || b.min_y > y0 || b.max_y < y1) continue;
        if ((zone_rgba_[z] >> 24) != 255) continue;  // only an opaque tint can stand in for the fill
        bool edge_in_view = false, in = false;
        for (uint32_t s = zone_seg_first_[z]; s < zone_seg_first_[z + 1] && !edge_in_view; ++s) {
            const double ax = zone_seg_[s * 4], ay = zone_seg_[s * 4 + 1], bx = zone_seg_[s * 4 + 2],
                         by = zone_seg_[s * 4 + 3];
            // Even-odd crossing of the ray from the centre to +x.
            if ((ay > cy) != (by > cy) && cx < ax + (cy - ay) * (bx - ax) / (by - ay)) in = !in;
            // Does the segment reach into the view? (Liang-Barsky against the view rectangle.)
            double t0 = 0, t1 = 1;
            const double dx = bx - ax, dy = by - ay;
            const double p[4] = {-dx, dx, -dy, dy}, q[4] = {ax - x0, x1 - ax, ay - y0, y1 - ay};
            bool hits = true;
            for (int k = 0; k < 4 && hits; ++k) {
                if (p[k] == 0) {
                    hits = q[k] >= 0;
                } else {
                    const double t = q[k] / p[k];
                    if (p[k] < 0)
                        t0 = std::max(t0, t);
                    else
                        t1 = std::min(t1, t);
                    hits = t0 <= t1;
                }
            }
            edge_in_view = hits;
        }
        if (!edge_in_view && in) return int(z);
    }
    return -1;
}

void MapRenderer::add_range(GLsizei first, GLsizei count) {
    if (count <= 0) return;
    const void* at = reinterpret_cast<const void*>(size_t(first) * sizeof(uint32_t));
    if (!md_count_.empty() &&
        reinterpret_cast<size_t>(md_offset_.back()) + size_t(md_count_.back()) * sizeof(uint32_t) ==
            size_t(first) * sizeof(uint32_t)) {
        md_count_.back() += count;
        return;
    }
    md_count_.push_back(count);
    md_offset_.push_back(at);
}

void MapRenderer::multi_elements(GLenum mode, int per_primitive) {
    if (md_count_.empty()) return;
    int64_t total = 0;
    for (GLsizei c : md_count_) total += c / per_primitive;
    primitives_ += total;
    if (flush_every_primitives_ == 0 || total <= flush_every_primitives_) {
        glMultiDrawElements(mode, md_count_.data(), GL_UNSIGNED_INT, md_offset_.data(),
                            GLsizei(md_count_.size()));
        ++draw_calls_;
        return;
    }
    // A software rasteriser bins every primitive of a frame before it rasterises any (llvmpipe: about 100
    // bytes a primitive, a point two triangles): a million parcels as points took 240 MB at once. Drawn in
    // batches with a flush after each, the bins of one batch are rasterised and reused by the next. (The
    // ranges are consumed: every draw gathers its own.)
    const auto per_batch = GLsizei(flush_every_primitives_ * per_primitive);
    size_t from = 0;
    while (from < md_count_.size()) {
        md_batch_count_.clear();
        md_batch_offset_.clear();
        GLsizei in_batch = 0;
        while (from < md_count_.size() && in_batch < per_batch) {
            const GLsizei room = per_batch - in_batch;
            const GLsizei c = md_count_[from];
            const auto at = static_cast<const char*>(md_offset_[from]);
            if (c <= room) {
                md_batch_count_.push_back(c);
                md_batch_offset_.push_back(at);
                in_batch += c;
                ++from;
            } else {  // the range is split at a primitive's end; the rest starts the next batch
                GLsizei take = room - room % per_primitive;
                if (take <= 0)
                    take = c;  // (never: ranges hold whole primitives) the range whole, no endless loop
                md_batch_count_.push_back(take);
                md_batch_offset_.push_back(at);
                md_count_[from] -= take;
                md_offset_[from] = at + size_t(take) * sizeof(uint32_t);
                in_batch += take;
            }
        }
        glMultiDrawElements(mode, md_batch_count_.data(), GL_UNSIGNED_INT, md_batch_offset_.data(),
                            GLsizei(md_batch_count_.size()));
        ++draw_calls_;
        if (from < md_count_.size()) glFlush();
    }
}

void MapRenderer::draw(const Camera& cam, const MapStyle& st) {
    draw_calls_ = 0;
    primitives_ = 0;
    glViewport(cam.viewport_x, 0, cam.width, cam.height);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    if (cam.clip) {
        glEnable(GL_SCISSOR_TEST);
        glScissor(cam.viewport_x, 0, cam.width, cam.height);
    } else {
        glDisable(GL_SCISSOR_TEST);
    }
    Frame f{{float(cam.cx), float(cam.cy), float(2.0 / (cam.width * cam.m_per_px)),
             float(2.0 / (cam.height * cam.m_per_px))},
            {},
            -1,
            nullptr};
    // Zoomed in inside a zone (no edge of it in view, the view's centre inside it): the zone's tint is the
    // clear colour, and its fill, which would shade every pixel under the parcels, and its outline are not
    // drawn.
    f.inside = st.show_zones ? zone_containing_view(cam) : -1;
    Rgba clear = st.background;
    if (f.inside >= 0) {
        const uint32_t c = zone_rgba_[size_t(f.inside)];
        clear = Rgba{uint8_t(c), uint8_t(c >> 8), uint8_t(c >> 16), 255};
    }
    glClearColor(clear.r / 255.f, clear.g / 255.f, clear.b / 255.f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (st.basemap && !st.basemap->empty()) st.basemap->draw(cam);
    // Fills, outlines and LOD points are opaque (the palette's colours have alpha 255; alpha 0 is discarded
    // in the shader): no blending, which under a software rasteriser saves reading back every covered pixel.
    // Only the project points (translucent, with a rim) blend.
    glDisable(GL_BLEND);
    // What the view sees, in world metres, with a margin for line widths and point sizes.
    const double margin = 16.0 * st.ui_scale * cam.m_per_px;
    f.seen = Box{cam.world_x(0) - margin, cam.world_y(cam.height) - margin, cam.world_x(cam.width) + margin,
                 cam.world_y(0) + margin};
    // The zones' level of detail: the coarsest simplified within half a pixel.
    for (const ZoneRange& l : zone_levels_)
        if (!f.zones || l.tolerance_m <= 0.5 * cam.m_per_px) f.zones = &l;

    if (st.show_zones && f.zones && !(st.basemap && !st.basemap->empty())) draw_zone_fills(f);
    // The parcels, tile by tile in view: below a few pixels on screen as one point each instead of their
    // triangles (far out, nearly all of them); every parcel as a point while the mesh is not uploaded yet (it
    // follows the first frame of a large workspace). Points, triangles and outlines: one multi-draw each.
    const bool have_mesh = fill_count_ > 0 && fill_from_rank_.size() == lod_side_m_.size() + 1;
    const float below_m = st.lod_below_px > 0 ? float(st.lod_below_px * st.ui_scale * cam.m_per_px) : 0.0f;
    last_lod_count_ = 0;
    if (st.show_parcels) draw_parcel_points(f, cam, st, have_mesh, below_m);
    if (st.show_parcels && have_mesh) draw_parcel_mesh(f, cam, st, below_m);
    if (st.show_zones && f.zones) draw_zone_outlines(f, cam, st);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    if (st.show_projects) draw_projects(f, cam, st);
    glBindVertexArray(0);
    glUseProgram(0);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
}

/// The zones in view (but the one holding the view), filled with their tints.
void MapRenderer::draw_zone_fills(const Frame& f) {
    const ZoneRange& zl = *f.zones;
    md_count_.clear();
    md_offset_.clear();
    for (size_t i = 0; i < zl.fill_count.size(); ++i)
        if (int(i) != f.inside && i < zone_box_.size() && f.touches(zone_box_[i]))
            add_range(zl.fill_first[i], zl.fill_count[i]);
    fill_.use();
    glUniform4fv(fill_.uniform("u_view"), 1, f.view);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_BUFFER, zone_color_tex_.id());
    glUniform1i(fill_.uniform("u_colors"), 0);
    glUniform1i(fill_.uniform("u_hover"), -1);
    glUniform1i(fill_.uniform("u_selected"), -1);
    glUniform1i(fill_.uniform("u_outline"), 0);
    zone_fill_vao_.bind();
    multi_elements(GL_TRIANGLES, 3);
}

/// The parcels of each tile in view smaller than `below_m` (all of them without a mesh), one point each.
void MapRenderer::draw_parcel_points(const Frame& f, const Camera& cam, const MapStyle& st, bool have_mesh,
                                     float below_m) {
    md_count_.clear();
    md_offset_.clear();
    for (size_t t = 0; t + 1 < tile_first_rank_.size(); ++t) {
        if (!f.touches(tile_box_[t])) continue;
        const uint32_t a = tile_first_rank_[t], b = tile_first_rank_[t + 1];
        const uint32_t k =
            !have_mesh
                ? b
                : uint32_t(std::lower_bound(lod_side_m_.begin() + a, lod_side_m_.begin() + b, below_m) -
                           lod_side_m_.begin());
        add_range(GLsizei(a), GLsizei(k - a));
    }
    for (GLsizei c : md_count_) last_lod_count_ += c;
    if (md_count_.empty()) return;
    glEnable(GL_PROGRAM_POINT_SIZE);
    lod_.use();
    glUniform4fv(lod_.uniform("u_view"), 1, f.view);
    glUniform1f(lod_.uniform("u_px_per_m"), float(1.0 / cam.m_per_px));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_BUFFER, color_tex_.id());
    glUniform1i(lod_.uniform("u_colors"), 0);
    glUniform1i(lod_.uniform("u_hover"), st.hover);
    glUniform1i(lod_.uniform("u_selected"), st.selected);
    lod_vao_.bind();
    // Whole pixels: with MSAA on, a one-pixel point would cover only some samples and come out pale.
    glDisable(GL_MULTISAMPLE);
    multi_elements(GL_POINTS, 1);
    glEnable(GL_MULTISAMPLE);
}

/// The triangles of the parcels not drawn as points, their outlines close up, and the hovered and selected
/// ones.
void MapRenderer::draw_parcel_mesh(const Frame& f, const Camera& cam, const MapStyle& st, float below_m) {
    const bool outlines = st.show_outlines && cam.m_per_px < st.outline_below_m_per_px * st.ui_scale &&
                          line_count_ > 0 && line_from_rank_.size() == lod_side_m_.size() + 1;
    fill_.use();
    glUniform4fv(fill_.uniform("u_view"), 1, f.view);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_BUFFER, color_tex_.id());
    glUniform1i(fill_.uniform("u_colors"), 0);
    glUniform1i(fill_.uniform("u_hover"), st.hover);
    glUniform1i(fill_.uniform("u_selected"), st.selected);
    glUniform1i(fill_.uniform("u_outline"), 0);
    // Triangles of the parcels not drawn as points (and of any the ranks do not know, at the end).
    md_count_.clear();
    md_offset_.clear();
    for (size_t t = 0; t + 1 < tile_first_rank_.size(); ++t) {
        if (!f.touches(tile_box_[t])) continue;
        const uint32_t a = tile_first_rank_[t], b = tile_first_rank_[t + 1];
        const auto k = uint32_t(std::lower_bound(lod_side_m_.begin() + a, lod_side_m_.begin() + b, below_m) -
                                lod_side_m_.begin());
        add_range(fill_from_rank_[k], fill_from_rank_[b] - fill_from_rank_[k]);
    }
    add_range(fill_from_rank_.back(), fill_count_ - fill_from_rank_.back());
    fill_vao_.bind();
    multi_elements(GL_TRIANGLES, 3);
    outline_vao_.bind();
    glUniform1i(fill_.uniform("u_outline"), 1);
    if (outlines) {
        md_count_.clear();
        md_offset_.clear();
        for (size_t t = 0; t + 1 < tile_first_rank_.size(); ++t) {
            if (!f.touches(tile_box_[t])) continue;
            const uint32_t a = tile_first_rank_[t], b = tile_first_rank_[t + 1];
            add_range(line_from_rank_[a], line_from_rank_[b] - line_from_rank_[a]);
        }
        add_range(line_from_rank_.back(), line_count_ - line_from_rank_.back());
        multi_elements(GL_LINES, 2);
    }
    for (int sel : {st.hover, st.selected}) {
        if (sel < 0 || static_cast<size_t>(sel) >= line_first_.size() ||
            line_count_per_parcel_[size_t(sel)] == 0)
            continue;
        glDrawElements(GL_LINES, static_cast<GLsizei>(line_count_per_parcel_[size_t(sel)]), GL_UNSIGNED_INT,
                       reinterpret_cast<void*>(size_t(line_first_[size_t(sel)]) * sizeof(uint32_t)));
        ++draw_calls_;
    }
}

/// The outlines of the zones in view (but the one holding the view), as thick lines.
void MapRenderer::draw_zone_outlines(const Frame& f, const Camera& cam, const MapStyle& st) {
    const ZoneRange& zl = *f.zones;
    md_count_.clear();
    md_first_.clear();
    for (size_t i = 0; i < zl.outline_count.size(); ++i)
        if (int(i) != f.inside && i < zone_box_.size() && f.touches(zone_box_[i]) &&
            zl.outline_count[i] > 0) {
            md_first_.push_back(zl.outline_first[i]);
            md_count_.push_back(zl.outline_count[i]);
        }
    if (md_count_.empty()) return;
    line_.use();
    glUniform4fv(line_.uniform("u_view"), 1, f.view);
    glUniform2f(line_.uniform("u_viewport"), float(cam.width), float(cam.height));
    glUniform1f(line_.uniform("u_width"), st.zone_line_px * st.ui_scale);
    glUniform4f(line_.uniform("u_color"), kZoneOutline.r / 255.f, kZoneOutline.g / 255.f,
                kZoneOutline.b / 255.f, 1.f);
    zone_vao_.bind();
    glMultiDrawArrays(GL_TRIANGLES, md_first_.data(), md_count_.data(), GLsizei(md_count_.size()));
    ++draw_calls_;
    for (GLsizei c : md_count_) primitives_ += c / 3;
}

/// The project points of the grid cells in view (translucent discs, blended).
void MapRenderer::draw_projects(const Frame& f, const Camera& cam, const MapStyle& st) {
    md_first_.clear();
    md_count_.clear();
    for (size_t c = 0; c + 1 < point_cell_first_.size(); ++c) {
        const auto a = GLint(point_cell_first_[c]), b = GLint(point_cell_first_[c + 1]);
        // (A wider margin: a large project's disc reaches tens of pixels beyond its centre.)
        const Box& pb = point_cell_box_[c];
        const double m = 48.0 * st.ui_scale * cam.m_per_px;
        if (b == a || pb.empty() || pb.min_x - m > f.seen.max_x || pb.max_x + m < f.seen.min_x ||
            pb.min_y - m > f.seen.max_y || pb.max_y + m < f.seen.min_y)
            continue;
        if (!md_first_.empty() && md_first_.back() + md_count_.back() == a) {
            md_count_.back() += b - a;
        } else {
            md_first_.push_back(a);
            md_count_.push_back(b - a);
        }
    }
    if (draw_project_points(points_, point_vao_, md_first_.data(), md_count_.data(),
                            GLsizei(md_count_.size()), cam, st, f.view)) {
        ++draw_calls_;
        for (GLsizei c : md_count_) primitives_ += c;
    }
}

}  // namespace pa::render
