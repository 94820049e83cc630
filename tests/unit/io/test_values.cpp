#include <gtest/gtest.h>

#include "core/io/landuse.hpp"
#include "core/io/sources.hpp"
#include "core/io/values.hpp"

using namespace pa::io;

TEST(IoValues, NormaliseCodeFullWidthTrimCase) {
    // Full-width digits and letters, ideographic spaces around, lower case.
    EXPECT_EQ(normalise_code("\xE3\x80\x80５２０１１１００３００１ｇｂ００００１ "), "520111003001GB00001");
    EXPECT_EQ(normalise_code("  520111003001gb00001\t"), "520111003001GB00001");
    EXPECT_EQ(normalise_code("宗地Ａ－1"), "宗地A-1");
    EXPECT_EQ(normalise_code(""), "");
}

TEST(IoValues, Numbers) {
    EXPECT_DOUBLE_EQ(*parse_number("1,234.5"), 1234.5);
    EXPECT_DOUBLE_EQ(*parse_number(" １２３ "), 123.0);
    EXPECT_DOUBLE_EQ(*parse_number("-7.25"), -7.25);
    EXPECT_FALSE(parse_number(""));
    EXPECT_FALSE(parse_number("  "));
    bool bad = false;
    EXPECT_FALSE(parse_number("abc", &bad));
    EXPECT_TRUE(bad);
    EXPECT_FALSE(parse_number("-", &bad));
    EXPECT_FALSE(bad);
}

TEST(IoValues, Dates) {
    EXPECT_EQ(parse_date("2021-03-05"), "2021-03-05");
    EXPECT_EQ(parse_date("2021/3/5"), "2021-03-05");
    EXPECT_EQ(parse_date("2021.03.05"), "2021-03-05");
    EXPECT_EQ(parse_date("2021年3月5日"), "2021-03-05");
    EXPECT_EQ(parse_date("20210305"), "2021-03-05");
    EXPECT_EQ(parse_date("2021-03-05 00:00:00"), "2021-03-05");
    EXPECT_EQ(parse_date("44260"), "2021-03-05");  // Excel serial
    EXPECT_EQ(date_from_excel_serial(1), "1900-01-01");
    EXPECT_EQ(date_from_excel_serial(61), "1900-03-01");
    bool bad = false;
    EXPECT_EQ(parse_date("2021-02-30", &bad), "");
    EXPECT_TRUE(bad);
    EXPECT_EQ(parse_date("", &bad), "");
    EXPECT_FALSE(bad);
}

TEST(IoValues, FlagsAndUtf8) {
    EXPECT_EQ(parse_flag("是"), true);
    EXPECT_EQ(parse_flag("否"), false);
    EXPECT_EQ(parse_flag("Y"), true);
    EXPECT_EQ(parse_flag("false"), false);
    EXPECT_FALSE(parse_flag(""));
    EXPECT_TRUE(is_valid_utf8("贵安新区"));
    EXPECT_FALSE(is_valid_utf8("\xB9\xF3\xB0\xB2"));  // 贵安 in GBK
    EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong
}

