// parkatlas render -w WORKSPACE --theme THEME [--zone CODE | --bbox …] [--size WxH] [--lang zh|en] [--note
// TEXT]
// [--title TEXT] --out map.png: the viewer's map picture with legend and furniture, offscreen through EGL (no
// window, no X display).
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "apps/cli/basemap_options.hpp"
#include "apps/cli/command.hpp"
#include "core/analysis/classify.hpp"
#include "core/analysis/land_state_replay.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/common/error.hpp"
#include "core/common/industry_names.hpp"
#include "core/common/output_file.hpp"
#include "core/evaluation/grade.hpp"
#include "core/evaluation/review.hpp"
#include "core/output/pdf_map.hpp"
#include "core/output/pdf_page.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"
#include "render/map_data.hpp"
#include "render/map_view.hpp"
#include "render/offscreen.hpp"
#include "render/palette.hpp"
#include "render/pdf_page_builder.hpp"

namespace pa::cli {
namespace {

struct RenderOptions {
    std::string workspace, theme = "invest_intensity", zone, bbox, size = "1600x900", lang = "zh", note,
                           title, out;
    std::string method = "auto";
    int classes = analysis::kDefaultClassCount;
    float font_scale = 1.0f;
    double dpi = 96.0;
    std::string paper = "A4", orientation = "landscape";
    BasemapOptions basemap;
    std::string breaks;
    std::string legend_json;
    std::string as_of;          // land_state: YYYY-MM-DD (default: the latest date of the data)
    std::string view;           // a storyboard view to draw
    std::string org, map_date;  // PDF footer: 制图单位, 制图日期
};

/// The map's data: the whole workspace, or (a large one, render/map_view.hpp) the parcels of the picture's
/// view at the level of detail its scale needs: the whole extent, the --bbox or the zone's outline.
render::MapData load_for_render(const std::string& workspace, const render::RenderRequest& req,
                                const std::string& zone) {
    int64_t parcels = 0;
    if (!render::reads_by_view(workspace, &parcels)) return render::load_map_data(workspace);
    render::ViewRequest vr;
    vr.width = req.width;
    vr.height = req.height;
    BBox box;
    if (req.bbox) {
        box.expand(LonLat{(*req.bbox)[0], (*req.bbox)[1]});
        box.expand(LonLat{(*req.bbox)[2], (*req.bbox)[3]});
    }
    render::ViewRequest frame = vr;  // the zones and the plane first, to place the picture's camera
    frame.frame_only = !box.empty() || !zone.empty();
    render::MapData whole = render::load_map_data_view(workspace, frame);
    render::MapData data;
    if (!frame.frame_only) {
        data = std::move(whole);
    } else {
        // The picture's camera as render places it (beside the legend and the title), and a margin for what
        // the parcels of the view change in it.
        const render::Camera c = render::camera_for(whole, req);
        vr.box = render::camera_view_box(c, whole.proj, 0.25);
        vr.m_per_px = c.m_per_px;
        data = render::load_map_data_view(workspace, vr);
    }
    std::cerr << "note: " << parcels << " parcels, read by view: " << data.parcels.size()
              << (data.view.level < 0
                      ? " parcels in the picture, with their geometry"
                      : " parcels drawn, one per cell of level " + std::to_string(data.view.level) +
                            " (about " + std::to_string(static_cast<int>(data.view.cell_m)) +
                            " m); the legend counts those")
              << "\n";
    return data;
}

Registrar reg("render", 60, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<RenderOptions>();
    auto* sub = app.add_subcommand("render",
                                   "Draw the map of a workspace to a PNG, offscreen (no window, no X "
                                   "display): theme colours, legend, scale bar, north arrow, title, note.");
    add_workspace_option(sub, o->workspace);
    sub->add_option("--theme", o->theme,
                    "invest_intensity | output_intensity | tax_per_mu | compliance | supply_status | "
                    "industry | land_state")
        ->capture_default_str();
    auto* zone =
        sub->add_option("--zone", o->zone, "Zone code: fit the picture to its parcels and colour only them");
    sub->add_option("--bbox", o->bbox, "minlon,minlat,maxlon,maxlat (CGCS2000 degrees)")->excludes(zone);
    sub->add_option("--size", o->size, "Picture size WxH in pixels")->capture_default_str();
    o->basemap.add(sub);
    sub->add_option("--dpi", o->dpi,
                    "Resolution written into the PNG (pHYs), so that a slide or a print places it at size; "
                    "e.g. 300 for a 1600x900 picture 13.5 cm wide")
        ->check(CLI::Range(30.0, 2400.0))
        ->capture_default_str();
    sub->add_option("--lang", o->lang, "zh | en")->check(CLI::IsMember({"zh", "en"}))->capture_default_str();
    sub->add_option("--note", o->note, "Footer note (default: 示意图 · 内部资料)");
    sub->add_option("--title", o->title, "Title (default: zone · theme)");
    sub->add_option("--org", o->org, "PDF: 制图单位, the mapping organisation printed in the footer");
    sub->add_option("--map-date", o->map_date, "PDF: 制图日期 printed in the footer (default: today)");
    sub->add_option(
           "--method", o->method,
           "Classification of numeric themes: auto | threshold | quantile | equal | jenks | manual. "
           "auto (the default) picks the theme's own: zone thresholds (300 / 500 万元/亩) for "
           "invest_intensity, Jenks natural breaks (--classes, 5) for output_intensity and tax_per_mu")
        ->capture_default_str();
    sub->add_option("--classes", o->classes, "Number of classes for quantile / equal / jenks")
        ->capture_default_str();
    sub->add_option("--breaks", o->breaks, "Manual breaks, e.g. 100,300,500 (with --method manual)");
    sub->add_option(
           "--out", o->out,
           "Output file: .png, or .pdf for a print-ready page (--paper, --orientation; title and notes "
           "as real text)")
        ->required();
    sub->add_option("--paper", o->paper, "PDF: paper size A4 (default), A3, A2, A1 or A0")
        ->capture_default_str();
    sub->add_option("--orientation", o->orientation, "PDF: landscape (default) or portrait")
        ->check(CLI::IsMember({"landscape", "portrait"}))
        ->capture_default_str();
    sub->add_option(
        "--as-of", o->as_of,
        "land_state: the date of the land states, YYYY-MM-DD (default: the latest date in the data); the "
        "same states as `parkatlas supply --as-of`, idle parcels outlined in red");
    sub->add_option(
        "--view", o->view,
        "Draw this storyboard view (parkatlas story): its camera, theme, classification, filters, "
        "date, title and subtitle; options given explicitly still win");
    sub->add_option("--legend-json", o->legend_json,
                    "Also write the legend as drawn (classes, colours, counts, 亩; its extra rows, and where "
                    "the furniture and the zone labels went) to this JSON file");
    sub->add_option(
           "--font-scale", o->font_scale,
           "Multiplies the type scale: title, legend, zone labels, scale bar and north arrow together "
           "(1: the standard size; 1.4: the presentation default for a projector, the legend's "
           "characters at least 2.5 % of the picture's height)")
        ->check(CLI::Range(0.5f, 3.0f))
        ->capture_default_str();
    return [o, sub]() {
        // A storyboard view fills in what the command line leaves out.
        std::optional<StoryView> view;
        if (!o->view.empty()) {
            for (const auto& v : store::Workspace::open(o->workspace, true).load_storyboard())
                if (v.name == o->view) view = v;
            if (!view)
                throw InputError("The storyboard has no view named '" + o->view +
                                 "' (list them with: parkatlas story -w WORKSPACE).");
            if (!sub->count("--theme")) o->theme = view->theme;
            if (!sub->count("--method") && !view->method.empty()) o->method = view->method;
            if (!sub->count("--classes")) o->classes = view->classes;
            if (!sub->count("--breaks") && !view->breaks.empty()) {
                o->breaks.clear();
                for (double b : view->breaks) o->breaks += (o->breaks.empty() ? "" : ",") + std::to_string(b);
            }
            if (!sub->count("--zone") && !sub->count("--bbox")) o->zone = view->zone;
            if (!sub->count("--as-of") && !view->as_of.empty())
                if (auto mi = analysis::Date::parse_month(view->as_of))
                    o->as_of = analysis::Date::month_end(*mi).iso();
            if (!sub->count("--title")) o->title = view->title.empty() ? view->name : view->title;
        }
        render::RenderRequest req;
        auto theme = analysis::theme_from_string(o->theme);
        if (!theme)
            throw InputError("Unknown theme '" + o->theme +
                             "'; use invest_intensity, output_intensity, tax_per_mu, compliance, "
                             "supply_status, industry or land_state.");
        req.theme = *theme;
        auto method = analysis::method_for_theme(o->method, req.theme);
        if (!method)
            throw InputError("Unknown --method '" + o->method +
                             "'; use auto, threshold, quantile, equal, jenks or manual.");
        req.classify.method = *method;
        req.classify.class_count = std::clamp(o->classes, 2, 9);
        req.classify.industry_names = IndustryNames::find_and_load({source_config_dir()});
        if (!o->breaks.empty()) req.classify.manual_breaks = parse_numbers(o->breaks, "--breaks");
        for (size_t i = 1; i < req.classify.manual_breaks.size(); ++i)
            if (!(req.classify.manual_breaks[i] > req.classify.manual_breaks[i - 1]))
                throw InputError("--breaks '" + o->breaks +
                                 "' must be in increasing order, e.g. 100,300,500.");
        if (*method == analysis::Method::Manual && req.classify.manual_breaks.empty())
            throw InputError("--method manual needs --breaks, e.g. --breaks 100,300,500.");
        std::tie(req.width, req.height) = parse_size(o->size);
        // A PDF page: the map picture fills the page's map box at print resolution (200 dpi unless --dpi).
        const bool pdf = report::extension_of(o->out) == "pdf";
        const auto paper = output::paper_size(o->paper, o->orientation);
        const double pdf_dpi = sub->count("--dpi") ? o->dpi : 200.0;
        if (pdf) {
            const auto box = output::pdf_vector_map_box(paper, pdf_dpi);
            req.width = box.width_px;
            req.height = box.height_px;
            req.title_block = false;
        }
        if (!o->bbox.empty()) {
            auto v = parse_numbers(o->bbox, "--bbox");
            if (v.size() != 4)
                throw InputError("The --bbox needs four numbers: minlon,minlat,maxlon,maxlat.");
            req.bbox = std::array<double, 4>{v[0], v[1], v[2], v[3]};
        }
        req.zone_code = o->zone;
        req.lang = render::lang_from_string(o->lang);
        req.font_scale = o->font_scale;
        req.note = o->note;
        req.title = o->title;
        auto data = load_for_render(o->workspace, req, o->zone);
        req.zone_code = require_zone(data.zones, o->zone);
        if (view) {
            req.subtitle = view->subtitle;
            analysis::ParcelFilter f;
            f.zone_code = req.zone_code;
            f.industry = view->industry;
            f.stage = view->stage;
            f.enterprise_kind = view->enterprise_kind;
            if (!view->supply_status.empty())
                f.supply_status = supply_status_from_string(view->supply_status);
            req.filter = f;
            if (!sub->count("--zone") && !sub->count("--bbox") && view->height_m > 0) {
                // The view's camera as a box of the picture's shape around its centre.
                const double hh = view->height_m / 2, hw = hh * req.width / std::max(1, req.height);
                const auto [cx, cy] = data.proj.xy(view->center_lon, view->center_lat);
                const LonLat lo = data.proj.lonlat(cx - hw, cy - hh), hi = data.proj.lonlat(cx + hw, cy + hh);
                req.bbox = std::array<double, 4>{lo.lon, lo.lat, hi.lon, hi.lat};
            }
        }
        {
            auto ws = store::Workspace::open(o->workspace, true);
            req.references = ws.load_reference_layers();
            req.basemaps = o->basemap.resolve(ws);
        }
        // The date of the dated themes: --as-of, else the latest date in the data.
        const analysis::Date as_of = date_option(o->as_of, "--as-of",
                                                 analysis::latest_data_date(data.parcels, data.projects)
                                                     .value_or(analysis::Date::from_ymd(2023, 12, 31)));
        // The zone shown heads the dated titles as it heads the others ("贵安新区 · 土地状态 · 截至 …").
        std::string zone_prefix;
        for (const auto& z : data.zones)
            if (!req.zone_code.empty() && z.code == req.zone_code)
                zone_prefix =
                    (req.lang == render::Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh) + " · ";
        const std::string as_of_title = zone_prefix + render::theme_title(req.theme, req.lang) +
                                        (req.lang == render::Lang::En ? " · as of " : " · 截至 ") +
                                        as_of.iso();
        if (req.theme == analysis::Theme::LandState) {
            const auto ix = analysis::index_ledger(data.parcels, data.projects, data.links, data.zones);
            const auto snap = analysis::land_state_snapshot(data.parcels, ix.projects_of_parcel, as_of);
            req.classify.land_state_class = snap.classes();
            // Idle outlines of the zone shown only (the others are greyed out), with their legend row.
            for (int i : snap.idle_parcels())
                if (req.zone_code.empty() ||
                    (i >= 0 && static_cast<size_t>(i) < data.parcels.size() &&
                     data.parcels[static_cast<size_t>(i)].zone_code == req.zone_code))
                    req.highlight_parcels.push_back(i);
            req.highlight_label = render::tr("timeline.idle", req.lang);
            if (req.title.empty()) req.title = as_of_title;
        } else if (req.theme == analysis::Theme::Grade) {
            // The default preset (config/evaluation.json) for the year of --as-of, else of the latest data.
            const auto cfg = evaluation::EvaluationConfig::load(
                evaluation::find_evaluation_config({source_config_dir()}), "");
            const int year = as_of.ymd().y;
            const auto ev =
                evaluation::evaluate(data.zones, data.parcels, data.projects, data.links, cfg, year);
            req.classify.grade_class =
                evaluation::parcel_grades(ev, data.parcels, data.projects, data.links).parcel_class;
            if (req.title.empty())
                req.title = zone_prefix + render::theme_title(req.theme, req.lang) + " · " +
                            std::to_string(year) + " · " + cfg.preset;
        } else if (req.theme == analysis::Theme::Fulfilment) {
            req.classify.fulfilment_class =
                evaluation::fulfilment_classes(data.zones, data.parcels, data.projects, data.links, as_of);
            if (req.title.empty()) req.title = as_of_title;
        } else if (!o->as_of.empty()) {
            throw InputError("--as-of applies to --theme land_state, grade and fulfilment only.");
        }
        auto res = render::render_offscreen(data, req);
        // The title as drawn (without --title: the zone, or all zones, and the theme).
        const std::string shown_title =
            req.title.empty() ? render::default_map_title(data.zones, req.zone_code, req.theme, req.lang)
                              : req.title;
        if (pdf) {  // the page in vector: parcels, zones, roads, labels, legend and texts as paths and text
            render::PdfTexts text;
            text.title = shown_title;
            text.subtitle = req.subtitle;
            text.note = req.note.empty() ? render::tr("map.note.default", req.lang) : req.note;
            text.source =
                std::string(render::tr("map.source", req.lang)) + ": " + data.data_source + " · ParkAtlas";
            if (!o->org.empty()) text.org = std::string(render::tr("map.org", req.lang)) + ": " + o->org;
            text.date = std::string(render::tr("map.date", req.lang)) + ": " +
                        (o->map_date.empty() ? analysis::Date::today().iso() : o->map_date);
            std::vector<std::string> notes;
            const auto page = render::build_pdf_map_page(data, req, paper, pdf_dpi, text, nullptr, notes);
            output::write_pdf_map(o->out, page);
            for (const auto& n : notes) std::cerr << "note: " << n << "\n";
        } else {
            render::write_png(o->out, res.width, res.height, res.rgba, o->dpi);
        }
        if (!o->legend_json.empty()) {
            const auto colors = render::class_colors(res.classification);
            nlohmann::json j;
            j["theme"] = analysis::to_string(req.theme);
            j["method"] = analysis::to_string(res.classification.method);
            j["zone"] = req.zone_code;
            j["shown_count"] = res.classification.shown_count;
            j["shown_area_mu"] = res.classification.shown_area_mu;
            j["breaks"] = res.classification.breaks;
            auto& cl = j["classes"] = nlohmann::json::array();
            for (size_t i = 0; i < res.classification.classes.size(); ++i) {
                const auto& c = res.classification.classes[i];
                char hex[8];
                std::snprintf(hex, sizeof hex, "#%02x%02x%02x", colors[i].r, colors[i].g, colors[i].b);
                cl.push_back({{"key", c.key},
                              {"label_zh", c.label_zh},
                              {"label_en", c.label_en},
                              {"count", c.count},
                              {"area_mu", c.area_mu},
                              {"color", hex}});
            }
            // Added keys (the ones above are unchanged): the rows under the classes, the type scale, and
            // where the furniture, the zone labels and the shown zone's parts went on the picture (pixels,
            // [x0, y0, x1, y1], y down).
            j["title"] = shown_title;
            j["font_scale"] = req.font_scale;
            j["project_markers"] = res.project_markers;
            auto& extra = j["extra_rows"] = nlohmann::json::array();
            if (!req.highlight_label.empty()) {
                double mu = 0;
                for (int i : req.highlight_parcels) mu += data.parcels[static_cast<size_t>(i)].area_mu;
                extra.push_back({{"key", "highlight"},
                                 {"label", req.highlight_label},
                                 {"count", req.highlight_parcels.size()},
                                 {"area_mu", mu},
                                 {"color", "#c81428"}});
            }
            if (res.project_markers)
                extra.push_back({{"key", "projects"}, {"label", render::tr("legend.projects", req.lang)}});
            const auto box = [](const render::ScreenRect& r) {
                return nlohmann::json::array({r.x0, r.y0, r.x1, r.y1});
            };
            const auto& lay = res.overlay;
            auto& jl = j["layout"];
            jl["width"] = res.width;
            jl["height"] = res.height;
            auto& furn = jl["furniture"] = nlohmann::json::object();
            const std::pair<const char*, const render::ScreenRect*> parts[] = {
                {"title", &lay.title},
                {"footer", &lay.footer},
                {"scale_bar", &lay.scale_bar},
                {"north_arrow", &lay.north_arrow},
                {"legend", &lay.legend}};
            for (const auto& [name, r] : parts)
                if (r->x1 > r->x0 && r->y1 > r->y0) furn[name] = box(*r);
            const auto& lb = lay.legend_box;
            jl["legend_text_px"] = lb.text_px;
            jl["legend_em_px"] = lb.em_px;
            jl["legend_fits"] = lb.fits;
            jl["legend_columns"] = {{"label_x", lb.label_x},     {"count_right", lb.count_right},
                                    {"count_width", lb.count_w}, {"mu_right", lb.mu_right},
                                    {"mu_width", lb.mu_w},       {"gap", lb.gap}};
            auto& labels = jl["labels"] = nlohmann::json::array();
            for (const auto& l : lay.labels) {
                nlohmann::json jlab = {{"zone", data.zones[static_cast<size_t>(l.zone)].code},
                                       {"text", l.text},
                                       {"box", box(l.rect)}};
                if (l.leader) jlab["leader"] = {l.leader_x0, l.leader_y0, l.leader_x1, l.leader_y1};
                labels.push_back(jlab);
            }
            // The zone shown (or every zone): each part's box on the picture.
            auto& zparts = jl["zone_parts"] = nlohmann::json::array();
            for (const auto& a : data.zone_drawing.anchors) {
                const auto& z = data.zones[static_cast<size_t>(a.zone)];
                if (!req.zone_code.empty() && z.code != req.zone_code) continue;
                const auto& c = res.camera;
                zparts.push_back({{"zone", z.code},
                                  {"largest", a.largest},
                                  {"box",
                                   {c.screen_x(a.box.min_x), c.screen_y(a.box.max_y), c.screen_x(a.box.max_x),
                                    c.screen_y(a.box.min_y)}}});
            }
            write_output_bytes(o->legend_json, j.dump(1) + "\n");
        }
        for (const auto& n : res.notes) std::cerr << "note: " << n << "\n";
        std::cerr << "wrote " << o->out << " (" << res.width << "x" << res.height << ", "
                  << res.classification.shown_count << " parcels, " << res.renderer << ")\n";
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
