#include "core/common/cache_dir.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace pa {

std::filesystem::path user_cache_dir() {
    namespace fs = std::filesystem;
    fs::path base;
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
        base = x;
    else if (const char* h = std::getenv("HOME"); h && *h)
        base = fs::path(h) / ".cache";
    else
        base = fs::temp_directory_path();
    return base / "parkatlas";
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
