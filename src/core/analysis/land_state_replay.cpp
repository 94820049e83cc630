#include "core/analysis/land_state_replay.hpp"

#include <algorithm>

#include "core/analysis/lifecycle.hpp"

namespace pa::analysis {

namespace {
struct ClassText {
    const char* key;
    const char* zh;
    const char* en;
};
constexpr ClassText kClassText[kLandStateClassCount] = {
    {"vacant", "可供地(空闲)", "vacant (available)"},
    {"reserved", "储备", "reserved"},
    {"approved_not_supplied", "批而未供", "approved, not supplied"},
    {"supplied_not_used", "供而未用", "supplied, not used"},
    {"under_used", "用而未尽", "under-used"},
    {"built_not_producing", "建而未投", "built, not producing"},
    {"producing_below_target", "投而未达标", "producing below target"},
    {"meets_target", "达标", "meets target"},
    {"producing_no_data", "投产(无数据)", "producing, no figure"},
    {"producing_other", "投产(非工业)", "producing, not industrial"},
    {"none", "未入库", "no record yet"},
};
const ClassText& text(LandStateClass c) {
    return kClassText[static_cast<int>(c)];
}
}  // namespace

const char* to_string(LandStateClass c) {
    return text(c).key;
}
const char* to_zh(LandStateClass c) {
    return text(c).zh;
}
const char* to_en(LandStateClass c) {
    return text(c).en;
}

LandStateClass land_state_class(const LandState& s) {
    if (s.vacant) return LandStateClass::Vacant;
    switch (s.stage) {
        case LandStage::None:
            return LandStateClass::None;
        case LandStage::Reserved:
            return LandStateClass::Reserved;
        case LandStage::ApprovedNotSupplied:
            return LandStateClass::ApprovedNotSupplied;
        case LandStage::SuppliedNotUsed:
            return LandStateClass::SuppliedNotUsed;
        case LandStage::UnderUsed:
            return LandStateClass::UnderUsed;
        case LandStage::BuiltNotProducing:
            return LandStateClass::BuiltNotProducing;
        case LandStage::ProducingBelowTarget:
            return LandStateClass::ProducingBelowTarget;
        case LandStage::MeetsTarget:
            return LandStateClass::MeetsTarget;
        case LandStage::ProducingNoData:
            return LandStateClass::ProducingNoData;
        case LandStage::ProducingOther:
            return LandStateClass::ProducingOther;
    }
    return LandStateClass::None;
}

std::vector<ThemeClass> land_state_theme_classes() {
    std::vector<ThemeClass> out;
    for (int i = 0; i < kLandStateClassCount; ++i) {
        ThemeClass c;
        c.key = kClassText[i].key;
        c.label_zh = kClassText[i].zh;
        c.label_en = kClassText[i].en;
        c.no_data = i == static_cast<int>(LandStateClass::None);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<int> LandStateSnapshot::idle_parcels() const {
    std::vector<int> out;
    for (size_t i = 0; i < state.size(); ++i)
        if (idle(i)) out.push_back(static_cast<int>(i));
    return out;
}

std::vector<int> LandStateSnapshot::classes() const {
    std::vector<int> out(state.size());
    for (size_t i = 0; i < state.size(); ++i) out[i] = parcel_class(i);
    return out;
}

namespace {
// One month's snapshot; `on(i)` gives the projects on parcel i.
template <class ProjectsOn>
LandStateSnapshot snapshot_with(const std::vector<Parcel>& parcels, const ProjectsOn& on, Date as_of) {
    LandStateSnapshot s;
    s.as_of = as_of;
    s.state.assign(parcels.size(), uint8_t{0});
    for (size_t i = 0; i < parcels.size(); ++i) {
        const LandState st = land_state_at(parcels[i], on(i), as_of);
        const bool idle = st.idle.status == IdleStatus::Idle || st.idle.status == IdleStatus::Reclaimable;
        s.state[i] = static_cast<uint8_t>(static_cast<uint8_t>(land_state_class(st)) |
                                          (idle ? LandStateSnapshot::kIdleBit : 0));
    }
    return s;
}

// The replay, a snapshot per month end: the first whole, then what changed month to month.
template <class ProjectsOn>
LandStateReplay replay_with(const std::vector<Parcel>& parcels, const ProjectsOn& on,
                            const std::vector<Project>& projects, int first_month, int last_month) {
    LandStateReplay r;
    r.first_month = first_month;
    r.last_month = std::max(first_month, last_month);
    LandStateSnapshot before;
    for (int mi = r.first_month; mi <= r.last_month; ++mi) {
        const Date d = Date::month_end(mi);
        LandStateSnapshot now = snapshot_with(parcels, on, d);
        if (mi == r.first_month) {
            r.first = now;
        } else {
            auto& ch = r.changes.emplace_back();
            for (size_t i = 0; i < now.state.size(); ++i)
                if (now.state[i] != before.state[i]) ch.emplace_back(static_cast<uint32_t>(i), now.state[i]);
            ch.shrink_to_fit();
        }
        before = std::move(now);
        r.totals.push_back(replay_totals_at(projects, d));
    }
    return r;
}

// The projects on a parcel from a vector per parcel.
struct FromLists {
    const std::vector<std::vector<const Project*>>& lists;
    const std::vector<const Project*>& operator()(size_t i) const {
        static const std::vector<const Project*> kNone;
        return i < lists.size() ? lists[i] : kNone;
    }
};
// … from indices into `projects` (MapData::parcel_projects), gathered into one reused list.
struct FromIndices {
    const IndexLists& lists;
    const std::vector<Project>& projects;
    mutable std::vector<const Project*> scratch;
    const std::vector<const Project*>& operator()(size_t i) const {
        scratch.clear();
        if (i < lists.size())
            for (int j : lists[i]) scratch.push_back(&projects[static_cast<size_t>(j)]);
        return scratch;
    }
};
}  // namespace

LandStateSnapshot land_state_snapshot(const std::vector<Parcel>& parcels,
                                      const std::vector<std::vector<const Project*>>& projects_of_parcel,
                                      Date as_of) {
    return snapshot_with(parcels, FromLists{projects_of_parcel}, as_of);
}

bool project_signed_by(const Project& p, Date as_of) {
    return project_stage_at(p, as_of) != ProjectStage::NotSigned;
}

ReplayTotals replay_totals_at(const std::vector<Project>& projects, Date as_of) {
    ReplayTotals t;
    const auto ymd = as_of.ymd();
    for (const auto& p : projects) {
        if (project_signed_by(p, as_of)) {
            t.signed_projects += 1;
            t.signed_invest_wan += p.total_invest_wan.value_or(p.fixed_invest_wan.value_or(0.0));
        }
        const std::pair<int, const OptDouble*> years[] = {
            {2021, &p.funds_2021_wan}, {2022, &p.funds_2022_wan}, {2023, &p.funds_2023_wan}};
        for (const auto& [y, v] : years) {
            if (!*v) continue;
            if (y < ymd.y)
                t.funds_in_place_wan += **v;
            else if (y == ymd.y)
                t.funds_in_place_wan += **v * ymd.m / 12.0;
        }
    }
    return t;
}

std::shared_ptr<const LandStateSnapshot> LandStateReplay::at_month(int mi) const {
    const int k = std::clamp(mi, first_month, last_month) - first_month;
    if (cached_ && cached_k_ == k) return cached_;
    // From the month kept when it lies before, else from the first month; then the changes up to month k.
    const bool forward = cached_ && cached_k_ < k;
    auto s = std::make_shared<LandStateSnapshot>(forward ? *cached_ : first);
    for (int j = forward ? cached_k_ + 1 : 1; j <= k; ++j)
        for (const auto& [parcel, state] : changes[static_cast<size_t>(j - 1)]) s->state[parcel] = state;
    s->as_of = Date::month_end(first_month + k);
    cached_ = std::move(s);
    cached_k_ = k;
    return cached_;
}

const ReplayTotals& LandStateReplay::totals_at_month(int mi) const {
    const int k = std::clamp(mi, first_month, last_month) - first_month;
    return totals[static_cast<size_t>(k)];
}

LandStateReplay build_land_state_replay(const std::vector<Parcel>& parcels,
                                        const std::vector<std::vector<const Project*>>& projects_of_parcel,
                                        const std::vector<Project>& projects, int first_month,
                                        int last_month) {
    return replay_with(parcels, FromLists{projects_of_parcel}, projects, first_month, last_month);
}

LandStateReplay build_land_state_replay(const std::vector<Parcel>& parcels, const IndexLists& parcel_projects,
                                        const std::vector<Project>& projects, int first_month,
                                        int last_month) {
    return replay_with(parcels, FromIndices{parcel_projects, projects, {}}, projects, first_month,
                       last_month);
}

std::pair<int, int> default_replay_months(const std::vector<Parcel>& parcels,
                                          const std::vector<Project>& projects) {
    const int first = Date::from_ymd(2021, 1, 1).month_index();
    const auto latest = latest_data_date(parcels, projects);
    return {first,
            std::max(first, latest ? latest->month_index() : Date::from_ymd(2023, 12, 1).month_index())};
}

}  // namespace pa::analysis
