#include "render/offscreen.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <set>

#include "core/common/error.hpp"
#include "core/raster/basemap_source.hpp"
#include "render/basemap_layer.hpp"
#include "render/egl_context.hpp"
#include "render/gl_objects.hpp"
#include "render/imgui_draw.hpp"
#include "render/map_renderer.hpp"
#include "render/overlay.hpp"
#include "render/overlay_shapes.hpp"
#include "render/palette.hpp"
#include "render/supply_layers.hpp"

namespace pa::render {

namespace {

constexpr Rgba kHighlight{200, 20, 40, 255};  // the idle parcels' outline (land_state) and its legend row

// Owns an ImGui context and its OpenGL3 backend for one offscreen picture; the caller's context (the
// viewer's) is current again afterwards.
class ImGuiOffscreen {
  public:
    ImGuiOffscreen() : prev_(ImGui::GetCurrentContext()), ctx_(ImGui::CreateContext()) {
        ImGui::SetCurrentContext(ctx_);
        ImGui::GetIO().IniFilename = nullptr;
    }
    /// Makes this context current for a frame; restore() gives the caller's back.
    void make_current() {
        prev_ = ImGui::GetCurrentContext();
        ImGui::SetCurrentContext(ctx_);
    }
    void restore() { ImGui::SetCurrentContext(prev_); }
    ~ImGuiOffscreen() {
        ImGui::SetCurrentContext(ctx_);
        if (backend_) ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext(ctx_);
        ImGui::SetCurrentContext(prev_);
    }
    ImGuiOffscreen(const ImGuiOffscreen&) = delete;
    ImGuiOffscreen& operator=(const ImGuiOffscreen&) = delete;
    /// Starts the OpenGL backend and gives the caller's context back (make_current() before each frame).
    void init_backend() {
        if (!ImGui_ImplOpenGL3_Init("#version 330"))
            throw InternalError("Dear ImGui's OpenGL 3 backend could not start on the offscreen context.");
        backend_ = true;
        restore();
    }

  private:
    ImGuiContext* prev_;
    ImGuiContext* ctx_;
    bool backend_ = false;
};

}  // namespace

Camera camera_for(const MapData& d, const RenderRequest& req) {
    Camera cam;
    cam.width = req.width;
    cam.height = req.height;
    Box b;
    if (req.bbox) {
        const auto& bb = *req.bbox;
        if (!(bb[2] > bb[0] && bb[3] > bb[1]))
            throw InputError("The --bbox must be min_lon,min_lat,max_lon,max_lat with min < max.");
        b = plane_box(d.proj, bb[0], bb[1], bb[2], bb[3], 8);
    } else if (!req.zone_code.empty()) {
        const int zi = d.zone_index(req.zone_code);
        if (zi < 0) {
            std::string codes;
            for (const auto& z : d.zones) codes += (codes.empty() ? "" : ", ") + z.code;
            throw InputError("The zone '" + req.zone_code +
                             "' is not in the workspace; its zones are: " + codes + ".");
        }
        // Every part of the zone (its outline's box: a part without parcels, like 贵安新区's western one, is
        // still the zone) and every one of its parcels.
        b = d.zone_focus_box(req.zone_code);
        if (static_cast<size_t>(zi) < d.zone_drawing.boxes.size()) {
            const Box& zb = d.zone_drawing.boxes[static_cast<size_t>(zi)];
            if (!zb.empty()) {
                b.expand(zb.min_x, zb.min_y);
                b.expand(zb.max_x, zb.max_y);
            }
        }
    } else {
        b = d.extent;
    }
    if (b.empty()) b = Box{-1000, -1000, 1000, 1000};
    // The part of the picture the furniture leaves free, from the same type scale and legend layout the
    // overlay draws with (the legend's text widths estimated, on the generous side, before the fonts exist).
    ScreenRect area{0, 0, float(req.width), float(req.height)};
    if (req.furniture) {
        const float scale =
            std::max(0.75f, static_cast<float>(req.height) / 720.0f) * std::clamp(req.font_scale, 0.5f, 3.0f);
        const FurnitureMetrics m =
            furniture_metrics(scale, whole_em_px(kBodyPx * scale), whole_em_px(kLabelPx * scale),
                              whole_em_px(kTitlePx * scale));
        analysis::ParcelFilter filter;
        filter.zone_code = req.zone_code;
        if (req.filter) filter = *req.filter;
        const auto cls = analysis::classify(d.parcels, req.theme, req.classify, filter);
        OverlayOptions opt;
        opt.project_markers = true;  // whether they show depends on this camera: room for their row anyway
        if (!req.highlight_label.empty())
            opt.outline_rows.push_back({req.highlight_label, {}, int(req.highlight_parcels.size()), 1e6});
        const LegendContent content = legend_content(cls, class_colors(cls), req.lang, opt);
        const float column_h = static_cast<float>(req.height) -
                               (req.title_block ? m.title_band_h() + m.footer_h() : 0.0f) - 2 * m.pad;
        const LegendBox lb = layout_legend(content, estimate_text_width, m, column_h);
        area = free_map_area(req.width, req.height, m, lb.w, req.title_block, true);
    }
    const double area_w = std::max(1.0, double(area.x1 - area.x0)),
                 area_h = std::max(1.0, double(area.y1 - area.y0));
    constexpr double kMargin = 0.03;  // of the free area, on each side
    cam.m_per_px = std::max({(b.max_x - b.min_x) / (area_w * (1 - 2 * kMargin)),
                             (b.max_y - b.min_y) / (area_h * (1 - 2 * kMargin)), 0.01});
    // The box's centre at the free area's centre.
    const double ax = 0.5 * (area.x0 + area.x1), ay = 0.5 * (area.y0 + area.y1);
    cam.cx = 0.5 * (b.min_x + b.max_x) - (ax - req.width * 0.5) * cam.m_per_px;
    cam.cy = 0.5 * (b.min_y + b.max_y) + (ay - req.height * 0.5) * cam.m_per_px;
    return cam;
}

RenderResult render_offscreen(const MapData& d, const RenderRequest& req) {
    if (req.width < 16 || req.height < 16 || req.width > 16384 || req.height > 16384)
        throw InputError("The --size must be between 16x16 and 16384x16384 pixels.");
    EglContext egl;
    RenderResult res = render_in_current_context(d, req);
    res.renderer = egl.describe();
    return res;
}

RenderResult render_in_current_context(const MapData& d, const RenderRequest& req, const Camera* camera,
                                       const std::vector<uint32_t>* parcel_rgba) {
    MapPicture picture(d, req, camera);
    return picture.draw(req, parcel_rgba);
}

// What a picture keeps between frames: the framebuffer, the uploaded map, the warped basemap, the reference
// layers' meshes, the ImGui context and its font atlas.
struct MapPicture::Impl {
    const MapData& d;
    Camera camera;
    float scale = 1.0f;       // the picture's: 720 px high is 1 (line widths, point sizes)
    float type_scale = 1.0f;  // the furniture's: scale × the request's font scale
    RenderTarget target;
    MapRenderer renderer;
    BasemapLayer basemap;
    std::vector<std::pair<std::unique_ptr<ShapeOverlay>, float>> references;  // mesh, width in px
    std::unique_ptr<SupplyLayers> highlight;
    std::unique_ptr<ImGuiOffscreen> gui;
    FontSet fonts;
    std::vector<std::string> notes;
    std::vector<ReferenceAnchors> anchors;  // where the reference layers' names can go (computed once)

