// Industry chains: configuration parsing, links within a distance and the per-zone gap (补链) table on a
// constructed case.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/analysis/chains.hpp"
#include "core/common/error.hpp"

using namespace pa;
using namespace pa::analysis;

namespace {
// 0.01° of latitude ≈ 1109 m near 26.5° N.
ChainFirm firm(const std::string& id, const std::string& ind, const std::string& zone, double lon,
               double lat) {
    return {id, id, ind, zone, {lon, lat}};
}
const ChainGapRow* row(const ChainResult& r, const std::string& zone, size_t pair) {
    for (const auto& g : r.gaps)
        if (g.zone == zone && g.pair == pair) return &g;
    return nullptr;
}
}  // namespace

TEST(Chains, GapTableOnConstructedCase) {
    auto cfg = parse_chain_config(R"({"default_distance_m": 3000, "chains": [
        {"upstream": "铝及铝加工", "downstream": "先进装备制造", "products": "汽车零部件"},
        {"upstream": "电子信息制造", "downstream": "数字经济"}]})",
                                  "test");
    ASSERT_EQ(cfg.pairs.size(), 2u);
    EXPECT_DOUBLE_EQ(cfg.default_distance_m, 3000.0);
    std::vector<ChainFirm> firms = {
        // Z1: aluminium and equipment 1.1 km apart -> present.
        firm("a1", "铝及铝加工", "Z1", 106.40, 26.50), firm("e1", "先进装备制造", "Z1", 106.40, 26.51),
        // Z2: aluminium only, 50 km away from any equipment -> missing_downstream.
        firm("a2", "铝及铝加工", "Z2", 106.90, 26.90),
        // Z3: equipment 2.2 km from a1 (in Z1) -> nearby (served across the zone boundary).
        firm("e3", "先进装备制造", "Z3", 106.40, 26.48),
        // Z4: aluminium and equipment 11 km apart -> distant; electronics with no 数字经济 anywhere ->
        // missing_downstream.
        firm("a4", "铝及铝加工", "Z4", 107.20, 26.20), firm("e4", "先进装备制造", "Z4", 107.20, 26.30),
        firm("c4", "电子信息制造", "Z4", 107.21, 26.20),
        // Z5: 数字经济 only -> missing_upstream.
        firm("d5", "数字经济", "Z5", 105.90, 26.90),
        // No zone: counted in links only.
        firm("a0", "铝及铝加工", "", 105.50, 27.50)};
    auto r = analyse_chains(cfg, firms, 3000.0);
    // Links: a1-e1 (1.1 km), a1-e3 (2.2 km), e1-e3 is not a chain pair; nothing else within 3 km.
    ASSERT_EQ(r.links.size(), 2u);
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& l : r.links) got.insert({r.firms[l.upstream].id, r.firms[l.downstream].id});
    EXPECT_TRUE(got.count({"a1", "e1"}));
    EXPECT_TRUE(got.count({"a1", "e3"}));
    ASSERT_NE(row(r, "Z1", 0), nullptr);
    EXPECT_EQ(row(r, "Z1", 0)->status, "present");
    EXPECT_EQ(row(r, "Z1", 0)->local_links, 1);
    EXPECT_EQ(row(r, "Z1", 0)->cross_links, 1);
    EXPECT_EQ(row(r, "Z2", 0)->status, "missing_downstream");
    EXPECT_EQ(row(r, "Z3", 0)->status, "nearby");
    EXPECT_EQ(row(r, "Z4", 0)->status, "distant");
    EXPECT_EQ(row(r, "Z4", 1)->status, "missing_downstream");
    EXPECT_EQ(row(r, "Z5", 1)->status, "missing_upstream");
    EXPECT_EQ(row(r, "Z1", 1), nullptr);  // Z1 holds neither side of pair 1: no row
    EXPECT_EQ(r.gaps.size(), 6u);
    // A longer distance turns Z4's aluminium-equipment pair into present.
    auto far = analyse_chains(cfg, firms, 12000.0);
    EXPECT_EQ(row(far, "Z4", 0)->status, "present");
}

