#include "core/common/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/common/error.hpp"

namespace pa {

namespace {

std::string errno_text(int e) {
    return std::strerror(e);
}

/// Closes a file descriptor on scope exit.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    int release() {
        int f = fd;
        fd = -1;
        return f;
    }
};

std::string temp_beside(const std::string& target) {
    namespace fs = std::filesystem;
    static std::atomic<unsigned> counter{0};
    const fs::path t(target);
    // The stem without dots: GDAL's /vsizip/ (XLSX is a zip) cuts a path at the first ".xlsx" or ".zip" in
    // it.
    std::string stem = t.stem().string();
    for (char& c : stem)
        if (c == '.') c = '_';
    const std::string ext = t.extension().string();
    const std::string tmp =
        "." + stem + ".part-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ext;
    return (t.parent_path() / tmp).string();
}

}  // namespace

void check_output_path(const std::string& target, const std::vector<std::string>& protected_paths) {
    if (target.empty()) throw InputError("The output path is empty; give a file name.");
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0) {
        if (errno == ENOENT) {
            const std::filesystem::path parent = std::filesystem::path(target).parent_path();
            struct stat ps {};
            if (!parent.empty() && ::stat(parent.c_str(), &ps) != 0)
                throw InputError("The output file '" + target + "' cannot be written: its folder '" +
                                 parent.string() + "' does not exist; create it first.");
            if (!parent.empty() && !S_ISDIR(ps.st_mode))
                throw InputError("The output file '" + target + "' cannot be written: '" + parent.string() +
                                 "' is not a folder.");
        }
        return;  // a new file: nothing to protect
    }
    if (S_ISDIR(st.st_mode))
        throw InputError("The output path '" + target + "' is a directory; give a file name (e.g. '" +
                         target + "/out" + std::filesystem::path(target).extension().string() + "').");
    for (const auto& p : protected_paths) {
        struct stat ps {};
        if (p.empty() || ::stat(p.c_str(), &ps) != 0) continue;
        if (ps.st_dev == st.st_dev && ps.st_ino == st.st_ino)
            throw InputError(
                "The output path '" + target + "' is the same file as '" + p +
                "', which this command reads; writing there would destroy it: give another file name.");
    }
}

namespace {

/// Devices and process files (/dev/stdout, /proc/self/fd/1 …) are written where they are: a temporary file
/// beside them would land in /dev, and renaming over /dev/stdout would replace the link, not write the
/// output.
bool is_special_path(const std::string& p) {
    return p.rfind("/dev/", 0) == 0 || p.rfind("/proc/", 0) == 0;
}

}  // namespace

OutputFile::OutputFile(std::string target, const std::vector<std::string>& protected_paths)
    : target_(std::move(target)) {
    check_output_path(target_, protected_paths);
    struct stat st {};
    const bool exists = ::stat(target_.c_str(), &st) == 0;
    in_place_ = is_special_path(target_) || (exists && !S_ISREG(st.st_mode));
    if (in_place_) {
        write_path_ = target_;
        return;
    }
    // A link to a file: the file it points to is replaced, the link stays a link.
    std::error_code ec;
    const auto real = std::filesystem::weakly_canonical(target_, ec);
    final_path_ = ec || real.empty() ? target_ : real.string();
    if (exists) mode_ = st.st_mode & 07777;  // the replacement keeps the previous file's permissions
    write_path_ = temp_beside(final_path_);
    // A stale file of a killed process with our pid and counter cannot exist, but a stranger's can: start
    // clean.
    ::unlink(write_path_.c_str());
}

OutputFile::~OutputFile() {
    if (!committed_ && !in_place_) ::unlink(write_path_.c_str());
}

void OutputFile::commit(bool allow_empty) {
    if (in_place_) {
        committed_ = true;
        return;
    }
    Fd f{::open(write_path_.c_str(), O_RDONLY | O_CLOEXEC)};
    if (f.fd < 0)
        throw InputError("Writing the output file '" + target_ + "' failed: nothing was written (" +
                         errno_text(errno) + "); the previous file, if any, is unchanged.");
    struct stat st {};
    if (::fstat(f.fd, &st) != 0 || (!allow_empty && st.st_size == 0))
        throw InputError(
            "Writing the output file '" + target_ +
            "' failed: the file came out empty (is the disk full?); the previous file, if any, is "
            "unchanged.");
    if (::fsync(f.fd) != 0)
        throw InputError("Writing the output file '" + target_ + "' failed (" + errno_text(errno) +
                         "); the previous file, if any, is unchanged.");
    if (::close(f.release()) != 0)
        throw InputError("Writing the output file '" + target_ + "' failed (" + errno_text(errno) +
                         "); the previous file, if any, is unchanged.");
    if (mode_) ::chmod(write_path_.c_str(), *mode_);
    if (std::rename(write_path_.c_str(), final_path_.c_str()) != 0)
        throw InputError("Writing the output file '" + target_ + "' failed: it cannot be replaced (" +
                         errno_text(errno) + "); the previous file, if any, is unchanged.");
    committed_ = true;
}

void write_output_bytes(const std::string& target, std::string_view bytes,
                        const std::vector<std::string>& protected_paths) {
    OutputFile out(target, protected_paths);
    {
        const int flags = O_WRONLY | O_CLOEXEC | (out.path() == target ? O_TRUNC : O_CREAT | O_EXCL);
        Fd f{::open(out.path().c_str(), flags, 0666)};  // the umask applies, as for any new file
        if (f.fd < 0)
            throw InputError("Cannot write the output file '" + target + "' (" + errno_text(errno) +
                             "); check that its folder exists and is writable.");
        const char* p = bytes.data();
        size_t left = bytes.size();
        while (left > 0) {
            const ssize_t n = ::write(f.fd, p, left);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0)
                throw InputError("Writing the output file '" + target + "' failed (" +
                                 errno_text(n < 0 ? errno : ENOSPC) +
                                 "); the previous file, if any, is unchanged.");
            p += n;
            left -= static_cast<size_t>(n);
        }
        if (::close(f.release()) != 0)
            throw InputError("Writing the output file '" + target + "' failed (" + errno_text(errno) +
                             "); the previous file, if any, is unchanged.");
    }
    out.commit(bytes.empty());
}

}  // namespace pa
