#pragma once
// How a scenario's plot is stored (its parcel codes joined by '+') and stamped (UTC, ISO 8601), the same in
// the SpatiaLite file (scenarios.cpp) and on PostGIS (pg_scenarios.cpp).
#include <ctime>
#include <string>
#include <vector>

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

inline std::string scenario_timestamp() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace pa::store
