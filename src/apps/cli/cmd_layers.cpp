// parkatlas layers -w WORKSPACE [--remove NAME] [--format table|json]: the context layers a workspace holds
// (reference layers and registered basemaps), in drawing order, and removing one by name.
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "apps/cli/command.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct LayersOptions {
    std::string workspace, remove, format = "table";
};

Registrar reg("layers", 12, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<LayersOptions>();
    auto* sub = app.add_subcommand(
        "layers",
        "List the workspace's context layers (basemaps under the map, reference layers over it) or "
        "remove one by name; zones, parcels and the ledger are never touched.");
    add_workspace_option(sub, o->workspace);
    sub->add_option("--remove", o->remove, "Remove the basemap and/or reference layer of this name");
    sub->add_option("--format", o->format, "table | json")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    return [o]() {
        if (!o->remove.empty()) {
            auto ws = store::Workspace::open(o->workspace, false);
            if (ws.remove_context_layer(o->remove) == 0) {
                std::string names;
                for (const auto& b : ws.load_basemaps()) names += (names.empty() ? "" : ", ") + b.name;
                for (const auto& r : ws.load_reference_layers())
                    names += (names.empty() ? "" : ", ") + r.name;
                throw InputError("The workspace has no basemap or reference layer named '" + o->remove + "'" +
                                 (names.empty() ? " (it has none)." : "; it has: " + names + "."));
            }
            std::cout << "removed '" << o->remove << "'\n";
            return int(kOk);
        }
        auto ws = store::Workspace::open(o->workspace, true);
        const auto basemaps = ws.load_basemaps();
        const auto refs = ws.load_reference_layers();
        if (o->format == "json") {
            nlohmann::json j;
            auto& jb = j["basemaps"] = nlohmann::json::array();
            for (const auto& b : basemaps) {
                std::error_code ec;
                jb.push_back({{"name", b.name},
                              {"path", b.path},
                              {"scheme", b.scheme},
                              {"opacity", b.opacity},
                              {"grey", b.grey},
                              {"reachable", std::filesystem::exists(b.path, ec)}});
            }
            auto& jr = j["reference_layers"] = nlohmann::json::array();
            for (const auto& r : refs) {
                char hex[10];
                std::snprintf(hex, sizeof hex, "#%02x%02x%02x%02x", r.style.r, r.style.g, r.style.b,
                              r.style.a);
                jr.push_back({{"name", r.name},
                              {"source", r.source_path},
                              {"features", r.features.size()},
                              {"color", hex},
                              {"width_px", r.style.width_px},
                              {"label_field", r.style.label_field}});
            }
            std::cout << j.dump(1) << "\n";
            return int(kOk);
        }
        std::cout << "basemaps (drawn under the map, in this order):\n";
        if (basemaps.empty()) std::cout << "  (none; parkatlas import -w WS --basemap FILE)\n";
        for (const auto& b : basemaps) {
            std::error_code ec;
            std::cout << fmt::format("  {:<20} {}{}  opacity {:.2f}{}{}\n", b.name, b.path,
                                     b.scheme.empty() ? "" : "  [" + b.scheme + "]", b.opacity,
                                     b.grey ? ", grey" : "",
                                     std::filesystem::exists(b.path, ec) ? "" : "  (not reachable here)");
        }
        std::cout << "reference layers (drawn over the parcels, in this order):\n";
        if (refs.empty()) std::cout << "  (none; parkatlas import -w WS --reference FILE)\n";
        for (const auto& r : refs)
            std::cout << fmt::format("  {:<20} {} features from {}\n", r.name, r.features.size(),
                                     r.source_path);
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
