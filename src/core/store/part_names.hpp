#pragma once
// A zone's part names (Zone::part_names, one per polygon) as stored in zones.part_names: a JSON array of
// strings, or NULL when no part is named. The same text in SpatiaLite and PostGIS (workspace copy moves it as
// is).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pa::store {

/// Nullopt (NULL) when no part is named.
inline std::optional<std::string> encode_part_names(const std::vector<std::string>& names) {
    bool any = false;
    for (const auto& n : names) any = any || !n.empty();
    if (!any) return std::nullopt;
    return nlohmann::json(names).dump();
}

/// Empty for NULL, "" or anything that is not an array of strings (a damaged value names no part).
inline std::vector<std::string> decode_part_names(const std::string& text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& v : j) {
        if (!v.is_string()) return {};
        out.push_back(v.get<std::string>());
    }
    return out;
}

}  // namespace pa::store
