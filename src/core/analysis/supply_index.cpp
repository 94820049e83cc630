#include "core/analysis/supply_index.hpp"

#include <map>
#include <unordered_map>

namespace pa::analysis {

namespace {
std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}
}  // namespace

namespace {
// Zone code of each project (LedgerIndex::project_zone); `each_parcel(i, fn)` calls fn(parcel) for the
// parcels linked to project i.
template <class EachParcel>
std::vector<std::string> zones_of_projects(const std::vector<Project>& projects,
                                           const std::vector<Zone>& zones, const EachParcel& each_parcel) {
    std::vector<std::string> out(projects.size());
    std::map<std::string, std::string> zone_by_name;
    for (const auto& z : zones) {
        zone_by_name[trim(z.name_zh)] = z.code;
        if (!z.name_en.empty()) zone_by_name[trim(z.name_en)] = z.code;
        zone_by_name[z.code] = z.code;
    }
    std::map<std::string, double> area;
    for (size_t i = 0; i < projects.size(); ++i) {
        area.clear();
        each_parcel(i, [&area](const Parcel& p) {
            if (!p.zone_code.empty()) area[p.zone_code] += p.area_m2;
        });
        std::string best;
        double best_a = -1.0;
        for (const auto& [code, a] : area)
            if (a > best_a) best = code, best_a = a;
        if (best.empty()) {
            auto it = zone_by_name.find(trim(projects[i].zone_name));
            if (it != zone_by_name.end()) best = it->second;
        }
        out[i] = best;
    }
    return out;
}
}  // namespace

LedgerIndex index_ledger(const std::vector<Parcel>& parcels, const std::vector<Project>& projects,
                         const std::vector<Link>& links, const std::vector<Zone>& zones) {
    LedgerIndex ix;
    ix.projects_of_parcel.resize(parcels.size());
    ix.parcels_of_project.resize(projects.size());
    std::unordered_map<int64_t, size_t> parcel_at, project_at;
    for (size_t i = 0; i < parcels.size(); ++i) parcel_at[parcels[i].id] = i;
    for (size_t i = 0; i < projects.size(); ++i) project_at[projects[i].id] = i;
    for (const auto& l : links) {
        auto a = parcel_at.find(l.parcel_id);
        auto b = project_at.find(l.project_rowid);
        if (a == parcel_at.end() || b == project_at.end()) continue;
        ix.projects_of_parcel[a->second].push_back(&projects[b->second]);
        ix.parcels_of_project[b->second].push_back(&parcels[a->second]);
    }
    ix.project_zone = zones_of_projects(projects, zones, [&](size_t i, const auto& fn) {
        for (const Parcel* p : ix.parcels_of_project[i]) fn(*p);
    });
    return ix;
}

std::vector<std::string> project_zones(const std::vector<Parcel>& parcels,
                                       const std::vector<Project>& projects,
                                       const IndexLists& parcel_projects, const std::vector<Zone>& zones) {
    std::vector<std::pair<uint32_t, int>> pairs;  // (project, parcel), in parcel order as the links were
    for (size_t i = 0; i < parcel_projects.size() && i < parcels.size(); ++i)
        for (int j : parcel_projects[i]) pairs.emplace_back(static_cast<uint32_t>(j), static_cast<int>(i));
    const IndexLists parcels_of = IndexLists::from_pairs(projects.size(), pairs);
    return zones_of_projects(projects, zones, [&](size_t i, const auto& fn) {
        for (int q : parcels_of[i]) fn(parcels[static_cast<size_t>(q)]);
    });
}

}  // namespace pa::analysis
