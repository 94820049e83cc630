// The map furniture as a projector shows it: legend columns measured from their widest cell, a legend that
// fits, zone labels and their leader lines clear of the furniture, project markers off at city scale on every
// picture size, the output and tax themes classified on their own, a colour-blind-safe heat ramp, and a zone
// fit that shows every part of a multi-part zone clear of the legend, title, scale bar and footer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include "core/analysis/classify.hpp"
#include "render/egl_context.hpp"
#include "render/gl_objects.hpp"
#include "render/heatmap.hpp"
#include "render/labels.hpp"
#include "render/map_data.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen.hpp"
#include "render/overlay.hpp"
#include "render/palette.hpp"
#include "support/fixtures.hpp"

using namespace pa;
using namespace pa::render;

namespace {

std::unique_ptr<EglContext> try_context() {
    try {
        return std::make_unique<EglContext>();
    } catch (const std::exception&) {
        return nullptr;
    }
}

// Every byte 10 px wide at 20 px (scales with the size): enough for ASCII cells.
float fixed_width(const std::string& s, float px) {
    return 10.0f * float(s.size()) * px / 20.0f;
}

std::pair<float, float> fixed_measure(const std::string& s) {
    return {10.0f * float(s.size()), 16.0f};
}

bool intersects(const ScreenRect& a, const ScreenRect& b) {
    return a.x1 > b.x0 && a.x0 < b.x1 && a.y1 > b.y0 && a.y0 < b.y1;
}

LegendContent content_with_counts(const std::vector<std::pair<std::string, std::string>>& count_mu) {
    using K = LegendCellRow::Kind;
    LegendContent c;
    c.head = "HEAD";
    c.rows.push_back({K::ColumnHead, "", "N", "MU", {}});
    for (const auto& [n, mu] : count_mu) c.rows.push_back({K::Fill, "CLASS", n, mu, Rgba{}});
    c.rows.push_back({K::Total, "TOTAL", "99", "12069099", {}});
    return c;
}

}  // namespace

TEST(Legend, ColumnsAreAsWideAsTheirWidestCellAndKeepTheirGap) {
    // "10" parcels of 12069032 亩: with fixed five- and six-digit columns the two ran together as
    // "1012069032".
    const auto c = content_with_counts({{"10", "12069032"}, {"3", "7"}});
    const FurnitureMetrics m = furniture_metrics(1.0f, 20.0f, 23.0f, 32.0f);
    const LegendBox b = layout_legend(c, fixed_width, m, 1000.0f);
    EXPECT_FLOAT_EQ(b.mu_w, fixed_width("12069099", b.text_px)) << "the 亩 column is its widest cell wide";
    EXPECT_FLOAT_EQ(b.count_w, fixed_width("99", b.text_px));
    // Right-aligned cells: the widest 亩 cell starts a whole gap after the count column's right edge, and
    // the widest count cell a gap after the widest label.
    EXPECT_GE(b.mu_right - b.mu_w - b.count_right, m.pad - 1e-3f);
    EXPECT_GE(b.count_right - b.count_w - (b.label_x + fixed_width("CLASS", b.text_px)), m.pad - 1e-3f);
    EXPECT_LE(b.mu_right + m.pad, b.w + 1e-3f) << "the box holds its last column";
    // Smaller numbers give narrower columns (measured, not a fixed "000000").
    const LegendBox small = layout_legend(content_with_counts({{"1", "2"}}), fixed_width, m, 1000.0f);
    EXPECT_LE(small.count_w, b.count_w);
}

