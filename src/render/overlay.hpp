#pragma once
// The map furniture drawn with ImGui draw lists over the GL map, shared by the viewer and `parkatlas render`:
// zone labels with a halo, the legend (class ranges, counts, 亩 from the same classification as the colours),
// a scale bar right for the latitude shown, a north arrow, a title, the footer note and the data-source line.
#include <string>
#include <vector>

#include <functional>

#include "core/analysis/classify.hpp"
#include "render/camera.hpp"
#include "render/fonts.hpp"
#include "render/i18n.hpp"
#include "render/labels.hpp"
#include "render/map_data.hpp"
#include "render/palette.hpp"

struct ImDrawList;

namespace pa::render {

/// The one type scale of the map: pixel sizes at scale 1 (a 720-pixel-high picture, font scale 1), as ImGui
/// sizes fonts (the line height: Noto Sans CJK's ascent + descent, 1.448 em, so an ideograph is size / 1.448
/// wide and high). The legend, the footer and the scale bar use the body size, zone labels and the north
/// arrow's letter the label size (× 1.15), the title strip the title size (× 1.6); every gap, swatch, bar and
/// arrow is a multiple of the same scale, so a larger font scale grows the whole furniture together. `render`
/// builds its fonts at these sizes × the picture's scale × --font-scale.
inline constexpr float kBodyPx = 19.0f, kLabelPx = kBodyPx * 1.15f, kTitlePx = kBodyPx * 1.6f;
/// Noto Sans CJK's line height in ems (what ImGui's font size measures).
inline constexpr float kCjkLineEm = 1.448f;
/// A font size rounded up to a whole number of pixels per em: FreeType hints the glyphs at whole pixels per
/// em, rounding down, so a size between two would draw the characters smaller than the type scale asks.
inline float whole_em_px(float px) {
    return (static_cast<float>(static_cast<int>(px / kCjkLineEm - 0.01f)) + 1.0f) * kCjkLineEm + 0.4f;
}
/// render --font-scale for a projector or a meeting room ("presentation default"): at it the legend's
/// characters (an ideograph's em) are at least 2.5 % of the picture's height.
inline constexpr float kPresentationFontScale = 1.4f;

/// The sizes of the furniture for a scale (OverlayOptions::scale) and the fonts' pixel sizes; what the
/// overlay draws and what camera_for keeps the map's subject clear of.
struct FurnitureMetrics {
    float scale = 1, body_px = kBodyPx, label_px = kLabelPx, title_px = kTitlePx, pad = 10;
    float title_band_h() const { return title_px + pad * 1.6f; }
    float footer_h() const { return body_px + pad; }
    /// From the footer's top to the scale bar box's top (the box and the gap under it).
    float scale_bar_band_h() const { return pad * 3.0f + 6.0f * scale + body_px; }
    float scale_bar_len_ref_px() const { return 160.0f * scale; }
    /// The north arrow's disc radius and the box it takes (disc and its letter below).
    float north_r() const { return 20.0f * scale; }
    float north_box_w() const { return 2.0f * (north_r() + 6.0f * scale); }
    float north_box_h() const { return 2.0f * (north_r() + 6.0f * scale) + label_px * 0.6f; }
};
FurnitureMetrics furniture_metrics(float scale, float body_px, float label_px, float title_px);

/// Width in pixels of a text drawn `px` high.
using MeasureWidth = std::function<float(const std::string&, float px)>;
/// A font-free width estimate for a font of size `px` (ideographs and symbols 1 em, Latin letters and digits
/// 0.55 em, spaces 0.25 em, with 1 em = px / kCjkLineEm): what camera_for uses before the fonts exist. A
/// little more than Noto Sans CJK draws.
float estimate_text_width(const std::string& utf8, float px);

struct OverlayOptions {
    bool zone_labels = true;
    bool legend = true;
    bool scale_bar = true;
    bool north_arrow = true;
    bool title_block = true;                                  // title + footer note + data source
    std::string title;                                        // "" = "<zone> · <theme>"
    std::string subtitle;                                     // right of the title, in the strip
    std::string note;                                         // footer note ("" = 示意图 · 内部资料)
    std::string zone_code;                                    // the zone shown (title), "" for all
    float scale = 1.0f;                                       // multiplies sizes (export at 2x)
    float bottom_reserved_px = 0.0f;                          // a status bar to keep clear (viewer)
    float top_reserved_px = 0.0f;                             // a menu bar to keep clear (viewer)
    float left_reserved_px = 0.0f, right_reserved_px = 0.0f;  // panel columns to keep clear (viewer)
    /// Outline layers drawn over the theme (e.g. the plots a planning scenario assigns): one legend row each,
    /// below the total, with an outlined swatch.
    struct OutlineRow {
        std::string label;
        Rgba color;
        int count = 0;
        double area_mu = 0.0;
    };
    std::vector<OutlineRow> outline_rows;
    /// The map shows the project markers (MapRenderer's points): the legend gets a row for them.
    bool project_markers = false;
    /// Reference layers whose features are named on the map (their style's label field), after the zone
    /// labels.
    std::vector<const ReferenceAnchors*> reference_labels;
};

/// The legend's cells as text, in drawing order: the head, the unit line, the column heads, one row per
/// class, the total, the outline layers and the project markers.
struct LegendCellRow {
    enum class Kind { ColumnHead, Fill, Total, Outline, Marker };
    Kind kind = Kind::Fill;
    std::string label, count, mu;
    Rgba color;
};
struct LegendContent {
    std::string head, unit;
    std::vector<LegendCellRow> rows;
};
LegendContent legend_content(const analysis::ThemeClassification& cls, const std::vector<Rgba>& colors,
                             Lang lang, const OverlayOptions& opt);

/// The legend box's size and columns, offsets from its top left. Each column is as wide as its widest cell
/// (so "10" and "12069032" never run together) and the columns keep a gap between them. When the rows do
/// not fit in `max_h`, the line spacing tightens and then the text shrinks (down to 60 %) until they do.
struct LegendBox {
    float w = 0, h = 0;
    float text_px = 0;  // font size of the class rows, column heads, total
    float em_px = 0;    // the width of one ideograph in it (measured): the characters' visible size
    float head_px = 0, unit_px = 0;
    float row_h = 0, head_h = 0, unit_h = 0;
    float swatch_w = 0, gap = 0;
    float label_x = 0;                    // left edge of the labels
    float count_right = 0, mu_right = 0;  // right edges of the count and 亩 columns
    float count_w = 0, mu_w = 0;          // the columns' widths (widest cell)
    bool fits = true;                     // false: even the smallest text did not fit in max_h
};
LegendBox layout_legend(const LegendContent& c, const MeasureWidth& measure, const FurnitureMetrics& m,
                        float max_h);

/// Where draw_overlay put things (pixels, y down; an empty box where something is not drawn): tests and
/// `render --legend-json` read it.
struct OverlayLayout {
    ScreenRect title, footer, scale_bar, north_arrow, legend;
    LegendBox legend_box;
    std::vector<PlacedLabel> labels;
    /// The drawn furniture boxes (title strip, footer, scale bar, north arrow, legend).
    std::vector<ScreenRect> furniture() const;
};

/// Legend rows as drawn (also what tests compare with): label, colour, count, 亩.
struct LegendRow {
    std::string label;
    Rgba color;
    int count = 0;
    double area_mu = 0.0;
};
std::vector<LegendRow> legend_rows(const analysis::ThemeClassification& cls, const std::vector<Rgba>& colors,
                                   Lang lang);

/// The part of a width x height picture left for the map's subject once the furniture is in place: left of
/// the legend column (the legend `legend_w` wide and the north arrow above or beside it), under the title
/// strip, above the scale bar and the footer. camera_for fits a zone into it.
ScreenRect free_map_area(int width, int height, const FurnitureMetrics& m, float legend_w, bool title_block,
                         bool legend);

/// Draws everything into `dl` for a viewport of cam.width x cam.height pixels; returns where it went.
OverlayLayout draw_overlay(ImDrawList* dl, const FontSet& fonts, const MapData& data, const Camera& cam,
                           const analysis::ThemeClassification& cls, const std::vector<Rgba>& colors,
                           Lang lang, const OverlayOptions& opt);

/// A "nice" scale-bar length (1, 2 or 5 × 10^n metres) not longer than max_m.
double nice_scale_length_m(double max_m);

}  // namespace pa::render
