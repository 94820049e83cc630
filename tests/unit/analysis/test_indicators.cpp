#include <gtest/gtest.h>

#include "core/analysis/indicators.hpp"
#include "core/analysis/report.hpp"
#include "support/fixtures.hpp"

using namespace pa;
using pa::test::box;
using pa::test::parcel;
using pa::test::project;

namespace {
struct World {
    std::vector<Zone> zones{test::zone("NA", ZoneLevel::NationalNewArea, box(106.0, 26.0, 106.1, 26.1)),
                            test::zone("PV", ZoneLevel::Provincial, box(106.1, 26.0, 106.2, 26.1))};
    std::vector<Parcel> parcels;
    std::vector<Project> projects;
    std::vector<Link> links;
    World() {
        parcels = {parcel(1, "I1", box(106.01, 26.01, 106.02, 26.02)),
                   parcel(2, "I2", box(106.02, 26.01, 106.04, 26.02)),  // twice the area of I1
                   parcel(3, "C1", box(106.11, 26.01, 106.12, 26.02), LandUse::Commercial),
                   parcel(4, "I3", box(106.12, 26.01, 106.13, 26.02)),
                   parcel(5, "OUT", box(107.0, 26.0, 107.01, 26.01))};
        for (auto& p : parcels)
            p.zone_code = p.geom[0][0][0].lon < 106.1 ? "NA" : p.geom[0][0][0].lon < 106.2 ? "PV" : "";
        projects = {project(1, "J1", ""), project(2, "J2", ""), project(3, "J3", "")};
        projects[0].fixed_invest_wan = 90000.0;  // on I1 and I2, split 1:2 by area
        projects[0].output_wan = 3000.0;
        projects[0].funds_2021_wan = 300.0;
        projects[1].fixed_invest_wan = 500.0;  // on C1 (not applicable)
        projects[2].fixed_invest_wan.reset();  // on I3: no data
        links = {{1, 1, "exact"}, {1, 2, "exact"}, {2, 3, "exact"}, {3, 4, "exact"}};
    }
};
}  // namespace

TEST(Indicators, SplitsSharedProjectsByAreaAndJudgesCompliance) {
    World w;
    analysis::compute_parcel_stats(w.parcels, w.projects, w.links, w.zones);
    const auto& s1 = w.parcels[0].stats;
    const auto& s2 = w.parcels[1].stats;
    double share1 = w.parcels[0].area_m2 / (w.parcels[0].area_m2 + w.parcels[1].area_m2);
    EXPECT_NEAR(*s1.invest_wan, 90000.0 * share1, 1e-6);
    EXPECT_NEAR(*s1.invest_wan + *s2.invest_wan, 90000.0, 1e-6);
    EXPECT_NEAR(*s1.invest_wan_per_mu, *s1.invest_wan / w.parcels[0].area_mu, 1e-9);
    EXPECT_EQ(s1.threshold_wan_per_mu, 500.0);  // national new area treated as national
    // Both parts have the same intensity: 90000 wan over ~ (3 x 166) mu, above 500 wan/mu?
    double intensity = 90000.0 / (w.parcels[0].area_mu + w.parcels[1].area_mu);
    EXPECT_EQ(s1.compliance, intensity >= 500.0 ? Compliance::Meets : Compliance::Below);
    EXPECT_EQ(w.parcels[2].stats.compliance, Compliance::NotApplicable);
    EXPECT_EQ(w.parcels[3].stats.compliance, Compliance::NoData);
    EXPECT_EQ(w.parcels[3].stats.threshold_wan_per_mu, 300.0);
    EXPECT_EQ(w.parcels[4].stats.compliance, Compliance::NotApplicable);  // in no zone
    // A lower new-area threshold flips the verdict.
    analysis::ThresholdConfig cfg;
    cfg.national_new_area_wan_per_mu = intensity * 2;
    analysis::compute_parcel_stats(w.parcels, w.projects, w.links, w.zones, cfg);
    EXPECT_EQ(w.parcels[0].stats.compliance, Compliance::Below);
}

