#include "core/output/pdf_map.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "core/common/error.hpp"
#include "core/common/output_file.hpp"

namespace pa::output {

namespace {

constexpr double kMarginPt = 24.0, kTitlePt = 40.0, kFooterPt = 22.0;
constexpr const char* kFont = "Noto Sans CJK SC";
constexpr double kPtPerM = 72.0 / 0.0254;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}
struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};

void set_rgba(cairo_t* cr, uint32_t c) {
    cairo_set_source_rgba(cr, ((c >> 24) & 255) / 255.0, ((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0,
                          (c & 255) / 255.0);
}

void font(cairo_t* cr, double size, bool bold = false) {
    cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

double text_width(cairo_t* cr, const std::string& t) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, t.c_str(), &e);
    return e.x_advance;
}

// Text with a white halo (stroked outline under the fill): legible over any colour, still one text object.
void halo_text(cairo_t* cr, double x, double y, const std::string& t) {
    cairo_move_to(cr, x, y);
    cairo_text_path(cr, t.c_str());
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_set_line_width(cr, 2.4);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.12);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, t.c_str());
}

// The transform from the plane (metres, y up) into a box on the page (points, y down).
struct Frame {
    double x0, y0, w, h;         // the box, points
    double min_x, max_y, scale;  // points per metre
    double px(double x) const { return x0 + (x - min_x) * scale; }
    double py(double y) const { return y0 + (max_y - y) * scale; }
};

void draw_shapes(cairo_t* cr, const Frame& f, const std::vector<PdfShape>& shapes,
                 double stroke_factor = 1.0) {
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (const auto& s : shapes) {
        cairo_new_path(cr);
        for (const auto& ring : s.rings) {
            if (ring.size() < 2) continue;
            cairo_move_to(cr, f.px(ring[0].x), f.py(ring[0].y));
            for (size_t i = 1; i < ring.size(); ++i) cairo_line_to(cr, f.px(ring[i].x), f.py(ring[i].y));
            if (s.closed) cairo_close_path(cr);
        }
        if (s.closed && (s.fill_rgba & 255) != 0) {
            set_rgba(cr, s.fill_rgba);
            if (s.stroke_pt > 0)
                cairo_fill_preserve(cr);
            else
                cairo_fill(cr);
        }
        if (s.stroke_pt > 0) {
            set_rgba(cr, s.stroke_rgba);
            cairo_set_line_width(cr, s.stroke_pt * stroke_factor);
            cairo_stroke(cr);
        }
        cairo_new_path(cr);
    }
}

double nice_length(double max_m) {
    const double p = std::pow(10.0, std::floor(std::log10(std::max(max_m, 1e-9))));
    for (double k : {5.0, 2.0, 1.0})
        if (k * p <= max_m) return k * p;
    return p;
}

