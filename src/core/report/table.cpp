#include "core/report/table.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <string_view>

#include <fmt/format.h>

#include "core/common/error.hpp"
#include "core/common/output_file.hpp"
#include "core/gdal/gdal_handles.hpp"
#include "core/gdal/vector_writer.hpp"

namespace pa::report {

namespace {

/// Display width of a UTF-8 string: 2 for CJK and full-width code points, 1 otherwise.
size_t display_width(const std::string& s) {
    size_t w = 0;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        uint32_t cp = c;
        size_t len = 1;
        if (c >= 0xF0)
            len = 4, cp = c & 0x07;
        else if (c >= 0xE0)
            len = 3, cp = c & 0x0F;
        else if (c >= 0xC0)
            len = 2, cp = c & 0x1F;
        for (size_t k = 1; k < len && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += len;
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
    }
    return w;
}

bool is_number(const Cell& c) {
    return std::holds_alternative<int64_t>(c) || std::holds_alternative<double>(c);
}

/// OWASP's rule against CSV injection: a text cell that a spreadsheet would run as a formula (it begins with
/// =, +,
/// -, @, tab or carriage return) gets a leading apostrophe. Plain numbers ("-12.5") and a lone "-" are left
/// alone.
std::string csv_defuse(const std::string& s) {
    if (s.empty() || std::string_view("=+-@\t\r").find(s[0]) == std::string_view::npos || s == "-") return s;
    double v = 0.0;
    const char* b = s.data();
    const char* e = b + s.size();
    if (*b == '+') ++b;
    if (auto [p, ec] = std::from_chars(b, e, v); ec == std::errc() && p == e && b != e) return s;
    return "'" + s;
}

std::string csv_quote(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

std::string md_escape(std::string s) {
    std::string out;
    for (char ch : s) {
        if (ch == '|') out += '\\';
        if (ch == '\n') {
            out += ' ';
            continue;
        }
        out += ch;
    }
    return out;
}

}  // namespace

std::string extension_of(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    if (!ext.empty() && ext[0] == '.') ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string format_cell(const Cell& c, int decimals) {
    if (std::holds_alternative<std::string>(c)) return std::get<std::string>(c);
    if (std::holds_alternative<int64_t>(c)) return std::to_string(std::get<int64_t>(c));
    if (std::holds_alternative<double>(c)) return fmt::format("{:.{}f}", std::get<double>(c), decimals);
    return "";
}

std::string to_text(const Table& t) {
    std::vector<size_t> w(t.headers.size(), 0);
    for (size_t i = 0; i < t.headers.size(); ++i) w[i] = display_width(t.headers[i]);
    std::vector<std::vector<std::string>> cells;
    for (const auto& r : t.rows) {
        std::vector<std::string> line;
        for (size_t i = 0; i < r.size() && i < w.size(); ++i) {
            line.push_back(r[i].index() == 0 ? std::string("-") : format_cell(r[i], t.decimals_of(i)));
            w[i] = std::max(w[i], display_width(line.back()));
        }
        cells.push_back(std::move(line));
    }
    std::string out;
    auto put = [&](const std::vector<std::string>& line, const std::vector<Cell>* row) {
        for (size_t i = 0; i < line.size(); ++i) {
            size_t pad = w[i] - display_width(line[i]);
            bool right = row && is_number((*row)[i]);
            if (right) out.append(pad, ' ');
            out += line[i];
            if (i + 1 < line.size()) {
                if (!right) out.append(pad, ' ');
                out += "  ";
            }
        }
        out += '\n';
    };
    put(t.headers, nullptr);
    std::vector<std::string> rule;
    for (size_t x : w) rule.push_back(std::string(x, '-'));
    put(rule, nullptr);
    for (size_t r = 0; r < cells.size(); ++r) put(cells[r], &t.rows[r]);
    return out;
}

std::string to_csv(const Table& t) {
    std::string out;
    for (size_t i = 0; i < t.headers.size(); ++i) out += (i ? "," : "") + csv_quote(csv_defuse(t.headers[i]));
    out += "\r\n";
    for (const auto& r : t.rows) {
        for (size_t i = 0; i < r.size(); ++i) {
            // Full precision for machines: reals with up to 10 decimals, trailing zeros kept simple.
            std::string v = std::holds_alternative<double>(r[i]) ? fmt::format("{}", std::get<double>(r[i]))
                            : std::holds_alternative<std::string>(r[i])
                                ? csv_defuse(std::get<std::string>(r[i]))
                                : format_cell(r[i], t.decimals_of(i));
            out += (i ? "," : "") + csv_quote(v);
        }
        out += "\r\n";
    }
    return out;
}

std::string to_markdown(const Table& t) {
    std::string out = "|";
    for (const auto& h : t.headers) out += " " + md_escape(h) + " |";
    out += "\n|";
    for (size_t i = 0; i < t.headers.size(); ++i) {
        bool num = !t.rows.empty() && i < t.rows[0].size() && is_number(t.rows[0][i]);
        out += num ? " ---: |" : " --- |";
    }
    out += "\n";
    for (const auto& r : t.rows) {
        out += "|";
        for (size_t i = 0; i < r.size(); ++i)
            out += " " + md_escape(format_cell(r[i], t.decimals_of(i))) + " |";
        out += "\n";
    }
    return out;
}

void write_file(const std::string& path, const std::string& content, bool utf8_bom) {
    write_output_bytes(path, utf8_bom ? "\xEF\xBB\xBF" + content : content);
}

void write_xlsx(const Table& t, const std::string& path) {
    write_xlsx(std::vector<Table>{t}, path);
}

void write_xlsx(const std::vector<Table>& tables, const std::string& path) {
    gdal::Writer w("XLSX", path);
    for (size_t k = 0; k < tables.size(); ++k) {
        const Table& t = tables[k];
        gdal::Layer sheet =
            w.create_layer(t.name.empty() ? "report" + (k ? std::to_string(k + 1) : "") : t.name);
        for (size_t i = 0; i < t.headers.size(); ++i) {
            OGRFieldType type = OFTString;
            for (const auto& r : t.rows) {
                if (i >= r.size() || r[i].index() == 0) continue;
                type = std::holds_alternative<std::string>(r[i]) ? OFTString
                       : std::holds_alternative<int64_t>(r[i])   ? OFTInteger64
                                                                 : OFTReal;
                break;
            }
            sheet.add_field(t.headers[i], type);
        }
        for (size_t row = 0; row < t.rows.size(); ++row) {
            const auto& r = t.rows[row];
            gdal::FeaturePtr f = sheet.new_feature();
            for (size_t i = 0; i < r.size(); ++i) {
                int fi = static_cast<int>(i);
                if (std::holds_alternative<std::string>(r[i]))
                    OGR_F_SetFieldString(f.get(), fi, std::get<std::string>(r[i]).c_str());
                else if (std::holds_alternative<int64_t>(r[i]))
                    OGR_F_SetFieldInteger64(f.get(), fi, std::get<int64_t>(r[i]));
                else if (std::holds_alternative<double>(r[i]))
                    OGR_F_SetFieldDouble(f.get(), fi, std::get<double>(r[i]));
            }
            sheet.write(f.get(), "row " + std::to_string(row + 1));
        }
    }
    w.commit();
}

namespace {

/// Chinese names of the problem kinds (docs/sample-data-contract.md), severities and layers: a Chinese table
/// has no snake_case in it. An unknown kind keeps its key.
std::string kind_zh(const std::string& k) {
    static const std::pair<const char*, const char*> kNames[] = {
        {"ambiguous_parcel", "宗地编号重复致关联不明"},
        {"bad_area_range", "用地范围有误"},
        {"bad_land_use", "用地类型有误"},
        {"bad_start_month", "开工月份有误"},
        {"code_from_survey_id", "以图斑号作宗地编号"},
        {"curve_linearised", "曲线已线性化"},
        {"declared_area_mismatch", "申报面积与量算不符"},
        {"duplicate_code", "宗地编号重复"},
        {"duplicate_project_id", "项目编号重复"},
        {"implausible_area", "面积不合理"},
        {"invalid_geometry", "几何无效（已修复）"},
        {"ledger_area_mismatch", "台账用地面积与宗地不符"},
        {"missing_figure", "缺少数值"},
        {"missing_project_id", "缺少项目编号"},
        {"no_code_field", "无宗地编号字段"},
        {"normalised_match", "编号规范化后匹配"},
        {"not_in_zone", "不在任何开发区内"},
        {"outside_zone", "部分位于开发区外"},
        {"overlap", "宗地重叠"},
        {"rejected_geometry", "几何无法使用"},
        {"repeated_vertex", "重复节点"},
        {"supplement_extension", "补充协议延期不合规"},
        {"unknown_level", "开发区级别不明"},
        {"unmatched_location", "坐落未匹配"},
        {"unmatched_parcel_code", "宗地编号未匹配"},
        {"unplaced_project", "项目未落地"},
        {"unreadable_value", "数值无法读取"},
    };
    for (const auto& [key, zh] : kNames)
        if (k == key) return zh;
    return k;
}

std::string severity_label(Severity s, bool english) {
    if (english) return to_string(s);
    return s == Severity::Error ? "错误" : s == Severity::Warning ? "警告" : "提示";
}

std::string layer_label(const std::string& l, bool english) {
    if (english) return l;
    return l == "zones"      ? "开发区"
           : l == "parcels"  ? "宗地"
           : l == "ledger"   ? "台账"
           : l == "pipeline" ? "项目库"
                             : l;
}

}  // namespace

std::string problem_kind_label(const std::string& kind, bool english) {
    return english ? kind : kind_zh(kind);
}

Table problems_table(const std::vector<Problem>& problems, bool english) {
    Table t;
    t.name = "problems";
    t.decimals = 6;
    t.headers = english ? std::vector<std::string>{"kind", "severity", "layer", "id", "lon", "lat", "message"}
                        : std::vector<std::string>{"类型", "级别", "图层", "编号", "经度", "纬度", "说明"};
    for (const auto& p : problems) {
        t.rows.push_back({english ? p.kind : kind_zh(p.kind), severity_label(p.severity, english),
                          layer_label(p.layer, english), p.id, p.lon, p.lat,
                          english ? p.message_en : p.message_zh});
    }
    return t;
}

void write_problems_gpkg(const std::vector<Problem>& problems, const std::string& path) {
    gdal::Writer w("GPKG", path);
    gdal::Layer lyr = w.create_layer("problems", wkbPoint, "EPSG:4490");
    for (const char* n : {"kind", "severity", "layer", "feature_id", "message_zh", "message_en"})
        lyr.add_field(n, OFTString);
    w.begin();
    for (const auto& p : problems) {
        gdal::FeaturePtr f = lyr.new_feature();
        OGR_F_SetFieldString(f.get(), 0, p.kind.c_str());
        OGR_F_SetFieldString(f.get(), 1, to_string(p.severity));
        OGR_F_SetFieldString(f.get(), 2, p.layer.c_str());
        OGR_F_SetFieldString(f.get(), 3, p.id.c_str());
        OGR_F_SetFieldString(f.get(), 4, p.message_zh.c_str());
        OGR_F_SetFieldString(f.get(), 5, p.message_en.c_str());
        if (p.lon != 0.0 || p.lat != 0.0) {  // a problem with no place of its own has no geometry, not (0, 0)
            OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_SetPoint_2D(g, 0, p.lon, p.lat);
            OGR_F_SetGeometryDirectly(f.get(), g);
        }
        lyr.write(f.get(), "the problem '" + p.kind + "' of " + p.id);
    }
    w.commit();
}

}  // namespace pa::report
