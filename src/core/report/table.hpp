#pragma once
// A plain table (headers + rows of cells) and its writers: aligned text, CSV, Markdown, and XLSX through
// GDAL's XLSX driver. Problems also go to a GeoPackage point layer (opens in QGIS).
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/model.hpp"

namespace pa::report {

/// Empty (no value), text, integer or real.
using Cell = std::variant<std::monostate, std::string, int64_t, double>;

struct Table {
    std::string name;  // sheet / layer name
    std::vector<std::string> headers;
    std::vector<std::vector<Cell>> rows;
    int decimals = 2;                  // for reals in text outputs
    std::vector<int> column_decimals;  // per column where it differs (-1 or absent: `decimals`)
    int decimals_of(size_t column) const {
        return column < column_decimals.size() && column_decimals[column] >= 0 ? column_decimals[column]
                                                                               : decimals;
    }
};

inline Cell cell(const std::optional<double>& v) {
    return v ? Cell(*v) : Cell();
}

std::string format_cell(const Cell& c, int decimals);
/// Columns aligned by display width (CJK characters count two columns).
std::string to_text(const Table& t);
/// RFC 4180 CSV, UTF-8 without BOM (write_file adds a BOM for .csv so that Excel reads the Chinese right).
std::string to_csv(const Table& t);
std::string to_markdown(const Table& t);

/// Writes text to a file; throws InputError naming the file when it cannot be written.
void write_file(const std::string& path, const std::string& content, bool utf8_bom = false);
/// One sheet through GDAL's XLSX driver (numbers stay numbers). Replaces an existing file.
void write_xlsx(const Table& t, const std::string& path);
/// One sheet per table, in order (sheet names must differ).
void write_xlsx(const std::vector<Table>& tables, const std::string& path);

/// A problem kind for people: its Chinese name (english = false) or the kind itself.
std::string problem_kind_label(const std::string& kind, bool english);

/// Problems as a table (kind, severity, layer, id, lon, lat, message in the chosen language).
Table problems_table(const std::vector<Problem>& problems, bool english);
/// Problems as a GeoPackage point layer "problems" (EPSG:4490) with both messages. Replaces an existing file.
void write_problems_gpkg(const std::vector<Problem>& problems, const std::string& path);

/// Lower-case extension of a path without the dot ("" when none).
std::string extension_of(const std::string& path);

}  // namespace pa::report
