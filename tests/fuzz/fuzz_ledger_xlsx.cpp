// read_ledger on a XLSX project ledger: the input is the file, written as /vsimem/…/in.xlsx.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pa::fuzz::init();
    pa::fuzz::MemDir dir;
    const std::string path = dir.add("in.xlsx", data, size);
    pa::fuzz::expect_refusal([&] { (void)pa::io::read_ledger(path, pa::fuzz::options()); });
    return 0;
}
