// The industry-chain file (config/industry_chains.json, `parkatlas chains --config`):
// analysis::parse_chain_config, which load_chain_config calls with the file's text.
#include "core/analysis/chains.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    pa::fuzz::expect_refusal([&] { (void)pa::analysis::parse_chain_config(text, "fuzz input"); });
    return 0;
}
