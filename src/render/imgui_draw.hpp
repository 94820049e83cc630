#pragma once
// Draws a frame of Dear ImGui (panels, legend, labels) with the OpenGL3 backend, texel-exact: the font atlas is
// sampled nearest, since every glyph is rasterised at the size it is drawn (FontSet, no scaling) and lands on whole
// pixels, so bilinear filtering only cost time (under llvmpipe about 0.9 ms of a 1920x1080 frame with panels).
struct ImDrawData;

namespace pa::render {

void draw_imgui(ImDrawData* data);

}  // namespace pa::render
