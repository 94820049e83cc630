// GPU kernel density (render/heatmap): rendered offscreen through EGL (no display); the peak must sit at the
// dense spot, the density must integrate to the total weight (bandwidth in metres), and the colour ramp must
// paint it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

#include "core/common/error.hpp"
#include "render/egl_context.hpp"
#include "render/heatmap.hpp"

using namespace pa::render;

namespace {

struct Peak {
    double x_m, y_m, density;
};

Peak peak_of(const HeatmapRenderer& h, const Camera& cam) {
    auto d = h.read_density();
    auto it = std::max_element(d.begin(), d.end());
    const size_t i = size_t(it - d.begin());
    const int px = int(i % size_t(h.width())), py = int(i / size_t(h.width()));  // bottom row first
    return {cam.cx + (px + 0.5 - cam.width * 0.5) * cam.m_per_px,
            cam.cy + (py + 0.5 - cam.height * 0.5) * cam.m_per_px, double(*it)};
}

std::unique_ptr<EglContext> try_context() {
    try {
        return std::make_unique<EglContext>();
    } catch (const std::exception&) {
        return nullptr;
    }
}

}  // namespace

TEST(ClusterHeatmap, PeakAtTheDenseSpotAndMassConserved) {
    auto ctx = try_context();
    if (!ctx) GTEST_SKIP() << "no offscreen OpenGL context (EGL) on this machine";
    Camera cam;
    cam.width = 200;
    cam.height = 160;
    cam.m_per_px = 10.0;  // a 2 km x 1.6 km view centred on (0, 0)
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> near(-20.0f, 20.0f), far(-700.0f, 700.0f);
    std::vector<HeatPoint> pts;
    for (int i = 0; i < 50; ++i) pts.push_back({300.0f + near(rng), -200.0f + near(rng), 1.0f});
    for (int i = 0; i < 8; ++i) pts.push_back({far(rng), far(rng) * 0.5f, 1.0f});
    HeatmapRenderer heat;
    heat.set_points(pts);
    RenderTarget target(cam.width, cam.height, 1);
    target.bind_for_drawing();
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    heat.draw(cam, 50.0);
    auto p = peak_of(heat, cam);
    EXPECT_NEAR(p.x_m, 300.0, 30.0);
    EXPECT_NEAR(p.y_m, -200.0, 30.0);
    EXPECT_DOUBLE_EQ(heat.last_max_density(), p.density);
    // Every kernel lies inside the view: the density integrates to the total weight, less the 1.1 % cut at 3
    // sigma.
    auto d = heat.read_density();
    double mass = 0.0;
    for (float v : d) mass += double(v) * cam.m_per_px * cam.m_per_px;
    EXPECT_NEAR(mass, 58.0 * (1.0 - std::exp(-4.5)), 0.03 * 58.0);

    // The colour ramp painted the spot in the hot colour and left the far corner alone.
    auto rgba = target.read_rgba();  // top row first
    const int sx = int(cam.screen_x(p.x_m)), sy = int(cam.screen_y(p.y_m));
    const unsigned char* hot = &rgba[(size_t(sy) * size_t(cam.width) + size_t(sx)) * 4];
    EXPECT_GT(hot[0], 180);
    EXPECT_LT(hot[2], 120);
    const unsigned char* corner = &rgba[0];
    EXPECT_EQ(corner[0], 255);
    EXPECT_EQ(corner[1], 255);
    EXPECT_EQ(corner[2], 255);

    // A wider bandwidth spreads the same mass: the peak drops (about 4x for a spot much smaller than the
    // kernel).
    heat.draw(cam, 100.0, 0.0, 0.75f, false);
    auto wide = peak_of(heat, cam);
    EXPECT_LT(wide.density, p.density / 2.5);
    EXPECT_NEAR(wide.x_m, 300.0, 40.0);

    // Weights count: one heavy point elsewhere takes the peak.
    pts.push_back({-500.0f, 300.0f, 200.0f});
    heat.set_points(pts);
    heat.draw(cam, 50.0, 0.0, 0.75f, false);
    auto heavy = peak_of(heat, cam);
    EXPECT_NEAR(heavy.x_m, -500.0, 10.0);
    EXPECT_NEAR(heavy.y_m, 300.0, 10.0);
    EXPECT_THROW(heat.draw(cam, 0.0), pa::InputError);
}
