// The PostgreSQL side of the store (core/store/pg): which -w values are connections, the connection string
// libpq gets, the display form without the password, COPY text escaping and EWKB. No server is needed here
// (the integration test tests/integration/postgis_workspace.sh starts one).
#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "core/common/error.hpp"
#include "core/geo/wkb.hpp"
#include "core/store/pg.hpp"
#include "core/store/sqlite.hpp"

using namespace pa;
using namespace pa::store;

TEST(PgTarget, RecognisesConnections) {
    EXPECT_TRUE(is_postgres_target("PG:host=db dbname=pa"));
    EXPECT_TRUE(is_postgres_target("postgresql://alice@db/pa"));
    EXPECT_TRUE(is_postgres_target("postgres://db/pa"));
    EXPECT_FALSE(is_postgres_target("ws.sqlite"));
    EXPECT_FALSE(is_postgres_target("/data/PG:ws.sqlite"));
    EXPECT_FALSE(is_postgres_target(""));
}

TEST(PgTarget, ConninfoDropsThePrefixOnly) {
    EXPECT_EQ(pg_conninfo("PG:host=db port=5433 dbname=pa user=alice"),
              "host=db port=5433 dbname=pa user=alice");
    EXPECT_EQ(pg_conninfo("postgresql://alice@db:5433/pa"), "postgresql://alice@db:5433/pa");
}

TEST(PgTarget, SchemaIsOursNotLibpqs) {
    EXPECT_EQ(pg_schema("PG:host=db dbname=pa"), "parkatlas");
    EXPECT_EQ(pg_schema("PG:host=db schema=zone_a dbname=pa"), "zone_a");
    EXPECT_EQ(pg_conninfo("PG:host=db schema=zone_a dbname=pa"), "host=db dbname=pa");
    EXPECT_EQ(pg_conninfo("PG:host=db application_name='a b' schema=z dbname=pa"),
              "host=db application_name='a b' dbname=pa");
    EXPECT_EQ(pg_schema("postgresql://alice@db/pa?sslmode=disable&schema=zone_b"), "zone_b");
    EXPECT_EQ(pg_conninfo("postgresql://alice@db/pa?sslmode=disable&schema=zone_b"),
              "postgresql://alice@db/pa?sslmode=disable");
    EXPECT_EQ(pg_conninfo("postgresql://alice@db/pa?schema=zone_b"), "postgresql://alice@db/pa");
    EXPECT_NE(pg_display("PG:host=db dbname=pa schema=zone_a").find("schema=zone_a"), std::string::npos);
    EXPECT_THROW(pg_schema("PG:host=db schema=Zone;drop"), WorkspaceError);
    EXPECT_THROW(pg_schema("PG:host=db schema=1abc"), WorkspaceError);
}

TEST(PgTarget, DisplayNeverShowsThePassword) {
    const std::string a = pg_display("PG:host=db port=5433 dbname=pa user=alice password=s3cret");
    EXPECT_EQ(a.find("s3cret"), std::string::npos);
    EXPECT_NE(a.find("host=db"), std::string::npos);
    EXPECT_NE(a.find("dbname=pa"), std::string::npos);
    EXPECT_NE(a.find("user=alice"), std::string::npos);
    const std::string b = pg_display("postgresql://alice:s3cret@db:5433/pa?sslmode=disable");
    EXPECT_EQ(b.find("s3cret"), std::string::npos);
    EXPECT_NE(b.find("port=5433"), std::string::npos);
    EXPECT_NE(b.find("dbname=pa"), std::string::npos);
}

TEST(PgTarget, ShortNameForMaps) {
    EXPECT_EQ(pg_short_name("PG:host=db dbname=bureau user=alice password=s3cret"), "bureau (PostGIS)");
    EXPECT_EQ(pg_short_name("postgresql://alice:s3cret@db/bureau?schema=zone_a"), "bureau/zone_a (PostGIS)");
}

TEST(PgConn, BadStringsAndUnreachableServersAreWorkspaceErrors) {
    EXPECT_THROW(PgConn("PG:hots=db dbname=pa"), WorkspaceError);
    EXPECT_THROW(PgConn("PG:host=/nonexistent-parkatlas-socket-dir port=1 dbname=pa connect_timeout=2"),
                 WorkspaceError);
    try {
        PgConn("PG:host=/nonexistent-parkatlas-socket-dir port=1 dbname=pa password=s3cret");
        FAIL() << "connected to nothing";
    } catch (const WorkspaceError& e) {
        EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos);
    }
}

TEST(CopyRows, EscapesTextAndWritesNulls) {
    CopyRows r;
    r.add(int64_t{7}).add("a\tb\\c\nd\re").null().add(0.1).add(std::numeric_limits<double>::quiet_NaN());
    r.text_or_null("").add(std::string("园区"));
    r.end_row();
    EXPECT_EQ(r.data(), "7\ta\\tb\\\\c\\nd\\re\t\\N\t0.1\t\\N\t\\N\t园区\n");
}

TEST(CopyRows, DoublesRoundTrip) {
    for (double v : {1.0 / 3.0, 123456.78901234567, 1e-300, 6378137.0, -0.0}) {
        CopyRows r;
        r.add(v);
        EXPECT_EQ(std::strtod(r.data().c_str(), nullptr), v) << r.data();
    }
}

// COPY's binary format, byte for byte: per row a 16-bit field count, per field a 32-bit length (-1 for NULL)
// and the value in network order (bigint and double precision 8 bytes, text and geometry as they are).
TEST(CopyRows, BinaryRowsAreNetworkOrderWithLengths) {
    CopyRows r(CopyFormat::Binary);
    r.add(int64_t{258}).add(2.0).add("园").null().hex_or_null(std::string("\x01\x02", 2));
    r.add(std::numeric_limits<double>::quiet_NaN());
    r.end_row();
    r.end_row();                                                                  // an empty row
    const std::string want = std::string("\0\6", 2) +                             // 6 fields
                             std::string("\0\0\0\x08\0\0\0\0\0\0\x01\x02", 12) +  // 258
                             std::string("\0\0\0\x08\x40\0\0\0\0\0\0\0", 12) +    // 2.0
                             std::string("\0\0\0\x03", 4) + "园" +                // text
                             std::string("\xff\xff\xff\xff", 4) +                 // NULL
                             std::string("\0\0\0\x02\x01\x02", 6) +               // bytes
                             std::string("\xff\xff\xff\xff", 4) +                 // NaN: NULL
                             std::string("\0\0", 2);                              // 0 fields
    EXPECT_EQ(r.data(), want);
}

TEST(Ewkb, AddsTheSrid) {
    const std::string wkb = geo::wkb_from_point(LonLat{106.7, 26.5});
    const std::string e = ewkb_from_wkb(wkb, 4490);
    ASSERT_EQ(e.size(), wkb.size() + 4);
    uint32_t type = 0, srid = 0;
    std::memcpy(&type, e.data() + 1, 4);
    std::memcpy(&srid, e.data() + 5, 4);
    EXPECT_EQ(type, 0x20000001u);
    EXPECT_EQ(srid, 4490u);
    EXPECT_EQ(e.substr(9), wkb.substr(5));
}

TEST(PgTarget, TheSqliteDbOfAPostgisWorkspaceRefusesStatements) {
    Db none;  // what a PostGIS workspace holds instead of a SQLite connection
    EXPECT_THROW(none.exec("SELECT 1"), WorkspaceError);
    EXPECT_THROW(none.prepare("SELECT 1"), WorkspaceError);
}
