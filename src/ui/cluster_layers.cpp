// Jobs, uploads and drawing of the clustering / heat-map / chain layers (cluster_layers.hpp).
#include "ui/cluster_layers.hpp"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "core/analysis/chains.hpp"
#include "core/analysis/cluster.hpp"

namespace pa::ui {

namespace {

analysis::ClusterParams params_of(const ClusterPanelState& c) {
    analysis::ClusterParams p;
    p.of = c.of == 1 ? analysis::ClusterOf::Parcels : analysis::ClusterOf::Projects;
    p.industries = c.industries;
    p.per_industry = c.per_industry;
    p.eps_m = std::max(1.0f, c.eps_m);
    p.min_points = std::max(1, c.min_points);
    p.weight = c.weight_invest ? analysis::Weighting::Invest : analysis::Weighting::None;
    p.metric = c.metric == 1 && c.of == 1 ? analysis::ClusterMetric::Edge : analysis::ClusterMetric::Centroid;
    p.hull = c.hull == 1 ? analysis::HullKind::Convex : analysis::HullKind::Concave;
    p.concave_ratio = std::clamp(double(c.ratio), 0.0, 1.0);
    p.threads = 1;  // the worker is one of few cores; the UI thread keeps drawing
    return p;
}

struct ClusterOutput {
    std::shared_ptr<analysis::ClusterResult> result;
    std::shared_ptr<render::ShapeMesh> mesh;
    std::vector<HullPick> picks;
};

ClusterOutput run_cluster(const render::MapData& d, const analysis::ClusterParams& p) {
    ClusterOutput out;
    size_t unlocated = 0;
    auto items = analysis::make_cluster_items(d.projects, d.links, d.parcels, d.zones, p, &unlocated);
    out.result =
        std::make_shared<analysis::ClusterResult>(analysis::cluster_items(std::move(items), d.parcels, p));
    out.result->unlocated = unlocated;
    out.mesh = std::make_shared<render::ShapeMesh>(render::cluster_hull_mesh(*out.result, d.proj));
    for (const auto& c : out.result->clusters) {
        HullPick h;
        for (const auto& poly : c.hull)
            for (const auto& ring : poly) {
                std::vector<std::pair<double, double>> r;
                for (const auto& q : ring) {
                    const render::PlanePoint xy = d.proj.xy(q);
                    r.emplace_back(xy.x, xy.y);
                    h.box.expand(r.back().first, r.back().second);
                }
                h.rings.push_back(std::move(r));
            }
        h.area_m2 = c.hull_area_m2;
        out.picks.push_back(std::move(h));
    }
    return out;
}

bool inside(const HullPick& h, double x, double y) {
    if (!h.box.contains(x, y)) return false;
    bool in = false;  // even-odd over all rings: holes count out
    for (const auto& r : h.rings)
        for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
            if ((r[i].second > y) != (r[j].second > y) &&
                x < (r[j].first - r[i].first) * (y - r[i].second) / (r[j].second - r[i].second) + r[i].first)
                in = !in;
    return in;
}

bool due(const LiveJob& j, double now) {
    return j.submitted != j.generation && now - j.changed_at >= kLiveDebounceS;
}

}  // namespace

AnalysisLayers::AnalysisLayers() = default;

std::vector<std::string> analysis_glyph_strings(const ViewerState& s) {
    std::vector<std::string> out;
    if (const auto& r = s.analysis.chains.result)
        for (const auto& p : r->config.pairs) {
            out.push_back(p.upstream);
            out.push_back(p.downstream);
        }
    out.push_back(s.analysis.chains.config_path);
    // the planning panel: its messages, and the reasons of the unplaced projects (core/plan's sentences)
    out.push_back(s.plan.message);
    out.push_back(s.plan.pipeline.data());
    out.push_back(s.plan.scenario.data());
    if (const auto& r = s.plan.result)
        for (const auto& u : r->solution.unplaced) out.push_back(u.reason_zh);
    return out;
}

bool AnalysisLayers::update(ViewerState& s, TaskQueue& tasks, double now) {
    auto& a = s.analysis;
    if (!s.data) return false;
    if (a.data_seen != s.data.get()) {
        // A new workspace: everything is recomputed for it.
        a.data_seen = s.data.get();
        a.cluster.result.reset();
        a.cluster.picks.clear();
        a.cluster.selected = -1;
        a.cluster.mesh.reset();
        a.cluster.mesh_dirty = true;
        a.chains.result.reset();
        a.chains.mesh.reset();
        a.chains.mesh_dirty = true;
        a.heat.uploaded_weight = -1;
        a.cluster.job.touch(now - kLiveDebounceS);
        a.chains.job.touch(now - kLiveDebounceS);
        if (a.chains.config_path.empty())
            a.chains.config_path = analysis::find_chain_config(
                {(std::filesystem::path(PARKATLAS_SHADER_DIR).parent_path() / "config").string()});
    }
    const std::shared_ptr<const render::MapData> data = s.data;
    ViewerState* sp = &s;

    // Clusters: only while the panel or its hulls are in use.
    auto& c = a.cluster;
    if (c.open && due(c.job, now)) {
        const uint64_t gen = c.job.generation;
        c.job.submitted = gen;
        auto latest = c.job.latest;
        const auto params = params_of(c);
        tasks.submit(
            "DBSCAN",
            [data, params, gen, latest, sp]() -> TaskQueue::Continuation {
                if (latest->load() != gen) return [] {};  // a newer request is queued: skip this one
                auto out = std::make_shared<ClusterOutput>(run_cluster(*data, params));
                return [out, gen, sp, data] {
                    auto& cs = sp->analysis.cluster;
                    if (cs.job.generation != gen || sp->data != data) return;  // stale
                    cs.result = out->result;
                    cs.mesh = out->mesh;
                    cs.picks = std::move(out->picks);
                    cs.mesh_dirty = true;
                    cs.job.shown = gen;
                    cs.job.error.clear();
                    if (cs.selected >= int(cs.result->clusters.size())) cs.selected = -1;
                };
            },
            [sp, gen](const std::string& e) {
                auto& cs = sp->analysis.cluster;
                if (cs.job.generation != gen) return;
                cs.job.error = e;
                cs.job.shown = gen;
            });
    }

    // Chains.
    auto& ch = a.chains;
    if (ch.open && due(ch.job, now)) {
        const uint64_t gen = ch.job.generation;
        ch.job.submitted = gen;
        auto latest = ch.job.latest;
        const std::string cfg_path = ch.config_path;
        const double dist = ch.distance_m;
        tasks.submit(
            "chains",
            [data, cfg_path, dist, gen, latest, sp]() -> TaskQueue::Continuation {
                if (latest->load() != gen) return [] {};
                auto cfg = analysis::load_chain_config(cfg_path);
                auto firms = analysis::chain_firms(data->zones, data->parcels, data->projects, data->links);
                auto r = std::make_shared<analysis::ChainResult>(analysis::analyse_chains(
                    cfg, std::move(firms), dist > 0 ? dist : cfg.default_distance_m));
                auto mesh = std::make_shared<render::ShapeMesh>(render::chain_link_mesh(*r, data->proj));
                return [r, mesh, gen, sp, data] {
                    auto& cc = sp->analysis.chains;
                    if (cc.job.generation != gen || sp->data != data) return;
                    // The config's industry names may bring glyphs the atlas lacks (e.g. 农机具 with no such
                    // firm yet).
                    bool same_names = cc.result && cc.result->config.pairs.size() == r->config.pairs.size();
                    for (size_t i = 0; same_names && i < r->config.pairs.size(); ++i)
                        same_names = r->config.pairs[i].upstream == cc.result->config.pairs[i].upstream &&
                                     r->config.pairs[i].downstream == cc.result->config.pairs[i].downstream;
                    if (!same_names) sp->fonts_dirty = true;
                    cc.result = r;
                    cc.mesh = mesh;
                    cc.mesh_dirty = true;
                    cc.job.shown = gen;
                    cc.job.error.clear();
                    if (cc.distance_m <= 0) cc.distance_m = float(r->distance_m);
                };
            },
            [sp, gen](const std::string& e) {
                auto& cc = sp->analysis.chains;
                if (cc.job.generation != gen) return;
                cc.job.error = e;
                cc.job.shown = gen;
            });
    }

    // Heat-map points: rebuilt only when the weight changes (the bandwidth is a uniform).
    auto& h = a.heat;
    if (h.on && h.uploaded_weight != h.weight && h.uploaded_weight > -2 && !h.points_pending) {
        h.points_pending = true;
        const int w = h.weight;
        tasks.submit(
            "heat map",
            [data, w, sp]() -> TaskQueue::Continuation {
                auto pts = std::make_shared<std::vector<render::HeatPoint>>(
                    render::project_heat_points(*data, w == 0   ? render::HeatWeight::Invest
                                                       : w == 1 ? render::HeatWeight::Output
                                                                : render::HeatWeight::Count));
                return [pts, w, sp, data] {
                    auto& hs = sp->analysis.heat;
                    hs.points_pending = false;
                    if (sp->data != data) return;
                    hs.points = pts;
                    hs.uploaded_weight = -2 - w;  // arrived, not yet uploaded (draw() uploads it)
                };
            },
            [sp](const std::string& e) {
                sp->analysis.heat.points_pending = false;
                sp->analysis.heat.on = false;
                sp->error = e;
            });
    }

    // A click on the map (not a drag, not on a panel) selects the smallest hull under it.
    const ImGuiIO& io = ImGui::GetIO();
    if (c.open && c.show_hulls && c.result && !io.WantCaptureMouse &&
        ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 9.0f) {
        const float fb = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
        const double x = s.camera.world_x(io.MousePos.x * fb), y = s.camera.world_y(io.MousePos.y * fb);
        int best = -1;
        for (size_t i = 0; i < c.picks.size(); ++i)
            if (inside(c.picks[i], x, y) && (best < 0 || c.picks[i].area_m2 < c.picks[size_t(best)].area_m2))
                best = int(i);
        if (best >= 0) {
            c.selected = best;
            s.zoom_to = c.picks[size_t(best)].box;
        }
    }
    return (c.open && c.job.submitted != c.job.generation) ||
           (ch.open && ch.job.submitted != ch.job.generation);
}

void AnalysisLayers::draw(ViewerState& s, float ui_scale) {
    auto& a = s.analysis;
    if (!s.data) return;
    auto& h = a.heat;
    if (h.uploaded_weight <= -2 && h.points) {
        heat_.set_points(*h.points);
        h.point_count = h.points->size();
        h.uploaded_weight = -2 - h.uploaded_weight;
        h.points.reset();
    }
    if (a.cluster.mesh_dirty) {
        if (a.cluster.mesh)
            hulls_.upload(*a.cluster.mesh);
        else
            hulls_.clear();
        a.cluster.mesh_dirty = false;
    }
    if (a.chains.mesh_dirty) {
        if (a.chains.mesh)
            links_.upload(*a.chains.mesh);
        else
            links_.clear();
        a.chains.mesh_dirty = false;
    }
    // Order: heat map over the parcels, then hulls, then links; ImGui's labels come after all of them.
    if (h.on && h.uploaded_weight == h.weight && h.point_count > 0) {
        heat_.draw(s.camera, std::max(1.0f, h.bandwidth_m), 0.0, h.opacity);
        h.max_density = heat_.last_max_density();
    }
    if (a.cluster.open && a.cluster.show_hulls && a.cluster.result)
        hulls_.draw(s.camera, 2.0f, a.cluster.selected, ui_scale);
    if (a.chains.open && a.chains.show_links && a.chains.result)
        links_.draw(s.camera, 1.6f, a.chains.selected_pair, ui_scale);
}

}  // namespace pa::ui
