// The 亩均 evaluation against a hand-computed fixture: both scales, an enterprise of two projects, a missing
// indicator (group mean), a benchmark that is the group's average, a cap, a tie straddling a cut-off, and
// firms scored but not graded (under a year) or not scored (under construction, utility).
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/analysis/classify.hpp"
#include "core/common/error.hpp"
#include "core/evaluation/grade.hpp"
#include "support/fixtures.hpp"

namespace pa::evaluation {
namespace {

constexpr const char* kConfig = R"({
  "default_preset": "t",
  "presets": {"t": {
    "cap": 2, "missing": "group_mean",
    "grades": {"method": "rank", "A": 0.25, "B": 0.70, "C": 0.95},
    "not_graded": {"min_producing_days": 365, "utility_industries": ["水务"]},
    "above_scale_revenue_wan": 2000,
    "groups": [
      {"name": "above", "when": {"above_scale": true}, "indicators": [
        {"indicator": "tax_per_mu", "benchmark": 10, "weight": 60},
        {"indicator": "labour_productivity", "benchmark": 5, "weight": 40}]},
      {"name": "below", "when": {"above_scale": false}, "indicators": [
        {"indicator": "tax_per_mu", "benchmark": null, "weight": 100}]}
    ]}}})";

EvaluationConfig config() {
    return EvaluationConfig::parse(nlohmann::json::parse(kConfig), "test", "");
}

int64_t next_id = 1;
Project firm(const std::string& code, double area_mu, OptDouble tax, OptDouble va, OptDouble jobs,
             std::optional<bool> above, OptDouble revenue = OptDouble()) {
    Project p = test::project(next_id, "P" + std::to_string(next_id), "");
    ++next_id;
    p.credit_code = code;
    p.enterprise = "企业" + code;
    p.stage = "投产";
    p.actual_production_date = "2021-03-01";
    p.land_area_mu = area_mu;
    p.tax_wan = tax;
    p.value_added_wan = va;
    p.jobs = jobs;
    p.above_scale = above;
    p.revenue_wan = revenue;
    return p;
}

std::vector<Project> fixture() {
    std::vector<Project> ps;
    ps.push_back(firm("E1", 6, 60, 30, 3, true));  // E1: two projects, tax 100 on 10 亩, VA 50 / 5 people
    ps.push_back(firm("E1", 4, 40, 20, 2, true));
    ps.push_back(firm("E2", 10, 300, 25, 5, true));          // tax per mu 30: capped at 2 x benchmark
    ps.push_back(firm("E3", 10, 50, OptDouble(), 5, true));  // no value added: productivity takes the mean
    ps.push_back(firm("E4", 10, 20, 10, 10, std::nullopt, 2500));  // above by revenue
    ps.push_back(firm("E5", 10, 100, 50, 10, true));               // producing since 2023-06: not graded
    ps.back().actual_production_date = "2023-06-01";
    ps.push_back(firm("E6", 10, 30, 1, 1, false));
    ps.push_back(firm("E7", 10, 20, 1, 1, false));  // E7 and E8 tie across the A/B/C cut-offs
    ps.push_back(firm("E8", 10, 20, 1, 1, false));
    ps.push_back(firm("E9", 10, 10, 1, 1, std::nullopt, 500));                   // below by revenue
    ps.push_back(firm("E10", 10, OptDouble(), OptDouble(), OptDouble(), true));  // under construction
    ps.back().stage = "建设";
    ps.back().actual_production_date = "";
    ps.push_back(firm("E11", 10, 100, 50, 10, true));  // a utility
    ps.back().industry = "水务";
    return ps;
}

std::map<std::string, Enterprise> by_code(const Evaluation& ev) {
    std::map<std::string, Enterprise> m;
    for (const auto& e : ev.enterprises) m[e.credit_code] = e;
    return m;
}

