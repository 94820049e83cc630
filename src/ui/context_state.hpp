#pragma once
// The layers panel's basemaps and reference layers (ui/context_layers.hpp draws them).
#include <memory>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "render/labels.hpp"

namespace pa::ui {

/// What the layers panel shows and changes (in ViewerState).
struct ContextUiState {
    struct BasemapRow {
        Basemap basemap;
        bool shown = true;
        bool reachable = true;
    };
    struct ReferenceRow {
        std::string name;
        size_t features = 0;
        bool shown = true;
        int mesh = -1;  // index into ContextLayers' meshes
    };
    std::vector<BasemapRow> basemaps;      // drawing order: first is lowest
    std::vector<ReferenceRow> references;  // drawing order: first is lowest
    float opacity = 1.0f;                  // the viewer's switch over every basemap's own opacity
    bool grey = false;
    bool changed = false;              // a toggle, order or switch changed: warp again / redraw
    const void* loaded_for = nullptr;  // the MapData the lists were loaded for
    std::string status;                // why a basemap was skipped, or a warp's error
    /// The reference layers as loaded (for the PNG export, which draws them as `render` does).
    std::shared_ptr<const std::vector<ReferenceLayer>> layers;
    /// Where their names can go (render::reference_anchors, computed on the worker), indexed like `layers`.
    std::shared_ptr<const std::vector<render::ReferenceAnchors>> anchors;
};

}  // namespace pa::ui
