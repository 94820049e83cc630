#pragma once
// The per-zone report (docs/indicators.md): per zone and in total, parcel count, ellipsoidal 亩, investment,
// output and tax with their intensities over industrial land, compliance counts, land by supply status and
// funds in place by year. Computed from stored parcels (with their ParcelStats), projects and links.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/indicators.hpp"
#include "core/model.hpp"
#include "core/report/table.hpp"

namespace pa::analysis {

struct ZoneSummary {
    std::string code, name, name_en, level;
    std::optional<double> threshold_wan_per_mu;  // none for the totals
    int64_t parcel_count = 0;
    double area_mu = 0.0;  // ellipsoidal, all parcels
    int64_t industrial_parcel_count = 0;
    double industrial_area_mu = 0.0;
    double industrial_with_figures_mu = 0.0;  // denominator of invest_intensity_wan_per_mu
    double fixed_asset_invest_wan = 0.0;      // on all parcels
    std::optional<double> invest_intensity_wan_per_mu;
    double output_wan = 0.0;
    std::optional<double> output_intensity_wan_per_mu;
    double tax_wan = 0.0;
    std::optional<double> tax_wan_per_mu;
    // Over producing industrial land only (a project on it 投产 or 达产): the denominator a bureau uses for
    // output and tax per 亩, so land still being built does not dilute them (docs/indicators.md).
    double producing_mu = 0.0;
    std::optional<double> output_wan_per_producing_mu, tax_wan_per_producing_mu;
    double jobs = 0.0;
    int64_t project_count = 0;
    int64_t compliant_parcels = 0, noncompliant_parcels = 0, nodata_parcels = 0;
    // The same test on the investment actually made (committed investment × the invested share TZBL), side by
    // side with the committed one; parcels without TZBL are "no data" here.
    int64_t compliant_actual_parcels = 0, noncompliant_actual_parcels = 0, nodata_actual_parcels = 0;
    std::map<std::string, double> area_mu_by_supply_status;  // key: SupplyStatus name
    std::map<std::string, double> funds_wan_by_year;         // "2021".."2023"
};

struct ZoneReport {
    std::vector<ZoneSummary> zones;
    ZoneSummary totals;
};

/// Which denominator the report's table uses for output and tax per 亩 (the JSON gives both).
enum class PerMuDenominator { Producing, WithProjects };

ZoneReport summarise(const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                     const std::vector<Project>& projects, const std::vector<Link>& links,
                     const ThresholdConfig& cfg = {});

/// {"zones": [...], "totals": {...}} with the keys documented in docs/cli.md (report).
nlohmann::json to_json(const ZoneReport& r);
/// The per-zone table with a totals row; Chinese headers unless `english`.
report::Table to_table(const ZoneReport& r, bool english,
                       PerMuDenominator denominator = PerMuDenominator::Producing);

}  // namespace pa::analysis
