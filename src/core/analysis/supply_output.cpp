#include "core/analysis/supply_output.hpp"

#include <algorithm>
#include <cmath>

#include "core/common/error.hpp"
#include "core/common/units.hpp"

namespace pa::analysis {

using report::Cell;
using report::Table;

namespace {
Cell num(double v) {
    return Cell(v);
}
Cell cnt(int64_t v) {
    return Cell(v);
}
Cell txt(std::string s) {
    return Cell(std::move(s));
}
Cell opt(const std::optional<double>& v) {
    return v ? Cell(*v) : Cell();
}
Cell opt_date(const std::optional<Date>& d) {
    return d ? Cell(d->iso()) : Cell();
}
nlohmann::json jopt(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
nlohmann::json jdate(const std::optional<Date>& d) {
    return d ? nlohmann::json(d->iso()) : nlohmann::json(nullptr);
}
std::string zone_label(const std::string& z) {
    return z == "*" ? "全部" : z.empty() ? "(无园区)" : z;
}
nlohmann::json money(double wan) {
    return {{"wan", wan}, {"yi", units::yi_from_wan(wan)}};
}
}  // namespace

nlohmann::json table_json(const Table& t) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : t.rows) {
        nlohmann::json o = nlohmann::json::object();
        for (size_t c = 0; c < t.headers.size(); ++c) {
            const Cell cell = c < r.size() ? r[c] : Cell{};
            if (auto s = std::get_if<std::string>(&cell))
                o[t.headers[c]] = *s;
            else if (auto d = std::get_if<double>(&cell))
                o[t.headers[c]] = *d;
            else if (auto i = std::get_if<int64_t>(&cell))
                o[t.headers[c]] = *i;
            else
                o[t.headers[c]] = nullptr;
        }
        arr.push_back(std::move(o));
    }
    return arr;
}

// ---- supply

Table supply_timeline_table(const SupplyReport& r) {
    Table t;
    t.name = "supply_timeline";
    t.headers = {"zone",      "month",       "标准地_mu",      "招拍挂_mu",        "协议_mu",
                 "other_mu",  "supplied_mu", "supplied_count", "reserve_mu",       "approved_not_supplied_mu",
                 "vacant_mu", "idle_mu",     "became_idle_mu", "became_idle_count"};
    for (const auto& m : r.months)
        t.rows.push_back({txt(zone_label(m.zone_code)), txt(Date::month_label(m.month)),
                          num(m.supplied_standard_mu), num(m.supplied_auction_mu),
                          num(m.supplied_agreement_mu), num(m.supplied_other_mu), num(m.supplied_total_mu),
                          cnt(m.supplied_count), num(m.reserve_end_mu), num(m.approved_not_supplied_end_mu),
                          num(m.vacant_end_mu), num(m.idle_end_mu), num(m.became_idle_mu),
                          cnt(m.became_idle_count)});
    return t;
}

Table supply_states_table(const SupplyReport& r) {
    Table t;
    t.name = "land_states";
    t.headers = {"zone", "as_of"};
    for (int s = 0; s < kLandStageCount; ++s) t.headers.push_back(std::string(to_zh(LandStage(s))) + "_mu");
    for (const auto& [k, v] : r.stage_mu) {
        std::vector<Cell> row{txt(zone_label(k)), txt(r.as_of.iso())};
        for (double a : v) row.push_back(num(a));
        t.rows.push_back(std::move(row));
    }
    return t;
}

Table idle_table(const SupplyReport& r) {
    Table t;
    t.name = "idle_clocks";
    t.headers = {"parcel",  "zone",         "area_mu", "stage",         "status",
                 "clock",   "clock_start",  "since",   "next_deadline", "next_deadline_kind",
                 "fee_wan", "exempt_reason"};
    for (const auto& p : r.idle)
        t.rows.push_back({txt(p.code), txt(p.zone_code), num(p.area_mu), txt(to_zh(p.stage)),
                          txt(to_string(p.idle.status)), txt(to_string(p.idle.clock)),
                          opt_date(p.idle.clock_start), opt_date(p.idle.since),
                          opt_date(p.idle.next_deadline), txt(p.idle.next_deadline_kind), opt(p.idle.fee_wan),
                          txt(p.idle.exempt_reason)});
    return t;
}