TEST(Legend, FitsByTighteningTheLinesThenShrinkingTheText) {
    using K = LegendCellRow::Kind;
    LegendContent c;
    c.head = "HEAD";
    c.unit = "UNIT";
    for (int i = 0; i < 14; ++i) c.rows.push_back({K::Fill, "ROW" + std::to_string(i), "1", "2", Rgba{}});
    const FurnitureMetrics m = furniture_metrics(1.0f, 20.0f, 23.0f, 32.0f);
    const LegendBox roomy = layout_legend(c, fixed_width, m, 2000.0f);
    EXPECT_TRUE(roomy.fits);
    EXPECT_FLOAT_EQ(roomy.text_px, 20.0f) << "room enough: the type scale's size";
    const float tight_h = roomy.h * 0.85f;  // tighter lines suffice
    const LegendBox tight = layout_legend(c, fixed_width, m, tight_h);
    EXPECT_TRUE(tight.fits);
    EXPECT_LE(tight.h, tight_h);
    EXPECT_FLOAT_EQ(tight.text_px, 20.0f) << "the text keeps its size while closer lines are enough";
    const LegendBox small = layout_legend(c, fixed_width, m, roomy.h * 0.6f);
    EXPECT_TRUE(small.fits);
    EXPECT_LE(small.h, roomy.h * 0.6f);
    EXPECT_LT(small.text_px, 20.0f);
    EXPECT_GE(small.text_px, 20.0f * 0.6f);
}

TEST(Labels, NoLabelOrLeaderLineCrossesTheFurniture) {
    // A small zone whose point has furniture just east of it (a thin legend edge) and under it: the first
    // free displaced position north-east of the point is clear of the furniture but its leader line would
    // cross the legend's edge, as 贵阳综合保税区's crossed the legend. It must go elsewhere.
    const auto z = test::zone("SMALL", pa::ZoneLevel::Provincial, test::square(106.60, 26.60, 0.0001));
    MapData d = build_map_data({z}, {}, {}, {});
    d.zones[0].name_zh = "ZONEZO";  // 60 x 16 px with fixed_measure
    Camera cam;
    cam.width = 800;
    cam.height = 600;
    cam.m_per_px = 1.0;
    cam.cx = d.zone_drawing.label_x[0];
    cam.cy = d.zone_drawing.label_y[0];
    const float ax = float(cam.screen_x(d.zone_drawing.label_x[0])),
                ay = float(cam.screen_y(d.zone_drawing.label_y[0]));
    LabelLayout lay;
    lay.right = 800;
    lay.bottom = 600;
    lay.blocked.push_back({ax + 2.5f, ay - 100, ax + 3.5f, ay - 3});  // the legend's left edge, north-east
    lay.blocked.push_back({ax - 50, ay + 5, ax + 100, ay + 100});     // the scale bar, south
    const auto placed = place_zone_labels(d, cam, Lang::Zh, fixed_measure, lay);
    ASSERT_EQ(placed.size(), 1u) << "the zone still gets its name";
    for (const auto& l : placed)
        for (const auto& b : lay.blocked) {
            EXPECT_FALSE(intersects(l.rect, b)) << "label over the furniture";
            if (l.leader) {
                EXPECT_FALSE(segment_crosses(b, l.leader_x0, l.leader_y0, l.leader_x1, l.leader_y1))
                    << "leader (" << l.leader_x0 << "," << l.leader_y0 << ")-(" << l.leader_x1 << ","
                    << l.leader_y1 << ") crosses the furniture";
            }
        }
    // A point under the furniture gets no displaced label (its leader would end under the legend).
    lay.blocked = {{ax - 40, ay - 12, ax + 40, ay + 12}};
    for (const auto& l : place_zone_labels(d, cam, Lang::Zh, fixed_measure, lay)) {
        EXPECT_FALSE(l.leader);
        EXPECT_FALSE(intersects(l.rect, lay.blocked[0]));
    }
}

TEST(Labels, SegmentCrossesARectangle) {
    const ScreenRect r{10, 10, 20, 20};
    EXPECT_TRUE(segment_crosses(r, 0, 15, 30, 15));
    EXPECT_TRUE(segment_crosses(r, 0, 0, 30, 30));
    EXPECT_TRUE(segment_crosses(r, 12, 12, 14, 14)) << "inside";
    EXPECT_FALSE(segment_crosses(r, 0, 0, 30, 0));
    EXPECT_FALSE(segment_crosses(r, 0, 30, 30, 60));
    EXPECT_FALSE(segment_crosses(r, 21, 0, 21, 30));
    EXPECT_TRUE(segment_crosses(r, 21, 0, 21, 30, 2.0f)) << "within the gap";
}

