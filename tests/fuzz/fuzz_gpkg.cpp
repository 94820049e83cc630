// read_parcels / read_zones on a GeoPackage (SQLite) file: the input is the file, written as
// /vsimem/…/in.gpkg.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pa::fuzz::init();
    pa::fuzz::MemDir dir;
    pa::fuzz::read_polygon_layer(dir.add("in.gpkg", data, size));
    return 0;
}
