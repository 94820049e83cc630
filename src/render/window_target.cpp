#include "render/window_target.hpp"

#include <algorithm>

#include "render/gl_objects.hpp"
#include "render/palette.hpp"

namespace pa::render {

void bind_window(int width, int height) {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
}

void clear_window(int width, int height) {
    bind_window(width, height);
    glClearColor(kBackground.r / 255.f, kBackground.g / 255.f, kBackground.b / 255.f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
}

void finish_gpu() {
    glFinish();
}

std::vector<unsigned char> read_window_rgba(int width, int height) {
    const size_t row = static_cast<size_t>(width) * 4;
    std::vector<unsigned char> px(row * static_cast<size_t>(height)), out(px.size());
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    for (int y = 0; y < height; ++y)
        std::copy_n(px.data() + static_cast<size_t>(height - 1 - y) * row, row,
                    out.data() + static_cast<size_t>(y) * row);
    return out;
}

}  // namespace pa::render
