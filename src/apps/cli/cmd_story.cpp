// parkatlas story -w WORKSPACE [--format table|json] [--add NAME … | --remove NAME | --move NAME --to N]: the
// workspace's storyboard — the saved views the viewer presents in sequence (docs/meeting-room.md). Views are
// mostly made in the viewer (演示脚本 → 添加当前视图); --add makes one from a zone or a box for scripts.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "apps/cli/command.hpp"
#include "core/analysis/classify.hpp"
#include "core/store/workspace.hpp"
#include "render/map_data.hpp"
#include "render/offscreen.hpp"

namespace pa::cli {
namespace {

struct StoryOptions {
    std::string workspace, format = "table", add, remove, move, theme = "invest_intensity", zone, bbox, title,
                           subtitle, as_of, method;
    int to = 0;
    double seconds = 0;
};

nlohmann::json to_json(const StoryView& v, int position) {
    return {{"position", position},
            {"name", v.name},
            {"title", v.title},
            {"subtitle", v.subtitle},
            {"theme", v.theme},
            {"method", v.method},
            {"zone", v.zone},
            {"as_of", v.as_of},
            {"center_lon", v.center_lon},
            {"center_lat", v.center_lat},
            {"height_m", v.height_m},
            {"seconds", v.seconds}};
}

Registrar reg("story", 59, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<StoryOptions>();
    auto* sub = app.add_subcommand(
        "story",
        "List or edit the workspace's storyboard: the saved views the viewer presents in sequence "
        "(F5; PageDown/PageUp step, B blanks, Esc ends).");
    add_workspace_option(sub, o->workspace);
    sub->add_option("--format", o->format, "table | json")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    auto* add =
        sub->add_option("--add", o->add, "Add a view of this name at the end (of --zone, --bbox or all)");
    auto* rm = sub->add_option("--remove", o->remove, "Remove the view of this name")->excludes(add);
    sub->add_option("--move", o->move, "Move the view of this name to position --to (1 = first)")
        ->excludes(add)
        ->excludes(rm);
    sub->add_option("--to", o->to, "--move: the new position, 1 = first");
    sub->add_option("--theme", o->theme, "--add: the theme (as render --theme)")->capture_default_str();
    sub->add_option("--method", o->method,
                    "--add: the classification (as render --method; default: the theme's)");
    sub->add_option("--zone", o->zone, "--add: show this zone (code or name) and filter to it");
    sub->add_option("--bbox", o->bbox, "--add: show minlon,minlat,maxlon,maxlat");
    sub->add_option("--title", o->title, "--add: the title shown while presenting (default: the name)");
    sub->add_option("--subtitle", o->subtitle, "--add: the subtitle");
    sub->add_option("--as-of", o->as_of, "--add: the month of the land-state theme, YYYY-MM");
    sub->add_option("--seconds", o->seconds, "--add: auto-advance after this many seconds (0: by hand)")
        ->check(CLI::Range(0.0, 3600.0));
    return [o]() {
        auto ws =
            store::Workspace::open(o->workspace, o->add.empty() && o->remove.empty() && o->move.empty());
        auto views = ws.load_storyboard();
        auto find = [&](const std::string& name) {
            for (size_t i = 0; i < views.size(); ++i)
                if (views[i].name == name) return static_cast<int>(i);
            std::string names;
            for (const auto& v : views) names += (names.empty() ? "" : ", ") + v.name;
            throw InputError("The storyboard has no view named '" + name + "'" +
                             (names.empty() ? " (it is empty)." : "; its views are: " + names + "."));
        };
        if (!o->add.empty()) {
            for (const auto& v : views)
                if (v.name == o->add)
                    throw InputError("The storyboard already has a view named '" + o->add +
                                     "'; remove it first or choose another name.");
            const auto theme = analysis::theme_from_string(o->theme);
            if (!theme) throw InputError("Unknown --theme '" + o->theme + "' (see parkatlas render --help).");
            if (!o->method.empty() && !analysis::method_from_string(o->method))
                throw InputError("Unknown --method '" + o->method +
                                 "'; use threshold, quantile, equal, jenks or manual.");
            if (!o->as_of.empty() && !analysis::Date::parse_month(o->as_of))
                throw InputError("The --as-of '" + o->as_of + "' is not a month YYYY-MM, e.g. 2022-06.");
            const auto data = render::load_map_data(o->workspace);
            render::RenderRequest req;
            req.width = 1920;
            req.height = 1080;
            req.zone_code = require_zone(data.zones, o->zone);
            if (!o->bbox.empty()) {
                auto b = parse_numbers(o->bbox, "--bbox");
                if (b.size() != 4)
                    throw InputError("The --bbox needs four numbers: minlon,minlat,maxlon,maxlat.");
                req.bbox = std::array<double, 4>{b[0], b[1], b[2], b[3]};
            }
            const auto cam = render::camera_for(data, req);
            StoryView v;
            v.name = o->add;
            v.title = o->title.empty() ? o->add : o->title;
            v.subtitle = o->subtitle;
            v.theme = analysis::to_string(*theme);
            v.method = o->method;  // "" = the theme's default classification
            v.zone = req.zone_code;
            v.as_of = o->as_of;
            const LonLat c = data.proj.lonlat(cam.cx, cam.cy);
            v.center_lon = c.lon;
            v.center_lat = c.lat;
            v.height_m = cam.m_per_px * cam.height;
            v.seconds = o->seconds;
            views.push_back(v);
            ws.save_storyboard(views);
            std::cerr << "added '" << v.name << "' as view " << views.size() << "\n";
            return int(kOk);
        }
        if (!o->remove.empty()) {
            views.erase(views.begin() + find(o->remove));
            ws.save_storyboard(views);
            std::cerr << "removed '" << o->remove << "'\n";
            return int(kOk);
        }
        if (!o->move.empty()) {
            const int from = find(o->move);
            if (o->to < 1 || o->to > static_cast<int>(views.size()))
                throw InputError("--to must be a position from 1 to " + std::to_string(views.size()) + ".");
            auto v = views[static_cast<size_t>(from)];
            views.erase(views.begin() + from);
            views.insert(views.begin() + (o->to - 1), v);
            ws.save_storyboard(views);
            return int(kOk);
        }
        if (o->format == "json") {
            nlohmann::json j = nlohmann::json::array();
            for (size_t i = 0; i < views.size(); ++i) j.push_back(to_json(views[i], static_cast<int>(i) + 1));
            std::cout << j.dump(1) << "\n";
            return int(kOk);
        }
        if (views.empty())
            std::cout << "(the storyboard is empty: add views in the viewer, 视图 → 演示脚本)\n";
        for (size_t i = 0; i < views.size(); ++i)
            std::cout << fmt::format("{:>3}. {:<16} {:<18} {:<10} {}\n", i + 1, views[i].name, views[i].theme,
                                     views[i].zone.empty() ? "-" : views[i].zone, views[i].title);
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