nlohmann::json to_json(const SupplyReport& r) {
    nlohmann::json j;
    j["from"] = Date::month_label(r.from_month);
    j["to"] = Date::month_label(r.to_month);
    j["as_of"] = r.as_of.iso();
    j["units"] = "亩 (ellipsoidal CGCS2000 area); money in 万元 (wan) and 亿元 (yi)";
    j["timeline"] = table_json(supply_timeline_table(r));
    nlohmann::json states = nlohmann::json::object();
    for (const auto& [k, v] : r.stage_mu) {
        nlohmann::json z = nlohmann::json::object();
        for (int s = 0; s < kLandStageCount; ++s)
            z[to_string(LandStage(s))] = {
                {"zh", to_zh(LandStage(s))}, {"mu", v[size_t(s)]}, {"count", r.stage_count.at(k)[size_t(s)]}};
        states[k] = z;
    }
    j["states_as_of"] = states;
    nlohmann::json idle = nlohmann::json::array();
    double fee = 0.0;
    for (const auto& p : r.idle) {
        idle.push_back({{"parcel_id", p.parcel_id},
                        {"code", p.code},
                        {"zone", p.zone_code},
                        {"area_mu", p.area_mu},
                        {"stage", to_string(p.stage)},
                        {"status", to_string(p.idle.status)},
                        {"status_zh", to_zh(p.idle.status)},
                        {"clock", to_string(p.idle.clock)},
                        {"clock_zh", to_zh(p.idle.clock)},
                        {"clock_start", jdate(p.idle.clock_start)},
                        {"since", jdate(p.idle.since)},
                        {"next_deadline", jdate(p.idle.next_deadline)},
                        {"next_deadline_kind", p.idle.next_deadline_kind},
                        {"fee_wan", jopt(p.idle.fee_wan)},
                        {"exempt_reason", p.idle.exempt_reason}});
        if (p.idle.fee_wan) fee += *p.idle.fee_wan;
    }
    j["idle"] = idle;
    double supplied = 0.0;
    for (const auto& m : r.months)
        if (m.zone_code == "*" || r.stage_mu.count("*") == 0) supplied += m.supplied_total_mu;
    j["totals"] = {{"supplied_mu", supplied}, {"idle_fee", money(fee)}};
    return j;
}

// ---- projects

Table zone_rates_table(const LifecycleReport& r) {
    Table t;
    t.name = "zone_rates";
    t.headers = {"zone",   "signed", "placed",     "started",   "producing",     "full_output",
                 "入园率", "开工率", "投产达产率", "city_tier", "district_tier", "behind"};
    for (const auto& z : r.zones)
        t.rows.push_back({txt(zone_label(z.zone_code)), cnt(z.signed_count), cnt(z.placed_count),
                          cnt(z.started_count), cnt(z.producing_count), cnt(z.full_output_count),
                          num(z.placement_rate()), num(z.start_rate()), num(z.production_rate()),
                          cnt(z.city_tier_count), cnt(z.district_tier_count), cnt(z.behind_count)});
    return t;
}

namespace {
std::vector<const ProjectRow*> chosen_rows(const LifecycleReport& r, bool behind_only) {
    std::vector<const ProjectRow*> rows;
    for (const auto& row : r.rows)
        if (!behind_only || row.behind.any()) rows.push_back(&row);
    if (behind_only) {
        auto key = [](const ProjectRow* x) {
            return std::max(x->behind.start_days.value_or(0), x->behind.production_days.value_or(0));
        };
        std::stable_sort(rows.begin(), rows.end(), [&](auto* a, auto* b) { return key(a) > key(b); });
    }
    return rows;
}
}  // namespace

