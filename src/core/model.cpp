#include "core/model.hpp"

#include <algorithm>
#include <cctype>

namespace pa {

namespace {
std::string lower_trim(std::string s) {
    auto ws = [](unsigned char c) { return std::isspace(c) != 0; };
    s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), ws));
    s.erase(std::find_if_not(s.rbegin(), s.rend(), ws).base(), s.end());
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}
}  // namespace

const char* to_string(ZoneLevel l) {
    switch (l) {
        case ZoneLevel::NationalNewArea:
            return "national_new_area";
        case ZoneLevel::National:
            return "national";
        case ZoneLevel::Provincial:
            return "provincial";
    }
    return "provincial";
}

const Zone* find_zone(const std::vector<Zone>& zones, const std::string& text) {
    auto lower = [](std::string t) {
        for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return t;
    };
    const size_t a = text.find_first_not_of(" \t\r\n"), b = text.find_last_not_of(" \t\r\n");
    if (a == std::string::npos) return nullptr;
    const std::string name = text.substr(a, b - a + 1), want = lower(name);
    for (const auto& z : zones)
        if (lower(z.code) == want || z.name_zh == name || (!z.name_en.empty() && lower(z.name_en) == want))
            return &z;
    return nullptr;
}

std::optional<ZoneLevel> zone_level_from_string(const std::string& s) {
    std::string v = lower_trim(s);
    if (v == "national_new_area" || v == "国家级新区" || v == "new_area") return ZoneLevel::NationalNewArea;
    if (v == "national" || v == "国家级") return ZoneLevel::National;
    if (v == "provincial" || v == "省级") return ZoneLevel::Provincial;
    return std::nullopt;
}

const char* to_string(LandUse u) {
    switch (u) {
        case LandUse::Industrial:
            return "industrial";
        case LandUse::Mining:
            return "mining";
        case LandUse::Storage:
            return "storage";
        case LandUse::Commercial:
            return "commercial";
        case LandUse::Residential:
            return "residential";
        case LandUse::Public:
            return "public";
        case LandUse::Green:
            return "green";
        case LandUse::Transport:
            return "transport";
        case LandUse::Agricultural:
            return "agricultural";
        case LandUse::Other:
            return "other";
    }
    return "other";
}

std::optional<LandUse> land_use_from_string(const std::string& s) {
    static const LandUse all[] = {
        LandUse::Industrial, LandUse::Mining, LandUse::Storage,   LandUse::Commercial,   LandUse::Residential,
        LandUse::Public,     LandUse::Green,  LandUse::Transport, LandUse::Agricultural, LandUse::Other};
    std::string v = lower_trim(s);
    for (LandUse u : all)
        if (v == to_string(u)) return u;
    // The Chinese class names (GB/T 21010 一级类 / 三调 / 用地用海), with or without 用地.
    static const std::pair<const char*, LandUse> zh[] = {{"工业", LandUse::Industrial},
                                                         {"工矿", LandUse::Industrial},
                                                         {"采矿", LandUse::Mining},
                                                         {"仓储", LandUse::Storage},
                                                         {"物流仓储", LandUse::Storage},
                                                         {"商服", LandUse::Commercial},
                                                         {"商业服务业", LandUse::Commercial},
                                                         {"商业", LandUse::Commercial},
                                                         {"住宅", LandUse::Residential},
                                                         {"居住", LandUse::Residential},
                                                         {"公共管理与公共服务", LandUse::Public},
                                                         {"公共服务", LandUse::Public},
                                                         {"绿地", LandUse::Green},
                                                         {"绿地与开敞空间", LandUse::Green},
                                                         {"交通运输", LandUse::Transport},
                                                         {"交通", LandUse::Transport},
                                                         {"农用地", LandUse::Agricultural},
                                                         {"农业", LandUse::Agricultural},
                                                         {"其他", LandUse::Other}};
    std::string t = v;
    if (t.size() > 6 && t.compare(t.size() - 6, 6, "用地") == 0) t.resize(t.size() - 6);
    for (const auto& [name, u] : zh)
        if (t == name) return u;
    return std::nullopt;
}

const char* to_string(SupplyStatus s) {
    switch (s) {
        case SupplyStatus::Reserved:
            return "reserved";
        case SupplyStatus::ApprovedNotSupplied:
            return "approved_not_supplied";
        case SupplyStatus::Supplied:
            return "supplied";
        case SupplyStatus::UnderConstruction:
            return "under_construction";
        case SupplyStatus::Producing:
            return "producing";
        case SupplyStatus::Idle:
            return "idle";
        case SupplyStatus::Unknown:
            return "unknown";
    }
    return "unknown";
}

std::optional<SupplyStatus> supply_status_from_string(const std::string& s) {
    std::string v = lower_trim(s);
    if (v == "reserved" || v == "储备" || v == "收储") return SupplyStatus::Reserved;
    if (v == "approved_not_supplied" || v == "批而未供" || v == "已批未供")
        return SupplyStatus::ApprovedNotSupplied;
    if (v == "supplied" || v == "已供应" || v == "已供" || v == "供而未用") return SupplyStatus::Supplied;
    if (v == "under_construction" || v == "在建" || v == "建设中") return SupplyStatus::UnderConstruction;
    if (v == "producing" || v == "已投产" || v == "投产") return SupplyStatus::Producing;
    if (v == "idle" || v == "闲置") return SupplyStatus::Idle;
    if (v == "unknown" || v.empty()) return SupplyStatus::Unknown;
    return std::nullopt;
}

const char* to_string(Compliance c) {
    switch (c) {
        case Compliance::Meets:
            return "meets";
        case Compliance::Below:
            return "below";
        case Compliance::NoData:
            return "nodata";
        case Compliance::NotApplicable:
            return "not_applicable";
    }
    return "not_applicable";
}

const char* to_string(Severity s) {
    switch (s) {
        case Severity::Info:
            return "info";
        case Severity::Warning:
            return "warning";
        case Severity::Error:
            return "error";
    }
    return "info";
}

}  // namespace pa
