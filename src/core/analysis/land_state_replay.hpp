#pragma once
// The land-state map theme and its month-by-month replay (the viewer's "as of" slider and `parkatlas render
// --theme land_state --as-of`). Every class comes from land_state_at (land_state.hpp), the function
// `parkatlas supply` uses, so the map on a date and the CLI on that date agree. Pure computation: no UI, no
// colours.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis/classify.hpp"
#include "core/analysis/date.hpp"
#include "core/analysis/land_state.hpp"
#include "core/common/index_lists.hpp"
#include "core/model.hpp"

namespace pa::analysis {

/// Legend classes of the land-state theme, in legend order. `Vacant` takes the reserved /
/// approved-not-supplied parcels that are vacant (LandState::vacant: no project signed on them yet); 储备 and
/// 批而未供 then hold the ones with a project signed. `None` (未入库) is the theme's "no data" class.
enum class LandStateClass : uint8_t {
    Vacant,
    Reserved,
    ApprovedNotSupplied,
    SuppliedNotUsed,
    UnderUsed,
    BuiltNotProducing,
    ProducingBelowTarget,
    MeetsTarget,
    ProducingNoData,
    ProducingOther,
    None,
};
inline constexpr int kLandStateClassCount = 11;
const char* to_string(LandStateClass c);  // "vacant", "reserved", …, "meets_target", "none"
const char* to_zh(LandStateClass c);      // 可供地(空闲), 储备, 批而未供, …, 达标, 未入库
const char* to_en(LandStateClass c);
/// The class of one parcel's state.
LandStateClass land_state_class(const LandState& s);
/// The legend classes (keys and labels, counts zero) in LandStateClass order.
std::vector<ThemeClass> land_state_theme_classes();

/// Every parcel's class and idle flag on one date.
struct LandStateSnapshot {
    Date as_of;
    /// Per parcel (same order as the parcels), one byte: its LandStateClass in the low 7 bits, kIdleBit when
    /// it is idle or reclaimable on as_of (exempt, running: not). A replay holds one snapshot a month: at a
    /// million parcels and six years, one byte each is 70 MB.
    std::vector<uint8_t> state;
    static constexpr uint8_t kIdleBit = 0x80;
    size_t size() const { return state.size(); }
    uint8_t parcel_class(size_t i) const { return state[i] & uint8_t(~kIdleBit); }
    bool idle(size_t i) const { return (state[i] & kIdleBit) != 0; }
    std::vector<int> idle_parcels() const;  // indices of the idle parcels
    /// The per-parcel class as ClassifyOptions::land_state_class wants it.
    std::vector<int> classes() const;
};

/// `projects_of_parcel` is LedgerIndex::projects_of_parcel (same order as `parcels`).
LandStateSnapshot land_state_snapshot(const std::vector<Parcel>& parcels,
                                      const std::vector<std::vector<const Project*>>& projects_of_parcel,
                                      Date as_of);

/// Figures of the projects on a date for the replay panel.
struct ReplayTotals {
    int signed_projects = 0;         // signed on or before the date (blank 签约日期 = signed)
    double signed_invest_wan = 0.0;  // their 总投资 (固定资产投资 when blank), 万元
    /// 到位资金 in place by the date, 万元: the years before the date's year in full, plus the date's year
    /// pro rata by month (the ledger has yearly figures only: month m of year Y counts m/12 of 到位资金_Y).
    /// On 31 December 2023 this is the ledger's whole 2021-2023 sum, the figure `parkatlas targets` reports.
    double funds_in_place_wan = 0.0;
};
ReplayTotals replay_totals_at(const std::vector<Project>& projects, Date as_of);

/// Whether a project shows on the map on a date (signed on or before it; the same test as replay_totals_at).
bool project_signed_by(const Project& p, Date as_of);

/// The month-by-month replay: one snapshot per month end, first_month..last_month (Date::month_index()),
/// computed once (4,470 parcels x 36 months of land_state_at take well under a second), so that moving the
/// slider only looks a month up. Held as the first month whole and, for every later month, the parcels whose
/// state changed (a million parcels over six years: a few MB, where whole months took 70 MB).
struct LandStateReplay {
    int first_month = 0, last_month = -1;
    std::vector<ReplayTotals> totals;  // per month end
    LandStateSnapshot first;           // first_month's, whole
    /// Per month after the first: (parcel, its state byte) for the parcels whose state differs from the month
    /// before (LandStateSnapshot::state).
    std::vector<std::vector<std::pair<uint32_t, uint8_t>>> changes;

    int month_count() const { return last_month - first_month + 1; }
    /// The snapshot of month `mi` (clamped into the range). Precondition: month_count() > 0. The last one
    /// asked for is kept, so asking again (every frame) costs nothing; one thread at a time asks (not
    /// thread-safe).
    std::shared_ptr<const LandStateSnapshot> at_month(int mi) const;
    const ReplayTotals& totals_at_month(int mi) const;

  private:
    mutable std::shared_ptr<const LandStateSnapshot> cached_;
    mutable int cached_k_ = -1;
};
LandStateReplay build_land_state_replay(const std::vector<Parcel>& parcels,
                                        const std::vector<std::vector<const Project*>>& projects_of_parcel,
                                        const std::vector<Project>& projects, int first_month,
                                        int last_month);
/// The same from the projects on each parcel as indices into `projects` (MapData::parcel_projects).
LandStateReplay build_land_state_replay(const std::vector<Parcel>& parcels, const IndexLists& parcel_projects,
                                        const std::vector<Project>& projects, int first_month,
                                        int last_month);

/// The replay's default range: 2021-01 to the month of the latest date of the data (at least 2021-01).
std::pair<int, int> default_replay_months(const std::vector<Parcel>& parcels,
                                          const std::vector<Project>& projects);

}  // namespace pa::analysis
