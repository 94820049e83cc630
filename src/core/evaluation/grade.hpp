#pragma once
// The yearly 亩均效益综合评价 (per-mu efficiency evaluation) of enterprises: indicators per enterprise from
// the ledger, a weighted score against benchmarks per formula group (above-scale, below-scale, small plots),
// and A/B/C/D grades within each group. Presets and their sources: config/evaluation.json; definitions:
// docs/evaluation.md. The CLI's `grade` and the viewer's grade theme both call evaluate().
#include <array>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model.hpp"
#include "core/report/table.hpp"

namespace pa::evaluation {

/// The indicators an evaluation formula may use (numerator / denominator over the enterprise's producing
/// projects in the year):
enum class Indicator {
    TaxPerMu,               // 亩均税收: tax_wan / area_mu (万元/亩)
    ValueAddedPerMu,        // 亩均增加值: value_added_wan / area_mu (万元/亩)
    RevenuePerMu,           // 亩均营业收入: revenue_wan / area_mu (万元/亩)
    ValueAddedPerEnergy,    // 单位能耗增加值: value_added_wan / energy_tce (万元/吨标准煤)
    ValueAddedPerEmission,  // 单位排放增加值: value_added_wan / emission_t (万元/吨)
    ValueAddedPerWater,     // 单位水耗增加值: no ledger column yet (always missing)
    LabourProductivity,     // 全员劳动生产率: value_added_wan / jobs (万元/人)
    RdShare,    // 研发经费占营业收入比重: rd_wan / revenue_wan (a fraction: 0.03 = 3 %)
    TaxPerKwh,  // 单位电耗税收: tax_wan / electricity_wan_kwh (元/千瓦时)
};
inline constexpr int kIndicatorCount = 9;
const char* to_string(Indicator i);  // "tax_per_mu", "value_added_per_mu", …
std::optional<Indicator> indicator_from_string(const std::string& s);
/// "亩均税收(万元/亩)" / "Tax per mu (10k CNY/mu)".
std::string indicator_label(Indicator i, bool english);

struct IndicatorSpec {
    Indicator indicator = Indicator::TaxPerMu;
    double weight = 0.0;
    std::optional<double> benchmark;  // nullopt: the group's average (Σ numerator / Σ denominator)
    std::optional<Indicator> fallback;  // read when the indicator is missing (亩均营业收入 for 亩均增加值)
    std::optional<double> fallback_benchmark;  // nullopt: the group's average of the fallback
};

/// A formula group: the first group whose conditions an enterprise meets scores and ranks it.
struct GroupSpec {
    std::string name;                                // "above", "below", "small", …
    std::optional<bool> above_scale;                 // nullopt: either scale
    std::optional<double> min_area_mu, max_area_mu;  // area in [min, max)
    std::vector<IndicatorSpec> indicators;
};

enum class MissingRule { GroupMean, Zero };
enum class GradeMethod { Rank, Score };

struct EvaluationConfig {
    std::string preset, source, file;
    std::string pollutant = "COD";  // what 排放量 measures
    double cap = 3.0;               // each part is min(indicator / benchmark, cap) × weight
    MissingRule missing = MissingRule::GroupMean;
    GradeMethod method = GradeMethod::Rank;
    /// Rank: cumulative shares of A, B and C (the rest is D). Score: the least score of A, B and C.
    std::array<double, 3> cuts{0.25, 0.70, 0.95};
    int min_producing_days = 365;                 // producing for less at the year's end: scored, not graded
    std::vector<std::string> utility_industries;  // 产业类别 of utilities: scored, not graded
    double above_scale_revenue_wan = 2000.0;      // 规上 when the ledger does not say
    std::vector<GroupSpec> groups;

