// bench_view: time to first frame and frame times while panning/zooming, offscreen at 1920x1080 (EGL; Mesa
// llvmpipe here, a GPU where there is one). Not a test: run by hand, prints numbers.
//   bench_view WORKSPACE            the workspace (first run triangulates and caches, second reads the cache)
//   bench_view --synthetic N        N generated square parcels in 1 zone (no cache; tessellation timed)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <epoxy/gl.h>

#include "core/analysis/classify.hpp"
#include "render/egl_context.hpp"
#include "render/gl_objects.hpp"
#include "render/map_cache.hpp"
#include "render/map_data.hpp"
#include "render/map_renderer.hpp"
#include "render/palette.hpp"

using namespace pa;
using namespace pa::render;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

static MapData synthetic(int n) {
    // A square grid of 60 m parcels with 20 m streets around Gui'an (~106.4E 26.4N), values spread over the
    // classes.
    const int side = static_cast<int>(std::ceil(std::sqrt(double(n))));
    const double dlon = 60.0 / (111320.0 * std::cos(26.4 * M_PI / 180)), dlat = 60.0 / 110574.0;
    const double glon = dlon * 80 / 60, glat = dlat * 80 / 60;
    std::vector<Parcel> ps;
    ps.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        Parcel p;
        p.id = i + 1;
        const double lon = 106.3 + (i % side) * glon, lat = 26.3 + (i / side) * glat;
        p.geom = {{{{lon, lat}, {lon + dlon, lat}, {lon + dlon, lat + dlat}, {lon, lat + dlat}, {lon, lat}}}};
        p.area_mu = 5.4;
        p.zone_code = "Z";
        if (i % 7) p.stats.invest_wan_per_mu = (i * 37) % 900;
        ps.push_back(std::move(p));
    }
    Zone z;
    z.code.assign(1, 'Z');
    const double w = side * glon, h = side * glat;
    z.geom = {{{{106.299, 26.299},
                {106.3 + w, 26.299},
                {106.3 + w, 26.3 + h},
                {106.299, 26.3 + h},
                {106.299, 26.299}}}};
    return build_map_data({z}, std::move(ps), {}, {});
}

static void frames(MapData& d, const char* label, double prep_ms) {
    const int W = 1920, H = 1080;
    auto t0 = Clock::now();
    EglContext egl;
    // The viewer's choice of MSAA (4x on a GPU, none under llvmpipe; $PARKATLAS_MSAA overrides).
    const int samples = map_samples_for_current_context();
    RenderTarget target(W, H, samples);
    MapRenderer r;
    r.upload(d);
    auto cls = analysis::classify(d.parcels, analysis::Theme::InvestIntensity, {});
    r.set_parcel_colors(parcel_colors(cls, class_colors(cls)));
    Camera cam;
    cam.width = W;
    cam.height = H;
    cam.fit(d.extent.min_x, d.extent.min_y, d.extent.max_x, d.extent.max_y);
    target.bind_for_drawing();
    MapStyle st;
    r.draw(cam, st);
    glFinish();
    const double first = ms_since(t0);
    std::vector<double> t;
    // 240 frames: pan, zoom in towards parcel scale (outlines on), zoom out again.
    for (int f = 0; f < 240; ++f) {
        if (f < 60)
            cam.pan_pixels(6, 3);
        else if (f < 150)
            cam.zoom_at(W / 2.0, H / 2.0, 1.04);
        else
            cam.zoom_at(W / 2.0, H / 2.0, 1 / 1.04);
        auto tf = Clock::now();
        target.bind_for_drawing();
        r.draw(cam, st);
        glFinish();
        t.push_back(ms_since(tf));
    }
    std::sort(t.begin(), t.end());
    std::printf(
        "%-28s parcels %8zu  triangles %9zu  prepare %8.0f ms  context+upload+first frame %7.0f ms  "
        "frame median %6.2f ms (%5.0f fps)  p95 %6.2f ms  max %6.2f ms  msaa %d  [%s]\n",
        label, d.parcels.size(), d.mesh.fill_index.size() / 3, prep_ms, first, t[t.size() / 2],
        1000.0 / t[t.size() / 2], t[t.size() * 95 / 100], t.back(), samples, egl.describe().c_str());
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_view WORKSPACE | --synthetic N\n");
        return 2;
    }
    try {
        if (std::strcmp(argv[1], "--synthetic") == 0 && argc > 2) {
            const int n = std::atoi(argv[2]);
            auto t0 = Clock::now();
            MapData d = synthetic(n);
            const double prep = ms_since(t0);
            // What reopening costs for the mesh when it comes from render_cache instead (blob -> arrays).
            const std::string blob = d.mesh.serialize();
            auto tc = Clock::now();
            ParcelMesh back;
            const bool ok = ParcelMesh::deserialize(blob, back);
            std::printf(
                "synthetic %d: prepare %.0f ms on %d triangulation threads; mesh blob %.1f MB, read back in "
                "%.0f ms (%s)\n",
                n, prep, tessellation_threads(d.parcels.size()), static_cast<double>(blob.size()) / 1e6,
                ms_since(tc), ok ? "ok" : "FAILED");
            const std::string label = std::string("synthetic ").append(std::to_string(n));
            frames(d, label.c_str(), prep);
            return 0;
        }
        for (int pass = 0; pass < 2; ++pass) {
            auto t0 = Clock::now();
            MapData d = load_map_data(argv[1]);
            const double prep = ms_since(t0);
            frames(d, d.mesh_from_cache ? "workspace (mesh cached)" : "workspace (triangulated)", prep);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_view: %s\n", e.what());
        return 1;
    }
    return 0;
}