TEST(Grade, HandComputedFixture) {
    const Evaluation ev = evaluate({}, {}, fixture(), {}, config(), 2023);
    auto m = by_code(ev);
    ASSERT_EQ(m.size(), 11u);
    // above: E1 = 1 x 60 + 2 x 40 = 140; E2 = 2 (capped) x 60 + 1 x 40 = 160; E4 = 0.2 x 60 + 0.2 x 40 = 20;
    // E3 = 0.5 x 60 + mean(80, 40, 8) = 30 + 42.6667 (E5 is not graded, so not in the mean).
    EXPECT_NEAR(*m["E1"].score, 140.0, 1e-9);
    EXPECT_NEAR(*m["E2"].score, 160.0, 1e-9);
    EXPECT_NEAR(*m["E3"].score, 30.0 + 128.0 / 3.0, 1e-9);
    EXPECT_NEAR(*m["E4"].score, 20.0, 1e-9);
    EXPECT_EQ(m["E3"].imputed, std::vector<std::string>{"labour_productivity"});
    EXPECT_FALSE(m["E3"].indicators[static_cast<int>(Indicator::LabourProductivity)].has_value());
    EXPECT_NEAR(m["E1"].area_mu, 10.0, 1e-12);
    EXPECT_EQ(m["E1"].project_ids.size(), 2u);
    EXPECT_EQ(m["E4"].scale_source, "revenue");
    EXPECT_EQ(m["E4"].group, "above");
    EXPECT_EQ(m["E2"].grade, 'A');
    EXPECT_EQ(m["E1"].grade, 'B');
    EXPECT_EQ(m["E3"].grade, 'C');
    EXPECT_EQ(m["E4"].grade, 'D');
    // E5: scored (100 = 60 + 40), not graded.
    EXPECT_NEAR(*m["E5"].score, 100.0, 1e-9);
    EXPECT_EQ(m["E5"].grade, 0);
    EXPECT_EQ(m["E5"].not_graded_reason, "producing_under_a_year");
    // below: benchmark = the group's average tax per mu = 80 / 40 = 2; E6 150, E7 = E8 = 100, E9 50. Ranks
    // 1, 2, 2, 4: E8 sits at position 3 (past B's 2.8) but ties with E7, so both are B.
    EXPECT_NEAR(ev.benchmarks.at("below").at("tax_per_mu"), 2.0, 1e-12);
    EXPECT_NEAR(*m["E6"].score, 150.0, 1e-9);
    EXPECT_NEAR(*m["E8"].score, 100.0, 1e-9);
    EXPECT_EQ(m["E9"].scale_source, "revenue");
    EXPECT_EQ(m["E6"].grade, 'A');
    EXPECT_EQ(m["E7"].rank, 2);
    EXPECT_EQ(m["E8"].rank, 2);
    EXPECT_EQ(m["E7"].grade, 'B');
    EXPECT_EQ(m["E8"].grade, 'B');
    EXPECT_EQ(m["E9"].grade, 'D');
    EXPECT_EQ(m["E10"].not_graded_reason, "under_construction");
    EXPECT_FALSE(m["E10"].score.has_value());
    EXPECT_TRUE(m["E10"].group.empty());
    EXPECT_EQ(m["E11"].not_graded_reason, "utility");
    // Every score is the sum of its parts.
    for (const auto& e : ev.enterprises) {
        if (!e.score) continue;
        double sum = 0.0;
        for (const auto& [k, v] : e.score_parts) sum += v;
        EXPECT_NEAR(sum, *e.score, 1e-9) << e.credit_code;
    }
}

TEST(Grade, ScoreCutOffsAndZeroRule) {
    nlohmann::json j = nlohmann::json::parse(kConfig);
    j["presets"]["t"]["grades"] = {{"method", "score"}, {"A", 150}, {"B", 100}, {"C", 30}};
    j["presets"]["t"]["missing"] = "zero";
    const Evaluation ev = evaluate({}, {}, fixture(), {}, EvaluationConfig::parse(j, "test", ""), 2023);
    auto m = by_code(ev);
    EXPECT_NEAR(*m["E3"].score, 30.0, 1e-9);  // the missing part counts 0, as configured
    EXPECT_EQ(m["E2"].grade, 'A');
    EXPECT_EQ(m["E1"].grade, 'B');
    EXPECT_EQ(m["E3"].grade, 'C');
    EXPECT_EQ(m["E4"].grade, 'D');
}

TEST(Grade, AProjectProducingAfterTheYearIsLeftOut) {
    // In 2022, E5 (producing since 2023-06) has no producing project: under construction.
    const Evaluation ev = evaluate({}, {}, fixture(), {}, config(), 2022);
    EXPECT_EQ(by_code(ev)["E5"].not_graded_reason, "under_construction");
}

