// Industry chain links and 补链 gap table (chains.hpp).
#include "core/analysis/chains.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/analysis/cluster.hpp"
#include "core/common/config_file.hpp"
#include "core/common/error.hpp"
#include "core/common/json_file.hpp"
#include "core/store/workspace.hpp"

namespace pa::analysis {

ChainConfig parse_chain_config(const std::string& text, const std::string& what) {
    const nlohmann::json j = parse_json_text(text, "industry chain configuration " + what,
                                             "fix the file or restore config/industry_chains.json.");
    ChainConfig c;
    if (!j.is_object() || !j.contains("chains") || !j["chains"].is_array())
        throw InputError(
            "The industry chain configuration " + what +
            " has no \"chains\" array; add one with {\"upstream\": …, \"downstream\": …} entries.");
    if (j.contains("default_distance_m")) {
        if (!j["default_distance_m"].is_number() || !(j["default_distance_m"].get<double>() > 0.0))
            throw InputError("In " + what + ", \"default_distance_m\" must be a positive number of metres.");
        c.default_distance_m = j["default_distance_m"].get<double>();
    }
    size_t k = 0;
    for (const auto& e : j["chains"]) {
        ++k;
        auto str = [&](const char* key, bool required) -> std::string {
            if (!e.is_object() || !e.contains(key)) {
                if (required)
                    throw InputError("Entry " + std::to_string(k) + " of \"chains\" in " + what +
                                     " has no \"" + key + "\"; give the ledger's 产业类别 name.");
                return {};
            }
            if (!e[key].is_string())
                throw InputError("In entry " + std::to_string(k) + " of \"chains\" in " + what + ", \"" +
                                 key + "\" must be a string.");
            return e[key].get<std::string>();
        };
        ChainPair p;
        p.upstream = str("upstream", true);
        p.downstream = str("downstream", true);
        p.products = str("products", false);
        p.plan = str("plan", false);
        if (p.upstream.empty() || p.downstream.empty())
            throw InputError("Entry " + std::to_string(k) + " of \"chains\" in " + what +
                             " has an empty industry name; give the ledger's 产业类别 name.");
        c.pairs.push_back(std::move(p));
    }
    return c;
}

ChainConfig load_chain_config(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f)
        throw InputError("The industry chain configuration " + path +
                         " cannot be read; check the path, pass --config FILE or set PARKATLAS_CONFIG_DIR to "
                         "the folder holding "
                         "industry_chains.json.");
    std::stringstream ss;
    ss << f.rdbuf();
    return parse_chain_config(ss.str(), path);
}

std::string find_chain_config(const std::vector<std::string>& fallback_dirs) {
    return find_config_file("industry_chains.json", fallback_dirs);
}