TEST(Chains, ConfigErrorsNameTheProblem) {
    EXPECT_THROW(parse_chain_config("{", "x.json"), InputError);
    EXPECT_THROW(parse_chain_config(R"({"pairs": []})", "x.json"), InputError);
    EXPECT_THROW(parse_chain_config(R"({"chains": [{"upstream": "铝及铝加工"}]})", "x.json"), InputError);
    EXPECT_THROW(parse_chain_config(R"({"chains": [], "default_distance_m": -1})", "x.json"), InputError);
    try {
        parse_chain_config(R"({"chains": [{"upstream": "A"}]})", "my.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("my.json"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("downstream"), std::string::npos);
    }
    EXPECT_THROW(load_chain_config("/nonexistent/chains.json"), InputError);
    EXPECT_THROW(analyse_chains(ChainConfig{}, {}, 0.0), InputError);
}

TEST(Chains, ShippedConfigUsesLedgerIndustries) {
    auto cfg = load_chain_config(std::string(PA_SOURCE_DIR) + "/config/industry_chains.json");
    EXPECT_GE(cfg.pairs.size(), 5u);
    const std::set<std::string> ledger = {
        "电子信息制造", "先进装备制造", "中高端消费品制造", "健康医药", "现代化工", "铝及铝加工", "新型建材",
        "现代服务业",   "数字经济",     "总部经济",         "农机具",   "金属工具", "印刷包装",   "农业"};
    for (const auto& p : cfg.pairs) {
        EXPECT_TRUE(ledger.count(p.upstream)) << p.upstream;
        EXPECT_TRUE(ledger.count(p.downstream)) << p.downstream;
    }
}

// `parkatlas chains` and the viewer find the default configuration from any folder: the environment variable
// wins, then ./config, then next to the executable, then the fallback folders (the source tree's config/).
TEST(Chains, DefaultConfigFoundFromAnyFolder) {
    namespace fs = std::filesystem;
    const fs::path old_cwd = fs::current_path();
    const fs::path tmp = fs::temp_directory_path() / ("pa_chain_cfg_" + std::to_string(::getpid()));
    fs::remove_all(tmp);
    fs::create_directories(tmp / "elsewhere");
    fs::create_directories(tmp / "env");
    const char* had_env = std::getenv("PARKATLAS_CONFIG_DIR");
    ASSERT_EQ(had_env, nullptr) << "unset PARKATLAS_CONFIG_DIR to run this test";
    fs::current_path(tmp / "elsewhere");  // a folder with no config/ in it
    const std::string source_config = std::string(PA_SOURCE_DIR) + "/config";
    const std::string found = find_chain_config({(tmp / "nowhere").string(), source_config});
    EXPECT_TRUE(fs::equivalent(found, source_config + "/industry_chains.json")) << found;
    EXPECT_GE(load_chain_config(found).pairs.size(), 5u);
    // With no candidate holding the file, the answer names ./config/industry_chains.json (what the error will
    // show).
    EXPECT_EQ(find_chain_config({(tmp / "nowhere").string()}), "config/industry_chains.json");
    // A config/ in the current folder wins over the fallbacks.
    fs::create_directories(tmp / "elsewhere" / "config");
    std::ofstream(tmp / "elsewhere" / "config" / "industry_chains.json") << R"({"chains": []})";
    EXPECT_EQ(find_chain_config({source_config}), "config/industry_chains.json");
    // The environment variable wins over everything.
    ::setenv("PARKATLAS_CONFIG_DIR", (tmp / "env").c_str(), 1);
    EXPECT_EQ(find_chain_config({source_config}), (tmp / "env" / "industry_chains.json").string());
    ::unsetenv("PARKATLAS_CONFIG_DIR");
    fs::current_path(old_cwd);
    fs::remove_all(tmp);
}