Table projects_table(const LifecycleReport& r, const std::vector<Project>& projects, bool behind_only) {
    Table t;
    t.name = behind_only ? "behind_schedule" : "projects";
    t.headers = {"项目编号",
                 "项目名称",
                 "zone",
                 "stage",
                 "tier",
                 "total_invest_wan",
                 "placed",
                 "计划开工日期",
                 "实际开工日期",
                 "days_behind_start",
                 "计划投产日期",
                 "实际投产日期",
                 "days_behind_production"};
    for (const ProjectRow* row : chosen_rows(r, behind_only)) {
        const Project& p = projects[row->index];
        auto days = [](const std::optional<int>& d) { return d ? Cell(int64_t(*d)) : Cell(); };
        t.rows.push_back({txt(p.project_id), txt(p.name), txt(row->zone_code), txt(to_zh(row->stage)),
                          txt(to_string(row->tier)), opt(p.total_invest_wan), txt(row->placed ? "是" : "否"),
                          txt(p.planned_start_date), txt(p.actual_start_date), days(row->behind.start_days),
                          txt(p.planned_production_date), txt(p.actual_production_date),
                          days(row->behind.production_days)});
    }
    return t;
}

nlohmann::json to_json(const LifecycleReport& r, const std::vector<Project>& projects, bool behind_only) {
    nlohmann::json j;
    j["as_of"] = r.as_of.iso();
    j["zones"] = table_json(zone_rates_table(r));
    j["projects"] = table_json(projects_table(r, projects, behind_only));
    double total = 0.0;
    for (const ProjectRow* row : chosen_rows(r, behind_only))
        total += projects[row->index].total_invest_wan.value_or(0.0);
    j["totals"] = {{"projects", chosen_rows(r, behind_only).size()}, {"total_invest", money(total)}};
    return j;
}

// ---- targets

namespace {
nlohmann::json jtarget(const WholeGuian& t) {
    return {{"whole", jopt(t.whole)}, {"guian", jopt(t.guian)}};
}
std::optional<double> ratio(double v, const std::optional<double>& target) {
    if (!target || *target == 0.0) return std::nullopt;
    return v / *target;
}
nlohmann::json scope_json(const TargetsScope& s) {
    nlohmann::json by_year = nlohmann::json::object(), ind_year = nlohmann::json::object();
    for (const auto& [y, v] : s.funds_wan) by_year[std::to_string(y)] = money(v);
    for (const auto& [y, v] : s.industrial_funds_wan) ind_year[std::to_string(y)] = money(v);
    return {{"ledger_rows", s.ledger_rows},
            {"funds_in_place", money(s.funds_total_wan)},
            {"funds_in_place_wan", s.funds_total_wan},
            {"funds_in_place_yi", units::yi_from_wan(s.funds_total_wan)},
            {"funds_by_year", by_year},
            {"industrial_funds", money(s.industrial_funds_total_wan)},
            {"industrial_funds_by_year", ind_year},
            {"quality_firms", s.quality_firms},
            {"headquarters_firms", s.headquarters_firms},
            {"digital_economy_projects", s.digital_economy_projects},
            {"central_soe_total_invest", money(s.central_soe_total_invest_wan)}};
}
}  // namespace

