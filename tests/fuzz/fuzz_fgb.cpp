// read_parcels / read_zones on a FlatGeobuf file: the input is the file, written as /vsimem/…/in.fgb.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pa::fuzz::init();
    pa::fuzz::MemDir dir;
    pa::fuzz::read_polygon_layer(dir.add("in.fgb", data, size));
    return 0;
}
