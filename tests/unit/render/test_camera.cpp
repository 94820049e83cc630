// Camera and local projection: zoom at the cursor keeps the point under it, fitting, the scale bar's length
// and its latitude correction.
#include <gtest/gtest.h>

#include "render/camera.hpp"
#include "render/overlay.hpp"

using namespace pa::render;

TEST(Camera, ZoomAtCursorKeepsTheWorldPointUnderIt) {
    Camera c;
    c.width = 1000;
    c.height = 600;
    c.cx = 1234.5;
    c.cy = -987.0;
    c.m_per_px = 3.0;
    const double wx = c.world_x(800), wy = c.world_y(100);
    c.zoom_at(800, 100, 2.0);
    EXPECT_DOUBLE_EQ(c.m_per_px, 1.5);
    EXPECT_NEAR(c.world_x(800), wx, 1e-9);
    EXPECT_NEAR(c.world_y(100), wy, 1e-9);
    c.pan_pixels(10, -20);
    EXPECT_NEAR(c.world_x(810), wx, 1e-9);
    EXPECT_NEAR(c.world_y(80), wy, 1e-9);
}

TEST(Camera, FitShowsTheWholeBox) {
    Camera c;
    c.width = 800;
    c.height = 400;
    c.fit(-1000, -100, 3000, 900, 0.0);
    EXPECT_DOUBLE_EQ(c.m_per_px, 5.0);  // 4000 m over 800 px; the 1000 m height needs only 2.5
    EXPECT_NEAR(c.screen_x(-1000), 0, 1e-9);
    EXPECT_NEAR(c.screen_x(3000), 800, 1e-9);
    EXPECT_NEAR(c.screen_y(400), 200, 1e-9);
}

TEST(Camera, LocalProjectionRoundTripsAndScaleBarUsesTheLatitude) {
    LocalProjection pr{106.6, 26.6};
    EXPECT_NEAR(pr.lon(pr.x(106.72)), 106.72, 1e-12);
    EXPECT_NEAR(pr.lat(pr.y(26.41)), 26.41, 1e-12);
    // 0.01° of longitude at 26.6°N is about 995.6 m on the CGCS2000 sphere radius used here.
    EXPECT_NEAR(pr.x(106.61), 6378137.0 * 0.01 * kDegToRad * std::cos(26.6 * kDegToRad), 1e-6);
    Camera c;
    c.m_per_px = 10;
    EXPECT_DOUBLE_EQ(c.ground_m_per_px(pr, 26.6), 10.0);
    EXPECT_LT(c.ground_m_per_px(pr, 27.0), 10.0);  // further north a degree of longitude is shorter
    EXPECT_DOUBLE_EQ(nice_scale_length_m(1700), 1000);
    EXPECT_DOUBLE_EQ(nice_scale_length_m(2400), 2000);
    EXPECT_DOUBLE_EQ(nice_scale_length_m(7400), 5000);
    EXPECT_DOUBLE_EQ(nice_scale_length_m(0.9), 0.5);
}