Table targets_table(const TargetsProgress& p) {
    const auto& c = p.config;
    Table t;
    t.name = "targets";
    t.headers = {"indicator", "scope", "actual", "target", "progress", "unit"};
    auto add = [&](const char* name, const char* scope, double actual, std::optional<double> target,
                   const char* unit) {
        t.rows.push_back(
            {txt(name), txt(scope), num(actual), opt(target), opt(ratio(actual, target)), txt(unit)});
    };
    add("到位资金 funds in place", "全市", units::yi_from_wan(p.whole.funds_total_wan),
        c.funds_in_place_yi.whole, "亿元");
    add("到位资金 funds in place", "贵安", units::yi_from_wan(p.guian.funds_total_wan),
        c.funds_in_place_yi.guian, "亿元");
    for (const auto& [y, v] : p.whole.funds_wan) {
        std::string name = "到位资金 " + std::to_string(y);
        t.rows.push_back({txt(name), txt("全市"), num(units::yi_from_wan(v)), Cell(), Cell(), txt("亿元")});
    }
    for (const auto& [y, g] : p.funds_growth) {
        std::string name = "到位资金增长 growth " + std::to_string(y);
        t.rows.push_back(
            {txt(name), txt("全市"), opt(g), opt(c.funds_growth_min_per_year),
             g && c.funds_growth_min_per_year ? Cell(*g >= *c.funds_growth_min_per_year ? 1.0 : 0.0) : Cell(),
             txt("share (1 = met)")});
    }
    t.rows.push_back({txt("年均增长 average growth"), txt("全市"), opt(p.funds_avg_growth),
                      opt(c.funds_growth_min_per_year), Cell(), txt("share")});
    t.rows.push_back(
        {txt("与2018-2020相比 vs baseline"), txt("全市"), opt(p.funds_vs_baseline_ratio),
         opt(c.funds_vs_baseline_min_ratio),
         c.baseline_2018_2020_funds_yi ? Cell() : txt("baseline unknown: enter it in the config"),
         txt("ratio")});
    add("工业到位资金 industrial funds", "全市", units::yi_from_wan(p.whole.industrial_funds_total_wan),
        c.industrial_funds_yi.whole, "亿元");
    add("工业到位资金 industrial funds", "贵安", units::yi_from_wan(p.guian.industrial_funds_total_wan),
        c.industrial_funds_yi.guian, "亿元");
    t.rows.push_back({txt("工业占比 industrial share"), txt("全市"), opt(p.industrial_share),
                      opt(c.industrial_share_min), Cell(), txt("share")});
    add("优强企业 quality firms", "全市", p.whole.quality_firms, c.quality_firms.whole, "家");
    add("优强企业 quality firms", "贵安", p.guian.quality_firms, c.quality_firms.guian, "家");
    add("总部企业 headquarters firms", "全市", p.whole.headquarters_firms, c.headquarters_firms.whole, "家");
    add("数字经济项目 digital-economy projects", "全市", p.whole.digital_economy_projects,
        c.digital_economy_projects.whole, "个");
    add("央企项目总投资 central-SOE investment", "全市",
        units::yi_from_wan(p.whole.central_soe_total_invest_wan), c.central_soe_total_invest_yi.whole,
        "亿元");
    return t;
}

Table targets_zone_table(const TargetsProgress& p) {
    Table t;
    t.name = "targets_by_zone";
    t.headers = {"zone", "ledger_rows"};
    for (int y : p.config.years) t.headers.push_back("funds_" + std::to_string(y) + "_wan");
    for (const char* h : {"funds_total_wan", "funds_total_yi", "industrial_funds_wan", "quality_firms",
                          "headquarters_firms", "digital_economy_projects", "central_soe_invest_wan"})
        t.headers.push_back(h);
    std::vector<const TargetsScope*> scopes{&p.whole, &p.guian};
    for (const auto& z : p.zones) scopes.push_back(&z);
    for (const TargetsScope* s : scopes) {
        std::vector<Cell> row{txt(s->key == "whole"   ? "全市"
                                  : s->key == "guian" ? "贵安"
                                                      : zone_label(s->key)),
                              cnt(s->ledger_rows)};
        for (int y : p.config.years) row.push_back(num(s->funds_wan.count(y) ? s->funds_wan.at(y) : 0.0));
        row.insert(row.end(),
                   {num(s->funds_total_wan), num(units::yi_from_wan(s->funds_total_wan)),
                    num(s->industrial_funds_total_wan), cnt(s->quality_firms), cnt(s->headquarters_firms),
                    cnt(s->digital_economy_projects), num(s->central_soe_total_invest_wan)});
        t.rows.push_back(std::move(row));
    }
    return t;
}

