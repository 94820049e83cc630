#include "render/labels.hpp"

#include <cmath>

namespace pa::render {

std::vector<PlacedLabel> place_zone_labels(const MapData& d, const Camera& cam, Lang lang, const MeasureText& measure,
                                           const LabelLayout& lay) {
    std::vector<PlacedLabel> out;
    std::vector<ScreenRect> taken;
    std::vector<bool> zone_labelled(d.zones.size(), false);
    const auto& anchors = d.zone_drawing.anchors;
    auto fits = [&](const ScreenRect& r) {
        if (r.x0 < lay.left || r.x1 > lay.right || r.y0 < lay.top || r.y1 > lay.bottom) return false;
        for (const auto& b : lay.blocked)
            if (r.overlaps(b)) return false;
        for (const auto& t : taken)
            if (r.overlaps(t, lay.gap_px)) return false;
        return true;
    };
    for (const LabelAnchor& a : anchors) {
        if (a.zone < 0 || static_cast<size_t>(a.zone) >= d.zones.size()) continue;
        const auto& z = d.zones[static_cast<size_t>(a.zone)];
        const std::string& name = lang == Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
        if (name.empty()) continue;
        // The part on screen.
        const float bx0 = float(cam.screen_x(a.box.min_x)), bx1 = float(cam.screen_x(a.box.max_x));
        const float by0 = float(cam.screen_y(a.box.max_y)), by1 = float(cam.screen_y(a.box.min_y));
        if (bx1 < lay.left || bx0 > lay.right || by1 < lay.top || by0 > lay.bottom) continue;  // off screen
        // A second part only where it is big enough on screen that its own name helps.
        if (zone_labelled[static_cast<size_t>(a.zone)] && std::max(bx1 - bx0, by1 - by0) < lay.min_part_px) continue;
        const auto [w, h] = measure(name);
        const float ax = float(cam.screen_x(a.x)), ay = float(cam.screen_y(a.y));
        const float g = h * 0.35f;
        // Candidate centres: the point inside the part, then around it, then around the part's box.
        const float cands[][2] = {
            {ax, ay},
            {ax, ay - h - g},
            {ax, ay + h + g},
            {ax + w / 2 + g, ay},
            {ax - w / 2 - g, ay},
            {(bx0 + bx1) / 2, by0 - h / 2 - g},
            {(bx0 + bx1) / 2, by1 + h / 2 + g},
            {bx1 + w / 2 + g, (by0 + by1) / 2},
            {bx0 - w / 2 - g, (by0 + by1) / 2},
        };
        bool done = false;
        for (size_t k = 0; k < std::size(cands) && !done; ++k) {
            const ScreenRect r{cands[k][0] - w / 2, cands[k][1] - h / 2, cands[k][0] + w / 2, cands[k][1] + h / 2};
            if (!fits(r)) continue;
            taken.push_back(r);
            out.push_back({a.zone, name, r, k == 0});
            zone_labelled[static_cast<size_t>(a.zone)] = true;
            done = true;
        }
    }
    return out;
}

}  // namespace pa::render
