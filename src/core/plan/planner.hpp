#pragma once
// The plot-assignment planner (docs/planning.md): which pipeline project goes on which vacant plot. A plot is
// one vacant parcel or up to three adjacent vacant parcels of one zone (sharing a boundary); every
// project-plot pair is checked against the hard rules (land use, preferred zone, area range, the zone's
// investment threshold, standard-land indicators, supply timing) and the pairs that pass are scored (lead
// industry, chain partners nearby, distance to the nearest same-industry parcel, tax per 亩, land left
// unused). solve() then picks the assignment of highest total score, each project at most once and each
// parcel at most once, within the zones' land and energy budgets, as an exact MILP (COIN-OR CBC).
#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model.hpp"

namespace pa::plan {

struct ZoneBudget {
    std::optional<double> land_mu;     // 亩 the zone may supply in the horizon (null: no limit)
    std::optional<double> energy_tce;  // 吨标准煤/年 for new projects (null: no limit)
};

struct ScoreWeights {
    double base = 100.0;           // every placement
    double industry_match = 20.0;  // the project's industry is one of the zone's lead industries
    double chain_partner = 10.0;   // an upstream/downstream partner industry within chain_distance_m
    double cluster_distance =
        15.0;                 // minus, times min(distance to the nearest same-industry parcel, cap) / cap
    double tax_per_mu = 0.5;  // per 万元 of tax per 亩 at full production
    double waste = 30.0;      // minus, times the share of the plot above the project's maximum land
};

struct PlanConfig {
    double area_tolerance = 0.10;  // the plot's area may be this share below the minimum / above the maximum
    int max_plot_parcels = 3;
    bool preferred_zone_is_hard = true;
    double cluster_distance_cap_m = 10000.0;
    double chain_distance_m = 5000.0;
    double time_limit_s = 120.0;
    /// Each project keeps its best-scoring feasible plots, at most this many (0: all), and the optimum is
    /// over the pairs kept. Thousands of projects over tens of thousands of parcels have millions of feasible
    /// pairs; a project seldom needs more than a few hundred alternatives.
    size_t max_candidates_per_project = 300;
    /// The solver stops when its proof of the optimum is this close (relative): 0 = exact. Knapsack rows (the
    /// budgets) make an exact proof take long; 1e-9 of the objective is far below any score difference.
    double relative_gap = 1e-9;
    ScoreWeights weights;
    std::map<std::string, ZoneBudget> budgets;                // zone code -> budget
    std::vector<std::pair<std::string, std::string>> chains;  // upstream, downstream industry
    /// Reads config/planning.json (and the chain pairs of `chains_path` when not empty). InputError with the
    /// file and the key on a bad value.
    static PlanConfig load(const std::string& path, const std::string& chains_path = "");
};

/// One vacant parcel or a connected set of adjacent ones.
struct Plot {
    std::vector<size_t> parcels;  // indices into the parcels given to build_candidates, ascending
    std::string zone;             // zone code
    double area_mu = 0.0;
    LonLat center;
};

/// The parts of a score, in the order of Candidate::parts.
inline constexpr std::array<const char*, 6> kScoreParts = {
    "base", "industry_match", "chain_partner", "cluster_distance", "tax_per_mu", "waste"};

/// The plot's outline (the union of its parcels) as WKB, for exports.
std::string plot_wkb(const Plot& plot, const std::vector<Parcel>& parcels);

struct Candidate {
    size_t project = 0;  // index into the projects
    size_t plot = 0;     // index into CandidateSet::plots
    double score = 0.0;
    std::array<double, kScoreParts.size()> parts{};  // score parts (kScoreParts); they sum to `score`
    double area_mu = 0.0, energy_tce = 0.0;
};

struct Unplaced {
    size_t project = 0;
    std::string reason_code;  // no_land_use, no_plot_in_zone, no_plot_of_size, below_threshold,
                              // standard_land, not_available, not_chosen, budget
    std::string reason_en, reason_zh;
};

struct CandidateSet {
    std::vector<Plot> plots;
    std::vector<Candidate> candidates;   // the feasible pairs, by project then plot
    std::vector<Unplaced> no_candidate;  // projects with no feasible pair, with the rule that stopped them
};

/// The planable parcels: vacant (储备 / 批而未供) industrial or storage land in a zone, on no ledger project,
/// with a code no other parcel has.
std::vector<size_t> planable_parcels(const std::vector<Parcel>& parcels, const std::vector<Link>& links);

/// The hard rules for one pair: "" when it passes, else the reason code and sentences (en, zh).
struct RuleResult {
    std::string code, en, zh;
    bool ok() const { return code.empty(); }
};
RuleResult check_pair(const PipelineProject& p, const Plot& plot, const std::vector<Parcel>& parcels,
                      const Zone* zone, const PlanConfig& cfg);

CandidateSet build_candidates(const std::vector<PipelineProject>& projects, const std::vector<Zone>& zones,
                              const std::vector<Parcel>& parcels, const std::vector<Link>& links,
                              const PlanConfig& cfg);

struct BudgetUse {
    double land_mu = 0.0, energy_tce = 0.0;
    bool land_binds = false, energy_binds = false;
    // With a binding budget anywhere: what the optimum without any budget places in the zone (so a budget's
    // blocked land or energy is wanted − limit).
    double land_wanted_mu = 0.0, energy_wanted_tce = 0.0;
};

struct Solution {
    std::vector<size_t> chosen;  // candidate indices, ascending
    double objective = 0.0;
    bool optimal = false;  // proven: no assignment scores more than objective * (1 + relative_gap)
    double bound = 0.0;    // the solver's upper bound on the objective
    std::string status;    // "optimal", "time limit", ...
    std::map<std::string, BudgetUse> budget_use;
    /// When a budget binds: the objective of the optimum with no budget (the same candidates and locks), so
    /// objective_without_budgets − objective is what the budgets cost.
    std::optional<double> objective_without_budgets;
    std::vector<Unplaced> unplaced;  // every project not chosen, with its reason
    double seconds = 0.0;
};

/// The assignment of maximum total score (exact: CBC branch and cut over the candidates only). `forced`:
/// candidate indices that must be chosen (locks); InputError when they conflict with each other or a budget.
Solution solve(const CandidateSet& set, const std::vector<PipelineProject>& projects, const PlanConfig& cfg,
               const std::vector<size_t>& forced = {});

}  // namespace pa::plan
