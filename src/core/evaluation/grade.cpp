// The 亩均 evaluation (grade.hpp). Steps: enterprises from the ledger's producing projects, their land, scale
// and sums; the group each is scored in; benchmarks (set, or the group's average); parts and the missing
// rule; grades within each group; the per-zone distribution.
#include "core/evaluation/grade.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "core/analysis/classify.hpp"
#include "core/analysis/date.hpp"
#include "core/analysis/land_state.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/io/values.hpp"

namespace pa::evaluation {

using io::trim;

namespace {

bool producing_stage(const std::string& stage) {
    return stage == "投产" || stage == "达产" || stage == "producing" || stage == "at_capacity";
}

/// Whether a project produced in `year`: its actual production date is in or before the year, or (no date)
/// the ledger says it produces; a production date after the year excludes it.
bool produced_in(const Project& p, int year) {
    const std::string d = p.actual_production_date.str();
    if (!d.empty()) return std::atoi(d.substr(0, 4).c_str()) <= year;
    return producing_stage(trim(p.stage.view()));
}

void add(OptDouble& sum, bool& broken, OptDouble v) {
    if (broken) return;
    if (!v) {
        broken = true;
        sum = OptDouble();
        return;
    }
    sum = sum.value_or(0.0) + *v;
}

std::optional<double> ratio(OptDouble num, OptDouble den) {
    if (!num || !den || !(*den > 0.0)) return std::nullopt;
    return *num / *den;
}

/// Each project's land in 亩: 用地面积 where the ledger gives it, else its share of each linked parcel (by
/// the tenants' 建筑面积 when every tenant of the parcel gives one, else equal shares). Also the land per
/// zone.
struct ProjectLand {
    std::optional<double> area_mu;
    std::map<std::string, double> zone_mu;
};

std::vector<ProjectLand> project_land(const std::vector<Parcel>& parcels,
                                      const std::vector<Project>& projects, const analysis::LedgerIndex& ix) {
    std::unordered_map<const Parcel*, size_t> parcel_index;
    for (size_t i = 0; i < parcels.size(); ++i) parcel_index[&parcels[i]] = i;
    std::vector<ProjectLand> out(projects.size());
    for (size_t i = 0; i < projects.size(); ++i) {
        const Project& p = projects[i];
        const auto& linked = ix.parcels_of_project[i];
        std::map<std::string, double> split;
        double total = 0.0;
        for (const Parcel* pc : linked) {
            const auto& tenants = ix.projects_of_parcel[parcel_index[pc]];
            double floor_sum = 0.0;
            bool all_floor = !tenants.empty();
            for (const Project* t : tenants) {
                if (!t->floor_area_m2 || !(*t->floor_area_m2 > 0.0)) all_floor = false;
                if (all_floor) floor_sum += *t->floor_area_m2;
            }
            double share = tenants.empty() ? 1.0 : 1.0 / static_cast<double>(tenants.size());
            if (all_floor && floor_sum > 0.0) share = *p.floor_area_m2 / floor_sum;
            split[pc->zone_code] += pc->area_mu * share;
            total += pc->area_mu * share;
        }
        ProjectLand& l = out[i];
        if (p.land_area_mu && *p.land_area_mu > 0.0) {
            l.area_mu = *p.land_area_mu;
            if (total > 0.0) {
                for (const auto& [z, mu] : split) l.zone_mu[z] = *p.land_area_mu * mu / total;
            } else {
                l.zone_mu[ix.project_zone[i]] = *p.land_area_mu;
            }
        } else if (total > 0.0) {
            l.area_mu = total;
            l.zone_mu = split;
        }
    }
    return out;
}

/// The indicators from the sums.
void compute_indicators(Enterprise& e) {
    OptDouble mu;
    if (e.area_known && e.area_mu > 0.0) mu = e.area_mu;
    auto set = [&](Indicator i, std::optional<double> v) { e.indicators[static_cast<int>(i)] = v; };
    set(Indicator::TaxPerMu, ratio(e.tax_wan, mu));
    set(Indicator::ValueAddedPerMu, ratio(e.value_added_wan, mu));
    set(Indicator::RevenuePerMu, ratio(e.revenue_wan, mu));
    set(Indicator::ValueAddedPerEnergy, ratio(e.value_added_wan, e.energy_tce));
    set(Indicator::ValueAddedPerEmission, ratio(e.value_added_wan, e.emission_t));
    set(Indicator::ValueAddedPerWater, std::nullopt);
    set(Indicator::LabourProductivity, ratio(e.value_added_wan, e.jobs));
    set(Indicator::RdShare, ratio(e.rd_wan, e.revenue_wan));
    set(Indicator::TaxPerKwh, ratio(e.tax_wan, e.electricity_wan_kwh));
}

/// Numerator and denominator of an indicator (for group averages).
std::pair<OptDouble, OptDouble> parts_of(const Enterprise& e, Indicator i) {
    OptDouble mu = e.area_known && e.area_mu > 0.0 ? OptDouble(e.area_mu) : OptDouble();
    switch (i) {
        case Indicator::TaxPerMu:
            return {e.tax_wan, mu};
        case Indicator::ValueAddedPerMu:
            return {e.value_added_wan, mu};
        case Indicator::RevenuePerMu:
            return {e.revenue_wan, mu};
        case Indicator::ValueAddedPerEnergy:
            return {e.value_added_wan, e.energy_tce};
        case Indicator::ValueAddedPerEmission:
            return {e.value_added_wan, e.emission_t};
        case Indicator::ValueAddedPerWater:
            return {OptDouble(), OptDouble()};
        case Indicator::LabourProductivity:
            return {e.value_added_wan, e.jobs};
        case Indicator::RdShare:
            return {e.rd_wan, e.revenue_wan};
        case Indicator::TaxPerKwh:
            return {e.tax_wan, e.electricity_wan_kwh};
    }
    return {};
}

bool in_group(const Enterprise& e, const GroupSpec& g) {
    if (g.above_scale && *g.above_scale != e.above_scale) return false;
    if (g.min_area_mu && !(e.area_mu >= *g.min_area_mu)) return false;
    if (g.max_area_mu && !(e.area_mu < *g.max_area_mu)) return false;
    return true;
}

/// Builds the enterprises of the year from the producing projects (and lists those with none: under
/// construction).
std::vector<Enterprise> gather(const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                               const std::vector<Project>& projects, const std::vector<Link>& links,
                               const EvaluationConfig& cfg, int year) {
    const analysis::LedgerIndex ix = analysis::index_ledger(parcels, projects, links, zones);
    const std::vector<ProjectLand> land = project_land(parcels, projects, ix);
    std::set<std::string> utilities(cfg.utility_industries.begin(), cfg.utility_industries.end());
    std::map<std::string, size_t> index;
    std::vector<Enterprise> out;
    struct Broken {
        bool tax = false, va = false, rev = false, energy = false, emission = false, elec = false,
             jobs = false, rd = false, area = false, utility = false, output = false;
        int producing = 0;
        OptDouble output_wan;
    };
    std::vector<Broken> broken;
    for (size_t i = 0; i < projects.size(); ++i) {
        const Project& p = projects[i];
        const std::string key = enterprise_key(p);
        auto [it, fresh] = index.emplace(key, out.size());
        if (fresh) {
            out.emplace_back();
            broken.emplace_back();
            out.back().credit_code = key;
            out.back().name = trim(p.enterprise);
        }
        Enterprise& e = out[it->second];
        Broken& b = broken[it->second];
        if (e.name.empty()) e.name = trim(p.enterprise);
        if (utilities.count(trim(p.industry.view()))) b.utility = true;
        const std::string& zone = ix.project_zone[i];
        if (!zone.empty() && std::find(e.zones.begin(), e.zones.end(), zone) == e.zones.end())
            e.zones.push_back(zone);
        if (!produced_in(p, year)) continue;
        ++b.producing;
        e.project_ids.push_back(trim(p.project_id));
        const std::string first = p.actual_production_date.str();
        if (!first.empty() && (e.first_production_date.empty() || first < e.first_production_date))
            e.first_production_date = first;
        add(e.tax_wan, b.tax, p.tax_wan);
        add(e.value_added_wan, b.va, p.value_added_wan);
        add(e.revenue_wan, b.rev, p.revenue_wan);
        add(e.energy_tce, b.energy, p.energy_tce);
        add(e.emission_t, b.emission, p.emission_t);
        add(e.electricity_wan_kwh, b.elec, p.electricity_wan_kwh);
        add(e.jobs, b.jobs, p.jobs);
        add(e.rd_wan, b.rd, p.rd_wan);
        add(b.output_wan, b.output, p.output_wan);
        if (!land[i].area_mu) b.area = true;
        e.area_mu += land[i].area_mu.value_or(0.0);
        for (const auto& [z, mu] : land[i].zone_mu) e.zone_area_mu[z] += mu;
        // Scale: the ledger's 规上 flag of any project says above; else revenue, else output, against the
        // line.
        if (p.above_scale) {
            if (e.scale_source != "ledger") e.above_scale = false;
            e.above_scale = e.above_scale || *p.above_scale;
            e.scale_source = "ledger";
        }
    }
    const int cutoff = analysis::Date::from_ymd(year, 12, 31).days - cfg.min_producing_days;
    for (size_t k = 0; k < out.size(); ++k) {
        Enterprise& e = out[k];
        const Broken& b = broken[k];
        e.area_known = b.producing > 0 && !b.area && e.area_mu > 0.0;
        if (e.scale_source.empty()) {
            if (e.revenue_wan) {
                e.above_scale = *e.revenue_wan >= cfg.above_scale_revenue_wan;
                e.scale_source = "revenue";
            } else {
                e.above_scale = b.output_wan && *b.output_wan >= cfg.above_scale_revenue_wan;
                e.scale_source = b.output_wan ? "output" : "none";
            }
        }
        compute_indicators(e);
        if (b.utility)
            e.not_graded_reason = "utility";
        else if (b.producing == 0)
            e.not_graded_reason = "under_construction";
        else if (!e.area_known)
            e.not_graded_reason = "no_land_area";
        else if (!e.first_production_date.empty() &&
                 analysis::Date::parse(e.first_production_date)->days > cutoff)
            e.not_graded_reason = "producing_under_a_year";
        for (const auto& g : cfg.groups)
            if (b.producing > 0 && in_group(e, g)) {
                e.group = g.name;
                break;
            }
        if (e.group.empty() && e.not_graded_reason.empty()) e.not_graded_reason = "no_group";
    }
    return out;
}

/// Scores the enterprises of one group: benchmarks, parts, the missing rule.
void score_group(std::vector<Enterprise*>& members, const GroupSpec& g, const EvaluationConfig& cfg,
                 std::map<std::string, double>& benchmarks, std::vector<std::string>& notes) {
    auto graded = [](const Enterprise* e) { return e->not_graded_reason.empty(); };
    auto average = [&](Indicator i) -> std::optional<double> {
        double num = 0.0, den = 0.0;
        for (const Enterprise* e : members) {
            if (!graded(e)) continue;
            auto [n, d] = parts_of(*e, i);
            if (n && d && *d > 0.0) {
                num += *n;
                den += *d;
            }
        }
        if (!(den > 0.0) || !(num > 0.0)) return std::nullopt;
        return num / den;
    };
    for (const IndicatorSpec& is : g.indicators) {
        const std::string name = to_string(is.indicator);
        std::optional<double> bench = is.benchmark ? is.benchmark : average(is.indicator);
        std::optional<double> fb_bench;
        if (is.fallback) fb_bench = is.fallback_benchmark ? is.fallback_benchmark : average(*is.fallback);
        if (bench) benchmarks[name] = *bench;
        if (is.fallback && fb_bench)
            benchmarks[std::string(to_string(*is.fallback)) + " (fallback)"] = *fb_bench;
        std::vector<std::optional<double>> part(members.size());
        double sum = 0.0;
        int present = 0;
        for (size_t k = 0; k < members.size(); ++k) {
            const Enterprise& e = *members[k];
            auto v = e.indicators[static_cast<int>(is.indicator)];
            std::optional<double> b = bench;
            if (!v && is.fallback) {
                v = e.indicators[static_cast<int>(*is.fallback)];
                b = fb_bench;
                if (v && b) members[k]->fallbacks.push_back(name);
            }
            if (!v || !b) continue;
            part[k] = std::clamp(*v / *b, 0.0, cfg.cap) * is.weight;
            if (graded(&e)) {
                sum += *part[k];
                ++present;
            }
        }
        double fill = 0.0;
        if (cfg.missing == MissingRule::GroupMean) {
            if (present > 0)
                fill = sum / present;
            else
                notes.push_back("group " + g.name + ": no graded enterprise has " + name +
                                "; that part is 0 for all (its weight is left out)");
        }
        for (size_t k = 0; k < members.size(); ++k) {
            Enterprise& e = *members[k];
            if (!part[k]) e.imputed.push_back(name);
            const double v = part[k] ? *part[k] : fill;
            e.score_parts.emplace_back(name, v);
            e.score = e.score.value_or(0.0) + v;
        }
    }
}

void grade_group(std::vector<Enterprise*>& members, const EvaluationConfig& cfg) {
    std::vector<Enterprise*> ranked;
    for (Enterprise* e : members)
        if (e->not_graded_reason.empty() && e->score) ranked.push_back(e);
    std::stable_sort(ranked.begin(), ranked.end(), [](const Enterprise* a, const Enterprise* b) {
        return *a->score > *b->score || (*a->score == *b->score && a->credit_code < b->credit_code);
    });
    const double n = static_cast<double>(ranked.size());
    for (size_t k = 0; k < ranked.size(); ++k) {
        Enterprise& e = *ranked[k];
        // Competition ranking: equal scores share the better rank, so a tie never straddles a cut-off.
        e.rank = k > 0 && *ranked[k - 1]->score == *e.score ? ranked[k - 1]->rank : static_cast<int>(k) + 1;
        if (cfg.method == GradeMethod::Rank) {
            const double r = e.rank;
            e.grade = r <= cfg.cuts[0] * n + 1e-9   ? 'A'
                      : r <= cfg.cuts[1] * n + 1e-9 ? 'B'
                      : r <= cfg.cuts[2] * n + 1e-9 ? 'C'
                                                    : 'D';
        } else {
            const double s = *e.score;
            e.grade = s >= cfg.cuts[0] ? 'A' : s >= cfg.cuts[1] ? 'B' : s >= cfg.cuts[2] ? 'C' : 'D';
        }
    }
}

void tally_zones(Evaluation& ev, const std::vector<Zone>& zones) {
    for (const Zone& z : zones) {
        ZoneGrades zg;
        zg.code = z.code;
        for (const Enterprise& e : ev.enterprises) {
            auto it = e.zone_area_mu.find(z.code);
            if (it == e.zone_area_mu.end()) continue;
            if (e.grade) {
                const int g = e.grade - 'A';
                zg.counts[static_cast<size_t>(g)] += 1;
                zg.area_mu[static_cast<size_t>(g)] += it->second;
            } else if (!e.project_ids.empty()) {
                zg.not_graded += 1;
            }
        }
        ev.zones.push_back(zg);
    }
}

}  // namespace

std::string enterprise_key(const Project& p) {
    std::string k = trim(p.credit_code);
    if (k.empty()) k = trim(p.enterprise);
    if (k.empty()) k = "#" + (trim(p.project_id).empty() ? std::to_string(p.id) : trim(p.project_id));
    return k;
}

ParcelGrades parcel_grades(const Evaluation& e, const std::vector<Parcel>& parcels,
                           const std::vector<Project>& projects, const std::vector<Link>& links) {
    std::unordered_map<std::string, int> by_key;
    for (size_t k = 0; k < e.enterprises.size(); ++k)
        by_key[e.enterprises[k].credit_code] = static_cast<int>(k);
    std::unordered_map<int64_t, size_t> parcel_of_id, project_of_id;
    for (size_t i = 0; i < parcels.size(); ++i) parcel_of_id[parcels[i].id] = i;
    for (size_t i = 0; i < projects.size(); ++i) project_of_id[projects[i].id] = i;
    ParcelGrades g;
    g.parcel_class.assign(parcels.size(), analysis::kGradeNoEnterprise);
    g.parcel_enterprises.resize(parcels.size());
    for (const Link& l : links) {
        auto pi = parcel_of_id.find(l.parcel_id);
        auto pr = project_of_id.find(l.project_rowid);
        if (pi == parcel_of_id.end() || pr == project_of_id.end()) continue;
        auto k = by_key.find(enterprise_key(projects[pr->second]));
        if (k == by_key.end()) continue;
        auto& list = g.parcel_enterprises[pi->second];
        if (std::find(list.begin(), list.end(), k->second) == list.end()) list.push_back(k->second);
    }
    for (size_t i = 0; i < parcels.size(); ++i) {
        auto& list = g.parcel_enterprises[i];
        if (list.empty()) continue;
        // Graded first, the one with the most land leading; then the others.
        std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
            const Enterprise &x = e.enterprises[static_cast<size_t>(a)],
                             &y = e.enterprises[static_cast<size_t>(b)];
            if ((x.grade != 0) != (y.grade != 0)) return x.grade != 0;
            if (x.area_mu != y.area_mu) return x.area_mu > y.area_mu;
            return x.grade < y.grade;  // equal land: the better grade
        });
        const char grade = e.enterprises[static_cast<size_t>(list.front())].grade;
        g.parcel_class[i] = grade ? grade - 'A' : analysis::kGradeNotGraded;
    }
    return g;
}

