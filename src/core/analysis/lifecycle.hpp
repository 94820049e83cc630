#pragma once
// The project life cycle (签约 -> 开工 -> 建设 -> 投产 -> 达产) on a date, the plan's per-zone rates (入园率,
// 开工率, 投产达产率), tiered scheduling (分级调度: >= 1 亿元 city level, below district level) and
// behind-schedule projects. Rules in docs/land-states.md ("Projects").
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/date.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/model.hpp"

namespace pa::analysis {

enum class ProjectStage { NotSigned, Signed, Started, UnderConstruction, Producing, FullOutput };
/// "not_signed" | "signed" | "started" | "under_construction" | "producing" | "full_output"
const char* to_string(ProjectStage s);
/// 未签约 | 签约 | 开工 | 建设 | 投产 | 达产
const char* to_zh(ProjectStage s);

/// Tier threshold: 1 亿元 = 10,000 万元 of total investment (固定资产投资 when 总投资 is blank).
inline constexpr double kCityTierWan = 10000.0;
enum class Tier { City, District };
const char* to_string(Tier t);  // "city" | "district"
Tier tier_of(const Project& p);

/// Stage on `as_of`: signed from 签约日期 (blank = signed), started from 实际开工日期, producing from
/// 实际投产日期. A ledger stage beyond what the dates show (e.g. 投产 with no 实际投产日期) is trusted from
/// the planned date. 开工 vs 建设 and 投产 vs 达产 are told apart by the ledger's 项目阶段 (there is no date
/// for them).
ProjectStage project_stage_at(const Project& p, Date as_of);

struct Behind {
    std::optional<int> start_days;  // days past 计划开工日期 without 实际开工日期 on as_of (> 0)
    std::optional<int> production_days;  // days past 计划投产日期 without 实际投产日期 on as_of (> 0)
    bool any() const { return start_days.has_value() || production_days.has_value(); }
};
Behind behind_at(const Project& p, Date as_of);

struct ZoneRates {
    std::string zone_code;    // "*" = all; "" = zone unknown
    int signed_count = 0;     // projects signed on as_of
    int placed_count = 0;     // of them, linked to a parcel inside a zone (入园)
    int started_count = 0;    // of them, started (开工, 建设, 投产, 达产)
    int producing_count = 0;  // of them, producing or at full output (投产 + 达产)
    int full_output_count = 0;
    int city_tier_count = 0, district_tier_count = 0;
    int behind_count = 0;
    // Over the projects already due (planned date on or before as_of): a project not due yet cannot be late.
    int start_due_count = 0, started_of_due_count = 0;         // planned start on or before as_of
    int production_due_count = 0, producing_of_due_count = 0;  // planned production on or before as_of
    std::optional<double> start_rate_due() const {
        return start_due_count ? std::optional<double>(double(started_of_due_count) / start_due_count)
                               : std::nullopt;
    }
    std::optional<double> production_rate_due() const {
        return production_due_count
                   ? std::optional<double>(double(producing_of_due_count) / production_due_count)
                   : std::nullopt;
    }
    double placement_rate() const {
        return signed_count ? double(placed_count) / signed_count : 0.0;
    }  // 入园率
    double start_rate() const { return signed_count ? double(started_count) / signed_count : 0.0; }  // 开工率
    double production_rate() const {
        return signed_count ? double(producing_count) / signed_count : 0.0;
    }  // 投产达产率
};

struct ProjectRow {
    size_t index = 0;  // into the projects vector
    std::string zone_code;
    ProjectStage stage = ProjectStage::NotSigned;
    Tier tier = Tier::District;
    bool placed = false;
    Behind behind;
};

struct LifecycleReport {
    Date as_of;
    std::vector<ZoneRates> zones;  // "*" first, then by zone code
    std::vector<ProjectRow> rows;  // every project signed on as_of, ledger order
};

LifecycleReport lifecycle_report(const std::vector<Project>& projects, const LedgerIndex& ix, Date as_of);

}  // namespace pa::analysis
