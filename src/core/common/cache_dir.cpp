#include "core/common/cache_dir.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace pa {

namespace {
// $XDG_…_HOME/parkatlas, else ~/<dot_dir>/parkatlas; `fallback` without either.
std::filesystem::path xdg_dir(const char* xdg_var, const char* dot_dir,
                              const std::filesystem::path& fallback) {
    namespace fs = std::filesystem;
    if (const char* x = std::getenv(xdg_var); x && *x) return fs::path(x) / "parkatlas";
    if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / dot_dir / "parkatlas";
    return fallback;
}
}  // namespace

std::filesystem::path user_cache_dir() {
    return xdg_dir("XDG_CACHE_HOME", ".cache", std::filesystem::temp_directory_path() / "parkatlas");
}

std::filesystem::path user_config_dir() {
    return xdg_dir("XDG_CONFIG_HOME", ".config", {});
}

std::string cache_key(std::string_view text) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace pa