int default_year(const std::vector<Parcel>& parcels, const std::vector<Project>& projects) {
    auto d = analysis::latest_data_date(parcels, projects);
    return d ? d->ymd().y : 2023;
}

Evaluation evaluate(const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                    const std::vector<Project>& projects, const std::vector<Link>& links,
                    const EvaluationConfig& config, int year) {
    Evaluation ev;
    ev.year = year;
    ev.config = config;
    ev.enterprises = gather(zones, parcels, projects, links, config, year);
    for (const GroupSpec& g : config.groups) {
        std::vector<Enterprise*> members;
        for (Enterprise& e : ev.enterprises)
            if (e.group == g.name && !e.project_ids.empty() && e.area_known) members.push_back(&e);
        score_group(members, g, config, ev.benchmarks[g.name], ev.notes);
        grade_group(members, config);
    }
    // Graded first, by group (in the config's order) and rank; then the rest by reason and code.
    std::map<std::string, size_t> group_order;
    for (size_t k = 0; k < config.groups.size(); ++k) group_order[config.groups[k].name] = k;
    std::stable_sort(ev.enterprises.begin(), ev.enterprises.end(),
                     [&](const Enterprise& a, const Enterprise& b) {
                         const bool ga = a.grade != 0, gb = b.grade != 0;
                         if (ga != gb) return ga;
                         if (ga) {
                             if (a.group != b.group) return group_order[a.group] < group_order[b.group];
                             if (a.rank != b.rank) return a.rank < b.rank;
                             return a.credit_code < b.credit_code;
                         }
                         if (a.not_graded_reason != b.not_graded_reason)
                             return a.not_graded_reason < b.not_graded_reason;
                         return a.credit_code < b.credit_code;
                     });
    tally_zones(ev, zones);
    return ev;
}

void keep_zone(Evaluation& e, const std::string& zone_code) {
    std::vector<Enterprise> kept;
    for (auto& x : e.enterprises)
        if (std::find(x.zones.begin(), x.zones.end(), zone_code) != x.zones.end())
            kept.push_back(std::move(x));
    e.enterprises = std::move(kept);
    std::vector<ZoneGrades> zones;
    for (auto& z : e.zones)
        if (z.code == zone_code) zones.push_back(z);
    e.zones = std::move(zones);
}

}  // namespace pa::evaluation
