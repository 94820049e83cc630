#include "core/analysis/targets.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <fstream>
#include <set>
#include <string_view>

#include "core/analysis/date.hpp"
#include "core/common/error.hpp"
#include "core/common/json_file.hpp"
#include "core/common/units.hpp"

namespace pa::analysis {

TargetsConfig default_targets_config() {
    TargetsConfig c;
    c.source = "built-in";
    c.plan = "贵阳市贵安新区产业大招商三年倍增行动计划（2021—2023）, section 二 行动目标";
    return c;
}

namespace {

std::optional<double> opt_num(const nlohmann::json& j, const char* key, const std::string& where) {
    if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
    if (!j.at(key).is_number())
        throw InputError("The targets file '" + where + "' has a non-number at '" + key +
                         "'; write a number or null.");
    return j.at(key).get<double>();
}

void read_pair(const nlohmann::json& t, const char* key, WholeGuian& out, const std::string& where) {
    if (!t.contains(key)) return;
    const auto& v = t.at(key);
    if (v.is_null()) {
        out = {};
        return;
    }
    if (!v.is_object())
        throw InputError("The targets file '" + where + "' has '" + key +
                         "' that is not an object; write {\"whole\": N, \"guian\": N}.");
    out.whole = opt_num(v, "whole", where);
    out.guian = opt_num(v, "guian", where);
}

std::vector<std::string> strings(const nlohmann::json& j, const char* key, const std::string& where,
                                 std::vector<std::string> fallback) {
    if (!j.contains(key)) return fallback;
    if (!j.at(key).is_array())
        throw InputError("The targets file '" + where + "' has '" + key + "' that is not a list of strings.");
    std::vector<std::string> out;
    for (const auto& v : j.at(key)) {
        if (!v.is_string())
            throw InputError("The targets file '" + where + "' has a non-string in '" + key + "'.");
        out.push_back(v.get<std::string>());
    }
    return out;
}

std::string_view trim_view(std::string_view s) {
    size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
    return a == std::string_view::npos ? std::string_view() : s.substr(a, b - a + 1);
}
std::string trim(const std::string& s) {
    return std::string(trim_view(s));
}

// Distinct values of a list (sorted and made unique in place): the firms and projects counted per scope. A
// list of views into the ledger's own strings, not a set of copies (600,000 projects: 16 bytes an entry, not
// a tree node with its string).
int count_distinct(std::vector<std::string_view>& v) {
    std::sort(v.begin(), v.end());
    return static_cast<int>(std::unique(v.begin(), v.end()) - v.begin());
}

}  // namespace

TargetsConfig targets_config_from_json(const nlohmann::json& j, const std::string& where) {
    if (!j.is_object()) throw InputError("The targets file '" + where + "' is not a JSON object.");
    TargetsConfig c = default_targets_config();
    c.source = where;
    if (j.contains("plan") && j.at("plan").is_string()) c.plan = j.at("plan").get<std::string>();
    if (j.contains("years")) {
        if (!j.at("years").is_array() || j.at("years").empty())
            throw InputError("The targets file '" + where + "' has 'years' that is not a list of years.");
        c.years.clear();
        for (const auto& y : j.at("years")) {
            if (!y.is_number_integer() || y.get<int>() < 2021 || y.get<int>() > 2023)
                throw InputError(
                    "The targets file '" + where +
                    "' lists a year the ledger has no 到位资金 column for; use 2021, 2022 or 2023.");
            c.years.push_back(y.get<int>());
        }
    }
    c.guian_zone_codes = strings(j, "guian_zone_codes", where, c.guian_zone_codes);
    c.guian_zone_names = strings(j, "guian_zone_names", where, c.guian_zone_names);
    c.industrial_industries = strings(j, "industrial_industries", where, c.industrial_industries);
    c.baseline_2018_2020_funds_yi = opt_num(j, "baseline_2018_2020_funds_yi", where);
    c.baseline_2020_funds_yi = opt_num(j, "baseline_2020_funds_yi", where);
    if (j.contains("targets")) {
        const auto& t = j.at("targets");
        if (!t.is_object())
            throw InputError("The targets file '" + where + "' has 'targets' that is not an object.");
        read_pair(t, "funds_in_place_yi", c.funds_in_place_yi, where);
        if (t.contains("funds_growth_min_per_year"))
            c.funds_growth_min_per_year = opt_num(t, "funds_growth_min_per_year", where);
        if (t.contains("funds_vs_baseline_min_ratio"))
            c.funds_vs_baseline_min_ratio = opt_num(t, "funds_vs_baseline_min_ratio", where);
        read_pair(t, "industrial_funds_yi", c.industrial_funds_yi, where);
        if (t.contains("industrial_share_min"))
            c.industrial_share_min = opt_num(t, "industrial_share_min", where);
        read_pair(t, "quality_firms", c.quality_firms, where);
        read_pair(t, "headquarters_firms", c.headquarters_firms, where);
        read_pair(t, "digital_economy_projects", c.digital_economy_projects, where);
        read_pair(t, "central_soe_total_invest_yi", c.central_soe_total_invest_yi, where);
    }
    return c;
}

TargetsConfig load_targets_config(const std::string& path) {
    const nlohmann::json j =
        read_json_file(path, "targets file '" + path + "' (given to --config)", "fix it.");
    return targets_config_from_json(j, path);
}

bool is_guian(const Project& p, const std::string& zone_code, const TargetsConfig& cfg) {
    if (!zone_code.empty())
        return std::find(cfg.guian_zone_codes.begin(), cfg.guian_zone_codes.end(), zone_code) !=
               cfg.guian_zone_codes.end();
    const std::string name = trim(p.zone_name);
    return std::find(cfg.guian_zone_names.begin(), cfg.guian_zone_names.end(), name) !=
           cfg.guian_zone_names.end();
}

bool is_industrial(const Project& p, const TargetsConfig& cfg) {
    const std::string ind = trim(p.industry);
    return std::find(cfg.industrial_industries.begin(), cfg.industrial_industries.end(), ind) !=
           cfg.industrial_industries.end();
}

TargetsProgress targets_progress(const std::vector<Project>& projects, const LedgerIndex& ix,
                                 const TargetsConfig& cfg) {
    TargetsProgress r;
    r.config = cfg;
    r.whole.key = "whole";
    r.guian.key = "guian";
    std::map<std::string, TargetsScope> zones;
    // Distinct firms / projects per scope (views into `projects`, and into row_ids for projects without an
    // id).
    std::map<std::string, std::vector<std::string_view>> quality, hq, digital;
    std::map<std::string, std::set<std::string_view>> soe;
    std::deque<std::string> row_ids;
    const int first_year = *std::min_element(cfg.years.begin(), cfg.years.end());
    const int last_year = *std::max_element(cfg.years.begin(), cfg.years.end());
    for (size_t i = 0; i < projects.size(); ++i) {
        const Project& p = projects[i];
        const std::string zone = i < ix.project_zone.size() ? ix.project_zone[i] : "";
        std::vector<TargetsScope*> scopes{&r.whole};
        if (is_guian(p, zone, cfg)) scopes.push_back(&r.guian);
        TargetsScope& zs = zones[zone];
        zs.key = zone;
        scopes.push_back(&zs);
        const bool industrial = is_industrial(p, cfg);
        const std::string_view credit = trim_view(p.credit_code);
        const std::string_view firm = !credit.empty() ? credit : trim_view(p.enterprise);
        std::string_view pid = trim_view(p.project_id);
        if (pid.empty() && (p.digital_economy || p.central_soe || !p.enterprise_kind.empty()))
            pid = row_ids.emplace_back("#row" + std::to_string(p.id));
        auto sign = date_of(p.sign_date);
        const bool signed_in_plan = !sign || (sign->ymd().y >= first_year && sign->ymd().y <= last_year);
        for (TargetsScope* s : scopes) {
            s->ledger_rows += 1;
            for (int y : cfg.years) {
                std::optional<double> v = y == 2021   ? p.funds_2021_wan
                                          : y == 2022 ? p.funds_2022_wan
                                                      : p.funds_2023_wan;
                if (!v) continue;
                s->funds_wan[y] += *v;
                s->funds_total_wan += *v;
                if (industrial) {
                    s->industrial_funds_wan[y] += *v;
                    s->industrial_funds_total_wan += *v;
                }
            }
            if (p.quality_firm && !firm.empty()) quality[s->key].push_back(firm);
            if (p.headquarters && !firm.empty()) hq[s->key].push_back(firm);
            if (p.digital_economy) digital[s->key].push_back(pid);
            const bool central = p.central_soe || trim_view(p.enterprise_kind.view()) == "央企";
            if (central && signed_in_plan && (p.total_invest_wan || p.fixed_invest_wan) &&
                soe[s->key].insert(pid).second)
                s->central_soe_total_invest_wan +=
                    p.total_invest_wan ? *p.total_invest_wan : *p.fixed_invest_wan;
        }
    }
    auto finish = [&](TargetsScope& s, const std::string& set_key) {
        s.quality_firms = count_distinct(quality[set_key]);
        s.headquarters_firms = count_distinct(hq[set_key]);
        s.digital_economy_projects = count_distinct(digital[set_key]);
        for (int y : cfg.years) {
            s.funds_wan.try_emplace(y, 0.0);
            s.industrial_funds_wan.try_emplace(y, 0.0);
        }
    };
    finish(r.whole, "whole");
    finish(r.guian, "guian");
    for (auto& [k, z] : zones) {
        // A zone scope keyed "whole"/"guian" cannot happen: zone codes are upper case with dashes.
        finish(z, k);
        r.zones.push_back(z);
    }
    std::vector<double> growth;
    const double base_wan =
        cfg.baseline_2020_funds_yi ? units::wan_from_yi(*cfg.baseline_2020_funds_yi) : 0.0;
    if (base_wan > 0.0 && !cfg.years.empty()) {  // the first year over the year before it
        const double b = r.whole.funds_wan[cfg.years.front()];
        r.funds_growth[cfg.years.front()] = b / base_wan - 1.0;
        growth.push_back(b / base_wan);
    }
    for (size_t k = 1; k < cfg.years.size(); ++k) {
        const int y = cfg.years[k], prev = cfg.years[k - 1];
        const double a = r.whole.funds_wan[prev], b = r.whole.funds_wan[y];
        if (a > 0.0) {
            r.funds_growth[y] = b / a - 1.0;
            growth.push_back(b / a);
        } else {
            r.funds_growth[y] = std::nullopt;
        }
    }
    const size_t steps_wanted = cfg.years.size() - (base_wan > 0.0 ? 0 : 1);
    if (!growth.empty() && growth.size() == steps_wanted) {
        double prod = 1.0;
        for (double g : growth) prod *= g;
        r.funds_avg_growth = std::pow(prod, 1.0 / double(growth.size())) - 1.0;
        r.funds_avg_growth_steps = static_cast<int>(growth.size());
    }
    if (cfg.baseline_2018_2020_funds_yi && *cfg.baseline_2018_2020_funds_yi > 0.0)
        r.funds_vs_baseline_ratio =
            r.whole.funds_total_wan / units::wan_from_yi(*cfg.baseline_2018_2020_funds_yi);
    if (r.whole.funds_total_wan > 0.0)
        r.industrial_share = r.whole.industrial_funds_total_wan / r.whole.funds_total_wan;
    return r;
}

}  // namespace pa::analysis
