#include <gtest/gtest.h>

#include <filesystem>

#include "core/store/workspace.hpp"
#include "support/fixtures.hpp"

using namespace pa;
namespace fs = std::filesystem;

TEST(WorkspaceWrite, RoundTripsParcelsStatsLinksProblems) {
    fs::path path = fs::temp_directory_path() / "pa_test_ws_write.sqlite";
    fs::remove(path);
    auto p1 = test::parcel(7, "520111003001GB00001", test::box(106.0, 26.0, 106.01, 26.01));
    p1.zone_code = "GANA";
    p1.location = "贵安新区某路";
    p1.declared_area_m2 = 123.45;
    p1.declared_area_kind = "planar";
    p1.stats.project_count = 2;
    p1.stats.invest_wan = 1500.0;
    p1.stats.compliance = Compliance::Below;
    p1.exempt_reason = "政府原因";
    p1.exempt_until = "2023-03-01";
    p1.planned_supply_date = "2025-06-30";  // schema 3
    auto pr = test::project(3, "GY2021-0001", "520111003001GB00001");
    pr.value_added_wan = 321.5;  // the evaluation's figures (schema 2)
    pr.revenue_wan = 1200.0;
    pr.rd_wan = 36.0;
    pr.floor_area_m2 = 5000.0;
    pr.above_scale = false;
    {
        auto ws = store::Workspace::open_or_create(path.string());
        store::Transaction tx(ws.db());
        int64_t id = ws.log_import({"parcels", "x.gpkg", "x", "GPKG", "EPSG:4544", "UTF-8", 1, 1, 0, ""});
        ws.replace_parcels({p1}, {id});
        ws.replace_projects({pr}, {LonLat{106.005, 26.005}}, id);
        ws.replace_links({Link{3, 7, "exact"}});
        Problem prob;
        prob.kind = "overlap";
        prob.id = p1.code;
        prob.message_zh = "重叠";
        ws.add_problems({prob}, "derived");
        tx.commit();
    }
    {
        auto ws = store::Workspace::open(path.string(), false);
        auto ps = ws.load_parcels();
        ASSERT_EQ(ps.size(), 1u);
        EXPECT_EQ(ps[0].id, 7);
        EXPECT_EQ(ps[0].location, "贵安新区某路");
        EXPECT_EQ(ps[0].zone_code, "GANA");
        EXPECT_EQ(*ps[0].stats.invest_wan, 1500.0);
        EXPECT_EQ(ps[0].stats.compliance, Compliance::Below);
        EXPECT_EQ(ps[0].exempt_until.str(), "2023-03-01");
        EXPECT_EQ(ps[0].planned_supply_date.str(), "2025-06-30");
        const auto prs = ws.load_projects();
        ASSERT_EQ(prs.size(), 1u);
        EXPECT_EQ(*prs[0].value_added_wan, 321.5);
        EXPECT_EQ(*prs[0].revenue_wan, 1200.0);
        EXPECT_EQ(*prs[0].rd_wan, 36.0);
        EXPECT_EQ(*prs[0].floor_area_m2, 5000.0);
        EXPECT_FALSE(prs[0].emission_t.has_value());
        ASSERT_TRUE(prs[0].above_scale.has_value());
        EXPECT_FALSE(*prs[0].above_scale);
        EXPECT_NEAR(ps[0].area_m2, p1.area_m2, 1e-6);
        ASSERT_EQ(ps[0].geom.size(), 1u);
        EXPECT_EQ(ws.load_links().size(), 1u);
        auto probs = ws.load_problems();
        ASSERT_EQ(probs.size(), 1u);
        EXPECT_EQ(probs[0].message_zh, "重叠");
        // Derived update, then delete by origin.
        ps[0].stats.compliance = Compliance::Meets;
        ps[0].zone_code = "";
        store::Transaction tx(ws.db());
        ws.update_parcel_derived(ps);
        ws.delete_problems("derived");
        tx.commit();
        auto again = ws.load_parcels(false);
        EXPECT_EQ(again[0].stats.compliance, Compliance::Meets);
        EXPECT_EQ(again[0].zone_code, "");
        EXPECT_TRUE(ws.load_problems().empty());
        auto st = ws.db().prepare("SELECT X(geom), count(*) FROM projects");
        ASSERT_TRUE(st.step());
        EXPECT_DOUBLE_EQ(st.real(0), 106.005);
    }
    fs::remove(path);
}

TEST(WorkspaceWrite, UncommittedWritesRollBack) {
    fs::path path = fs::temp_directory_path() / "pa_test_ws_rollback.sqlite";
    fs::remove(path);
    {
        auto ws = store::Workspace::open_or_create(path.string());
        store::Transaction tx(ws.db());
        ws.replace_parcels({test::parcel(1, "A", test::box(106.0, 26.0, 106.01, 26.01))}, {0});
        tx.commit();
    }
    {
        auto ws = store::Workspace::open(path.string(), false);
        try {
            store::Transaction tx(ws.db());
            ws.replace_parcels({}, {});
            throw std::runtime_error("failure in the middle of an import");
        } catch (const std::runtime_error&) {
        }
        EXPECT_EQ(ws.load_parcels(false).size(), 1u);
    }
    fs::remove(path);
}

// The audit table: an import's and a scenario's changes are recorded with the OS user, in the change's own
// transaction (a rolled-back change leaves no audit row), oldest first, the last N on request.
TEST(WorkspaceWrite, AuditRecordsChangesInTheirTransaction) {
    fs::path path = fs::temp_directory_path() / "pa_test_ws_audit.sqlite";
    fs::remove(path);
    auto ws = store::Workspace::open_or_create(path.string());
    {
        store::Transaction tx(ws.db());
        ws.log_import({"parcels", "x.gpkg", "x", "GPKG", "EPSG:4544", "UTF-8", 3, 2, 1, ""});
        tx.commit();
    }
    {
        store::Transaction tx(ws.db());  // rolled back: not audited
        ws.log_import({"ledger", "y.xlsx", "", "XLSX", "", "UTF-8", 5, 5, 0, ""});
    }
    store::Scenario s;
    s.name = "A";
    s.pipeline_json = "[]";
    ws.save_scenario(s, 0);
    ws.rename_scenario("A", "B");
    const auto all = ws.audit_log();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].action, "import");
    EXPECT_EQ(all[0].object, "parcels");
    EXPECT_EQ(all[0].detail, "x.gpkg::x: 2 of 3 stored, 1 problems");
    EXPECT_EQ(all[0].os_user, store::os_user());
    EXPECT_FALSE(all[0].time.empty());
    EXPECT_EQ(all[1].action, "scenario.save");
    EXPECT_EQ(all[2].action, "scenario.rename");
    EXPECT_EQ(all[2].detail, "renamed to B");
    const auto last = ws.audit_log(1);
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0].id, all[2].id);
}
