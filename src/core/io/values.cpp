#include "core/io/values.hpp"

#include <cctype>
#include <cmath>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "core/io/sources.hpp"

namespace pa::io {

namespace {

bool is_ascii_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// U+3000 in UTF-8.
constexpr std::string_view kIdeoSpace = "\xE3\x80\x80";

std::string lower_ascii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool days_valid(int y, int m, int d) {
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
    int md = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) md = 29;
    return d <= md;
}

std::string iso(int y, int m, int d) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's public-domain algorithm).
void civil_from_days(long long z, int& y, int& m, int& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long yy = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yy + (m <= 2));
}

}  // namespace

std::string trim(std::string_view s) {
    for (;;) {
        if (!s.empty() && is_ascii_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
        else if (s.substr(0, 3) == kIdeoSpace) s.remove_prefix(3);
        else if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);  // a stray BOM
        else break;
    }
    for (;;) {
        if (!s.empty() && is_ascii_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        else if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeoSpace) s.remove_suffix(3);
        else break;
    }
    return std::string(s);
}

std::string to_half_width(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const auto c0 = static_cast<unsigned char>(s[i]);
        if (c0 == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s[i + 2]) == 0x80) {
            out.push_back(' ');
            i += 3;
            continue;
        }
        if (c0 == 0xEF && i + 2 < s.size()) {
            // U+FF01..U+FF5E: EF BC 81..BF, EF BD 80..9E
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            const auto c2 = static_cast<unsigned char>(s[i + 2]);
            unsigned cp = ((c0 & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
            if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && cp >= 0xFF01 && cp <= 0xFF5E) {
                out.push_back(static_cast<char>(cp - 0xFEE0));
                i += 3;
                continue;
            }
        }
        out.push_back(s[i]);
        ++i;
    }
    return out;
}

bool is_valid_utf8(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        int len = 0;
        unsigned cp = 0;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1Fu; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0Fu; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07u; }
        else return false;
        if (i + static_cast<size_t>(len) > n) return false;
        for (int k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += static_cast<size_t>(len);
    }
    return true;
}

std::optional<double> parse_number(std::string_view sv, bool* bad) {
    if (bad) *bad = false;
    std::string s = trim(to_half_width(sv));
    if (s.empty()) return std::nullopt;
    const std::string l = lower_ascii(s);
    if (l == "-" || l == "--" || l == "null" || l == "n/a" || l == "na" || l == "无" || l == "/") return std::nullopt;
    std::string clean;
    clean.reserve(s.size());
    for (char c : s)
        if (c != ',' && c != ' ' && c != '_') clean.push_back(c);
    double v = 0.0;
    const char* b = clean.data();
    const char* e = b + clean.size();
    if (!clean.empty() && *b == '+') ++b;
    auto [p, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || p != e) {
        if (bad) *bad = true;
        return std::nullopt;
    }
    return v;
}

std::string date_from_excel_serial(double serial) {
    long long days = static_cast<long long>(std::floor(serial));
    // Excel day 60 is the non-existent 1900-02-29; days after it are one too many.
    if (days > 60) days -= 1;
    // Excel serial 1 = 1900-01-01 = 1970-01-01 - 25567 days (+1 for serial numbering).
    int y = 0, m = 0, d = 0;
    civil_from_days(days - 25568, y, m, d);
    return iso(y, m, d);
}

std::string parse_date(std::string_view sv, bool* bad) {
    if (bad) *bad = false;
    std::string s = trim(to_half_width(sv));
    if (s.empty()) return "";
    // Cut a time part: "2021-03-01 00:00:00", "2021-03-01T08:00".
    if (auto sp = s.find_first_of(" T"); sp != std::string::npos && sp >= 8) s.resize(sp);
    int y = 0, m = 0, d = 0;
    // YYYY年M月D日
    {
        const std::string nian = "年", yue = "月";
        auto py = s.find(nian), pm = s.find(yue);
        if (py != std::string::npos && pm != std::string::npos && pm > py) {
            y = std::atoi(s.substr(0, py).c_str());
            m = std::atoi(s.substr(py + nian.size(), pm - py - nian.size()).c_str());
            d = std::atoi(s.substr(pm + yue.size()).c_str());
            if (days_valid(y, m, d)) return iso(y, m, d);
            if (bad) *bad = true;
            return "";
        }
    }
    // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (one- or two-digit month/day)
    for (char sep : {'-', '/', '.'}) {
        auto p1 = s.find(sep);
        if (p1 == 4) {
            auto p2 = s.find(sep, p1 + 1);
            if (p2 != std::string::npos) {
                bool digits = true;
                for (size_t i = 0; i < s.size(); ++i)
                    if (i != p1 && i != p2 && !std::isdigit(static_cast<unsigned char>(s[i]))) digits = false;
                if (digits) {
                    y = std::atoi(s.substr(0, 4).c_str());
                    m = std::atoi(s.substr(p1 + 1, p2 - p1 - 1).c_str());
                    d = std::atoi(s.substr(p2 + 1).c_str());
                    if (days_valid(y, m, d)) return iso(y, m, d);
                }
            }
        }
    }
    bool all_digits = !s.empty();
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') all_digits = false;
    if (all_digits) {
        // YYYYMMDD
        if (s.size() == 8 && s.find('.') == std::string::npos) {
            y = std::atoi(s.substr(0, 4).c_str());
            m = std::atoi(s.substr(4, 2).c_str());
            d = std::atoi(s.substr(6, 2).c_str());
            if (days_valid(y, m, d)) return iso(y, m, d);
        }
        // Excel serial: 1954-10-13 .. 2119-01-01 is a safe window for land and project dates.
        const double v = std::atof(s.c_str());
        if (v >= 20000 && v < 80000) return date_from_excel_serial(v);
    }
    if (bad) *bad = true;
    return "";
}

std::optional<bool> parse_flag(std::string_view sv) {
    const std::string s = lower_ascii(trim(to_half_width(sv)));
    if (s.empty()) return std::nullopt;
    if (s == "是" || s == "y" || s == "yes" || s == "true" || s == "t" || s == "1" || s == "√" || s == "有")
        return true;
    if (s == "否" || s == "n" || s == "no" || s == "false" || s == "f" || s == "0" || s == "×" || s == "无")
        return false;
    return std::nullopt;
}

std::string normalise_code(const std::string& code) {
    std::string s = trim(to_half_width(code));
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace pa::io
