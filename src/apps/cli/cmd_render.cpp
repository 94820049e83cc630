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
#include "core/output/pdf_page.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"
#include "render/map_data.hpp"
#include "render/offscreen.hpp"
#include "render/palette.hpp"

namespace pa::cli {
namespace {

struct RenderOptions {
    std::string workspace, theme = "invest_intensity", zone, bbox, size = "1600x900", lang = "zh", note,
                           title, out;
    std::string method = "threshold";
    int classes = 5;
    double dpi = 96.0;
    std::string paper = "A4", orientation = "landscape";
    BasemapOptions basemap;
    std::string breaks;
    std::string legend_json;
    std::string as_of;  // land_state: YYYY-MM-DD (default: the latest date of the data)
};

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
    sub->add_option("--method", o->method,
                    "Classification of numeric themes: threshold | quantile | equal | jenks | manual")
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
    sub->add_option("--legend-json", o->legend_json,
                    "Also write the legend as drawn (classes, colours, counts, 亩) to this JSON file");
    return [o, sub]() {
        render::RenderRequest req;
        auto theme = analysis::theme_from_string(o->theme);
        if (!theme)
            throw InputError("Unknown theme '" + o->theme +
                             "'; use invest_intensity, output_intensity, tax_per_mu, compliance, "
                             "supply_status, industry or land_state.");
        req.theme = *theme;
        auto method = analysis::method_from_string(o->method);
        if (!method)
            throw InputError("Unknown --method '" + o->method +
                             "'; use threshold, quantile, equal, jenks or manual.");
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
            const auto box = output::pdf_map_box(paper, pdf_dpi);
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
        req.note = o->note;
        req.title = o->title;
        auto data = render::load_map_data(o->workspace);
        req.zone_code = require_zone(data.zones, o->zone);
        {
            auto ws = store::Workspace::open(o->workspace, true);
            req.references = ws.load_reference_layers();
            req.basemaps = o->basemap.resolve(ws);
        }
        // The date of the dated themes: --as-of, else the latest date in the data.
        const analysis::Date as_of = date_option(o->as_of, "--as-of",
                                                 analysis::latest_data_date(data.parcels, data.projects)
                                                     .value_or(analysis::Date::from_ymd(2023, 12, 31)));
        const std::string as_of_title = std::string(render::theme_title(req.theme, req.lang)) +
                                        (req.lang == render::Lang::En ? " · as of " : " · 截至 ") +
                                        as_of.iso();
        if (req.theme == analysis::Theme::LandState) {
            const auto ix = analysis::index_ledger(data.parcels, data.projects, data.links, data.zones);
            const auto snap = analysis::land_state_snapshot(data.parcels, ix.projects_of_parcel, as_of);
            req.classify.land_state_class = snap.classes();
            req.highlight_parcels = snap.idle_parcels();
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
                req.title = std::string(render::theme_title(req.theme, req.lang)) + " · " +
                            std::to_string(year) + " · " + cfg.preset;
        } else if (req.theme == analysis::Theme::Fulfilment) {
            req.classify.fulfilment_class =
                evaluation::fulfilment_classes(data.zones, data.parcels, data.projects, data.links, as_of);
            if (req.title.empty()) req.title = as_of_title;
        } else if (!o->as_of.empty()) {
            throw InputError("--as-of applies to --theme land_state, grade and fulfilment only.");
        }
        auto res = render::render_offscreen(data, req);
        if (pdf) {
            output::PdfPageText text;
            text.title = req.title;
            if (text.title.empty()) {
                std::string where = render::tr("map.zone_all", req.lang);
                for (const auto& z : data.zones)
                    if (z.code == req.zone_code)
                        where = req.lang == render::Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
                text.title = where + " · " + render::theme_title(req.theme, req.lang);
            }
            text.note = req.note.empty() ? render::tr("map.note.default", req.lang) : req.note;
            text.source =
                std::string(render::tr("map.source", req.lang)) + ": " + data.data_source + " · ParkAtlas";
            output::write_pdf_page(o->out, paper, pdf_dpi, res.rgba, text);
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