TEST(IoLandUse, ThreeSchemes) {
    using pa::LandUse;
    // GB/T 21010-2017
    EXPECT_EQ(classify_landuse("0601", LandUseScheme::Gbt21010), LandUse::Industrial);
    EXPECT_EQ(classify_landuse("0602", LandUseScheme::Gbt21010), LandUse::Mining);
    EXPECT_EQ(classify_landuse("0604", LandUseScheme::Gbt21010), LandUse::Storage);
    EXPECT_EQ(classify_landuse("0503", LandUseScheme::Gbt21010), LandUse::Commercial);
    EXPECT_EQ(classify_landuse("0701", LandUseScheme::Gbt21010), LandUse::Residential);
    EXPECT_EQ(classify_landuse("0810", LandUseScheme::Gbt21010), LandUse::Green);
    EXPECT_EQ(classify_landuse("0805", LandUseScheme::Gbt21010), LandUse::Public);
    EXPECT_EQ(classify_landuse("1001", LandUseScheme::Gbt21010), LandUse::Transport);  // railway in GB/T
    // third survey working codes
    EXPECT_EQ(classify_landuse("0508", LandUseScheme::Gbt21010), LandUse::Storage);
    EXPECT_EQ(classify_landuse("05h1", LandUseScheme::Gbt21010), LandUse::Commercial);
    // 用地用海
    EXPECT_EQ(classify_landuse("1001", LandUseScheme::Ydyh2020), LandUse::Industrial);
    EXPECT_EQ(classify_landuse("1002", LandUseScheme::Ydyh2020), LandUse::Mining);
    EXPECT_EQ(classify_landuse("1101", LandUseScheme::Ydyh2020), LandUse::Storage);
    EXPECT_EQ(classify_landuse("1102", LandUseScheme::Ydyh2020), LandUse::Storage);
    EXPECT_EQ(classify_landuse("0901", LandUseScheme::Ydyh2020), LandUse::Commercial);
    EXPECT_EQ(classify_landuse("0701", LandUseScheme::Ydyh2020), LandUse::Residential);
    EXPECT_EQ(classify_landuse("1401", LandUseScheme::Ydyh2020), LandUse::Green);
    EXPECT_EQ(classify_landuse("1207", LandUseScheme::Ydyh2020), LandUse::Transport);
    EXPECT_EQ(classify_landuse("100101", LandUseScheme::Ydyh2020), LandUse::Industrial);
    EXPECT_EQ(classify_landuse("", LandUseScheme::Ydyh2020), LandUse::Other);
    // scheme detection from the codes of a neutral field
    EXPECT_EQ(detect_scheme({"1001", "1101", "0901", "1401"}), LandUseScheme::Ydyh2020);
    EXPECT_EQ(detect_scheme({"0601", "0604", "05H1", "0810"}), LandUseScheme::Gbt21010);
    EXPECT_EQ(classify_landuse_name("公园绿地"), LandUse::Green);
    EXPECT_EQ(classify_landuse_name("工业用地"), LandUse::Industrial);
}

TEST(Values, ChineseMultipliersAndNonFiniteNumbers) {
    using pa::io::parse_amount_wan;
    using pa::io::parse_number;
    bool bad = false;
    EXPECT_EQ(parse_number("1.2万", &bad), 12000.0);
    EXPECT_FALSE(bad);
    EXPECT_EQ(parse_number("3亿"), 3e8);
    EXPECT_EQ(parse_number("１２"), 12.0);  // full-width digits
    for (const char* s : {"inf", "-inf", "nan", "1e999", "0x1p3", "abc", "12万x"}) {
        EXPECT_FALSE(parse_number(s, &bad).has_value()) << s;
        EXPECT_TRUE(bad) << s;
    }
    EXPECT_EQ(parse_amount_wan("12万", &bad), 12.0);
    EXPECT_EQ(parse_amount_wan("12万元"), 12.0);
    EXPECT_EQ(parse_amount_wan("1.5亿"), 15000.0);
    EXPECT_EQ(parse_amount_wan("1,234.5"), 1234.5);
    EXPECT_FALSE(parse_amount_wan("50000元", &bad).has_value());  // yuan in a 万元 column: ambiguous
    EXPECT_TRUE(bad);
    EXPECT_FALSE(parse_amount_wan("", &bad).has_value());
    EXPECT_FALSE(bad);
}

TEST(Values, InvalidUtf8IsRepairedNotKept) {
    const std::string cut = std::string("金").substr(0, 2) + "阳";
    EXPECT_FALSE(pa::io::is_valid_utf8(cut));
    const std::string fixed = pa::io::repair_utf8(cut);
    EXPECT_TRUE(pa::io::is_valid_utf8(fixed));
    EXPECT_EQ(fixed, "\xEF\xBF\xBD\xEF\xBF\xBD阳");
    EXPECT_EQ(pa::io::repair_utf8("贵阳 ok"), "贵阳 ok");
}
