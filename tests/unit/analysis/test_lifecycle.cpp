// Project life cycle on a date, tiers, behind-schedule days and per-zone rates.
#include <gtest/gtest.h>

#include "core/analysis/lifecycle.hpp"

using pa::Parcel;
using pa::Project;
using pa::analysis::Date;
using pa::analysis::ProjectStage;

namespace {
Date d(const char* s) {
    return *Date::parse(s);
}
Project proj(const char* id, const char* stage) {
    Project p;
    p.project_id = id;
    p.stage = stage;
    p.sign_date = "2021-03-01";
    p.planned_start_date = "2021-06-01";
    p.actual_start_date = "2021-07-15";
    p.planned_production_date = "2022-06-01";
    p.actual_production_date = "2022-09-01";
    p.total_invest_wan = 20000.0;
    return p;
}
}  // namespace

TEST(Lifecycle, StageOnEachBoundary) {
    Project p = proj("A", "达产");
    EXPECT_EQ(pa::analysis::project_stage_at(p, d("2021-02-28")), ProjectStage::NotSigned);
    EXPECT_EQ(pa::analysis::project_stage_at(p, d("2021-03-01")), ProjectStage::Signed);
    EXPECT_EQ(pa::analysis::project_stage_at(p, d("2021-07-14")), ProjectStage::Signed);
    EXPECT_EQ(pa::analysis::project_stage_at(p, d("2021-07-15")), ProjectStage::UnderConstruction);
    EXPECT_EQ(pa::analysis::project_stage_at(p, d("2022-08-31")), ProjectStage::UnderConstruction);
    EXPECT_EQ(pa::analysis::project_stage_at(p, d("2022-09-01")), ProjectStage::FullOutput);
    p.stage = "投产";
    EXPECT_EQ(pa::analysis::project_stage_at(p, d("2022-09-01")), ProjectStage::Producing);
    Project s = proj("B", "开工");
    s.actual_production_date = "";
    EXPECT_EQ(pa::analysis::project_stage_at(s, d("2021-07-15")), ProjectStage::Started);
    // Ledger says producing but gives no actual dates: trusted from the planned dates.
    Project q = proj("C", "投产");
    q.actual_start_date = q.actual_production_date = "";
    EXPECT_EQ(pa::analysis::project_stage_at(q, d("2022-05-31")), ProjectStage::UnderConstruction);
    EXPECT_EQ(pa::analysis::project_stage_at(q, d("2022-06-01")), ProjectStage::Producing);
}

TEST(Lifecycle, TierBoundaryIsOneYi) {
    Project p = proj("A", "签约");
    p.total_invest_wan = 10000.0;
    EXPECT_EQ(pa::analysis::tier_of(p), pa::analysis::Tier::City);
    p.total_invest_wan = 9999.99;
    EXPECT_EQ(pa::analysis::tier_of(p), pa::analysis::Tier::District);
    p.total_invest_wan.reset();
    p.fixed_invest_wan = 12000.0;
    EXPECT_EQ(pa::analysis::tier_of(p), pa::analysis::Tier::City);
}

TEST(Lifecycle, BehindScheduleDays) {
    Project p = proj("A", "签约");
    p.actual_start_date = p.actual_production_date = "";
    auto b = pa::analysis::behind_at(p, d("2021-06-01"));
    EXPECT_FALSE(b.any());  // on the planned day: not behind yet
    b = pa::analysis::behind_at(p, d("2021-06-02"));
    ASSERT_TRUE(b.start_days);
    EXPECT_EQ(*b.start_days, 1);
    EXPECT_FALSE(b.production_days);
    b = pa::analysis::behind_at(p, d("2022-06-11"));
    EXPECT_EQ(*b.start_days, 375);
    EXPECT_EQ(*b.production_days, 10);
    p.actual_start_date = "2022-01-01";
    b = pa::analysis::behind_at(p, d("2021-12-31"));
    EXPECT_EQ(*b.start_days, 213);
    b = pa::analysis::behind_at(p, d("2022-01-01"));  // started late: no longer behind on the start
    EXPECT_FALSE(b.start_days);
}

