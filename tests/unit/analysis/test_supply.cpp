// The supply timeline: monthly sums equal the parcel totals; stocks equal land_state_at on each month end.
#include <gtest/gtest.h>

#include <map>

#include "core/analysis/supply.hpp"
#include "core/common/error.hpp"

using pa::Parcel;
using pa::Project;
using pa::analysis::Date;

namespace {
Date d(const char* s) {
    return *Date::parse(s);
}

std::vector<Parcel> make_parcels() {
    std::vector<Parcel> ps;
    const char* methods[] = {"标准地", "招拍挂", "协议", ""};
    const char* zones[] = {"GANA", "GY-ETDZ", ""};
    for (int i = 0; i < 60; ++i) {
        Parcel p;
        p.id = i + 1;
        p.code = "P" + std::to_string(i);
        p.zone_code = zones[i % 3];
        p.area_mu = 3.0 + (i * 7) % 41 + 0.25 * (i % 4);
        p.reserve_date = Date::from_ymd(2019, 1 + i % 12, 1 + i % 27).iso();
        if (i % 5 != 0) p.approval_date = Date::from_ymd(2020, 1 + i % 12, 3).iso();
        if (i % 5 > 1) {
            // supply dates spread over 2020-06 .. 2024-03, some outside the timeline on purpose
            p.supply_date = Date::from_ymd(2020, 6, 1).plus_days(i * 23).iso();
            p.transfer_method = methods[i % 4];
            p.contract_start_date = Date::from_ymd(2020, 12, 1).plus_days(i * 23).iso();
            p.land_price_wan = 100.0 * (i + 1);
        }
        ps.push_back(p);
    }
    return ps;
}
}  // namespace

TEST(SupplyTimeline, MonthlySumsEqualParcelTotals) {
    auto ps = make_parcels();
    std::vector<std::vector<const Project*>> none(ps.size());
    pa::analysis::SupplyOptions opt;
    opt.from_month = d("2021-01-01").month_index();
    opt.to_month = d("2023-12-01").month_index();
    auto r = pa::analysis::supply_report(ps, none, {}, opt);
    // Independent totals from the parcels.
    std::map<std::string, std::map<std::string, double>> expect;  // zone -> method -> mu
    std::map<std::string, int> expect_count;
    for (const auto& p : ps) {
        auto sd = pa::analysis::date_of(p.supply_date);
        if (!sd || *sd < d("2021-01-01") || *sd > d("2023-12-31")) continue;
        for (const std::string& z : {std::string("*"), p.zone_code.str()}) {
            expect[z][p.transfer_method] += p.area_mu;
            expect_count[z] += 1;
        }
    }
    std::map<std::string, std::map<std::string, double>> got;
    std::map<std::string, int> got_count;
    for (const auto& m : r.months) {
        got[m.zone_code]["标准地"] += m.supplied_standard_mu;
        got[m.zone_code]["招拍挂"] += m.supplied_auction_mu;
        got[m.zone_code]["协议"] += m.supplied_agreement_mu;
        got[m.zone_code][""] += m.supplied_other_mu;
        got_count[m.zone_code] += m.supplied_count;
        EXPECT_NEAR(
            m.supplied_total_mu,
            m.supplied_standard_mu + m.supplied_auction_mu + m.supplied_agreement_mu + m.supplied_other_mu,
            1e-9);
    }
    ASSERT_EQ(got.size(), 4u);  // "*", "", GANA, GY-ETDZ
    for (auto& [z, by] : got) {
        for (auto& [meth, mu] : by) EXPECT_NEAR(mu, expect[z][meth], 1e-9) << z << " " << meth;
        EXPECT_EQ(got_count[z], expect_count[z]) << z;
    }
    EXPECT_GT(expect_count["*"], 10);
    EXPECT_EQ(r.months.size(), 4u * 36u);
}

TEST(SupplyTimeline, StocksMatchLandStateAtMonthEnds) {
    auto ps = make_parcels();
    std::vector<std::vector<const Project*>> none(ps.size());
    pa::analysis::SupplyOptions opt;
    opt.to_month = d("2023-12-01").month_index();
    opt.zone_code = "GANA";
    auto r = pa::analysis::supply_report(ps, none, {}, opt);
    ASSERT_EQ(r.months.size(), 36u);
    for (const auto& m : r.months) EXPECT_EQ(m.zone_code, "GANA");
    double became_idle_total = 0.0;
    for (const auto& m : r.months) {
        Date end = Date::month_end(m.month);
        double reserve = 0, approved = 0, vacant = 0, idle = 0;
        for (const auto& p : ps) {
            if (p.zone_code != "GANA") continue;
            auto s = pa::analysis::land_state_at(p, {}, end);
            if (s.stage == pa::analysis::LandStage::Reserved) reserve += p.area_mu;
            if (s.stage == pa::analysis::LandStage::ApprovedNotSupplied) approved += p.area_mu;
            if (s.vacant) vacant += p.area_mu;
            if (s.idle.status == pa::analysis::IdleStatus::Idle ||
                s.idle.status == pa::analysis::IdleStatus::Reclaimable)
                idle += p.area_mu;
        }
        EXPECT_NEAR(m.reserve_end_mu, reserve, 1e-9) << Date::month_label(m.month);
        EXPECT_NEAR(m.approved_not_supplied_end_mu, approved, 1e-9);
        EXPECT_NEAR(m.vacant_end_mu, vacant, 1e-9);
        EXPECT_NEAR(m.idle_end_mu, idle, 1e-9);
        became_idle_total += m.became_idle_mu;
    }
    // Every parcel that became idle inside the timeline is counted once, in the month its clock ran out.
    double expect_became = 0.0;
    for (const auto& p : ps) {
        if (p.zone_code != "GANA" || p.contract_start_date.empty()) continue;
        Date idle_at = d(p.contract_start_date.str().c_str()).plus_years(1);
        if (idle_at >= d("2021-01-01") && idle_at <= d("2023-12-31")) expect_became += p.area_mu;
    }
    EXPECT_GT(expect_became, 0.0);
    EXPECT_NEAR(became_idle_total, expect_became, 1e-9);
    EXPECT_EQ(r.as_of.iso(), "2023-12-31");
}

TEST(SupplyTimeline, RefusesAnInvertedRange) {
    auto ps = make_parcels();
    pa::analysis::SupplyOptions opt;
    opt.from_month = d("2023-01-01").month_index();
    opt.to_month = d("2022-01-01").month_index();
    EXPECT_THROW(pa::analysis::supply_report(ps, {}, {}, opt), pa::InputError);
}