TEST(ProjectMarkers, OffAtCityScaleOnEveryPictureSize) {
    // The whole sample city (about 80 km) fitted on 1600x900, 3508x2480 (A4 at 300 dpi) and 3840x2160: the
    // same view, the same answer; the old test (m_per_px < 15 × ui_scale) drew them on the large ones.
    MapStyle st;
    for (auto [w, h] : {std::pair{1600, 900}, std::pair{3508, 2480}, std::pair{3840, 2160}}) {
        Camera cam;
        cam.width = w;
        cam.height = h;
        cam.m_per_px = 80000.0 / (h * 0.85);
        st.ui_scale = std::max(0.75f, float(h) / 720.0f);
        EXPECT_FALSE(project_markers_at_scale(cam, st)) << w << "x" << h;
        // A zone of about 6 km on the same picture: markers on.
        cam.m_per_px = 6000.0 / (h * 0.85);
        EXPECT_TRUE(project_markers_at_scale(cam, st)) << w << "x" << h;
    }
}

TEST(ProjectMarkers, CityViewKeepsTheParcelColourUnderAProject) {
    auto ctx = try_context();
    if (!ctx) GTEST_SKIP() << "no offscreen OpenGL context (EGL) on this machine";
    // One 1 km parcel with a large project at its centre.
    auto p = test::parcel(1, "P1", test::square(106.60, 26.60, 0.01));
    Project pr = test::project(1, "X1", "P1");
    pr.fixed_invest_wan = 200000.0;
    pr.lon = 106.605;
    pr.lat = 26.605;
    MapData d = build_map_data(
        {test::zone("Z", pa::ZoneLevel::Provincial, test::square(106.59, 26.59, 0.03))}, {p}, {pr}, {});
    ASSERT_EQ(d.project_points.size(), 3u);
    MapRenderer r;
    r.upload(d);
    r.set_parcel_colors({Rgba{200, 30, 40, 255}.packed()});
    r.set_zone_colors({Rgba{228, 233, 238, 255}.packed()});
    auto centre = [&](const Camera& cam, const MapStyle& st) {
        RenderTarget target(cam.width, cam.height, 1);
        target.bind_for_drawing();
        r.draw(cam, st);
        const auto rgba = target.read_rgba();
        const PlanePoint q = d.proj.xy(106.605, 26.605);
        const int sx = int(cam.screen_x(q.x)), sy = int(cam.screen_y(q.y));
        const unsigned char* px = &rgba[(size_t(sy) * size_t(cam.width) + size_t(sx)) * 4];
        return Rgba{px[0], px[1], px[2], 255};
    };
    Camera city;
    city.width = 1024;  // a corner of a 3508x2480 picture of the whole city
    city.height = 768;
    city.m_per_px = 38.0;
    city.cx = d.proj.xy(106.605, 26.605).x;
    city.cy = d.proj.xy(106.605, 26.605).y;
    MapStyle st;
    st.ui_scale = 2480.0f / 720.0f;
    EXPECT_EQ(centre(city, st), (Rgba{200, 30, 40, 255})) << "a marker hides the parcel at city scale";
    // Zoomed in to a zone: the marker is drawn (a pale disc); with the layer off it is not.
    Camera zone = city;
    zone.m_per_px = 2.0;
    const Rgba on = centre(zone, st);
    EXPECT_GT(int(on.g), 150) << "no marker when zoomed in";
    st.show_projects = false;
    EXPECT_EQ(centre(zone, st), (Rgba{200, 30, 40, 255})) << "the layer toggle no longer hides them";
}

