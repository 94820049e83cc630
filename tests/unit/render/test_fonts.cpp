// GlyphSet: the characters a font atlas must hold, collected from many strings.
#include <gtest/gtest.h>

#include "render/fonts.hpp"

using pa::render::GlyphSet;

TEST(GlyphSet, CollectsEachNonAsciiCharacterOnceInCodepointOrder) {
    GlyphSet g;
    g.add("贵安新区 GA-001");
    g.add("贵阳综合保税区");
    g.add("26.5° × 3");  // two-byte UTF-8 (° U+00B0, × U+00D7)
    g.add("plain ascii");
    g.add("emoji \xF0\x9F\x98\x80 skipped");  // outside the BMP: ImWchar is 16-bit
    g.add("\xE8\xB4");                        // a truncated sequence: skipped, no crash
    EXPECT_EQ(g.size(), 11u);  // 贵 安 新 区 阳 综 合 保 税 (贵 and 区 twice) + ° ×
    const std::string s = g.to_utf8();
    EXPECT_EQ(s, "°×保区合安新税综贵阳");
}
