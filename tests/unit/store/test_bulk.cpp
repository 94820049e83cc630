// The bulk write path (core/store/bulk): SpatiaLite blobs written directly must equal SpatiaLite's own, and
// the R*Tree packed into the shadow tables must be a valid rtree that answers window queries exactly like a
// brute-force scan, also after rows are added, moved and deleted through SpatiaLite's triggers afterwards.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include <sqlite3.h>

#include "core/geo/wkb.hpp"
#include "core/store/bulk.hpp"
#include "core/store/workspace.hpp"
#include "support/fixtures.hpp"

using namespace pa;
namespace fs = std::filesystem;

namespace {

struct TempWs {
    fs::path path;
    explicit TempWs(const char* name) : path(fs::temp_directory_path() / name) { clean(); }
    ~TempWs() { clean(); }
    void clean() {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix);
    }
};

std::string sql_blob(store::Db& db, const std::string& sql, const std::string& wkb) {
    auto st = db.prepare(sql);
    st.bind_blob(1, wkb.data(), wkb.size());
    EXPECT_TRUE(st.step());
    return st.is_null(0) ? std::string() : st.blob(0);
}

int64_t one_int(store::Db& db, const std::string& sql) {
    auto st = db.prepare(sql);
    EXPECT_TRUE(st.step()) << sql;
    return st.int64(0);
}

std::string one_text(store::Db& db, const std::string& sql) {
    auto st = db.prepare(sql);
    EXPECT_TRUE(st.step()) << sql;
    return st.text(0);
}

/// n small random boxes (some multi-part, some with a hole) spread over ~0.4° around Gui'an.
std::vector<Parcel> random_parcels(int n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<Parcel> out;
    out.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        double x = 106.3 + 0.4 * u(rng), y = 26.3 + 0.4 * u(rng);
        double w = 0.0002 + 0.003 * u(rng), h = 0.0002 + 0.003 * u(rng);
        MultiPolygon g = test::box(x, y, x + w, y + h);
        if (i % 7 == 0) {  // a hole
            g[0].push_back(Ring{{x + w * 0.25, y + h * 0.25},
                                {x + w * 0.25, y + h * 0.75},
                                {x + w * 0.75, y + h * 0.75},
                                {x + w * 0.75, y + h * 0.25},
                                {x + w * 0.25, y + h * 0.25}});
        }
        if (i % 11 == 0) {  // a second part
            auto extra = test::box(x + 2 * w, y - h, x + 3 * w, y);
            g.push_back(extra[0]);
        }
        out.push_back(test::parcel(i + 1, "P" + std::to_string(i + 1), std::move(g)));
    }
    return out;
}

/// R*Tree window count vs a brute-force MBR test over the table, for a set of windows.
void expect_index_matches_scan(store::Db& db, const std::string& table, int windows, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int k = 0; k < windows; ++k) {
        double x = 106.25 + 0.45 * u(rng), y = 26.25 + 0.45 * u(rng), s = 0.002 + 0.08 * u(rng);
        std::string frame = "BuildMbr(" + std::to_string(x) + ", " + std::to_string(y) + ", " +
                            std::to_string(x + s) + ", " + std::to_string(y + s) + ", 4490)";
        const std::string hit = "MbrIntersects(geom, " + frame + ") = 1";
        int64_t by_index =
            one_int(db, "SELECT count(*) FROM " + table +
                            " WHERE ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name='" + table +
                            "' AND search_frame=" + frame + ") AND " + hit);
        int64_t brute = one_int(db, "SELECT count(*) FROM " + table + " WHERE " + hit);
        EXPECT_EQ(by_index, brute) << table << " window " << k;
    }
}

}  // namespace

TEST(StoreBulk, MultiPolygonBlobEqualsGeomFromWkb) {
    TempWs t("pa_test_bulk_blob.sqlite");
    store::Db db(t.path.string(), store::Db::Mode::Create);
    for (const auto& p : random_parcels(40, 7)) {
        BBox box;
        std::string ours = store::spatialite_multipolygon(p.geom, 4490, &box);
        std::string theirs = sql_blob(db, "SELECT GeomFromWKB(?, 4490)", geo::wkb_from_multipolygon(p.geom));
        ASSERT_FALSE(ours.empty());
        EXPECT_EQ(ours, theirs) << p.code;
        BBox ref = geo::bbox_of(p.geom);
        EXPECT_EQ(box.min_lon, ref.min_lon);
        EXPECT_EQ(box.max_lat, ref.max_lat);
    }
    // A geometry SpatiaLite must handle itself: no polygon at all.
    EXPECT_TRUE(store::spatialite_multipolygon({}, 4490).empty());
}

