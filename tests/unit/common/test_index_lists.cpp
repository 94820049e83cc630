// IndexLists: per key, its values in the order of the pairs; keys without values are empty.
#include <gtest/gtest.h>

#include <vector>

#include "core/common/index_lists.hpp"

TEST(IndexLists, ListsPerKeyInPairOrder) {
    const auto l = pa::IndexLists::from_pairs(5, {{3, 30}, {0, 1}, {3, 31}, {9, 99}, {0, 2}, {3, 32}});
    ASSERT_EQ(l.size(), 5u);
    EXPECT_EQ(std::vector<int>(l[0].begin(), l[0].end()), (std::vector<int>{1, 2}));
    EXPECT_TRUE(l[1].empty());
    EXPECT_TRUE(l[2].empty());
    EXPECT_EQ(std::vector<int>(l[3].begin(), l[3].end()), (std::vector<int>{30, 31, 32}));
    EXPECT_TRUE(l[4].empty()) << "a key out of range (9) is dropped";
    EXPECT_EQ(l, pa::IndexLists::from_pairs(5, {{0, 1}, {0, 2}, {3, 30}, {3, 31}, {3, 32}}));
    EXPECT_NE(l, pa::IndexLists::from_pairs(5, {{0, 2}, {0, 1}, {3, 30}, {3, 31}, {3, 32}}));
    EXPECT_TRUE(pa::IndexLists{}.empty());
    EXPECT_EQ(pa::IndexLists::from_pairs(0, {}).size(), 0u);
}
