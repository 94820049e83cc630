#include "render/labels.hpp"

#include <algorithm>
#include <cmath>

namespace pa::render {

namespace {

// Candidate label centres for a label of w x h pixels about the point (ax, ay) inside a part whose screen box
// is (bx0, by0)-(bx1, by1). The first `kNear` are at or next to the point or the box (no leader line); the
// rest are displaced by one or two label heights in 8 directions and get a leader line to the point.
constexpr size_t kNear = 9;

std::vector<std::pair<float, float>> candidates(float ax, float ay, float bx0, float by0, float bx1,
                                                float by1, float w, float h, bool far) {
    const float g = h * 0.35f;
    std::vector<std::pair<float, float>> c = {
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
    if (!far) return c;
    // 8 directions (N, S, E, W, then the diagonals) at 0 to 3 label heights (in half heights) beyond touching
    // the point, then 1 and 2 heights around the part's box.
    const int dirs[8][2] = {{0, -1}, {0, 1}, {1, 0}, {-1, 0}, {1, -1}, {-1, -1}, {1, 1}, {-1, 1}};
    for (int half = 0; half <= 6; ++half)
        for (const auto& d : dirs) {
            const float dx = float(d[0]) * (w / 2 + g + float(half) * h / 2);
            const float dy = float(d[1]) * (h / 2 + g + float(half) * h / 2);
            c.emplace_back(ax + dx, ay + dy);
        }
    const float cx = (bx0 + bx1) / 2, cy = (by0 + by1) / 2, hw = (bx1 - bx0) / 2, hh = (by1 - by0) / 2;
    for (int step = 1; step <= 2; ++step)
        for (const auto& d : dirs) {
            const float dx = float(d[0]) * (hw + w / 2 + g + float(step) * h);
            const float dy = float(d[1]) * (hh + h / 2 + g + float(step) * h);
            c.emplace_back(cx + dx, cy + dy);
        }
    return c;
}

}  // namespace

bool segment_crosses(const ScreenRect& r, float x0, float y0, float x1, float y1, float gap) {
    // Liang-Barsky: clip the segment's parameter range [0, 1] against the four sides.
    const float rx0 = r.x0 - gap, ry0 = r.y0 - gap, rx1 = r.x1 + gap, ry1 = r.y1 + gap;
    const float dx = x1 - x0, dy = y1 - y0;
    float t0 = 0, t1 = 1;
    const float p[4] = {-dx, dx, -dy, dy};
    const float q[4] = {x0 - rx0, rx1 - x0, y0 - ry0, ry1 - y0};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;  // parallel to this side and outside it
            continue;
        }
        const float t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1) return false;
    }
    return true;
}

std::string zone_part_label(const std::string& zone_name, const std::string& part_name, bool zone_label) {
    if (part_name.empty() || part_name == zone_name) return zone_name;
    if (!zone_label) return part_name;
    return zone_name.empty() ? part_name : zone_name + " · " + part_name;
}

