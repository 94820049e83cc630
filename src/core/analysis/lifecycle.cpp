#include "core/analysis/lifecycle.hpp"

#include <map>

namespace pa::analysis {

const char* to_string(ProjectStage s) {
    switch (s) {
        case ProjectStage::NotSigned:
            return "not_signed";
        case ProjectStage::Signed:
            return "signed";
        case ProjectStage::Started:
            return "started";
        case ProjectStage::UnderConstruction:
            return "under_construction";
        case ProjectStage::Producing:
            return "producing";
        case ProjectStage::FullOutput:
            return "full_output";
    }
    return "not_signed";
}
const char* to_zh(ProjectStage s) {
    switch (s) {
        case ProjectStage::NotSigned:
            return "未签约";
        case ProjectStage::Signed:
            return "签约";
        case ProjectStage::Started:
            return "开工";
        case ProjectStage::UnderConstruction:
            return "建设";
        case ProjectStage::Producing:
            return "投产";
        case ProjectStage::FullOutput:
            return "达产";
    }
    return "未签约";
}
const char* to_string(Tier t) {
    return t == Tier::City ? "city" : "district";
}

Tier tier_of(const Project& p) {
    auto inv = p.total_invest_wan ? p.total_invest_wan : p.fixed_invest_wan;
    return inv && *inv >= kCityTierWan ? Tier::City : Tier::District;
}

namespace {
int ledger_rank(const std::string& stage) {
    if (stage == "达产") return 4;
    if (stage == "投产") return 3;
    if (stage == "建设") return 2;
    if (stage == "开工") return 1;
    return 0;
}
std::optional<Date> first(std::optional<Date> a, std::optional<Date> b) {
    return a ? a : b;
}
}  // namespace

ProjectStage project_stage_at(const Project& p, Date as_of) {
    const int rank = ledger_rank(p.stage);
    const auto sign = date_of(p.sign_date);
    if (sign && *sign > as_of) return ProjectStage::NotSigned;
    auto started = first(date_of(p.actual_start_date), date_of(p.actual_production_date));
    auto producing = date_of(p.actual_production_date);
    if (!started && rank >= 1) started = first(date_of(p.planned_start_date), sign);
    if (!producing && rank >= 3) producing = first(date_of(p.planned_production_date), started);
    if (producing && *producing <= as_of)
        return rank >= 4 ? ProjectStage::FullOutput : ProjectStage::Producing;
    if (started && *started <= as_of)
        return rank == 1 ? ProjectStage::Started : ProjectStage::UnderConstruction;
    return ProjectStage::Signed;
}

Behind behind_at(const Project& p, Date as_of) {
    Behind b;
    auto check = [&](const std::string& planned, const std::string& actual) -> std::optional<int> {
        auto pl = date_of(planned);
        if (!pl || *pl >= as_of) return std::nullopt;
        auto ac = date_of(actual);
        if (ac && *ac <= as_of) return std::nullopt;
        return as_of - *pl;
    };
    b.start_days = check(p.planned_start_date,
                         p.actual_start_date.empty() ? p.actual_production_date : p.actual_start_date);
    b.production_days = check(p.planned_production_date, p.actual_production_date);
    return b;
}

LifecycleReport lifecycle_report(const std::vector<Project>& projects, const LedgerIndex& ix, Date as_of) {
    LifecycleReport r;
    r.as_of = as_of;
    std::map<std::string, ZoneRates> by_zone;
    by_zone["*"].zone_code = "*";
    for (size_t i = 0; i < projects.size(); ++i) {
        const Project& p = projects[i];
        ProjectRow row;
        row.index = i;
        row.stage = project_stage_at(p, as_of);
        if (row.stage == ProjectStage::NotSigned) continue;
        row.zone_code = i < ix.project_zone.size() ? ix.project_zone[i] : "";
        row.tier = tier_of(p);
        if (i < ix.parcels_of_project.size())
            for (const Parcel* pc : ix.parcels_of_project[i])
                if (!pc->zone_code.empty()) row.placed = true;
        row.behind = behind_at(p, as_of);
        const auto start_due = date_of(p.planned_start_date),
                   production_due = date_of(p.planned_production_date);
        const bool due_start = start_due && *start_due <= as_of;
        const bool due_production = production_due && *production_due <= as_of;
        for (const std::string& k : {std::string("*"), row.zone_code}) {
            ZoneRates& z = by_zone[k];
            z.zone_code = k;
            z.signed_count += 1;
            z.placed_count += row.placed;
            z.started_count += row.stage >= ProjectStage::Started;
            z.producing_count += row.stage >= ProjectStage::Producing;
            z.full_output_count += row.stage == ProjectStage::FullOutput;
            (row.tier == Tier::City ? z.city_tier_count : z.district_tier_count) += 1;
            z.behind_count += row.behind.any();
            z.start_due_count += due_start;
            z.started_of_due_count += due_start && row.stage >= ProjectStage::Started;
            z.production_due_count += due_production;
            z.producing_of_due_count += due_production && row.stage >= ProjectStage::Producing;
        }
        r.rows.push_back(std::move(row));
    }
    r.zones.push_back(by_zone["*"]);
    for (auto& [k, z] : by_zone)
        if (k != "*") r.zones.push_back(z);
    return r;
}

}  // namespace pa::analysis
