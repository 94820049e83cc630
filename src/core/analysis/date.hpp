#pragma once
// A calendar date as days since 1970-01-01 (proleptic Gregorian), parsed from ISO "YYYY-MM-DD". Used by the
// land states, the idle-land clocks, the supply timeline and the viewer's "as of" slider. Header-only, no
// time zones.
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace pa::analysis {

struct Date {
    int32_t days = 0;  // days since 1970-01-01

    /// Today in the machine's local time (制图日期 on a printed map).
    static Date today() {
        const std::time_t t = std::time(nullptr);
        std::tm tm{};
        localtime_r(&t, &tm);
        return from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
    static constexpr Date from_ymd(int y, int m, int d) {
        // Howard Hinnant's days_from_civil.
        y -= m <= 2;
        const int era = (y >= 0 ? y : y - 399) / 400;
        const unsigned yoe = static_cast<unsigned>(y - era * 400);
        const unsigned doy =
            (153u * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2u) / 5u + static_cast<unsigned>(d) - 1u;
        const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
        return Date{era * 146097 + static_cast<int32_t>(doe) - 719468};
    }
    struct Ymd {
        int y, m, d;
    };
    constexpr Ymd ymd() const {
        const int z = days + 719468;
        const int era = (z >= 0 ? z : z - 146096) / 146097;
        const unsigned doe = static_cast<unsigned>(z - era * 146097);
        const unsigned yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
        const int y = static_cast<int>(yoe) + era * 400;
        const unsigned doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
        const unsigned mp = (5u * doy + 2u) / 153u;
        const int d = static_cast<int>(doy - (153u * mp + 2u) / 5u + 1u);
        const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
        return Ymd{y + (m <= 2), m, d};
    }
    static constexpr bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
    static constexpr int days_in_month(int y, int m) {
        constexpr int k[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return m == 2 && leap(y) ? 29 : k[m - 1];
    }
    /// The same calendar day n years later; 29 February becomes 28 February in a common year.
    constexpr Date plus_years(int n) const {
        auto [y, m, d] = ymd();
        int ny = y + n;
        if (d > days_in_month(ny, m)) d = days_in_month(ny, m);
        return from_ymd(ny, m, d);
    }
    constexpr Date plus_days(int n) const { return Date{days + n}; }
    /// Months since year 0 (year * 12 + month - 1): a month key for timelines.
    constexpr int month_index() const {
        auto v = ymd();
        return v.y * 12 + v.m - 1;
    }
    /// The last day of the month of month_index() `mi`.
    static constexpr Date month_end(int mi) {
        int y = mi / 12, m = mi % 12 + 1;
        return from_ymd(y, m, days_in_month(y, m));
    }
    static constexpr Date month_start(int mi) { return from_ymd(mi / 12, mi % 12 + 1, 1); }
    static std::string month_label(int mi) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%04d-%02d", mi / 12, mi % 12 + 1);
        return buf;
    }

    /// "YYYY-MM-DD"; also accepts "YYYY/MM/DD", "YYYY-M-D" and a trailing time ("…T00:00:00", "… 00:00:00").
    /// Returns nullopt for "" or anything that is not a valid calendar date.
    static std::optional<Date> parse(std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        int part[3] = {0, 0, 0};
        size_t i = 0;
        for (int k = 0; k < 3; ++k) {
            size_t start = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 4)
                part[k] = part[k] * 10 + (s[i++] - '0');
            if (i == start) return std::nullopt;
            if (k == 0 && i - start != 4) return std::nullopt;
            if (k < 2) {
                if (i >= s.size() || (s[i] != '-' && s[i] != '/')) return std::nullopt;
                ++i;
            }
        }
        if (i < s.size() && s[i] != 'T' && s[i] != ' ') return std::nullopt;
        if (part[1] < 1 || part[1] > 12 || part[2] < 1 || part[2] > days_in_month(part[0], part[1]))
            return std::nullopt;
        return from_ymd(part[0], part[1], part[2]);
    }
    /// "YYYY-MM" -> month_index(), nullopt when malformed.
    static std::optional<int> parse_month(std::string_view s) {
        auto d = parse(std::string(s) + "-01");
        if (!d) return std::nullopt;
        return d->month_index();
    }
    std::string iso() const {
        auto v = ymd();
        char buf[40];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.y, v.m, v.d);
        return buf;
    }
    friend constexpr bool operator==(Date a, Date b) { return a.days == b.days; }
    friend constexpr auto operator<=>(Date a, Date b) { return a.days <=> b.days; }
    friend constexpr int operator-(Date a, Date b) { return a.days - b.days; }
};

/// Parses a model date string ("" -> nullopt).
inline std::optional<Date> date_of(const std::string& s) {
    return s.empty() ? std::nullopt : Date::parse(s);
}

}  // namespace pa::analysis
