#pragma once
// A context set: several reference layers and basemaps described in one JSON file, imported together
// (`parkatlas import -w WS --context FILE.json`; the bundled sample's gis-data/context.json):
//   {"layers": [{"reference": "context.gpkg::rivers", "name": "河流", "style": "styles/rivers.json"},
//               {"basemap": "hillshade.tif", "name": "地形晕渲", "opacity": 0.6, "grey": false,
//                "scheme": "webmercator"}]}
// Paths are relative to the JSON file. Everything is read and checked before anything is stored.
#include <string>
#include <vector>

#include "core/model.hpp"

namespace pa::store {
class Workspace;
}

namespace pa::io {

struct ContextSet {
    std::vector<ReferenceLayer> references;  // in the file's order (drawing order)
    std::vector<Basemap> basemaps;
    std::vector<std::string> descriptions;  // one line per basemap (check_basemap's)
};

/// Reads every layer and checks every basemap; InputError naming the file and the entry otherwise.
ContextSet read_context_set(const std::string& json_path);

/// Stores what read_context_set read (reference layers replaced by name, basemaps registered).
void store_context_set(const ContextSet& set, store::Workspace& ws);

}  // namespace pa::io