ChainResult analyse_chains(const ChainConfig& config, std::vector<ChainFirm> firms, double distance_m) {
    if (!(distance_m > 0.0))
        throw InputError(
            "The chain link distance must be a positive number of metres; pass e.g. --distance 5000.");
    ChainResult r;
    r.config = config;
    r.distance_m = distance_m;
    std::vector<LonLat> ll;
    for (const auto& f : firms) ll.push_back(f.pos);
    auto [lon0, lat0] = LocalProjection::centre_of(ll);
    LocalProjection proj(lon0, lat0);
    std::vector<XY> xy;
    for (const auto& f : firms) xy.push_back(proj.forward(f.pos));
    std::map<std::string, std::vector<size_t>> by_industry;
    for (size_t i = 0; i < firms.size(); ++i) by_industry[firms[i].industry].push_back(i);

    // zone -> pair -> row
    std::map<std::string, std::map<size_t, ChainGapRow>> rows;
    for (size_t p = 0; p < config.pairs.size(); ++p) {
        const auto& pair = config.pairs[p];
        const auto& ups = by_industry[pair.upstream];
        const auto& downs = by_industry[pair.downstream];
        for (size_t u : ups)
            if (!firms[u].zone.empty()) rows[firms[u].zone][p].upstream_firms++;
        for (size_t d : downs)
            if (!firms[d].zone.empty()) rows[firms[d].zone][p].downstream_firms++;
        // Pairs are few and a ledger holds thousands of firms: every upstream x downstream pair is checked.
        for (size_t u : ups) {
            for (size_t d : downs) {
                if (u == d) continue;
                const double dist = std::hypot(xy[u].x_m - xy[d].x_m, xy[u].y_m - xy[d].y_m);
                if (dist > distance_m) continue;
                r.links.push_back({p, u, d, dist});
                const auto& zu = firms[u].zone;
                const auto& zd = firms[d].zone;
                if (!zu.empty() && zu == zd) {
                    rows[zu][p].local_links++;
                } else {
                    if (!zu.empty()) rows[zu][p].cross_links++;
                    if (!zd.empty()) rows[zd][p].cross_links++;
                }
            }
        }
    }
    for (auto& [zone, by_pair] : rows) {
        for (auto& [p, row] : by_pair) {
            row.zone = zone;
            row.pair = p;
            if (row.upstream_firms > 0 && row.downstream_firms > 0)
                row.status = row.local_links > 0 ? "present" : row.cross_links > 0 ? "nearby" : "distant";
            else if (row.upstream_firms > 0)
                row.status = row.cross_links > 0 ? "nearby" : "missing_downstream";
            else
                row.status = row.cross_links > 0 ? "nearby" : "missing_upstream";
            r.gaps.push_back(row);
        }
    }
    r.firms = std::move(firms);
    return r;
}

std::vector<ChainFirm> chain_firms(store::Workspace& ws) {
    return chain_firms(ws.load_zones(false), ws.load_parcels(false), ws.load_projects(), ws.load_links());
}

std::vector<ChainFirm> chain_firms(const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                                   const std::vector<Project>& projects, const std::vector<Link>& links) {
    std::set<std::string> codes;
    for (const auto& z : zones) codes.insert(z.code);
    ClusterParams all;
    auto items = make_cluster_items(projects, links, parcels, zones, all, nullptr);
    std::vector<ChainFirm> firms;
    for (const auto& it : items) {
        ChainFirm f;
        f.id = it.id;
        f.name = it.name;
        f.industry = it.industry;
        f.pos = it.pos;
        for (const auto& z : it.zones)
            if (codes.count(z)) {
                f.zone = z;
                break;
            }
        firms.push_back(std::move(f));
    }
    return firms;
}

nlohmann::json to_json(const ChainResult& r) {
    using nlohmann::json;
    json pairs = json::array(), links = json::array(), gaps = json::array();
    for (const auto& p : r.config.pairs)
        pairs.push_back({{"upstream", p.upstream}, {"downstream", p.downstream}, {"products", p.products}});
    for (const auto& l : r.links) {
        const auto& u = r.firms[l.upstream];
        const auto& d = r.firms[l.downstream];
        links.push_back({{"upstream", u.id},
                         {"upstream_industry", u.industry},
                         {"upstream_zone", u.zone},
                         {"downstream", d.id},
                         {"downstream_industry", d.industry},
                         {"downstream_zone", d.zone},
                         {"distance_m", l.distance_m}});
    }
    for (const auto& g : r.gaps) {
        const auto& p = r.config.pairs[g.pair];
        gaps.push_back({{"zone", g.zone},
                        {"upstream", p.upstream},
                        {"downstream", p.downstream},
                        {"upstream_firms", g.upstream_firms},
                        {"downstream_firms", g.downstream_firms},
                        {"local_links", g.local_links},
                        {"cross_links", g.cross_links},
                        {"status", g.status}});
    }
    return {{"distance_m", r.distance_m},
            {"firms", r.firms.size()},
            {"pairs", pairs},
            {"links", links},
            {"gaps", gaps}};
}

}  // namespace pa::analysis
