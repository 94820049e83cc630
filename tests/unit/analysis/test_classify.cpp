// Classification used by the map themes (src/core/analysis/classify.*): breaks on known data, counts,
// filters.
#include <gtest/gtest.h>

#include "core/analysis/classify.hpp"

using namespace pa;
using namespace pa::analysis;

TEST(ClassifyBreaks, JenksFindsTheThreeObviousGroups) {
    std::vector<double> v = {22, 1, 11, 2, 20, 3, 10, 12, 21};
    auto b = breaks_jenks(v, 3);
    ASSERT_EQ(b.size(), 2u);
    EXPECT_DOUBLE_EQ(b[0], 10);
    EXPECT_DOUBLE_EQ(b[1], 20);
    EXPECT_EQ(class_of(3, b), 0);
    EXPECT_EQ(class_of(10, b), 1);
    EXPECT_EQ(class_of(22, b), 2);
}

TEST(ClassifyBreaks, JenksOnUnevenGroupsMinimisesWithinClassVariance) {
    // Two tight groups and an outlier: the optimal 3-class cut isolates the outlier.
    std::vector<double> v = {1, 1.5, 2, 2.5, 3, 50, 51, 52, 53, 400};
    auto b = breaks_jenks(v, 3);
    ASSERT_EQ(b.size(), 2u);
    EXPECT_DOUBLE_EQ(b[0], 50);
    EXPECT_DOUBLE_EQ(b[1], 400);
}

TEST(ClassifyBreaks, QuantilesSplitRanks) {
    std::vector<double> v = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    auto b = breaks_quantile(v, 5);
    EXPECT_EQ(b, (std::vector<double>{3, 5, 7, 9}));
    // Ties collapse instead of making empty classes.
    auto t = breaks_quantile({1, 1, 1, 2, 2, 2, 2, 2}, 4);
    EXPECT_EQ(t, (std::vector<double>{2}));
}

TEST(ClassifyBreaks, EqualIntervalBetweenMinAndMax) {
    auto b = breaks_equal_interval({0, 3, 10}, 5);
    EXPECT_EQ(b, (std::vector<double>{2, 4, 6, 8}));
    EXPECT_TRUE(breaks_equal_interval({5, 5}, 4).empty());
}

namespace {
Parcel parcel(const std::string& zone, std::optional<double> invest, Compliance c, double mu,
              SupplyStatus s = SupplyStatus::Producing, const std::string& industry = "") {
    Parcel p;
    p.zone_code = zone;
    p.stats.invest_wan_per_mu = invest;
    p.stats.compliance = c;
    p.area_mu = mu;
    p.supply_status = s;
    p.stats.industry = industry;
    return p;
}
}  // namespace

TEST(Classify, ThresholdClassesCountsAndAreasAgree) {
    std::vector<Parcel> ps = {
        parcel("A", 100, Compliance::Below, 10), parcel("A", 350, Compliance::Below, 20),
        parcel("A", 600, Compliance::Meets, 30), parcel("B", std::nullopt, Compliance::NoData, 40),
        parcel("B", 500, Compliance::Meets, 50)};
    auto r = classify(ps, Theme::InvestIntensity, ClassifyOptions{});
    ASSERT_EQ(r.classes.size(), 4u);  // <300, 300-500, >=500, no data
    EXPECT_EQ(r.parcel_class, (std::vector<int>{0, 1, 2, 3, 2}));
    EXPECT_EQ(r.classes[2].count, 2);
    EXPECT_DOUBLE_EQ(r.classes[2].area_mu, 80);
    EXPECT_TRUE(r.classes[3].no_data);
    EXPECT_EQ(r.shown_count, 5);
    EXPECT_DOUBLE_EQ(r.shown_area_mu, 150);

    ParcelFilter f;
    f.zone_code = "B";
    auto rb = classify(ps, Theme::Compliance, ClassifyOptions{}, f);
    EXPECT_EQ(rb.parcel_class, (std::vector<int>{-1, -1, -1, 2, 1}));
    EXPECT_EQ(rb.classes[1].key, "meets");
    EXPECT_EQ(rb.classes[1].count, 1);
    EXPECT_EQ(rb.shown_count, 2);
}

TEST(Classify, ManualBreaksAndSupplyStatusAndIndustry) {
    std::vector<Parcel> ps = {
        parcel("A", 50, Compliance::Below, 1, SupplyStatus::Idle, "现代化工"),
        parcel("A", 150, Compliance::Below, 1, SupplyStatus::Reserved, "现代化工"),
        parcel("A", 250, Compliance::Below, 5, SupplyStatus::Idle, "电子信息制造"),
        parcel("A", std::nullopt, Compliance::NotApplicable, 1, SupplyStatus::Unknown, "")};
    ClassifyOptions o;
    o.method = Method::Manual;
    o.manual_breaks = {200, 100};
    auto r = classify(ps, Theme::InvestIntensity, o);
    EXPECT_EQ(r.breaks, (std::vector<double>{100, 200}));
    EXPECT_EQ(r.parcel_class, (std::vector<int>{0, 1, 2, 3}));
    auto s = classify(ps, Theme::SupplyStatus, {});
    EXPECT_EQ(s.classes[static_cast<size_t>(SupplyStatus::Idle)].count, 2);
    EXPECT_EQ(s.classes[static_cast<size_t>(SupplyStatus::Idle)].key, "idle");
    auto ind = classify(ps, Theme::Industry, {});
    ASSERT_EQ(ind.classes.size(), 3u);  // 电子信息制造 (5 亩) first, 现代化工, 无项目
    EXPECT_EQ(ind.classes[0].label_zh, "电子信息制造");
    EXPECT_EQ(ind.parcel_class, (std::vector<int>{1, 1, 0, 2}));
}

TEST(Classify, ThemeNamesRoundTrip) {
    for (Theme t : all_themes()) EXPECT_EQ(theme_from_string(to_string(t)), t);
    EXPECT_FALSE(theme_from_string("nope"));
    EXPECT_EQ(std::string(to_string(Theme::TaxPerMu)), "tax_per_mu");
}