TEST(Grade, TenantsWithoutLandAreaSplitTheParcelByFloorArea) {
    Parcel pc = test::parcel(1, "Z1", test::square(106.6, 26.6, 0.002));
    pc.zone_code = "Z";
    std::vector<Project> ps{firm("T1", 0, 30, 10, 2, true), firm("T2", 0, 10, 10, 2, true),
                            firm("T3", 0, 10, 10, 2, true)};
    for (auto& p : ps) p.land_area_mu = OptDouble();
    ps[0].floor_area_m2 = 300;
    ps[1].floor_area_m2 = 100;
    std::vector<Link> links{{ps[0].id, 1, "exact"}, {ps[1].id, 1, "exact"}};
    auto m = by_code(evaluate({}, {pc}, ps, links, config(), 2023));
    EXPECT_NEAR(m["T1"].area_mu, pc.area_mu * 0.75, 1e-9);
    EXPECT_NEAR(m["T2"].area_mu, pc.area_mu * 0.25, 1e-9);
    EXPECT_NEAR(m["T1"].zone_area_mu["Z"], pc.area_mu * 0.75, 1e-9);
    EXPECT_EQ(m["T3"].not_graded_reason, "no_land_area");  // on no parcel and no 用地面积
    // Without every tenant's floor area the parcel is split equally.
    ps[1].floor_area_m2 = OptDouble();
    m = by_code(evaluate({}, {pc}, ps, links, config(), 2023));
    EXPECT_NEAR(m["T1"].area_mu, pc.area_mu * 0.5, 1e-9);
}

TEST(Grade, ParcelsTakeTheGradeOfTheirLargestGradedTenantAndTheFilterHidesClasses) {
    std::vector<Parcel> pcs;
    for (int i = 0; i < 3; ++i)
        pcs.push_back(
            test::parcel(i + 1, "Z" + std::to_string(i), test::square(106.6 + i * 0.01, 26.6, 0.002)));
    std::vector<Project> ps = fixture();  // E2 is A, E4 is D, E10 is not graded
    auto id_of = [&](const std::string& code) {
        for (const auto& p : ps)
            if (p.credit_code == code) return p.id;
        return int64_t{-1};
    };
    // parcel 1: E2 (A, 10 亩) and E4 (D, 10 亩, listed first); parcel 2: E10 only; parcel 3: nobody
    std::vector<Link> links{{id_of("E4"), 1, "exact"}, {id_of("E2"), 1, "exact"}, {id_of("E10"), 2, "exact"}};
    const Evaluation ev = evaluate({}, pcs, ps, links, config(), 2023);
    const ParcelGrades g = parcel_grades(ev, pcs, ps, links);
    ASSERT_EQ(g.parcel_class.size(), 3u);
    EXPECT_EQ(g.parcel_class[0],
              0);  // both 10 亩: the better grade
    EXPECT_EQ(g.parcel_class[1], analysis::kGradeNotGraded);
    EXPECT_EQ(g.parcel_class[2], analysis::kGradeNoEnterprise);
    EXPECT_EQ(g.parcel_enterprises[0].size(), 2u);
    analysis::ClassifyOptions o;
    o.grade_class = g.parcel_class;
    auto c = analysis::classify(pcs, analysis::Theme::Grade, o);
    EXPECT_EQ(c.classes.size(), 6u);
    EXPECT_EQ(c.classes[0].count, 1);
    EXPECT_EQ(c.classes[analysis::kGradeNotGraded].count, 1);
    EXPECT_EQ(c.classes[analysis::kGradeNoEnterprise].count, 1);
    o.grade_shown = 1u;  // A only
    c = analysis::classify(pcs, analysis::Theme::Grade, o);
    EXPECT_EQ(c.shown_count, 1);
    EXPECT_EQ(c.parcel_class[1], -1);
}

TEST(Grade, ConfigErrorsNameTheKey) {
    auto fails_with = [](nlohmann::json j, const std::string& needle) {
        try {
            EvaluationConfig::parse(j, "'x.json'", "");
            ADD_FAILURE() << "accepted";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    nlohmann::json j = nlohmann::json::parse(kConfig);
    j["presets"]["t"]["groups"][0]["indicators"][0]["indicator"] = "tax_per_acre";
    fails_with(j, "tax_per_acre");
    j = nlohmann::json::parse(kConfig);
    j["presets"]["t"]["grades"]["B"] = 0.1;
    fails_with(j, "grades.B");
    j = nlohmann::json::parse(kConfig);
    j["presets"]["t"]["groups"][0]["indicators"][0]["benchmark"] = -3;
    fails_with(j, "benchmark");
    EXPECT_THROW(EvaluationConfig::parse(nlohmann::json::parse(kConfig), "x", "nope"), InputError);
}

TEST(Grade, BundledPresetsParse) {
    for (const char* preset : {"huangyan-2022", "linhai"}) {
        const auto c = EvaluationConfig::load(std::string(PA_SOURCE_DIR) + "/config/evaluation.json", preset);
        EXPECT_FALSE(c.source.empty()) << preset;
        EXPECT_EQ(c.groups.size(), 2u) << preset;
    }
}

}  // namespace
}  // namespace pa::evaluation
