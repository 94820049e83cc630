#include <gtest/gtest.h>

#include <algorithm>

#include "core/check/join.hpp"
#include "support/fixtures.hpp"

using namespace pa;
using pa::test::box;
using pa::test::parcel;
using pa::test::project;

using pa::test::ids_of;

TEST(Join, SplitsOnAllSeparators) {
    auto v = check::split_parcel_codes(" A;B；C,D，E、F G\u3000H ");
    EXPECT_EQ(v, (std::vector<std::string>{"A", "B", "C", "D", "E", "F", "G", "H"}));
    EXPECT_TRUE(check::split_parcel_codes("  ").empty());
}

TEST(Join, ExactNormalisedUnmatchedAmbiguousAndUnplaced) {
    std::vector<Parcel> ps{parcel(1, "520111003001GB00001", box(106.0, 26.0, 106.01, 26.01)),
                           parcel(2, "520111003001GB00002", box(106.01, 26.0, 106.02, 26.01)),
                           parcel(3, "DUP", box(106.02, 26.0, 106.03, 26.01)),
                           parcel(4, "DUP", box(106.03, 26.0, 106.04, 26.01))};
    std::vector<Project> js{project(1, "P-EXACT", "520111003001GB00001"),
                            project(2, "P-NORM", " 520111003001gb00002"),
                            project(3, "P-NONE", "520111003001GB09999"),
                            project(4, "P-AMB", "DUP"),
                            project(5, "P-BLANK", ""),
                            project(6, "P-TWO", "520111003001GB00001；520111003001GB00002")};
    auto r = check::join_ledger(js, ps);
    EXPECT_EQ(ids_of(r.problems, "normalised_match"), std::vector<std::string>{"P-NORM"});
    EXPECT_EQ(ids_of(r.problems, "unmatched_parcel_code"), std::vector<std::string>{"P-NONE"});
    EXPECT_EQ(ids_of(r.problems, "ambiguous_parcel"), std::vector<std::string>{"P-AMB"});
    EXPECT_EQ(ids_of(r.problems, "unplaced_project"), std::vector<std::string>{"P-BLANK"});
    for (const auto& p : r.problems) {
        if (p.kind == "unplaced_project") {
            EXPECT_EQ(p.severity, Severity::Info);
        }
    }
    auto links_of = [&](int64_t pid) {
        std::vector<std::pair<int64_t, std::string>> v;
        for (const auto& l : r.links)
            if (l.project_rowid == pid) v.push_back({l.parcel_id, l.match});
        std::sort(v.begin(), v.end());
        return v;
    };
    EXPECT_EQ(links_of(1), (std::vector<std::pair<int64_t, std::string>>{{1, "exact"}}));
    EXPECT_EQ(links_of(2), (std::vector<std::pair<int64_t, std::string>>{{2, "normalised"}}));
    EXPECT_TRUE(links_of(3).empty());
    EXPECT_EQ(links_of(4), (std::vector<std::pair<int64_t, std::string>>{{3, "exact"}, {4, "exact"}}));
    EXPECT_EQ(links_of(6), (std::vector<std::pair<int64_t, std::string>>{{1, "exact"}, {2, "exact"}}));
    // Points: the first linked parcel's inside point; none for the unplaced project.
    ASSERT_TRUE(r.points[0]);
    EXPECT_NEAR(r.points[0]->lon, ps[0].centroid_lon, 1e-12);
    EXPECT_FALSE(r.points[4]);
}

TEST(Join, DuplicateIdsMissingFiguresAndLedgerAreaPerGroup) {
    std::vector<Parcel> ps{parcel(1, "A", box(106.0, 26.0, 106.01, 26.01)),
                           parcel(2, "B", box(106.01, 26.0, 106.02, 26.01)),
                           parcel(3, "C", box(106.02, 26.0, 106.03, 26.01))};
    std::vector<Project> js{project(1, "X1", "A"), project(2, "X2", "A"), project(3, "X3", "B"),
                            project(4, "X3", "C")};
    // Group {X1, X2, A}: ledger split between the two projects, total right.
    js[0].land_area_mu = ps[0].area_mu * 0.6;
    js[1].land_area_mu = ps[0].area_mu * 0.4;
    // X3 on B: 20% off; the second X3 row on C: right.
    js[2].land_area_mu = ps[1].area_mu * 1.2;
    js[3].land_area_mu = ps[2].area_mu;
    js[3].fixed_invest_wan.reset();
    auto r = check::join_ledger(js, ps);
    EXPECT_EQ(ids_of(r.problems, "duplicate_project_id"), std::vector<std::string>{"X3"});
    EXPECT_EQ(ids_of(r.problems, "missing_figure"), std::vector<std::string>{"X3"});
    EXPECT_EQ(ids_of(r.problems, "ledger_area_mismatch"), std::vector<std::string>{"X3"});
    EXPECT_EQ(r.links.size(), 4u);  // both rows of the duplicated id kept
}

TEST(Join, LocationJoinForCoordinatesWithoutCode) {
    std::vector<Parcel> ps{parcel(1, "A", box(106.0, 26.0, 106.01, 26.01)),
                           parcel(2, "B", box(106.01, 26.0, 106.02, 26.01))};
    auto in_b = project(1, "L1", "");
    in_b.lon = 106.015;
    in_b.lat = 26.005;
    auto outside = project(2, "L2", "");
    outside.lon = 106.5;
    outside.lat = 26.5;
    auto r = check::join_ledger({in_b, outside}, ps);
    ASSERT_EQ(r.links.size(), 1u);
    EXPECT_EQ(r.links[0].parcel_id, 2);
    EXPECT_EQ(r.links[0].match, "location");
    EXPECT_EQ(ids_of(r.problems, "unmatched_location"), std::vector<std::string>{"L2"});
    ASSERT_TRUE(r.points[0]);
    EXPECT_DOUBLE_EQ(r.points[0]->lon, 106.015);
}
