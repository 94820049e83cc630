#include "render/pdf_page_builder.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/raster/basemap.hpp"
#include "core/raster/basemap_source.hpp"
#include "render/i18n.hpp"
#include "render/labels.hpp"
#include "render/overlay.hpp"
#include "render/palette.hpp"

namespace pa::render {

namespace {

constexpr int kMaxBasemapPx = 4000;  // the basemap image's longest side (an A0 at 200 dpi would be 9,000)

uint32_t rgba(Rgba c) {
    return uint32_t(c.r) << 24 | uint32_t(c.g) << 16 | uint32_t(c.b) << 8 | c.a;
}

std::string fmt_count(double v, int decimals) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace

output::PdfMapPage build_pdf_map_page(const MapData& d, const RenderRequest& req,
                                      const output::PaperSize& paper, double dpi, const PdfTexts& texts,
                                      const Camera* camera, std::vector<std::string>& notes) {
    using output::PdfPoint;
    using output::PdfShape;
    output::PdfMapPage pg;
    pg.paper = paper;
    pg.dpi = dpi;
    pg.title = texts.title;
    pg.subtitle = texts.subtitle;
    pg.note = texts.note;
    pg.source = texts.source;
    pg.org = texts.org;
    pg.date = texts.date;
    pg.north_label = tr("map.north", req.lang);

    // The camera: the viewer's view fitted to the page's aspect, or the request's fit (legend room on the
    // right).
    const auto box = output::pdf_vector_map_box(paper, dpi);
    RenderRequest fit = req;
    fit.width = box.width_px;
    fit.height = box.height_px;
    fit.title_block = false;
    Camera cam = camera_for(d, fit);
    if (camera) {
        cam = *camera;
        const double h_m = camera->m_per_px * camera->height, w_m = camera->m_per_px * camera->width;
        cam.width = box.width_px;
        cam.height = box.height_px;
        cam.m_per_px = std::max(w_m / box.width_px, h_m / box.height_px);
    }
    pg.min_x = cam.world_x(0);
    pg.max_x = cam.world_x(cam.width);
    pg.min_y = cam.world_y(cam.height);
    pg.max_y = cam.world_y(0);
    pg.ground_per_plane = 1.0 / d.proj.scale_at(cam.cx);

    analysis::ParcelFilter filter;
    filter.zone_code = req.zone_code;
    if (req.filter) filter = *req.filter;
    const auto cls = analysis::classify(d.parcels, req.theme, req.classify, filter);
    const auto colors = class_colors(cls);
    const bool has_basemap = !req.basemaps.empty();

    // Basemap, at the print resolution (capped).
    if (has_basemap) {
        const double f = std::min(1.0, double(kMaxBasemapPx) / std::max(cam.width, cam.height));
        const int w = std::max(1, static_cast<int>(cam.width * f)),
                  h = std::max(1, static_cast<int>(cam.height * f));
        raster::Image img;
        for (const auto& b : req.basemaps) {
            std::error_code ec;
            if (!std::filesystem::exists(b.path, ec)) {
                notes.push_back("the basemap '" + (b.name.empty() ? b.path : b.name) + "' (" + b.path +
                                ") cannot be reached from here; printed without it");
                continue;
            }
            raster::composite_over(img, raster::warp_basemap(raster::basemap_dataset_for(b, cam.m_per_px / f),
                                                             d.proj.proj_string(), pg.min_x, pg.min_y,
                                                             pg.max_x, pg.max_y, w, h, {b.opacity, b.grey}));
        }
        pg.basemap_rgba = std::move(img.rgba);
        pg.basemap_width = img.width;
        pg.basemap_height = img.height;
    }
    auto ring_of = [&](const std::vector<LonLat>& r) {
        std::vector<PdfPoint> out;
        out.reserve(r.size());
        for (const auto& p : r) {
            const PlanePoint q = d.proj.xy(p);
            out.push_back({q.x, q.y});
        }
        return out;
    };
    auto visible = [&](const Box& b) {
        return !(b.max_x < pg.min_x || b.min_x > pg.max_x || b.max_y < pg.min_y || b.min_y > pg.max_y);
    };
    auto add_multipolygon = [&](const MultiPolygon& mp, uint32_t fill, uint32_t stroke, double stroke_pt) {
        PdfShape s;
        for (const auto& poly : mp)
            for (const auto& ring : poly) s.rings.push_back(ring_of(ring));
        s.fill_rgba = fill;
        s.stroke_rgba = stroke;
        s.stroke_pt = stroke_pt;
        return s;
    };

    // Zones' pale fills (not over a basemap), the parcels, the zones' outlines.
    if (!has_basemap)
        for (const auto& z : d.zones)
            pg.shapes.push_back(add_multipolygon(
                z.geom, rgba(req.zone_code.empty() || z.code == req.zone_code ? kZoneTint : kZoneTintOther),
                0, 0));
    for (size_t i = 0; i < d.parcels.size(); ++i) {
        if (i < d.parcel_boxes.size() && !visible(d.parcel_boxes[i])) continue;
        const int c = i < cls.parcel_class.size() ? cls.parcel_class[i] : -1;
        const Rgba col = c >= 0 && size_t(c) < colors.size() ? colors[size_t(c)] : kFilteredOut;
        pg.shapes.push_back(add_multipolygon(d.parcels[i].geom, rgba(col), 0xFFFFFFB0u, 0.15));
    }
    for (const auto& z : d.zones) pg.shapes.push_back(add_multipolygon(z.geom, 0, 0x33333DFFu, 0.9));
    // Reference layers in their style (line width: the screen's pixels as 0.6 pt), within their scale range.
    const double screen_m_per_px = cam.m_per_px * dpi / 96.0;
    for (const auto& layer : req.references) {
        if (layer.style.max_m_per_px > 0 && screen_m_per_px > layer.style.max_m_per_px) continue;
        PdfShape s;
        s.closed = false;
        s.stroke_rgba = rgba(Rgba{layer.style.r, layer.style.g, layer.style.b, layer.style.a});
        s.stroke_pt = layer.style.width_px * 0.6;
        for (const auto& f : layer.features)
            for (const auto& line : f.lines) s.rings.push_back(ring_of(line));
        pg.shapes.push_back(std::move(s));
    }
    // Highlights (land state: the idle parcels) in red outline.
    for (int i : req.highlight_parcels)
        if (i >= 0 && size_t(i) < d.parcels.size())
            pg.shapes.push_back(add_multipolygon(d.parcels[size_t(i)].geom, 0, 0xC81428FFu, 1.2));

    // Zone labels: each zone at the centre of its largest part, when that lies on the map.
    for (const auto& z : d.zones) {
        const Polygon* best = nullptr;
        size_t best_part = 0;
        double best_area = -1;
        for (size_t k = 0; k < z.geom.size(); ++k) {
            const Polygon& poly = z.geom[k];
            if (poly.empty()) continue;
            Box b;
            for (const auto& p : poly[0]) b.expand(d.proj.xy(p).x, d.proj.xy(p).y);
            const double a = (b.max_x - b.min_x) * (b.max_y - b.min_y);
            if (a > best_area) best_area = a, best = &poly, best_part = k;
        }
        if (!best) continue;
        Box b;
        for (const auto& p : (*best)[0]) b.expand(d.proj.xy(p).x, d.proj.xy(p).y);
        const PdfPoint c{(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
        if (c.x < pg.min_x || c.x > pg.max_x || c.y < pg.min_y || c.y > pg.max_y) continue;
        pg.labels.push_back(
            {c,
             zone_part_label(req.lang == Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh,
                             z.part_name(best_part), true),
             9.5});
    }

    // Legend: the same rows as the picture's.
    pg.legend_title = theme_title(req.theme, req.lang);
    pg.legend_unit = theme_unit(req.theme, req.lang);
    pg.legend_count_head = tr("legend.count", req.lang);
    pg.legend_area_head = tr("unit.mu", req.lang);
    int total = 0;
    double total_mu = 0;
    for (const auto& r : legend_rows(cls, colors, req.lang)) {
        pg.legend.push_back(
            {r.label, rgba(r.color), false, std::to_string(r.count), fmt_count(r.area_mu, 0)});
        total += r.count;
        total_mu += r.area_mu;
    }
    if (!req.highlight_parcels.empty()) {
        double mu = 0;
        for (int i : req.highlight_parcels)
            if (i >= 0 && size_t(i) < d.parcels.size()) mu += d.parcels[size_t(i)].area_mu;
        pg.legend.push_back({tr("timeline.idle", req.lang), 0xC81428FFu, true,
                             std::to_string(req.highlight_parcels.size()), fmt_count(mu, 0)});
    }
    pg.legend_total_label = tr("legend.total", req.lang);
    pg.legend_total_count = std::to_string(cls.shown_count);
    pg.legend_total_area = fmt_count(cls.shown_area_mu, 0);

    // Overview inset: every zone, on the city's extent.
    for (const auto& z : d.zones)
        pg.overview.push_back(add_multipolygon(z.geom, 0xC8CDD6FFu, 0x55555FFFu, 0.4));
    pg.ov_min_x = d.extent.min_x;
    pg.ov_max_x = d.extent.max_x;
    pg.ov_min_y = d.extent.min_y;
    pg.ov_max_y = d.extent.max_y;
    return pg;
}

}  // namespace pa::render
