// A process that dies inside an import leaves a hot rollback journal; a read-only open must still see the
// previous content (regression: `report` right after a killed import said "not a ParkAtlas workspace").
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <filesystem>

#include "core/store/workspace.hpp"

namespace fs = std::filesystem;

TEST(WorkspaceHotJournal, ReadOnlyOpenAfterAProcessDiedMidTransaction) {
    const fs::path p = fs::temp_directory_path() / "pa_test_hot_journal.sqlite";
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(p.string() + suffix);
    {
        auto ws = pa::store::Workspace::open_or_create(p.string());
        ws.set_meta("marker", "before");
    }
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The child writes in rollback-journal mode, as the bulk import does, and dies before COMMIT.
        pa::store::Db db(p.string(), pa::store::Db::Mode::ReadWrite, false);
        db.exec("PRAGMA journal_mode=DELETE");
        db.exec("BEGIN IMMEDIATE");
        db.exec("UPDATE meta SET value='after' WHERE key='marker'");
        db.exec("CREATE TABLE junk(x)");
        db.exec("PRAGMA cache_size=1");  // push the dirty pages out to the file
        db.exec(
            "INSERT INTO junk SELECT zeroblob(4096) FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT "
            "i+1 "
            "FROM c WHERE i < 2000) SELECT i FROM c)");
        _exit(9);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 9);
    ASSERT_TRUE(fs::exists(p.string() + "-journal"))
        << "the child left no hot journal; the test proves nothing";
    auto ws = pa::store::Workspace::open(p.string(), true);
    EXPECT_EQ(ws.meta("marker"), "before");
    EXPECT_EQ(ws.meta("application"), "parkatlas");
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(p.string() + suffix);
}
