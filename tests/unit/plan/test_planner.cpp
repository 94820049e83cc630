// The planner: rules at their boundaries, adjacency plots, and optimality against brute force on small random
// instances (multi-parcel plots, locks, budgets); scenarios round-trip through the workspace.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <random>

#include "core/common/error.hpp"
#include "core/plan/planner.hpp"
#include "core/plan/scenario.hpp"
#include "core/store/workspace.hpp"
#include "support/fixtures.hpp"
#include "support/scratch.hpp"

namespace pa::plan {
namespace {

using test::parcel;

// A row of n vacant industrial parcels in zone Z, side by side (each adjacent to the next), d degrees wide.
std::vector<Parcel> row_of_parcels(int n, double d = 0.002) {
    std::vector<Parcel> out;
    for (int i = 0; i < n; ++i) {
        Parcel p = parcel(i + 1, "P" + std::to_string(i + 1), test::square(106.6 + i * d, 26.6, d));
        p.supply_status = SupplyStatus::Reserved;
        p.zone_code = "Z";
        out.push_back(std::move(p));
    }
    return out;
}

Zone zone_z(double threshold = 300) {
    Zone z = test::zone("Z", ZoneLevel::Provincial, test::box(106.5, 26.5, 106.8, 26.8));
    z.threshold_wan_per_mu = threshold;
    z.name_zh = "测试园区";
    return z;
}

PipelineProject project(const std::string& id, double lo, double hi, double invest) {
    PipelineProject p;
    p.project_id = id;
    p.min_area_mu = lo;
    p.max_area_mu = hi;
    p.fixed_invest_wan = invest;
    p.tax_wan = invest * 0.05;
    p.energy_tce = 10;
    return p;
}

TEST(Planner, AdjacentParcelsMakePlotsOfTwoAndThree) {
    const auto parcels = row_of_parcels(4);
    PlanConfig cfg;
    auto set = build_candidates({project("A", 0, 1e6, 1e9)}, {zone_z()}, parcels, {}, cfg);
    // 4 singles, 3 adjacent pairs, 2 connected triples
    EXPECT_EQ(set.plots.size(), 9u);
    EXPECT_EQ(set.candidates.size(), 9u);
    cfg.max_plot_parcels = 1;
    EXPECT_EQ(build_candidates({project("A", 0, 1e6, 1e9)}, {zone_z()}, parcels, {}, cfg).plots.size(), 4u);
}

TEST(Planner, ClusterDistanceIsMetresToTheNearestSameIndustryParcel) {
    auto parcels = row_of_parcels(1);
    // two occupied parcels of industry X, 0.01° and 0.03° east of the vacant one's centre (about 995 m and
    // 2985 m at 26.6°N); one of industry Y nearer still
    for (double east : {0.01, 0.03, 0.005}) {
        Parcel q = parcel(static_cast<int64_t>(parcels.size()) + 1, "Q" + std::to_string(parcels.size()),
                          test::square(106.6 + east, 26.6, 0.002));
        q.zone_code = "Z";
        q.supply_status = SupplyStatus::Producing;
        q.stats.industry = east == 0.005 ? "Y" : "X";
        parcels.push_back(q);
    }
    auto p = project("A", 0, 1e6, 1e9);
    p.industry = "X";
    PlanConfig cfg;
    const auto set = build_candidates({p}, {zone_z()}, parcels, {}, cfg);
    ASSERT_EQ(set.candidates.size(), 1u);
    double part = 0;
    for (size_t i = 0; i < kScoreParts.size(); ++i)
        if (std::string(kScoreParts[i]) == "cluster_distance") part = set.candidates[0].parts[i];
    const double d_m = -part / cfg.weights.cluster_distance * cfg.cluster_distance_cap_m;
    EXPECT_NEAR(d_m, 0.01 * 111320.0 * std::cos(26.601 * M_PI / 180.0), 5.0);
}

TEST(Planner, AProjectWithNoPlotGetsTheRuleThatStoppedIt) {
    const auto parcels = row_of_parcels(2);
    const double a = parcels[0].area_mu;
    auto storage = project("S", 0, 1e6, 1e9);
    storage.land_use = LandUse::Storage;
    auto elsewhere = project("Z", 0, 1e6, 1e9);
    elsewhere.preferred_zone = "别的园区";
    const std::vector<PipelineProject> ps = {project("BIG", a * 10, a * 12, 1e9), storage, elsewhere,
                                             project("THIN", 0, a * 1.05, 100 * a)};
    const auto set = build_candidates(ps, {zone_z(300)}, parcels, {}, PlanConfig{});
    std::map<size_t, std::string> reason;
    for (const auto& u : set.no_candidate) reason[u.project] = u.reason_code;
    EXPECT_EQ(reason[0], "no_plot_of_size");
    EXPECT_EQ(reason[1], "no_land_use");
    EXPECT_EQ(reason[2], "no_plot_in_zone");
    EXPECT_EQ(reason[3], "below_threshold");
    for (const auto& u : set.no_candidate) EXPECT_FALSE(u.reason_en.empty());
}

TEST(Planner, EachRuleAtItsBoundary) {
    const auto parcels = row_of_parcels(1);
    const Zone z = zone_z(300);
    Plot plot;
    plot.parcels = {0};
    plot.zone = "Z";
    plot.area_mu = parcels[0].area_mu;
    const double a = plot.area_mu;
    PlanConfig cfg;  // 10% tolerance
    // area: min * 0.9 <= area <= max * 1.1
    EXPECT_TRUE(check_pair(project("A", a / 0.9, a / 0.9, 1e9), plot, parcels, &z, cfg).ok());
    EXPECT_EQ(check_pair(project("A", a / 0.9 * 1.0001, a * 2, 1e9), plot, parcels, &z, cfg).code,
              "no_plot_of_size");
    EXPECT_TRUE(check_pair(project("A", 0, a / 1.1, 1e9), plot, parcels, &z, cfg).ok());
    EXPECT_EQ(check_pair(project("A", 0, a / 1.1 * 0.9999, 1e9), plot, parcels, &z, cfg).code,
              "no_plot_of_size");
    // threshold: invest / area >= 300 万元/亩
    EXPECT_TRUE(check_pair(project("A", 0, 1e6, 300 * a), plot, parcels, &z, cfg).ok());
    EXPECT_EQ(check_pair(project("A", 0, 1e6, 300 * a * 0.9999), plot, parcels, &z, cfg).code,
              "below_threshold");
    auto storage = project("S", 0, 1e6, 1.0);  // no threshold for storage, but storage land needed
    storage.land_use = LandUse::Storage;
    EXPECT_EQ(check_pair(storage, plot, parcels, &z, cfg).code, "no_land_use");
    // supply month: a parcel coming to supply after the start month
    auto later = parcels;
    later[0].supply_date = IsoDate("2024-06-01");
    auto p = project("A", 0, 1e6, 1e9);
    p.earliest_start = "2024-06";
    EXPECT_TRUE(check_pair(p, plot, later, &z, cfg).ok());
    p.earliest_start = "2024-05";
    EXPECT_EQ(check_pair(p, plot, later, &z, cfg).code, "not_available");
    // the planned supply date (计划供地日期) of reserved land: the same boundary, and it rules over
    // supply_date
    auto planned = parcels;
    planned[0].planned_supply_date = IsoDate("2025-03-15");
    p.earliest_start = "2025-03";
    EXPECT_TRUE(check_pair(p, plot, planned, &z, cfg).ok());
    p.earliest_start = "2025-02";
    EXPECT_EQ(check_pair(p, plot, planned, &z, cfg).code, "not_available");
    // standard land: the parcel's committed investment per 亩
    auto std_land = parcels;
    std_land[0].standard_land = true;
    std_land[0].committed_invest_wan_per_mu = 400;
    EXPECT_TRUE(check_pair(project("A", 0, 1e6, 400 * a), plot, std_land, &z, cfg).ok());
    EXPECT_EQ(check_pair(project("A", 0, 1e6, 399 * a), plot, std_land, &z, cfg).code, "standard_land");
    // preferred zone
    auto elsewhere = project("A", 0, 1e6, 1e9);
    elsewhere.preferred_zone = "别的园区";
    EXPECT_EQ(check_pair(elsewhere, plot, parcels, &z, cfg).code, "no_plot_in_zone");
    elsewhere.preferred_zone = "测试园区";
    EXPECT_TRUE(check_pair(elsewhere, plot, parcels, &z, cfg).ok());
}

// Brute force: the best total score over all subsets of candidates that respect the rows.
double brute_force(const CandidateSet& set, size_t nprojects, const PlanConfig& cfg,
                   const std::vector<size_t>& forced) {
    const size_t n = set.candidates.size();
    double best = -1e300;
    std::vector<size_t> pick;
    std::function<void(size_t, std::vector<char>&, std::vector<char>&, double, double, double)> go =
        [&](size_t j, std::vector<char>& used_p, std::vector<char>& used_q, double land, double energy,
            double score) {
            if (j == n) {
                best = std::max(best, score);
                return;
            }
            const auto& c = set.candidates[j];
            const bool must = std::find(forced.begin(), forced.end(), j) != forced.end();
            if (!must) go(j + 1, used_p, used_q, land, energy, score);
            bool ok = !used_p[c.project];
            for (size_t q : set.plots[c.plot].parcels) ok = ok && !used_q[q];
            const auto& b = cfg.budgets.at("Z");
            ok = ok && (!b.land_mu || land + c.area_mu <= *b.land_mu + 1e-9) &&
                 (!b.energy_tce || energy + c.energy_tce <= *b.energy_tce + 1e-9);
            if (!ok) return;
            used_p[c.project] = 1;
            for (size_t q : set.plots[c.plot].parcels) used_q[q] = 1;
            go(j + 1, used_p, used_q, land + c.area_mu, energy + c.energy_tce, score + c.score);
            used_p[c.project] = 0;
            for (size_t q : set.plots[c.plot].parcels) used_q[q] = 0;
        };
    std::vector<char> up(nprojects, 0), uq(64, 0);
    go(0, up, uq, 0, 0, 0);
    return best;
}

TEST(Planner, OptimalAgainstBruteForceOnRandomInstances) {
    std::mt19937 rng(7);
    for (int round = 0; round < 12; ++round) {
        const int nparcels = 3 + static_cast<int>(rng() % 3);  // 3..5 in a row: plots of 1..3
        auto parcels = row_of_parcels(nparcels);
        const double a = parcels[0].area_mu;
        std::vector<PipelineProject> projects;
        const int nproj = 2 + static_cast<int>(rng() % 4);  // 2..5
        for (int k = 0; k < nproj; ++k) {
            const int size = 1 + static_cast<int>(rng() % 3);
            auto p = project("X" + std::to_string(k), a * size * 0.95, a * (size + 0.5),
                             500 * a * size * (1 + static_cast<double>(rng() % 5) * 0.1));
            p.energy_tce = 5 + static_cast<double>(rng() % 20);
            projects.push_back(p);
        }
        PlanConfig cfg;
        cfg.budgets["Z"] =
            ZoneBudget{a * (1.5 + static_cast<double>(rng() % 4)), 10.0 + static_cast<double>(rng() % 40)};
        auto set = build_candidates(projects, {zone_z()}, parcels, {}, cfg);
        ASSERT_LE(set.candidates.size(), 60u);
        std::vector<size_t> forced;
        if (round % 3 == 2 && !set.candidates.empty()) forced.push_back(rng() % set.candidates.size());
        const double best = brute_force(set, projects.size(), cfg, forced);
        if (best < -1e299) {
            EXPECT_THROW(solve(set, projects, cfg, forced), InputError);
            continue;
        }
        const Solution sol = solve(set, projects, cfg, forced);
        EXPECT_TRUE(sol.optimal) << "round " << round;
        EXPECT_NEAR(sol.objective, best, 1e-6 * std::max(1.0, best)) << "round " << round;
        for (size_t f : forced)
            EXPECT_NE(std::find(sol.chosen.begin(), sol.chosen.end(), f), sol.chosen.end());
        // every project is either placed or listed with a reason
        EXPECT_EQ(sol.chosen.size() + sol.unplaced.size(), projects.size());
        for (const auto& u : sol.unplaced) EXPECT_FALSE(u.reason_en.empty());
    }
}

// A land budget that binds says how much it blocked: the optimum without budgets (the same candidates) and
// what it would place in the zone; a budget that does not bind says nothing more.
TEST(Planner, ABindingBudgetReportsWhatItBlocked) {
    const auto parcels = row_of_parcels(3, 0.01);  // three ~15 亩 lots far enough apart for single plots
    const double a = parcels[0].area_mu;
    std::vector<PipelineProject> projects;
    for (int k = 0; k < 3; ++k)
        projects.push_back(project("B" + std::to_string(k), a * 0.95, a * 1.05, 500 * a * 2));
    PlanConfig cfg;
    cfg.max_plot_parcels = 1;
    cfg.budgets["Z"] = ZoneBudget{a * 2.5, std::nullopt};  // room for two of the three
    const auto set = build_candidates(projects, {zone_z()}, parcels, {}, cfg);
    const Solution sol = solve(set, projects, cfg);
    ASSERT_TRUE(sol.optimal);
    EXPECT_EQ(sol.chosen.size(), 2u);
    const auto& u = sol.budget_use.at("Z");
    EXPECT_TRUE(u.land_binds);
    ASSERT_TRUE(sol.objective_without_budgets);
    EXPECT_GT(*sol.objective_without_budgets, sol.objective);
    EXPECT_NEAR(u.land_wanted_mu, 3 * a, 1e-6);  // all three without the budget
    EXPECT_EQ(std::count_if(sol.unplaced.begin(), sol.unplaced.end(),
                            [](const Unplaced& x) { return x.reason_code == "budget"; }),
              1);
    cfg.budgets["Z"] = ZoneBudget{a * 4, std::nullopt};  // room for all
    const Solution roomy = solve(build_candidates(projects, {zone_z()}, parcels, {}, cfg), projects, cfg);
    EXPECT_FALSE(roomy.budget_use.at("Z").land_binds);
    EXPECT_FALSE(roomy.objective_without_budgets);
}

TEST(Planner, ScenarioRoundTripAndOptimisticCheck) {
    const std::string path = test::scratch_path("planner", "ws.sqlite");
    std::filesystem::remove(path);
    auto ws = store::Workspace::open_or_create(path);
    store::Scenario s;
    s.name = "s1";
    s.pipeline_json = "[]";
    s.solved = s.optimal = true;
    s.objective = 123.456789012345678;
    s.assignments.push_back(
        {"A", {"P1", "P2"}, "Z", 12.5, 123.456789012345678, 0, 1000, 2000, 50, "{}", true});
    ws.save_scenario(s, 0);
    EXPECT_EQ(s.version, 1);
    auto back = ws.load_scenario("s1");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->objective, s.objective);  // full precision
    ASSERT_EQ(back->assignments.size(), 1u);
    EXPECT_EQ(back->assignments[0].parcel_codes, (std::vector<std::string>{"P1", "P2"}));
    EXPECT_TRUE(back->assignments[0].locked);
    // a second writer that read version 0 is told to reload
    store::Scenario stale = s;
    EXPECT_THROW(ws.save_scenario(stale, 0), InputError);
    ws.copy_scenario("s1", "s2");
    ws.rename_scenario("s2", "s3");
    EXPECT_THROW(ws.copy_scenario("nope", "x"), InputError);
    ws.delete_scenario("s1");
    const auto list = ws.list_scenarios();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].name, "s3");
    EXPECT_EQ(list[0].assignments.size(), 1u);
}