TEST(Classification, OutputAndTaxUseTheirOwnDefaultNotTheInvestmentThresholds) {
    using analysis::Method;
    using analysis::Theme;
    EXPECT_EQ(analysis::default_method(Theme::InvestIntensity), Method::ZoneThreshold);
    EXPECT_EQ(analysis::default_method(Theme::OutputIntensity), Method::Jenks);
    EXPECT_EQ(analysis::default_method(Theme::TaxPerMu), Method::Jenks);
    EXPECT_EQ(analysis::method_for_theme("auto", Theme::TaxPerMu), Method::Jenks);
    EXPECT_EQ(analysis::method_for_theme("", Theme::InvestIntensity), Method::ZoneThreshold);
    EXPECT_EQ(analysis::method_for_theme("threshold", Theme::TaxPerMu), Method::ZoneThreshold)
        << "an explicit method stays the user's";
    EXPECT_FALSE(analysis::method_for_theme("nonsense", Theme::TaxPerMu));
    // Tax per 亩 is tens of 万元, half of it zero: the investment thresholds put it all in "< 300".
    std::vector<Parcel> ps;
    for (int i = 0; i < 40; ++i) {
        Parcel p;
        p.area_mu = 10;
        p.stats.tax_wan_per_mu = i < 20 ? 0.0 : double(i) * 2.5;
        ps.push_back(p);
    }
    analysis::ClassifyOptions o;
    const auto old = analysis::classify(ps, Theme::TaxPerMu, o);
    EXPECT_EQ(old.classes[0].count, 40) << "the threshold classes (the old default): one colour";
    o.method = analysis::default_method(Theme::TaxPerMu);
    const auto cls = analysis::classify(ps, Theme::TaxPerMu, o);
    int non_empty = 0;
    for (const auto& c : cls.classes) non_empty += c.count > 0 && !c.no_data;
    EXPECT_GE(non_empty, 4);
    EXPECT_EQ(cls.method, Method::Jenks);
}

TEST(HeatRamp, LightnessRisesMonotonicallyAndTheShaderHasTheSameStops) {
    // Colour-blind safe the way viridis and inferno are: lightness rises steadily from one end to the other
    // (the deficiencies confuse hues, not lightness), so the ramp also reads in grey. The old ramp went
    // blue-cyan-green-yellow-red: red (the maximum) was darker than yellow.
    auto lum = [](RampColor c) {
        auto lin = [](float v) { return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f); };
        return 0.2126f * lin(c.r) + 0.7152f * lin(c.g) + 0.0722f * lin(c.b);
    };
    float prev = -1;
    for (int i = 0; i <= 50; ++i) {
        const float l = lum(heat_ramp_color(i / 50.0));
        EXPECT_GT(l, prev) << "at t = " << i / 50.0;
        prev = l;
    }
    EXPECT_GT(lum(heat_ramp_color(1.0)), 10 * lum(heat_ramp_color(0.0))) << "contrast end to end";
    // The shader's stops are the function's.
    std::ifstream f(std::string(PA_SOURCE_DIR) + "/shaders/heatmap_ramp.frag");
    ASSERT_TRUE(f) << "shaders/heatmap_ramp.frag";
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string src = ss.str();
    const std::regex stop(R"(vec3\(([0-9.]+),\s*([0-9.]+),\s*([0-9.]+)\))");
    std::vector<RampColor> stops;
    for (auto it = std::sregex_iterator(src.begin(), src.end(), stop); it != std::sregex_iterator(); ++it)
        stops.push_back({std::stof((*it)[1]), std::stof((*it)[2]), std::stof((*it)[3])});
    ASSERT_GE(stops.size(), 2u);
    for (size_t i = 0; i < stops.size(); ++i) {
        const RampColor c = heat_ramp_color(double(i) / double(stops.size() - 1));
        EXPECT_NEAR(c.r, stops[i].r, 1e-3) << "stop " << i;
        EXPECT_NEAR(c.g, stops[i].g, 1e-3) << "stop " << i;
        EXPECT_NEAR(c.b, stops[i].b, 1e-3) << "stop " << i;
    }
}

