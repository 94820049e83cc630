// Targets: progress equals sums computed independently here; the shipped config parses to the plan's figures.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/analysis/targets.hpp"
#include "core/common/error.hpp"

using pa::Project;

namespace {
std::vector<Project> ledger() {
    std::vector<Project> ps;
    const char* industries[] = {"电子信息制造", "现代服务业", "铝及铝加工", "数字经济", "总部经济"};
    const char* zones[] = {"贵安新区", "贵阳经济技术开发区", "贵安综合保税区", "清镇经济开发区"};
    for (int i = 0; i < 40; ++i) {
        Project p;
        p.id = i + 1;
        p.project_id = "GY2021-" + std::to_string(1000 + i);
        p.zone_name = zones[i % 4];
        p.industry = industries[i % 5];
        p.credit_code = "CC" + std::to_string(i % 17);  // firms repeat
        p.funds_2021_wan = 100.0 + i;
        if (i % 3) p.funds_2022_wan = 250.5 + 2 * i;
        p.funds_2023_wan = 400.25 + 3 * i;
        p.quality_firm = i % 2 == 0;
        p.headquarters = i % 7 == 0;
        p.digital_economy = i % 4 == 1;
        p.central_soe = i % 6 == 0;
        p.enterprise_kind = i % 9 == 0 ? "央企" : "民企";
        p.sign_date = i % 10 == 0 ? "2020-12-31" : "2022-01-01";
        p.total_invest_wan = 5000.0 + 100 * i;
        ps.push_back(p);
    }
    ps.push_back(ps[5]);  // a duplicated ledger row (same 项目编号): funds count twice, projects once
    ps.back().id = 99;
    return ps;
}
pa::analysis::LedgerIndex index_for(const std::vector<Project>& ps) {
    std::vector<pa::Zone> zones(3);
    zones[0].code = "GANA", zones[0].name_zh = "贵安新区";
    zones[1].code = "GA-CBZ", zones[1].name_zh = "贵安综合保税区";
    zones[2].code = "GY-ETDZ", zones[2].name_zh = "贵阳经济技术开发区";
    return pa::analysis::index_ledger({}, ps, {}, zones);
}
}  // namespace

TEST(Targets, ProgressEqualsIndependentSums) {
    auto ps = ledger();
    auto cfg = pa::analysis::default_targets_config();
    auto r = pa::analysis::targets_progress(ps, index_for(ps), cfg);
    double total = 0, guian = 0, ind = 0, y2022 = 0, soe = 0;
    std::set<std::string> q, hq, dig, soe_ids;
    int guian_rows = 0;
    for (const auto& p : ps) {
        double f = p.funds_2021_wan.value_or(0) + p.funds_2022_wan.value_or(0) + p.funds_2023_wan.value_or(0);
        total += f;
        y2022 += p.funds_2022_wan.value_or(0);
        bool g = p.zone_name == "贵安新区" || p.zone_name == "贵安综合保税区";
        if (g) guian += f, guian_rows++;
        if (p.industry == "电子信息制造" || p.industry == "铝及铝加工") ind += f;
        if (p.quality_firm) q.insert(p.credit_code);
        if (p.headquarters) hq.insert(p.credit_code);
        if (p.digital_economy) dig.insert(p.project_id);
        if ((p.central_soe || p.enterprise_kind == "央企") && p.sign_date.str() >= "2021" &&
            soe_ids.insert(p.project_id).second)
            soe += *p.total_invest_wan;
    }
    EXPECT_NEAR(r.whole.funds_total_wan, total, 1e-6);
    EXPECT_NEAR(r.whole.funds_wan.at(2022), y2022, 1e-6);
    EXPECT_NEAR(r.guian.funds_total_wan, guian, 1e-6);
    EXPECT_EQ(r.guian.ledger_rows, guian_rows);
    EXPECT_NEAR(r.whole.industrial_funds_total_wan, ind, 1e-6);
    EXPECT_NEAR(*r.industrial_share, ind / total, 1e-12);
    EXPECT_EQ(r.whole.quality_firms, int(q.size()));
    EXPECT_EQ(r.whole.headquarters_firms, int(hq.size()));
    EXPECT_EQ(r.whole.digital_economy_projects, int(dig.size()));
    EXPECT_NEAR(r.whole.central_soe_total_invest_wan, soe, 1e-6);
    double g2022 = r.whole.funds_wan.at(2022) / r.whole.funds_wan.at(2021) - 1.0;
    double g2023 = r.whole.funds_wan.at(2023) / r.whole.funds_wan.at(2022) - 1.0;
    EXPECT_NEAR(*r.funds_growth.at(2022), g2022, 1e-12);
    EXPECT_NEAR(*r.funds_avg_growth, std::sqrt((1 + g2022) * (1 + g2023)) - 1.0, 1e-12);
    EXPECT_FALSE(r.funds_vs_baseline_ratio);  // baseline unknown by default
    double zones_sum = 0;
    for (const auto& z : r.zones) zones_sum += z.funds_total_wan;
    EXPECT_NEAR(zones_sum, total, 1e-6);
}

