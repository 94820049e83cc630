#include "core/analysis/land_state.hpp"

#include <algorithm>
#include <climits>

namespace pa::analysis {

const char* to_string(LandStage s) {
    switch (s) {
        case LandStage::None:
            return "none";
        case LandStage::Reserved:
            return "reserved";
        case LandStage::ApprovedNotSupplied:
            return "approved_not_supplied";
        case LandStage::SuppliedNotUsed:
            return "supplied_not_used";
        case LandStage::UnderUsed:
            return "under_used";
        case LandStage::BuiltNotProducing:
            return "built_not_producing";
        case LandStage::ProducingBelowTarget:
            return "producing_below_target";
        case LandStage::MeetsTarget:
            return "meets_target";
        case LandStage::ProducingNoData:
            return "producing_no_data";
        case LandStage::ProducingOther:
            return "producing_other";
    }
    return "none";
}
const char* to_zh(LandStage s) {
    switch (s) {
        case LandStage::None:
            return "未入库";
        case LandStage::Reserved:
            return "储备";
        case LandStage::ApprovedNotSupplied:
            return "批而未供";
        case LandStage::SuppliedNotUsed:
            return "供而未用";
        case LandStage::UnderUsed:
            return "用而未尽";
        case LandStage::BuiltNotProducing:
            return "建而未投";
        case LandStage::ProducingBelowTarget:
            return "投而未达标";
        case LandStage::MeetsTarget:
            return "达标";
        case LandStage::ProducingNoData:
            return "投产(无数据)";
        case LandStage::ProducingOther:
            return "投产(非工业)";
    }
    return "未入库";
}
const char* to_string(IdleClock c) {
    switch (c) {
        case IdleClock::None:
            return "none";
        case IdleClock::LateStart:
            return "late_start";
        case IdleClock::StalledWork:
            return "stalled_work";
    }
    return "none";
}
const char* to_zh(IdleClock c) {
    switch (c) {
        case IdleClock::None:
            return "";
        case IdleClock::LateStart:
            return "逾期未动工";
        case IdleClock::StalledWork:
            return "中止开发";
    }
    return "";
}
const char* to_string(IdleStatus s) {
    switch (s) {
        case IdleStatus::NotApplicable:
            return "not_applicable";
        case IdleStatus::NotYetDue:
            return "not_yet_due";
        case IdleStatus::Running:
            return "running";
        case IdleStatus::Idle:
            return "idle";
        case IdleStatus::Reclaimable:
            return "reclaimable";
        case IdleStatus::Exempt:
            return "exempt";
    }
    return "not_applicable";
}
const char* to_zh(IdleStatus s) {
    switch (s) {
        case IdleStatus::NotApplicable:
            return "";
        case IdleStatus::NotYetDue:
            return "未到期";
        case IdleStatus::Running:
            return "计时中";
        case IdleStatus::Idle:
            return "疑似闲置";
        case IdleStatus::Reclaimable:
            return "可能无偿收回（待认定）";
        case IdleStatus::Exempt:
            return "免责";
    }
    return "";
}

namespace {

// "Since always": the date used for a record that carries a status but no date (docs/land-states.md, rule 0).
constexpr Date kAlways{INT32_MIN / 2};

std::optional<Date> min_opt(std::optional<Date> a, std::optional<Date> b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

bool on_or_before(const std::optional<Date>& d, Date as_of) {
    return d && *d <= as_of;
}

// Producing parcels: meets its committed fixed-asset investment intensity (or, without one, its zone's
// threshold). No figure to compare = not shown to meet = below target (docs/land-states.md, rule 6). Output
// and tax per 亩 are compared in the intensity report, not here.
/// The stage of producing land: the intensity rule (达承诺: its committed intensity, else the zone threshold)
/// applies to industrial land only; without a figure to compare the parcel is "no data", not below target.
LandStage producing_stage(const Parcel& p) {
    if (p.landuse != LandUse::Industrial) return LandStage::ProducingOther;
    const auto& s = p.stats;
    std::optional<double> target = p.committed_invest_wan_per_mu;
    if (!target && s.threshold_wan_per_mu > 0.0) target = s.threshold_wan_per_mu;
    if (!target || !s.invest_wan_per_mu) return LandStage::ProducingNoData;
    return *s.invest_wan_per_mu + 1e-9 >= *target ? LandStage::MeetsTarget : LandStage::ProducingBelowTarget;
}

void run_clock(IdleInfo& info, IdleClock clock, Date clock_start, Date as_of, const Parcel& p) {
    // An exemption lasts while its cause does (article 8): with the day the cause ended (MZJZRQ), the clock
    // runs again from then, as if it started that day, and no longer exempt.
    bool exempt = !p.exempt_reason.empty();
    if (exempt) {
        if (const auto ended = date_of(p.exempt_until); ended && as_of >= *ended) {
            exempt = false;
            if (*ended > clock_start) clock_start = *ended;
        }
    }
    const Date idle_at = clock_start.plus_years(1);
    const Date reclaim_at = clock_start.plus_years(2);
    info.clock = clock;
    info.clock_start = clock_start;
    info.exempt_reason = p.exempt_reason;
    if (as_of < idle_at) {
        // A clock whose start is still ahead (a contracted start date after the as-of date) is not running
        // yet.
        info.status = as_of < clock_start ? IdleStatus::NotYetDue : IdleStatus::Running;
        info.next_deadline = idle_at;
        info.next_deadline_kind = "idle";
        return;
    }
    info.since = idle_at;
    if (exempt) {
        info.status = IdleStatus::Exempt;  // article 8: the clock does not count against the user
        return;
    }
    if (p.land_price_wan) info.fee_wan = *p.land_price_wan * kIdleFeeShare;
    if (as_of < reclaim_at) {
        info.status = IdleStatus::Idle;
        info.next_deadline = reclaim_at;
        info.next_deadline_kind = "reclaim";
    } else {
        info.status = IdleStatus::Reclaimable;
    }
}

}  // namespace

LandState land_state_at(const Parcel& p, const std::vector<const Project*>& projects, Date as_of) {
    LandState out;
    const auto reserve = date_of(p.reserve_date);
    const auto approval = date_of(p.approval_date);
    auto supply = date_of(p.supply_date);
    const bool has_any_date = reserve || approval || supply;

    // Rule 0: a record with a status but without the matching date holds that status on every date.
    const SupplyStatus st = p.supply_status;
    const bool status_supplied = st == SupplyStatus::Supplied || st == SupplyStatus::UnderConstruction ||
                                 st == SupplyStatus::Producing || st == SupplyStatus::Idle;
    if (!supply && status_supplied) supply = has_any_date ? min_opt(reserve, approval) : kAlways;
    std::optional<Date> approved = approval;
    if (!approved && st == SupplyStatus::ApprovedNotSupplied) approved = has_any_date ? reserve : kAlways;
    std::optional<Date> reserved = reserve;
    if (!reserved && st == SupplyStatus::Reserved) reserved = has_any_date ? approval : kAlways;

    const auto contract_start = date_of(p.contract_start_date);
    const auto supplement_start = date_of(p.supplement_start_date);
    const auto effective_start = supplement_start ? supplement_start : contract_start;

    // Rules 3-4: construction and production dates from the projects on the parcel.
    std::optional<Date> started, producing, stopped = date_of(p.work_stopped_date);
    bool project_stopped = false;
    for (const Project* pr : projects) {
        auto s = date_of(pr->actual_start_date);
        auto q = date_of(pr->actual_production_date);
        started = min_opt(started, min_opt(s, q));
        producing = min_opt(producing, q);
        if (!p.work_stopped_date.empty()) continue;
        if (auto w = date_of(pr->work_stopped_date)) {
            stopped = project_stopped ? min_opt(stopped, w) : w;
            project_stopped = true;
        }
    }
    // Delivered status without a date: started on the effective contracted start, producing on the contracted
    // completion (rule 4).
    if (!started && (st == SupplyStatus::UnderConstruction || st == SupplyStatus::Producing))
        started = effective_start ? effective_start : supply;
    if (!producing && st == SupplyStatus::Producing) {
        auto completion = date_of(p.contract_completion_date);
        producing = completion ? completion : started;
    }
    if (!started && st == SupplyStatus::Idle && p.developed_share && *p.developed_share > 0.0)
        started = effective_start ? effective_start : supply;

    const bool is_supplied = on_or_before(supply, as_of);
    const bool is_started = is_supplied && on_or_before(started, as_of);
    const bool is_producing = is_started && on_or_before(producing, as_of);
    if (is_started) out.started = *started;
    if (is_producing) out.producing = *producing;

    if (is_producing) {
        out.stage = producing_stage(p);
    } else if (is_started) {
        // 建而未投 = built: fully developed, or past the contracted completion with no developed share to say
        // otherwise. Past the completion but known to be unfinished is 用而未尽, late (late_unfinished).
        const auto completion = date_of(p.contract_completion_date);
        const bool fully_developed = p.developed_share && *p.developed_share >= 1.0 - 1e-9;
        const bool past_completion = on_or_before(completion, as_of);
        const bool built = fully_developed || (past_completion && !p.developed_share);
        out.stage = built ? LandStage::BuiltNotProducing : LandStage::UnderUsed;
        out.late_unfinished = !built && past_completion;
    } else if (is_supplied) {
        out.stage = LandStage::SuppliedNotUsed;
    } else if (on_or_before(approved, as_of)) {
        out.stage = LandStage::ApprovedNotSupplied;
    } else if (on_or_before(reserved, as_of)) {
        out.stage = LandStage::Reserved;
    }

    if (out.stage == LandStage::Reserved || out.stage == LandStage::ApprovedNotSupplied) {
        bool signed_on = false;
        for (const Project* pr : projects) {
            auto s = date_of(pr->sign_date);
            if (!s || *s <= as_of) signed_on = true;  // no sign date: taken as signed (it is in the ledger)
        }
        out.vacant = !signed_on;
    }

    // Idle-land clocks: supplied land that is not producing.
    if (is_supplied && !is_producing) {
        if (!is_started) {
            if (effective_start) run_clock(out.idle, IdleClock::LateStart, *effective_start, as_of, p);
        } else if (on_or_before(stopped, as_of)) {
            const bool little_developed = p.developed_share && *p.developed_share < kStalledDevelopedShare;
            const bool little_invested = p.invested_share && *p.invested_share < kStalledInvestedShare;
            if (little_developed || little_invested)
                run_clock(out.idle, IdleClock::StalledWork, *stopped, as_of, p);
        }
    }
    return out;
}

std::optional<Date> latest_data_date(const std::vector<Parcel>& parcels,
                                     const std::vector<Project>& projects) {
    std::optional<Date> best;
    auto see = [&](const std::string& s) {
        if (auto d = date_of(s); d && (!best || *d > *best)) best = d;
    };
    for (const auto& p : parcels) {
        see(p.approval_date), see(p.reserve_date), see(p.supply_date), see(p.work_stopped_date);
    }
    for (const auto& pr : projects) {
        see(pr.sign_date), see(pr.actual_start_date), see(pr.actual_production_date),
            see(pr.work_stopped_date);
    }
    return best;
}

std::vector<VacantHit> find_vacant(const std::vector<Parcel>& parcels,
                                   const std::vector<std::vector<const Project*>>& projects_of_parcel,
                                   const VacantQuery& q) {
    static const std::vector<const Project*> kNone;
    std::vector<VacantHit> hits;
    for (size_t i = 0; i < parcels.size(); ++i) {
        const Parcel& p = parcels[i];
        if (!q.zone_code.empty() && p.zone_code != q.zone_code) continue;
        if (q.min_mu && p.area_mu < *q.min_mu) continue;
        if (q.max_mu && p.area_mu > *q.max_mu) continue;
        if (q.landuse && p.landuse != *q.landuse) continue;
        if (q.standard_land && p.standard_land != *q.standard_land) continue;
        const auto& prs = i < projects_of_parcel.size() ? projects_of_parcel[i] : kNone;
        LandState s = land_state_at(p, prs, q.as_of);
        if (!s.vacant) continue;
        hits.push_back(VacantHit{i, p.id, p.code, p.zone_code, p.landuse_name, p.landuse, p.area_mu,
                                 p.standard_land, s.stage, p.centroid_lon, p.centroid_lat});
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const VacantHit& a, const VacantHit& b) { return a.area_mu > b.area_mu; });
    return hits;
}

}  // namespace pa::analysis
