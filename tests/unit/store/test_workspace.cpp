#include <gtest/gtest.h>

#include <filesystem>

#include "core/common/error.hpp"
#include "core/store/workspace.hpp"

namespace fs = std::filesystem;

TEST(Workspace, CreatesSchemaAndReopens) {
    fs::path p = fs::temp_directory_path() / "pa_test_ws_create.sqlite";
    fs::remove(p);
    {
        auto ws = pa::store::Workspace::open_or_create(p.string());
        EXPECT_EQ(ws.meta("schema_version"), std::to_string(pa::store::kSchemaVersion));
        EXPECT_TRUE(ws.load_zones().empty());
    }
    auto ws = pa::store::Workspace::open(p.string(), true);
    EXPECT_EQ(ws.meta("application"), "parkatlas");
    fs::remove(p);
}

TEST(Workspace, MissingFileIsAWorkspaceError) {
    EXPECT_THROW(pa::store::Workspace::open("/nonexistent/dir/ws.sqlite"), pa::WorkspaceError);
}
