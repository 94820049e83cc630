// output::write_pdf_map: a page in vector with its text as text; the numeric scale's rounding.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/output/pdf_map.hpp"

namespace fs = std::filesystem;
using namespace pa::output;

TEST(PdfMap, NumericScaleRoundsToThreeDigitsWithGrouping) {
    EXPECT_EQ(numeric_scale(52345.0), "1:52,300");
    EXPECT_EQ(numeric_scale(1000.0), "1:1,000");
    EXPECT_EQ(numeric_scale(987654321.0), "1:988,000,000");
    EXPECT_EQ(numeric_scale(0.0), "1:?");
}

TEST(PdfMap, WritesAnA3PageWithPathsAndText) {
    PdfMapPage pg;
    pg.paper = paper_size("A3", "landscape");
    pg.title = "测试地图";
    pg.note = "示意图";
    pg.source = "数据来源: test";
    pg.min_x = 0;
    pg.max_x = 1000;
    pg.min_y = 0;
    pg.max_y = 700;
    PdfShape sq;
    sq.rings = {{{100, 100}, {400, 100}, {400, 400}, {100, 400}}};
    sq.fill_rgba = 0x3B528BFFu;
    sq.stroke_rgba = 0xFFFFFFFFu;
    sq.stroke_pt = 0.5;
    pg.shapes.push_back(sq);
    pg.labels.push_back({{250, 250}, "贵阳经济技术开发区", 9});
    pg.legend_title = "投资强度";
    pg.legend.push_back({"< 300 万元/亩", 0x440154FFu, false, "10", "12069032"});
    const auto path = fs::temp_directory_path() / ("pa_pdf_map_" + std::to_string(::getpid()) + ".pdf");
    write_pdf_map(path.string(), pg);
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    fs::remove(path);
    ASSERT_GT(bytes.size(), 1000u);
    EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
    EXPECT_NE(bytes.find("/MediaBox [ 0 0 1190.55"), std::string::npos);  // A3 landscape, in points
    EXPECT_NE(bytes.find("/Font"), std::string::npos);                    // text as text, with its fonts
}
