#include "core/common/config_file.hpp"

#include <cstdlib>
#include <filesystem>

namespace pa {

std::string find_config_file(const std::string& file, const std::vector<std::string>& fallback_dirs) {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("PARKATLAS_CONFIG_DIR"); env && *env)
        return (fs::path(env) / file).string();
    std::vector<fs::path> candidates{fs::path("config") / file};
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back(exe.parent_path() / "config" / file);
        candidates.push_back(exe.parent_path() / ".." / "share" / "parkatlas" / "config" / file);
    }
    for (const auto& d : fallback_dirs) candidates.push_back(fs::path(d) / file);
    for (const auto& c : candidates)
        if (fs::is_regular_file(c, ec)) return c.string();
    return candidates.front().string();
}

}  // namespace pa
