#include "render/map_cache.hpp"

#include <algorithm>
#include <cstdlib>

#include "core/common/error.hpp"

namespace pa::render {

bool same_style(const MapStyle& a, const MapStyle& b) {
    return a.show_zones == b.show_zones && a.show_parcels == b.show_parcels &&
           a.show_projects == b.show_projects && a.show_outlines == b.show_outlines && a.hover == b.hover &&
           a.selected == b.selected && a.outline_below_m_per_px == b.outline_below_m_per_px &&
           a.projects_below_m_per_px == b.projects_below_m_per_px && a.zone_line_px == b.zone_line_px &&
           a.point_scale_px == b.point_scale_px && a.ui_scale == b.ui_scale && a.background == b.background &&
           a.lod_below_px == b.lod_below_px;
}

MapLayerCache::MapLayerCache(int samples, bool direct, double px_per_primitive)
    : samples_(samples > 1 ? samples : 0), direct_(direct), px_per_primitive_(px_per_primitive) {}

bool MapLayerCache::same_view(const MapRenderer& renderer, const Camera& cam, const MapStyle& style) const {
    return drawn_ && cam.width == w_ && cam.height == h_ && generation_ == renderer.generation() &&
           cam_.cx == cam.cx && cam_.cy == cam.cy && cam_.m_per_px == cam.m_per_px &&
           same_style(style_, style);
}

bool MapLayerCache::draw_to_window(MapRenderer& renderer, const Camera& cam, const MapStyle& style) {
    if (direct_ && (cheap_ || !same_view(renderer, cam, style))) {
        // The view changed (or the map costs less than a copy): draw straight into the window; the cached
        // picture is stale until the view holds still.
        if (cam.width != w_ || cam.height != h_) resize(cam.width, cam.height);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        renderer.draw(cam, style);
        cheap_ = px_per_primitive_ > 0 && double(renderer.last_primitives()) * px_per_primitive_ <
                                              double(cam.width) * double(cam.height);
        drew(renderer, cam, style, false);
        return true;
    }
    const bool redrew = update(renderer, cam, style);
    present();
    return redrew;
}

void MapLayerCache::resize(int w, int h) {
    w_ = w;
    h_ = h;
    fbo_ = Framebuffer::create();
    color_ = Renderbuffer::create();
    glBindRenderbuffer(GL_RENDERBUFFER, color_.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w_, h_);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_.id());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw InternalError("The map's offscreen buffer (" + std::to_string(w_) + "x" + std::to_string(h_) +
                            ") is incomplete; make the window smaller.");
    if (samples_ > 1) {
        ms_fbo_ = Framebuffer::create();
        ms_color_ = Renderbuffer::create();
        glBindRenderbuffer(GL_RENDERBUFFER, ms_color_.id());
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, w_, h_);
        glBindFramebuffer(GL_FRAMEBUFFER, ms_fbo_.id());
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, ms_color_.id());
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            throw InternalError("The map's multisampled buffer (" + std::to_string(samples_) +
                                " samples) is incomplete; make the window smaller.");
    }
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    valid_ = false;
}

bool MapLayerCache::update(MapRenderer& renderer, const Camera& cam, const MapStyle& style) {
    if (cam.width != w_ || cam.height != h_) resize(cam.width, cam.height);
    if (valid_ && same_view(renderer, cam, style)) return false;
    glBindFramebuffer(GL_FRAMEBUFFER, samples_ > 1 ? ms_fbo_.id() : fbo_.id());
    renderer.draw(cam, style);
    if (samples_ > 1) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, ms_fbo_.id());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo_.id());
        glBlitFramebuffer(0, 0, w_, h_, 0, 0, w_, h_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    drew(renderer, cam, style, true);
    return true;
}

void MapLayerCache::drew(const MapRenderer& renderer, const Camera& cam, const MapStyle& style,
                         bool into_cache) {
    cam_ = cam;
    style_ = style;
    generation_ = renderer.generation();
    drawn_ = true;
    valid_ = into_cache;
    ++redraws_;
}

void MapLayerCache::present() const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, w_, h_, 0, 0, w_, h_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void MapLayerCache::read_center(unsigned char* rgba) const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(w_ / 2, h_ / 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

std::string current_renderer_name() {
    const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return r ? r : "";
}

bool software_renderer(const std::string& r) {
    return r.find("llvmpipe") != std::string::npos || r.find("softpipe") != std::string::npos ||
           r.find("swrast") != std::string::npos;
}

int map_samples_for_current_context(int software_samples) {
    if (const char* e = std::getenv("PARKATLAS_MSAA"); e && *e) return std::clamp(std::atoi(e), 0, 16);
    return software_renderer(current_renderer_name()) ? software_samples : 4;
}

}  // namespace pa::render
