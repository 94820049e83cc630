// Land states and idle-land clocks: each state and each clock on the day before, on and after its boundary.
#include <gtest/gtest.h>

#include "core/analysis/date.hpp"
#include "core/analysis/land_state.hpp"

using pa::Parcel;
using pa::Project;
using pa::analysis::Date;
using pa::analysis::IdleClock;
using pa::analysis::IdleStatus;
using pa::analysis::land_state_at;
using pa::analysis::LandStage;

namespace {
Date d(const char* s) {
    return *Date::parse(s);
}

Parcel base_parcel() {
    Parcel p;
    p.id = 1;
    p.code = "520181110001GB00001";
    p.zone_code = "GANA";
    p.area_mu = 10.0;
    p.landuse = pa::LandUse::Industrial;
    p.reserve_date = "2020-01-10";
    p.approval_date = "2020-06-15";
    p.supply_date = "2021-03-01";
    p.transfer_method = "标准地";
    p.land_price_wan = 1000.0;
    p.contract_start_date = "2021-09-01";
    p.contract_completion_date = "2024-09-01";
    p.developed_share = 0.5;
    p.invested_share = 0.5;
    p.committed_invest_wan_per_mu = 500.0;
    p.stats.invest_wan_per_mu = 600.0;
    return p;
}
Project base_project() {
    Project pr;
    pr.id = 7;
    pr.project_id = "GY2021-0001";
    pr.sign_date = "2021-02-01";
    pr.actual_start_date = "2022-02-01";
    pr.actual_production_date = "2023-06-01";
    pr.stage = "投产";
    return pr;
}
LandStage stage_at(const Parcel& p, const std::vector<const Project*>& v, const char* day) {
    return land_state_at(p, v, d(day)).stage;
}
}  // namespace

TEST(Date, ParsesFormatsAndCounts) {
    EXPECT_EQ(Date::from_ymd(1970, 1, 1).days, 0);
    EXPECT_EQ(d("2021-01-01").iso(), "2021-01-01");
    EXPECT_EQ(d("2021/3/5").iso(), "2021-03-05");
    EXPECT_EQ(d("2022-09-01T00:00:00").iso(), "2022-09-01");
    EXPECT_EQ(d("2021-03-01") - d("2021-02-28"), 1);
    EXPECT_EQ(d("2020-03-01") - d("2020-02-28"), 2);  // leap year
    EXPECT_FALSE(Date::parse(""));
    EXPECT_FALSE(Date::parse("2021-02-29"));
    EXPECT_FALSE(Date::parse("2021-13-01"));
    EXPECT_FALSE(Date::parse("21-01-01"));
    EXPECT_FALSE(Date::parse("2021-01-01x"));
    EXPECT_EQ(d("2020-02-29").plus_years(1).iso(), "2021-02-28");
    EXPECT_EQ(d("2021-09-01").plus_years(2).iso(), "2023-09-01");
    int mi = d("2021-02-10").month_index();
    EXPECT_EQ(Date::month_end(mi).iso(), "2021-02-28");
    EXPECT_EQ(Date::month_label(mi), "2021-02");
    EXPECT_EQ(*Date::parse_month("2021-02"), mi);
    for (int k = -1000; k < 30000; k += 37) EXPECT_EQ(Date::parse(Date{k}.iso())->days, k);
}

TEST(LandState, EveryStageOnItsBoundaries) {
    Parcel p = base_parcel();
    Project pr = base_project();
    std::vector<const Project*> v{&pr};
    EXPECT_EQ(stage_at(p, v, "2020-01-09"), LandStage::None);
    EXPECT_EQ(stage_at(p, v, "2020-01-10"), LandStage::Reserved);
    EXPECT_EQ(stage_at(p, v, "2020-06-14"), LandStage::Reserved);
    EXPECT_EQ(stage_at(p, v, "2020-06-15"), LandStage::ApprovedNotSupplied);
    EXPECT_EQ(stage_at(p, v, "2021-02-28"), LandStage::ApprovedNotSupplied);
    EXPECT_EQ(stage_at(p, v, "2021-03-01"), LandStage::SuppliedNotUsed);
    EXPECT_EQ(stage_at(p, v, "2022-01-31"), LandStage::SuppliedNotUsed);
    EXPECT_EQ(stage_at(p, v, "2022-02-01"), LandStage::UnderUsed);
    EXPECT_EQ(stage_at(p, v, "2023-05-31"), LandStage::UnderUsed);
    EXPECT_EQ(stage_at(p, v, "2023-06-01"), LandStage::MeetsTarget);
    EXPECT_EQ(stage_at(p, v, "2023-06-02"), LandStage::MeetsTarget);
    auto s = land_state_at(p, v, d("2023-06-01"));
    EXPECT_EQ(s.started->iso(), "2022-02-01");
    EXPECT_EQ(s.producing->iso(), "2023-06-01");
}

