// read_parcels / read_zones on a shapefile. The input is split into the files of one shapefile by a
// length-prefixed framing, so that the fuzzer mutates all of them:
//   [u32 LE n][n bytes .shp] [u32 LE n][n bytes .shx] [u32 LE n][n bytes .dbf] [u32 LE n][n bytes .prj] […
//   .cpg]
// A length running past the end takes what is left. A part of length 0, or missing at the end, is a file that
// is absent: a shapefile without .shx (rebuilt from a private copy), .dbf (refused), .prj (no CRS) or .cpg
// (encoding detected) is a case the reader handles. bench/fuzz.sh packs real shapefiles this way for the
// seeds.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pa::fuzz::init();
    pa::fuzz::MemDir dir;
    static const char* const kExt[] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};
    size_t pos = 0;
    for (const char* ext : kExt) {
        if (size - pos < 4) break;
        uint32_t n = 0;
        for (int i = 3; i >= 0; --i) n = (n << 8) | data[pos + static_cast<size_t>(i)];
        pos += 4;
        const size_t len = std::min<size_t>(n, size - pos);
        if (len > 0) dir.add(std::string("in") + ext, data + pos, len);
        pos += len;
    }
    if (pos == 0) return 0;  // not even a .shp
    pa::fuzz::read_polygon_layer("/vsimem/parkatlas_fuzz/in.shp");
    return 0;
}
