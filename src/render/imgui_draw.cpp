#include "render/imgui_draw.hpp"

#include <epoxy/gl.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstdint>

namespace pa::render {

void draw_imgui(ImDrawData* data) {
    // Set on every frame: the backend may have recreated the texture (font size changed) under the same name.
    if (const auto tex = static_cast<GLuint>(reinterpret_cast<intptr_t>(ImGui::GetIO().Fonts->TexID))) {
        glBindTexture(GL_TEXTURE_2D, tex);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    }
    ImGui_ImplOpenGL3_RenderDrawData(data);
}

}  // namespace pa::render
