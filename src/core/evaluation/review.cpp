// The review lists (review.hpp).
#include "core/evaluation/review.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "core/analysis/land_state.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/geo/wkb.hpp"

namespace pa::evaluation {

namespace {

struct ListName {
    ReviewList list;
    const char* key;
    const char* zh;
    const char* en;
};
constexpr ListName kLists[] = {
    {ReviewList::BelowThreshold, "below-threshold", "投资强度未达门槛", "below the zone threshold"},
    {ReviewList::BelowCommitment, "below-commitment", "投资强度未达承诺", "below the committed intensity"},
    {ReviewList::Idle, "idle", "疑似闲置", "suspected idle"},
    {ReviewList::Reclaimable, "reclaimable", "可能无偿收回（待认定）",
     "may be reclaimed (pending a finding)"},
    {ReviewList::NotYetDue, "not-yet-due", "闲置计时未到期", "idle clock not yet due"},
    {ReviewList::Unfulfilled, "unfulfilled", "标准地承诺未履约", "standard-land commitment not fulfilled"},
    {ReviewList::NoData, "no-data", "缺投资数据", "no investment figure"},
};

bool money_per_mu(const std::string& indicator) {
    return indicator != "plot_ratio" && !indicator.empty();
}

void set_line(ReviewRow& r, const std::string& indicator, OptDouble value, OptDouble line, double area_mu) {
    r.indicator = indicator;
    r.value = value;
    r.threshold = line;
    if (value && line) {
        const double gap = *line - *value;
        r.gap_wan_per_mu = gap;
        if (money_per_mu(indicator)) r.gap_wan = gap * area_mu;
    }
}

void set_clock(ReviewRow& r, const analysis::IdleInfo& idle) {
    r.clock = analysis::to_string(idle.clock);
    r.status = analysis::to_string(idle.status);
    r.clock_start = idle.clock_start;
    r.since = idle.since;
    r.next_deadline = idle.next_deadline;
}

bool producing_by(const analysis::LandState& s) {
    return s.stage == analysis::LandStage::ProducingBelowTarget ||
           s.stage == analysis::LandStage::MeetsTarget || s.stage == analysis::LandStage::ProducingNoData ||
           s.stage == analysis::LandStage::ProducingOther;
}

bool has_commitment(const Parcel& p) {
    return p.landuse == LandUse::Industrial &&
           (p.committed_invest_wan_per_mu || p.committed_output_wan_per_mu || p.committed_tax_wan_per_mu ||
            p.committed_plot_ratio);
}

}  // namespace

const char* to_string(Fulfilment f) {
    switch (f) {
        case Fulfilment::Met:
            return "met";
        case Fulfilment::Short:
            return "short";
        case Fulfilment::NoData:
            return "no_data";
        case Fulfilment::NotYetDue:
            return "not_yet_due";
        case Fulfilment::NoCommitment:
            return "no_commitment";
    }
    return "no_commitment";
}

std::vector<FulfilmentCheck> fulfilment_checks(const Parcel& p, const analysis::LandState& s,
                                               analysis::Date as_of) {
    std::vector<FulfilmentCheck> out;
    if (!has_commitment(p)) return out;
    const bool producing = producing_by(s);
    // 竣工: built (or producing), or past the contracted completion once started (late and unfinished).
    const bool completed =
        producing || s.stage == analysis::LandStage::BuiltNotProducing || s.late_unfinished;
    // 达产: a project on it at full output, or producing for two years.
    const bool full_output =
        producing && (p.stats.stage == "达产" || (s.producing && s.producing->plus_years(2) <= as_of));
    auto add = [&](const char* name, const char* stage, OptDouble actual, OptDouble committed) {
        if (!committed) return;
        out.push_back({name, stage, actual, committed,
                       actual ? std::optional<bool>(*actual + 1e-9 >= *committed) : std::nullopt});
    };
    if (completed) {
        add("invest_wan_per_mu", "completion", p.stats.invest_wan_per_mu, p.committed_invest_wan_per_mu);
        add("plot_ratio", "completion", p.plot_ratio, p.committed_plot_ratio);
    }
    if (full_output) {
        add("output_wan_per_mu", "full_output", p.stats.output_wan_per_mu, p.committed_output_wan_per_mu);
        add("tax_wan_per_mu", "full_output", p.stats.tax_wan_per_mu, p.committed_tax_wan_per_mu);
    }
    return out;
}

Fulfilment fulfilment_of(const Parcel& p, const analysis::LandState& s, analysis::Date as_of) {
    if (!has_commitment(p)) return Fulfilment::NoCommitment;
    const auto checks = fulfilment_checks(p, s, as_of);
    if (checks.empty()) return Fulfilment::NotYetDue;
    bool missing = false;
    for (const auto& c : checks) {
        if (c.met && !*c.met) return Fulfilment::Short;
        missing = missing || !c.met;
    }
    return missing ? Fulfilment::NoData : Fulfilment::Met;
}

std::vector<int> fulfilment_classes(const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                                    const std::vector<Project>& projects, const std::vector<Link>& links,
                                    analysis::Date as_of) {
    const analysis::LedgerIndex ix = analysis::index_ledger(parcels, projects, links, zones);
    std::vector<int> out(parcels.size());
    for (size_t i = 0; i < parcels.size(); ++i)
        out[i] = static_cast<int>(fulfilment_of(
            parcels[i], analysis::land_state_at(parcels[i], ix.projects_of_parcel[i], as_of), as_of));
    return out;
}

const char* to_string(ReviewList l) {
    for (const auto& n : kLists)
        if (n.list == l) return n.key;
    return "";
}

std::optional<ReviewList> review_list_from_string(const std::string& s) {
    for (const auto& n : kLists)
        if (s == n.key) return n.list;
    return std::nullopt;
}

std::string review_list_names() {
    std::string out;
    for (const auto& n : kLists) out += (out.empty() ? "" : ", ") + std::string(n.key);
    return out;
}

Review review(ReviewList list, const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
              const std::vector<Project>& projects, const std::vector<Link>& links, analysis::Date as_of,
              const std::string& zone_code) {
    Review r;
    r.list = list;
    r.as_of = as_of;
    r.zone_code = zone_code;
    const analysis::LedgerIndex ix = analysis::index_ledger(parcels, projects, links, zones);
    for (size_t i = 0; i < parcels.size(); ++i) {
        const Parcel& p = parcels[i];
        if (!zone_code.empty() && p.zone_code != zone_code) continue;
        const auto& on = ix.projects_of_parcel[i];
        const bool industrial = p.landuse == LandUse::Industrial;
        std::vector<ReviewRow> rows;
        ReviewRow base;
        base.parcel = &p;
        std::set<std::string> seen_codes, seen_names;
        for (const Project* pr : on) {
            if (!pr->credit_code.empty() && seen_codes.insert(pr->credit_code).second)
                base.credit_codes += (base.credit_codes.empty() ? "" : ";") + pr->credit_code;
            if (!pr->enterprise.empty() && seen_names.insert(pr->enterprise).second)
                base.enterprises += (base.enterprises.empty() ? "" : ";") + pr->enterprise;
        }
        switch (list) {
            case ReviewList::BelowThreshold:
                // Exactly the parcels `report` counts below the threshold (the stored compliance).
                if (p.stats.compliance == Compliance::Below) {
                    set_line(base, "invest_wan_per_mu", p.stats.invest_wan_per_mu,
                             p.stats.threshold_wan_per_mu, p.area_mu);
                    rows.push_back(base);
                }
                break;
            case ReviewList::BelowCommitment:
                if (industrial && p.committed_invest_wan_per_mu && p.stats.invest_wan_per_mu &&
                    *p.stats.invest_wan_per_mu < *p.committed_invest_wan_per_mu) {
                    set_line(base, "invest_wan_per_mu", p.stats.invest_wan_per_mu,
                             p.committed_invest_wan_per_mu, p.area_mu);
                    rows.push_back(base);
                }
                break;
            case ReviewList::NoData:
                if (p.stats.compliance == Compliance::NoData) {
                    base.indicator = "invest_wan_per_mu";
                    base.threshold = p.stats.threshold_wan_per_mu;
                    rows.push_back(base);
                }
                break;
            case ReviewList::Idle:
            case ReviewList::Reclaimable:
            case ReviewList::NotYetDue: {
                const analysis::LandState s = analysis::land_state_at(p, on, as_of);
                const analysis::IdleStatus want = list == ReviewList::Idle ? analysis::IdleStatus::Idle
                                                  : list == ReviewList::Reclaimable
                                                      ? analysis::IdleStatus::Reclaimable
                                                      : analysis::IdleStatus::NotYetDue;
                if (s.idle.status == want) {
                    set_clock(base, s.idle);
                    if (industrial) {
                        // The figure beside the clock; the gap is the shortfall (0 when it meets the
                        // threshold).
                        set_line(base, "invest_wan_per_mu", p.stats.invest_wan_per_mu,
                                 p.stats.threshold_wan_per_mu, p.area_mu);
                        if (base.gap_wan_per_mu && *base.gap_wan_per_mu < 0.0)
                            base.gap_wan_per_mu = base.gap_wan = 0.0;
                    }
                    rows.push_back(base);
                }
                break;
            }
            case ReviewList::Unfulfilled: {
                const analysis::LandState s = analysis::land_state_at(p, on, as_of);
                for (const auto& c : fulfilment_checks(p, s, as_of)) {
                    if (!c.met || *c.met) continue;  // met, or no figure to compare (not a shortfall)
                    ReviewRow row = base;
                    set_line(row, c.indicator, c.actual, c.committed, p.area_mu);
                    row.review_stage = c.stage;
                    rows.push_back(row);
                }
                break;
            }
        }
        for (auto& row : rows) {
            r.gap_wan_total += row.gap_wan.value_or(0.0);
            r.rows.push_back(std::move(row));
        }
        if (!rows.empty()) r.area_mu_total += p.area_mu;
    }
    // Largest gap first (then parcel code), so the list a bureau sends on starts with what matters most.
    std::stable_sort(r.rows.begin(), r.rows.end(), [](const ReviewRow& a, const ReviewRow& b) {
        const double ga = a.gap_wan.value_or(-1.0), gb = b.gap_wan.value_or(-1.0);
        if (ga != gb) return ga > gb;
        return a.parcel->code < b.parcel->code;
    });
    return r;
}

namespace {

nlohmann::json opt(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
nlohmann::json opt(const std::optional<analysis::Date>& d) {
    return d ? nlohmann::json(d->iso()) : nlohmann::json(nullptr);
}
nlohmann::json opt(const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}
nlohmann::json date_json(const IsoDate& d) {
    return d.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.str());
}

}  // namespace

nlohmann::json to_json(const Review& r) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& x : r.rows) {
        const Parcel& p = *x.parcel;
        rows.push_back(
            {{"parcel_id", p.code},
             {"zone", opt(p.zone_code)},
             {"area_mu", p.area_mu},
             {"landuse", to_string(p.landuse)},
             {"credit_code", opt(x.credit_codes)},
             {"enterprise", opt(x.enterprises)},
             {"indicator", opt(x.indicator)},
             {"value", opt(x.value)},
             {"threshold", opt(x.threshold)},
             {"gap_wan_per_mu", money_per_mu(x.indicator) ? opt(x.gap_wan_per_mu) : nullptr},
             {"gap", opt(x.gap_wan_per_mu)},
             {"shortfall_pct", x.value && x.threshold && *x.threshold > 0
                                   ? nlohmann::json((*x.threshold - *x.value) / *x.threshold * 100.0)
                                   : nlohmann::json(nullptr)},
             {"review_stage", opt(x.review_stage)},
             {"gap_wan", opt(x.gap_wan)},
             {"supply_date", date_json(p.supply_date)},
             {"contract_start_date", date_json(p.contract_start_date)},
             {"contract_completion_date", date_json(p.contract_completion_date)},
             {"clock", opt(x.clock)},
             {"status", opt(x.status)},
             {"clock_start", opt(x.clock_start)},
             {"since", opt(x.since)},
             {"next_deadline", opt(x.next_deadline)},
             {"lon", std::round(p.centroid_lon * 1e6) / 1e6},
             {"lat", std::round(p.centroid_lat * 1e6) / 1e6}});
    }
    // Per enterprise (统一社会信用代码 of the projects on the parcels): how many parcels, rows and 万元 of
    // gap.
    nlohmann::json ents = nlohmann::json::array();
    {
        std::map<std::string, std::tuple<std::string, std::set<std::string>, int, double>> by;
        for (const auto& x : r.rows) {
            auto& [name, parcels, n, gap] = by[x.credit_codes.empty() ? std::string() : x.credit_codes];
            if (name.empty()) name = x.enterprises;
            parcels.insert(x.parcel->code);
            n += 1;
            gap += x.gap_wan.value_or(0.0);
        }
        for (const auto& [code, v] : by) {
            const auto& [name, parcels, n, gap] = v;
            ents.push_back({{"credit_code", opt(code)},
                            {"enterprise", opt(name)},
                            {"parcels", parcels.size()},
                            {"rows", n},
                            {"gap_wan", gap}});
        }
    }
    return {{"list", to_string(r.list)},  {"as_of", r.as_of.iso()}, {"enterprises", ents},
            {"zone", opt(r.zone_code)},   {"count", r.rows.size()}, {"area_mu", r.area_mu_total},
            {"gap_wan", r.gap_wan_total}, {"parcels", rows}};
}

