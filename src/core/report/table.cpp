#include "core/report/table.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "core/common/error.hpp"
#include "core/gdal/gdal_handles.hpp"

namespace pa::report {

namespace {

/// Display width of a UTF-8 string: 2 for CJK and full-width code points, 1 otherwise.
size_t display_width(const std::string& s) {
    size_t w = 0;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        uint32_t cp = c;
        size_t len = 1;
        if (c >= 0xF0) len = 4, cp = c & 0x07;
        else if (c >= 0xE0) len = 3, cp = c & 0x0F;
        else if (c >= 0xC0) len = 2, cp = c & 0x1F;
        for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += len;
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
    }
    return w;
}

bool is_number(const Cell& c) { return std::holds_alternative<int64_t>(c) || std::holds_alternative<double>(c); }

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

void remove_existing(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) std::filesystem::remove(path, ec);
    if (ec) throw InputError("The output file '" + path + "' exists and cannot be replaced: " + ec.message() + ".");
}

gdal::DatasetPtr create_dataset(const char* driver_name, const std::string& path) {
    gdal::init();
    GDALDriverH drv = GDALGetDriverByName(driver_name);
    if (!drv) throw InternalError(std::string("GDAL has no ") + driver_name + " driver in this installation.");
    remove_existing(path);
    gdal::DatasetPtr ds(GDALCreate(drv, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) {
        throw InputError("Cannot create the output file '" + path + "' (" + gdal::last_error() +
                         "); check that its folder exists and is writable.");
    }
    return ds;
}

}  // namespace

std::string extension_of(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    if (!ext.empty() && ext[0] == '.') ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
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
            line.push_back(r[i].index() == 0 ? std::string("-") : format_cell(r[i], t.decimals));
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
    for (size_t i = 0; i < t.headers.size(); ++i) out += (i ? "," : "") + csv_quote(t.headers[i]);
    out += "\r\n";
    for (const auto& r : t.rows) {
        for (size_t i = 0; i < r.size(); ++i) {
            // Full precision for machines: reals with up to 10 decimals, trailing zeros kept simple.
            std::string v = std::holds_alternative<double>(r[i]) ? fmt::format("{}", std::get<double>(r[i]))
                                                                 : format_cell(r[i], t.decimals);
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
        for (const auto& c : r) out += " " + md_escape(format_cell(c, t.decimals)) + " |";
        out += "\n";
    }
    return out;
}

void write_file(const std::string& path, const std::string& content, bool utf8_bom) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) throw InputError("Cannot write the output file '" + path + "'; check that its folder exists and is writable.");
    if (utf8_bom) f << "\xEF\xBB\xBF";
    f << content;
    f.close();
    if (!f) throw InputError("Writing the output file '" + path + "' failed (disk full?).");
}

void write_xlsx(const Table& t, const std::string& path) {
    auto ds = create_dataset("XLSX", path);
    OGRLayerH lyr = GDALDatasetCreateLayer(ds.get(), t.name.empty() ? "report" : t.name.c_str(), nullptr, wkbNone,
                                           nullptr);
    if (!lyr) throw InternalError("GDAL could not create a sheet in '" + path + "': " + gdal::last_error());
    for (size_t i = 0; i < t.headers.size(); ++i) {
        OGRFieldType type = OFTString;
        for (const auto& r : t.rows) {
            if (i >= r.size() || r[i].index() == 0) continue;
            type = std::holds_alternative<std::string>(r[i]) ? OFTString
                   : std::holds_alternative<int64_t>(r[i])   ? OFTInteger64
                                                              : OFTReal;
            break;
        }
        OGRFieldDefnH fd = OGR_Fld_Create(t.headers[i].c_str(), type);
        OGRErr err = OGR_L_CreateField(lyr, fd, TRUE);
        OGR_Fld_Destroy(fd);
        if (err != OGRERR_NONE) throw InternalError("GDAL could not add column '" + t.headers[i] + "' to '" + path + "'.");
    }
    for (const auto& r : t.rows) {
        gdal::FeaturePtr f(OGR_F_Create(OGR_L_GetLayerDefn(lyr)));
        for (size_t i = 0; i < r.size(); ++i) {
            int fi = static_cast<int>(i);
            if (std::holds_alternative<std::string>(r[i])) OGR_F_SetFieldString(f.get(), fi, std::get<std::string>(r[i]).c_str());
            else if (std::holds_alternative<int64_t>(r[i])) OGR_F_SetFieldInteger64(f.get(), fi, std::get<int64_t>(r[i]));
            else if (std::holds_alternative<double>(r[i])) OGR_F_SetFieldDouble(f.get(), fi, std::get<double>(r[i]));
        }
        if (OGR_L_CreateFeature(lyr, f.get()) != OGRERR_NONE)
            throw InternalError("GDAL could not write a row to '" + path + "': " + gdal::last_error());
    }
    ds.reset();  // GDALClose flushes the file
    if (!std::filesystem::exists(path)) throw InputError("Writing '" + path + "' failed: " + gdal::last_error());
}

