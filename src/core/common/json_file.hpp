#pragma once
// Reading a small JSON file a user gives us (a field mapping, a configuration): the text is read whole, its
// nesting depth is checked before parsing (a document nested 100,000 deep would overflow the stack in any
// recursive code that walks or copies it), then parsed. Every failure is an InputError naming the file and
// saying what to do.
#include <string>

#include <nlohmann/json.hpp>

namespace pa {

/// Deepest nesting of arrays and objects in `text` (strings skipped), stopping early past `limit`.
int json_depth(const std::string& text, int limit);

/// Parses `text`; `what` names it in messages ("the field mapping file 'm.json'"), `hint` says how to fix it.
nlohmann::json parse_json_text(const std::string& text, const std::string& what, const std::string& hint,
                               int max_depth = 64);

/// Reads and parses the file at `path` (see parse_json_text).
nlohmann::json read_json_file(const std::string& path, const std::string& what, const std::string& hint,
                              int max_depth = 64);

}  // namespace pa
