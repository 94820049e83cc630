#pragma once
// The raster basemap under the map: one texture holding the basemaps already warped to the view
// (core/raster/basemap), drawn as a full-screen triangle right after the map's background is cleared
// (MapStyle::basemap). Needs a current OpenGL context.
#include "core/raster/basemap.hpp"
#include "render/gl_objects.hpp"

namespace pa::render {

class BasemapLayer {
  public:
    BasemapLayer();
    /// Uploads the picture (the view's size, top row first).
    void set_image(const raster::Image& image);
    bool empty() const { return width_ == 0; }
    /// Draws it over the whole viewport with alpha blending (state restored).
    void draw() const;

  private:
    Program program_;
    VertexArray vao_;
    Texture texture_;
    int width_ = 0, height_ = 0;
};

}  // namespace pa::render