Table problems_table(const std::vector<Problem>& problems, bool english) {
    Table t;
    t.name = "problems";
    t.decimals = 6;
    t.headers = english ? std::vector<std::string>{"kind", "severity", "layer", "id", "lon", "lat", "message"}
                        : std::vector<std::string>{"类型", "级别", "图层", "编号", "经度", "纬度", "说明"};
    for (const auto& p : problems) {
        t.rows.push_back({p.kind, std::string(to_string(p.severity)), p.layer, p.id, p.lon, p.lat,
                          english ? p.message_en : p.message_zh});
    }
    return t;
}

void write_problems_gpkg(const std::vector<Problem>& problems, const std::string& path) {
    auto ds = create_dataset("GPKG", path);
    auto srs = gdal::make_srs("EPSG:4490");
    OGRLayerH lyr = GDALDatasetCreateLayer(ds.get(), "problems", srs.get(), wkbPoint, nullptr);
    if (!lyr) throw InternalError("GDAL could not create the layer 'problems' in '" + path + "': " + gdal::last_error());
    const char* names[] = {"kind", "severity", "layer", "feature_id", "message_zh", "message_en"};
    for (const char* n : names) {
        OGRFieldDefnH fd = OGR_Fld_Create(n, OFTString);
        OGR_L_CreateField(lyr, fd, TRUE);
        OGR_Fld_Destroy(fd);
    }
    if (OGR_L_StartTransaction(lyr) != OGRERR_NONE)
        throw InternalError("GDAL could not start a transaction on '" + path + "': " + gdal::last_error());
    for (const auto& p : problems) {
        gdal::FeaturePtr f(OGR_F_Create(OGR_L_GetLayerDefn(lyr)));
        OGR_F_SetFieldString(f.get(), 0, p.kind.c_str());
        OGR_F_SetFieldString(f.get(), 1, to_string(p.severity));
        OGR_F_SetFieldString(f.get(), 2, p.layer.c_str());
        OGR_F_SetFieldString(f.get(), 3, p.id.c_str());
        OGR_F_SetFieldString(f.get(), 4, p.message_zh.c_str());
        OGR_F_SetFieldString(f.get(), 5, p.message_en.c_str());
        OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(g, 0, p.lon, p.lat);
        OGR_F_SetGeometryDirectly(f.get(), g);
        if (OGR_L_CreateFeature(lyr, f.get()) != OGRERR_NONE)
            throw InternalError("GDAL could not write a problem to '" + path + "': " + gdal::last_error());
    }
    if (OGR_L_CommitTransaction(lyr) != OGRERR_NONE)
        throw InternalError("GDAL could not commit the problems to '" + path + "': " + gdal::last_error());
    ds.reset();  // GDALClose flushes the file
    if (!std::filesystem::exists(path)) throw InputError("Writing '" + path + "' failed: " + gdal::last_error());
}

}  // namespace pa::report
