#include "core/io/landuse.hpp"

#include <cctype>
#include <string_view>

#include "core/io/values.hpp"

namespace pa::io {

namespace {

struct Entry {
    std::string_view code;  // exact code, or a 2-digit class prefix
    LandUse use;
};

// GB/T 21010-2017 (二级类) plus the third land survey's working codes. Exact 4-character codes first, then
// the 2-digit first-level class as a fallback.
constexpr Entry kGbt[] = {
    {"0601", LandUse::Industrial},   {"0602", LandUse::Mining},     {"0603", LandUse::Other},  // 盐田
    {"0604", LandUse::Storage},      {"0508", LandUse::Storage},  // 物流仓储用地 (third survey)
    {"05H1", LandUse::Commercial},                               // 商业服务业设施用地 (third survey)
    {"0810", LandUse::Green},        {"0810A", LandUse::Green},  // 公园与绿地 (0810A 广场用地 in the survey)
    {"08H1", LandUse::Public},       {"08H2", LandUse::Public},     {"08H2A", LandUse::Public},
    {"0809", LandUse::Public},        // 公用设施用地
    {"1202", LandUse::Agricultural},  // 设施农用地
    {"06", LandUse::Industrial},     {"05", LandUse::Commercial},   {"07", LandUse::Residential},
    {"08", LandUse::Public},         {"09", LandUse::Other},  // 特殊用地
    {"10", LandUse::Transport},      {"01", LandUse::Agricultural}, {"02", LandUse::Agricultural},
    {"03", LandUse::Agricultural},   {"04", LandUse::Agricultural}, {"11", LandUse::Other},  // 水域
    {"12", LandUse::Other},
};

// 用地用海分类 (2020+).
constexpr Entry kYdyh[] = {
    {"1001", LandUse::Industrial},   {"100101", LandUse::Industrial}, {"100102", LandUse::Industrial},
    {"100103", LandUse::Industrial}, {"1002", LandUse::Mining},       {"1003", LandUse::Other},  // 盐田
    {"1101", LandUse::Storage},      {"1102", LandUse::Storage},      {"10", LandUse::Industrial},
    {"11", LandUse::Storage},        {"09", LandUse::Commercial},     {"07", LandUse::Residential},
    {"08", LandUse::Public},         {"13", LandUse::Public},  // 公用设施
    {"14", LandUse::Green},          {"12", LandUse::Transport},      {"01", LandUse::Agricultural},
    {"02", LandUse::Agricultural},   {"03", LandUse::Agricultural},   {"04", LandUse::Agricultural},
    {"06", LandUse::Agricultural},  // 农业设施建设用地
    {"05", LandUse::Other},          {"15", LandUse::Other},          {"16", LandUse::Other},
    {"17", LandUse::Other},          {"23", LandUse::Other},          {"24", LandUse::Other},
};

std::string clean_code(const std::string& code) {
    std::string s = trim(to_half_width(code));
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '-' && c != '.')
            out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return out;
}

template <size_t N>
LandUse lookup(const Entry (&table)[N], const std::string& c) {
    for (const Entry& e : table)
        if (e.code == c) return e.use;
    for (size_t len : {size_t{4}, size_t{2}}) {
        if (c.size() <= len) continue;
        const std::string_view pre(c.data(), len);
        for (const Entry& e : table)
            if (e.code == pre) return e.use;
    }
    return LandUse::Other;
}

}  // namespace

const char* to_string(LandUseScheme s) {
    return s == LandUseScheme::Ydyh2020 ? "ydyh2020" : "gbt21010";
}

LandUse classify_landuse(const std::string& code, LandUseScheme scheme) {
    const std::string c = clean_code(code);
    if (c.empty()) return LandUse::Other;
    return scheme == LandUseScheme::Ydyh2020 ? lookup(kYdyh, c) : lookup(kGbt, c);
}

std::optional<LandUse> classify_landuse_name(const std::string& name) {
    struct K {
        std::string_view word;
        LandUse use;
    };
    static constexpr K keys[] = {
        {"工业", LandUse::Industrial},   {"采矿", LandUse::Mining},       {"仓储", LandUse::Storage},
        {"物流", LandUse::Storage},      {"商业", LandUse::Commercial},   {"商服", LandUse::Commercial},
        {"商务", LandUse::Commercial},   {"住宅", LandUse::Residential},  {"居住", LandUse::Residential},
        {"绿地", LandUse::Green},        {"公园", LandUse::Green},        {"交通", LandUse::Transport},
        {"道路", LandUse::Transport},    {"铁路", LandUse::Transport},    {"公路", LandUse::Transport},
        {"耕地", LandUse::Agricultural}, {"园地", LandUse::Agricultural}, {"林地", LandUse::Agricultural},
        {"草地", LandUse::Agricultural}, {"公共", LandUse::Public},       {"机关", LandUse::Public},
        {"科教", LandUse::Public},       {"教育", LandUse::Public},       {"医疗", LandUse::Public},
        {"公用设施", LandUse::Public},
    };
    for (const K& k : keys)
        if (name.find(k.word) != std::string::npos) return k.use;
    return std::nullopt;
}

LandUseScheme detect_scheme(const std::vector<std::string>& codes) {
    int ydyh = 0, gbt = 0;
    for (const std::string& raw : codes) {
        const std::string c = clean_code(raw);
        if (c.size() < 4) continue;
        const std::string_view p2(c.data(), 2);
        const std::string_view p4(c.data(), 4);
        // Only in 用地用海: commercial 09xx, utilities 13xx, green 14xx, special 15xx, 留白 16xx, 1001 with
        // no 06 use.
        if (p2 == "09" || p2 == "13" || p2 == "14" || p2 == "15" || p2 == "16") ++ydyh;
        // Only in GB/T 21010 / third survey: the survey's letter codes, storage 0604, logistics 0508, green
        // 0810.
        if (c.find('H') != std::string::npos || p4 == "0604" || p4 == "0508" || p4 == "0810" || p4 == "0601")
            ++gbt;
    }
    return ydyh > gbt ? LandUseScheme::Ydyh2020 : LandUseScheme::Gbt21010;
}

}  // namespace pa::io
