// The evaluation as JSON (docs/cli.md, `grade`) and as tables, in Chinese or English.
#include "core/evaluation/grade.hpp"

#include <ostream>

namespace pa::evaluation {

namespace {

nlohmann::json num(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
nlohmann::json num(OptDouble v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

/// The indicators an enterprise's group uses (all of them when it has no group).
std::vector<Indicator> used_indicators(const Evaluation& ev, const std::string& group) {
    std::vector<Indicator> out;
    auto push = [&](Indicator i) {
        if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
    };
    for (const auto& g : ev.config.groups)
        if (group.empty() || g.name == group)
            for (const auto& is : g.indicators) {
                push(is.indicator);
                if (is.fallback) push(*is.fallback);
            }
    return out;
}

const char* reason_text(const std::string& reason, bool english) {
    struct R {
        const char* key;
        const char* zh;
        const char* en;
    };
    static const R kReasons[] = {
        {"utility", "公用事业企业，不参与评级", "utility: not graded"},
        {"under_construction", "项目在建、尚未投产，不参与评级", "under construction: not producing yet"},
        {"no_land_area", "用地面积不明，无法计算亩均指标", "land area unknown: no per-mu figures"},
        {"producing_under_a_year", "投产不满一年，计分不评级",
         "producing for under a year: scored, not graded"},
        {"no_group", "不属于任何评价分组", "in no formula group of the preset"},
    };
    for (const auto& r : kReasons)
        if (reason == r.key) return english ? r.en : r.zh;
    return "";
}

std::string scale_text(bool above, bool english) {
    return english ? (above ? "above scale" : "below scale") : (above ? "规上" : "规下");
}

nlohmann::json enterprise_json(const Evaluation& ev, const Enterprise& e) {
    using nlohmann::json;
    json ind = json::object();
    for (Indicator i : used_indicators(ev, e.group))
        ind[to_string(i)] = num(e.indicators[static_cast<int>(i)]);
    json parts = json::object();
    for (const auto& [k, v] : e.score_parts) parts[k] = v;
    json zone_mu = json::object();
    for (const auto& [z, mu] : e.zone_area_mu)
        if (!z.empty()) zone_mu[z] = mu;
    return {{"credit_code", e.credit_code},
            {"name", e.name},
            {"zones", e.zones},
            {"area_mu", e.area_known ? json(e.area_mu) : json(nullptr)},
            {"area_mu_by_zone", zone_mu},
            {"scale", e.above_scale ? "above" : "below"},
            {"scale_source", e.scale_source},
            {"group", e.group.empty() ? json(nullptr) : json(e.group)},
            {"projects", e.project_ids},
            {"first_production_date",
             e.first_production_date.empty() ? json(nullptr) : json(e.first_production_date)},
            {"figures",
             {{"tax_wan", num(e.tax_wan)},
              {"value_added_wan", num(e.value_added_wan)},
              {"revenue_wan", num(e.revenue_wan)},
              {"energy_tce", num(e.energy_tce)},
              {"emission_t", num(e.emission_t)},
              {"electricity_wan_kwh", num(e.electricity_wan_kwh)},
              {"jobs", num(e.jobs)},
              {"rd_wan", num(e.rd_wan)}}},
            {"indicators", ind},
            {"score", num(e.score)},
            {"score_parts", parts},
            {"imputed", e.imputed},
            {"fallbacks", e.fallbacks},
            {"rank", e.rank > 0 ? json(e.rank) : json(nullptr)},
            {"grade", e.grade ? json(std::string(1, e.grade)) : json(nullptr)},
            {"not_graded_reason", e.not_graded_reason.empty() ? json(nullptr) : json(e.not_graded_reason)}};
}

}  // namespace

nlohmann::json to_json(const Evaluation& ev) {
    using nlohmann::json;
    json groups = json::array();
    for (const auto& g : ev.config.groups) {
        json ind = json::array();
        for (const auto& is : g.indicators) {
            const std::string name = to_string(is.indicator);
            auto b = ev.benchmarks.find(g.name);
            std::optional<double> used;
            if (b != ev.benchmarks.end() && b->second.count(name)) used = b->second.at(name);
            ind.push_back({{"indicator", name},
                           {"weight", is.weight},
                           {"benchmark", num(used)},
                           {"benchmark_is_average", !is.benchmark.has_value()}});
        }
        json members = json::object();
        members["name"] = g.name;
        members["indicators"] = ind;
        groups.push_back(members);
    }
    json ents = json::array();
    for (const auto& e : ev.enterprises) ents.push_back(enterprise_json(ev, e));
    json zones = json::array();
    for (const auto& z : ev.zones) {
        json counts = json::object(), area = json::object();
        for (int g = 0; g < 4; ++g) {
            const std::string k(1, static_cast<char>('A' + g));
            counts[k] = z.counts[static_cast<size_t>(g)];
            area[k] = z.area_mu[static_cast<size_t>(g)];
        }
        zones.push_back(
            {{"code", z.code}, {"counts", counts}, {"area_mu", area}, {"not_graded", z.not_graded}});
    }
    return {{"year", ev.year},
            {"config", ev.config.preset},
            {"config_file", ev.config.file},
            {"source", ev.config.source},
            {"pollutant", ev.config.pollutant},
            {"cap", ev.config.cap},
            {"missing_rule", ev.config.missing == MissingRule::GroupMean ? "group_mean" : "zero"},
            {"grade_method", ev.config.method == GradeMethod::Rank ? "rank" : "score"},
            {"groups", groups},
            {"notes", ev.notes},
            {"enterprises", ents},
            {"zones", zones}};
}

void write_json(std::ostream& out, const Evaluation& ev) {
    // The document without its enterprises, then each enterprise dumped on its own: a province's 600,000
    // firms never stand in memory as one JSON tree (about 10x the size of the evaluation itself).
    Evaluation head;
    head.year = ev.year;
    head.config = ev.config;
    head.zones = ev.zones;
    head.benchmarks = ev.benchmarks;
    head.notes = ev.notes;
    std::string text = to_json(head).dump(2);
    const std::string key = "\"enterprises\": [],";
    const size_t at = text.find(key);
    out << text.substr(0, at) << "\"enterprises\": [";
    for (size_t k = 0; k < ev.enterprises.size(); ++k) {
        std::string item = enterprise_json(ev, ev.enterprises[k]).dump(2);
        std::string indented = "    ";
        for (char c : item) {
            indented += c;
            if (c == '\n') indented += "    ";
        }
        out << (k ? ",\n" : "\n") << indented;
    }
    out << (ev.enterprises.empty() ? "]," : "\n  ],") << text.substr(at + key.size()) << "\n";
}

report::Table enterprises_table(const Evaluation& ev, bool english) {
    report::Table t;
    t.name = english ? "grades" : "亩均评价";
    const std::vector<Indicator> inds = used_indicators(ev, "");
    t.headers = english ? std::vector<std::string>{"Group",      "Rank",  "Grade", "Score",    "Credit code",
                                                   "Enterprise", "Zones", "Scale", "Area (mu)"}
                        : std::vector<std::string>{"分组",     "排名", "等级", "得分",    "统一社会信用代码",
                                                   "企业名称", "园区", "规模", "用地(亩)"};
    for (Indicator i : inds) t.headers.push_back(indicator_label(i, english));
    t.headers.push_back(english ? "Not graded because" : "未评级原因");
    for (const auto& e : ev.enterprises) {
        std::vector<report::Cell> r;
        r.emplace_back(e.group);
        r.push_back(e.rank > 0 ? report::Cell(int64_t{e.rank}) : report::Cell());
        r.push_back(e.grade ? report::Cell(std::string(1, e.grade)) : report::Cell());
        r.push_back(report::cell(e.score));
        r.emplace_back(e.credit_code);
        r.emplace_back(e.name);
        std::string zones;
        for (const auto& z : e.zones) zones += (zones.empty() ? "" : ";") + z;
        r.emplace_back(zones);
        r.emplace_back(scale_text(e.above_scale, english));
        r.push_back(e.area_known ? report::Cell(e.area_mu) : report::Cell());
        for (Indicator i : inds) r.push_back(report::cell(e.indicators[static_cast<int>(i)]));
        r.emplace_back(std::string(reason_text(e.not_graded_reason, english)));
        t.rows.push_back(std::move(r));
    }
    t.decimals = 4;
    return t;
}

report::Table zone_grades_table(const Evaluation& ev, const std::vector<Zone>& zones, bool english) {
    report::Table t;
    t.name = english ? "grades by zone" : "园区等级分布";
    t.headers = english ? std::vector<std::string>{"Zone",       "A",      "B",      "C",      "D",
                                                   "Not graded", "A (mu)", "B (mu)", "C (mu)", "D (mu)"}
                        : std::vector<std::string>{"园区",        "A类",        "B类",         "C类",
                                                   "D类",         "未评级",     "A类用地(亩)", "B类用地(亩)",
                                                   "C类用地(亩)", "D类用地(亩)"};
    for (const auto& z : ev.zones) {
        std::string name = z.code;
        for (const auto& zz : zones)
            if (zz.code == z.code) name = english ? (zz.name_en.empty() ? zz.code : zz.name_en) : zz.name_zh;
        std::vector<report::Cell> r{name};
        for (int c : z.counts) r.emplace_back(int64_t{c});
        r.emplace_back(int64_t{z.not_graded});
        for (double a : z.area_mu) r.emplace_back(a);
        t.rows.push_back(std::move(r));
    }
    t.decimals = 2;
    return t;
}

}  // namespace pa::evaluation
