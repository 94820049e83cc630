#include "render/basemap_layer.hpp"

#include <cmath>

#include "render/shaders.hpp"

namespace pa::render {

BasemapLayer::BasemapLayer()
    : program_(load_program("basemap")), vao_(VertexArray::create()), texture_(Texture::create()) {}

void BasemapLayer::set_image(const raster::Image& image, double min_x, double min_y, double max_x,
                             double max_y, bool opaque) {
    opaque_ = opaque;
    box_[0] = min_x;
    box_[1] = min_y;
    box_[2] = max_x;
    box_[3] = max_y;
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

void BasemapLayer::draw(const Camera& cam) const {
    if (empty()) return;
    // The box's corners in clip space: x right, y up.
    auto clip_x = [&](double wx) { return static_cast<float>(2.0 * cam.screen_x(wx) / cam.width - 1.0); };
    auto clip_y = [&](double wy) { return static_cast<float>(1.0 - 2.0 * cam.screen_y(wy) / cam.height); };
    const GLboolean blend_was_on = glIsEnabled(GL_BLEND);
    if (opaque_) {
        glDisable(GL_BLEND);  // the shader discards the transparent texels; the rest replace the background
    } else {
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    }
    program_.use();
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture_.id());
    // A texel per screen pixel (panning at the scale it was warped for): nearest sampling looks the same and
    // costs far less under a software rasteriser; zoomed, bilinear.
    const double texel_m = (box_[2] - box_[0]) / width_;
    const GLint filter = std::abs(texel_m / cam.m_per_px - 1.0) < 0.02 ? GL_NEAREST : GL_LINEAR;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glUniform1i(program_.uniform("u_image"), 0);
    glUniform4f(program_.uniform("u_rect"), clip_x(box_[0]), clip_y(box_[1]), clip_x(box_[2]),
                clip_y(box_[3]));
    vao_.bind();
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (blend_was_on)
        glEnable(GL_BLEND);
    else
        glDisable(GL_BLEND);
}

}  // namespace pa::render
