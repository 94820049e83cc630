#pragma once
// The map furniture drawn with ImGui draw lists over the GL map, shared by the viewer and `parkatlas render`:
// zone labels with a halo, the legend (class ranges, counts, 亩 from the same classification as the colours),
// a scale bar right for the latitude shown, a north arrow, a title, the footer note and the data-source line.
#include <string>
#include <vector>

#include "core/analysis/classify.hpp"
#include "render/camera.hpp"
#include "render/fonts.hpp"
#include "render/i18n.hpp"
#include "render/map_data.hpp"
#include "render/palette.hpp"

struct ImDrawList;

namespace pa::render {

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

/// Draws everything into `dl` for a viewport of cam.width x cam.height pixels.
void draw_overlay(ImDrawList* dl, const FontSet& fonts, const MapData& data, const Camera& cam,
                  const analysis::ThemeClassification& cls, const std::vector<Rgba>& colors, Lang lang,
                  const OverlayOptions& opt);

/// A "nice" scale-bar length (1, 2 or 5 × 10^n metres) not longer than max_m.
double nice_scale_length_m(double max_m);

}  // namespace pa::render
