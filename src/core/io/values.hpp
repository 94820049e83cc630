#pragma once
// Robust parsing of the values found in office spreadsheets and DBFs: numbers typed as text ("1,234.5",
// full-width digits, blank), dates in the forms seen (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD,
// YYYY年M月D日, Excel serials), yes/no flags (是/否, Y/N, true/false, 1/0). Pure functions, no GDAL.
#include <optional>
#include <string>
#include <string_view>

namespace pa::io {

/// Trim ASCII white space and U+3000 (ideographic space) at both ends.
std::string trim(std::string_view s);
/// Full-width ASCII variants (U+FF01..U+FF5E) -> ASCII, U+3000 -> ' '.
std::string to_half_width(std::string_view s);
/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);
/// `s` with every byte that does not start a well-formed UTF-8 sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view s);

/// "1,234.5" -> 1234.5, "1.2万" -> 12000, "3亿" -> 3e8; "" / "-" / "null" -> nullopt; text that is no finite
/// number ("abc", "inf", "nan", "1e999") -> nullopt and *bad = true.
std::optional<double> parse_number(std::string_view s, bool* bad = nullptr);
/// An amount in 万元: "1,234.5" -> 1234.5, "12万" / "12万元" -> 12, "1.5亿" -> 15000; "50000元" (yuan,
/// ambiguous in a 万元 column) and anything parse_number refuses -> nullopt and *bad = true.
std::optional<double> parse_amount_wan(std::string_view s, bool* bad = nullptr);
/// -> "YYYY-MM-DD" or "" (blank or not a date; *bad = true when non-blank and unparsed).
std::string parse_date(std::string_view s, bool* bad = nullptr);
/// y, m, d -> "YYYY-MM-DD" when it is a date of the calendar range parse_date() takes, else "".
std::string date_from_ymd(int y, int m, int d);
/// Excel serial day (1900 system, serial 1 = 1900-01-01, with Excel's 1900-02-29) -> "YYYY-MM-DD".
std::string date_from_excel_serial(double serial);
/// 是/否, Y/N, yes/no, true/false, 1/0, √/× -> bool; blank or unknown -> nullopt.
std::optional<bool> parse_flag(std::string_view s);

}  // namespace pa::io
