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
std::string zone_label(const std::string& z, TableLang lang = TableLang::Keys) {
    if (lang == TableLang::En) return z == "*" ? "All" : z.empty() ? "(no zone)" : z;
    return z == "*" ? "全部" : z.empty() ? "(无园区)" : z;
}
/// A column: its stable key (JSON), its Chinese and its English header.
struct Col {
    const char* key;
    const char* zh;
    const char* en;
};
const char* pick(TableLang lang, const char* key, const char* zh, const char* en) {
    return lang == TableLang::Keys ? key : lang == TableLang::Zh ? zh : en;
}
std::vector<std::string> headers(std::initializer_list<Col> cols, TableLang lang) {
    std::vector<std::string> out;
    for (const Col& c : cols) out.emplace_back(pick(lang, c.key, c.zh, c.en));
    return out;
}
std::string yes_no(bool v, TableLang lang) {
    return lang == TableLang::En ? (v ? "yes" : "no") : (v ? "是" : "否");
}
const char* stage_en(LandStage s) {
    constexpr const char* k[kLandStageCount] = {"Not recorded",
                                                "Reserve",
                                                "Approved not supplied",
                                                "Supplied not used",
                                                "Under-used",
                                                "Built not producing",
                                                "Producing below target",
                                                "Meets target",
                                                "Producing, no figure",
                                                "Producing, not industrial"};
    return k[static_cast<int>(s)];
}
std::string stage_label(LandStage s, TableLang lang) {
    return lang == TableLang::En ? stage_en(s) : to_zh(s);
}
std::string status_label(IdleStatus s, TableLang lang) {
    if (lang == TableLang::Keys) return to_string(s);
    if (lang == TableLang::Zh) return to_zh(s);
    switch (s) {
        case IdleStatus::NotApplicable:
            return "";
        case IdleStatus::NotYetDue:
            return "not yet due";
        case IdleStatus::Running:
            return "running";
        case IdleStatus::Idle:
            return "suspected idle";
        case IdleStatus::Reclaimable:
            return "may be reclaimed (pending a finding)";
        case IdleStatus::Exempt:
            return "exempt";
    }
    return "";
}
std::string clock_label(IdleClock c, TableLang lang) {
    if (lang == TableLang::Keys) return to_string(c);
    if (lang == TableLang::Zh) return to_zh(c);
    return c == IdleClock::LateStart ? "late start" : c == IdleClock::StalledWork ? "stalled work" : "";
}
std::string reason_label(const std::string& r, TableLang lang) {
    if (lang != TableLang::En) return r;
    return r == "政府原因" ? "government" : r == "不可抗力" ? "force majeure" : r;
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

Table supply_timeline_table(const SupplyReport& r, TableLang lang) {
    Table t;
    t.name = pick(lang, "supply_timeline", "供地时间线", "supply timeline");
    t.headers = headers({{"zone", "园区", "Zone"},
                         {"month", "月份", "Month"},
                         {"标准地_mu", "标准地出让(亩)", "Standard land (mu)"},
                         {"招拍挂_mu", "招拍挂(亩)", "Auction/tender (mu)"},
                         {"协议_mu", "协议出让(亩)", "By agreement (mu)"},
                         {"other_mu", "其他方式(亩)", "Other (mu)"},
                         {"supplied_mu", "供地合计(亩)", "Supplied (mu)"},
                         {"supplied_count", "供地宗数", "Parcels supplied"},
                         {"reserve_mu", "储备(亩)", "Reserve (mu)"},
                         {"approved_not_supplied_mu", "批而未供(亩)", "Approved not supplied (mu)"},
                         {"vacant_mu", "可供地(亩)", "Vacant (mu)"},
                         {"idle_mu", "疑似闲置(亩)", "Suspected idle (mu)"},
                         {"became_idle_mu", "新增疑似闲置(亩)", "Became idle (mu)"},
                         {"became_idle_count", "新增疑似闲置宗数", "Became idle (parcels)"}},
                        lang);
    for (const auto& m : r.months)
        t.rows.push_back({txt(zone_label(m.zone_code, lang)), txt(Date::month_label(m.month)),
                          num(m.supplied_standard_mu), num(m.supplied_auction_mu),
                          num(m.supplied_agreement_mu), num(m.supplied_other_mu), num(m.supplied_total_mu),
                          cnt(m.supplied_count), num(m.reserve_end_mu), num(m.approved_not_supplied_end_mu),
                          num(m.vacant_end_mu), num(m.idle_end_mu), num(m.became_idle_mu),
                          cnt(m.became_idle_count)});
    return t;
}

Table supply_states_table(const SupplyReport& r, TableLang lang) {
    Table t;
    t.name = pick(lang, "land_states", "土地状态", "land states");
    t.headers = headers({{"zone", "园区", "Zone"}, {"as_of", "截至日期", "As of"}}, lang);
    for (int s = 0; s < kLandStageCount; ++s)
        t.headers.push_back(lang == TableLang::Keys ? std::string(to_zh(LandStage(s))) + "_mu"
                            : lang == TableLang::Zh ? std::string(to_zh(LandStage(s))) + "(亩)"
                                                    : std::string(stage_en(LandStage(s))) + " (mu)");
    t.headers.push_back(
        pick(lang, "under_used_late_mu", "其中逾期未建成(亩)", "of which late, unfinished (mu)"));
    for (const auto& [k, v] : r.stage_mu) {
        std::vector<Cell> row{txt(zone_label(k, lang)), txt(r.as_of.iso())};
        for (double a : v) row.push_back(num(a));
        auto lm = r.late_unfinished_mu.find(k);
        row.push_back(num(lm == r.late_unfinished_mu.end() ? 0.0 : lm->second));
        t.rows.push_back(std::move(row));
    }
    return t;
}

Table idle_table(const SupplyReport& r, TableLang lang) {
    Table t;
    t.name = pick(lang, "idle_clocks", "闲置计时", "idle clocks");
    t.headers = headers({{"parcel", "宗地编号", "Parcel"},
                         {"zone", "园区", "Zone"},
                         {"area_mu", "面积(亩)", "Area (mu)"},
                         {"stage", "土地状态", "Land state"},
                         {"status", "状态", "Status"},
                         {"clock", "计时类型", "Clock"},
                         {"clock_start", "起算日期", "Clock start"},
                         {"since", "起始日期", "Since"},
                         {"next_deadline", "下一期限", "Next deadline"},
                         {"next_deadline_kind", "期限类型", "Deadline kind"},
                         {"fee_wan", "闲置费(万元)", "Idle fee (10k CNY)"},
                         {"exempt_reason", "免责原因", "Exempt reason"}},
                        lang);
    auto kind = [&](const std::string& k) -> std::string {
        if (lang == TableLang::Zh) return k == "idle" ? "疑似闲置" : k == "reclaim" ? "可能无偿收回" : k;
        if (lang == TableLang::En) return k == "reclaim" ? "may be reclaimed" : k;
        return k;
    };
    for (const auto& p : r.idle)
        t.rows.push_back(
            {txt(p.code), txt(p.zone_code), num(p.area_mu),
             txt(lang == TableLang::Keys ? std::string(to_zh(p.stage)) : stage_label(p.stage, lang)),
             txt(status_label(p.idle.status, lang)), txt(clock_label(p.idle.clock, lang)),
             opt_date(p.idle.clock_start), opt_date(p.idle.since), opt_date(p.idle.next_deadline),
             txt(kind(p.idle.next_deadline_kind)), opt(p.idle.fee_wan),
             txt(reason_label(p.idle.exempt_reason, lang))});
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
    // A subset of under_used per zone: past the contracted completion and not finished (逾期未建成; not
    // 建而未投).
    nlohmann::json late = nlohmann::json::object();
    for (const auto& [k, v] : r.stage_mu) {
        auto lm = r.late_unfinished_mu.find(k);
        auto lc = r.late_unfinished_count.find(k);
        late[k] = {{"zh", "逾期未建成"},
                   {"mu", lm == r.late_unfinished_mu.end() ? 0.0 : lm->second},
                   {"count", lc == r.late_unfinished_count.end() ? 0 : lc->second}};
    }
    j["under_used_late_as_of"] = late;
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

Table zone_rates_table(const LifecycleReport& r, TableLang lang) {
    Table t;
    t.name = pick(lang, "zone_rates", "园区项目进度", "zone rates");
    t.headers = headers({{"zone", "园区", "Zone"},
                         {"signed", "签约", "Signed"},
                         {"placed", "入园", "Placed"},
                         {"started", "开工", "Started"},
                         {"producing", "投产", "Producing"},
                         {"full_output", "达产", "Full output"},
                         {"入园率", "入园率", "Placement rate"},
                         {"开工率", "开工率(全部签约)", "Start rate (all signed)"},
                         {"投产达产率", "投产达产率(全部签约)", "Production rate (all signed)"},
                         {"city_tier", "市级项目", "City tier"},
                         {"district_tier", "区级项目", "District tier"},
                         {"behind", "进度滞后", "Behind schedule"},
                         {"start_due", "应开工项目", "Due to start"},
                         {"start_rate_due", "开工率(应开工)", "Start rate (due)"},
                         {"production_due", "应投产项目", "Due to produce"},
                         {"production_rate_due", "投产达产率(应投产)", "Production rate (due)"}},
                        lang);
    for (const auto& z : r.zones)
        t.rows.push_back({txt(zone_label(z.zone_code, lang)), cnt(z.signed_count), cnt(z.placed_count),
                          cnt(z.started_count), cnt(z.producing_count), cnt(z.full_output_count),
                          num(z.placement_rate()), num(z.start_rate()), num(z.production_rate()),
                          cnt(z.city_tier_count), cnt(z.district_tier_count), cnt(z.behind_count),
                          cnt(z.start_due_count), opt(z.start_rate_due()), cnt(z.production_due_count),
                          opt(z.production_rate_due())});
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

Table projects_table(const LifecycleReport& r, const std::vector<Project>& projects, bool behind_only,
                     TableLang lang) {
    Table t;
    t.name = behind_only ? pick(lang, "behind_schedule", "进度滞后项目", "behind schedule")
                         : pick(lang, "projects", "项目", "projects");
    t.headers = headers({{"项目编号", "项目编号", "Project id"},
                         {"项目名称", "项目名称", "Project name"},
                         {"zone", "园区", "Zone"},
                         {"stage", "阶段", "Stage"},
                         {"tier", "级别", "Tier"},
                         {"total_invest_wan", "总投资(万元)", "Total investment (10k CNY)"},
                         {"placed", "已落地", "Placed"},
                         {"计划开工日期", "计划开工日期", "Planned start"},
                         {"实际开工日期", "实际开工日期", "Actual start"},
                         {"days_behind_start", "开工滞后天数", "Days behind start"},
                         {"计划投产日期", "计划投产日期", "Planned production"},
                         {"实际投产日期", "实际投产日期", "Actual production"},
                         {"days_behind_production", "投产滞后天数", "Days behind production"}},
                        lang);
    for (const ProjectRow* row : chosen_rows(r, behind_only)) {
        const Project& p = projects[row->index];
        auto days = [](const std::optional<int>& d) { return d ? Cell(int64_t(*d)) : Cell(); };
        const std::string tier = lang == TableLang::Zh ? (row->tier == Tier::City ? "市级" : "区级")
                                                       : std::string(to_string(row->tier));
        const std::string stage = lang == TableLang::En ? to_string(row->stage) : to_zh(row->stage);
        t.rows.push_back({txt(p.project_id), txt(p.name), txt(row->zone_code), txt(stage), txt(tier),
                          opt(p.total_invest_wan), txt(yes_no(row->placed, lang)), txt(p.planned_start_date),
                          txt(p.actual_start_date), days(row->behind.start_days),
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

Table targets_table(const TargetsProgress& p, TableLang lang) {
    const auto& c = p.config;
    Table t;
    t.name = pick(lang, "targets", "目标进度", "targets");
    t.headers = headers({{"indicator", "指标", "Indicator"},
                         {"scope", "范围", "Scope"},
                         {"actual", "实际", "Actual"},
                         {"target", "目标", "Target"},
                         {"progress", "完成进度", "Progress"},
                         {"unit", "单位", "Unit"}},
                        lang);
    // Keys keeps the first wave's bilingual names (the JSON "progress" rows); a table for people has one
    // language. Progress short of 1 is cut, not rounded, so 0.9986 never shows as done.
    auto name = [&](const std::string& zh, const std::string& en) {
        return lang == TableLang::Keys ? zh + " " + en : lang == TableLang::Zh ? zh : en;
    };
    auto unit = [&](const char* zh, const char* en) { return std::string(lang == TableLang::En ? en : zh); };
    auto keys_unit = [&](const char* keys, const char* zh, const char* en) {
        return std::string(pick(lang, keys, zh, en));
    };
    const std::string city = pick(lang, "全市", "全市", "City"), guian = pick(lang, "贵安", "贵安", "Gui'an");
    auto progress = [&](std::optional<double> v) -> Cell {
        if (!v) return Cell();
        if (lang != TableLang::Keys && *v < 1.0) return Cell(std::floor(*v * 10000.0) / 10000.0);
        return Cell(*v);
    };
    auto add = [&](const std::string& n, const std::string& scope, double actual,
                   std::optional<double> target, const std::string& u) {
        t.rows.push_back(
            {txt(n), txt(scope), num(actual), opt(target), progress(ratio(actual, target)), txt(u)});
    };
    const std::string yi = unit("亿元", "100M CNY");
    add(name("到位资金", "funds in place"), city, units::yi_from_wan(p.whole.funds_total_wan),
        c.funds_in_place_yi.whole, yi);
    add(name("到位资金", "funds in place"), guian, units::yi_from_wan(p.guian.funds_total_wan),
        c.funds_in_place_yi.guian, yi);
    for (const auto& [y, v] : p.whole.funds_wan) {
        const std::string n =
            lang == TableLang::En ? "funds in place " + std::to_string(y) : "到位资金 " + std::to_string(y);
        t.rows.push_back({txt(n), txt(city), num(units::yi_from_wan(v)), Cell(), Cell(), txt(yi)});
    }
    for (const auto& [y, g] : p.funds_growth) {
        const std::string n = name("到位资金增长", "growth") + " " + std::to_string(y);
        t.rows.push_back(
            {txt(n), txt(city), opt(g), opt(c.funds_growth_min_per_year),
             g && c.funds_growth_min_per_year ? Cell(*g >= *c.funds_growth_min_per_year ? 1.0 : 0.0) : Cell(),
             txt(keys_unit("share (1 = met)", "比例（1=达成）", "share (1 = met)"))});
    }
    t.rows.push_back(
        {txt(name("年均增长", "average growth") +
             (lang == TableLang::Keys         ? std::string()
              : p.funds_avg_growth_steps == 0 ? std::string()
              : lang == TableLang::Zh ? "（" + std::to_string(p.funds_avg_growth_steps) + "个年度）"
                                      : " (" + std::to_string(p.funds_avg_growth_steps) + " steps)")),
         txt(city), opt(p.funds_avg_growth), opt(c.funds_growth_min_per_year), Cell(),
         txt(keys_unit("share", "比例", "share"))});
    t.rows.push_back({txt(name("与2018-2020相比", "vs baseline")), txt(city), opt(p.funds_vs_baseline_ratio),
                      opt(c.funds_vs_baseline_min_ratio),
                      c.baseline_2018_2020_funds_yi
                          ? Cell()
                          : txt(pick(lang, "baseline unknown: enter it in the config",
                                     "基数未知：请在 config/targets.json 中填写",
                                     "baseline unknown: enter it in config/targets.json")),
                      txt(keys_unit("ratio", "倍数", "ratio"))});
    add(name("工业到位资金", "industrial funds"), city,
        units::yi_from_wan(p.whole.industrial_funds_total_wan), c.industrial_funds_yi.whole, yi);
    add(name("工业到位资金", "industrial funds"), guian,
        units::yi_from_wan(p.guian.industrial_funds_total_wan), c.industrial_funds_yi.guian, yi);
    t.rows.push_back({txt(name("工业占比", "industrial share")), txt(city), opt(p.industrial_share),
                      opt(c.industrial_share_min), Cell(), txt(keys_unit("share", "比例", "share"))});
    const std::string firms = unit("家", "firms");
    add(name("优强企业", "quality firms"), city, p.whole.quality_firms, c.quality_firms.whole, firms);
    add(name("优强企业", "quality firms"), guian, p.guian.quality_firms, c.quality_firms.guian, firms);
    add(name("总部企业", "headquarters firms"), city, p.whole.headquarters_firms, c.headquarters_firms.whole,
        firms);
    add(name("数字经济项目", "digital-economy projects"), city, p.whole.digital_economy_projects,
        c.digital_economy_projects.whole, unit("个", "projects"));
    add(name("央企项目总投资", "central-SOE investment"), city,
        units::yi_from_wan(p.whole.central_soe_total_invest_wan), c.central_soe_total_invest_yi.whole, yi);
    if (lang != TableLang::Keys) {
        t.column_decimals.assign(t.headers.size(), -1);
        t.column_decimals[4] = 4;
    }
    return t;
}

Table targets_zone_table(const TargetsProgress& p, TableLang lang) {
    Table t;
    t.name = pick(lang, "targets_by_zone", "分园区", "by zone");
    t.headers = headers({{"zone", "园区", "Zone"}, {"ledger_rows", "台账行数", "Ledger rows"}}, lang);
    for (int y : p.config.years)
        t.headers.push_back(lang == TableLang::Keys ? "funds_" + std::to_string(y) + "_wan"
                            : lang == TableLang::Zh ? std::to_string(y) + "年到位资金(万元)"
                                                    : "Funds " + std::to_string(y) + " (10k CNY)");
    for (const auto& h :
         headers({{"funds_total_wan", "到位资金合计(万元)", "Funds total (10k CNY)"},
                  {"funds_total_yi", "到位资金合计(亿元)", "Funds total (100M CNY)"},
                  {"industrial_funds_wan", "工业到位资金(万元)", "Industrial funds (10k CNY)"},
                  {"quality_firms", "优强企业(家)", "Quality firms"},
                  {"headquarters_firms", "总部企业(家)", "Headquarters firms"},
                  {"digital_economy_projects", "数字经济项目(个)", "Digital-economy projects"},
                  {"central_soe_invest_wan", "央企项目总投资(万元)", "Central-SOE investment (10k CNY)"}},
                 lang))
        t.headers.push_back(h);
    std::vector<const TargetsScope*> scopes{&p.whole, &p.guian};
    for (const auto& z : p.zones) scopes.push_back(&z);
    for (const TargetsScope* s : scopes) {
        std::vector<Cell> row{txt(s->key == "whole"   ? pick(lang, "全市", "全市", "City")
                                  : s->key == "guian" ? pick(lang, "贵安", "贵安", "Gui'an")
                                                      : zone_label(s->key, lang)),
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
    j["funds_avg_growth_steps"] = p.funds_avg_growth_steps;
    j["baseline_2020_funds_yi"] = jopt(c.baseline_2020_funds_yi);
    if (!c.baseline_2020_funds_yi)
        j["baseline_2020_note"] =
            "The 2020 funds in place are unknown (baseline_2020_funds_yi in the targets file): the average "
            "growth "
            "spans the years after the first only.";
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

Table vacant_table(const std::vector<VacantHit>& hits, TableLang lang) {
    Table t;
    t.name = pick(lang, "vacant", "可供地", "vacant land");
    t.headers = headers({{"parcel", "宗地编号", "Parcel"},
                         {"zone", "园区", "Zone"},
                         {"area_mu", "面积(亩)", "Area (mu)"},
                         {"landuse", "用途", "Land use"},
                         {"standard_land", "标准地", "Standard land"},
                         {"stage", "土地状态", "Land state"},
                         {"lon", "经度", "Lon"},
                         {"lat", "纬度", "Lat"}},
                        lang);
    for (const auto& h : hits)
        t.rows.push_back(
            {txt(h.code), txt(h.zone_code), num(h.area_mu),
             txt(lang == TableLang::En ? std::string(to_string(h.landuse)) : h.landuse_name),
             txt(lang == TableLang::Keys ? std::string(h.standard_land ? "是" : "否")
                                         : yes_no(h.standard_land, lang)),
             txt(lang == TableLang::Keys ? std::string(to_zh(h.stage)) : stage_label(h.stage, lang)),
             num(h.centroid_lon), num(h.centroid_lat)});
    t.column_decimals = {-1, -1, -1, -1, -1, -1, 6, 6};  // coordinates to 6 decimals (about 0.1 m)
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
        else if (ext == "xlsx") {
            std::vector<Table> sheets{main};
            for (const auto& t : extra) {
                bool taken = t.name.empty();
                for (const auto& u : sheets) taken = taken || u.name == t.name;
                if (!taken) sheets.push_back(t);
            }
            report::write_xlsx(sheets, out_path);
        } else if (ext == "json")
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
