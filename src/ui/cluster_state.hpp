#pragma once
// State of the clustering, heat-map and industry-chain panels (the analysis menu of the viewer). The UI
// thread owns it; DBSCAN, hulls, tessellation and the chain analysis run on the TaskQueue worker and come
// back through continuations. Live update: a parameter change bumps `generation` and stamps `changed_at`;
// after a short pause (debounce) the viewer submits one job for the newest generation; a job that finds a
// newer generation when it starts skips its work, and a result whose generation is not the newest is dropped.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/analysis/chains.hpp"
#include "core/analysis/cluster.hpp"
#include "render/heatmap.hpp"
#include "render/map_data.hpp"
#include "render/overlay_shapes.hpp"

namespace pa::ui {

/// The live-update bookkeeping shared by the cluster and chain panels.
struct LiveJob {
    uint64_t generation = 1;   // bumped on every parameter change (1: compute once a workspace is open)
    uint64_t submitted = 0;    // generation of the newest submitted job
    uint64_t shown = 0;        // generation of the result on screen
    double changed_at = -1e9;  // seconds (Window::time) of the last change
    std::shared_ptr<std::atomic<uint64_t>> latest = std::make_shared<std::atomic<uint64_t>>(1);
    std::string error;
    void touch(double now) {
        ++generation;
        latest->store(generation);
        changed_at = now;
    }
    bool computing() const { return shown != generation; }
};

/// One cluster's hull rings in local metres (picking) and its box (zoom).
struct HullPick {
    std::vector<std::vector<std::pair<double, double>>> rings;
    render::Box box;
    double area_m2 = 0;
};

struct ClusterPanelState {
    bool open = false;
    bool show_hulls = true;
    // Parameters (ClusterParams as edited in the panel).
    std::vector<std::string> industries;  // empty = all
    bool per_industry = false;
    float eps_m = 500.0f;
    int min_points = 5;
    bool weight_invest = false;
    int of = 0;      // 0 projects, 1 parcels
    int metric = 0;  // 0 centroid, 1 edge (parcels only)
    int hull = 0;    // 0 concave, 1 convex
    float ratio = 0.3f;
    LiveJob job;
    std::shared_ptr<const analysis::ClusterResult> result;
    std::shared_ptr<const render::ShapeMesh> mesh;  // hulls, tessellated on the worker
    std::vector<HullPick> picks;                    // per cluster
    bool mesh_dirty = false;                        // upload `mesh` before the next draw
    int selected = -1;                              // cluster id
};

struct HeatmapState {
    bool panel_open = false;
    bool on = false;              // the heat-map overlay is drawn (also while its panel is closed)
    float bandwidth_m = 1000.0f;  // Gaussian sigma in metres; live (no re-upload)
    int weight = 0;               // 0 fixed-asset investment, 1 annual output, 2 one per project
    float opacity = 0.75f;
    int uploaded_weight = -1;     // weight of the points on the GPU (-1: none)
    bool points_pending = false;  // a job is building the points
    std::shared_ptr<const std::vector<render::HeatPoint>> points;  // waiting for upload
    size_t point_count = 0;
    double max_density = 0;  // of the last draw (weight per m²), for the legend
};

struct ChainsPanelState {
    bool open = false;
    bool show_links = true;
    float distance_m = 0.0f;  // 0: the config's default_distance_m
    std::string config_path;  // found at start (analysis::find_chain_config)
    LiveJob job;
    std::shared_ptr<const analysis::ChainResult> result;
    std::shared_ptr<const render::ShapeMesh> mesh;  // links as segments, coloured by chain pair
    bool mesh_dirty = false;
    int selected_pair = -1;  // highlighted chain pair (owner of its links)
    bool gaps_only = false;  // table: only the missing links
};

/// Everything of the three panels, one member of ViewerState.
struct AnalysisState {
    ClusterPanelState cluster;
    HeatmapState heat;
    ChainsPanelState chains;
    const void* data_seen = nullptr;  // the MapData the results belong to (a new workspace resets them)
};

}  // namespace pa::ui
