#pragma once
// The basemap options `render` and `animate` share: the workspace's registered basemaps (import --basemap)
// are drawn unless --no-basemaps; --basemap adds rasters or tile folders for this picture only; the opacity
// and grey switches, when given, apply to all of them.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/model.hpp"
#include "core/raster/basemap_source.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {

struct BasemapOptions {
    std::vector<std::string> paths;
    std::string scheme;
    double opacity = 1.0;
    bool grey = false, none_registered = false;
    CLI::Option* opacity_opt = nullptr;
    CLI::Option* grey_opt = nullptr;

    void add(CLI::App* sub) {
        sub->add_option(
               "--basemap", paths,
               "A raster (GeoTIFF/COG, GeoPackage tiles, MBTiles, … any CRS) or a folder of XYZ tiles "
               "drawn under the map, after the workspace's registered basemaps; repeatable")
            ->check(CLI::ExistingPath);
        sub->add_option("--tile-scheme", scheme,
                        "--basemap tile folders: webmercator (default), gcj02 (Gaode/Tencent tiles) or "
                        "cgcs2000 (Tianditu _c)")
            ->check(CLI::IsMember({"webmercator", "gcj02", "cgcs2000"}));
        opacity_opt = sub->add_option("--basemap-opacity", opacity,
                                      "Opacity of the basemaps, 0-1 (default: each "
                                      "one's registered opacity, else 1)")
                          ->check(CLI::Range(0.0, 1.0));
        grey_opt =
            sub->add_flag("--basemap-grey", grey,
                          "Draw the basemaps in grey, so the theme's colours stay readable over imagery");
        sub->add_flag("--no-basemaps", none_registered, "Leave out the workspace's registered basemaps");
    }

    /// The basemaps to draw, in order.
    std::vector<Basemap> resolve(store::Workspace& ws) const {
        std::vector<Basemap> out;
        if (!none_registered) out = raster::for_this_desk(ws.load_basemaps());  // this desk's own paths
        for (const auto& p : paths) {
            Basemap b;
            b.name = p;
            b.path = p;
            b.scheme = scheme;
            out.push_back(b);
        }
        for (auto& b : out) {
            if (opacity_opt && opacity_opt->count()) b.opacity = opacity;
            if (grey_opt && grey_opt->count()) b.grey = grey;
        }
        return out;
    }
};

}  // namespace pa::cli
