// The workspace's meeting-room tables: the storyboard (every field round-trips, order kept, names unique) and
// the registered basemaps (replaced by name in place, removed by name with the reference layers).
#include <gtest/gtest.h>

#include "core/common/error.hpp"
#include "core/store/workspace.hpp"
#include "support/scratch.hpp"

using namespace pa;

namespace {

StoryView sample_view(const std::string& name) {
    StoryView v;
    v.name = name;
    v.title = "贵阳经开区 · " + name;
    v.subtitle = "2022年6月";
    v.center_lon = 106.695;
    v.center_lat = 26.468;
    v.height_m = 6045.5;
    v.theme = "land_state";
    v.method = "quantile";
    v.classes = 7;
    v.breaks = {100, 300.5, 500};
    v.zone = "GY-ETDZ";
    v.industry = "电子信息";
    v.stage = "投产";
    v.enterprise_kind = "民企";
    v.supply_status = "supplied";
    v.as_of = "2022-06";
    v.zones = false;
    v.projects = false;
    v.labels = false;
    v.hidden_layers = {"主干道", "影像"};
    v.seconds = 8;
    return v;
}

}  // namespace

TEST(Storyboard, RoundTripsEveryFieldInOrder) {
    const std::string path = test::scratch_path("pa-context-tables", "pa_story_roundtrip.sqlite");
    {
        auto ws = store::Workspace::open_or_create(path);
        EXPECT_TRUE(ws.load_storyboard().empty());
        ws.save_storyboard({sample_view("b"), sample_view("a"), sample_view("c")});
    }
    auto ws = store::Workspace::open(path, true);
    const auto views = ws.load_storyboard();
    ASSERT_EQ(views.size(), 3u);
    EXPECT_EQ(views[0].name, "b");  // the sequence's order, not the names'
    EXPECT_EQ(views[1].name, "a");
    const auto& v = views[1];
    const auto w = sample_view("a");
    EXPECT_EQ(v.title, w.title);
    EXPECT_EQ(v.subtitle, w.subtitle);
    EXPECT_DOUBLE_EQ(v.center_lon, w.center_lon);
    EXPECT_DOUBLE_EQ(v.center_lat, w.center_lat);
    EXPECT_DOUBLE_EQ(v.height_m, w.height_m);
    EXPECT_EQ(v.theme, w.theme);
    EXPECT_EQ(v.method, w.method);
    EXPECT_EQ(v.classes, w.classes);
    EXPECT_EQ(v.breaks, w.breaks);
    EXPECT_EQ(v.zone, w.zone);
    EXPECT_EQ(v.industry, w.industry);
    EXPECT_EQ(v.stage, w.stage);
    EXPECT_EQ(v.enterprise_kind, w.enterprise_kind);
    EXPECT_EQ(v.supply_status, w.supply_status);
    EXPECT_EQ(v.as_of, w.as_of);
    EXPECT_FALSE(v.zones);
    EXPECT_TRUE(v.parcels);
    EXPECT_FALSE(v.projects);
    EXPECT_TRUE(v.outlines);
    EXPECT_FALSE(v.labels);
    EXPECT_EQ(v.hidden_layers, w.hidden_layers);
    EXPECT_DOUBLE_EQ(v.seconds, w.seconds);
}

TEST(Storyboard, SavingReplacesTheSequenceAndRefusesDuplicateNames) {
    const std::string path = test::scratch_path("pa-context-tables", "pa_story_replace.sqlite");
    auto ws = store::Workspace::open_or_create(path);
    ws.save_storyboard({sample_view("a"), sample_view("b")});
    ws.save_storyboard({sample_view("b")});
    ASSERT_EQ(ws.load_storyboard().size(), 1u);
    EXPECT_THROW(ws.save_storyboard({sample_view("x"), sample_view("x")}), InputError);
    EXPECT_THROW(ws.save_storyboard({sample_view("")}), InputError);
    ASSERT_EQ(ws.load_storyboard().size(), 1u);  // a refused save leaves the stored one
    EXPECT_EQ(ws.load_storyboard()[0].name, "b");
}

TEST(Basemaps, RegisteredByNameInPlaceAndRemoved) {
    const std::string path = test::scratch_path("pa-context-tables", "pa_basemaps.sqlite");
    auto ws = store::Workspace::open_or_create(path);
    Basemap a{"影像", "/data/ortho.tif", "", 0.8, false};
    Basemap b{"地形", "/data/hillshade.tif", "", 0.6, true};
    ws.register_basemap(a);
    ws.register_basemap(b);
    a.path = "/data/ortho-2024.tif";
    ws.register_basemap(a);  // replaced, keeps its place under 地形
    auto list = ws.load_basemaps();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].name, "影像");
    EXPECT_EQ(list[0].path, "/data/ortho-2024.tif");
    EXPECT_DOUBLE_EQ(list[0].opacity, 0.8);
    EXPECT_TRUE(list[1].grey);
    EXPECT_EQ(ws.remove_context_layer("影像"), 1);
    EXPECT_EQ(ws.remove_context_layer("影像"), 0);
    ASSERT_EQ(ws.load_basemaps().size(), 1u);
}
