#pragma once
// Shared by the libFuzzer targets (docs/fuzzing.md): GDAL set up once and kept quiet, the fuzzer's bytes as
// files in GDAL's in-memory filesystem (/vsimem/) or, for readers that take a std::ifstream path, as a real
// temp file, and the rule for what counts as a finding: a refused input throws pa::InputError or
// pa::WorkspaceError (the expected outcome, swallowed here); any other exception escapes
// LLVMFuzzerTestOneInput, so libFuzzer reports it as a crash
// ("uncaught exception"), as it does an ASan/UBSan report, an abort or an input running past -timeout.
#include <unistd.h>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>

#include "core/common/error.hpp"
#include "core/gdal/gdal_env.hpp"
#include "core/io/sources.hpp"

namespace pa::fuzz {

/// Registers GDAL's drivers once (pa::gdal::init, as the CLI does) and silences every GDAL message.
inline void init() {
    static const bool done = [] {
        pa::gdal::init();
        CPLSetErrorHandler(CPLQuietErrorHandler);
        return true;
    }();
    (void)done;
}

/// A folder in GDAL's in-memory filesystem holding this input's files; removed, with anything GDAL added to
/// it, when the input is done.
class MemDir {
  public:
    explicit MemDir(std::string root = "/vsimem/parkatlas_fuzz") : root_(std::move(root)) {
        VSIMkdir(root_.c_str(), 0755);
    }
    ~MemDir() { VSIRmdirRecursive(root_.c_str()); }
    MemDir(const MemDir&) = delete;
    MemDir& operator=(const MemDir&) = delete;

    /// Writes `size` bytes as root/name (GDAL owns a copy) and returns the file's /vsimem/ path.
    std::string add(const std::string& name, const uint8_t* data, size_t size) {
        const std::string path = root_ + "/" + name;
        auto* copy = static_cast<GByte*>(VSIMalloc(size ? size : 1));
        if (size) std::memcpy(copy, data, size);
        VSIFCloseL(VSIFileFromMemBuffer(path.c_str(), copy, static_cast<vsi_l_offset>(size), TRUE));
        return path;
    }

  private:
    std::string root_;
};

/// A real file (for readers that open a std::ifstream): one per process and target, rewritten for every
/// input.
inline std::string write_temp_file(const char* tag, const uint8_t* data, size_t size) {
    const char* dir = std::getenv("TMPDIR");
    const std::string path = std::string(dir && *dir ? dir : "/tmp") + "/parkatlas-fuzz-" +
                             std::to_string(static_cast<long>(getpid())) + "-" + tag;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

/// Options as the CLI's defaults, except that a source without a CRS is taken as CGCS2000 lon/lat so that the
/// fuzzer gets past the CRS check into the geometry and attribute code.
inline pa::io::SourceOptions options() {
    pa::io::SourceOptions opt;
    opt.assume_crs = "EPSG:4490";
    return opt;
}

/// Set PARKATLAS_FUZZ_VERBOSE=1 to print each refusal (and "accepted") to stderr: to check that the seeds are
/// read rather than refused, e.g. `PARKATLAS_FUZZ_VERBOSE=1 fuzz_gpkg -runs=0 seeds/fuzz_gpkg`.
inline bool verbose() {
    static const bool v = std::getenv("PARKATLAS_FUZZ_VERBOSE") != nullptr;
    return v;
}

/// Runs `f`; a refusal (InputError, WorkspaceError) is the expected outcome for most inputs and is swallowed.
template <class F>
void expect_refusal(F&& f) {
    try {
        f();
        if (verbose()) std::fprintf(stderr, "accepted\n");
    } catch (const pa::InputError& e) {
        if (verbose()) std::fprintf(stderr, "refused (InputError): %s\n", e.what());
    } catch (const pa::WorkspaceError& e) {
        if (verbose()) std::fprintf(stderr, "refused (WorkspaceError): %s\n", e.what());
    }
}

/// A polygon layer file: read as parcels and as zones (two entry points, different field and geometry
/// handling).
inline void read_polygon_layer(const std::string& path) {
    const auto opt = options();
    expect_refusal([&] { (void)pa::io::read_parcels(path, opt); });
    expect_refusal([&] { (void)pa::io::read_zones(path, opt); });
}

}  // namespace pa::fuzz
