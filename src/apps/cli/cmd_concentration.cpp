// parkatlas concentration -w W: location quotients, shares and Herfindahl indices per zone and industry, and
// the nearest-neighbour index per industry. Formulas: docs/clustering.md.
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "apps/cli/command.hpp"
#include "core/analysis/concentration.hpp"
#include "core/common/industry_names.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct ConcentrationOptions {
    std::string workspace, by = "invest", area = "zones", format = "table", lang = "zh", zone;
};

Registrar reg("concentration", 61, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ConcentrationOptions>();
    auto* sub = app.add_subcommand("concentration",
                                   "How concentrated each industry is: location quotient and share per zone "
                                   "and industry, Herfindahl indices, "
                                   "and the Clark-Evans nearest-neighbour index per industry.");
    add_workspace_option(sub, o->workspace);
    sub->add_option(
           "--by", o->by,
           "invest (固定资产投资, default), output (年产值), jobs (就业人数/从业人员: location quotients by "
           "employment, the usual definition) or count (projects)")
        ->check(CLI::IsMember({"invest", "output", "jobs", "count"}));
    sub->add_option(
           "--study-area", o->area,
           "Area for the nearest-neighbour index: zones (the zones' total area, default) or hull (the "
           "convex hull of all located projects, which holds much empty land between the zones and so "
           "makes every industry look clustered)")
        ->check(CLI::IsMember({"hull", "zones"}));
    add_format_option(sub, o->format, {"table", "csv", "json"});
    add_lang_option(sub, o->lang);
    sub->add_option(
        "--zone", o->zone,
        "Only this zone's rows (code, Chinese or English name); the industries' city-wide figures "
        "stay");
    return [o]() {
        using namespace analysis;
        auto ws = store::Workspace::open(o->workspace, true);
        const ConcentrationBy by = o->by == "output"  ? ConcentrationBy::Output
                                   : o->by == "count" ? ConcentrationBy::Count
                                   : o->by == "jobs"  ? ConcentrationBy::Jobs
                                                      : ConcentrationBy::Invest;
        double zones_area = 0.0;
        auto in = concentration_inputs(ws, by, &zones_area);
        auto r = concentration(in, by, o->area == "zones" ? StudyArea::Zones : StudyArea::Hull, zones_area);
        if (!o->zone.empty()) {
            const std::string zone = require_zone(ws.load_zones(false), o->zone);
            std::erase_if(r.cells, [&](const ZoneIndustryCell& c) { return c.zone != zone; });
            std::erase_if(r.zones, [&](const ZoneConcentration& z) { return z.zone != zone; });
        }
        if (o->format == "json") {
            std::cout << to_json(r).dump(2) << "\n";
            return int(kOk);
        }
        const bool en = o->lang == "en";
        auto h = [&](std::initializer_list<std::pair<const char*, const char*>> cols) {
            std::vector<std::string> out;
            for (const auto& [zh, eng] : cols) out.emplace_back(en ? eng : zh);
            return out;
        };
        report::Table cells;
        cells.name = en ? "zone x industry" : "园区×产业";
        cells.headers = h({{"园区", "Zone"},
                           {"产业", "Industry"},
                           {"数值", "Value"},
                           {"项目数", "Projects"},
                           {"区位商", "Location quotient"},
                           {"占该产业比重", "Share of industry"},
                           {"占该园区比重", "Share of zone"}});
        cells.decimals = 3;
        const IndustryNames names =
            en ? IndustryNames::find_and_load({source_config_dir()}) : IndustryNames();
        for (const auto& c : r.cells)
            cells.rows.push_back({c.zone, names.name(c.industry, en), c.value, int64_t(c.projects),
                                  report::cell(c.lq), c.share_of_industry, c.share_of_zone});
        report::Table inds;
        inds.name = en ? "industries" : "产业";
        inds.headers = h({{"产业", "Industry"},
                          {"合计", "Total"},
                          {"项目数", "Projects"},
                          {"园区赫芬达尔指数", "HHI over zones"},
                          {"园区数", "Zones"},
                          {"最近邻点数", "NNI points"},
                          {"平均最近邻距离(米)", "Mean NN (m)"},
                          {"期望最近邻距离(米)", "Expected NN (m)"},
                          {"最近邻指数R", "NNI R"},
                          {"Z值", "z"}});
        inds.decimals = 3;
        for (const auto& i : r.industries) {
            std::vector<report::Cell> row = {names.name(i.industry, en), i.total, int64_t(i.projects),
                                             i.hhi_zones, int64_t(i.zones)};
            if (i.nni) {
                row.insert(row.end(),
                           {int64_t(i.nni->n), i.nni->mean_nn_m, i.nni->expected_nn_m, i.nni->r, i.nni->z});
            } else {
                row.insert(row.end(), 5, report::Cell());
            }
            inds.rows.push_back(std::move(row));
        }
        report::Table zones;
        zones.name = en ? "zones" : "园区";
        zones.headers = h({{"园区", "Zone"}, {"合计", "Total"}, {"产业赫芬达尔指数", "HHI over industries"}});
        zones.decimals = 3;
        for (const auto& z : r.zones) zones.rows.push_back({z.zone, z.total, z.hhi_industries});
        if (o->format == "csv") {
            std::cout << report::to_csv(cells) << "\n"
                      << report::to_csv(inds) << "\n"
                      << report::to_csv(zones);
            return int(kOk);
        }
        // Fixed-point figures: a city total of 62,498,900 万元 never prints as 6.24989e+07.
        const char* by_zh = by == ConcentrationBy::Invest   ? "固定资产投资(万元)"
                            : by == ConcentrationBy::Output ? "年产值(万元)"
                            : by == ConcentrationBy::Jobs   ? "就业人数"
                                                            : "项目数";
        if (en)
            std::cout << fmt::format("By {}; city total {:.2f}; study area {:.2f} km² ({})\n\n",
                                     to_string(by), r.city_total, r.study_area_m2 / 1e6, to_string(r.study));
        else
            std::cout << fmt::format("按{}；全市合计 {:.2f}；研究区面积 {:.2f} 平方公里（{}）\n\n", by_zh,
                                     r.city_total, r.study_area_m2 / 1e6,
                                     r.study == StudyArea::Zones ? "各园区面积之和" : "项目凸包");
        std::cout << report::to_text(cells) << "\n"
                  << report::to_text(inds) << "\n"
                  << report::to_text(zones);
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
