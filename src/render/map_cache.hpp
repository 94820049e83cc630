#pragma once
// The viewer's map kept in an offscreen colour buffer: the map (MapRenderer) is drawn into it only when
// something it shows changed (camera, window size, style: hover, selection, layer toggles; parcel or zone
// colours), and every other frame only copies it to the window (one glBlitFramebuffer) before ImGui draws on
// top. Idle frames and frames where only a panel changes then cost a copy instead of a full map draw. On a
// software rasteriser that copy is a full-screen pass of its own (about 4 ms at 1920x1080 under llvmpipe), so
// there a frame whose map changed (panning, zooming, hover) draws the map straight into the window instead,
// and the buffer is refilled once the view holds still (draw_to_window, "direct" mode).
#include <cstdint>
#include <string>

#include "render/camera.hpp"
#include "render/gl_objects.hpp"
#include "render/map_renderer.hpp"

namespace pa::render {

/// True when two styles would draw the same picture.
bool same_style(const MapStyle& a, const MapStyle& b);

class MapLayerCache {
  public:
    /// `samples`: MSAA samples of the map picture (0 or 1 = none). `direct`: draw changed frames straight
    /// into the window (software rasterisers). `px_per_primitive` (direct mode): a map whose last draw asked
    /// for fewer primitives than window pixels / px_per_primitive is cheaper to redraw than to copy, so it is
    /// drawn straight into the window even when the view holds still (llvmpipe: a small primitive costs about
    /// what copying 64 pixels does; 0 = always copy when still). Needs a current context.
    explicit MapLayerCache(int samples, bool direct = false, double px_per_primitive = 64);
    /// Puts the map into the window's framebuffer (0, single-sampled) and leaves it bound: a copy of the
    /// cached picture when nothing changed; otherwise redrawn, into the cache then copied, or in direct mode
    /// straight into the window (the cache is refilled on the first frame that repeats the last view, unless
    /// the map is cheaper to redraw than to copy: then every frame draws it). True when it redrew.
    bool draw_to_window(MapRenderer& renderer, const Camera& cam, const MapStyle& style);
    /// Redraws the cached picture when the camera, the style or the renderer's colours/geometry changed since
    /// the last call (or after invalidate()); returns true when it redrew.
    bool update(MapRenderer& renderer, const Camera& cam, const MapStyle& style);
    /// Copies the cached picture into the window's framebuffer (0), which must be single-sampled, and leaves
    /// it bound.
    void present() const;
    void invalidate() { valid_ = false; }
    int samples() const { return samples_; }
    bool direct() const { return direct_; }
    int redraws() const { return redraws_; }
    /// RGBA of the cached picture's centre pixel (tests).
    void read_center(unsigned char* rgba) const;

  private:
    void resize(int w, int h);
    bool same_view(const MapRenderer& renderer, const Camera& cam, const MapStyle& style) const;
    /// Records the view just drawn (into the cache: the cached picture is valid; into the window: it is
    /// stale).
    void drew(const MapRenderer& renderer, const Camera& cam, const MapStyle& style, bool into_cache);
    int samples_;
    bool direct_;
    double px_per_primitive_;
    bool cheap_ = false;  // direct mode: the last map drawn costs less than a copy
    bool drawn_ =
        false;  // cam_, style_, generation_ describe the last picture drawn (to the cache or the window)
    int w_ = 0, h_ = 0;
    Framebuffer ms_fbo_, fbo_;
    Renderbuffer ms_color_, color_;
    bool valid_ = false;
    Camera cam_;
    MapStyle style_;
    uint64_t generation_ = 0;
    int redraws_ = 0;
};

/// GL_RENDERER of the current context ("llvmpipe (LLVM 15.0.6, 256 bits)", "NVIDIA H100 …/PCIe/SSE2").
std::string current_renderer_name();
/// True on Mesa's software rasterisers (llvmpipe, softpipe, swrast).
bool software_renderer(const std::string& gl_renderer);
/// MSAA samples for the viewer's map on the current context: 4 on a GPU; on a software rasteriser
/// `software_samples`, since every extra sample there costs CPU time on each redraw.
/// $PARKATLAS_MSAA overrides both (benchmarks).
int map_samples_for_current_context(int software_samples = 0);

}  // namespace pa::render
