// The --mapping JSON file (io::resolve_fields, which every reader calls with SourceOptions::mapping_file),
// resolved for zones, parcels and the ledger against the field names of the bundled sample. The reader opens
// a path with std::ifstream, so the input is written to a real temp file.
#include <vector>

#include "core/io/field_map.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using pa::io::LayerKind;
    static const std::vector<std::string> kZones = {"CODE",      "NAME",     "NAME_EN", "LEVEL",
                                                    "THRESHOLD", "INDUSTRY", "HOST"};
    static const std::vector<std::string> kParcels = {"ZDDM", "ZL",       "DLBM",     "DLMC",
                                                      "ZDMJ", "RJL",      "GYZT",     "PZRQ",
                                                      "GYRQ", "宗地编号", "ＺＤＭＪ", " code "};
    static const std::vector<std::string> kLedger = {"项目编号", "项目名称", "企业名称", "所属园区",
                                                     "宗地编号", "产业类别", "总投资",   "签约日期",
                                                     "lon",      "lat"};
    const std::string path = pa::fuzz::write_temp_file("mapping.json", data, size);
    struct Case {
        LayerKind kind;
        const std::vector<std::string>* fields;
    };
    for (const Case c : {Case{LayerKind::Zones, &kZones}, Case{LayerKind::Parcels, &kParcels},
                         Case{LayerKind::Ledger, &kLedger}}) {
        pa::fuzz::expect_refusal([&] {
            const auto resolved = pa::io::resolve_fields(c.kind, *c.fields, path);
            (void)pa::io::field_index(resolved, "code");
        });
    }
    return 0;
}
