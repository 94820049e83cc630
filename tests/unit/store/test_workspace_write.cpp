#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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

// Projects staged in a side database on another thread (the bulk import's path) are stored exactly as the
// row-by-row path stores them, with their R*Tree; a rolled-back import leaves the old projects and no
// attached database behind.
TEST(WorkspaceWrite, StagedProjectsEqualDirectOnesAndRollBackCleanly) {
    fs::path direct = fs::temp_directory_path() / "pa_test_ws_direct.sqlite";
    fs::path staged = fs::temp_directory_path() / "pa_test_ws_staged.sqlite";
    fs::remove(direct);
    fs::remove(staged);
    std::vector<Project> prs;
    std::vector<std::optional<LonLat>> points;
    for (int i = 1; i <= 3000; ++i) {
        auto p = test::project(i, "GY-" + std::to_string(i), "C" + std::to_string(i));
        p.sign_date = "2021-03-01";
        p.rd_wan = i * 0.5;
        prs.push_back(p);
        points.push_back(i % 3 ? std::optional<LonLat>(LonLat{106.0 + i * 1e-5, 26.0}) : std::nullopt);
    }
    auto dump = [](store::Workspace& ws) {
        std::string out;
        auto st = ws.db().prepare(
            "SELECT id, project_id, sign_date, rd_wan, quote(geom) FROM projects ORDER BY id");
        while (st.step())
            out += std::to_string(st.int64(0)) + st.text(1) + st.text(2) + st.text(3) + st.text(4) + "\n";
        auto n = ws.db().prepare(
            "SELECT count(*) FROM projects WHERE rowid IN (SELECT pkid FROM idx_projects_geom WHERE "
            "xmin <= 106.01 AND xmax >= 106.0 AND ymin <= 26.0 AND ymax >= 26.0)");
        n.step();
        return out + "rtree " + std::to_string(n.int64(0));
    };
    std::string a, b;
    {
        auto ws = store::Workspace::open_or_create(direct.string());
        store::BulkWrite bulk(ws);
        ws.replace_projects(prs, points, 1);
        bulk.commit();
        a = dump(ws);
    }
    {
        auto ws = store::Workspace::open_or_create(staged.string());
        {
            store::BulkWrite bulk(ws);
            auto s = ws.stage_projects(prs, points, 1);
            ASSERT_TRUE(s);
            ws.replace_projects(*s);
            bulk.commit();
        }
        b = dump(ws);
        {
            store::BulkWrite bulk(ws);  // never committed
            std::vector<Project> one = {test::project(1, "OTHER", "C1")};
            std::vector<std::optional<LonLat>> none(1);
            auto s = ws.stage_projects(one, none, 2);
            ws.replace_projects(*s);
        }
        EXPECT_EQ(dump(ws), b);
        // No temporary folder to be had: no staging, the caller writes the rows itself (as on PostGIS).
        const char* old_tmp = std::getenv("TMPDIR");
        const std::string saved = old_tmp ? old_tmp : "";
        setenv("TMPDIR", "/nonexistent/parkatlas-test", 1);
        {
            store::BulkWrite bulk(ws);
            EXPECT_EQ(ws.stage_projects(prs, points, 1), nullptr);
        }
        if (old_tmp)
            setenv("TMPDIR", saved.c_str(), 1);
        else
            unsetenv("TMPDIR");
        auto list = ws.db().prepare("SELECT count(*) FROM pragma_database_list");
        ASSERT_TRUE(list.step());
        EXPECT_EQ(list.int64(0), 1);  // pa_stage detached
    }
    EXPECT_EQ(a, b);
    EXPECT_NE(a.find("rtree 667"), std::string::npos)  // 2 in 3 of the first 1000 have a point
        << a.substr(a.size() - 20);
    fs::remove(direct);
    fs::remove(staged);
}

TEST(WorkspaceWrite, CacheWrittenInPiecesReadsBackWholeAndReplacesItsPrefix) {
    fs::path path =
        fs::temp_directory_path() / ("pa_test_ws_cache_" + std::to_string(::getpid()) + ".sqlite");
    fs::remove(path);
    auto ws = store::Workspace::open_or_create(path.string());
    ASSERT_TRUE(ws.replace_cache("mesh-", "mesh-1", std::string("old")));
    ASSERT_TRUE(ws.replace_cache("other-", "other-1", std::string("kept")));
    std::string big(300000, '\0');
    for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7 % 251);
    const std::vector<std::string_view> pieces = {"HEAD", std::string_view(big).substr(0, 123457), "",
                                                  std::string_view(big).substr(123457)};
    ASSERT_TRUE(ws.replace_cache("mesh-", "mesh-2", pieces));
    std::string back;
    EXPECT_TRUE(ws.read_cache("mesh-2", [&](std::string_view b) {
        back = std::string(b);
        return true;
    }));
    EXPECT_EQ(back, "HEAD" + big);
    EXPECT_FALSE(ws.read_cache("mesh-1", [](std::string_view) { return true; }))
        << "the prefix's old entry goes";
    EXPECT_EQ(ws.cache_key("other-").value_or(""), "other-1");
    fs::remove(path);
}