report::Table review_table(const Review& r, bool english) {
    report::Table t;
    for (const auto& n : kLists)
        if (n.list == r.list) t.name = english ? n.en : n.zh;
    t.decimals = 2;
    t.column_decimals.assign(21, -1);
    t.column_decimals[19] = t.column_decimals[20] = 6;  // lon, lat: 6 decimals (about 0.1 m)
    t.headers = english
                    ? std::vector<std::string>{"Parcel",        "Zone",          "Area (mu)",
                                               "Credit code",   "Enterprise",    "Figure",
                                               "Value",         "Line",          "Gap per mu",
                                               "Gap (10k CNY)", "Supplied",      "Contracted start",
                                               "Clock",         "Status",        "Clock start",
                                               "Since",         "Next deadline", "Review stage",
                                               "Shortfall (%)", "Lon",           "Lat"}
                    : std::vector<std::string>{
                          "宗地编号",    "园区", "面积(亩)", "统一社会信用代码", "企业",     "指标",
                          "实际值",      "标准", "每亩差距", "差距合计(万元)",   "供地日期", "约定开工日期",
                          "计时类型",    "状态", "起算日期", "起始日期",         "下一期限", "考核阶段",
                          "差距比例(%)", "经度", "纬度"};
    auto figure = [&](const std::string& k) -> std::string {
        if (english || k.empty()) return k;
        if (k == "invest_wan_per_mu") return "投资强度(万元/亩)";
        if (k == "output_wan_per_mu") return "亩均产值(万元/亩)";
        if (k == "tax_wan_per_mu") return "亩均税收(万元/亩)";
        if (k == "plot_ratio") return "容积率";
        return k;
    };
    auto date = [](const std::optional<analysis::Date>& d) {
        return d ? report::Cell(d->iso()) : report::Cell();
    };
    auto iso = [](const IsoDate& d) { return d.empty() ? report::Cell() : report::Cell(d.str()); };
    auto stage = [&](const std::string& k) -> report::Cell {
        if (k.empty()) return {};
        if (english) return k == "completion" ? "completion" : "full output";
        return std::string(k == "completion" ? "竣工" : "达产");
    };
    for (const auto& x : r.rows) {
        const Parcel& p = *x.parcel;
        std::string clock = x.clock, status = x.status;
        if (!english) {
            if (clock == "late_start") clock = "逾期未动工";
            if (clock == "stalled_work") clock = "中止开发";
            if (clock == "none") clock = "";
            for (auto s :
                 {analysis::IdleStatus::NotYetDue, analysis::IdleStatus::Running, analysis::IdleStatus::Idle,
                  analysis::IdleStatus::Reclaimable, analysis::IdleStatus::Exempt})
                if (status == analysis::to_string(s)) status = analysis::to_zh(s);
        } else if (clock == "none") {
            clock.clear();
        }
        t.rows.push_back({p.code,
                          p.zone_code,
                          p.area_mu,
                          x.credit_codes,
                          x.enterprises,
                          figure(x.indicator),
                          report::cell(x.value),
                          report::cell(x.threshold),
                          report::cell(x.gap_wan_per_mu),
                          report::cell(x.gap_wan),
                          iso(p.supply_date),
                          iso(p.contract_start_date),
                          clock,
                          status,
                          date(x.clock_start),
                          date(x.since),
                          date(x.next_deadline),
                          stage(x.review_stage),
                          x.value && x.threshold && *x.threshold > 0
                              ? report::Cell((*x.threshold - *x.value) / *x.threshold * 100.0)
                              : report::Cell(),
                          p.centroid_lon,
                          p.centroid_lat});
    }
    return t;
}

std::vector<std::string> review_wkb(const Review& r) {
    std::vector<std::string> out;
    out.reserve(r.rows.size());
    for (const auto& x : r.rows)
        out.push_back(x.parcel->geom.empty() ? std::string() : geo::wkb_from_multipolygon(x.parcel->geom));
    return out;
}

}  // namespace pa::evaluation
