#include "render/overlay.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "render/labels.hpp"

namespace pa::render {

namespace {

ImU32 col(Rgba c, float alpha = 1.0f) {
    return IM_COL32(c.r, c.g, c.b, static_cast<int>(c.a * alpha));
}
const ImU32 kInk = IM_COL32(30, 30, 36, 255);
const ImU32 kPaper = IM_COL32(255, 255, 255, 255);
const ImU32 kFrame = IM_COL32(120, 120, 130, 255);

// Text with a white halo: the label font's dilated copy in the halo colour, then the text (two passes over
// the glyphs' pixels; see FontSet::label_halo).
void text_halo(ImDrawList* dl, const FontSet& fonts, ImVec2 p, ImU32 fg, ImU32 halo, const char* s) {
    const float px = fonts.px(fonts.label);
    p = ImVec2(std::round(p.x), std::round(p.y));  // whole pixels: glyphs map 1:1 onto texels
    dl->AddText(fonts.label_halo, px, p, halo, s);
    dl->AddText(fonts.label, px, p, fg, s);
}

std::string fmt(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace

double nice_scale_length_m(double max_m) {
    if (!(max_m > 0)) return 0;
    const double p = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= max_m) return m * p;
    return p;
}

FurnitureMetrics furniture_metrics(float scale, float body_px, float label_px, float title_px) {
    FurnitureMetrics m;
    m.scale = scale;
    m.body_px = body_px;
    m.label_px = label_px;
    m.title_px = title_px;
    m.pad = 10.0f * scale;
    return m;
}

float estimate_text_width(const std::string& s, float px) {
    float em = 0;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        // Noto Sans CJK: ideographs, full-width forms and most symbols a full em; Latin and digits about
        // half, spaces a quarter.
        em += n >= 3 ? 1.0f : n == 2 ? 0.6f : c == ' ' ? 0.25f : 0.55f;
        i += n;
    }
    return em * px / kCjkLineEm;
}

std::vector<ScreenRect> OverlayLayout::furniture() const {
    std::vector<ScreenRect> out;
    for (const ScreenRect* r : {&title, &footer, &scale_bar, &north_arrow, &legend})
        if (r->x1 > r->x0 && r->y1 > r->y0) out.push_back(*r);
    return out;
}

std::vector<LegendRow> legend_rows(const analysis::ThemeClassification& cls, const std::vector<Rgba>& colors,
                                   Lang lang) {
    std::vector<LegendRow> rows;
    for (size_t i = 0; i < cls.classes.size(); ++i) {
        const auto& c = cls.classes[i];
        // Categories nobody falls in are left out (a supply-status legend of a zone without idle land shows
        // no "闲置 0"); numeric classes stay so the ranges read continuously.
        if (c.count == 0 && !analysis::is_numeric(cls.theme)) continue;
        rows.push_back({lang == Lang::En ? c.label_en : c.label_zh, colors[i], c.count, c.area_mu});
    }
    return rows;
}

LegendContent legend_content(const analysis::ThemeClassification& cls, const std::vector<Rgba>& colors,
                             Lang lang, const OverlayOptions& opt) {
    using K = LegendCellRow::Kind;
    LegendContent c;
    c.head = theme_title(cls.theme, lang);
    if (analysis::is_numeric(cls.theme))
        c.unit = std::string(theme_unit(cls.theme, lang)) + " · " + method_title(cls.method, lang);
    c.rows.push_back({K::ColumnHead, "", tr("legend.count", lang), tr("unit.mu", lang), {}});
    for (const auto& r : legend_rows(cls, colors, lang))
        c.rows.push_back({K::Fill, r.label, std::to_string(r.count), fmt(r.area_mu, 0), r.color});
    c.rows.push_back(
        {K::Total, tr("legend.total", lang), std::to_string(cls.shown_count), fmt(cls.shown_area_mu, 0), {}});
    for (const auto& r : opt.outline_rows)
        c.rows.push_back({K::Outline, r.label, std::to_string(r.count), fmt(r.area_mu, 0), r.color});
    if (opt.project_markers)
        c.rows.push_back({K::Marker, tr("legend.projects", lang), "", "", Rgba{242, 242, 242, 255}});
    return c;
}

LegendBox layout_legend(const LegendContent& c, const MeasureWidth& measure, const FurnitureMetrics& m,
                        float max_h) {
    LegendBox b;
    const float pad = m.pad;
    // Tighter lines first, then smaller text, until the box fits (the presentation scale on a small picture).
    const float spacing[] = {1.45f, 1.3f, 1.18f};
    for (float shrink = 1.0f;; shrink -= 0.05f) {
        for (float sp : spacing) {
            b.text_px = m.body_px * shrink;
            b.head_px = b.text_px * 1.05f;
            b.unit_px = b.text_px * 0.85f;
            b.row_h = b.text_px * sp;
            b.head_h = b.text_px * 1.3f;
            b.unit_h = c.unit.empty() ? 0.0f : b.text_px;
            b.h = pad + b.head_h + b.unit_h + b.row_h * float(c.rows.size()) + pad;
            if (b.h <= max_h) break;
        }
        if (b.h <= max_h || shrink < 0.62f) break;
    }
    b.fits = b.h <= max_h;
    b.em_px = measure("宗数", b.text_px) / 2;  // two ideographs (in every atlas: the legend's column head)
    b.swatch_w = b.text_px * 1.1f;
    b.gap = std::max(pad, b.text_px * 0.7f);  // between the label, count and 亩 columns
    float label_w = 0;
    b.count_w = 0;
    b.mu_w = 0;
    for (const auto& r : c.rows) {
        if (!r.label.empty()) label_w = std::max(label_w, measure(r.label, b.text_px));
        if (!r.count.empty()) b.count_w = std::max(b.count_w, measure(r.count, b.text_px));
        if (!r.mu.empty()) b.mu_w = std::max(b.mu_w, measure(r.mu, b.text_px));
    }
    b.label_x = pad + b.swatch_w + pad;
    b.count_right = b.label_x + label_w + b.gap + b.count_w;
    b.mu_right = b.count_right + b.gap + b.mu_w;
    b.w = b.mu_right + pad;
    // The head and the unit line span the box.
    b.w = std::max(b.w, pad + measure(c.head, b.head_px) + pad);
    if (!c.unit.empty()) b.w = std::max(b.w, pad + measure(c.unit, b.unit_px) + pad);
    return b;
}

ScreenRect free_map_area(int width, int height, const FurnitureMetrics& m, float legend_w, bool title_block,
                         bool legend) {
    const float W = static_cast<float>(width), H = static_cast<float>(height);
    ScreenRect r{0, 0, W, H};
    if (title_block) {
        r.y0 = m.title_band_h();
        r.y1 = H - m.footer_h();
    }
    r.y1 -= m.scale_bar_band_h();
    if (legend) r.x1 = W - m.pad - std::max(legend_w, m.north_box_w()) - m.pad;
    r.y0 = std::min(r.y0, r.y1 - 1);
    r.x1 = std::max(r.x1, r.x0 + 1);
    return r;
}

namespace {

// Names of roads and rivers (reference layers with a label field): label type in a dark grey, clear of the
// furniture and the zone labels already placed.
void draw_reference_labels(ImDrawList* dl, const FontSet& fonts, const Camera& cam, const OverlayOptions& opt,
                           const OverlayLayout& out) {
    if (opt.reference_labels.empty()) return;
    std::vector<ScreenRect> taken = out.furniture();
    for (const auto& l : out.labels) taken.push_back(l.rect);
    const auto measure_ref = [&](const std::string& t) {
        const ImVec2 sz = fonts.label->CalcTextSizeA(fonts.px(fonts.label), 1e9f, 0, t.c_str());
        return std::pair<float, float>(sz.x, sz.y);
    };
    for (const auto& l : place_reference_labels(opt.reference_labels, cam, measure_ref, taken, 4 * opt.scale))
        text_halo(dl, fonts, ImVec2(l.rect.x0, l.rect.y0), IM_COL32(70, 70, 80, 255),
                  IM_COL32(255, 255, 255, 230), l.text.c_str());
}

}  // namespace

OverlayLayout draw_overlay(ImDrawList* dl, const FontSet& fonts, const MapData& data, const Camera& cam,
                           const analysis::ThemeClassification& cls, const std::vector<Rgba>& colors,
                           Lang lang, const OverlayOptions& opt) {
    OverlayLayout out;
    const float W = static_cast<float>(cam.width), H = static_cast<float>(cam.height);
    const float s = opt.scale;
    const FurnitureMetrics fm =
        furniture_metrics(s, fonts.px(fonts.body), fonts.px(fonts.label), fonts.px(fonts.title));
    const float body_px = fm.body_px, label_px = fm.label_px, title_px = fm.title_px;
    const float pad = fm.pad;
    const float top = opt.top_reserved_px, bottom = H - opt.bottom_reserved_px;
    const float right_edge = W - opt.right_reserved_px;
    const MeasureWidth measure = [f = fonts.body](const std::string& t, float px) {
        return f->CalcTextSizeA(px, 1e9f, 0, t.c_str()).x;
    };

    // Title block, top left.
    float title_bottom = top;
    if (opt.title_block) {
        std::string title = opt.title;
        if (title.empty()) title = default_map_title(data.zones, opt.zone_code, cls.theme, lang);
        // A full-width title strip, like the head of a map sheet.
        const float band_h = fm.title_band_h();
        dl->AddRectFilled(ImVec2(0, top), ImVec2(W, top + band_h), IM_COL32(255, 255, 255, 255));
        dl->AddLine(ImVec2(0, top + band_h), ImVec2(W, top + band_h), kFrame, 1.0f * s);
        dl->AddText(fonts.title, title_px, ImVec2(pad * 1.5f, top + pad * 0.8f), kInk, title.c_str());
        if (!opt.subtitle.empty()) {  // right-aligned, on the title's baseline
            const float sub_px = title_px * 0.8f;
            const ImVec2 ss = fonts.title->CalcTextSizeA(sub_px, 1e9f, 0, opt.subtitle.c_str());
            dl->AddText(fonts.title, sub_px,
                        ImVec2(right_edge - ss.x - pad * 1.5f, top + pad * 0.8f + title_px - ss.y),
                        IM_COL32(60, 60, 70, 255), opt.subtitle.c_str());
        }
        title_bottom = top + band_h;
        out.title = {0, top, W, title_bottom};
    }

    // Footer: note at the bottom left, data source at the bottom right.
    float footer_top = bottom;
    if (opt.title_block) {
        const std::string note = opt.note.empty() ? tr("map.note.default", lang) : opt.note;
        const std::string source =
            std::string(tr("map.source", lang)) + ": " + data.data_source + " · ParkAtlas";
        const ImVec2 ss = fonts.body->CalcTextSizeA(body_px, 1e9f, 0, source.c_str());
        footer_top = bottom - fm.footer_h();
        out.footer = {0, footer_top, W, bottom};
        dl->AddRectFilled(ImVec2(0, footer_top), ImVec2(W, bottom), IM_COL32(255, 255, 255, 255));
        dl->AddText(fonts.body, body_px, ImVec2(pad, footer_top + pad / 2), kInk, note.c_str());
        dl->AddText(fonts.body, body_px, ImVec2(W - ss.x - pad, footer_top + pad / 2),
                    IM_COL32(80, 80, 90, 255), source.c_str());
    }

    // Scale bar, bottom left above the footer: true ground metres at the view's centre.
    if (opt.scale_bar) {
        const double mpp = cam.ground_m_per_px(data.proj);
        const double len_m = nice_scale_length_m(mpp * fm.scale_bar_len_ref_px());
        const float len_px = float(len_m / mpp);
        const std::string label =
            len_m >= 1000 ? fmt(len_m / 1000, len_m >= 10000 || std::fmod(len_m, 1000) == 0 ? 0 : 1) + " km"
                          : fmt(len_m, 0) + " m";
        const float x0 = opt.left_reserved_px + pad * 2, y0 = footer_top - pad * 2;
        const float bar_h = 6 * s;
        const float label_w = fonts.body->CalcTextSizeA(body_px, 1e9f, 0, label.c_str()).x;
        out.scale_bar = {x0 - pad, y0 - bar_h - body_px - pad, x0 + std::max(len_px, label_w) + pad,
                         y0 + pad * 0.7f};
        dl->AddRectFilled(ImVec2(out.scale_bar.x0, out.scale_bar.y0),
                          ImVec2(out.scale_bar.x1, out.scale_bar.y1), kPaper, 3 * s);
        dl->AddRectFilled(ImVec2(x0, y0 - bar_h), ImVec2(x0 + len_px / 2, y0), kInk);
        dl->AddRectFilled(ImVec2(x0 + len_px / 2, y0 - bar_h), ImVec2(x0 + len_px, y0),
                          IM_COL32(255, 255, 255, 255));
        dl->AddRect(ImVec2(x0, y0 - bar_h), ImVec2(x0 + len_px, y0), kInk, 0, 0, 1.2f * s);
        dl->AddText(fonts.body, body_px, ImVec2(x0, y0 - bar_h - body_px - 2 * s), kInk, label.c_str());
    }

    // The right column: the north arrow at its top and the legend under it; when the legend needs the whole
    // height, the arrow moves to the legend's left. Every column of the legend is as wide as its widest cell.
    const float col_top = title_bottom + pad, col_bottom = footer_top - pad;
    const float arrow_w = fm.north_box_w(), arrow_h = fm.north_box_h();
    float arrow_x1 = right_edge - pad;  // the arrow box's right edge
    float arrow_y0 = col_top;
    if (opt.legend) {
        const LegendContent content = legend_content(cls, colors, lang, opt);
        const float below_arrow = opt.north_arrow ? arrow_h + pad * 0.5f : 0.0f;
        LegendBox lb = layout_legend(content, measure, fm, col_bottom - col_top - below_arrow);
        float y0 = col_top + below_arrow;
        if (!lb.fits && opt.north_arrow) {  // give the legend the full height; the arrow goes beside it
            lb = layout_legend(content, measure, fm, col_bottom - col_top);
            y0 = col_top;
        }
        const float x0 = right_edge - pad - lb.w;
        if (opt.north_arrow && y0 == col_top) arrow_x1 = x0 - pad;
        out.legend = {x0, y0, x0 + lb.w, y0 + lb.h};
        out.legend_box = lb;
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + lb.w, y0 + lb.h), kPaper, 5 * s);
        dl->AddRect(ImVec2(x0, y0), ImVec2(x0 + lb.w, y0 + lb.h), kFrame, 5 * s, 0, 1.0f * s);
        float y = y0 + pad;
        dl->AddText(fonts.body, lb.head_px, ImVec2(x0 + pad, y), kInk, content.head.c_str());
        y += lb.head_h;
        if (!content.unit.empty()) {
            dl->AddText(fonts.body, lb.unit_px, ImVec2(x0 + pad, y), IM_COL32(90, 90, 100, 255),
                        content.unit.c_str());
            y += lb.unit_h;
        }
        const float tp = lb.text_px;
        auto right = [&](float xr, float yy, const std::string& t, ImU32 c) {
            if (t.empty()) return;
            dl->AddText(fonts.body, tp, ImVec2(xr - measure(t, tp), yy), c, t.c_str());
        };
        const float sx0 = x0 + pad, sx1 = x0 + pad + lb.swatch_w;
        using K = LegendCellRow::Kind;
        for (const auto& r : content.rows) {
            const ImU32 ink = r.kind == K::ColumnHead ? IM_COL32(90, 90, 100, 255) : kInk;
            switch (r.kind) {
                case K::Fill:
                    dl->AddRectFilled(ImVec2(sx0, y + 1), ImVec2(sx1, y + tp), col(r.color), 2 * s);
                    dl->AddRect(ImVec2(sx0, y + 1), ImVec2(sx1, y + tp), IM_COL32(60, 60, 60, 200), 2 * s);
                    break;
                case K::Total:
                    dl->AddLine(ImVec2(x0 + pad, y - 2 * s), ImVec2(x0 + lb.w - pad, y - 2 * s), kFrame,
                                1.0f * s);
                    break;
                case K::Outline:
                    dl->AddRect(ImVec2(sx0, y + 1), ImVec2(sx1, y + tp), col(r.color), 2 * s, 0, 2.5f * s);
                    break;
                case K::Marker: {  // as the map draws them: a pale disc with a dark rim
                    const float rr = std::min(lb.swatch_w, tp) * 0.42f;
                    const ImVec2 c((sx0 + sx1) / 2, y + (1 + tp) / 2);
                    dl->AddCircleFilled(c, rr, IM_COL32(26, 26, 26, 230));
                    dl->AddCircleFilled(c, rr * 0.72f, col(r.color));
                    break;
                }
                case K::ColumnHead:
                    break;
            }
            if (!r.label.empty())
                dl->AddText(fonts.body, tp, ImVec2(x0 + lb.label_x, y), kInk, r.label.c_str());
            right(x0 + lb.count_right, y, r.count, ink);
            right(x0 + lb.mu_right, y, r.mu, ink);
            y += lb.row_h;
        }
    }

    // North arrow, top right (or left of a legend that needs the column's height).
    if (opt.north_arrow) {
        const float r = fm.north_r();
        const float cx = arrow_x1 - arrow_w / 2, cy = arrow_y0 + r + 6 * s;
        out.north_arrow = {arrow_x1 - arrow_w, arrow_y0, arrow_x1, arrow_y0 + arrow_h};
        dl->AddCircleFilled(ImVec2(cx, cy), r + 6 * s, kPaper);
        dl->AddTriangleFilled(ImVec2(cx, cy - r), ImVec2(cx - r * 0.5f, cy + r * 0.7f),
                              ImVec2(cx, cy + r * 0.35f), kInk);
        dl->AddTriangleFilled(ImVec2(cx, cy - r), ImVec2(cx, cy + r * 0.35f),
                              ImVec2(cx + r * 0.5f, cy + r * 0.7f), IM_COL32(150, 150, 160, 255));
        const char* n = tr("map.north", lang);
        const ImVec2 ns = fonts.label->CalcTextSizeA(label_px, 1e9f, 0, n);
        text_halo(dl, fonts, ImVec2(cx - ns.x / 2, cy + r * 0.75f), kInk, IM_COL32(255, 255, 255, 255), n);
        out.north_arrow.y1 = std::max(out.north_arrow.y1, cy + r * 0.75f + ns.y);
    }
    // Zone labels, drawn last (in the background draw list, so under every panel): placed by priority,
    // largest zones first, trying positions around each zone before dropping one, and each part of a
    // multi-part zone where there is room (render/labels.hpp); neither a label nor its leader line ever
    // crosses the furniture or another label.
    if (opt.zone_labels) {
        LabelLayout lay;
        lay.top = top;
        lay.bottom = bottom;
        lay.left = opt.left_reserved_px;
        lay.right = right_edge;
        lay.blocked = out.furniture();
        lay.gap_px = 4 * s;
        lay.min_part_px = 60 * s;
        const auto measure_label = [&](const std::string& t) {
            const ImVec2 sz = fonts.label->CalcTextSizeA(label_px, 1e9f, 0, t.c_str());
            return std::pair<float, float>(sz.x, sz.y);
        };
        out.labels = place_zone_labels(data, cam, lang, measure_label, lay);
        for (const auto& l : out.labels) {
            if (l.leader) {  // a label moved away from its zone points back at it
                dl->AddLine(ImVec2(l.leader_x0, l.leader_y0), ImVec2(l.leader_x1, l.leader_y1),
                            IM_COL32(255, 255, 255, 200), 3.0f * s);
                dl->AddLine(ImVec2(l.leader_x0, l.leader_y0), ImVec2(l.leader_x1, l.leader_y1), kInk,
                            1.0f * s);
                dl->AddCircleFilled(ImVec2(l.leader_x1, l.leader_y1), 2.0f * s, kInk);
            }
            text_halo(dl, fonts, ImVec2(l.rect.x0, l.rect.y0), kInk, IM_COL32(255, 255, 255, 240),
                      l.text.c_str());
        }
    }
    draw_reference_labels(dl, fonts, cam, opt, out);
    return out;
}

}  // namespace pa::render
