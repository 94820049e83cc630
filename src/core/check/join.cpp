#include "core/check/join.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/check/geos_model.hpp"
#include "core/common/id_index.hpp"
#include "core/common/parallel.hpp"
#include "core/common/repeats.hpp"
#include "core/geo/point_grid.hpp"
#include "core/io/sources.hpp"

namespace pa::check {

namespace {

Problem ledger_problem(const Project& pr, const char* kind, Severity sev, std::string zh, std::string en) {
    Problem p;
    p.kind = kind;
    p.severity = sev;
    p.layer = "ledger";
    p.id = pr.project_id;
    p.lon = pr.lon.value_or(0.0);
    p.lat = pr.lat.value_or(0.0);
    p.message_zh = std::move(zh);
    p.message_en = std::move(en);
    return p;
}

/// Parcel positions by code, in input order, without one vector (and one key copy) per code.
class CodeIndex {
  public:
    explicit CodeIndex(size_t n) : next_(n, kNone) { head_.reserve(n); }
    void add(std::string_view code, size_t i) {
        auto [it, inserted] =
            head_.try_emplace(code, Chain{static_cast<uint32_t>(i), static_cast<uint32_t>(i)});
        if (!inserted) {
            next_[it->second.last] = static_cast<uint32_t>(i);
            it->second.last = static_cast<uint32_t>(i);
        }
    }
    /// Appends the positions holding `code` to `out`; false when none.
    bool find(std::string_view code, std::vector<size_t>& out) const {
        auto it = head_.find(code);
        if (it == head_.end()) return false;
        for (uint32_t i = it->second.first; i != kNone; i = next_[i]) out.push_back(i);
        return true;
    }

  private:
    static constexpr uint32_t kNone = 0xFFFFFFFFu;
    struct Chain {
        uint32_t first, last;
    };
    std::unordered_map<std::string_view, Chain> head_;
    std::vector<uint32_t> next_;
};

struct UnionFind {
    std::vector<size_t> parent;
    explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), size_t{0}); }
    size_t find(size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void unite(size_t a, size_t b) { parent[find(a)] = find(b); }
};

}  // namespace

std::vector<std::string> split_parcel_codes(const std::string& cell) {
    // Multi-byte separators first (UTF-8): ；(EF BC 9B) ，(EF BC 8C) 、(E3 80 81) U+3000 (E3 80 80).
    static const char* const kSeps[] = {"\xEF\xBC\x9B", "\xEF\xBC\x8C", "\xE3\x80\x81", "\xE3\x80\x80"};
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
    };
    for (size_t i = 0; i < cell.size();) {
        unsigned char ch = static_cast<unsigned char>(cell[i]);
        if (ch == ';' || ch == ',' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '/') {
            flush();
            ++i;
            continue;
        }
        bool sep = false;
        for (const char* s : kSeps) {
            if (cell.compare(i, 3, s) == 0) {
                sep = true;
                break;
            }
        }
        if (sep) {
            flush();
            i += 3;
            continue;
        }
        cur.push_back(cell[i]);
        ++i;
    }
    flush();
    return out;
}

