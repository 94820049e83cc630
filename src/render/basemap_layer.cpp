#include "render/basemap_layer.hpp"

#include "render/shaders.hpp"

namespace pa::render {

BasemapLayer::BasemapLayer()
    : program_(load_program("basemap")), vao_(VertexArray::create()), texture_(Texture::create()) {}

void BasemapLayer::set_image(const raster::Image& image) {
    width_ = image.width;
    height_ = image.height;
    if (width_ == 0 || height_ == 0) return;
    glBindTexture(GL_TEXTURE_2D, texture_.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width_, height_, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 image.rgba.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void BasemapLayer::draw() const {
    if (empty()) return;
    const GLboolean blend_was_on = glIsEnabled(GL_BLEND);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    program_.use();
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture_.id());
    glUniform1i(program_.uniform("u_image"), 0);
    vao_.bind();
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (!blend_was_on) glDisable(GL_BLEND);
}

}  // namespace pa::render
