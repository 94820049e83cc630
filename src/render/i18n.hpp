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
/// Unit line of a theme ("万元/亩"), "" for categories.
const char* theme_unit(analysis::Theme t, Lang lang);
const char* method_title(analysis::Method m, Lang lang);
/// All strings of the table in both languages (for the font atlas's glyph ranges).
std::vector<std::string> all_ui_strings();

}  // namespace pa::render