TEST(LandState, BuiltNotProducingOnCompletionDateOrFullyDeveloped) {
    Parcel p = base_parcel();
    Project pr = base_project();
    pr.actual_production_date = "2025-01-01";
    std::vector<const Project*> v{&pr};
    // Half developed: past the completion it is late and unfinished (用而未尽), not 建而未投.
    EXPECT_EQ(stage_at(p, v, "2024-08-31"), LandStage::UnderUsed);
    EXPECT_FALSE(land_state_at(p, v, d("2024-08-31")).late_unfinished);
    EXPECT_EQ(stage_at(p, v, "2024-09-01"), LandStage::UnderUsed);
    EXPECT_TRUE(land_state_at(p, v, d("2024-09-01")).late_unfinished);
    // No developed share to say otherwise: past the completion counts as built.
    p.developed_share.reset();
    EXPECT_EQ(stage_at(p, v, "2024-08-31"), LandStage::UnderUsed);
    EXPECT_EQ(stage_at(p, v, "2024-09-01"), LandStage::BuiltNotProducing);
    EXPECT_EQ(stage_at(p, v, "2024-09-02"), LandStage::BuiltNotProducing);
    EXPECT_FALSE(land_state_at(p, v, d("2024-09-02")).late_unfinished);
    p.developed_share = 1.0;
    EXPECT_EQ(stage_at(p, v, "2022-01-31"), LandStage::SuppliedNotUsed);
    EXPECT_EQ(stage_at(p, v, "2022-02-01"), LandStage::BuiltNotProducing);
}

TEST(LandState, TargetIsCommittedIntensityElseZoneThreshold) {
    Parcel p = base_parcel();
    Project pr = base_project();
    std::vector<const Project*> v{&pr};
    p.stats.invest_wan_per_mu = 500.0;  // equal: meets
    EXPECT_EQ(stage_at(p, v, "2023-07-01"), LandStage::MeetsTarget);
    p.stats.invest_wan_per_mu = 499.99;
    EXPECT_EQ(stage_at(p, v, "2023-07-01"), LandStage::ProducingBelowTarget);
    p.committed_invest_wan_per_mu.reset();
    p.stats.threshold_wan_per_mu = 300.0;
    EXPECT_EQ(stage_at(p, v, "2023-07-01"), LandStage::MeetsTarget);
    p.stats.invest_wan_per_mu.reset();  // no figure: no data, not "below target"
    EXPECT_EQ(stage_at(p, v, "2023-07-01"), LandStage::ProducingNoData);
    p.stats.invest_wan_per_mu = 1.0;  // not industrial land: no intensity rule applies
    p.landuse = pa::LandUse::Commercial;
    EXPECT_EQ(stage_at(p, v, "2023-07-01"), LandStage::ProducingOther);
    p.landuse = pa::LandUse::Storage;
    EXPECT_EQ(stage_at(p, v, "2023-07-01"), LandStage::ProducingOther);
}

TEST(LandState, VacantUntilAProjectSigns) {
    Parcel p = base_parcel();
    Project pr = base_project();
    std::vector<const Project*> v{&pr};
    EXPECT_TRUE(land_state_at(p, v, d("2021-01-31")).vacant);
    EXPECT_FALSE(land_state_at(p, v, d("2021-02-01")).vacant);
    EXPECT_FALSE(land_state_at(p, v, d("2021-03-01")).vacant);  // supplied land is never vacant
    EXPECT_TRUE(land_state_at(p, {}, d("2021-02-28")).vacant);
    EXPECT_FALSE(land_state_at(p, {}, d("2021-03-01")).vacant);
}

TEST(LandState, StatusWithoutDatesHoldsOnEveryDate) {
    Parcel p;
    p.supply_status = pa::SupplyStatus::Reserved;
    EXPECT_EQ(stage_at(p, {}, "1990-01-01"), LandStage::Reserved);
    p.supply_status = pa::SupplyStatus::ApprovedNotSupplied;
    EXPECT_EQ(stage_at(p, {}, "2030-01-01"), LandStage::ApprovedNotSupplied);
    p.supply_status = pa::SupplyStatus::Producing;
    p.landuse = pa::LandUse::Industrial;
    p.stats.invest_wan_per_mu = 10.0;
    p.committed_invest_wan_per_mu = 5.0;
    EXPECT_EQ(stage_at(p, {}, "2030-01-01"), LandStage::MeetsTarget);
}

