#pragma once
// The supply timeline: per zone and per month, 亩 supplied by transfer method (标准地 / 招拍挂 / 协议), land
// in reserve, approved-not-supplied, vacant and idle land at the month's end, and land that became idle in
// the month. Built on land_state_at (land_state.hpp), so it agrees with the map on every month-end date.
#include <map>
#include <string>
#include <vector>

#include "core/analysis/date.hpp"
#include "core/analysis/land_state.hpp"
#include "core/model.hpp"

namespace pa::analysis {

/// One zone, one month. Flows (supplied_*, became_idle_mu) count parcels whose event falls in the month;
/// stocks
/// (*_end_mu) are states on the month's last day. Areas are ellipsoidal 亩.
struct SupplyMonth {
    std::string zone_code;               // "" = in no zone; "*" = all zones together
    int month = 0;                       // Date::month_index()
    double supplied_standard_mu = 0.0;   // 标准地
    double supplied_auction_mu = 0.0;    // 招拍挂
    double supplied_agreement_mu = 0.0;  // 协议
    double supplied_other_mu = 0.0;      // other / not given
    double supplied_total_mu = 0.0;
    int supplied_count = 0;
    double reserve_end_mu = 0.0;                // 储备
    double approved_not_supplied_end_mu = 0.0;  // 批而未供
    double vacant_end_mu = 0.0;                 // available for a new project
    double idle_end_mu = 0.0;                   // idle or reclaimable (exempt excluded)
    double became_idle_mu = 0.0;                // became idle during the month (exempt excluded)
    int became_idle_count = 0;
};

struct SupplyOptions {
    int from_month = Date::from_ymd(2021, 1, 1).month_index();
    int to_month = 0;       // 0 = the month of the latest date in the data
    std::string zone_code;  // "" = every zone (plus the "*" total rows)
};

struct IdleParcel {
    int64_t parcel_id = 0;
    std::string code, zone_code;
    double area_mu = 0.0;
    LandStage stage = LandStage::None;
    IdleInfo idle;
};

struct SupplyReport {
    int from_month = 0, to_month = 0;
    Date as_of;                       // the state snapshot date (last day of to_month unless given)
    std::vector<SupplyMonth> months;  // zone by zone ("*" first), month by month
    /// Area in each land stage on as_of, per zone ("*" = all), 亩; index = int(LandStage).
    std::map<std::string, std::vector<double>> stage_mu;
    std::map<std::string, std::vector<int>> stage_count;
    /// Of 用而未尽 (under_used), the land past its contracted completion date and still unfinished
    /// (逾期未建成).
    std::map<std::string, double> late_unfinished_mu;
    std::map<std::string, int> late_unfinished_count;
    std::vector<IdleParcel> idle;  // parcels with a clock in any status but not_applicable on as_of
};

/// `projects_of_parcel` is LedgerIndex::projects_of_parcel. `as_of` (optional) sets the snapshot date;
/// without it the snapshot is the last day of to_month (or the latest data date when earlier).
SupplyReport supply_report(const std::vector<Parcel>& parcels,
                           const std::vector<std::vector<const Project*>>& projects_of_parcel,
                           const std::vector<Project>& projects, const SupplyOptions& opt,
                           std::optional<Date> as_of = std::nullopt);

}  // namespace pa::analysis
