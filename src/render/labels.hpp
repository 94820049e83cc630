#pragma once
// Zone-label placement for the map (viewer and `parkatlas render`), kept free of ImGui and OpenGL so it can
// be tested: largest zones first; for each, the point inside its largest part, then positions above, below,
// right and left of that point and of the part's box, then 8 directions at up to 2 label heights from the
// point and from the box (with a thin leader line back to the point), before the label is dropped; only then
// the other parts of multi-part zones, each where it is large on screen and there is room near it (part
// labels are optional). Labels never overlap each other or the blocked rectangles (legend, title, scale
// bar…), and a leader line never crosses a blocked rectangle or another label.
#include <functional>
#include <string>
#include <vector>

#include "render/camera.hpp"
#include "render/i18n.hpp"
#include "render/map_data.hpp"

namespace pa::render {

struct ScreenRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // pixels, y down
    bool overlaps(const ScreenRect& o, float gap = 0) const {
        return !(x1 + gap <= o.x0 || x0 >= o.x1 + gap || y1 + gap <= o.y0 || y0 >= o.y1 + gap);
    }
};

/// True when the segment (x0, y0)-(x1, y1) passes through the rectangle grown by `gap` on every side.
bool segment_crosses(const ScreenRect& r, float x0, float y0, float x1, float y1, float gap = 0);

struct PlacedLabel {
    int zone = 0;
    std::string text;
    ScreenRect rect;        // where the text goes (its top left is the draw position)
    bool at_anchor = true;  // false when moved off the point inside the part
    /// Displaced farther than next to the point: draw a thin line from (leader_x0, leader_y0) on the label's
    /// edge to the point inside the part (leader_x1, leader_y1).
    bool leader = false;
    float leader_x0 = 0, leader_y0 = 0, leader_x1 = 0, leader_y1 = 0;
};

struct LabelLayout {
    float top = 0, bottom = 0, left = 0, right = 0;  // the usable part of the viewport, pixels
    std::vector<ScreenRect> blocked;                 // furniture the labels must keep off
    float gap_px = 4;                                // between two labels
    /// A part other than the zone's largest is labelled only when its box on screen is at least this wide or
    /// high (half of it for a part with a name of its own, Zone::part_names).
    float min_part_px = 60;
};

/// Text size in pixels (width, height) of a string in the label font.
using MeasureText = std::function<std::pair<float, float>(const std::string&)>;

/// The label of a zone's part: its part name where the data gives one (片区: 马场, 湖潮), with the zone's
/// name in front on the label that names the zone (its largest part, or the first part placed): "贵安新区 ·
/// 马场"; the zone's name alone for a part without a name.
std::string zone_part_label(const std::string& zone_name, const std::string& part_name, bool zone_label);

std::vector<PlacedLabel> place_zone_labels(const MapData& data, const Camera& cam, Lang lang,
                                           const MeasureText& measure, const LabelLayout& layout);

/// A reference layer's label placed on the map: the feature's name at the middle of its longest line, on
/// top of the zone labels' rules (never over the furniture, a zone label or another label).
struct ReferenceLabel {
    std::string text;
    ScreenRect rect;
};
/// Where a reference layer's features can be named, computed once when the layer is loaded (not per frame):
/// each named feature's longest line, its length and the midpoint of its middle segment in the map's plane,
/// longest first. Empty for a layer without a label field.
struct ReferenceAnchors {
    struct Anchor {
        std::string text;
        double x = 0, y = 0, length_m = 0;
    };
    double max_m_per_px = 0;  // the layer's scale range (0: always)
    std::vector<Anchor> anchors;
};
ReferenceAnchors reference_anchors(const ReferenceLayer& layer, const LocalProjection& proj);

/// Labels of the reference layers in view, each name once, longest features first, at most `max_labels`;
/// skipped where a layer's scale range hides it. `taken` holds the rectangles already used (zone labels) and
/// the furniture. Per frame: no geometry work beyond one screen position per anchor.
std::vector<ReferenceLabel> place_reference_labels(
    const std::vector<const ReferenceAnchors*>& layers, const Camera& cam,
    const std::function<std::pair<float, float>(const std::string&)>& measure, std::vector<ScreenRect> taken,
    float gap_px, int max_labels = 14);

}  // namespace pa::render