TEST(StoreBulk, PointBlobEqualsMakePoint) {
    TempWs t("pa_test_bulk_point.sqlite");
    store::Db db(t.path.string(), store::Db::Mode::Create);
    LonLat p{106.123456789, 26.987654321};
    auto st = db.prepare("SELECT MakePoint(?, ?, 4490)");
    st.bind(1, p.lon).bind(2, p.lat);
    ASSERT_TRUE(st.step());
    EXPECT_EQ(store::spatialite_point(p), st.blob(0));
}

TEST(StoreBulk, PackedRtreeIsValidAndAnswersLikeBruteForce) {
    TempWs t("pa_test_bulk_rtree.sqlite");
    auto parcels = random_parcels(5000, 11);  // several levels with 51 cells per node
    {
        auto ws = store::Workspace::open_or_create(t.path.string());
        store::Transaction tx(ws.db());
        ws.replace_parcels(parcels, {});
        tx.commit();
    }
    auto ws = store::Workspace::open(t.path.string(), false);
    store::Db& db = ws.db();
    EXPECT_EQ(one_text(db, "SELECT rtreecheck('idx_parcels_geom')"), "ok");
    EXPECT_EQ(one_int(db, "SELECT count(*) FROM idx_parcels_geom"), 5000);
    EXPECT_GE(one_int(db, "SELECT count(*) FROM idx_parcels_geom_node"), 100);  // really a multi-level tree
    // Every geometry is a MULTIPOLYGON in 4490, with its MBR in the index (rounded outwards to float).
    EXPECT_EQ(one_int(db,
                      "SELECT count(*) FROM parcels WHERE GeometryType(geom)<>'MULTIPOLYGON' OR "
                      "ST_SRID(geom)<>4490 OR geom IS NULL"),
              0);
    EXPECT_EQ(one_int(db,
                      "SELECT count(*) FROM parcels p JOIN idx_parcels_geom i ON i.pkid=p.id WHERE "
                      "i.xmin>MbrMinX(p.geom) OR i.xmax<MbrMaxX(p.geom) OR i.ymin>MbrMinY(p.geom) OR "
                      "i.ymax<MbrMaxY(p.geom)"),
              0);
    expect_index_matches_scan(db, "parcels", 60, 3);
    // SpatiaLite's registration is intact (QGIS lists the layer and uses its index) and the triggers are
    // back.
    EXPECT_EQ(one_int(db, "SELECT spatial_index_enabled FROM geometry_columns WHERE f_table_name='parcels'"),
              1);
    EXPECT_EQ(
        one_int(db,
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND tbl_name='parcels' AND "
                "name IN ('gii_parcels_geom','giu_parcels_geom','gid_parcels_geom','ggi_parcels_geom')"),
        4);
    EXPECT_EQ(one_int(db, "SELECT CheckSpatialIndex('parcels', 'geom')"), 1);
    // Later edits go through the restored triggers and keep the packed tree consistent.
    {
        store::Transaction tx(db);
        db.exec("DELETE FROM parcels WHERE id % 3 = 0");
        db.exec("UPDATE parcels SET geom = ST_Translate(geom, 0.01, 0.02, 0) WHERE id % 5 = 0");
        auto extra = random_parcels(300, 99);
        auto ins = db.prepare(
            "INSERT INTO parcels(id, code, code_norm, layer, area_m2, area_mu, geom) "
            "VALUES(?, 'X', 'X', 't', 1, 1, GeomFromWKB(?, 4490))");
        for (size_t i = 0; i < extra.size(); ++i) {
            std::string wkb = geo::wkb_from_multipolygon(extra[i].geom);
            ins.bind(1, static_cast<int64_t>(100000 + i)).bind_blob(2, wkb.data(), wkb.size());
            ins.run();
        }
        tx.commit();
    }
    EXPECT_EQ(one_text(db, "SELECT rtreecheck('idx_parcels_geom')"), "ok");
    EXPECT_EQ(one_int(db, "SELECT count(*) FROM idx_parcels_geom"),
              one_int(db, "SELECT count(*) FROM parcels"));
    expect_index_matches_scan(db, "parcels", 60, 5);
}

