#pragma once
// Draws Dear ImGui's frame (panels, labels, legend) with the OpenGL3 backend.
//
// Texel-exact: the font atlas is sampled nearest, since every glyph is rasterised at the size it is drawn (FontSet,
// no scaling) and lands on whole pixels, so bilinear filtering only cost time (under llvmpipe about 0.9 ms of a
// 1920x1080 frame with panels).
//
// Damage (ImGuiPainter, the viewer): when the window's back buffer still holds the last frame, a panel whose drawing
// is the same as last frame is not drawn again: the stencil buffer marks the kept panels, the map is drawn only
// around them, and ImGui draws only the windows that changed plus the lists that are not windows (the map's labels
// and furniture). Panning with the panels open then costs the map and the labels, not the panels' pixels again.
// Whether the back buffer holds the last frame is not taken on trust (Mesa's software GLX offers GLX_EXT_buffer_age
// but answers 0, "undefined", though its back buffer is kept): every frame ends by writing a frame number into the
// bottom-left pixel's blue channel (the status bar's corner, a step of a few levels nobody sees), and the next frame
// reads that pixel back before drawing; only when it finds the number it wrote is the frame partial.
#include <cstdint>
#include <utility>
#include <vector>

#include "render/gl_objects.hpp"
#include "render/palette.hpp"

struct ImDrawData;
struct ImDrawList;

namespace pa::render {

/// Draws all of `data` (texel-exact, as above) into the bound framebuffer.
void draw_imgui(ImDrawData* data);

class ImGuiPainter {
public:
    /// Needs a current context.
    ImGuiPainter();
    /// After ImGui::Render(), before anything is drawn into the window: compares each window's drawing (a hash of
    /// its vertices, indices and commands) and place with the last frame's, and (when `allow`) probes the back
    /// buffer for the last frame's number. Returns true for a partial frame: the unchanged panels stay as they are,
    /// so the map must be drawn between mask_map() and unmask(), without its own clear.
    bool plan(ImDrawData* data, bool allow, int fb_width, int fb_height);
    /// Partial frame: stencil test on (the map only outside the kept panels) and that region cleared to
    /// `background` (the map's own clear would wipe the panels too).
    void mask_map(Rgba background);
    /// Stencil test off again.
    void unmask();
    /// Something covered the whole window after plan() (the map cache's copy): this frame draws every window.
    void redraw_all() { partial_ = false; }
    /// Draws ImGui: everything, or in a partial frame only the changed windows and the lists that are not windows.
    void draw(ImDrawData* data);
    /// Brackets the drawing into a list that is no window's (the background list: the map's labels and furniture)
    /// so that in a partial frame it stays off the kept windows too: call begin right after ImGui::NewFrame() and
    /// end right before ImGui::Render() (two callback commands in the list).
    void guard_list_begin(ImDrawList* list);
    void guard_list_end(ImDrawList* list);
    /// Forgets the last frame (the next one draws everything), e.g. after the font atlas was rebuilt.
    void invalidate() { last_.clear(); }
    bool partial() const { return partial_; }
    /// Windows kept (not drawn) in the last partial frame.
    int kept_windows() const { return kept_; }

private:
    void draw_windows(ImDrawData* data);
    struct Win {
        unsigned id = 0, root = 0;  // ImGuiID of the window and of its root window
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        uint64_t hash = 0;
        bool opaque = true;
        const ImDrawList* list = nullptr;
    };
    struct Rect {
        int x0, y0, x1, y1;
        bool operator==(const Rect& o) const { return x0 == o.x0 && y0 == o.y0 && x1 == o.x1 && y1 == o.y1; }
    };
    std::vector<Win> last_, now_;
    std::vector<unsigned> changed_roots_;
    std::vector<Rect> kept_rects_, stencil_rects_;
    std::vector<ImDrawList*> lists_;  // scratch: what a partial frame draws
    std::vector<int> edges_;          // scratch: the clear's bands
    std::vector<std::pair<int, int>> spans_;
    bool partial_ = false, has_stencil_ = false;
    int w_ = 0, h_ = 0, kept_ = 0;
    unsigned frame_ = 0;          // the number written into the corner pixel by the last draw()
    unsigned char tag_base_ = 0;  // that pixel's blue before the number (the number replaces its low 3 bits)
};

}  // namespace pa::render
