#pragma once
// IsoDate: a calendar date ("YYYY-MM-DD") or none, in 4 bytes. The model holds 13 dates per parcel and
// project; as std::string each took 32 bytes (a million parcels: 200 MB of mostly empty strings). It is built
// from and converts to the ISO text the rest of the code reads and writes, and orders as that text does (none
// first).
#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pa {

class IsoDate {
  public:
    IsoDate() noexcept = default;
    /// "" (no date) or "YYYY-MM-DD"; anything else is a bug of the caller (readers normalise dates first).
    IsoDate(std::string_view text) : ymd_(parse(text)) {}  // NOLINT(google-explicit-constructor)
    IsoDate(const std::string& text)
        : IsoDate(std::string_view(text)) {}                        // NOLINT(google-explicit-constructor)
    IsoDate(const char* text) : IsoDate(std::string_view(text)) {}  // NOLINT(google-explicit-constructor)

    bool empty() const noexcept { return ymd_ == 0; }
    std::string str() const {
        if (ymd_ == 0) return {};
        std::string s = "0000-00-00";
        uint32_t v = ymd_;
        for (int i : {9, 8, 6, 5, 3, 2, 1, 0}) {
            s[static_cast<size_t>(i)] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
        return s;
    }
    operator std::string() const { return str(); }  // NOLINT(google-explicit-constructor)

    friend bool operator==(const IsoDate&, const IsoDate&) = default;
    friend auto operator<=>(const IsoDate&, const IsoDate&) = default;

  private:
    static uint32_t parse(std::string_view t) {
        if (t.empty()) return 0;
        uint32_t v = 0;
        bool ok = t.size() == 10 && t[4] == '-' && t[7] == '-';
        for (size_t i = 0; ok && i < t.size(); ++i) {
            if (i == 4 || i == 7) continue;
            if (t[i] < '0' || t[i] > '9') ok = false;
            v = v * 10 + static_cast<uint32_t>(t[i] - '0');
        }
        if (!ok || v == 0)
            throw std::invalid_argument("not an ISO date (YYYY-MM-DD): '" + std::string(t) + "'");
        return v;
    }
    uint32_t ymd_ = 0;  // YYYYMMDD, 0: none
};

}  // namespace pa
