#pragma once
// Every interface string of the viewer and of `parkatlas render`, in one table: Chinese first, English on
// switch.
#include <string>
#include <vector>

#include "core/analysis/classify.hpp"

namespace pa::render {

enum class Lang { Zh, En };
Lang lang_from_string(const std::string& s);  // "en" -> En, anything else -> Zh

/// The string for `key` in `lang`; the key itself when it is not in the table (so a missing entry shows up).
const char* tr(const char* key, Lang lang);
/// Display name of a theme ("固定资产投资强度" / "Fixed-asset investment intensity").
const char* theme_title(analysis::Theme t, Lang lang);
/// A map's title when none is given: the zone (`zone_code` among `zones`; "全部开发区" / "All zones" when
/// empty or unknown) and the theme, "贵阳经济技术开发区 · 固定资产投资强度" — the same in `render`, the
/// viewer's furniture and export, and the replay.
std::string default_map_title(const std::vector<Zone>& zones, const std::string& zone_code, analysis::Theme t,
                              Lang lang);
/// Unit line of a theme ("万元/亩"), "" for categories.
const char* theme_unit(analysis::Theme t, Lang lang);
const char* method_title(analysis::Method m, Lang lang);
/// All strings of the table in both languages (for the font atlas's glyph ranges).
std::vector<std::string> all_ui_strings();

}  // namespace pa::render
