#pragma once
// How a scenario's plot is stored (its parcel codes joined by '+') and stamped (UTC, ISO 8601), the same in
// the SpatiaLite file (scenarios.cpp) and on PostGIS (pg_scenarios.cpp).
#include <ctime>
#include <string>
#include <vector>

#include "core/common/error.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

inline std::string join_parcel_codes(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : "+") + c;
    return out;
}

inline std::vector<std::string> split_parcel_codes(const std::string& s) {
    std::vector<std::string> out;
    size_t b = 0;
    while (b <= s.size()) {
        size_t e = s.find('+', b);
        if (e == std::string::npos) e = s.size();
        if (e > b) out.push_back(s.substr(b, e - b));
        b = e + 1;
    }
    return out;
}

/// Now, UTC, ISO 8601 ("2026-12-05T17:03:00Z"): imports, scenarios, the audit.
inline std::string utc_timestamp() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/// The optimistic check of a save (InputError "reload it" when the stored version is not the one read) and
/// the save's stamps: created (kept), changed (now), created_by (`user` when none yet), version + 1.
inline void stamp_scenario_save(Scenario& s, int64_t stored_version, int64_t expected_version,
                                const std::string& created, const std::string& user) {
    if (stored_version != expected_version)
        throw InputError("The scenario '" + s.name +
                         "' was changed by another writer since it was read (version " +
                         std::to_string(stored_version) + ", read at " + std::to_string(expected_version) +
                         "); reload it and apply the change again.");
    const std::string now = utc_timestamp();
    s.created = created.empty() ? now : created;
    s.changed = now;
    if (s.created_by.empty()) s.created_by = user;
    s.version = stored_version + 1;
}

}  // namespace pa::store
