#include "render/overlay.hpp"

#include <imgui.h>

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

void draw_overlay(ImDrawList* dl, const FontSet& fonts, const MapData& data, const Camera& cam,
                  const analysis::ThemeClassification& cls, const std::vector<Rgba>& colors, Lang lang,
                  const OverlayOptions& opt) {
    const float W = static_cast<float>(cam.width), H = static_cast<float>(cam.height);
    const float s = opt.scale;
    const float body_px = fonts.px(fonts.body), label_px = fonts.px(fonts.label),
                title_px = fonts.px(fonts.title);
    const float pad = 10.0f * s;
    const float top = opt.top_reserved_px, bottom = H - opt.bottom_reserved_px;

    std::vector<ImVec4> blocked;  // furniture rectangles that labels must not cover

    // Title block, top left.
    float title_bottom = top;
    if (opt.title_block) {
        std::string title = opt.title;
        if (title.empty()) {
            std::string where = tr("map.zone_all", lang);
            const int zi = data.zone_index(opt.zone_code);
            if (zi >= 0) {
                const auto& z = data.zones[static_cast<size_t>(zi)];
                where = lang == Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
            }
            title = where + " · " + theme_title(cls.theme, lang);
        }
        // A full-width title strip, like the head of a map sheet.
        const ImVec2 ts = fonts.title->CalcTextSizeA(title_px, 1e9f, 0, title.c_str());
        const float band_h = ts.y + pad * 1.6f;
        dl->AddRectFilled(ImVec2(0, top), ImVec2(W, top + band_h), IM_COL32(255, 255, 255, 255));
        dl->AddLine(ImVec2(0, top + band_h), ImVec2(W, top + band_h), kFrame, 1.0f * s);
        dl->AddText(fonts.title, title_px, ImVec2(pad * 1.5f, top + pad * 0.8f), kInk, title.c_str());
        if (!opt.subtitle.empty()) {  // right-aligned, on the title's baseline
            const float sub_px = title_px * 0.8f;
            const ImVec2 ss = fonts.title->CalcTextSizeA(sub_px, 1e9f, 0, opt.subtitle.c_str());
            dl->AddText(fonts.title, sub_px,
                        ImVec2(W - opt.right_reserved_px - ss.x - pad * 1.5f, top + pad * 0.8f + ts.y - ss.y),
                        IM_COL32(60, 60, 70, 255), opt.subtitle.c_str());
        }
        const ImVec2 p0(0, top);
        title_bottom = p0.y + band_h;
        blocked.push_back(ImVec4(0, top, W, title_bottom));
    }

    // Footer: note at the bottom left, data source at the bottom right.
    float footer_top = bottom;
    if (opt.title_block) {
        const std::string note = opt.note.empty() ? tr("map.note.default", lang) : opt.note;
        const std::string source =
            std::string(tr("map.source", lang)) + ": " + data.data_source + " · ParkAtlas";
        const ImVec2 ns = fonts.body->CalcTextSizeA(body_px, 1e9f, 0, note.c_str());
        const ImVec2 ss = fonts.body->CalcTextSizeA(body_px, 1e9f, 0, source.c_str());
        const float h = std::max(ns.y, ss.y) + pad;
        footer_top = bottom - h;
        blocked.push_back(ImVec4(0, footer_top, W, bottom));
        dl->AddRectFilled(ImVec2(0, footer_top), ImVec2(W, bottom), IM_COL32(255, 255, 255, 255));
        dl->AddText(fonts.body, body_px, ImVec2(pad, footer_top + pad / 2), kInk, note.c_str());
        dl->AddText(fonts.body, body_px, ImVec2(W - ss.x - pad, footer_top + pad / 2),
                    IM_COL32(80, 80, 90, 255), source.c_str());
    }

    // Scale bar, bottom left above the footer: true ground metres at the latitude of the view's centre.
    if (opt.scale_bar) {
        const double lat = data.proj.lat(cam.cy);
        const double mpp = cam.ground_m_per_px(data.proj, lat);
        const double len_m = nice_scale_length_m(mpp * 160.0 * s);
        const float len_px = float(len_m / mpp);
        const std::string label =
            len_m >= 1000 ? fmt(len_m / 1000, len_m >= 10000 || std::fmod(len_m, 1000) == 0 ? 0 : 1) + " km"
                          : fmt(len_m, 0) + " m";
        const float x0 = opt.left_reserved_px + pad * 2, y0 = footer_top - pad * 2;
        const float bar_h = 6 * s;
        dl->AddRectFilled(ImVec2(x0 - pad, y0 - bar_h - body_px - pad),
                          ImVec2(x0 + len_px + pad, y0 + pad * 0.7f), kPaper, 3 * s);
        blocked.push_back(ImVec4(x0 - pad, y0 - bar_h - body_px - pad, x0 + len_px + pad, y0 + pad * 0.7f));
        dl->AddRectFilled(ImVec2(x0, y0 - bar_h), ImVec2(x0 + len_px / 2, y0), kInk);
        dl->AddRectFilled(ImVec2(x0 + len_px / 2, y0 - bar_h), ImVec2(x0 + len_px, y0),
                          IM_COL32(255, 255, 255, 255));
        dl->AddRect(ImVec2(x0, y0 - bar_h), ImVec2(x0 + len_px, y0), kInk, 0, 0, 1.2f * s);
        dl->AddText(fonts.body, body_px, ImVec2(x0, y0 - bar_h - body_px - 2 * s), kInk, label.c_str());
    }

    // Legend, right side: title, unit, one row per class with swatch, label, count and 亩, then the total.
    float legend_left = W;
    if (opt.legend) {
        const auto rows = legend_rows(cls, colors, lang);
        const std::string head = theme_title(cls.theme, lang);
        const std::string unit = analysis::is_numeric(cls.theme) ? std::string(theme_unit(cls.theme, lang)) +
                                                                       " · " + method_title(cls.method, lang)
                                                                 : std::string();
        const float sw = body_px * 1.1f, row_h = body_px * 1.45f;
        float label_w = fonts.body->CalcTextSizeA(body_px, 1e9f, 0, head.c_str()).x - sw - pad;
        if (!unit.empty())
            label_w = std::max(
                label_w, fonts.body->CalcTextSizeA(body_px * 0.85f, 1e9f, 0, unit.c_str()).x - sw - pad);
        for (const auto& r : rows)
            label_w = std::max(label_w, fonts.body->CalcTextSizeA(body_px, 1e9f, 0, r.label.c_str()).x);
        for (const auto& r : opt.outline_rows)
            label_w = std::max(label_w, fonts.body->CalcTextSizeA(body_px, 1e9f, 0, r.label.c_str()).x);
        const float count_w = fonts.body->CalcTextSizeA(body_px, 1e9f, 0, "00000").x;
        const float mu_w = fonts.body->CalcTextSizeA(body_px, 1e9f, 0, "000000").x;
        const float box_w = pad + sw + pad + label_w + pad + count_w + pad + mu_w + pad;
        const float box_h = pad + body_px * 1.3f + (unit.empty() ? 0 : body_px) +
                            row_h * float(rows.size() + 2 + opt.outline_rows.size()) + pad;
        const float x0 = W - box_w - pad, y0 = title_bottom + pad + (opt.north_arrow ? 64 * s : 0);
        legend_left = x0;
        blocked.push_back(ImVec4(x0, y0, x0 + box_w, y0 + box_h));
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + box_w, y0 + box_h), kPaper, 5 * s);
        dl->AddRect(ImVec2(x0, y0), ImVec2(x0 + box_w, y0 + box_h), kFrame, 5 * s, 0, 1.0f * s);
        float y = y0 + pad;
        dl->AddText(fonts.body, body_px * 1.05f, ImVec2(x0 + pad, y), kInk, head.c_str());
        y += body_px * 1.3f;
        if (!unit.empty()) {
            dl->AddText(fonts.body, body_px * 0.85f, ImVec2(x0 + pad, y), IM_COL32(90, 90, 100, 255),
                        unit.c_str());
            y += body_px;
        }
        const float cx_count = x0 + pad + sw + pad + label_w + pad + count_w;
        const float cx_mu = cx_count + pad + mu_w;
        auto right = [&](float xr, float yy, const std::string& t, ImU32 c) {
            const float w = fonts.body->CalcTextSizeA(body_px, 1e9f, 0, t.c_str()).x;
            dl->AddText(fonts.body, body_px, ImVec2(xr - w, yy), c, t.c_str());
        };
        right(cx_count, y, tr("legend.count", lang), IM_COL32(90, 90, 100, 255));
        right(cx_mu, y, tr("unit.mu", lang), IM_COL32(90, 90, 100, 255));
        y += row_h;
        for (const auto& r : rows) {
            dl->AddRectFilled(ImVec2(x0 + pad, y + 1), ImVec2(x0 + pad + sw, y + body_px), col(r.color),
                              2 * s);
            dl->AddRect(ImVec2(x0 + pad, y + 1), ImVec2(x0 + pad + sw, y + body_px),
                        IM_COL32(60, 60, 60, 200), 2 * s);
            dl->AddText(fonts.body, body_px, ImVec2(x0 + pad + sw + pad, y), kInk, r.label.c_str());
            right(cx_count, y, std::to_string(r.count), kInk);
            right(cx_mu, y, fmt(r.area_mu, 0), kInk);
            y += row_h;
        }
        dl->AddLine(ImVec2(x0 + pad, y - 2 * s), ImVec2(x0 + box_w - pad, y - 2 * s), kFrame, 1.0f * s);
        dl->AddText(fonts.body, body_px, ImVec2(x0 + pad + sw + pad, y), kInk, tr("legend.total", lang));
        right(cx_count, y, std::to_string(cls.shown_count), kInk);
        right(cx_mu, y, fmt(cls.shown_area_mu, 0), kInk);
        for (const auto& r : opt.outline_rows) {
            y += row_h;
            dl->AddRect(ImVec2(x0 + pad, y + 1), ImVec2(x0 + pad + sw, y + body_px), col(r.color), 2 * s, 0,
                        2.5f * s);
            dl->AddText(fonts.body, body_px, ImVec2(x0 + pad + sw + pad, y), kInk, r.label.c_str());
            right(cx_count, y, std::to_string(r.count), kInk);
            right(cx_mu, y, fmt(r.area_mu, 0), kInk);
        }
    }
    (void)legend_left;

    // North arrow, top right.
    if (opt.north_arrow) {
        const float cx = W - opt.right_reserved_px - pad - 24 * s, cy = title_bottom + pad + 30 * s,
                    r = 20 * s;
        dl->AddCircleFilled(ImVec2(cx, cy), r + 6 * s, kPaper);
        blocked.push_back(ImVec4(cx - r - 6 * s, cy - r - 6 * s, cx + r + 6 * s, cy + r + 6 * s + body_px));
        dl->AddTriangleFilled(ImVec2(cx, cy - r), ImVec2(cx - r * 0.5f, cy + r * 0.7f),
                              ImVec2(cx, cy + r * 0.35f), kInk);
        dl->AddTriangleFilled(ImVec2(cx, cy - r), ImVec2(cx, cy + r * 0.35f),
                              ImVec2(cx + r * 0.5f, cy + r * 0.7f), IM_COL32(150, 150, 160, 255));
        const char* n = tr("map.north", lang);
        const ImVec2 ns = fonts.label->CalcTextSizeA(label_px, 1e9f, 0, n);
        text_halo(dl, fonts, ImVec2(cx - ns.x / 2, cy + r * 0.75f), kInk, IM_COL32(255, 255, 255, 255), n);
    }
    // Zone labels, drawn last (in the background draw list, so under every panel): placed by priority,
    // largest zones first, trying positions around each zone before dropping one, and each part of a
    // multi-part zone where there is room (render/labels.hpp); never over the furniture or another label.
    if (opt.zone_labels) {
        LabelLayout lay;
        lay.top = top;
        lay.bottom = bottom;
        lay.left = opt.left_reserved_px;
        lay.right = W - opt.right_reserved_px;
        for (const auto& b : blocked) lay.blocked.push_back({b.x, b.y, b.z, b.w});
        lay.gap_px = 4 * s;
        lay.min_part_px = 60 * s;
        const auto measure = [&](const std::string& t) {
            const ImVec2 sz = fonts.label->CalcTextSizeA(label_px, 1e9f, 0, t.c_str());
            return std::pair<float, float>(sz.x, sz.y);
        };
        for (const auto& l : place_zone_labels(data, cam, lang, measure, lay)) {
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
}

}  // namespace pa::render