namespace {

/// Duplicated project ids: one error per id (at its first row), both rows kept.
void report_duplicate_ids(const std::vector<Project>& projects, std::vector<Problem>& problems) {
    for (const Repeat& r : repeated_keys(
             projects.size(), [&](size_t i) -> const std::string& { return projects[i].project_id; })) {
        const Project& p = projects[r.first];
        problems.push_back(ledger_problem(
            p, "duplicate_project_id", Severity::Error,
            fmt::format("项目编号 {} 在台账中出现 {} 次。", p.project_id, r.count),
            fmt::format("Project id {} appears {} times in the ledger; keep one row per project.",
                        p.project_id, r.count)));
    }
}

/// Parcel positions by code, as given and normalised (trim, full-width to half-width, case).
struct CodeMatcher {
    // The two indexes are built side by side (0.8 s of the join at a million parcels, one after the other).
    explicit CodeMatcher(const std::vector<Parcel>& parcels)
        : by_code(parcels.size()), by_norm(parcels.size()), computed_norms(parcels.size()) {
        auto exact = [&] {
            for (size_t i = 0; i < parcels.size(); ++i) by_code.add(parcels[i].code, i);
        };
        auto norm = [&] {
            for (size_t i = 0; i < parcels.size(); ++i) {
                if (parcels[i].code_norm.empty()) computed_norms[i] = io::normalise_code(parcels[i].code);
                by_norm.add(parcels[i].code_norm.empty() ? computed_norms[i] : parcels[i].code_norm, i);
            }
        };
        const std::function<void()> parts[] = {exact, norm};
        parallel_for(std::size(parts), 1, [&](size_t b, size_t e, unsigned) {
            for (size_t i = b; i < e; ++i) parts[i]();
        });
    }
    CodeIndex by_code, by_norm;
    std::vector<std::string> computed_norms;  // only for parcels that come without code_norm
};

/// The location join, for rows with coordinates and no code: the point grid is built on the first such row.
class LocationMatcher {
  public:
    explicit LocationMatcher(const std::vector<Parcel>& parcels) : parcels_(parcels) {}
    std::optional<size_t> locate(double lon, double lat) {
        if (!grid_) {
            std::vector<const MultiPolygon*> polys;
            polys.reserve(parcels_.size());
            for (const auto& p : parcels_) polys.push_back(&p.geom);
            grid_ = std::make_unique<geo::PointGrid>(polys);
        }
        return grid_->locate(lon, lat);
    }

