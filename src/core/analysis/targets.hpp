#pragma once
// Progress towards the plan's 2021-2023 targets (section 二 of the plan) from the project ledger. The targets
// live in a config file a city can edit for its next plan (config/targets.json); rules and readings in
// docs/supply.md.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/supply_index.hpp"
#include "core/model.hpp"

namespace pa::analysis {

struct WholeGuian {
    std::optional<double> whole, guian;
};

struct TargetsConfig {
    std::string source;  // file path, or "built-in"
    std::string plan;
    std::vector<int> years{2021, 2022, 2023};
    std::vector<std::string> guian_zone_codes{"GANA", "GA-CBZ"};
    std::vector<std::string> guian_zone_names{"贵安新区", "贵安综合保税区"};
    std::optional<double> baseline_2018_2020_funds_yi;  // entered by the city; nullopt = unknown
    /// Funds in place in the year before the first (2020, 亿元): gives the first year's growth, so the
    /// average spans every year of the plan; nullopt = unknown (the average then spans the years after the
    /// first).
    std::optional<double> baseline_2020_funds_yi;
    WholeGuian funds_in_place_yi{7090.0, 1300.0};
    std::optional<double> funds_growth_min_per_year = 0.18;
    std::optional<double> funds_vs_baseline_min_ratio = 2.0;
    WholeGuian industrial_funds_yi{3550.0, 650.0};
    std::optional<double> industrial_share_min = 0.5;
    WholeGuian quality_firms{1380.0, 120.0};
    WholeGuian headquarters_firms{180.0, std::nullopt};
    WholeGuian digital_economy_projects{450.0, std::nullopt};
    WholeGuian central_soe_total_invest_yi{1500.0, std::nullopt};
    std::vector<std::string> industrial_industries{
        "电子信息制造", "先进装备制造", "中高端消费品制造", "针纺织",   "生态食品", "健康医药",
        "现代化工",     "铝及铝加工",   "农机具",           "金属工具", "新型建材", "印刷包装"};
};

/// The plan's own figures (the same as config/targets.json as shipped).
TargetsConfig default_targets_config();
/// Reads a targets file; throws InputError naming the file and the key when it is not valid.
TargetsConfig load_targets_config(const std::string& path);
TargetsConfig targets_config_from_json(const nlohmann::json& j, const std::string& source);

/// Sums for one scope (the whole city, Gui'an, or one zone).
struct TargetsScope {
    std::string key;                  // "whole" | "guian" | zone code ("" = zone unknown)
    std::map<int, double> funds_wan;  // 到位资金 by year, 万元
    std::map<int, double> industrial_funds_wan;
    double funds_total_wan = 0.0, industrial_funds_total_wan = 0.0;
    int quality_firms = 0, headquarters_firms = 0, digital_economy_projects = 0;
    double central_soe_total_invest_wan = 0.0;
    int ledger_rows = 0;
};

struct TargetsProgress {
    TargetsConfig config;
    TargetsScope whole, guian;
    std::vector<TargetsScope> zones;                    // by zone code
    std::map<int, std::optional<double>> funds_growth;  // year -> growth over the year before (whole)
    std::optional<double> funds_avg_growth;             // geometric mean of the yearly growth rates (whole)
    int funds_avg_growth_steps = 0;  // how many yearly steps it spans (3 with a 2020 baseline)
    std::optional<double>
        funds_vs_baseline_ratio;             // cumulative / baseline, nullopt when the baseline is unknown
    std::optional<double> industrial_share;  // whole
};

/// Funds in place = the sum of 到位资金_<year> over ALL ledger rows (a duplicated project id is two ledger
/// entries and counts twice). Firms are counted once per 统一社会信用代码 (else 企业名称); projects once per
/// 项目编号; central-SOE investment once per 项目编号 among projects signed in the plan's years (blank
/// 签约日期 counts).
TargetsProgress targets_progress(const std::vector<Project>& projects, const LedgerIndex& ix,
                                 const TargetsConfig& cfg);

/// Is this project in Gui'an under `cfg` (its zone code, else its 所属园区 name)?
bool is_guian(const Project& p, const std::string& zone_code, const TargetsConfig& cfg);
bool is_industrial(const Project& p, const TargetsConfig& cfg);

}  // namespace pa::analysis