TEST(Lifecycle, ZoneRates) {
    std::vector<Parcel> parcels(2);
    parcels[0].id = 1;
    parcels[0].zone_code = "GANA";
    parcels[0].area_m2 = 1000;
    parcels[1].id = 2;
    parcels[1].zone_code = "";  // outside every zone
    parcels[1].area_m2 = 1000;
    std::vector<Project> ps{proj("A", "达产"), proj("B", "签约"), proj("C", "签约"), proj("D", "建设")};
    for (size_t i = 0; i < ps.size(); ++i) ps[i].id = int64_t(i + 10);
    ps[1].actual_start_date = ps[1].actual_production_date = "";
    ps[2].actual_start_date = ps[2].actual_production_date = "";
    ps[2].zone_name = "贵安新区";
    ps[3].actual_production_date = "";
    ps[3].sign_date = "2024-01-01";  // not signed yet on the date
    std::vector<pa::Link> links{{10, 1, "exact"}, {11, 2, "exact"}};
    std::vector<pa::Zone> zones(1);
    zones[0].code = "GANA";
    zones[0].name_zh = "贵安新区";
    auto ix = pa::analysis::index_ledger(parcels, ps, links, zones);
    EXPECT_EQ(ix.project_zone[0], "GANA");
    EXPECT_EQ(ix.project_zone[1], "");
    EXPECT_EQ(ix.project_zone[2], "GANA");  // from the 所属园区 name
    auto r = pa::analysis::lifecycle_report(ps, ix, d("2023-01-01"));
    ASSERT_FALSE(r.zones.empty());
    const auto& all = r.zones[0];
    EXPECT_EQ(all.zone_code, "*");
    EXPECT_EQ(all.signed_count, 3);
    EXPECT_EQ(all.placed_count, 1);  // B's parcel lies in no zone
    EXPECT_EQ(all.started_count, 1);
    EXPECT_EQ(all.producing_count, 1);
    EXPECT_EQ(all.full_output_count, 1);
    EXPECT_NEAR(all.placement_rate(), 1.0 / 3.0, 1e-12);
    EXPECT_EQ(all.behind_count, 2);
    EXPECT_EQ(r.rows.size(), 3u);
}

TEST(Lifecycle, RatesOverProjectsAlreadyDue) {
    // A: planned start and production passed, done; B: start due, not started; C: nothing due yet.
    std::vector<Project> ps{proj("A", "达产"), proj("B", "签约"), proj("C", "签约")};
    for (size_t i = 0; i < ps.size(); ++i) ps[i].id = int64_t(i + 1);
    ps[1].actual_start_date = ps[1].actual_production_date = "";
    ps[1].planned_start_date = "2022-12-31";
    ps[1].planned_production_date = "2024-06-01";
    ps[2].actual_start_date = ps[2].actual_production_date = "";
    ps[2].planned_start_date = "2023-01-02";  // the day after the date: not due
    ps[2].planned_production_date = "2025-01-01";
    auto ix = pa::analysis::index_ledger({}, ps, {}, {});
    auto r = pa::analysis::lifecycle_report(ps, ix, d("2023-01-01"));
    const auto& all = r.zones[0];
    EXPECT_EQ(all.signed_count, 3);
    EXPECT_NEAR(all.start_rate(), 1.0 / 3.0, 1e-12);
    EXPECT_EQ(all.start_due_count, 2);  // A and B (B's planned start is the day before)
    EXPECT_NEAR(*all.start_rate_due(), 0.5, 1e-12);
    EXPECT_EQ(all.production_due_count, 1);  // A only
    EXPECT_NEAR(*all.production_rate_due(), 1.0, 1e-12);
}
