#pragma once
// A parcel's land state on a chosen date and its idle-land clocks (闲置土地处置办法, 2012). The rules, their
// sources and our readings are in docs/land-states.md; this is the one implementation, used by `parkatlas
// supply`, the supply timeline, the vacant-land finder and the viewer's "as of" slider alike, so the map and
// the CLI agree.
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/date.hpp"
#include "core/model.hpp"

namespace pa::analysis {

/// Where a parcel stands in the land chain (批而未供 -> 供而未用 -> 用而未尽 -> 建而未投 -> 投而未达标 ->
/// 达标).
enum class LandStage {
    None,                 // no record yet on that date (before reserve, approval and supply): 未入库
    Reserved,             // 储备: taken into the land reserve, not approved nor supplied
    ApprovedNotSupplied,  // 批而未供
    SuppliedNotUsed,      // 供而未用: supplied (contract signed), construction not started
    UnderUsed,  // 用而未尽: construction started, parcel not fully developed, not producing (past the
                // contracted completion too: LandState::late_unfinished)
    BuiltNotProducing,     // 建而未投: fully developed (KFBL = 1, or past completion with no KFBL), not
                           // producing
    ProducingBelowTarget,  // 投而未达标: producing industrial land below its committed intensity / the
                           // threshold
    MeetsTarget,      // 达标: producing industrial land meeting its committed intensity / zone threshold
    ProducingNoData,  // 投产(无数据): producing industrial land with no investment figure to compare
    ProducingOther,   // 投产(非工业): producing land that is not industrial (no intensity rule applies)
};
inline constexpr int kLandStageCount = 10;
const char* to_string(LandStage s);  // "none", "reserved", "approved_not_supplied", "supplied_not_used",
                                     // "under_used", "built_not_producing", "producing_below_target",
                                     // "meets_target", "producing_no_data", "producing_other"
/// 未入库, 储备, 批而未供, 供而未用, 用而未尽, 建而未投, 投而未达标, 达标, 投产(无数据), 投产(非工业)
const char* to_zh(LandStage s);

enum class IdleClock { None, LateStart, StalledWork };
const char* to_string(IdleClock c);  // "none" | "late_start" | "stalled_work"
const char* to_zh(IdleClock c);      // "" | 逾期未动工 | 中止开发

enum class IdleStatus {
    NotApplicable,  // no clock runs (not supplied, started and working, or producing)
    NotYetDue,  // the clock starts after the as-of date (a contracted start still ahead); next_deadline is
                // the day the parcel would become idle
    Running,    // a clock runs; next_deadline is the day the parcel becomes idle
    Idle,       // idle since `since`; fee 20% of the land price; next_deadline is the day it may be reclaimed
    Reclaimable,  // idle for two years: may be taken back without compensation (since = when it became idle)
    Exempt,       // would be idle, but the delay is the government's or force majeure (article 8)
};
const char* to_string(IdleStatus s);  // "not_applicable" | "not_yet_due" | "running" | "idle" | "reclaimable"
                                      // | "exempt"
/// "" | 未到期 | 计时中 | 疑似闲置 | 可能无偿收回（待认定） | 免责: idle status is a legal finding only after
/// a 闲置土地认定书, so the words say "suspected" and "pending".
const char* to_zh(IdleStatus s);

struct IdleInfo {
    IdleStatus status = IdleStatus::NotApplicable;
    IdleClock clock = IdleClock::None;
    std::optional<Date>
        clock_start;            // effective contracted start (late start) or the work-stopped date (stalled)
    std::optional<Date> since;  // the day it became (or would have become, if exempt) idle
    std::optional<Date> next_deadline;  // next day a rule runs out ("" when none is left)
    std::string next_deadline_kind;     // "idle" | "reclaim" | ""
    std::optional<double> fee_wan;  // 土地闲置费: 20% of the land price when idle and the price is known
    std::string exempt_reason;      // 政府原因 / 不可抗力 (as delivered)
};

struct LandState {
    LandStage stage = LandStage::None;
    /// Available for a new project on that date: reserved or approved-not-supplied land with no project
    /// signed on it yet.
    bool vacant = false;
    /// 用而未尽 past the contracted completion date (YDJGRQ) and not fully developed: late and unfinished,
    /// told apart from 建而未投 (built, not producing).
    bool late_unfinished = false;
    std::optional<Date>
        started;  // when construction started (as far as the data tell), if on or before as_of
    std::optional<Date> producing;  // when production started, if on or before as_of
    IdleInfo idle;
};

/// The parcel's state on `as_of` from its supply record, its contracted dates and the projects on it (those
/// linked to it in the workspace). Figures without dates (developed/invested shares, ParcelStats) are those
/// delivered.
LandState land_state_at(const Parcel& parcel, const std::vector<const Project*>& projects, Date as_of);

/// The land price fee rate of an idle parcel (闲置土地处置办法 article 14: 20%).
inline constexpr double kIdleFeeShare = 0.20;
/// Stalled-work clock thresholds (article 2): under 1/3 of the area developed or under 25% of the investment
/// made.
inline constexpr double kStalledDevelopedShare = 1.0 / 3.0;
inline constexpr double kStalledInvestedShare = 0.25;

/// The latest date found in the parcels' and projects' date fields (nullopt when none): "now" for the data.
std::optional<Date> latest_data_date(const std::vector<Parcel>& parcels,
                                     const std::vector<Project>& projects);

/// Vacant-land finder (the viewer's and the CLI's): vacant parcels on `as_of` matching every given criterion.
struct VacantQuery {
    Date as_of;
    std::string zone_code;                 // "" = any zone
    std::optional<double> min_mu, max_mu;  // ellipsoidal area range, 亩 (inclusive)
    std::optional<LandUse> landuse;        // nullopt = any
    std::optional<bool> standard_land;     // nullopt = any
};
struct VacantHit {
    size_t parcel_index = 0;  // into the parcels vector
    int64_t parcel_id = 0;
    std::string code, zone_code, landuse_name;
    LandUse landuse = LandUse::Other;
    double area_mu = 0.0;
    bool standard_land = false;
    LandStage stage = LandStage::None;
    double centroid_lon = 0.0, centroid_lat = 0.0;
};
/// `projects_of_parcel` is LedgerIndex::projects_of_parcel (same order as `parcels`). Hits sorted by area,
/// largest first.
std::vector<VacantHit> find_vacant(const std::vector<Parcel>& parcels,
                                   const std::vector<std::vector<const Project*>>& projects_of_parcel,
                                   const VacantQuery& q);

}  // namespace pa::analysis
