#pragma once
// Per-parcel indicators from the ledger join (docs/indicators.md): investment, output, tax and jobs summed
// over the projects on each parcel (a project on several parcels split by parcel area), intensities per 亩 of
// the parcel's ellipsoidal area, and compliance with the zone's investment-intensity threshold for industrial
// land.
#include <vector>

#include "core/model.hpp"

namespace pa::analysis {

/// Fixed-asset investment intensity thresholds (万元/亩) by zone level. The plan (三.(五).1) sets 500 for
/// national and 300 for provincial zones; it does not name the national new area, which we treat as national
/// by default.
struct ThresholdConfig {
    double national_wan_per_mu = 500.0;
    double national_new_area_wan_per_mu = 500.0;
    double provincial_wan_per_mu = 300.0;
    double for_level(ZoneLevel level) const;
};

/// Project stage rank: 签约 1, 开工 2, 建设 3, 投产 4, 达产 5, anything else 0.
int stage_rank(const std::string& stage);

/// Fills Parcel::stats of every parcel (zone_code must be assigned). Links refer to Project::id and
/// Parcel::id.
void compute_parcel_stats(std::vector<Parcel>& parcels, const std::vector<Project>& projects,
                          const std::vector<Link>& links, const std::vector<Zone>& zones,
                          const ThresholdConfig& cfg = {});

/// Share of each link's project that falls on the link's parcel (parcel area over the area of all parcels of
/// that project; 1 for a project on one parcel). Same order as `links`.
std::vector<double> link_shares(const std::vector<Parcel>& parcels, const std::vector<Link>& links);

}  // namespace pa::analysis
