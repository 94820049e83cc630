#include "core/analysis/indicators.hpp"

#include <unordered_map>

#include "core/common/id_index.hpp"

namespace pa::analysis {

double ThresholdConfig::for_level(ZoneLevel level) const {
    switch (level) {
        case ZoneLevel::NationalNewArea:
            return national_new_area_wan_per_mu;
        case ZoneLevel::National:
            return national_wan_per_mu;
        case ZoneLevel::Provincial:
            return provincial_wan_per_mu;
    }
    return provincial_wan_per_mu;
}

int stage_rank(const std::string& stage) {
    if (stage == "签约") return 1;
    if (stage == "开工") return 2;
    if (stage == "建设") return 3;
    if (stage == "投产") return 4;
    if (stage == "达产") return 5;
    return 0;
}

std::vector<double> link_shares(const std::vector<Parcel>& parcels, const std::vector<Link>& links) {
    const IdIndex parcel_at(parcels);
    auto parcel_m2 = [&](int64_t id) {
        auto i = parcel_at.find(id);
        return i ? parcels[*i].area_m2 : 0.0;
    };
    std::unordered_map<int64_t, double> project_m2;
    std::unordered_map<int64_t, int> project_n;
    project_m2.reserve(links.size());
    project_n.reserve(links.size());
    for (const auto& l : links) {
        project_m2[l.project_rowid] += parcel_m2(l.parcel_id);
        ++project_n[l.project_rowid];
    }
    std::vector<double> out;
    out.reserve(links.size());
    for (const auto& l : links) {
        double total = project_m2[l.project_rowid];
        out.push_back(total > 0.0 ? parcel_m2(l.parcel_id) / total : 1.0 / project_n[l.project_rowid]);
    }
    return out;
}

void compute_parcel_stats(std::vector<Parcel>& parcels, const std::vector<Project>& projects,
                          const std::vector<Link>& links, const std::vector<Zone>& zones,
                          const ThresholdConfig& cfg) {
    const IdIndex pi(parcels), ji(projects);
    std::unordered_map<std::string, const Zone*> zone_by_code;
    for (const auto& z : zones) zone_by_code[z.code] = &z;

    for (auto& p : parcels) p.stats = ParcelStats{};
    auto add = [](OptDouble& sum, OptDouble v, double share) {
        if (!v) return;
        sum = sum.value_or(0.0) + *v * share;
    };
    std::vector<double> biggest(parcels.size(), -1.0);
    auto shares = link_shares(parcels, links);
    for (size_t k = 0; k < links.size(); ++k) {
        auto a = pi.find(links[k].parcel_id);
        auto b = ji.find(links[k].project_rowid);
        if (!a || !b) continue;
        Parcel& parcel = parcels[*a];
        const Project& pr = projects[*b];
        double share = shares[k];
        ParcelStats& s = parcel.stats;
        ++s.project_count;
        add(s.invest_wan, pr.fixed_invest_wan, share);
        add(s.output_wan, pr.output_wan, share);
        add(s.tax_wan, pr.tax_wan, share);
        add(s.jobs, pr.jobs, share);
        if (stage_rank(pr.stage) > stage_rank(s.stage)) s.stage = pr.stage;
        double size = pr.fixed_invest_wan.value_or(0.0) * share;
        if (size > biggest[*a]) {
            biggest[*a] = size;
            s.industry = pr.industry;
            s.enterprise_kind = pr.enterprise_kind;
        }
    }
    for (auto& p : parcels) {
        ParcelStats& s = p.stats;
        auto per_mu = [&](const std::optional<double>& v) -> std::optional<double> {
            if (!v || p.area_mu <= 0.0) return std::nullopt;
            return *v / p.area_mu;
        };
        s.invest_wan_per_mu = per_mu(s.invest_wan);
        s.output_wan_per_mu = per_mu(s.output_wan);
        s.tax_wan_per_mu = per_mu(s.tax_wan);
        s.jobs_per_mu = per_mu(s.jobs);
        auto z = zone_by_code.find(p.zone_code);
        s.threshold_wan_per_mu = z == zone_by_code.end() ? 0.0 : cfg.for_level(z->second->level);
        if (p.landuse != LandUse::Industrial || z == zone_by_code.end()) {
            s.compliance = Compliance::NotApplicable;
        } else if (!s.invest_wan_per_mu) {
            // "No data" is land that should have a figure: supplied, or with a project on it. Reserve and
            // approved-not-supplied land with no project is not yet subject to the threshold.
            const bool supplied = p.supply_status == SupplyStatus::Supplied ||
                                  p.supply_status == SupplyStatus::UnderConstruction ||
                                  p.supply_status == SupplyStatus::Producing ||
                                  p.supply_status == SupplyStatus::Idle;
            s.compliance = supplied || s.project_count > 0 ? Compliance::NoData : Compliance::NotApplicable;
        } else {
            s.compliance =
                *s.invest_wan_per_mu >= s.threshold_wan_per_mu ? Compliance::Meets : Compliance::Below;
        }
    }
}

}  // namespace pa::analysis