TEST(IdleClock, LateStartBoundaries) {
    Parcel p = base_parcel();  // supplied 2021-03-01, contracted start 2021-09-01, no project started
    auto at = [&](const char* day) { return land_state_at(p, {}, d(day)).idle; };
    EXPECT_EQ(at("2021-02-28").status, IdleStatus::NotApplicable);  // not supplied yet
    // Supplied, the contracted start still ahead: the clock has not begun (not "running").
    EXPECT_EQ(at("2021-08-31").status, IdleStatus::NotYetDue);
    EXPECT_EQ(at("2021-08-31").next_deadline->iso(), "2022-09-01");
    EXPECT_EQ(at("2021-09-01").status, IdleStatus::Running);
    auto r = at("2022-08-31");
    EXPECT_EQ(r.status, IdleStatus::Running);
    EXPECT_EQ(r.clock, IdleClock::LateStart);
    EXPECT_EQ(r.next_deadline->iso(), "2022-09-01");
    EXPECT_EQ(r.next_deadline_kind, "idle");
    EXPECT_FALSE(r.fee_wan);
    auto i = at("2022-09-01");
    EXPECT_EQ(i.status, IdleStatus::Idle);
    EXPECT_EQ(i.since->iso(), "2022-09-01");
    EXPECT_EQ(i.next_deadline->iso(), "2023-09-01");
    EXPECT_EQ(i.next_deadline_kind, "reclaim");
    ASSERT_TRUE(i.fee_wan);
    EXPECT_DOUBLE_EQ(*i.fee_wan, 200.0);
    EXPECT_EQ(at("2022-09-02").status, IdleStatus::Idle);
    EXPECT_EQ(at("2023-08-31").status, IdleStatus::Idle);
    auto rc = at("2023-09-01");
    EXPECT_EQ(rc.status, IdleStatus::Reclaimable);
    EXPECT_EQ(rc.since->iso(), "2022-09-01");
    EXPECT_FALSE(rc.next_deadline);
    EXPECT_EQ(at("2023-09-02").status, IdleStatus::Reclaimable);
}

TEST(IdleClock, SupplementaryAgreementMovesTheStart) {
    Parcel p = base_parcel();
    p.supplement_start_date = "2022-03-01";
    auto at = [&](const char* day) { return land_state_at(p, {}, d(day)).idle; };
    EXPECT_EQ(at("2022-09-01").status, IdleStatus::Running);
    EXPECT_EQ(at("2023-02-28").status, IdleStatus::Running);
    EXPECT_EQ(at("2023-03-01").status, IdleStatus::Idle);
    EXPECT_EQ(at("2024-02-29").status, IdleStatus::Idle);
    EXPECT_EQ(at("2024-03-01").status, IdleStatus::Reclaimable);
}

TEST(IdleClock, ExemptionEndsWhenItsCauseEnds) {
    Parcel p = base_parcel();  // contracted start 2021-09-01, never started
    p.exempt_reason = "政府原因";
    p.exempt_until = "2023-03-01";  // the government's cause ended then: the clock runs again from that day
    auto at = [&](const char* day) { return land_state_at(p, {}, d(day)).idle; };
    EXPECT_EQ(at("2023-02-28").status, IdleStatus::Exempt);  // still exempt while the cause lasts
    auto r = at("2023-03-01");
    EXPECT_EQ(r.status, IdleStatus::Running);
    EXPECT_EQ(r.clock_start->iso(), "2023-03-01");
    EXPECT_EQ(at("2024-02-29").status, IdleStatus::Running);
    EXPECT_EQ(at("2024-03-01").status, IdleStatus::Idle);  // a year after the cause ended, no exemption now
    EXPECT_EQ(at("2025-03-01").status, IdleStatus::Reclaimable);
    p.exempt_until =
        "2021-01-01";  // a cause that ended before the clock started changes nothing but the exemption
    EXPECT_EQ(at("2022-09-01").status, IdleStatus::Idle);
}

