#include "core/io/values.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/io/sources.hpp"

namespace pa::io {

namespace {

bool is_ascii_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

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

std::string iso(int y, int m, int d) {  // y, m, d as days_valid() accepts them (no printf: a hot path)
    std::string out = "0000-00-00";
    for (int i = 3; i >= 0; --i, y /= 10) out[static_cast<size_t>(i)] = static_cast<char>('0' + y % 10);
    out[5] = static_cast<char>('0' + m / 10);
    out[6] = static_cast<char>('0' + m % 10);
    out[8] = static_cast<char>('0' + d / 10);
    out[9] = static_cast<char>('0' + d % 10);
    return out;
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
        if (!s.empty() && is_ascii_space(static_cast<unsigned char>(s.front())))
            s.remove_prefix(1);
        else if (s.substr(0, 3) == kIdeoSpace)
            s.remove_prefix(3);
        else if (s.substr(0, 3) == "\xEF\xBB\xBF")
            s.remove_prefix(3);  // a stray BOM
        else
            break;
    }
    for (;;) {
        if (!s.empty() && is_ascii_space(static_cast<unsigned char>(s.back())))
            s.remove_suffix(1);
        else if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeoSpace)
            s.remove_suffix(3);
        else
            break;
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

namespace {

/// Length of the well-formed UTF-8 sequence at s[i] (no overlongs, no surrogates), 0 when it is not one.
size_t utf8_sequence_at(std::string_view s, size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    size_t len = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07u;
    } else
        return 0;
    if (i + len > s.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const size_t len = utf8_sequence_at(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string repair_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const size_t len = utf8_sequence_at(s, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++i;
            continue;
        }
        out.append(s.substr(i, len));
        i += len;
    }
    return out;
}

namespace {

/// The number in `s` with an optional Chinese multiplier suffix (万 = 1e4, 亿 = 1e8, each optionally followed
/// by `unit`, e.g. 元): value and multiplier; nullopt when it is no number. Non-finite values are no numbers.
std::optional<std::pair<double, double>> number_with_multiplier(std::string_view sv, std::string_view unit) {
    std::string s = trim(to_half_width(sv));
    double mult = 1.0;
    auto strip = [&](std::string_view suffix) {
        if (s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) {
            s.resize(s.size() - suffix.size());
            return true;
        }
        return false;
    };
    if (!unit.empty()) strip(unit);
    if (strip("万"))
        mult = 1e4;
    else if (strip("亿"))
        mult = 1e8;
    s = trim(s);
    std::string clean;
    clean.reserve(s.size());
    for (char c : s)
        if (c != ',' && c != ' ' && c != '_') clean.push_back(c);
    double v = 0.0;
    const char* b = clean.data();
    const char* e = b + clean.size();
    if (!clean.empty() && *b == '+') ++b;
    // Only plain decimal numbers: from_chars would also take "inf", "nan" and hexadecimal floats.
    for (const char* c = b; c != e; ++c)
        if (!((*c >= '0' && *c <= '9') || *c == '.' || *c == '-' || *c == 'e' || *c == 'E' || *c == '+'))
            return std::nullopt;
    auto [p, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || p != e || b == e || !std::isfinite(v) || !std::isfinite(v * mult))
        return std::nullopt;
    return std::pair{v, mult};
}

bool is_blank_marker(const std::string& s) {
    const std::string l = lower_ascii(s);
    return l.empty() || l == "-" || l == "--" || l == "null" || l == "n/a" || l == "na" || l == "无" ||
           l == "/";
}

}  // namespace

std::optional<double> parse_number(std::string_view sv, bool* bad) {
    if (bad) *bad = false;
    if (is_blank_marker(trim(to_half_width(sv)))) return std::nullopt;
    auto r = number_with_multiplier(sv, "");
    if (!r) {
        if (bad) *bad = true;
        return std::nullopt;
    }
    return r->first * r->second;
}

std::optional<double> parse_amount_wan(std::string_view sv, bool* bad) {
    if (bad) *bad = false;
    if (is_blank_marker(trim(to_half_width(sv)))) return std::nullopt;
    auto r = number_with_multiplier(sv, "元");
    // In a 万元 column "12万" (or 12万元) is 12 万元 and "1.5亿" is 15000 万元; a bare "元" amount is
    // ambiguous.
    if (!r || (r->second == 1.0 && trim(to_half_width(sv)).find("元") != std::string::npos)) {
        if (bad) *bad = true;
        return std::nullopt;
    }
    return r->first * (r->second == 1e8 ? 1e4 : 1.0);
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

std::string date_from_ymd(int y, int m, int d) {
    return days_valid(y, m, d) ? iso(y, m, d) : std::string();
}

std::string parse_date(std::string_view sv, bool* bad) {
    if (bad) *bad = false;
    // The common case first, without copies: exactly YYYY-MM-DD in ASCII digits.
    if (sv.size() == 10 && sv[4] == '-' && sv[7] == '-') {
        int v[3] = {0, 0, 0};
        bool digits = true;
        for (size_t i = 0, k = 0; i < 10; ++i) {
            if (i == 4 || i == 7) {
                ++k;
            } else if (sv[i] >= '0' && sv[i] <= '9') {
                v[k] = v[k] * 10 + (sv[i] - '0');
            } else {
                digits = false;
            }
        }
        if (digits && days_valid(v[0], v[1], v[2])) return std::string(sv);
    }
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
