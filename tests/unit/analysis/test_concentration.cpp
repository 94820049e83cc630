// Location quotient, shares, Herfindahl indices and the Clark-Evans nearest-neighbour index against
// hand-computed tables (the numbers in the comments were worked out by hand, see docs/clustering.md).
#include <gtest/gtest.h>

#include <cmath>

#include "core/analysis/concentration.hpp"
#include "core/common/error.hpp"

using namespace pa;
using namespace pa::analysis;

namespace {
const ZoneIndustryCell& cell(const ConcentrationResult& r, const std::string& z, const std::string& i) {
    for (const auto& c : r.cells)
        if (c.zone == z && c.industry == i) return c;
    throw std::runtime_error("no cell " + z + "/" + i);
}
}  // namespace

TEST(Concentration, LocationQuotientSharesAndHerfindahl) {
    // Zone A: X 60 (two projects 20 + 40), Y 40; zone B: X 20, Y 80; one project of Y (50) in no zone.
    // City V = 250, v(X) = 80, v(Y) = 170, v(A) = 100, v(B) = 100.
    std::vector<ConcentrationInput> in = {{"A", "X", 20.0, {}}, {"A", "X", 40.0, {}}, {"A", "Y", 40.0, {}},
                                          {"B", "X", 20.0, {}}, {"B", "Y", 80.0, {}}, {"", "Y", 50.0, {}}};
    auto r = concentration(in, ConcentrationBy::Invest, StudyArea::Hull);
    EXPECT_DOUBLE_EQ(r.city_total, 250.0);
    ASSERT_EQ(r.cells.size(), 4u);
    // LQ(A,X) = (60/100) / (80/250) = 1.875; LQ(A,Y) = 0.4 / 0.68 = 0.588235…; LQ(B,X) = 0.2 / 0.32 = 0.625;
    // LQ(B,Y) = 0.8 / 0.68 = 1.176470…
    EXPECT_NEAR(*cell(r, "A", "X").lq, 1.875, 1e-12);
    EXPECT_NEAR(*cell(r, "A", "Y").lq, 0.4 / 0.68, 1e-12);
    EXPECT_NEAR(*cell(r, "B", "X").lq, 0.625, 1e-12);
    EXPECT_NEAR(*cell(r, "B", "Y").lq, 0.8 / 0.68, 1e-12);
    EXPECT_EQ(cell(r, "A", "X").projects, 2);
    // Shares of the industry's city total: X: 60/80 = 0.75, 20/80 = 0.25; Y: 40/170, 80/170 (50/170 in no
    // zone).
    EXPECT_DOUBLE_EQ(cell(r, "A", "X").share_of_industry, 0.75);
    EXPECT_DOUBLE_EQ(cell(r, "B", "Y").share_of_industry, 80.0 / 170.0);
    EXPECT_DOUBLE_EQ(cell(r, "A", "Y").share_of_zone, 0.4);
    // HHI(X) = 0.75² + 0.25² = 0.625; HHI(Y) = (40/170)² + (80/170)² = 8000/28900 = 0.276816…
    ASSERT_EQ(r.industries.size(), 2u);
    EXPECT_NEAR(r.industries[0].hhi_zones, 0.625, 1e-12);
    EXPECT_NEAR(r.industries[1].hhi_zones, 8000.0 / 28900.0, 1e-12);
    EXPECT_EQ(r.industries[1].projects, 3);
    // HHI(A) = 0.6² + 0.4² = 0.52; HHI(B) = 0.2² + 0.8² = 0.68.
    ASSERT_EQ(r.zones.size(), 2u);
    EXPECT_NEAR(r.zones[0].hhi_industries, 0.52, 1e-12);
    EXPECT_NEAR(r.zones[1].hhi_industries, 0.68, 1e-12);
    EXPECT_FALSE(r.industries[0].nni.has_value());  // no positions
}

TEST(Concentration, NearestNeighbourIndexHandTable) {
    // 4 points on the corners of a 100 m square: every NN distance is 100 m, A = 10 000 m², n = 4.
    // expected = 0.5 √(10000/4) = 25 m; R = 4; SE = 0.26136 × 100 / 4 = 6.534; z = 75 / 6.534 = 11.4784…
    std::vector<XY> sq = {{0, 0}, {100, 0}, {100, 100}, {0, 100}};
    auto n = nearest_neighbour_index(sq, 10000.0);
    EXPECT_DOUBLE_EQ(n.mean_nn_m, 100.0);
    EXPECT_DOUBLE_EQ(n.expected_nn_m, 25.0);
    EXPECT_DOUBLE_EQ(n.r, 4.0);
    EXPECT_NEAR(n.z, 75.0 / 6.534, 1e-9);
    // Clustered: two tight pairs (1 m apart) far apart in a 1 km² area: mean NN 1 m, expected 0.5 √(1e6/4) =
    // 250 m, R = 0.004, SE = 0.26136 × 1000 / 4 = 65.34, z = (1 − 250) / 65.34 = −3.8108…
    std::vector<XY> cl = {{0, 0}, {1, 0}, {900, 900}, {900, 901}};
    auto c = nearest_neighbour_index(cl, 1e6);
    EXPECT_DOUBLE_EQ(c.mean_nn_m, 1.0);
    EXPECT_NEAR(c.r, 0.004, 1e-12);
    EXPECT_NEAR(c.z, -249.0 / 65.34, 1e-9);
    EXPECT_THROW(nearest_neighbour_index(std::vector<XY>{{0, 0}}, 1.0), InputError);
    EXPECT_THROW(nearest_neighbour_index(sq, 0.0), InputError);
}

TEST(Concentration, ConvexHullAreaAndStudyArea) {
    std::vector<XY> p = {{0, 0}, {100, 0}, {100, 50}, {0, 50}, {50, 25}, {20, 10}};
    EXPECT_DOUBLE_EQ(convex_hull_area_m2(p), 5000.0);
    EXPECT_DOUBLE_EQ(convex_hull_area_m2(std::vector<XY>{{0, 0}, {1, 1}, {2, 2}}), 0.0);
    // NNI through concentration(): positions 0.001° apart; study area = the hull of all located points, or
    // zones.
    std::vector<ConcentrationInput> in;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            in.push_back({"A", i == 0 ? "X" : "Y", 1.0, LonLat{106.5 + 0.001 * i, 26.5 + 0.001 * j}});
    auto r = concentration(in, ConcentrationBy::Count, StudyArea::Hull);
    // Hull: 0.002° lon × 0.002° lat ≈ 199.2 m × 221.5 m.
    EXPECT_NEAR(r.study_area_m2, 199.2 * 221.5, 0.01 * 199.2 * 221.5);
    ASSERT_TRUE(r.industries[0].nni.has_value());
    EXPECT_EQ(r.industries[0].nni->n, 3u);
    EXPECT_NEAR(r.industries[0].nni->mean_nn_m, 110.8, 0.5);  // 0.001° of latitude
    auto rz = concentration(in, ConcentrationBy::Count, StudyArea::Zones, 1e6);
    EXPECT_DOUBLE_EQ(rz.study_area_m2, 1e6);
    EXPECT_NEAR(rz.industries[0].nni->expected_nn_m, 0.5 * std::sqrt(1e6 / 3.0), 1e-9);
}
