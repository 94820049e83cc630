#pragma once
// Draws Dear ImGui's frame (panels, labels, legend) with the OpenGL3 backend.
//
// Texel-exact: the font atlas is sampled nearest, since every glyph is rasterised at the size it is drawn
// (FontSet, no scaling) and lands on whole pixels, so bilinear filtering only cost time (under llvmpipe about
// 0.9 ms of a 1920x1080 frame with panels).
//
// Damage (ImGuiPainter, the viewer under a software rasteriser): a window whose drawing is the same as last
// frame is not drawn again but copied back from a saved picture of it. Every window drawn is saved (a blit of
// its rectangle into an offscreen texture); in a "partial" frame the map is drawn whole as usual, then the
// lists that are no window's (the map's labels and furniture), then the kept windows are copied back over it
// and only the changed ones drawn. Under llvmpipe a copied pixel costs less than an ImGui panel's (text,
// frames, blending), and nothing depends on what the window's back buffer held before.
#include <cstdint>
#include <vector>

#include "render/gl_objects.hpp"

struct ImDrawData;
struct ImDrawList;

namespace pa::render {

/// Draws all of `data` (texel-exact, as above) into the bound framebuffer.
void draw_imgui(ImDrawData* data);

class ImGuiPainter {
  public:
    /// `enabled`: keep unchanged windows (else every frame draws everything, as draw_imgui). Needs a current
    /// context.
    explicit ImGuiPainter(bool enabled);
    /// After ImGui::Render(): compares each window's drawing (a hash of its vertices, indices and commands)
    /// and place with the last frame's. Returns true for a partial frame (some windows kept).
    bool plan(ImDrawData* data, int fb_width, int fb_height);
    /// Draws ImGui into the window's framebuffer (0) over the map: everything, or (partial) the lists that
    /// are no window's, the kept windows copied back, then the changed windows; saves the windows it drew.
    void draw(ImDrawData* data);
    /// Forgets the last frame (the next one draws everything), e.g. after the font atlas was rebuilt.
    void invalidate() { last_.clear(); }
    bool partial() const { return partial_; }
    /// Windows kept (copied back, not drawn) in the last frame.
    int kept_windows() const { return kept_; }

  private:
    struct Win {
        unsigned id = 0, root = 0;           // ImGuiID of the window and of its root window
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // framebuffer pixels, y down
        uint64_t hash = 0;
        bool opaque = true;
        bool clean = false;  // its saved picture holds it alone (no other window overlapped it when saved)
        const ImDrawList* list = nullptr;
    };
    bool kept(const Win& w) const;
    void draw_lists(ImDrawData* data, bool windows, bool kept_ones);
    void blit(const Win& w, bool save);
    bool enabled_;
    std::vector<Win> last_, now_;
    std::vector<unsigned> changed_roots_;
    std::vector<ImDrawList*> lists_;  // scratch: a subset of the draw data
    bool partial_ = false;
    int w_ = 0, h_ = 0, kept_ = 0;
    // The saved windows: a texture of the framebuffer's size.
    Framebuffer saved_fbo_;
    Texture saved_tex_;
    int saved_w_ = 0, saved_h_ = 0;
};

}  // namespace pa::render