// The legend, top right inside the map on white: head, unit, column heads, a row per class, the total.
// Returns its left edge (the north arrow stands left of it).
double draw_legend(cairo_t* cr, const PdfMapBox& box, const PdfMapPage& pg) {
    const double pad = 6, row_h = 13;
    font(cr, 8.5);
    double label_w = text_width(cr, pg.legend_title) - 40, count_w = text_width(cr, pg.legend_count_head),
           area_w = text_width(cr, pg.legend_area_head);
    for (const auto& r : pg.legend) {
        label_w = std::max(label_w, text_width(cr, r.label));
        count_w = std::max(count_w, text_width(cr, r.count));
        area_w = std::max(area_w, text_width(cr, r.area));
    }
    count_w = std::max(count_w, text_width(cr, pg.legend_total_count));
    area_w = std::max(area_w, text_width(cr, pg.legend_total_area));
    const double sw = 14, gap = 10;
    const double lw = pad * 2 + sw + 6 + label_w + gap + count_w + gap + area_w;
    const double lh = pad * 2 + row_h * (static_cast<double>(pg.legend.size()) + 3.4);
    const double lx = box.x_pt + box.width_pt - lw - 8, ly = box.y_pt + 8;
    if (!pg.legend.empty()) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, lx, ly, lw, lh);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.6);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
        double y = ly + pad + 9;
        font(cr, 9.5, true);
        cairo_set_source_rgb(cr, 0.08, 0.08, 0.1);
        cairo_move_to(cr, lx + pad, y);
        cairo_show_text(cr, pg.legend_title.c_str());
        y += row_h * 0.9;
        font(cr, 7.5);
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.4);
        cairo_move_to(cr, lx + pad, y);
        cairo_show_text(cr, pg.legend_unit.c_str());
        const double cx_right = lx + lw - pad - area_w - gap, ax_right = lx + lw - pad;
        auto right = [&](const std::string& t, double xr, double yy) {
            cairo_move_to(cr, xr - text_width(cr, t), yy);
            cairo_show_text(cr, t.c_str());
        };
        y += row_h;
        right(pg.legend_count_head, cx_right, y);
        right(pg.legend_area_head, ax_right, y);
        font(cr, 8.5);
        for (const auto& r : pg.legend) {
            y += row_h;
            if (r.outline) {
                set_rgba(cr, r.rgba);
                cairo_set_line_width(cr, 1.6);
                cairo_rectangle(cr, lx + pad + 1, y - 8, sw - 2, 9);
                cairo_stroke(cr);
            } else {
                set_rgba(cr, r.rgba);
                cairo_rectangle(cr, lx + pad, y - 9, sw, 10);
                cairo_fill_preserve(cr);
                cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
                cairo_set_line_width(cr, 0.4);
                cairo_stroke(cr);
            }
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.12);
            cairo_move_to(cr, lx + pad + sw + 6, y);
            cairo_show_text(cr, r.label.c_str());
            right(r.count, cx_right, y);
            right(r.area, ax_right, y);
        }
        y += row_h * 0.4;
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_set_line_width(cr, 0.5);
        cairo_move_to(cr, lx + pad, y);
        cairo_line_to(cr, lx + lw - pad, y);
        cairo_stroke(cr);
        y += row_h;
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.12);
        cairo_move_to(cr, lx + pad + sw + 6, y);
        cairo_show_text(cr, pg.legend_total_label.c_str());
        right(pg.legend_total_count, cx_right, y);
        right(pg.legend_total_area, ax_right, y);
    }
    return lx;
}

void draw_north_arrow(cairo_t* cr, const PdfMapBox& box, const PdfMapPage& pg, double lx) {
    const double nx = lx - 22, ny = box.y_pt + 12;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_arc(cr, nx, ny + 14, 13, 0, 2 * 3.14159265358979);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.2);
    cairo_move_to(cr, nx, ny + 2);
    cairo_line_to(cr, nx + 6, ny + 22);
    cairo_line_to(cr, nx, ny + 17);
    cairo_close_path(cr);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.6);
    cairo_move_to(cr, nx, ny + 2);
    cairo_line_to(cr, nx - 6, ny + 22);
    cairo_line_to(cr, nx, ny + 17);
    cairo_close_path(cr);
    cairo_fill(cr);
    font(cr, 7.5, true);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.12);
    cairo_move_to(cr, nx - text_width(cr, pg.north_label) / 2, ny + 33);
    cairo_show_text(cr, pg.north_label.c_str());
}

// The scale bar and the numeric scale (1:N), bottom left inside the map.
void draw_scale_bar(cairo_t* cr, const PdfMapBox& box, const Frame& f, const PdfMapPage& pg) {
    const double m_per_pt = 1.0 / f.scale * pg.ground_per_plane;
    const double len_m = nice_length(m_per_pt * 110);
    const double len_pt = len_m / m_per_pt;
    const double x0 = box.x_pt + 12, y0 = box.y_pt + box.height_pt - 14;
    const std::string lab = len_m >= 1000 ? std::to_string(static_cast<int>(len_m / 1000)) + " km"
                                          : std::to_string(static_cast<int>(len_m)) + " m";
    const std::string num = numeric_scale(m_per_pt * kPtPerM);
    font(cr, 8);
    const double bw = std::max(len_pt, text_width(cr, num)) + 16;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x0 - 6, y0 - 26, bw, 34);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.12);
    cairo_rectangle(cr, x0, y0 - 4, len_pt / 2, 4);
    cairo_fill(cr);
    cairo_set_line_width(cr, 0.6);
    cairo_rectangle(cr, x0, y0 - 4, len_pt, 4);
    cairo_stroke(cr);
    cairo_move_to(cr, x0, y0 - 8);
    cairo_show_text(cr, (lab + "    " + num).c_str());
}

