#pragma once
// `parkatlas render` and the tests: the viewer's drawing (MapRenderer + overlay) into an offscreen
// framebuffer of an EGL context, read back as RGBA and written as PNG. No window, no X display.
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/classify.hpp"
#include "core/raster/basemap.hpp"
#include "render/camera.hpp"
#include "render/i18n.hpp"
#include "render/map_data.hpp"
#include "render/overlay.hpp"

namespace pa::render {

struct RenderRequest {
    analysis::Theme theme = analysis::Theme::InvestIntensity;
    analysis::ClassifyOptions classify;
    std::string zone_code;                         // fit to this zone's parcels and colour only them
    std::optional<analysis::ParcelFilter> filter;  // overrides the zone-only filter (viewer export)
    std::optional<std::array<double, 4>> bbox;     // min_lon, min_lat, max_lon, max_lat
    int width = 1600, height = 900;
    Lang lang = Lang::Zh;
    std::string title, note;
    std::string subtitle;                // right of the title in the title strip (the replay's counters)
    bool furniture = true;               // legend, scale bar, north arrow, title, footer, labels
    bool title_block = true;             // the title strip and the footer (a PDF page sets them in vector)
    int samples = 4;                     // MSAA
    std::vector<int> highlight_parcels;  // outlined in red over the map (land_state: the idle parcels)
    std::string highlight_label;         // their legend row ("" = none): count and 亩 of highlight_parcels
    /// Multiplies the type scale (overlay.hpp: title, legend, labels, scale bar, north arrow together);
    /// kPresentationFontScale for a projector.
    float font_scale = 1.0f;
    std::vector<Basemap> basemaps;  // rasters / tile folders under the map, in order (core/raster)
    std::vector<ReferenceLayer>
        references;  // context lines drawn over the parcels (roads, rivers, boundaries)
};

struct RenderResult {
    int width = 0, height = 0;
    std::vector<unsigned char> rgba;  // top row first
    Camera camera;
    analysis::ThemeClassification classification;
    std::string renderer;            // GL_RENDERER / GL_VERSION
    double draw_ms = 0;              // map + overlay drawing, read-back excluded
    std::vector<std::string> notes;  // e.g. a registered basemap that cannot be reached here (skipped)
    OverlayLayout overlay;           // where the furniture and the zone labels went (furniture drawn only)
    bool project_markers = false;    // the project points were drawn (and got a legend row)
};

/// Renders the map; throws InputError for an unknown zone or an empty bbox, InternalError when no EGL context
/// can be made.
RenderResult render_offscreen(const MapData& data, const RenderRequest& req);
/// The same into a framebuffer of the OpenGL context that is current now (the viewer's PNG export). With
/// `camera` the view is that camera (its size is the picture's); ImGui's current context is left as it was.
RenderResult render_in_current_context(const MapData& data, const RenderRequest& req,
                                       const Camera* camera = nullptr,
                                       const std::vector<uint32_t>* parcel_rgba = nullptr);
/// A picture drawn many times in the current OpenGL context (the replay's frames): the map, basemaps,
/// reference layers and fonts are uploaded once; each draw() changes only the colours, outlines and texts.
class MapPicture {
  public:
    /// Uploads `req`'s map into the current context; `camera` as in render_in_current_context.
    /// `extra_glyphs`: strings later frames' titles, subtitles and notes use (the font atlas is built once).
    MapPicture(const MapData& data, const RenderRequest& req, const Camera* camera = nullptr,
               const std::vector<std::string>& extra_glyphs = {});
    ~MapPicture();
    MapPicture(const MapPicture&) = delete;
    MapPicture& operator=(const MapPicture&) = delete;
    /// Draws and reads back one picture: `req`'s theme, classification, filter, highlight and texts (its
    /// size, basemaps, references and zone tint are the constructor's).
    RenderResult draw(const RenderRequest& req, const std::vector<uint32_t>* parcel_rgba = nullptr);
    const Camera& camera() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The camera render_offscreen uses, for tests that look up pixels: the zone (every part of it and its
/// parcels), the bbox, or everything, fitted into the part of the picture the furniture leaves free
/// (free_map_area: left of the legend, between the title strip and the scale bar over the footer).
Camera camera_for(const MapData& data, const RenderRequest& req);
/// Writes RGBA (top row first) as PNG; throws InputError naming the path when it cannot be written.
/// Writes RGBA pixels as a PNG carrying its resolution (a pHYs chunk: `dpi` dots per inch), so a print or a
/// slide places it at its intended size.
void write_png(const std::string& path, int width, int height, const std::vector<unsigned char>& rgba,
               double dpi = 96.0);

}  // namespace pa::render
