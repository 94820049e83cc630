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
        const std::string under = base();
        std::string tmpl = under;
        tmpl.append("/").append(prefix).append("-XXXXXX");
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        if (!mkdtemp(buf.data()))
            throw InputError("Cannot create a temporary folder under '" + under +
                             "' (set TMPDIR to a writable folder with free space).");
        path_ = buf.data();
    }
    /// Where temporary folders go: $TMPDIR, else /tmp.
    static std::string base() {
        const char* t = std::getenv("TMPDIR");
        return t && *t ? t : "/tmp";
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