TEST(ZoneFit, EveryPartOfAMultiPartZoneShowsClearOfTheFurniture) {
    auto ctx = try_context();
    if (!ctx) GTEST_SKIP() << "no offscreen OpenGL context (EGL) on this machine";
    // A zone in three parts like 贵安新区: parcels only in the middle and east parts, so the parcels' box
    // leaves the western part out (the old fit cut it off).
    MultiPolygon g = {{test::square_ring(106.30, 26.40, 0.06)},
                      {test::square_ring(106.50, 26.50, 0.05)},
                      {test::square_ring(106.70, 26.38, 0.05)}};
    Zone z = test::zone("MP", pa::ZoneLevel::National, g);
    z.name_zh = "多片区";
    std::vector<Parcel> ps;
    for (int i = 0; i < 6; ++i) {
        auto p = test::parcel(
            i + 1, "P" + std::to_string(i),
            test::square(i < 3 ? 106.51 + i * 0.01 : 106.71 + (i - 3) * 0.01, i < 3 ? 26.51 : 26.39, 0.008));
        p.zone_code = "MP";
        p.stats.invest_wan_per_mu = 100.0 * i;
        ps.push_back(p);
    }
    const MapData d = build_map_data({z}, ps, {}, {});
    for (auto [w, h, fs] : {std::tuple{1600, 900, 1.0f}, std::tuple{1600, 900, kPresentationFontScale},
                            std::tuple{960, 540, kPresentationFontScale}}) {
        RenderRequest req;
        req.zone_code = "MP";
        req.width = w;
        req.height = h;
        req.font_scale = fs;
        req.samples = 1;
        const RenderResult res = render_in_current_context(d, req);
        const auto furniture = res.overlay.furniture();
        ASSERT_GE(furniture.size(), 4u);
        int parts = 0;
        for (const auto& a : d.zone_drawing.anchors) {
            ++parts;
            const Camera& c = res.camera;
            const ScreenRect box{float(c.screen_x(a.box.min_x)), float(c.screen_y(a.box.max_y)),
                                 float(c.screen_x(a.box.max_x)), float(c.screen_y(a.box.min_y))};
            EXPECT_GE(box.x0, 0.0f) << "part " << parts << " cut off at " << w << "x" << h;
            EXPECT_LE(box.x1, float(w));
            EXPECT_GE(box.y0, 0.0f);
            EXPECT_LE(box.y1, float(h));
            for (const auto& f : furniture)
                EXPECT_FALSE(intersects(box, f)) << "part " << parts << " under the furniture at " << w << "x"
                                                 << h << " font scale " << fs;
        }
        EXPECT_EQ(parts, 3);
        // Every part is labelled (with the zone's name: the model carries no part names), and no label or
        // leader line crosses the furniture.
        int labels = 0;
        for (const auto& l : res.overlay.labels) {
            labels += l.zone == 0;
            for (const auto& f : furniture) {
                EXPECT_FALSE(intersects(l.rect, f)) << l.text;
                if (l.leader) {
                    EXPECT_FALSE(segment_crosses(f, l.leader_x0, l.leader_y0, l.leader_x1, l.leader_y1));
                }
            }
        }
        EXPECT_EQ(labels, 3) << w << "x" << h;
        // The type scale: at the presentation default the legend's characters are 2.5 % of the height.
        const LegendBox& lb = res.overlay.legend_box;
        EXPECT_TRUE(lb.fits);
        if (fs >= kPresentationFontScale) {
            EXPECT_GE(lb.em_px, 0.025f * float(h)) << w << "x" << h;
        }
        // The legend lies inside the picture.
        EXPECT_GE(res.overlay.legend.x0, 0.0f);
        EXPECT_LE(res.overlay.legend.x1, float(w));
        EXPECT_LE(res.overlay.legend.y1, res.overlay.footer.y0);
    }
}
