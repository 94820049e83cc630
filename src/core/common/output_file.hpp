#pragma once
// Every output ParkAtlas writes (tables, GeoPackages, XLSX, PNG) goes through here, so that a failed, killed
// or disk-full write never leaves a half file and never destroys the previous one:
//   - the writer writes to a temporary file beside the target (same folder, so the rename is atomic);
//   - commit() checks the bytes reached the disk (fsync) and renames the temporary file over the target;
//   - a writer that throws (or a process that dies) leaves the target as it was; the temporary file is
//   removed by
//     the destructor (a killed process leaves a hidden ".STEM.part-PID-N.EXT" file, never a half target).
// Targets that exist and are not regular files (/dev/stdout, a pipe) are written in place, every write
// checked. A target that is a directory is refused, as is one that is the same file as a path the caller
// protects (the workspace, an input).
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pa {

/// Throws InputError naming `target` when it is a directory, or the same file as one of `protected_paths`
/// (compared by device and inode, so another spelling of the same path is caught too).
void check_output_path(const std::string& target, const std::vector<std::string>& protected_paths = {});

class OutputFile {
  public:
    /// Checks the target (check_output_path) and picks the temporary path. Creates nothing yet.
    explicit OutputFile(std::string target, const std::vector<std::string>& protected_paths = {});
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    /// Where the writer writes: a temporary file beside the target with the target's extension (GDAL drivers
    /// look at it), or the target itself when that is not a regular file.
    const std::string& path() const { return write_path_; }
    const std::string& target() const { return target_; }

    /// Makes the written file the target: fsync, then rename over it. Throws InputError naming the target
    /// when the file is missing, empty (`allow_empty` false) or cannot be synced or renamed; the target is
    /// then unchanged.
    void commit(bool allow_empty = false);

  private:
    std::string target_, write_path_;
    std::string final_path_;      // the target with links resolved: what the rename replaces
    std::optional<mode_t> mode_;  // the previous file's permissions, kept
    bool in_place_ = false, committed_ = false;
};

/// Writes `bytes` to `target` through an OutputFile; every write and the close are checked.
void write_output_bytes(const std::string& target, std::string_view bytes,
                        const std::vector<std::string>& protected_paths = {});

}  // namespace pa