// The overview inset, bottom right inside the map: the city's zones and where this map lies.
void draw_overview(cairo_t* cr, const PdfMapBox& box, const PdfMapPage& pg) {
    if (!pg.overview.empty() && pg.ov_max_x > pg.ov_min_x && pg.ov_max_y > pg.ov_min_y) {
        const double iw = std::min(150.0, box.width_pt * 0.2);
        const double ih = iw * (pg.ov_max_y - pg.ov_min_y) / (pg.ov_max_x - pg.ov_min_x);
        const double ix = box.x_pt + box.width_pt - iw - 8, iy = box.y_pt + box.height_pt - ih - 8;
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, ix - 3, iy - 3, iw + 6, ih + 6);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.45, 0.45, 0.5);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
        Frame o{ix, iy, iw, ih, pg.ov_min_x, pg.ov_max_y, iw / (pg.ov_max_x - pg.ov_min_x)};
        cairo_save(cr);
        cairo_rectangle(cr, ix, iy, iw, ih);
        cairo_clip(cr);
        draw_shapes(cr, o, pg.overview);
        cairo_set_source_rgb(cr, 0.85, 0.1, 0.15);
        cairo_set_line_width(cr, 1.2);
        const double ex0 = o.px(pg.min_x), ey0 = o.py(pg.max_y);
        cairo_rectangle(cr, ex0, ey0, std::max(3.0, (pg.max_x - pg.min_x) * o.scale),
                        std::max(3.0, (pg.max_y - pg.min_y) * o.scale));
        cairo_stroke(cr);
        cairo_restore(cr);
    }
}

}  // namespace

std::string numeric_scale(double ground_m_per_paper_m) {
    double n = ground_m_per_paper_m;
    if (!(n > 0)) return "1:?";
    const double p = std::pow(10.0, std::floor(std::log10(n)) - 2);  // three significant digits
    n = std::round(n / p) * p;
    std::string digits = std::to_string(static_cast<long long>(std::llround(n)));
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return "1:" + grouped;
}

PdfMapBox pdf_vector_map_box(const PaperSize& paper, double dpi) {
    PdfMapBox b;
    b.x_pt = kMarginPt;
    b.y_pt = kMarginPt + kTitlePt;
    b.width_pt = paper.width_pt - 2 * kMarginPt;
    b.height_pt = paper.height_pt - 2 * kMarginPt - kTitlePt - kFooterPt;
    b.width_px = static_cast<int>(b.width_pt / 72.0 * dpi + 0.5);
    b.height_px = static_cast<int>(b.height_pt / 72.0 * dpi + 0.5);
    return b;
}