  private:
    const std::vector<Parcel>& parcels_;
    std::unique_ptr<geo::PointGrid> grid_;
};

/// Links one project to its parcels (by code, else by location) and records what did not match.
void link_project(size_t pi, const std::vector<Project>& projects, const std::vector<Parcel>& parcels,
                  const CodeMatcher& codes_of, LocationMatcher& locator,
                  std::unordered_set<std::string>& ambiguous_reported, std::vector<size_t>& found,
                  JoinResult& r) {
    const Project& pr = projects[pi];
    const CodeIndex& by_code = codes_of.by_code;
    const CodeIndex& by_norm = codes_of.by_norm;
    auto locate = [&](double lon, double lat) { return locator.locate(lon, lat); };
    if (!pr.fixed_invest_wan) {
        r.problems.push_back(ledger_problem(
            pr, "missing_figure", Severity::Warning,
            fmt::format("项目 {}（{}）缺少固定资产投资。", pr.project_id, pr.name),
            fmt::format(
                "Project {} ({}) has no fixed-asset investment (固定资产投资); fill it in the ledger.",
                pr.project_id, pr.name)));
    }
    auto codes = split_parcel_codes(pr.parcel_codes_raw);
    std::vector<std::pair<size_t, const char*>> hits;
    if (codes.empty()) {
        if (pr.lon && pr.lat) {
            if (auto i = locate(*pr.lon, *pr.lat)) {
                hits.push_back({*i, "location"});
            } else {
                r.problems.push_back(ledger_problem(
                    pr, "unmatched_location", Severity::Warning,
                    fmt::format("项目 {} 的坐标 ({:.6f}, {:.6f}) 不在任何宗地内。", pr.project_id, *pr.lon,
                                *pr.lat),
                    fmt::format("Project {} has coordinates ({:.6f}, {:.6f}) that fall in no parcel.",
                                pr.project_id, *pr.lon, *pr.lat)));
            }
        } else {
            r.problems.push_back(ledger_problem(
                pr, "unplaced_project", Severity::Info,
                fmt::format("项目 {}（{}）尚未落地（宗地编号为空）。", pr.project_id, pr.name),
                fmt::format("Project {} ({}) is not placed yet (no parcel code).", pr.project_id, pr.name)));
        }
    }
    std::vector<std::string> unmatched, normalised;
    for (const auto& code : codes) {
        const char* how = "exact";
        found.clear();
        if (!by_code.find(code, found) && by_norm.find(io::normalise_code(code), found)) {
            how = "normalised";
            normalised.push_back(code);
        }
        if (found.empty()) {
            unmatched.push_back(code);
            continue;
        }
        if (found.size() > 1 && ambiguous_reported.insert(pr.project_id + "\x1f" + code).second) {
            r.problems.push_back(ledger_problem(
                pr, "ambiguous_parcel", Severity::Warning,
                fmt::format("项目 {} 的宗地编号 {} 对应 {} 个宗地（编号重复），已全部关联。", pr.project_id,
                            code, found.size()),
                fmt::format("Project {} names parcel code {}, which {} parcels share; it is linked to all of "
                            "them until the duplicate is resolved.",
                            pr.project_id, code, found.size())));
        }
        for (size_t i : found) hits.push_back({i, how});
    }
    if (!normalised.empty()) {
        std::string list = fmt::format("{}", fmt::join(normalised, ", "));
        r.problems.push_back(ledger_problem(
            pr, "normalised_match", Severity::Warning,
            fmt::format("项目 {} 的宗地编号 {} 仅在规范化（去空格、全角转半角、大小写）后匹配，请修正台账。",
                        pr.project_id, list),
            fmt::format("Project {}: parcel code(s) {} match only after normalisation (trim, full-width to "
                        "half-width, case); correct the ledger.",
                        pr.project_id, list)));
    }
    if (!unmatched.empty()) {
        std::string list = fmt::format("{}", fmt::join(unmatched, ", "));
        r.problems.push_back(
            ledger_problem(pr, "unmatched_parcel_code", Severity::Warning,
                           fmt::format("项目 {} 的宗地编号 {} 在宗地图层中不存在。", pr.project_id, list),
                           fmt::format("Project {}: parcel code(s) {} match no parcel in the workspace.",
                                       pr.project_id, list)));
    }
    for (size_t h = 0; h < hits.size(); ++h) {  // first hit of each parcel wins (hits are a handful)
        const size_t i = hits[h].first;
        bool dup = false;
        for (size_t k = 0; k < h && !dup; ++k) dup = hits[k].first == i;
        if (!dup) r.links.push_back(Link{pr.id, parcels[i].id, hits[h].second});
    }
    if (pr.lon && pr.lat) {
        r.points[pi] = LonLat{*pr.lon, *pr.lat};
    } else if (!hits.empty()) {
        const Parcel& first = parcels[hits.front().first];
        r.points[pi] = LonLat{first.centroid_lon, first.centroid_lat};
    }
}

/// Ledger 用地面积 vs the linked parcels' ellipsoidal 亩, per connected group of projects and parcels (a
/// project on several parcels, several projects sharing one parcel).
void check_ledger_areas(const std::vector<Project>& projects, const std::vector<Parcel>& parcels,
                        const JoinOptions& opt, JoinResult& r) {
    const IdIndex parcel_index(parcels);
    const IdIndex project_index(projects);
    UnionFind uf(projects.size() + parcels.size());
    std::vector<char> linked(projects.size(), 0);
    for (const auto& l : r.links) {
        size_t a = project_index.at(l.project_rowid);
        size_t b = projects.size() + parcel_index.at(l.parcel_id);
        uf.unite(a, b);
        linked[a] = 1;
    }
    struct Group {
        double ledger_mu = 0.0, parcels_mu = 0.0;
        bool ledger_complete = true;
        std::vector<size_t> projects;
    };
    // Groups numbered densely by their union-find root (flat vectors instead of hash maps and sets: at a
    // million parcels these were a large share of the join).
    constexpr uint32_t kNoGroup = 0xFFFFFFFFu;
    std::vector<uint32_t> group_of_root(projects.size() + parcels.size(), kNoGroup);
    std::vector<Group> groups;
    auto group = [&](size_t root) -> Group& {
        uint32_t& g = group_of_root[root];
        if (g == kNoGroup) {
            g = static_cast<uint32_t>(groups.size());
            groups.emplace_back();
        }
        return groups[g];
    };
    for (size_t i = 0; i < projects.size(); ++i) {
        if (!linked[i]) continue;
        Group& g = group(uf.find(i));
        g.projects.push_back(i);
        if (projects[i].land_area_mu)
            g.ledger_mu += *projects[i].land_area_mu;
        else
            g.ledger_complete = false;
    }
    std::vector<char> counted(parcels.size(), 0);
    for (const auto& l : r.links) {
        size_t b = parcel_index.at(l.parcel_id);
        if (counted[b]) continue;
        counted[b] = 1;
        group(uf.find(projects.size() + b)).parcels_mu += parcels[b].area_mu;
    }
    std::vector<char> done(groups.size(), 0);
    for (size_t i0 = 0; i0 < projects.size(); ++i0) {
        if (!linked[i0]) continue;
        const uint32_t gi = group_of_root[uf.find(i0)];
        if (done[gi]) continue;
        done[gi] = 1;
        const Group& g = groups[gi];
        if (!g.ledger_complete || g.parcels_mu <= 0.0) continue;
        double rel = std::fabs(g.ledger_mu - g.parcels_mu) / g.parcels_mu;
        if (rel <= opt.ledger_area_tolerance) continue;
        for (size_t i : g.projects) {
            const Project& pr = projects[i];
            Problem p = ledger_problem(pr, "ledger_area_mismatch", Severity::Warning,
                                       fmt::format("项目 {} 所在项目组台账用地面积合计 {:.2f} "
                                                   "亩，关联宗地椭球面积合计 {:.2f} 亩，相差 {:.1f}%。",
                                                   pr.project_id, g.ledger_mu, g.parcels_mu, rel * 100.0),
                                       fmt::format("Project {}: the ledger's land area (用地面积) of its "
                                                   "group totals {:.2f} mu but the linked "
                                                   "parcels measure {:.2f} mu ({:.1f}% apart).",
                                                   pr.project_id, g.ledger_mu, g.parcels_mu, rel * 100.0));
            if (r.points[i]) {
                p.lon = r.points[i]->lon;
                p.lat = r.points[i]->lat;
            }
            r.problems.push_back(std::move(p));
        }
    }
}

/// Problems of a project without coordinates of its own sit at its first parcel (at 0,0 when it has none).
void place_problems(const std::vector<Project>& projects, JoinResult& r) {
    std::unordered_map<std::string_view, LonLat> at;  // only the ids that such problems name
    for (const auto& p : r.problems)
        if (p.lon == 0.0 && p.lat == 0.0) at.try_emplace(p.id, LonLat{0.0, 0.0});
    for (size_t i = 0; i < projects.size() && !at.empty(); ++i) {
        if (!r.points[i]) continue;
        auto it = at.find(projects[i].project_id);
        if (it == at.end()) continue;
        // First project with that id and a point wins, as before.
        if (it->second.lon == 0.0 && it->second.lat == 0.0) it->second = *r.points[i];
    }
    for (auto& p : r.problems) {
        if (p.lon != 0.0 || p.lat != 0.0) continue;
        if (auto it = at.find(p.id); it != at.end()) {
            p.lon = it->second.lon;
            p.lat = it->second.lat;
        }
    }
}

}  // namespace

JoinResult join_ledger(const std::vector<Project>& projects, const std::vector<Parcel>& parcels,
                       const JoinOptions& opt) {
    JoinResult r;
    r.points.resize(projects.size());
    report_duplicate_ids(projects, r.problems);
    const CodeMatcher codes(parcels);
    LocationMatcher locator(parcels);
    std::unordered_set<std::string> ambiguous_reported;
    std::vector<size_t> found;
    for (size_t pi = 0; pi < projects.size(); ++pi)
        link_project(pi, projects, parcels, codes, locator, ambiguous_reported, found, r);
    check_ledger_areas(projects, parcels, opt, r);
    place_problems(projects, r);
    return r;
}

}  // namespace pa::check
