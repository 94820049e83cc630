// output::VideoWriter: formats by extension, whole-or-nothing writes, the GIF palette keeps a map's colours.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/common/error.hpp"
#include "core/output/video.hpp"

namespace fs = std::filesystem;
using pa::output::VideoWriter;

namespace {

fs::path scratch(const char* name) {
    auto dir = fs::temp_directory_path() / ("pa_video_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir / name;
}

std::vector<unsigned char> solid(int w, int h, unsigned char r, unsigned char g, unsigned char b) {
    std::vector<unsigned char> px(size_t(w) * size_t(h) * 4);
    for (size_t i = 0; i < px.size(); i += 4) {
        px[i] = r;
        px[i + 1] = g;
        px[i + 2] = b;
        px[i + 3] = 255;
    }
    return px;
}

bool starts_with_bytes(const fs::path& p, const std::string& magic, size_t offset = 0) {
    std::ifstream in(p, std::ios::binary);
    std::string buf(offset + magic.size(), '\0');
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    return buf.substr(offset) == magic;
}

}  // namespace

TEST(VideoWriter, RefusesUnknownExtensionsNamingTheFormats) {
    try {
        VideoWriter v(scratch("x.avi").string(), 64, 64, 2.0);
        FAIL() << "an .avi was accepted";
    } catch (const pa::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("mp4"), std::string::npos) << e.what();
    }
    EXPECT_THROW(VideoWriter(scratch("x.mp4").string(), 64, 64, 0.0), pa::InputError);
    EXPECT_FALSE(fs::exists(scratch("x.avi")));
}

TEST(VideoWriter, WritesAnMp4WithEveryFrame) {
    const auto path = scratch("three.mp4");
    VideoWriter v(path.string(), 65, 49, 2.0);  // odd sizes are encoded at 64x48
    for (int i = 0; i < 3; ++i) v.add_frame(solid(65, 49, static_cast<unsigned char>(80 * i), 100, 200));
    v.finish();
    EXPECT_EQ(v.frame_count(), 3);
    ASSERT_TRUE(fs::exists(path));
    EXPECT_TRUE(starts_with_bytes(path, "ftyp", 4));  // an ISO media file
}

TEST(VideoWriter, WritesAGif) {
    const auto path = scratch("two.gif");
    VideoWriter v(path.string(), 32, 32, 4.0);
    v.add_frame(solid(32, 32, 255, 0, 255));
    v.add_frame(solid(32, 32, 0, 158, 115));
    v.finish();
    EXPECT_EQ(v.codec_name(), "gif");
    EXPECT_TRUE(starts_with_bytes(path, "GIF89a"));
}

TEST(VideoWriter, LeavesNoFileWithoutFinishOrFrames) {
    const auto path = scratch("none.mp4");
    {
        VideoWriter v(path.string(), 32, 32, 2.0);
        v.add_frame(solid(32, 32, 1, 2, 3));
    }  // dropped before finish(): an exception or a kill
    EXPECT_FALSE(fs::exists(path));
    {
        VideoWriter empty(path.string(), 32, 32, 2.0);
        EXPECT_THROW(empty.finish(), pa::InputError);
    }
    EXPECT_FALSE(fs::exists(path));
    // a leftover temporary file would show in the folder
    for (const auto& e : fs::directory_iterator(path.parent_path()))
        EXPECT_EQ(e.path().filename().string().find(".none.part"), std::string::npos) << e.path();
}