void write_pdf_map(const std::string& path, const PdfMapPage& pg) {
    const PdfMapBox box = pdf_vector_map_box(pg.paper, pg.dpi);
    if (!(pg.max_x > pg.min_x) || !(pg.max_y > pg.min_y))
        throw InternalError("write_pdf_map: the map's extent is empty.");
    std::string bytes;
    {
        std::unique_ptr<cairo_surface_t, SurfaceDeleter> pdf(
            cairo_pdf_surface_create_for_stream(append, &bytes, pg.paper.width_pt, pg.paper.height_pt));
        cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_TITLE, pg.title.c_str());
        cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "ParkAtlas");
        std::unique_ptr<cairo_t, ContextDeleter> owner(cairo_create(pdf.get()));
        cairo_t* cr = owner.get();

        // The map: the extent fills the box's width or height (the caller fitted it to the box's aspect).
        Frame f{box.x_pt,
                box.y_pt,
                box.width_pt,
                box.height_pt,
                pg.min_x,
                pg.max_y,
                std::min(box.width_pt / (pg.max_x - pg.min_x), box.height_pt / (pg.max_y - pg.min_y))};
        cairo_save(cr);
        cairo_rectangle(cr, box.x_pt, box.y_pt, box.width_pt, box.height_pt);
        cairo_clip(cr);
        cairo_set_source_rgb(cr, 0.96, 0.95, 0.93);  // the map's paper
        cairo_paint(cr);
        if (!pg.basemap_rgba.empty() && pg.basemap_width > 0 && pg.basemap_height > 0) {
            std::unique_ptr<cairo_surface_t, SurfaceDeleter> img(
                cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pg.basemap_width, pg.basemap_height));
            cairo_surface_flush(img.get());
            unsigned char* dst = cairo_image_surface_get_data(img.get());
            const int stride = cairo_image_surface_get_stride(img.get());
            for (int y = 0; y < pg.basemap_height; ++y)
                for (int x = 0; x < pg.basemap_width; ++x) {
                    const uint8_t* s =
                        &pg.basemap_rgba[(size_t(y) * size_t(pg.basemap_width) + size_t(x)) * 4];
                    const uint32_t a = s[3], r = s[0] * a / 255, g = s[1] * a / 255, b = s[2] * a / 255;
                    const uint32_t px = (a << 24) | (r << 16) | (g << 8) | b;
                    std::memcpy(dst + size_t(y) * size_t(stride) + size_t(x) * 4, &px, 4);
                }
            cairo_surface_mark_dirty(img.get());
            cairo_save(cr);
            cairo_translate(cr, f.px(pg.min_x), f.py(pg.max_y));
            cairo_scale(cr, (pg.max_x - pg.min_x) * f.scale / pg.basemap_width,
                        (pg.max_y - pg.min_y) * f.scale / pg.basemap_height);
            cairo_set_source_surface(cr, img.get(), 0, 0);
            cairo_paint(cr);
            cairo_restore(cr);
        }
        draw_shapes(cr, f, pg.shapes);
        font(cr, 9.5, true);
        for (const auto& l : pg.labels) {
            font(cr, l.size_pt, true);
            const double w = text_width(cr, l.text);
            halo_text(cr, f.px(l.at.x) - w / 2, f.py(l.at.y) + l.size_pt * 0.35, l.text);
        }
        cairo_restore(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.25);
        cairo_set_line_width(cr, 0.8);
        cairo_rectangle(cr, box.x_pt, box.y_pt, box.width_pt, box.height_pt);
        cairo_stroke(cr);

        // Title block: title, subtitle at the right.
        font(cr, 17, true);
        cairo_set_source_rgb(cr, 0.08, 0.08, 0.1);
        cairo_move_to(cr, kMarginPt, kMarginPt + 22);
        cairo_show_text(cr, pg.title.c_str());
        if (!pg.subtitle.empty()) {
            font(cr, 11);
            cairo_set_source_rgb(cr, 0.25, 0.25, 0.3);
            cairo_move_to(cr, pg.paper.width_pt - kMarginPt - text_width(cr, pg.subtitle), kMarginPt + 22);
            cairo_show_text(cr, pg.subtitle.c_str());
        }

        const double lx = draw_legend(cr, box, pg);
        draw_north_arrow(cr, box, pg, lx);
        draw_scale_bar(cr, box, f, pg);
        draw_overview(cr, box, pg);

        // Footer: the 示意图 note and 制图单位 / 制图日期 at the left, the data source at the right.
        font(cr, 8.5);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.12);
        const double fy = box.y_pt + box.height_pt + 14;
        std::string left = pg.note;
        if (!pg.org.empty()) left += "    " + pg.org;
        if (!pg.date.empty()) left += "    " + pg.date;
        cairo_move_to(cr, kMarginPt, fy);
        cairo_show_text(cr, left.c_str());
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.4);
        cairo_move_to(cr, pg.paper.width_pt - kMarginPt - text_width(cr, pg.source), fy);
        cairo_show_text(cr, pg.source.c_str());
        cairo_show_page(cr);
        owner.reset();
        cairo_surface_finish(pdf.get());
        if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS)
            throw InputError("Could not make the PDF '" + path +
                             "': " + cairo_status_to_string(cairo_surface_status(pdf.get())) + ".");
    }
    write_output_bytes(path, bytes);
}

}  // namespace pa::output
