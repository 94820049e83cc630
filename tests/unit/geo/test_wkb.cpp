#include <gtest/gtest.h>

#include "core/geo/wkb.hpp"

TEST(Wkb, MultiPolygonRoundTrip) {
    pa::MultiPolygon mp{{{{106.0, 26.0}, {106.1, 26.0}, {106.1, 26.1}, {106.0, 26.0}}}};
    auto wkb = pa::geo::wkb_from_multipolygon(mp);
    auto back = pa::geo::multipolygon_from_wkb(wkb);
    ASSERT_EQ(back.size(), 1u);
    ASSERT_EQ(back[0].size(), 1u);
    ASSERT_EQ(back[0][0].size(), 4u);
    EXPECT_DOUBLE_EQ(back[0][0][1].lon, 106.1);
    EXPECT_DOUBLE_EQ(back[0][0][2].lat, 26.1);
}

TEST(Wkb, RejectsTruncated) {
    pa::MultiPolygon mp{{{{1, 2}, {3, 4}, {5, 6}, {1, 2}}}};
    auto wkb = pa::geo::wkb_from_multipolygon(mp);
    EXPECT_THROW(pa::geo::multipolygon_from_wkb(wkb.substr(0, wkb.size() - 3)), std::runtime_error);
}
