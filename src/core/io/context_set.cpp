#include "core/io/context_set.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/common/error.hpp"
#include "core/common/json_file.hpp"
#include "core/io/reference.hpp"
#include "core/raster/basemap_source.hpp"
#include "core/store/workspace.hpp"

namespace pa::io {

namespace fs = std::filesystem;

ContextSet read_context_set(const std::string& json_path) {
    const auto j = read_json_file(json_path, "the context set '" + json_path + "'",
                                  "see docs/meeting-room.md for its form");
    if (!j.is_object() || !j.contains("layers") || !j["layers"].is_array())
        throw InputError("The context set " + json_path +
                         " must be a JSON object with a \"layers\" list, e.g. {\"layers\": [{\"reference\": "
                         "\"roads.gpkg\", \"name\": \"道路\"}, {\"basemap\": \"ortho.tif\"}]}.");
    const fs::path dir = fs::absolute(json_path).parent_path();
    auto resolve = [&](const std::string& p) {
        // PATH::LAYER: only the path part is relative to the file.
        const auto sep = p.find("::");
        const std::string path = sep == std::string::npos ? p : p.substr(0, sep);
        const std::string rest = sep == std::string::npos ? "" : p.substr(sep);
        const fs::path fp(path);
        return (fp.is_absolute() ? fp : dir / fp).lexically_normal().string() + rest;
    };
    ContextSet out;
    size_t i = 0;
    for (const auto& e : j["layers"]) {
        ++i;
        const std::string where = json_path + ", layer " + std::to_string(i);
        if (!e.is_object()) throw InputError(where + " is not an object.");
        const std::string name = e.value("name", std::string());
        if (e.contains("reference") && e["reference"].is_string()) {
            const std::string style = e.contains("style") && e["style"].is_string()
                                          ? resolve(e["style"].get<std::string>())
                                          : std::string();
            try {
                out.references.push_back(
                    read_reference(resolve(e["reference"].get<std::string>()), name, style));
            } catch (const InputError& err) {
                throw InputError(where + ": " + err.what());
            }
        } else if (e.contains("basemap") && e["basemap"].is_string()) {
            Basemap b;
            b.path = resolve(e["basemap"].get<std::string>());
            b.name = name.empty() ? fs::path(b.path).filename().string() : name;
            b.scheme = e.value("scheme", std::string());
            b.opacity = e.value("opacity", 1.0);
            b.grey = e.value("grey", false);
            if (!(b.opacity >= 0.0 && b.opacity <= 1.0))
                throw InputError(where + ": \"opacity\" must be between 0 and 1.");
            try {
                out.descriptions.push_back(raster::check_basemap(b));
            } catch (const InputError& err) {
                throw InputError(where + ": " + err.what());
            }
            out.basemaps.push_back(std::move(b));
        } else {
            throw InputError(where + " has neither \"reference\" nor \"basemap\" (a path).");
        }
    }
    return out;
}

void store_context_set(const ContextSet& set, store::Workspace& ws) {
    for (const auto& r : set.references) ws.replace_reference_layer(r);
    for (const auto& b : set.basemaps) ws.register_basemap(b);
}

}  // namespace pa::io
