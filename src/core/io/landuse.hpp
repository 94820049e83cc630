#pragma once
// Land-use codes of the three schemes in use side by side, mapped to one set of classes (pa::LandUse).
// The table lives in landuse.cpp and is documented in docs/data-formats.md.
//
// The schemes reuse codes with different meanings (GB/T 21010 1001 = railway, 用地用海 1001 = industrial), so
// the scheme must be known: from the field name (DLBM -> GB/T 21010 / third survey; YDYHDM, YDYHFL ->
// 用地用海) or, for a neutral field name, from the codes in the layer (detect_scheme).
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace pa::io {

enum class LandUseScheme {
    Gbt21010,  // GB/T 21010-2017 and the third land survey's working codes (05H1, 0508, 08H1, 08H2…)
    Ydyh2020,  // 国土空间调查、规划、用途管制用地用海分类 (2020+)
};
const char* to_string(LandUseScheme s);

/// The class of a code in a scheme; unknown codes -> LandUse::Other.
LandUse classify_landuse(const std::string& code, LandUseScheme scheme);
/// The class from a land-use name (工业用地, 仓储用地, 公园绿地…), for when the code is blank or unknown.
std::optional<LandUse> classify_landuse_name(const std::string& name);
/// Picks the scheme for a set of codes from a neutral field: votes on codes that exist in only one scheme.
LandUseScheme detect_scheme(const std::vector<std::string>& codes);

}  // namespace pa::io
