#include "ui/context_layers.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "core/raster/basemap.hpp"
#include "core/raster/basemap_source.hpp"
#include "core/store/workspace.hpp"
#include "ui/app_state.hpp"
#include "ui/task_queue.hpp"

namespace pa::ui {

namespace {

constexpr double kSettleS = 0.15;    // the camera must be still this long before a warp is asked for
constexpr double kResDrift = 1.6;    // warp again when the resolution drifts by more than this factor
constexpr int kMaxTexturePx = 4096;  // the warped picture's largest side

}  // namespace

// A warp done by the worker, picked up by the UI thread's continuation.
struct ContextLayers::Pending {
    raster::Image image;
    double box[4] = {0, 0, 0, 0};
    double m_per_px = 0;
    std::vector<std::string> notes;
    double warp_ms = 0;
};

ContextLayers::ContextLayers() = default;

const render::BasemapLayer* ContextLayers::basemap() const {
    return basemap_.empty() ? nullptr : &basemap_;
}

ContextLayers::Update ContextLayers::update(ViewerState& s, TaskQueue& tasks, double now) {
    Update out;
    auto& c = s.context;
    if (!s.data) return out;
    // A workspace arrived: read its basemaps and reference layers (and build the references' meshes) off the
    // UI thread; upload on it.
    if (c.loaded_for != s.data.get()) {
        c.loaded_for = s.data.get();
        c.basemaps.clear();
        c.references.clear();
        c.layers.reset();
        c.anchors.reset();
        meshes_.clear();
        widths_.clear();
        max_m_per_px_.clear();
        basemap_.clear();
        covered_m_per_px_ = 0;
        out.redraw_map = true;
        const std::string path = s.workspace_path;
        const auto data = s.data;
        tasks.submit(
            "context layers",
            [this, &s, path, data]() -> TaskQueue::Continuation {
                auto ws = store::Workspace::open(path, true);
                auto basemaps = raster::for_this_desk(ws.load_basemaps());  // this desk's own paths
                auto layers = std::make_shared<std::vector<ReferenceLayer>>(ws.load_reference_layers());
                auto meshes = std::make_shared<std::vector<render::ShapeMesh>>();
                auto anchors = std::make_shared<std::vector<render::ReferenceAnchors>>();
                for (const auto& l : *layers) {
                    meshes->emplace_back();
                    meshes->back().add_reference_lines(l, data->proj);
                    anchors->push_back(render::reference_anchors(l, data->proj));
                }
                return [this, &s, data, basemaps, layers, meshes, anchors] {
                    if (s.data != data) return;  // another workspace was opened meanwhile
                    auto& ctx = s.context;
                    for (const auto& b : basemaps) {
                        std::error_code ec;
                        ctx.basemaps.push_back({b, true, std::filesystem::exists(b.path, ec)});
                    }
                    for (size_t i = 0; i < layers->size(); ++i) {
                        auto overlay = std::make_unique<render::ShapeOverlay>();
                        overlay->upload((*meshes)[i]);
                        meshes_.push_back(std::move(overlay));
                        widths_.push_back(static_cast<float>((*layers)[i].style.width_px));
                        max_m_per_px_.push_back((*layers)[i].style.max_m_per_px);
                        ctx.references.push_back(
                            {(*layers)[i].name, (*layers)[i].features.size(), true, static_cast<int>(i)});
                    }
                    ctx.layers = layers;
                    ctx.anchors = anchors;
                    ctx.changed = true;
                    s.fonts_dirty = true;  // the layers' names need their glyphs
                };
            },
            [&s](const std::string& e) { s.context.status = e; });
        return out;
    }

    // Basemaps: which are shown, and whether the picture still serves the view.
    std::vector<Basemap> shown;
    for (const auto& row : c.basemaps)
        if (row.shown && row.reachable) {
            Basemap b = row.basemap;
            b.opacity = std::clamp(b.opacity * c.opacity, 0.0, 1.0);
            b.grey = b.grey || c.grey;
            shown.push_back(b);
        }
    if (c.changed) {
        c.changed = false;
        out.redraw_map = true;
        covered_m_per_px_ = 0;  // warp again with the new choice
    }
    if (pending_ && !in_flight_) {  // a finished warp: upload it
        warp_ms_.push_back(pending_->warp_ms);
        if (first_picture_s_ < 0 && !pending_->image.rgba.empty()) first_picture_s_ = now;
        if (!pending_->image.rgba.empty())
            basemap_.set_image(pending_->image, pending_->box[0], pending_->box[1], pending_->box[2],
                               pending_->box[3]);
        else
            basemap_.clear();
        std::copy(pending_->box, pending_->box + 4, covered_);
        covered_m_per_px_ = pending_->m_per_px;
        if (!pending_->notes.empty()) c.status = pending_->notes.front();
        pending_.reset();
        out.redraw_map = true;
    }
    if (shown.empty()) {
        if (!basemap_.empty()) {
            basemap_.clear();
            out.redraw_map = true;
        }
        return out;
    }
    const auto& cam = s.camera;
    if (cam.cx != last_cam_.cx || cam.cy != last_cam_.cy || cam.m_per_px != last_cam_.m_per_px ||
        cam.width != last_cam_.width || cam.height != last_cam_.height) {
        last_cam_ = cam;
        cam_changed_at_ = now;
    }
    const double x0 = cam.world_x(0), x1 = cam.world_x(cam.width), y0 = cam.world_y(cam.height),
                 y1 = cam.world_y(0);
    const bool inside = x0 >= covered_[0] && y0 >= covered_[1] && x1 <= covered_[2] && y1 <= covered_[3];
    const double ratio = covered_m_per_px_ > 0 ? cam.m_per_px / covered_m_per_px_ : 0;
    const bool stale = !inside || ratio <= 0 || ratio > kResDrift || ratio < 1 / kResDrift;
    if (!stale) return out;
    out.keep_alive = true;
    // Nothing shown yet, or the view left the picture: warp now, even while the camera moves. Only a drift of
    // resolution waits for the camera to settle (the old picture, scaled, serves meanwhile).
    const bool urgent = basemap_.empty() || !inside;
    if (in_flight_ || (!urgent && now - cam_changed_at_ < kSettleS)) return out;

    // Warp a box half a window larger on every side, at the view's resolution (capped); the very first
    // picture only the view itself, so that it comes as soon as possible.
    const double w = x1 - x0, h = y1 - y0;
    const double m = basemap_.empty() ? 0.0 : 0.5;
    const double box[4] = {x0 - w * m, y0 - h * m, x1 + w * m, y1 + h * m};
    double m_per_px = cam.m_per_px;
    int px_w = static_cast<int>((box[2] - box[0]) / m_per_px),
        px_h = static_cast<int>((box[3] - box[1]) / m_per_px);
    if (std::max(px_w, px_h) > kMaxTexturePx) {
        const double f = double(kMaxTexturePx) / std::max(px_w, px_h);
        px_w = std::max(1, static_cast<int>(px_w * f));
        px_h = std::max(1, static_cast<int>(px_h * f));
        m_per_px /= f;
    }
    in_flight_ = true;
    auto job = std::make_shared<Pending>();
    std::copy(box, box + 4, job->box);
    job->m_per_px = m_per_px;
    const std::string proj = s.data->proj.proj_string();
    tasks.submit(
        "basemap",
        [this, job, shown, proj, px_w, px_h]() -> TaskQueue::Continuation {
            const auto t0 = std::chrono::steady_clock::now();
            for (const auto& b : shown) {
                try {
                    const auto src = raster::basemap_dataset_for(b, job->m_per_px);
                    raster::composite_over(
                        job->image, raster::warp_basemap(src, proj, job->box[0], job->box[1], job->box[2],
                                                         job->box[3], px_w, px_h, {b.opacity, b.grey}));
                } catch (const std::exception& e) {
                    job->notes.push_back(e.what());  // one bad basemap does not hide the others
                }
            }
            job->warp_ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            return [this, job] {
                pending_ = job;
                in_flight_ = false;
            };
        },
        [this, &s](const std::string& e) {
            in_flight_ = false;
            s.context.status = e;
        });
    return out;
}

void ContextLayers::draw_references(const ViewerState& s, float ui_scale, const render::Camera* camera) {
    const render::Camera& cam = camera ? *camera : s.camera;
    for (const auto& row : s.context.references) {
        if (!row.shown || row.mesh < 0 || size_t(row.mesh) >= meshes_.size()) continue;
        const double max_mpp = max_m_per_px_[size_t(row.mesh)];
        if (max_mpp > 0 && cam.m_per_px > max_mpp) continue;  // the style's scale range
        meshes_[size_t(row.mesh)]->draw(cam, widths_[size_t(row.mesh)], -1, ui_scale);
    }
}

}  // namespace pa::ui
