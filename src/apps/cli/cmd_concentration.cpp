// parkatlas concentration -w W: location quotients, shares and Herfindahl indices per zone and industry, and
// the nearest-neighbour index per industry. Formulas: docs/clustering.md.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/analysis/concentration.hpp"
#include "core/report/table.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct ConcentrationOptions {
    std::string workspace, by = "invest", area = "hull", format = "table";
};

Registrar reg("concentration", 61, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ConcentrationOptions>();
    auto* sub = app.add_subcommand("concentration",
                                   "How concentrated each industry is: location quotient and share per zone "
                                   "and industry, Herfindahl indices, "
                                   "and the Clark-Evans nearest-neighbour index per industry.");
    add_workspace_option(sub, o->workspace);
    sub->add_option("--by", o->by, "invest (固定资产投资, default), output (年产值) or count (projects)")
        ->check(CLI::IsMember({"invest", "output", "count"}));
    sub->add_option(
           "--study-area", o->area,
           "Area for the nearest-neighbour index: hull (convex hull of all located projects, default) or "
           "zones (the zones' total area)")
        ->check(CLI::IsMember({"hull", "zones"}));
    add_format_option(sub, o->format, {"table", "csv", "json"});
    return [o]() {
        using namespace analysis;
        auto ws = store::Workspace::open(o->workspace, true);
        const ConcentrationBy by = o->by == "output"  ? ConcentrationBy::Output
                                   : o->by == "count" ? ConcentrationBy::Count
                                                      : ConcentrationBy::Invest;
        double zones_area = 0.0;
        auto in = concentration_inputs(ws, by, &zones_area);
        auto r = concentration(in, by, o->area == "zones" ? StudyArea::Zones : StudyArea::Hull, zones_area);
        if (o->format == "json") {
            std::cout << to_json(r).dump(2) << "\n";
            return int(kOk);
        }
        report::Table cells;
        cells.name = "zone_industry";
        cells.headers = {"zone", "industry", "value", "projects", "lq", "share_of_industry", "share_of_zone"};
        cells.decimals = 3;
        for (const auto& c : r.cells)
            cells.rows.push_back({c.zone, c.industry, c.value, int64_t(c.projects), report::cell(c.lq),
                                  c.share_of_industry, c.share_of_zone});
        report::Table inds;
        inds.name = "industries";
        inds.headers = {"industry", "total",     "projects",      "hhi_zones", "zones",
                        "nni_n",    "mean_nn_m", "expected_nn_m", "nni_r",     "nni_z"};
        inds.decimals = 3;
        for (const auto& i : r.industries) {
            std::vector<report::Cell> row = {i.industry, i.total, int64_t(i.projects), i.hhi_zones,
                                             int64_t(i.zones)};
            if (i.nni) {
                row.insert(row.end(),
                           {int64_t(i.nni->n), i.nni->mean_nn_m, i.nni->expected_nn_m, i.nni->r, i.nni->z});
            } else {
                row.insert(row.end(), 5, report::Cell());
            }
            inds.rows.push_back(std::move(row));
        }
        report::Table zones;
        zones.name = "zones";
        zones.headers = {"zone", "total", "hhi_industries"};
        zones.decimals = 3;
        for (const auto& z : r.zones) zones.rows.push_back({z.zone, z.total, z.hhi_industries});
        if (o->format == "csv") {
            std::cout << report::to_csv(cells) << "\n"
                      << report::to_csv(inds) << "\n"
                      << report::to_csv(zones);
            return int(kOk);
        }
        std::cout << "By " << to_string(by) << "; city total " << r.city_total << "; study area "
                  << r.study_area_m2 / 1e6 << " km² (" << to_string(r.study) << ")\n\n"
                  << report::to_text(cells) << "\n"
                  << report::to_text(inds) << "\n"
                  << report::to_text(zones);
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