TEST(Indicators, ZoneReportSumsAndDenominators) {
    World w;
    analysis::compute_parcel_stats(w.parcels, w.projects, w.links, w.zones);
    auto r = analysis::summarise(w.zones, w.parcels, w.projects, w.links);
    ASSERT_EQ(r.zones.size(), 2u);
    const auto& na = r.zones[0];
    EXPECT_EQ(na.parcel_count, 2);
    EXPECT_NEAR(na.area_mu, w.parcels[0].area_mu + w.parcels[1].area_mu, 1e-9);
    EXPECT_NEAR(na.fixed_asset_invest_wan, 90000.0, 1e-6);
    EXPECT_NEAR(*na.invest_intensity_wan_per_mu, 90000.0 / na.area_mu, 1e-9);
    EXPECT_NEAR(*na.output_intensity_wan_per_mu, 3000.0 / na.area_mu, 1e-9);
    EXPECT_NEAR(na.funds_wan_by_year.at("2021"), 300.0, 1e-9);
    const auto& pv = r.zones[1];
    EXPECT_EQ(pv.parcel_count, 2);
    EXPECT_EQ(pv.nodata_parcels, 1);
    EXPECT_NEAR(pv.fixed_asset_invest_wan, 500.0, 1e-9);  // commercial parcel's investment counted in the sum
    EXPECT_FALSE(pv.invest_intensity_wan_per_mu);         // but no industrial parcel with figures
    // Totals over all parcels, the one in no zone included.
    double all_mu = 0;
    for (const auto& p : w.parcels) all_mu += p.area_mu;
    EXPECT_EQ(r.totals.parcel_count, 5);
    EXPECT_NEAR(r.totals.area_mu, all_mu, 1e-9);
    auto j = analysis::to_json(r);
    for (const char* k : {"code", "name", "level", "threshold_wan_per_mu", "parcel_count", "area_mu",
                          "fixed_asset_invest_wan", "invest_intensity_wan_per_mu", "output_wan",
                          "output_intensity_wan_per_mu", "tax_wan", "compliant_parcels",
                          "noncompliant_parcels", "nodata_parcels"}) {
        EXPECT_TRUE(j["zones"][0].contains(k)) << k;
        EXPECT_TRUE(j["totals"].contains(k)) << k;
    }
}

// The definitions of issue 14 on both sides of their lines: producing land as the denominator of output and
// tax per 亩, "no data" only for land that should have a figure, threshold compliance on the investment made.
TEST(Indicators, ProducingDenominatorNoDataAndActualCompliance) {
    World w;
    w.projects[0].stage = "投产";  // I1 and I2 producing
    w.projects[0].tax_wan = 300.0;
    w.projects[2].stage = "建设";
    w.projects[2].fixed_invest_wan = 1.0;  // I3 building, with a tiny investment
    w.projects[2].output_wan = 0.0;
    w.projects[2].tax_wan = 0.0;
    w.parcels[0].invested_share = 0.5;  // I1: half the committed investment made
    w.parcels[1].invested_share = 1.0;
    analysis::compute_parcel_stats(w.parcels, w.projects, w.links, w.zones);
    auto r = analysis::summarise(w.zones, w.parcels, w.projects, w.links);
    const auto& na = r.zones[0];
    const double na_mu = w.parcels[0].area_mu + w.parcels[1].area_mu;
    EXPECT_NEAR(na.producing_mu, na_mu, 1e-9);
    EXPECT_NEAR(*na.tax_wan_per_producing_mu, 300.0 / na_mu, 1e-9);
    // PV: I3 is building: its 0 output counts over land with projects but not over producing land.
    const auto& pv = r.zones[1];
    EXPECT_NEAR(*pv.output_intensity_wan_per_mu, 0.0, 1e-12);
    EXPECT_FALSE(pv.output_wan_per_producing_mu.has_value());
    // I1: 90000/3 over its area, times 0.5 made; I2: 60000 over twice the area, all made (NA threshold 500).
    const double i1 = *w.parcels[0].stats.invest_wan_per_mu, i2 = *w.parcels[1].stats.invest_wan_per_mu;
    EXPECT_EQ(na.compliant_actual_parcels + na.noncompliant_actual_parcels, 2);
    EXPECT_EQ(na.compliant_actual_parcels, (i1 * 0.5 >= 500.0) + (i2 >= 500.0));
    EXPECT_EQ(pv.nodata_actual_parcels, 1);  // I3 has no TZBL
    // An industrial parcel in a zone with no project and no supply is not applicable; supplied, it is no
    // data.
    std::vector<Parcel> ps{parcel(9, "V", box(106.05, 26.05, 106.06, 26.06))};
    ps[0].zone_code = "NA";
    ps[0].supply_status = SupplyStatus::Reserved;
    analysis::compute_parcel_stats(ps, {}, {}, w.zones);
    EXPECT_EQ(ps[0].stats.compliance, Compliance::NotApplicable);
    ps[0].supply_status = SupplyStatus::Supplied;
    analysis::compute_parcel_stats(ps, {}, {}, w.zones);
    EXPECT_EQ(ps[0].stats.compliance, Compliance::NoData);
}
