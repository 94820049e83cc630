// place_reference_labels: a named road is labelled once at the middle of its longest line, never over a
// blocked rectangle, and not at all where its style's scale range hides the layer.
#include <gtest/gtest.h>

#include "render/labels.hpp"

using namespace pa;
using namespace pa::render;

namespace {

ReferenceLayer road_layer() {
    ReferenceLayer l;
    l.name = "roads";
    l.style.label_field = "NAME";
    ReferenceFeature a;  // a long road in two pieces of one name, and a short lane
    a.label = "黔中大道";
    a.lines = {{{106.60, 26.50}, {106.70, 26.50}}};
    ReferenceFeature b = a;
    b.lines = {{{106.70, 26.50}, {106.72, 26.50}}};
    ReferenceFeature c;
    c.label = "小巷";
    c.lines = {{{106.65, 26.52}, {106.6502, 26.52}}};
    l.features = {a, b, c};
    return l;
}

Camera view(const LocalProjection& proj, double m_per_px) {
    Camera cam;
    cam.width = 1000;
    cam.height = 600;
    cam.cx = proj.xy(106.66, 26.50).x;
    cam.cy = proj.xy(106.66, 26.50).y;
    cam.m_per_px = m_per_px;
    return cam;
}

const auto measure = [](const std::string& t) {
    return std::pair<float, float>(12.0f * static_cast<float>(t.size()) / 3, 14.0f);
};

}  // namespace

TEST(ReferenceLabels, OncePerNameAtTheLongestPieceAndNotForShortOnes) {
    const LocalProjection proj{106.66, 26.50};
    const auto layer = road_layer();
    const auto anchors = reference_anchors(layer, proj);
    const auto labels = place_reference_labels({&anchors}, view(proj, 12.0), measure, {}, 2.0f);
    ASSERT_EQ(labels.size(), 1u);  // the lane is a few metres long: too short on screen to name
    EXPECT_EQ(labels[0].text, "黔中大道");
    const float cx = (labels[0].rect.x0 + labels[0].rect.x1) / 2;
    EXPECT_NEAR(cx, 1000 / 2 - (106.66 - 106.65) * 111320 * 0.8949 / 12.0, 25.0);  // the long piece's middle
}

TEST(ReferenceLabels, KeepOffBlockedRectanglesAndOutOfScaleRange) {
    const LocalProjection proj{106.66, 26.50};
    auto layer = road_layer();
    const Camera cam = view(proj, 12.0);
    const ScreenRect all{0, 0, 1000, 600};
    const auto anchors = reference_anchors(layer, proj);
    EXPECT_TRUE(place_reference_labels({&anchors}, cam, measure, {all}, 2.0f).empty());
    layer.style.max_m_per_px = 5.0;  // shown only finer than 5 m/px
    const auto hidden = reference_anchors(layer, proj);
    EXPECT_TRUE(place_reference_labels({&hidden}, cam, measure, {}, 2.0f).empty());
}
