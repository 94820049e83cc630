#pragma once
// The window's default framebuffer, for the UI: the few OpenGL calls the viewer's frame needs outside the map
// and ImGui painters (binding it, clearing it, waiting for the GPU, reading it back for a screenshot). The UI
// itself makes no OpenGL call (docs/architecture.md).
#include <vector>

namespace pa::render {

/// Binds the window's framebuffer with a viewport of width x height pixels.
void bind_window(int width, int height);
/// Binds the window's framebuffer and clears it to the map's background colour (nothing to draw yet).
void clear_window(int width, int height);
/// Waits until the GPU has done everything queued (timings that must include a copy, not its queueing).
void finish_gpu();
/// The window's back buffer as RGBA rows from the top (as a PNG wants them).
std::vector<unsigned char> read_window_rgba(int width, int height);

}  // namespace pa::render