std::vector<PlacedLabel> place_zone_labels(const MapData& d, const Camera& cam, Lang lang,
                                           const MeasureText& measure, const LabelLayout& lay) {
    std::vector<PlacedLabel> out;
    std::vector<ScreenRect> taken;
    std::vector<bool> zone_labelled(d.zones.size(), false);
    const auto& anchors = d.zone_drawing.anchors;
    // The halo reaches a pixel or two beyond the text box: keep half a gap off the furniture too.
    const float furniture_gap = lay.gap_px * 0.5f;
    auto fits = [&](const ScreenRect& r) {
        if (r.x0 < lay.left || r.x1 > lay.right || r.y0 < lay.top || r.y1 > lay.bottom) return false;
        for (const auto& b : lay.blocked)
            if (r.overlaps(b, furniture_gap)) return false;
        for (const auto& t : taken)
            if (r.overlaps(t, lay.gap_px)) return false;
        for (const auto& l : out)  // nor over a leader line drawn already
            if (l.leader && segment_crosses(r, l.leader_x0, l.leader_y0, l.leader_x1, l.leader_y1))
                return false;
        return true;
    };
    // A leader line from the label's edge to the point inside the part: never over the furniture; over
    // another label only when no position with a clear line is left (`over_labels`).
    auto leader_clear = [&](float x0, float y0, float x1, float y1, bool over_labels) {
        for (const auto& b : lay.blocked)
            if (segment_crosses(b, x0, y0, x1, y1, furniture_gap)) return false;
        if (!over_labels)
            for (const auto& t : taken)
                if (segment_crosses(t, x0, y0, x1, y1)) return false;
        return true;
    };
    // Pass 0: each zone's largest part (every zone gets a name if any position near it is free, with a leader
    // line when it had to move away); pass 1: the other parts, only where they are large on screen and there
    // is room next to them (part labels are optional), or as the zone's only label when its largest part
    // found no room.
    for (int pass = 0; pass < 2; ++pass) {
        for (const LabelAnchor& a : anchors) {
            if (a.zone < 0 || static_cast<size_t>(a.zone) >= d.zones.size()) continue;
            if ((pass == 0) != a.largest) continue;
            const auto& z = d.zones[static_cast<size_t>(a.zone)];
            const std::string& zone_name = lang == Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
            const std::string name =
                zone_part_label(zone_name, z.part_name(static_cast<size_t>(a.part)),
                                a.largest || !zone_labelled[static_cast<size_t>(a.zone)]);
            if (name.empty()) continue;
            // The part on screen.
            const float bx0 = float(cam.screen_x(a.box.min_x)), bx1 = float(cam.screen_x(a.box.max_x));
            const float by0 = float(cam.screen_y(a.box.max_y)), by1 = float(cam.screen_y(a.box.min_y));
            if (bx1 < lay.left || bx0 > lay.right || by1 < lay.top || by0 > lay.bottom)
                continue;  // off screen
            const bool first = !zone_labelled[static_cast<size_t>(a.zone)];
            // A second part only where it is big enough on screen that its own name helps; one the data names
            // (片区) tells the audience more than the zone's name again, so half that size will do.
            const float min_px =
                z.part_name(static_cast<size_t>(a.part)).empty() ? lay.min_part_px : lay.min_part_px * 0.5f;
            if (!first && std::max(bx1 - bx0, by1 - by0) < min_px) continue;
            const auto [w, h] = measure(name);
            const float ax = float(cam.screen_x(a.x)), ay = float(cam.screen_y(a.y));
            // The anchor itself must be on the usable screen, and not under the furniture, for a displaced
            // label to point at it.
            bool anchor_visible = ax >= lay.left && ax <= lay.right && ay >= lay.top && ay <= lay.bottom;
            for (const auto& b : lay.blocked)
                if (ax >= b.x0 - furniture_gap && ax <= b.x1 + furniture_gap && ay >= b.y0 - furniture_gap &&
                    ay <= b.y1 + furniture_gap)
                    anchor_visible = false;
            const auto cands = candidates(ax, ay, bx0, by0, bx1, by1, w, h, anchor_visible);
            bool placed = false;
            // Tier 0: every position, leaders clear of other labels; tier 1: the displaced positions again,
            // a leader now allowed across another label (in a dense cluster that beats no name at all).
            for (int tier = 0; tier < 2 && !placed; ++tier) {
                for (size_t k = tier == 0 ? 0 : kNear; k < cands.size(); ++k) {
                    const auto [cx, cy] = cands[k];
                    const ScreenRect r{cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
                    if (!fits(r)) continue;
                    PlacedLabel p{a.zone, name, r, k == 0};
                    if (k >= kNear) {
                        p.leader = true;
                        p.leader_x0 = std::clamp(ax, r.x0, r.x1);  // the label's edge nearest the point
                        p.leader_y0 = std::clamp(ay, r.y0, r.y1);
                        p.leader_x1 = ax;
                        p.leader_y1 = ay;
                        if (!leader_clear(p.leader_x0, p.leader_y0, p.leader_x1, p.leader_y1, tier == 1))
                            continue;
                    }
                    taken.push_back(r);
                    out.push_back(std::move(p));
                    zone_labelled[static_cast<size_t>(a.zone)] = true;
                    placed = true;
                    break;
                }
            }
        }
    }
    return out;
}

ReferenceAnchors reference_anchors(const ReferenceLayer& layer, const LocalProjection& proj) {
    ReferenceAnchors out;
    out.max_m_per_px = layer.style.max_m_per_px;
    if (layer.style.label_field.empty()) return out;
    for (const auto& f : layer.features) {
        if (f.label.empty()) continue;
        ReferenceAnchors::Anchor best;
        for (const auto& line : f.lines) {
            if (line.size() < 2) continue;
            double len = 0;
            for (size_t i = 1; i < line.size(); ++i) {
                const PlanePoint a = proj.xy(line[i - 1]), b = proj.xy(line[i]);
                len += std::hypot(b.x - a.x, b.y - a.y);
            }
            if (len <= best.length_m) continue;
            const PlanePoint p = proj.xy(line[line.size() / 2 - 1]), q = proj.xy(line[line.size() / 2]);
            best = {f.label, (p.x + q.x) / 2, (p.y + q.y) / 2, len};
        }
        if (best.length_m > 0) out.anchors.push_back(std::move(best));
    }
    std::stable_sort(out.anchors.begin(), out.anchors.end(),
                     [](const auto& x, const auto& y) { return x.length_m > y.length_m; });
    return out;
}

std::vector<ReferenceLabel> place_reference_labels(
    const std::vector<const ReferenceAnchors*>& layers, const Camera& cam,
    const std::function<std::pair<float, float>(const std::string&)>& measure, std::vector<ScreenRect> taken,
    float gap_px, int max_labels) {
    struct Candidate {
        double length_px;
        float x, y;
        const std::string* text;
    };
    std::vector<Candidate> cand;
    for (const auto* layer : layers) {
        if (!layer || (layer->max_m_per_px > 0 && cam.m_per_px > layer->max_m_per_px)) continue;
        for (const auto& a : layer->anchors) {
            const double px = a.length_m / cam.m_per_px;
            if (px < 120) break;  // longest first: the rest are too short on screen to name
            const auto x = static_cast<float>(cam.screen_x(a.x)), y = static_cast<float>(cam.screen_y(a.y));
            if (x < 0 || y < 0 || x > static_cast<float>(cam.width) || y > static_cast<float>(cam.height))
                continue;  // its middle is off the view
            cand.push_back({px, x, y, &a.text});
        }
    }
    std::sort(cand.begin(), cand.end(),
              [](const Candidate& a, const Candidate& b) { return a.length_px > b.length_px; });
    std::vector<ReferenceLabel> out;
    std::vector<const std::string*> named;
    for (const auto& c : cand) {
        if (static_cast<int>(out.size()) >= max_labels) break;
        if (std::any_of(named.begin(), named.end(), [&](const std::string* n) { return *n == *c.text; }))
            continue;
        const auto [w, h] = measure(*c.text);
        ScreenRect r{c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2};
        if (r.x0 < 0 || r.y0 < 0 || r.x1 > static_cast<float>(cam.width) ||
            r.y1 > static_cast<float>(cam.height))
            continue;
        if (std::any_of(taken.begin(), taken.end(),
                        [&](const ScreenRect& t) { return r.overlaps(t, gap_px); }))
            continue;
        taken.push_back(r);
        named.push_back(c.text);
        out.push_back({*c.text, r});
    }
    return out;
}

}  // namespace pa::render
