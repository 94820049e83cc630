#include "core/analysis/supply.hpp"

#include <algorithm>
#include <set>

#include "core/common/error.hpp"

namespace pa::analysis {

SupplyReport supply_report(const std::vector<Parcel>& parcels,
                           const std::vector<std::vector<const Project*>>& projects_of_parcel,
                           const std::vector<Project>& projects, const SupplyOptions& opt,
                           std::optional<Date> as_of) {
    static const std::vector<const Project*> kNone;
    SupplyReport r;
    r.from_month = opt.from_month;
    auto latest = latest_data_date(parcels, projects);
    r.to_month = opt.to_month ? opt.to_month
                 : as_of      ? as_of->month_index()
                 : latest     ? latest->month_index()
                              : opt.from_month;
    if (r.to_month < r.from_month)
        throw InputError("The supply timeline would end (" + Date::month_label(r.to_month) +
                         ") before it starts (" + Date::month_label(r.from_month) +
                         "); give --from no later than --to.");
    r.as_of = as_of ? *as_of : Date::month_end(r.to_month);

    std::set<std::string> zones;
    for (const auto& p : parcels)
        if (opt.zone_code.empty() || p.zone_code == opt.zone_code) zones.insert(p.zone_code);
    std::vector<std::string> keys;
    if (opt.zone_code.empty()) keys.push_back("*");
    keys.insert(keys.end(), zones.begin(), zones.end());
    if (!opt.zone_code.empty() && zones.empty()) keys.push_back(opt.zone_code);
    const int n_months = r.to_month - r.from_month + 1;
    std::map<std::string, size_t> base;
    for (const auto& k : keys) {
        base[k] = r.months.size();
        for (int m = r.from_month; m <= r.to_month; ++m) {
            SupplyMonth sm;
            sm.zone_code = k;
            sm.month = m;
            r.months.push_back(sm);
        }
        r.stage_mu[k] = std::vector<double>(kLandStageCount, 0.0);
        r.stage_count[k] = std::vector<int>(kLandStageCount, 0);
    }

    for (size_t i = 0; i < parcels.size(); ++i) {
        const Parcel& p = parcels[i];
        if (!opt.zone_code.empty() && p.zone_code != opt.zone_code) continue;
        const auto& prs = i < projects_of_parcel.size() ? projects_of_parcel[i] : kNone;
        auto apply = [&](auto&& fn) {
            for (const std::string& k : {std::string("*"), p.zone_code.str()}) {
                auto it = base.find(k);
                if (it != base.end()) fn(it->first);  // with --zone there are no "*" rows
            }
        };
        // Flows: the supply event.
        if (auto sd = date_of(p.supply_date);
            sd && sd->month_index() >= r.from_month && sd->month_index() <= r.to_month) {
            int off = sd->month_index() - r.from_month;
            apply([&](const std::string& k) {
                SupplyMonth& sm = r.months[base[k] + static_cast<size_t>(off)];
                const std::string& m = p.transfer_method;
                (m == "标准地"   ? sm.supplied_standard_mu
                 : m == "招拍挂" ? sm.supplied_auction_mu
                 : m == "协议"   ? sm.supplied_agreement_mu
                                 : sm.supplied_other_mu) += p.area_mu;
                sm.supplied_total_mu += p.area_mu;
                sm.supplied_count += 1;
            });
        }
        // Stocks at each month end, and the month the parcel became idle.
        std::optional<Date> idle_since_seen;
        for (int off = 0; off < n_months; ++off) {
            Date end = Date::month_end(r.from_month + off);
            LandState s = land_state_at(p, prs, end);
            const bool idle = s.idle.status == IdleStatus::Idle || s.idle.status == IdleStatus::Reclaimable;
            const bool new_idle = idle && s.idle.since && s.idle.since->month_index() == r.from_month + off &&
                                  (!idle_since_seen || *idle_since_seen != *s.idle.since);
            if (new_idle) idle_since_seen = s.idle.since;
            apply([&](const std::string& k) {
                SupplyMonth& sm = r.months[base[k] + static_cast<size_t>(off)];
                if (s.stage == LandStage::Reserved) sm.reserve_end_mu += p.area_mu;
                if (s.stage == LandStage::ApprovedNotSupplied) sm.approved_not_supplied_end_mu += p.area_mu;
                if (s.vacant) sm.vacant_end_mu += p.area_mu;
                if (idle) sm.idle_end_mu += p.area_mu;
                if (new_idle) {
                    sm.became_idle_mu += p.area_mu;
                    sm.became_idle_count += 1;
                }
            });
        }
        // Snapshot on as_of.
        LandState s = land_state_at(p, prs, r.as_of);
        apply([&](const std::string& k) {
            r.stage_mu[k][static_cast<size_t>(s.stage)] += p.area_mu;
            r.stage_count[k][static_cast<size_t>(s.stage)] += 1;
            if (s.late_unfinished) {
                r.late_unfinished_mu[k] += p.area_mu;
                r.late_unfinished_count[k] += 1;
            }
        });
        if (s.idle.status != IdleStatus::NotApplicable)
            r.idle.push_back(IdleParcel{p.id, p.code, p.zone_code, p.area_mu, s.stage, s.idle});
    }
    return r;
}

}  // namespace pa::analysis