TEST(Targets, BaselineAndIndustriesComeFromTheConfig) {
    auto ps = ledger();
    nlohmann::json j = {{"baseline_2018_2020_funds_yi", 1.5}, {"industrial_industries", {"现代服务业"}}};
    auto cfg = pa::analysis::targets_config_from_json(j, "test");
    auto r = pa::analysis::targets_progress(ps, index_for(ps), cfg);
    ASSERT_TRUE(r.funds_vs_baseline_ratio);
    EXPECT_NEAR(*r.funds_vs_baseline_ratio, r.whole.funds_total_wan / 15000.0, 1e-12);
    double svc = 0;
    for (const auto& p : ps)
        if (p.industry == "现代服务业")
            svc += p.funds_2021_wan.value_or(0) + p.funds_2022_wan.value_or(0) + p.funds_2023_wan.value_or(0);
    EXPECT_NEAR(r.whole.industrial_funds_total_wan, svc, 1e-6);
}

TEST(Targets, ShippedConfigIsThePlan) {
    auto cfg = pa::analysis::load_targets_config(std::string(PA_SOURCE_DIR) + "/config/targets.json");
    EXPECT_DOUBLE_EQ(*cfg.funds_in_place_yi.whole, 7090.0);
    EXPECT_DOUBLE_EQ(*cfg.funds_in_place_yi.guian, 1300.0);
    EXPECT_DOUBLE_EQ(*cfg.industrial_funds_yi.whole, 3550.0);
    EXPECT_DOUBLE_EQ(*cfg.industrial_funds_yi.guian, 650.0);
    EXPECT_DOUBLE_EQ(*cfg.quality_firms.whole, 1380.0);
    EXPECT_DOUBLE_EQ(*cfg.quality_firms.guian, 120.0);
    EXPECT_DOUBLE_EQ(*cfg.headquarters_firms.whole, 180.0);
    EXPECT_DOUBLE_EQ(*cfg.digital_economy_projects.whole, 450.0);
    EXPECT_DOUBLE_EQ(*cfg.central_soe_total_invest_yi.whole, 1500.0);
    EXPECT_DOUBLE_EQ(*cfg.funds_growth_min_per_year, 0.18);
    EXPECT_FALSE(cfg.baseline_2018_2020_funds_yi);
    EXPECT_EQ(cfg.guian_zone_codes, (std::vector<std::string>{"GANA", "GA-CBZ"}));
}

TEST(Targets, BadConfigIsAnInputError) {
    EXPECT_THROW(pa::analysis::load_targets_config("/nonexistent/targets.json"), pa::InputError);
    EXPECT_THROW(pa::analysis::targets_config_from_json(nlohmann::json::array(), "x"), pa::InputError);
    EXPECT_THROW(pa::analysis::targets_config_from_json(
                     {{"targets", {{"funds_in_place_yi", {{"whole", "many"}}}}}}, "x"),
                 pa::InputError);
    EXPECT_THROW(pa::analysis::targets_config_from_json({{"years", {2019}}}, "x"), pa::InputError);
    auto path = std::string("/tmp/pa_bad_targets.json");
    std::ofstream(path) << "{ not json";
    EXPECT_THROW(pa::analysis::load_targets_config(path), pa::InputError);
}
