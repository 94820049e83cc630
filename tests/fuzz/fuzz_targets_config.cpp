// The targets file (config/targets.json, `parkatlas targets --config`): analysis::load_targets_config, which
// opens a path with std::ifstream, so the input is written to a real temp file.
#include "core/analysis/targets.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = pa::fuzz::write_temp_file("targets.json", data, size);
    pa::fuzz::expect_refusal([&] { (void)pa::analysis::load_targets_config(path); });
    return 0;
}
