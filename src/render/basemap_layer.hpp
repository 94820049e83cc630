#pragma once
// The raster basemap under the map: one texture holding the basemaps already warped to a box of the map's
// plane (core/raster/basemap), drawn as a quad at that box right after the map's background is cleared
// (MapStyle::basemap). `render` warps exactly its view; the viewer warps a box larger than the window in the
// background and keeps drawing it while the user pans and zooms, until the next warp replaces it. Needs a
// current OpenGL context.
#include "core/raster/basemap.hpp"
#include "render/camera.hpp"
#include "render/gl_objects.hpp"

namespace pa::render {

class BasemapLayer {
  public:
    BasemapLayer();
    /// Uploads the picture (top row first) covering [min_x, max_x] x [min_y, max_y] of the map's plane.
    /// `opaque`: every pixel is either fully opaque or fully transparent (the caller composited the picture
    /// over the map's background), so it is drawn without blending — much cheaper under a software
    /// rasteriser.
    void set_image(const raster::Image& image, double min_x, double min_y, double max_x, double max_y,
                   bool opaque = false);
    void clear() { width_ = height_ = 0; }
    bool empty() const { return width_ == 0; }
    /// Draws it where its box is in `cam`'s view, with alpha blending (state restored).
    void draw(const Camera& cam) const;
    /// Its box in the map's plane (min_x, min_y, max_x, max_y) and its size in pixels.
    const double* box() const { return box_; }
    int width() const { return width_; }

  private:
    Program program_;
    VertexArray vao_;
    Texture texture_;
    int width_ = 0, height_ = 0;
    double box_[4] = {0, 0, 0, 0};
    bool opaque_ = false;
};

}  // namespace pa::render
