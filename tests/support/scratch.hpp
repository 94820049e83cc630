#pragma once
// A scratch file path for a test, in a folder of its own under the system's temporary directory that is
// removed when the test binary exits (no pa-* folders left behind in /tmp), with any old copy of the file
// (and its SQLite -wal/-shm) removed first.
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

namespace pa::test {

inline std::string scratch_path(const std::string& tag, const std::string& name) {
    namespace fs = std::filesystem;
    struct Folders {
        std::map<std::string, fs::path> by_tag;
        ~Folders() {
            for (const auto& [tag, dir] : by_tag) {
                std::error_code ec;
                fs::remove_all(dir, ec);
            }
        }
    };
    static Folders folders;
    auto& dir = folders.by_tag[tag];
    if (dir.empty()) {
        dir = fs::temp_directory_path() / (tag + "-" + std::to_string(::getpid()));
        fs::create_directories(dir);
    }
    const std::string path = (dir / name).string();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix);
    return path;
}

}  // namespace pa::test
