#include "core/analysis/report.hpp"

#include <unordered_map>

namespace pa::analysis {

namespace {

struct Acc {  // sums for one intensity: numerator over the industrial parcels that have the figure
    double value = 0.0, mu = 0.0;
    std::optional<double> ratio() const {
        return mu > 0.0 ? std::optional<double>(value / mu) : std::nullopt;
    }
};

struct Work {
    ZoneSummary s;
    Acc invest, output, tax, output_producing, tax_producing;
};

void add_parcel(Work& w, const Parcel& p) {
    ZoneSummary& s = w.s;
    ++s.parcel_count;
    s.area_mu += p.area_mu;
    s.area_mu_by_supply_status[to_string(p.supply_status)] += p.area_mu;
    const ParcelStats& st = p.stats;
    s.fixed_asset_invest_wan += st.invest_wan.value_or(0.0);
    s.output_wan += st.output_wan.value_or(0.0);
    s.tax_wan += st.tax_wan.value_or(0.0);
    s.jobs += st.jobs.value_or(0.0);
    if (p.landuse == LandUse::Industrial) {
        ++s.industrial_parcel_count;
        s.industrial_area_mu += p.area_mu;
        if (st.invest_wan) w.invest.value += *st.invest_wan, w.invest.mu += p.area_mu;
        if (st.output_wan) w.output.value += *st.output_wan, w.output.mu += p.area_mu;
        if (st.tax_wan) w.tax.value += *st.tax_wan, w.tax.mu += p.area_mu;
        if (st.stage == "投产" || st.stage == "达产") {
            s.producing_mu += p.area_mu;
            if (st.output_wan) w.output_producing.value += *st.output_wan, w.output_producing.mu += p.area_mu;
            if (st.tax_wan) w.tax_producing.value += *st.tax_wan, w.tax_producing.mu += p.area_mu;
        }
    }
    if (st.compliance != Compliance::NotApplicable) {
        if (st.invest_wan_per_mu && p.invested_share)
            ++(*st.invest_wan_per_mu * *p.invested_share + 1e-9 >= st.threshold_wan_per_mu
                   ? s.compliant_actual_parcels
                   : s.noncompliant_actual_parcels);
        else
            ++s.nodata_actual_parcels;
    }
    switch (st.compliance) {
        case Compliance::Meets:
            ++s.compliant_parcels;
            break;
        case Compliance::Below:
            ++s.noncompliant_parcels;
            break;
        case Compliance::NoData:
            ++s.nodata_parcels;
            break;
        case Compliance::NotApplicable:
            break;
    }
}

void finish(Work& w) {
    w.s.invest_intensity_wan_per_mu = w.invest.ratio();
    w.s.industrial_with_figures_mu = w.invest.mu;
    w.s.output_intensity_wan_per_mu = w.output.ratio();
    w.s.tax_wan_per_mu = w.tax.ratio();
    w.s.output_wan_per_producing_mu = w.output_producing.ratio();
    w.s.tax_wan_per_producing_mu = w.tax_producing.ratio();
}

void add_funds(ZoneSummary& s, const Project& p, double share) {
    if (p.funds_2021_wan) s.funds_wan_by_year["2021"] += *p.funds_2021_wan * share;
    if (p.funds_2022_wan) s.funds_wan_by_year["2022"] += *p.funds_2022_wan * share;
    if (p.funds_2023_wan) s.funds_wan_by_year["2023"] += *p.funds_2023_wan * share;
}

nlohmann::json opt(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json zone_json(const ZoneSummary& s) {
    nlohmann::json j;
    j["code"] = s.code;
    j["name"] = s.name;
    j["name_en"] = s.name_en;
    j["level"] = s.level;
    j["threshold_wan_per_mu"] = opt(s.threshold_wan_per_mu);
    j["parcel_count"] = s.parcel_count;
    j["area_mu"] = s.area_mu;
    j["industrial_parcel_count"] = s.industrial_parcel_count;
    j["industrial_area_mu"] = s.industrial_area_mu;
    j["industrial_with_figures_mu"] = s.industrial_with_figures_mu;
    j["fixed_asset_invest_wan"] = s.fixed_asset_invest_wan;
    j["invest_intensity_wan_per_mu"] = opt(s.invest_intensity_wan_per_mu);
    j["output_wan"] = s.output_wan;
    j["output_intensity_wan_per_mu"] = opt(s.output_intensity_wan_per_mu);
    j["tax_wan"] = s.tax_wan;
    j["tax_wan_per_mu"] = opt(s.tax_wan_per_mu);
    j["producing_mu"] = s.producing_mu;
    j["output_wan_per_producing_mu"] = opt(s.output_wan_per_producing_mu);
    j["tax_wan_per_producing_mu"] = opt(s.tax_wan_per_producing_mu);
    j["jobs"] = s.jobs;
    j["project_count"] = s.project_count;
    j["compliant_parcels"] = s.compliant_parcels;
    j["noncompliant_parcels"] = s.noncompliant_parcels;
    j["nodata_parcels"] = s.nodata_parcels;
    j["compliant_actual_parcels"] = s.compliant_actual_parcels;
    j["noncompliant_actual_parcels"] = s.noncompliant_actual_parcels;
    j["nodata_actual_parcels"] = s.nodata_actual_parcels;
    j["area_mu_by_supply_status"] = s.area_mu_by_supply_status;
    j["funds_wan_by_year"] = s.funds_wan_by_year;
    return j;
}

}  // namespace

ZoneReport summarise(const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                     const std::vector<Project>& projects, const std::vector<Link>& links,
                     const ThresholdConfig& cfg) {
    std::vector<Work> work(zones.size());
    std::unordered_map<std::string, size_t> zi, by_name;
    for (size_t i = 0; i < zones.size(); ++i) {
        ZoneSummary& s = work[i].s;
        s.code = zones[i].code;
        s.name = zones[i].name_zh;
        s.name_en = zones[i].name_en;
        s.level = to_string(zones[i].level);
        s.threshold_wan_per_mu = cfg.for_level(zones[i].level);
        zi[zones[i].code] = i;
        by_name[zones[i].name_zh] = i;
    }
    Work total;
    total.s.code = "ALL";
    total.s.name = "合计";
    total.s.name_en = "Total";
    std::unordered_map<int64_t, size_t> parcel_index;
    for (size_t i = 0; i < parcels.size(); ++i) {
        const Parcel& p = parcels[i];
        parcel_index[p.id] = i;
        add_parcel(total, p);
        if (auto it = zi.find(p.zone_code); it != zi.end()) add_parcel(work[it->second], p);
    }
    // Projects: counted in each zone that holds one of their parcels; funds split like investment (by parcel
    // area); a project with no parcel counts in the zone its ledger row names (所属园区), when that is a zone
    // name.
    auto shares = link_shares(parcels, links);
    std::unordered_map<int64_t, std::vector<std::pair<size_t, double>>> per_project;  // parcel index, share
    for (size_t k = 0; k < links.size(); ++k) {
        auto it = parcel_index.find(links[k].parcel_id);
        if (it != parcel_index.end()) per_project[links[k].project_rowid].push_back({it->second, shares[k]});
    }
    for (const auto& pr : projects) {
        ++total.s.project_count;
        add_funds(total.s, pr, 1.0);
        auto it = per_project.find(pr.id);
        if (it == per_project.end()) {
            if (auto z = by_name.find(pr.zone_name); z != by_name.end()) {
                ++work[z->second].s.project_count;
                add_funds(work[z->second].s, pr, 1.0);
            }
            continue;
        }
        std::unordered_map<size_t, double> zone_share;
        for (auto [pi, share] : it->second)
            if (auto z = zi.find(parcels[pi].zone_code); z != zi.end()) zone_share[z->second] += share;
        for (auto [z, share] : zone_share) {
            ++work[z].s.project_count;
            add_funds(work[z].s, pr, share);
        }
    }
    ZoneReport r;
    for (auto& w : work) {
        finish(w);
        r.zones.push_back(std::move(w.s));
    }
    finish(total);
    r.totals = std::move(total.s);
    return r;
}

nlohmann::json to_json(const ZoneReport& r) {
    nlohmann::json j;
    j["zones"] = nlohmann::json::array();
    for (const auto& z : r.zones) j["zones"].push_back(zone_json(z));
    j["totals"] = zone_json(r.totals);
    return j;
}

report::Table to_table(const ZoneReport& r, bool english, PerMuDenominator denominator) {
    const bool producing = denominator == PerMuDenominator::Producing;
    report::Table t;
    t.name = english ? "zones" : "开发区指标";
    if (english) {
        t.headers = {"code",
                     "zone",
                     "level",
                     "threshold (wan/mu)",
                     "parcels",
                     "area (mu)",
                     "industrial (mu)",
                     "fixed-asset invest (wan)",
                     "invest intensity (wan/mu)",
                     "output (wan)",
                     producing ? "output per producing mu (wan/mu)" : "output per mu with projects (wan/mu)",
                     "tax (wan)",
                     producing ? "tax per producing mu (wan/mu)" : "tax per mu with projects (wan/mu)",
                     "projects",
                     "meets threshold",
                     "below threshold",
                     "no data",
                     "meets threshold (invested)",
                     "below threshold (invested)",
                     "funds 2021 (wan)",
                     "funds 2022 (wan)",
                     "funds 2023 (wan)"};
    } else {
        t.headers = {"代码",
                     "开发区",
                     "级别",
                     "投资强度门槛(万元/亩)",
                     "宗地数",
                     "面积(亩)",
                     "工业用地(亩)",
                     "固定资产投资(万元)",
                     "投资强度(万元/亩)",
                     "年产值(万元)",
                     producing ? "亩均产出(万元/投产亩)" : "亩均产出(万元/有项目工业亩)",
                     "年税收(万元)",
                     producing ? "亩均税收(万元/投产亩)" : "亩均税收(万元/有项目工业亩)",
                     "项目数",
                     "达门槛宗地",
                     "未达门槛宗地",
                     "无数据宗地",
                     "达门槛宗地(实际投资)",
                     "未达门槛宗地(实际投资)",
                     "2021到位资金(万元)",
                     "2022到位资金(万元)",
                     "2023到位资金(万元)"};
    }
    auto level = [&](const std::string& l) -> std::string {
        if (l.empty()) return l;
        if (english)
            return l == "national_new_area" ? "National new area"
                   : l == "national"        ? "National"
                                            : "Provincial";
        if (l == "national_new_area") return "国家级新区";
        if (l == "national") return "国家级";
        return "省级";
    };
    auto funds = [](const ZoneSummary& s, const char* y) {
        auto it = s.funds_wan_by_year.find(y);
        return it == s.funds_wan_by_year.end() ? report::Cell(0.0) : report::Cell(it->second);
    };
    auto row = [&](const ZoneSummary& s) {
        std::vector<report::Cell> v{
            s.code,
            english && !s.name_en.empty() ? s.name_en : s.name,
            level(s.level),
            report::cell(s.threshold_wan_per_mu),
            s.parcel_count,
            s.area_mu,
            s.industrial_area_mu,
            s.fixed_asset_invest_wan,
            report::cell(s.invest_intensity_wan_per_mu),
            s.output_wan,
            report::cell(producing ? s.output_wan_per_producing_mu : s.output_intensity_wan_per_mu),
            s.tax_wan,
            report::cell(producing ? s.tax_wan_per_producing_mu : s.tax_wan_per_mu),
            s.project_count,
            s.compliant_parcels,
            s.noncompliant_parcels,
            s.nodata_parcels,
            s.compliant_actual_parcels,
            s.noncompliant_actual_parcels,
            funds(s, "2021"),
            funds(s, "2022"),
            funds(s, "2023")};
        t.rows.push_back(std::move(v));
    };
    for (const auto& z : r.zones) row(z);
    row(r.totals);
    return t;
}

}  // namespace pa::analysis
