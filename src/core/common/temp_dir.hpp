#pragma once
// A private temporary folder (mkdtemp under $TMPDIR or /tmp), removed with everything in it when the owner
// goes.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/error.hpp"

namespace pa {

class TempDir {
  public:
    explicit TempDir(const std::string& prefix = "parkatlas") {
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base && *base ? base : "/tmp") + "/" + prefix + "-XXXXXX";
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        if (!mkdtemp(buf.data()))
            throw InputError("Cannot create a temporary folder under '" +
                             std::string(base && *base ? base : "/tmp") +
                             "' (set TMPDIR to a writable folder with free space).");
        path_ = buf.data();
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

}  // namespace pa