    /// Reads `path` (InputError naming the file and the key at fault); `preset` "" takes its default_preset.
    static EvaluationConfig load(const std::string& path, const std::string& preset);
    static EvaluationConfig parse(const nlohmann::json& j, const std::string& what,
                                  const std::string& preset);
};

/// Where the default config/evaluation.json is (see find_config_file).
std::string find_evaluation_config(const std::vector<std::string>& fallback_dirs = {});

struct Enterprise {
    std::string credit_code;  // 统一社会信用代码 (else the enterprise name, else "#" + project id)
    std::string name;
    std::vector<std::string> zones;              // zone codes of all its projects (in ledger order)
    std::vector<std::string> project_ids;        // its producing projects in the year
    std::map<std::string, double> zone_area_mu;  // zone code -> its land there (亩); "" = in no zone
    double area_mu = 0.0;
    bool area_known = false;
    bool above_scale = false;
    std::string scale_source;  // "ledger" | "revenue" | "output" | "none"
    std::string group;         // "" when no group matched
    OptDouble tax_wan, value_added_wan, revenue_wan, energy_tce, emission_t, electricity_wan_kwh, jobs,
        rd_wan;
    std::array<std::optional<double>, kIndicatorCount> indicators{};  // by Indicator
    std::optional<double> score;
    std::vector<std::pair<std::string, double>> score_parts;  // indicator name -> part (sum = score)
    std::vector<std::string> imputed;                         // parts taken by the missing rule
    std::vector<std::string> fallbacks;                       // parts read from their fallback indicator
    int rank = 0;                                             // within its group (1 = best; 0 = not ranked)
    char grade = 0;                                           // 'A'..'D', 0 = not graded
    std::string not_graded_reason;  // utility | under_construction | no_land_area | producing_under_a_year |
                                    // no_group
    std::string first_production_date;
};

struct ZoneGrades {
    std::string code;
    std::array<int, 4> counts{};  // A..D
    std::array<double, 4> area_mu{};
    int not_graded = 0;
};

struct Evaluation {
    int year = 0;
    EvaluationConfig config;
    std::vector<Enterprise> enterprises;  // graded first (by group, rank), then not graded
    std::vector<ZoneGrades> zones;
    /// The benchmark each group used for each indicator (averages computed from the data).
    std::map<std::string, std::map<std::string, double>> benchmarks;
    std::vector<std::string> notes;
};

/// The year of the latest date in the data (the default evaluation year).
int default_year(const std::vector<Parcel>& parcels, const std::vector<Project>& projects);

Evaluation evaluate(const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                    const std::vector<Project>& projects, const std::vector<Link>& links,
                    const EvaluationConfig& config, int year);

/// The key an enterprise is known by: its 统一社会信用代码 (trimmed), else its name, else "#" + project id.
std::string enterprise_key(const Project& p);

/// The grade theme's view of an evaluation: per parcel, the class it is coloured with (0..3 = A..D,
/// analysis::kGradeNotGraded, analysis::kGradeNoEnterprise) and the enterprises on it (indices into
/// Evaluation::enterprises, the one giving the colour first). A parcel takes the grade of its graded
/// enterprise with the most land (the better grade on equal land); with tenants but none graded it is "not
/// graded".
struct ParcelGrades {
    std::vector<int> parcel_class;
    std::vector<std::vector<int>> parcel_enterprises;
};
ParcelGrades parcel_grades(const Evaluation& e, const std::vector<Parcel>& parcels,
                           const std::vector<Project>& projects, const std::vector<Link>& links);

/// Only the enterprises with land in `zone_code` (grades stay those of the whole evaluation) and that zone's
/// distribution.
void keep_zone(Evaluation& e, const std::string& zone_code);

nlohmann::json to_json(const Evaluation& e);
/// The same document written piece by piece (the enterprises one at a time), for large evaluations.
void write_json(std::ostream& out, const Evaluation& e);
report::Table enterprises_table(const Evaluation& e, bool english);
report::Table zone_grades_table(const Evaluation& e, const std::vector<Zone>& zones, bool english);

}  // namespace pa::evaluation
