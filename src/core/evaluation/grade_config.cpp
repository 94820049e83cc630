// Reading config/evaluation.json (grade.hpp): every bad value is an InputError naming the file, the preset
// and the key.
#include <cmath>

#include "core/common/config_file.hpp"
#include "core/common/error.hpp"
#include "core/common/json_file.hpp"
#include "core/evaluation/grade.hpp"

namespace pa::evaluation {

namespace {

struct Names {
    Indicator i;
    const char* key;
    const char* zh;
    const char* en;
};
constexpr Names kNames[kIndicatorCount] = {
    {Indicator::TaxPerMu, "tax_per_mu", "亩均税收(万元/亩)", "Tax per mu (10k CNY/mu)"},
    {Indicator::ValueAddedPerMu, "value_added_per_mu", "亩均增加值(万元/亩)",
     "Value added per mu (10k CNY/mu)"},
    {Indicator::RevenuePerMu, "revenue_per_mu", "亩均营业收入(万元/亩)", "Revenue per mu (10k CNY/mu)"},
    {Indicator::ValueAddedPerEnergy, "value_added_per_energy", "单位能耗增加值(万元/吨标准煤)",
     "Value added per energy (10k CNY/tce)"},
    {Indicator::ValueAddedPerEmission, "value_added_per_emission", "单位排放增加值(万元/吨)",
     "Value added per emission (10k CNY/t)"},
    {Indicator::ValueAddedPerWater, "value_added_per_water", "单位水耗增加值(万元/吨)",
     "Value added per water (10k CNY/t)"},
    {Indicator::LabourProductivity, "labour_productivity", "全员劳动生产率(万元/人)",
     "Labour productivity (10k CNY/person)"},
    {Indicator::RdShare, "rd_share", "研发经费占营业收入比重", "R&D share of revenue"},
    {Indicator::TaxPerKwh, "tax_per_kwh", "单位电耗税收(元/千瓦时)", "Tax per kWh (CNY/kWh)"},
};

[[noreturn]] void bad(const std::string& what, const std::string& key, const std::string& say) {
    throw InputError("The evaluation configuration " + what + ": '" + key + "' " + say +
                     " (see docs/evaluation.md).");
}

double number_at(const nlohmann::json& j, const char* key, const std::string& what, const std::string& where,
                 double fallback) {
    if (!j.contains(key)) return fallback;
    const auto& v = j.at(key);
    if (!v.is_number() || !std::isfinite(v.get<double>())) bad(what, where + key, "must be a finite number");
    return v.get<double>();
}

std::optional<double> opt_positive(const nlohmann::json& j, const char* key, const std::string& what,
                                   const std::string& where) {
    if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
    const auto& v = j.at(key);
    if (!v.is_number() || !(v.get<double>() > 0.0) || !std::isfinite(v.get<double>()))
        bad(what, where + key, "must be a positive number, or null for the group's average");
    return v.get<double>();
}

Indicator indicator_at(const nlohmann::json& v, const std::string& what, const std::string& where) {
    if (!v.is_string()) bad(what, where, "must name an indicator");
    auto i = indicator_from_string(v.get<std::string>());
    if (!i) {
        std::string known;
        for (const auto& n : kNames) known += (known.empty() ? "" : ", ") + std::string(n.key);
        bad(what, where, "names no indicator ('" + v.get<std::string>() + "'); known: " + known);
    }
    return *i;
}

GroupSpec parse_group(const nlohmann::json& g, const std::string& what, const std::string& where) {
    if (!g.is_object()) bad(what, where, "must be an object {\"name\", \"when\", \"indicators\"}");
    GroupSpec s;
    if (!g.contains("name") || !g["name"].is_string() || g["name"].get<std::string>().empty())
        bad(what, where + "name", "must be a non-empty text");
    s.name = g["name"].get<std::string>();
    const std::string at = where + s.name + ".";
    if (g.contains("when")) {
        const auto& w = g["when"];
        if (!w.is_object()) bad(what, at + "when", "must be an object");
        if (w.contains("above_scale")) {
            if (!w["above_scale"].is_boolean()) bad(what, at + "when.above_scale", "must be true or false");
            s.above_scale = w["above_scale"].get<bool>();
        }
        if (w.contains("min_area_mu")) s.min_area_mu = number_at(w, "min_area_mu", what, at + "when.", 0.0);
        if (w.contains("max_area_mu")) s.max_area_mu = number_at(w, "max_area_mu", what, at + "when.", 0.0);
    }
    if (!g.contains("indicators") || !g["indicators"].is_array() || g["indicators"].empty())
        bad(what, at + "indicators", "must be a non-empty list");
    for (const auto& x : g["indicators"]) {
        if (!x.is_object() || !x.contains("indicator"))
            bad(what, at + "indicators", "holds an entry without \"indicator\"");
        IndicatorSpec is;
        is.indicator = indicator_at(x["indicator"], what, at + "indicators[].indicator");
        const std::string iat = at + to_string(is.indicator) + ".";
        is.weight = number_at(x, "weight", what, iat, -1.0);
        if (!(is.weight >= 0.0)) bad(what, iat + "weight", "must be given, a number of 0 or more");
        is.benchmark = opt_positive(x, "benchmark", what, iat);
        if (x.contains("fallback") && !x["fallback"].is_null()) {
            is.fallback = indicator_at(x["fallback"], what, iat + "fallback");
            is.fallback_benchmark = opt_positive(x, "fallback_benchmark", what, iat);
        }
        for (const auto& other : s.indicators)
            if (other.indicator == is.indicator) bad(what, iat + "indicator", "appears twice in the group");
        s.indicators.push_back(is);
    }
    return s;
}

}  // namespace

const char* to_string(Indicator i) {
    return kNames[static_cast<int>(i)].key;
}

std::optional<Indicator> indicator_from_string(const std::string& s) {
    for (const auto& n : kNames)
        if (s == n.key) return n.i;
    return std::nullopt;
}

std::string indicator_label(Indicator i, bool english) {
    return english ? kNames[static_cast<int>(i)].en : kNames[static_cast<int>(i)].zh;
}

EvaluationConfig EvaluationConfig::parse(const nlohmann::json& root, const std::string& what,
                                         const std::string& preset_wanted) {
    if (!root.is_object() || !root.contains("presets") || !root["presets"].is_object() ||
        root["presets"].empty())
        bad(what, "presets", "must be an object of named presets");
    std::string name = preset_wanted;
    if (name.empty()) {
        if (root.contains("default_preset") && root["default_preset"].is_string())
            name = root["default_preset"].get<std::string>();
        else
            name = root["presets"].begin().key();
    }
    if (!root["presets"].contains(name)) {
        std::string known;
        for (auto it = root["presets"].begin(); it != root["presets"].end(); ++it)
            known += (known.empty() ? "" : ", ") + it.key();
        throw InputError("The evaluation configuration " + what + " has no preset '" + name +
                         "'; its presets are: " + known + ".");
    }
    const auto& p = root["presets"][name];
    if (!p.is_object()) bad(what, "presets." + name, "must be an object");
    EvaluationConfig c;
    c.preset = name;
    const std::string at = "presets." + name + ".";
    if (p.contains("source") && p["source"].is_string()) c.source = p["source"].get<std::string>();
    if (p.contains("pollutant") && p["pollutant"].is_string())
        c.pollutant = p["pollutant"].get<std::string>();
    c.cap = number_at(p, "cap", what, at, c.cap);
    if (!(c.cap > 0.0)) bad(what, at + "cap", "must be positive");
    if (p.contains("missing")) {
        const std::string m = p["missing"].is_string() ? p["missing"].get<std::string>() : "";
        if (m == "group_mean")
            c.missing = MissingRule::GroupMean;
        else if (m == "zero")
            c.missing = MissingRule::Zero;
        else
            bad(what, at + "missing", "must be \"group_mean\" or \"zero\"");
    }
    if (p.contains("grades")) {
        const auto& g = p["grades"];
        if (!g.is_object()) bad(what, at + "grades", "must be an object");
        const std::string m = g.value("method", std::string("rank"));
        if (m != "rank" && m != "score") bad(what, at + "grades.method", "must be \"rank\" or \"score\"");
        c.method = m == "rank" ? GradeMethod::Rank : GradeMethod::Score;
        const char* keys[3] = {"A", "B", "C"};
        for (int k = 0; k < 3; ++k) c.cuts[k] = number_at(g, keys[k], what, at + "grades.", c.cuts[k]);
        const bool rank = c.method == GradeMethod::Rank;
        for (int k = 0; k < 3; ++k) {
            if (rank && !(c.cuts[k] > 0.0 && c.cuts[k] <= 1.0))
                bad(what, at + "grades." + keys[k], "must be a share between 0 and 1 for the rank method");
            if (k > 0 && (rank ? c.cuts[k] < c.cuts[k - 1] : c.cuts[k] > c.cuts[k - 1]))
                bad(what, at + "grades." + keys[k],
                    rank ? "must not be below the share of the grade above it"
                         : "must not be above the least score of the grade above it");
        }
    }
    if (p.contains("not_graded")) {
        const auto& n = p["not_graded"];
        if (!n.is_object()) bad(what, at + "not_graded", "must be an object");
        const double days =
            number_at(n, "min_producing_days", what, at + "not_graded.", c.min_producing_days);
        if (days < 0 || days > 3660) bad(what, at + "not_graded.min_producing_days", "must be 0 to 3660");
        c.min_producing_days = static_cast<int>(days);
        if (n.contains("utility_industries")) {
            if (!n["utility_industries"].is_array())
                bad(what, at + "not_graded.utility_industries", "must be a list of 产业类别");
            for (const auto& u : n["utility_industries"])
                if (u.is_string()) c.utility_industries.push_back(u.get<std::string>());
        }
    }
    c.above_scale_revenue_wan = number_at(p, "above_scale_revenue_wan", what, at, c.above_scale_revenue_wan);
    if (!p.contains("groups") || !p["groups"].is_array() || p["groups"].empty())
        bad(what, at + "groups", "must be a non-empty list of formula groups");
    for (const auto& g : p["groups"]) {
        c.groups.push_back(parse_group(g, what, at + "groups."));
        for (size_t k = 0; k + 1 < c.groups.size(); ++k)
            if (c.groups[k].name == c.groups.back().name)
                bad(what, at + "groups." + c.groups.back().name, "is named twice");
    }
    return c;
}

EvaluationConfig EvaluationConfig::load(const std::string& path, const std::string& preset) {
    const nlohmann::json j =
        read_json_file(path, "evaluation configuration '" + path + "'",
                       "check the path or pass --config FILE (see config/evaluation.json)");
    EvaluationConfig c = parse(j, "'" + path + "'", preset);
    c.file = path;
    return c;
}

std::string find_evaluation_config(const std::vector<std::string>& fallback_dirs) {
    return find_config_file("evaluation.json", fallback_dirs);
}

}  // namespace pa::evaluation
