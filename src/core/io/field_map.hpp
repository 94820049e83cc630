#pragma once
// Canonical fields of zones, parcels and the project ledger, the source field names accepted for each
// (Chinese and English, case-insensitive), and the optional JSON mapping file that overrides them:
//   {"zones": {"code": "MY_CODE"}, "parcels": {"code": "DKBH", "landuse_code": "YT"}, "ledger": {...}}
#include <string>
#include <vector>

namespace pa::io {

enum class LayerKind { Zones, Parcels, Ledger, Pipeline };
const char* to_string(LayerKind k);  // "zones" | "parcels" | "ledger" | "pipeline"

struct FieldSpec {
    const char* canonical;             // e.g. "code"
    std::vector<const char*> aliases;  // in order of preference
};

/// The canonical fields and their default aliases, for one kind of layer.
const std::vector<FieldSpec>& field_specs(LayerKind kind);

/// One canonical field resolved against a layer's fields.
struct ResolvedField {
    std::string canonical;
    int index = -1;      // OGR field index, -1 = absent
    std::string source;  // the matched source field name
};

/// Resolves every canonical field of `kind` against `source_fields`. `mapping_file` ("" = none) overrides
/// aliases; a mapping naming a field the layer lacks throws InputError naming the mapping file and the field.
std::vector<ResolvedField> resolve_fields(LayerKind kind, const std::vector<std::string>& source_fields,
                                          const std::string& mapping_file);

/// Index of `canonical` in a resolved list (-1 when absent or unknown).
int field_index(const std::vector<ResolvedField>& fields, const std::string& canonical);

}  // namespace pa::io
