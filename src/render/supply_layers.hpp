#pragma once
// Extra map layers of the land-supply views, drawn over MapRenderer's map: highlight sets (thick outlines of
// a set of parcels in one colour: the idle parcels of the land-state replay, the vacant-land finder's hits)
// and the project points filtered by sign date (projects appear when they sign). Geometry is built on the CPU
// only when a set changes (in local metres from MapData's parcel mesh) and uploaded once; per frame a few
// draw calls.
#include <cstdint>
#include <vector>

#include "render/camera.hpp"
#include "render/gl_objects.hpp"
#include "render/map_data.hpp"
#include "render/map_renderer.hpp"
#include "render/palette.hpp"

namespace pa::render {

/// Thick-line vertices (x, y, other_x, other_y, side: 5 floats, 6 vertices per segment, the layout of the
/// thick_line shader) of the outlines of `parcels` (indices into data.parcels; out-of-range ones are
/// skipped).
std::vector<float> highlight_outline_vertices(const MapData& data, const std::vector<int>& parcels);

/// Project points (x, y, invest_wan) of the projects for which `keep(project index)` is true, in the layout
/// of MapData::project_points (placed projects only: coordinates from the ledger, else the first linked
/// parcel).
std::vector<float> project_points_where(const MapData& data, const std::vector<char>& keep);

class SupplyLayers {
  public:
    // 0: idle parcels (timeline), 1: vacant-land hits, 2: planned plots, 3 and 4: the two scenarios of the
    // side-by-side compare view
    static constexpr int kSlots = 5;
    static constexpr unsigned kMainSlots = 0b00111;
    /// Needs a current context (loads the shaders; throws with the missing file's path).
    SupplyLayers();
    /// Sets (or clears, with an empty list) a highlight slot. Uploads only here.
    void set_highlight(int slot, const MapData& data, const std::vector<int>& parcels, Rgba color,
                       float width_px);
    void clear_highlight(int slot);
    /// Points to draw instead of MapRenderer's (MapStyle::show_projects off); `enabled` false = draw none of
    /// them.
    void set_project_points(const std::vector<float>& xyz);
    void set_points_enabled(bool on) { points_on_ = on; }
    bool points_enabled() const { return points_on_; }
    /// Draws over the current framebuffer (after MapRenderer::draw, same camera and style; MapRenderer's own
    /// project points switched off while these are enabled). `projects_layer`: the user's project layer
    /// toggle. `slot_mask`: the highlight slots drawn (bit k: slot k).
    void draw(const Camera& cam, const MapStyle& style, bool projects_layer, unsigned slot_mask = kMainSlots);
    int highlight_count(int slot) const { return slot >= 0 && slot < kSlots ? slots_[slot].parcels : 0; }

  private:
    struct Slot {
        VertexArray vao;
        Buffer vbo;
        GLsizei vertices = 0;
        int parcels = 0;
        Rgba color;
        float width_px = 3.0f;
    };
    Program line_, points_;
    Slot slots_[kSlots];
    VertexArray point_vao_;
    Buffer point_vbo_;
    GLsizei point_count_ = 0;
    bool points_on_ = false;
};

}  // namespace pa::render