TEST(StoreBulk, ReimportReplacesIndexAndSmallTreesWork) {
    TempWs t("pa_test_bulk_reimport.sqlite");
    auto ws = store::Workspace::open_or_create(t.path.string());
    store::Db& db = ws.db();
    for (int n : {3000, 1, 51, 52, 0, 2700}) {  // root leaf, exactly full root, one level more, empty, again
        store::Transaction tx(db);
        ws.replace_parcels(random_parcels(n, static_cast<unsigned>(n)), {});
        tx.commit();
        EXPECT_EQ(one_text(db, "SELECT rtreecheck('idx_parcels_geom')"), "ok") << n;
        EXPECT_EQ(one_int(db, "SELECT count(*) FROM idx_parcels_geom"), n);
        EXPECT_EQ(one_int(db, "SELECT count(*) FROM parcels"), n);
        expect_index_matches_scan(db, "parcels", 20, static_cast<unsigned>(n) + 1);
    }
    // Projects: points with and without geometry, indexed likewise.
    std::vector<Project> projects;
    std::vector<std::optional<LonLat>> points;
    for (int i = 0; i < 1500; ++i) {
        projects.push_back(test::project(i + 1, "PJ" + std::to_string(i), ""));
        if (i % 4 == 0)
            points.push_back(std::nullopt);
        else
            points.push_back(LonLat{106.3 + 0.0003 * (i % 997), 26.3 + 0.0004 * ((i * 37) % 991)});
    }
    {
        store::Transaction tx(db);
        ws.replace_projects(projects, points, 0);
        tx.commit();
    }
    EXPECT_EQ(one_text(db, "SELECT rtreecheck('idx_projects_geom')"), "ok");
    EXPECT_EQ(one_int(db, "SELECT count(*) FROM idx_projects_geom"), 1125);
    EXPECT_EQ(
        one_int(db, "SELECT count(*) FROM projects WHERE geom IS NOT NULL AND GeometryType(geom)='POINT'"),
        1125);
    expect_index_matches_scan(db, "projects", 30, 17);
}

TEST(StoreBulk, RolledBackBulkLoadKeepsPreviousContentAndTriggers) {
    TempWs t("pa_test_bulk_rollback.sqlite");
    auto ws = store::Workspace::open_or_create(t.path.string());
    store::Db& db = ws.db();
    {
        store::Transaction tx(db);
        ws.replace_parcels(random_parcels(800, 1), {});
        tx.commit();
    }
    const int64_t triggers = one_int(db, "SELECT count(*) FROM sqlite_master WHERE type='trigger'");
    try {
        store::Transaction tx(db);
        ws.replace_parcels(random_parcels(200, 2), {});
        throw std::runtime_error("killed after the write");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(one_int(db, "SELECT count(*) FROM parcels"), 800);
    EXPECT_EQ(one_int(db, "SELECT count(*) FROM idx_parcels_geom"), 800);
    EXPECT_EQ(one_text(db, "SELECT rtreecheck('idx_parcels_geom')"), "ok");
    EXPECT_EQ(one_int(db, "SELECT count(*) FROM sqlite_master WHERE type='trigger'"), triggers);
}

TEST(StoreBulk, DefensiveModeFallsBackToModuleInserts) {
    TempWs t("pa_test_bulk_defensive.sqlite");
    auto ws = store::Workspace::open_or_create(t.path.string());
    store::Db& db = ws.db();
    // With shadow tables read-only the packer cannot write them: the index must still come out complete.
    std::vector<store::RtreeEntry> entries;
    for (int i = 1; i <= 400; ++i)
        entries.push_back({i, 106.0 + i * 1e-3, 106.0005 + i * 1e-3, 26.0 + i * 1e-3, 26.0005 + i * 1e-3});
    store::Transaction tx(db);
    ASSERT_EQ(sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr), SQLITE_OK);
    EXPECT_FALSE(store::fill_rtree(db, "idx_parcels_geom", entries));
    EXPECT_EQ(one_int(db, "SELECT count(*) FROM idx_parcels_geom"), 400);
    EXPECT_EQ(one_text(db, "SELECT rtreecheck('idx_parcels_geom')"), "ok");
    tx.commit();
}