// 补链 gaps closed: a ledger's machinery maker in Z with no parts supplier within reach is a gap
// (missing_upstream); a scenario placing a parts project 1 km away closes it, one placing it 30 km away
// (beyond the 5 km distance) does not, and a project of an unchained industry changes nothing.
TEST(Planner, ChainGapsClosedCountsLedgerGapsTheScenarioFills) {
    std::vector<Parcel> parcels = row_of_parcels(3, 0.01);
    parcels[2] = parcel(3, "P3", test::square(106.9, 26.6, 0.01));  // ~30 km east, in zone Y
    parcels[2].zone_code = "Y";
    ChainBaseline chains;
    chains.config.pairs.push_back({"零部件", "装备制造", "", ""});
    chains.distance_m = 5000;
    chains.firms.push_back({"L1", "整机厂", "装备制造", "Z", LonLat{106.605, 26.605}});
    auto scenario = [&](const std::string& code, const std::string& industry) {
        store::Scenario s;
        s.name = "s";
        s.pipeline_json = nlohmann::json::array({{{"project_id", "N1"}, {"industry", industry}}}).dump();
        s.assignments.push_back(
            {"N1", {code}, code == "P3" ? "Y" : "Z", 15, 100, 0, 1000, 0, 0, "{}", false});
        return s;
    };
    EXPECT_EQ(chain_gaps_closed(scenario("P2", "零部件"), parcels, chains).at("Z"), 1);
    EXPECT_TRUE(chain_gaps_closed(scenario("P3", "零部件"), parcels, chains).empty());
    EXPECT_TRUE(chain_gaps_closed(scenario("P2", "食品"), parcels, chains).empty());
    const auto j = compare_scenarios(scenario("P3", "零部件"), scenario("P2", "零部件"), {zone_z()}, parcels,
                                     {}, &chains);
    EXPECT_EQ(j["a"]["chain_gaps_closed"], 0);
    EXPECT_EQ(j["b"]["chain_gaps_closed"], 1);
    EXPECT_EQ(j["delta"]["chain_gaps_closed"], 1.0);
    for (const auto& z : j["zones"])
        if (z["zone"] == "Z") {
            EXPECT_EQ(z["b"]["chain_gaps_closed"], 1);
        }
    EXPECT_FALSE(
        compare_scenarios(scenario("P3", "零部件"), scenario("P2", "零部件"), {zone_z()}, parcels, {})["a"]
            .contains("chain_gaps_closed"));
    EXPECT_STREQ(kpi_label("chain_gaps_closed", true), "Chain gaps closed");
    EXPECT_EQ(kpi_label("nope", false), nullptr);
}

}  // namespace
}  // namespace pa::plan
