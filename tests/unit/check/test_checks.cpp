#include <gtest/gtest.h>

#include <algorithm>

#include "core/check/checks.hpp"
#include "support/fixtures.hpp"

using namespace pa;
using pa::test::box;
using pa::test::parcel;

using pa::test::ids_of;

TEST(Checks, AssignsZoneHoldingMostAreaAndFlagsOutsideAndNone) {
    std::vector<Zone> zones{test::zone("A", ZoneLevel::National, box(106.0, 26.0, 106.1, 26.1)),
                            test::zone("B", ZoneLevel::Provincial, box(106.1, 26.0, 106.2, 26.1))};
    std::vector<Parcel> ps{parcel(1, "IN_A", box(106.01, 26.01, 106.02, 26.02)),
                           // 70% in B, 30% in A: assigned to B, outside_zone
                           parcel(2, "SPLIT", box(106.097, 26.05, 106.107, 26.06)),
                           parcel(3, "NOWHERE", box(107.0, 26.0, 107.01, 26.01)),
                           // 0.5% outside B: within the 1% tolerance
                           parcel(4, "EDGE", box(106.15, 26.09, 106.16, 26.10005))};
    std::vector<Problem> out;
    check::assign_zones(ps, zones, out);
    EXPECT_EQ(ps[0].zone_code, "A");
    EXPECT_EQ(ps[1].zone_code, "B");
    EXPECT_EQ(ps[2].zone_code, "");
    EXPECT_EQ(ps[3].zone_code, "B");
    EXPECT_EQ(ids_of(out, "outside_zone"), std::vector<std::string>{"SPLIT"});
    EXPECT_EQ(ids_of(out, "not_in_zone"), std::vector<std::string>{"NOWHERE"});
    for (const auto& p : out) {
        EXPECT_EQ(p.severity, Severity::Warning);
        EXPECT_FALSE(p.message_zh.empty());
        EXPECT_FALSE(p.message_en.empty());
    }
}

TEST(Checks, OverlapOneRecordPerParcelAboveOneSquareMetre) {
    std::vector<Parcel> ps{
        parcel(1, "P1", box(106.0, 26.0, 106.01, 26.01)),
        parcel(2, "P2", box(106.009, 26.0, 106.02, 26.01)),         // overlaps P1 by ~100 m x 1 km
        parcel(3, "P3", box(106.02, 26.0, 106.03, 26.01)),          // touches P2 only
        parcel(4, "P4", box(106.0295, 26.0, 106.04, 26.01)),        // overlaps P3
        parcel(5, "P5", box(106.039999999, 26.0, 106.05, 26.01))};  // < 1 m² with P4
    std::vector<Problem> out;
    check::find_overlaps(ps, out);
    EXPECT_EQ(ids_of(out, "overlap"), (std::vector<std::string>{"P1", "P2", "P3", "P4"}));
    for (const auto& p : out) {
        // The point lies in the overlap strip.
        if (p.id == "P1" || p.id == "P2") {
            EXPECT_GE(p.lon, 106.009);
            EXPECT_LE(p.lon, 106.01);
        }
    }
}

TEST(Checks, DuplicateCodesOneErrorPerCode) {
    std::vector<Parcel> ps{
        parcel(1, "D", box(106.0, 26.0, 106.01, 26.01)), parcel(2, "D", box(106.1, 26.0, 106.11, 26.01)),
        parcel(3, "D", box(106.2, 26.0, 106.21, 26.01)), parcel(4, "U", box(106.3, 26.0, 106.31, 26.01))};
    std::vector<Problem> out;
    check::find_duplicate_codes(ps, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].id, "D");
    EXPECT_EQ(out[0].severity, Severity::Error);
}

TEST(Checks, DeclaredAreaComparesLikeWithLike) {
    auto a = parcel(1, "PLANAR_OK", box(106.0, 26.0, 106.01, 26.01));
    a.planar_area_m2 = 1000.0;
    a.area_m2 = 2000.0;  // ellipsoidal differs, but ZDMJ is planar
    a.declared_area_m2 = 1040.0;
    a.declared_area_kind = "planar";
    auto b = a;
    b.code = "PLANAR_BAD";
    b.declared_area_m2 = 1060.0;
    auto c = a;
    c.code = "TBMJ_BAD";
    c.declared_area_kind = "ellipsoidal";
    c.declared_area_m2 = 1000.0;  // vs 2000 ellipsoidal
    auto d = a;
    d.code = "NONE";
    d.declared_area_m2.reset();
    std::vector<Problem> out;
    check::check_declared_areas({a, b, c, d}, out);
    EXPECT_EQ(ids_of(out, "declared_area_mismatch"), (std::vector<std::string>{"PLANAR_BAD", "TBMJ_BAD"}));
}

namespace pa::check {
namespace {

TEST(Checks, SupplementaryAgreementsOverAYearOrWithoutCauseAreFlagged) {
    auto with = [](const char* code, const char* agreed, const char* moved, const char* cause) {
        Parcel p = test::parcel(1, code, test::square(106.6, 26.6, 0.001));
        p.contract_start_date = agreed;
        p.supplement_start_date = moved;
        p.exempt_reason = cause;
        return p;
    };
    std::vector<Problem> out;
    check_supplements({with("OK", "2022-01-10", "2023-01-10", "政府原因"),    // exactly a year, with a cause
                       with("LONG", "2022-01-10", "2023-01-11", "不可抗力"),  // a day over a year
                       with("NOCAUSE", "2022-01-10", "2022-06-01", ""),       // short, but no cause
                       with("NONE", "2022-01-10", "", "")},                   // no supplementary agreement
                      out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].id, "LONG");
    EXPECT_EQ(out[0].kind, "supplement_extension");
    EXPECT_NE(out[0].message_en.find("more than a year"), std::string::npos);
    EXPECT_EQ(out[1].id, "NOCAUSE");
    EXPECT_NE(out[1].message_en.find("no government or force-majeure cause"), std::string::npos);
}

}  // namespace
}  // namespace pa::check