nlohmann::json to_json(const TargetsProgress& p) {
    const auto& c = p.config;
    nlohmann::json j;
    j["config"] = c.source;
    j["plan"] = c.plan;
    j["note"] =
        "Funds in place are the sum of 到位资金_<year> over all ledger rows (a duplicated 项目编号 is two "
        "ledger entries and counts twice); firms are counted once per 统一社会信用代码, projects once per "
        "项目编号.";
    j["whole"] = scope_json(p.whole);
    j["guian"] = scope_json(p.guian);
    nlohmann::json zones = nlohmann::json::object();
    for (const auto& z : p.zones) zones[z.key.empty() ? "(none)" : z.key] = scope_json(z);
    j["by_zone"] = zones;
    nlohmann::json growth = nlohmann::json::object();
    for (const auto& [y, g] : p.funds_growth) growth[std::to_string(y)] = jopt(g);
    j["funds_growth"] = growth;
    j["funds_avg_growth"] = jopt(p.funds_avg_growth);
    j["baseline_2018_2020_funds_yi"] = jopt(c.baseline_2018_2020_funds_yi);
    j["funds_vs_baseline_ratio"] = jopt(p.funds_vs_baseline_ratio);
    if (!c.baseline_2018_2020_funds_yi)
        j["baseline_note"] =
            "The 2018-2020 baseline is unknown (null in the config): the doubling target is not checked.";
    j["industrial_share"] = jopt(p.industrial_share);
    j["targets"] = {{"funds_in_place_yi", jtarget(c.funds_in_place_yi)},
                    {"funds_growth_min_per_year", jopt(c.funds_growth_min_per_year)},
                    {"funds_vs_baseline_min_ratio", jopt(c.funds_vs_baseline_min_ratio)},
                    {"industrial_funds_yi", jtarget(c.industrial_funds_yi)},
                    {"industrial_share_min", jopt(c.industrial_share_min)},
                    {"quality_firms", jtarget(c.quality_firms)},
                    {"headquarters_firms", jtarget(c.headquarters_firms)},
                    {"digital_economy_projects", jtarget(c.digital_economy_projects)},
                    {"central_soe_total_invest_yi", jtarget(c.central_soe_total_invest_yi)}};
    j["progress"] = table_json(targets_table(p));
    j["totals"] = {{"funds_in_place_wan", p.whole.funds_total_wan},
                   {"funds_in_place_yi", units::yi_from_wan(p.whole.funds_total_wan)},
                   {"industrial_funds_wan", p.whole.industrial_funds_total_wan},
                   {"industrial_funds_yi", units::yi_from_wan(p.whole.industrial_funds_total_wan)}};
    return j;
}

Table vacant_table(const std::vector<VacantHit>& hits) {
    Table t;
    t.name = "vacant";
    t.headers = {"parcel", "zone", "area_mu", "landuse", "standard_land", "stage", "lon", "lat"};
    for (const auto& h : hits)
        t.rows.push_back({txt(h.code), txt(h.zone_code), num(h.area_mu), txt(h.landuse_name),
                          txt(h.standard_land ? "是" : "否"), txt(to_zh(h.stage)), num(h.centroid_lon),
                          num(h.centroid_lat)});
    return t;
}

void emit(std::ostream& out, const std::string& format, const std::string& out_path, const Table& main,
          const std::vector<Table>& extra, const nlohmann::json& json) {
    if (format == "xlsx" && out_path.empty())
        throw InputError("--format xlsx writes a file: give --out FILE.xlsx.");
    if (!out_path.empty()) {
        std::string ext = report::extension_of(out_path);
        if (ext == "csv")
            report::write_file(out_path, report::to_csv(main), true);
        else if (ext == "xlsx")
            report::write_xlsx(main, out_path);
        else if (ext == "json")
            report::write_file(out_path, json.dump(2) + "\n");
        else
            throw InputError("--out '" + out_path + "': unknown extension; use .csv, .xlsx or .json.");
    }
    if (format == "json")
        out << json.dump(2) << "\n";
    else if (format == "csv")
        out << report::to_csv(main);
    else if (format == "table") {
        out << report::to_text(main);
        for (const auto& t : extra) out << "\n" << t.name << "\n" << report::to_text(t);
    } else if (format != "xlsx")
        throw InputError("--format '" + format + "': use table, csv, xlsx or json.");
}

}  // namespace pa::analysis