TEST(IdleClock, ExemptionIsShownNotIdle) {
    Parcel p = base_parcel();
    p.exempt_reason = "政府原因";
    auto at = [&](const char* day) { return land_state_at(p, {}, d(day)).idle; };
    EXPECT_EQ(at("2022-08-31").status, IdleStatus::Running);
    auto e = at("2022-09-01");
    EXPECT_EQ(e.status, IdleStatus::Exempt);
    EXPECT_EQ(e.exempt_reason, "政府原因");
    EXPECT_FALSE(e.fee_wan);
    EXPECT_EQ(at("2023-09-01").status, IdleStatus::Exempt);
}

TEST(IdleClock, LateStartEndsWhenWorkStarts) {
    Parcel p = base_parcel();
    Project pr = base_project();
    pr.actual_start_date = "2022-10-01";
    pr.actual_production_date = "";
    std::vector<const Project*> v{&pr};
    EXPECT_EQ(land_state_at(p, v, d("2022-09-30")).idle.status, IdleStatus::Idle);
    auto s = land_state_at(p, v, d("2022-10-01"));
    EXPECT_EQ(s.idle.status, IdleStatus::NotApplicable);
    EXPECT_EQ(s.stage, LandStage::UnderUsed);
}

TEST(IdleClock, StalledWorkBoundaries) {
    Parcel p = base_parcel();
    Project pr = base_project();
    pr.actual_production_date = "";
    std::vector<const Project*> v{&pr};
    p.work_stopped_date = "2022-05-10";
    p.developed_share = 0.3;  // under 1/3
    p.invested_share = 0.9;
    auto at = [&](const char* day) { return land_state_at(p, v, d(day)).idle; };
    EXPECT_EQ(at("2022-05-09").status, IdleStatus::NotApplicable);  // not stopped yet
    auto r = at("2022-05-10");
    EXPECT_EQ(r.status, IdleStatus::Running);
    EXPECT_EQ(r.clock, IdleClock::StalledWork);
    EXPECT_EQ(r.next_deadline->iso(), "2023-05-10");
    EXPECT_EQ(at("2023-05-09").status, IdleStatus::Running);
    EXPECT_EQ(at("2023-05-10").status, IdleStatus::Idle);
    EXPECT_EQ(at("2023-05-11").status, IdleStatus::Idle);
    EXPECT_EQ(at("2024-05-09").status, IdleStatus::Idle);
    EXPECT_EQ(at("2024-05-10").status, IdleStatus::Reclaimable);
    // Exactly 1/3 developed and exactly 25% invested is not "under": no clock.
    p.developed_share = 1.0 / 3.0;
    p.invested_share = 0.25;
    EXPECT_EQ(at("2023-05-10").status, IdleStatus::NotApplicable);
    p.invested_share = 0.2499;
    EXPECT_EQ(at("2023-05-10").status, IdleStatus::Idle);
    // The project's work-stopped date is used when the parcel has none.
    p.work_stopped_date = "";
    pr.work_stopped_date = "2022-07-01";
    EXPECT_EQ(at("2023-06-30").status, IdleStatus::Running);
    EXPECT_EQ(at("2023-07-01").status, IdleStatus::Idle);
    // A producing parcel runs no clock.
    pr.actual_production_date = "2023-01-01";
    EXPECT_EQ(at("2023-07-01").status, IdleStatus::NotApplicable);
}

TEST(VacantFinder, FiltersAndSorts) {
    std::vector<Parcel> ps(4, base_parcel());
    for (size_t i = 0; i < ps.size(); ++i) ps[i].id = int64_t(i + 1);
    ps[0].area_mu = 5;
    ps[1].area_mu = 50;
    ps[2].area_mu = 20;
    ps[2].zone_code = "GY-ETDZ";
    ps[3].area_mu = 80;
    ps[3].standard_land = true;
    Project pr = base_project();
    std::vector<std::vector<const Project*>> by_parcel(4);
    by_parcel[3].push_back(&pr);  // signed on 2021-02-01
    pa::analysis::VacantQuery q;
    q.as_of = d("2021-01-15");
    auto all = pa::analysis::find_vacant(ps, by_parcel, q);
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[0].parcel_id, 4);
    q.as_of = d("2021-02-01");
    EXPECT_EQ(pa::analysis::find_vacant(ps, by_parcel, q).size(), 3u);
    q.zone_code = "GANA";
    q.min_mu = 10;
    auto hits = pa::analysis::find_vacant(ps, by_parcel, q);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].parcel_id, 2);
    q.as_of = d("2021-03-01");  // supplied
    EXPECT_TRUE(pa::analysis::find_vacant(ps, by_parcel, q).empty());
}