    Impl(const MapData& data, const RenderRequest& req, const Camera& cam)
        : d(data), camera(cam), target(req.width, req.height, req.samples) {}
};

MapPicture::MapPicture(const MapData& d, const RenderRequest& req, const Camera* camera,
                       const std::vector<std::string>& extra_glyphs)
    : impl_(std::make_unique<Impl>(d, req, camera ? *camera : camera_for(d, req))) {
    Impl& m = *impl_;
    m.renderer.upload(d);
    std::vector<uint32_t> zone_colors;
    for (const auto& z : d.zones)
        zone_colors.push_back(
            (req.zone_code.empty() || z.code == req.zone_code ? kZoneTint : kZoneTintOther).packed());
    m.renderer.set_zone_colors(zone_colors);
    // Sizes follow the picture: 720 px high is the reference (1.0).
    m.scale = std::max(0.75f, static_cast<float>(req.height) / 720.0f);

    // Basemaps: warped on the CPU into this view's plane and pixel grid (their overviews, or the tile level,
    // for this view's resolution), then one texture under the map. One this machine cannot reach (a
    // registered path on another desk's drive) is skipped with a note.
    if (!req.basemaps.empty()) {
        const Camera& c = m.camera;
        raster::Image img;
        for (const auto& b : req.basemaps) {
            std::error_code ec;
            if (!std::filesystem::exists(b.path, ec)) {
                m.notes.push_back("the basemap '" + (b.name.empty() ? b.path : b.name) + "' (" + b.path +
                                  ") cannot be reached from here; drawn without it");
                continue;
            }
            const std::string source = raster::basemap_dataset_for(b, c.m_per_px);
            raster::composite_over(
                img, raster::warp_basemap(source, d.proj.proj_string(), c.world_x(0), c.world_y(c.height),
                                          c.world_x(c.width), c.world_y(0), c.width, c.height,
                                          raster::BasemapStyle{b.opacity, b.grey}));
        }
        if (!img.rgba.empty())
            m.basemap.set_image(img, c.world_x(0), c.world_y(c.height), c.world_x(c.width), c.world_y(0));
    }
    // Reference layers: each its own colour and width.
    for (const auto& layer : req.references) {
        if (layer.style.max_m_per_px > 0 && m.camera.m_per_px > layer.style.max_m_per_px)
            continue;  // scale range
        ShapeMesh mesh;
        mesh.add_reference_lines(layer, d.proj);
        auto overlay = std::make_unique<ShapeOverlay>();
        overlay->upload(mesh);
        m.references.emplace_back(std::move(overlay), static_cast<float>(layer.style.width_px));
    }
    for (const auto& layer : req.references) m.anchors.push_back(reference_anchors(layer, d.proj));
    m.highlight = std::make_unique<SupplyLayers>();

    if (req.furniture) {
        m.gui = std::make_unique<ImGuiOffscreen>();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(static_cast<float>(req.width), static_cast<float>(req.height));
        io.DeltaTime = 1.0f / 60.0f;
        // Glyphs: the UI table, the zone names, the classes' labels, the texts of this request and the ones
        // the caller says later frames use; nothing else is drawn.
        std::vector<std::string> strings = all_ui_strings();
        for (const auto& z : d.zones) {
            strings.push_back(z.name_zh);
            strings.push_back(z.name_en);
            for (const auto& part : z.part_names) strings.push_back(part);  // 片区 labels
        }
        const auto cls = analysis::classify(d.parcels, req.theme, req.classify, analysis::ParcelFilter{});
        for (const auto& c : cls.classes) {
            strings.push_back(c.label_zh);
            strings.push_back(c.label_en);
        }
        for (const auto& layer : req.references)  // road and river names
            if (!layer.style.label_field.empty())
                for (const auto& f : layer.features) strings.push_back(f.label);
        strings.push_back(req.title);
        strings.push_back(req.subtitle);
        strings.push_back(req.note);
        strings.push_back(d.data_source);
        strings.insert(strings.end(), extra_glyphs.begin(), extra_glyphs.end());
        constexpr float kMaxFontScale =
            6.0f;  // 180-pixel titles: the atlas stays a few thousand pixels square
        m.type_scale = m.scale * std::clamp(req.font_scale, 0.5f, 3.0f);
        const float font_scale = std::min(m.type_scale, kMaxFontScale);
        m.fonts.build(io, strings, whole_em_px(kBodyPx * font_scale), whole_em_px(kLabelPx * font_scale),
                      whole_em_px(kTitlePx * font_scale));
        m.fonts.magnify = m.type_scale / font_scale;
        m.gui->init_backend();
    }
}

MapPicture::~MapPicture() = default;

const Camera& MapPicture::camera() const {
    return impl_->camera;
}

RenderResult MapPicture::draw(const RenderRequest& req, const std::vector<uint32_t>* parcel_rgba) {
    Impl& m = *impl_;
    const MapData& d = m.d;
    RenderResult res;
    res.width = m.target.width();
    res.height = m.target.height();
    res.camera = m.camera;
    res.notes = m.notes;
    analysis::ParcelFilter filter;
    filter.zone_code = req.zone_code;
    if (req.filter) filter = *req.filter;
    res.classification = analysis::classify(d.parcels, req.theme, req.classify, filter);
    const auto colors = class_colors(res.classification);
    m.renderer.set_parcel_colors(parcel_rgba ? *parcel_rgba : parcel_colors(res.classification, colors));

    const auto t0 = std::chrono::steady_clock::now();
    m.target.bind_for_drawing();
    MapStyle style;
    style.basemap = &m.basemap;
    style.ui_scale = m.scale;
    m.renderer.draw(m.camera, style);
    res.project_markers =
        style.show_projects && m.renderer.point_count() > 0 && project_markers_at_scale(m.camera, style);
    // Reference layers over the parcels (roads and rivers run between blocks).
    for (const auto& [overlay, width_px] : m.references) {
        m.target.bind_for_drawing();
        overlay->draw(m.camera, width_px, -1, m.scale);
    }
    // The viewer's idle outlines (land-state theme).
    m.highlight->set_highlight(0, d, req.highlight_parcels, kHighlight, 2.5f);
    if (!req.highlight_parcels.empty()) {
        m.target.bind_for_drawing();
        m.highlight->draw(m.camera, style, false);
    }

    if (m.gui) {
        m.gui->make_current();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
        OverlayOptions opt;
        opt.title_block = req.title_block;
        opt.title = req.title;
        opt.subtitle = req.subtitle;
        opt.note = req.note;
        opt.zone_code = req.zone_code;
        opt.scale = m.type_scale;
        opt.project_markers = res.project_markers;
        for (const auto& a : m.anchors) opt.reference_labels.push_back(&a);
        if (!req.highlight_label.empty()) {
            OverlayOptions::OutlineRow row{req.highlight_label, kHighlight, 0, 0.0};
            for (int i : req.highlight_parcels)
                if (i >= 0 && static_cast<size_t>(i) < d.parcels.size()) {
                    row.count += 1;
                    row.area_mu += d.parcels[static_cast<size_t>(i)].area_mu;
                }
            opt.outline_rows.push_back(row);
        }
        res.overlay = draw_overlay(ImGui::GetBackgroundDrawList(), m.fonts, d, m.camera, res.classification,
                                   colors, req.lang, opt);
        ImGui::Render();
        m.target.bind_for_drawing();
        draw_imgui(ImGui::GetDrawData());
        m.gui->restore();
    }
    glFinish();
    res.draw_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    res.rgba = m.target.read_rgba();
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return res;
}

}  // namespace pa::render
