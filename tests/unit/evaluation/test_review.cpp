// 履约 (the land contract's commitments at their review stage) on both sides of each line, and the review
// lists' rows against their definitions.
#include <gtest/gtest.h>

#include "core/analysis/land_state.hpp"
#include "core/evaluation/review.hpp"
#include "support/fixtures.hpp"

namespace pa::evaluation {
namespace {

using analysis::Date;

Parcel committed_parcel() {
    Parcel p = test::parcel(1, "C1", test::square(106.6, 26.6, 0.002));
    p.zone_code = "Z";
    p.supply_status = SupplyStatus::Supplied;
    p.supply_date = "2021-01-10";
    p.contract_start_date = "2021-06-01";
    p.contract_completion_date = "2022-06-01";
    p.committed_invest_wan_per_mu = 400.0;
    p.committed_output_wan_per_mu = 800.0;
    p.committed_tax_wan_per_mu = 40.0;
    p.committed_plot_ratio = 1.5;
    p.plot_ratio = 1.5;
    p.developed_share = 1.0;
    p.stats.invest_wan_per_mu = 400.0;
    p.stats.output_wan_per_mu = 799.0;
    p.stats.tax_wan_per_mu = 40.0;
    return p;
}

Project producing_since(const char* date) {
    Project pr = test::project(1, "P1", "C1");
    pr.actual_start_date = "2021-07-01";
    pr.actual_production_date = date;
    pr.stage = "投产";
    return pr;
}

std::vector<FulfilmentCheck> checks_on(const Parcel& p, const Project& pr, const char* day) {
    const Date d = *Date::parse(day);
    return fulfilment_checks(p, analysis::land_state_at(p, {&pr}, d), d);
}

TEST(Fulfilment, CompletionThenFullOutputReviews) {
    Parcel p = committed_parcel();
    p.developed_share = 0.5;
    Project pr = producing_since("2023-01-01");
    // Started, before the contracted completion: nothing due yet.
    EXPECT_TRUE(checks_on(p, pr, "2022-05-31").empty());
    // From the completion date, late and unfinished: investment and plot ratio are reviewed (竣工).
    auto c = checks_on(p, pr, "2022-06-01");
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0].indicator, "invest_wan_per_mu");
    EXPECT_EQ(c[0].stage, "completion");
    EXPECT_TRUE(*c[0].met);  // 400 = 400: met on the line
    EXPECT_EQ(c[1].indicator, "plot_ratio");
    // Producing for less than two years: still the completion review only.
    EXPECT_EQ(checks_on(p, pr, "2024-12-31").size(), 2u);
    // Producing for two years: output and tax are reviewed (达产); output 799 < 800 is short, tax 40 = 40
    // met.
    c = checks_on(p, pr, "2025-01-01");
    ASSERT_EQ(c.size(), 4u);
    EXPECT_EQ(c[2].indicator, "output_wan_per_mu");
    EXPECT_EQ(c[2].stage, "full_output");
    EXPECT_FALSE(*c[2].met);
    EXPECT_TRUE(*c[3].met);
    const Date d = *Date::parse("2025-01-01");
    EXPECT_EQ(fulfilment_of(p, analysis::land_state_at(p, {&pr}, d), d), Fulfilment::Short);
    p.stats.output_wan_per_mu = 800.0;
    EXPECT_EQ(fulfilment_of(p, analysis::land_state_at(p, {&pr}, d), d), Fulfilment::Met);
    // A project at 达产 is reviewed for full output at once.
    pr.stage = "达产";
    p.stats.stage = "达产";
    EXPECT_EQ(checks_on(p, pr, "2023-06-01").size(), 4u);
}

TEST(Fulfilment, MissingFiguresAreNoDataAndOtherLandHasNoCommitment) {
    Parcel p = committed_parcel();
    Project pr = producing_since("2022-01-01");
    const Date d = *Date::parse("2022-06-01");
    p.stats.invest_wan_per_mu = OptDouble();
    const auto c = fulfilment_checks(p, analysis::land_state_at(p, {&pr}, d), d);
    ASSERT_FALSE(c.empty());
    EXPECT_FALSE(c[0].met.has_value());
    EXPECT_EQ(fulfilment_of(p, analysis::land_state_at(p, {&pr}, d), d), Fulfilment::NoData);
    p.landuse = LandUse::Commercial;
    EXPECT_EQ(fulfilment_of(p, analysis::land_state_at(p, {&pr}, d), d), Fulfilment::NoCommitment);
    Parcel none = test::parcel(2, "N", test::square(106.7, 26.6, 0.002));
    EXPECT_EQ(fulfilment_of(none, analysis::land_state_at(none, {}, d), d), Fulfilment::NoCommitment);
}

TEST(Review, BelowThresholdGapIsThresholdMinusValueTimesArea) {
    Parcel p = committed_parcel();
    p.stats.compliance = Compliance::Below;
    p.stats.threshold_wan_per_mu = 500.0;
    p.stats.invest_wan_per_mu = 420.0;
    Parcel ok = committed_parcel();
    ok.id = 2;
    ok.code = "C2";
    ok.stats.compliance = Compliance::Meets;
    const std::vector<Parcel> parcels{p, ok};  // the rows point into it
    const auto r = review(ReviewList::BelowThreshold, {}, parcels, {}, {}, *Date::parse("2023-12-31"), "");
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0].parcel->code, "C1");
    EXPECT_NEAR(*r.rows[0].gap_wan_per_mu, 80.0, 1e-12);
    EXPECT_NEAR(*r.rows[0].gap_wan, 80.0 * p.area_mu, 1e-9);
    EXPECT_NEAR(r.gap_wan_total, 80.0 * p.area_mu, 1e-9);
}

}  // namespace
}  // namespace pa::evaluation
