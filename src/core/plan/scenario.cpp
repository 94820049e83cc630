// Scenario support shared by the CLI and the viewer: the pipeline rows as stored in a scenario, the ledger's
// unplaced projects as candidates, and the KPIs that compare two scenarios (docs/planning.md).
#include "core/plan/scenario.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/analysis/chains.hpp"
#include "core/io/sources.hpp"

#include "core/plan/planner.hpp"

namespace pa::plan {

using nlohmann::json;

json pipeline_to_json(const PipelineProject& p) {
    auto num = [](OptDouble v) { return v ? json(*v) : json(nullptr); };
    return {{"project_id", p.project_id},
            {"name", p.name},
            {"enterprise", p.enterprise},
            {"credit_code", p.credit_code},
            {"industry", p.industry},
            {"land_use", to_string(p.land_use)},
            {"min_area_mu", num(p.min_area_mu)},
            {"max_area_mu", num(p.max_area_mu)},
            {"fixed_invest_wan", num(p.fixed_invest_wan)},
            {"output_wan", num(p.output_wan)},
            {"tax_wan", num(p.tax_wan)},
            {"energy_tce", num(p.energy_tce)},
            {"plot_ratio", num(p.plot_ratio)},
            {"preferred_zone", p.preferred_zone},
            {"earliest_start", p.earliest_start},
            {"standard_land", p.standard_land},
            {"digital_economy", p.digital_economy},
            {"headquarters", p.headquarters},
            {"central_soe", p.central_soe},
            {"from_ledger", p.from_ledger},
            {"source_row", p.source_row}};
}

PipelineProject pipeline_from_json(const json& j) {
    PipelineProject p;
    auto num = [&](const char* k) {
        return j.contains(k) && j[k].is_number() ? OptDouble(j[k].get<double>()) : OptDouble();
    };
    auto str = [&](const char* k) {
        return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
    };
    auto flag = [&](const char* k) { return j.contains(k) && j[k].is_boolean() && j[k].get<bool>(); };
    p.project_id = str("project_id");
    p.name = str("name");
    p.enterprise = str("enterprise");
    p.credit_code = str("credit_code");
    p.industry = str("industry");
    p.land_use = land_use_from_string(str("land_use")).value_or(LandUse::Industrial);
    p.min_area_mu = num("min_area_mu");
    p.max_area_mu = num("max_area_mu");
    p.fixed_invest_wan = num("fixed_invest_wan");
    p.output_wan = num("output_wan");
    p.tax_wan = num("tax_wan");
    p.energy_tce = num("energy_tce");
    p.plot_ratio = num("plot_ratio");
    p.preferred_zone = str("preferred_zone");
    p.earliest_start = str("earliest_start");
    p.standard_land = flag("standard_land");
    p.digital_economy = flag("digital_economy");
    p.headquarters = flag("headquarters");
    p.central_soe = flag("central_soe");
    p.from_ledger = flag("from_ledger");
    p.source_row =
        j.contains("source_row") && j["source_row"].is_number_integer() ? j["source_row"].get<int64_t>() : 0;
    return p;
}

std::vector<PipelineProject> stored_pipeline(const store::Scenario& s) {
    std::vector<PipelineProject> out;
    const json j = json::parse(s.pipeline_json.empty() ? "[]" : s.pipeline_json, nullptr, false);
    if (j.is_array())
        for (const auto& x : j)
            if (x.is_object() && !x.value("from_ledger", false)) out.push_back(pipeline_from_json(x));
    return out;
}

std::vector<PipelineProject> planning_projects(const std::string& pipeline_path,
                                               const std::optional<store::Scenario>& existing,
                                               const std::vector<Project>& ledger,
                                               const std::vector<Link>& links, std::string& source,
                                               std::vector<Problem>* problems) {
    std::vector<PipelineProject> projects;
    source = existing ? existing->pipeline_source : "";
    if (!pipeline_path.empty()) {
        io::PipelineRead pr = io::read_pipeline(pipeline_path, io::SourceOptions{});
        if (problems) *problems = std::move(pr.report.problems);
        projects = std::move(pr.projects);
        source = pipeline_path;
    } else if (existing) {
        projects = stored_pipeline(*existing);
    }
    std::set<std::string> ids;
    for (const auto& p : projects) ids.insert(p.project_id);
    for (auto& p : unplaced_ledger_projects(ledger, links))
        if (ids.insert(p.project_id).second) projects.push_back(std::move(p));
    return projects;
}

std::vector<PipelineProject> unplaced_ledger_projects(const std::vector<Project>& projects,
                                                      const std::vector<Link>& links) {
    std::set<int64_t> linked;
    for (const auto& l : links) linked.insert(l.project_rowid);
    std::vector<PipelineProject> out;
    std::set<std::string> seen;
    for (const auto& pr : projects) {
        if (linked.count(pr.id) || !pr.parcel_codes_raw.empty() || pr.project_id.empty() ||
            !pr.land_area_mu || *pr.land_area_mu <= 0 || !seen.insert(pr.project_id).second)
            continue;
        PipelineProject p;
        p.project_id = pr.project_id;
        p.name = pr.name;
        p.enterprise = pr.enterprise;
        p.credit_code = pr.credit_code;
        p.industry = pr.industry;
        p.land_use =
            pr.industry == "现代物流" || pr.industry == "现代服务业" ? LandUse::Storage : LandUse::Industrial;
        p.min_area_mu = *pr.land_area_mu * 0.9;
        p.max_area_mu = *pr.land_area_mu * 1.1;
        p.fixed_invest_wan = pr.fixed_invest_wan ? pr.fixed_invest_wan : pr.total_invest_wan;
        p.output_wan = pr.output_wan;
        p.tax_wan = pr.tax_wan;
        p.energy_tce = pr.energy_tce;
        p.preferred_zone = pr.zone_name;
        p.central_soe = pr.central_soe;
        p.digital_economy = pr.digital_economy;
        p.headquarters = pr.headquarters;
        p.from_ledger = true;
        out.push_back(std::move(p));
    }
    return out;
}

namespace {

struct Kpis {
    double land_mu = 0, invest_wan = 0, output_wan = 0, tax_wan = 0, energy_tce = 0;
    double base_area_mu = 0, base_invest_wan = 0, base_tax_wan = 0;
    double vacant_mu = 0;
    int64_t assigned = 0;
    double threshold = 0;
    json to_json(bool with_threshold) const {
        const double area = base_area_mu + land_mu;
        json j = {
            {"land_mu", land_mu},
            {"invest_wan", invest_wan},
            {"output_wan", output_wan},
            {"tax_wan", tax_wan},
            {"energy_tce", energy_tce},
            {"projects_assigned", assigned},
            {"vacant_left_mu", vacant_mu - land_mu},
            {"invest_wan_per_mu", area > 0 ? json((base_invest_wan + invest_wan) / area) : json(nullptr)},
            {"tax_wan_per_mu", area > 0 ? json((base_tax_wan + tax_wan) / area) : json(nullptr)}};
        if (with_threshold)
            j["meets_threshold"] =
                area > 0 && threshold > 0 && (base_invest_wan + invest_wan) / area >= threshold;
        return j;
    }
};

json scenario_kpis(const store::Scenario& s, const std::vector<Zone>& zones,
                   const std::vector<Parcel>& parcels, const std::vector<Link>& links, size_t pipeline_size) {
    std::map<std::string, Kpis> by_zone;
    for (const auto& z : zones) by_zone[z.code].threshold = z.threshold_wan_per_mu;
    for (const auto& p : parcels) {
        if (p.zone_code.empty()) continue;
        Kpis& k = by_zone[p.zone_code];
        if (p.stats.project_count > 0 && p.stats.invest_wan) {
            k.base_area_mu += p.area_mu;
            k.base_invest_wan += *p.stats.invest_wan;
            k.base_tax_wan += p.stats.tax_wan.value_or(0);
        }
    }
    for (size_t i : planable_parcels(parcels, links))
        by_zone[parcels[i].zone_code].vacant_mu += parcels[i].area_mu;
    Kpis total;
    for (const auto& a : s.assignments) {
        Kpis& k = by_zone[a.zone];
        k.land_mu += a.area_mu;
        k.invest_wan += a.invest_wan;
        k.output_wan += a.output_wan;
        k.tax_wan += a.tax_wan;
        k.energy_tce += a.energy_tce;
        ++k.assigned;
    }
    json zj = json::array();
    int64_t meeting = 0;
    for (const auto& [code, k] : by_zone) {
        json j = k.to_json(true);
        j["zone"] = code;
        meeting += j["meets_threshold"].get<bool>() ? 1 : 0;
        zj.push_back(j);
        total.land_mu += k.land_mu;
        total.invest_wan += k.invest_wan;
        total.output_wan += k.output_wan;
        total.tax_wan += k.tax_wan;
        total.energy_tce += k.energy_tce;
        total.base_area_mu += k.base_area_mu;
        total.base_invest_wan += k.base_invest_wan;
        total.base_tax_wan += k.base_tax_wan;
        total.vacant_mu += k.vacant_mu;
        total.assigned += k.assigned;
    }
    json t = total.to_json(false);
    t["zones_meeting_threshold"] = meeting;
    t["projects_unplaced"] = static_cast<int64_t>(pipeline_size) - total.assigned;
    t["objective"] = s.objective;
    return {{"total", t}, {"zones", zj}};
}

json delta(const json& a, const json& b) {
    json d = json::object();
    for (auto it = b.begin(); it != b.end(); ++it) {
        if (!a.contains(it.key())) continue;
        const json& x = a[it.key()];
        if (it->is_number() && x.is_number())
            d[it.key()] = it->get<double>() - x.get<double>();
        else if (it->is_boolean() && x.is_boolean())
            d[it.key()] = int(it->get<bool>()) - int(x.get<bool>());
    }
    return d;
}

size_t pipeline_size(const store::Scenario& s) {
    const json j = json::parse(s.pipeline_json.empty() ? "[]" : s.pipeline_json, nullptr, false);
    return j.is_array() ? j.size() : 0;
}

}  // namespace

std::vector<std::string> plot_codes(const Plot& plot, const std::vector<Parcel>& parcels) {
    std::vector<std::string> out;
    for (size_t i : plot.parcels) out.push_back(parcels[i].code);
    std::sort(out.begin(), out.end());
    return out;
}

json score_parts_json(const Candidate& c) {
    json j = json::object();
    for (size_t i = 0; i < kScoreParts.size(); ++i) j[kScoreParts[i]] = c.parts[i];
    return j;
}

store::Scenario make_scenario(const std::string& name, const std::vector<PipelineProject>& projects,
                              const std::string& pipeline_source, const CandidateSet& set,
                              const std::vector<size_t>& chosen, const std::vector<size_t>& locked,
                              const std::vector<Parcel>& parcels, bool solved, bool optimal) {
    store::Scenario s;
    s.name = name;
    s.pipeline_source = pipeline_source;
    json pj = json::array();
    for (const auto& p : projects) pj.push_back(pipeline_to_json(p));
    s.pipeline_json = pj.dump();
    s.solved = solved;
    s.optimal = optimal;
    const std::set<size_t> locks(locked.begin(), locked.end());
    for (size_t j : chosen) {
        const Candidate& c = set.candidates[j];
        const PipelineProject& p = projects[c.project];
        store::ScenarioAssignment a;
        a.project_id = p.project_id;
        a.parcel_codes = plot_codes(set.plots[c.plot], parcels);
        a.zone = set.plots[c.plot].zone;
        a.area_mu = c.area_mu;
        a.score = c.score;
        a.score_parts_json = score_parts_json(c).dump();
        a.energy_tce = c.energy_tce;
        a.invest_wan = p.fixed_invest_wan.value_or(0);
        a.output_wan = p.output_wan.value_or(0);
        a.tax_wan = p.tax_wan.value_or(0);
        a.locked = locks.count(j) > 0;
        s.objective += c.score;
        s.assignments.push_back(std::move(a));
    }
    return s;
}

PlanConfig load_plan_config(const std::string& path, const std::vector<std::string>& fallback_dirs) {
    const std::string chains = analysis::find_chain_config(fallback_dirs);
    const auto beside = std::filesystem::path(chains).parent_path() / "planning.json";
    std::error_code ec;
    const std::string use = !path.empty() ? path : std::filesystem::exists(beside, ec) ? beside.string() : "";
    return PlanConfig::load(use, std::filesystem::exists(chains, ec) ? chains : std::string());
}

namespace {
struct KpiName {
    const char* key;
    const char* zh;
    const char* en;
};
constexpr KpiName kKpiNames[] = {{"land_mu", "落地用地(亩)", "Land placed (mu)"},
                                 {"invest_wan", "固定资产投资(万元)", "Investment (10k CNY)"},
                                 {"output_wan", "达产产值(万元)", "Output (10k CNY)"},
                                 {"tax_wan", "达产税收(万元)", "Tax (10k CNY)"},
                                 {"energy_tce", "综合能耗(吨标准煤)", "Energy (tce)"},
                                 {"projects_assigned", "落地项目数", "Projects placed"},
                                 {"projects_unplaced", "未落地项目数", "Projects not placed"},
                                 {"vacant_left_mu", "剩余可供地(亩)", "Vacant land left (mu)"},
                                 {"invest_wan_per_mu", "投资强度(万元/亩)", "Investment per mu (10k CNY/mu)"},
                                 {"tax_wan_per_mu", "亩均税收(万元/亩)", "Tax per mu (10k CNY/mu)"},
                                 {"meets_threshold", "达门槛", "Meets the threshold"},
                                 {"zones_meeting_threshold", "达门槛园区数", "Zones meeting the threshold"},
                                 {"chain_gaps_closed", "补链缺口补上数", "Chain gaps closed"},
                                 {"objective", "目标值(总得分)", "Objective (total score)"}};
}  // namespace

const char* kpi_label(const std::string& key, bool en) {
    for (const auto& k : kKpiNames)
        if (key == k.key) return en ? k.en : k.zh;
    return nullptr;
}

std::vector<std::string> kpi_keys() {
    std::vector<std::string> out;
    for (const auto& k : kKpiNames) out.emplace_back(k.key);
    return out;
}

std::map<std::string, int> chain_gaps_closed(const store::Scenario& s, const std::vector<Parcel>& parcels,
                                             const ChainBaseline& chains) {
    auto gaps = [&](std::vector<analysis::ChainFirm> firms) {
        std::set<std::pair<std::string, size_t>> out;
        for (const auto& g :
             analysis::analyse_chains(chains.config, std::move(firms), chains.distance_m).gaps)
            if (g.status == "missing_upstream" || g.status == "missing_downstream")
                out.insert({g.zone, g.pair});
        return out;
    };
    // the scenario's projects as firms: their pipeline industry, at the area-weighted centre of their plot
    std::map<std::string, std::string> industry;
    const json pj = json::parse(s.pipeline_json.empty() ? "[]" : s.pipeline_json, nullptr, false);
    if (pj.is_array())
        for (const auto& r : pj)
            if (r.is_object() && r.value("project_id", json()).is_string() &&
                r.value("industry", json()).is_string())
                industry[r["project_id"].get<std::string>()] = r["industry"].get<std::string>();
    std::map<std::string, size_t> by_code;
    for (size_t i = 0; i < parcels.size(); ++i) by_code.emplace(parcels[i].code, i);
    std::vector<analysis::ChainFirm> firms = chains.firms;
    for (const auto& a : s.assignments) {
        double w = 0, lon = 0, lat = 0;
        for (const auto& code : a.parcel_codes)
            if (auto it = by_code.find(code); it != by_code.end()) {
                const Parcel& p = parcels[it->second];
                const double pw = std::max(p.area_m2, 1.0);
                w += pw;
                lon += p.centroid_lon * pw;
                lat += p.centroid_lat * pw;
            }
        auto ind = industry.find(a.project_id);
        if (w <= 0 || ind == industry.end() || ind->second.empty()) continue;
        firms.push_back({a.project_id, a.project_id, ind->second, a.zone, LonLat{lon / w, lat / w}});
    }
    const auto before = gaps(chains.firms), after = gaps(std::move(firms));
    std::map<std::string, int> closed;
    for (const auto& g : before)
        if (!after.count(g)) ++closed[g.first];
    return closed;
}

json compare_scenarios(const store::Scenario& sa, const store::Scenario& sb, const std::vector<Zone>& zones,
                       const std::vector<Parcel>& parcels, const std::vector<Link>& links,
                       const ChainBaseline* chains) {
    json a = scenario_kpis(sa, zones, parcels, links, pipeline_size(sa));
    json b = scenario_kpis(sb, zones, parcels, links, pipeline_size(sb));
    if (chains)
        for (auto [kp, s] : {std::pair{&a, &sa}, std::pair{&b, &sb}}) {
            const auto closed = chain_gaps_closed(*s, parcels, *chains);
            int total = 0;
            for (auto& z : (*kp)["zones"]) {
                const auto it = closed.find(z["zone"].get<std::string>());
                z["chain_gaps_closed"] = it == closed.end() ? 0 : it->second;
                total += z["chain_gaps_closed"].get<int>();
            }
            (*kp)["total"]["chain_gaps_closed"] = total;
        }
    json zones_j = json::array();
    for (size_t i = 0; i < a["zones"].size() && i < b["zones"].size(); ++i)
        zones_j.push_back({{"zone", a["zones"][i]["zone"]},
                           {"a", a["zones"][i]},
                           {"b", b["zones"][i]},
                           {"delta", delta(a["zones"][i], b["zones"][i])}});
    return {
        {"a", a["total"]}, {"b", b["total"]}, {"delta", delta(a["total"], b["total"])}, {"zones", zones_j}};
}

}  // namespace pa::plan
