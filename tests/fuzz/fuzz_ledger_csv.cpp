// read_ledger on a CSV project ledger: the input is the file, written as /vsimem/…/in.csv.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pa::fuzz::init();
    pa::fuzz::MemDir dir;
    const std::string path = dir.add("in.csv", data, size);
    pa::fuzz::expect_refusal([&] { (void)pa::io::read_ledger(path, pa::fuzz::options()); });
    return 0;
}
