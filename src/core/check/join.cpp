#include "core/check/join.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/check/geos_model.hpp"
#include "core/common/id_index.hpp"
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
        auto [it, inserted] = head_.try_emplace(code, Chain{static_cast<uint32_t>(i), static_cast<uint32_t>(i)});
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

JoinResult join_ledger(const std::vector<Project>& projects, const std::vector<Parcel>& parcels,
                       const JoinOptions& opt) {
    JoinResult r;
    r.points.resize(projects.size());
    std::vector<std::string> computed_norms(parcels.size());  // only for parcels that come without code_norm
    CodeIndex by_code(parcels.size()), by_norm(parcels.size());
    for (size_t i = 0; i < parcels.size(); ++i) {
        by_code.add(parcels[i].code, i);
        if (parcels[i].code_norm.empty()) computed_norms[i] = io::normalise_code(parcels[i].code);
        by_norm.add(parcels[i].code_norm.empty() ? computed_norms[i] : parcels[i].code_norm, i);
    }
    const IdIndex parcel_index(parcels);

    // Duplicated project ids: one error per id, both rows kept.
    {
        struct Seen {
            size_t first;
            int count;
        };
        std::unordered_map<std::string_view, Seen> count;
        count.reserve(projects.size());
        for (size_t i = 0; i < projects.size(); ++i)
            if (!projects[i].project_id.empty()) {
                auto [it, inserted] = count.try_emplace(projects[i].project_id, Seen{i, 1});
                if (!inserted) ++it->second.count;
            }
        for (size_t i = 0; i < projects.size(); ++i) {
            const Project& p = projects[i];
            auto it = p.project_id.empty() ? count.end() : count.find(p.project_id);
            if (it != count.end() && it->second.count > 1 && it->second.first == i) {  // once, at its first row
                const int n = it->second.count;
                r.problems.push_back(ledger_problem(
                    p, "duplicate_project_id", Severity::Error,
                    fmt::format("项目编号 {} 在台账中出现 {} 次。", p.project_id, n),
                    fmt::format("Project id {} appears {} times in the ledger; keep one row per project.",
                                p.project_id, n)));
            }
        }
    }

    // Location join is needed only for rows with coordinates and no code: build the index lazily. A uniform grid
    // over the parcels' bounding boxes (cell ≈ twice the mean box size, so a box spans a few cells): a point query
    // is one cell lookup plus bbox and ray-casting tests on its few candidates, with no allocation per query.
    struct Grid {
        double x0 = 0, y0 = 0, cell = 1;
        size_t nx = 1, ny = 1;
        std::vector<uint32_t> start;  // CSR: cell -> [start[c], start[c+1]) in items
        std::vector<uint32_t> items;
        std::vector<BBox> boxes;
    };
    std::unique_ptr<Grid> grid;
    auto build_grid = [&] {
        grid = std::make_unique<Grid>();
        Grid& g = *grid;
        g.boxes.resize(parcels.size());
        BBox all;
        double sum_w = 0;
        for (size_t i = 0; i < parcels.size(); ++i) {
            for (const auto& poly : parcels[i].geom)
                if (!poly.empty())
                    for (const auto& pt : poly[0]) g.boxes[i].expand(pt);
            if (g.boxes[i].empty()) continue;
            all.expand({g.boxes[i].min_lon, g.boxes[i].min_lat});
            all.expand({g.boxes[i].max_lon, g.boxes[i].max_lat});
            sum_w += (g.boxes[i].max_lon - g.boxes[i].min_lon) + (g.boxes[i].max_lat - g.boxes[i].min_lat);
        }
        if (all.empty()) return;
        g.x0 = all.min_lon;
        g.y0 = all.min_lat;
        g.cell = std::max(sum_w / static_cast<double>(parcels.size()), 1e-7);
        g.nx = std::min<size_t>(static_cast<size_t>((all.max_lon - all.min_lon) / g.cell) + 1, 4096);
        g.ny = std::min<size_t>(static_cast<size_t>((all.max_lat - all.min_lat) / g.cell) + 1, 4096);
        g.cell = std::max((all.max_lon - all.min_lon) / static_cast<double>(g.nx),
                          (all.max_lat - all.min_lat) / static_cast<double>(g.ny)) * (1 + 1e-9) + 1e-12;
        auto range = [&](const BBox& b, size_t& cx0, size_t& cx1, size_t& cy0, size_t& cy1) {
            cx0 = std::min(g.nx - 1, static_cast<size_t>((b.min_lon - g.x0) / g.cell));
            cx1 = std::min(g.nx - 1, static_cast<size_t>((b.max_lon - g.x0) / g.cell));
            cy0 = std::min(g.ny - 1, static_cast<size_t>((b.min_lat - g.y0) / g.cell));
            cy1 = std::min(g.ny - 1, static_cast<size_t>((b.max_lat - g.y0) / g.cell));
        };
        std::vector<uint32_t> count(g.nx * g.ny + 1, 0);
        for (const auto& b : g.boxes) {
            if (b.empty()) continue;
            size_t a, bx, c, d;
            range(b, a, bx, c, d);
            for (size_t y = c; y <= d; ++y)
                for (size_t x = a; x <= bx; ++x) ++count[y * g.nx + x + 1];
        }
        for (size_t k = 1; k < count.size(); ++k) count[k] += count[k - 1];
        g.start = count;
        g.items.resize(count.back());
        for (size_t i = 0; i < g.boxes.size(); ++i) {
            if (g.boxes[i].empty()) continue;
            size_t a, bx, c, d;
            range(g.boxes[i], a, bx, c, d);
            for (size_t y = c; y <= d; ++y)
                for (size_t x = a; x <= bx; ++x) g.items[count[y * g.nx + x]++] = static_cast<uint32_t>(i);
        }
    };
    auto locate = [&](double lon, double lat) -> std::optional<size_t> {
        if (!grid) build_grid();
        const Grid& g = *grid;
        if (g.items.empty() || lon < g.x0 || lat < g.y0) return std::nullopt;
        size_t cx = static_cast<size_t>((lon - g.x0) / g.cell), cy = static_cast<size_t>((lat - g.y0) / g.cell);
        if (cx >= g.nx || cy >= g.ny) return std::nullopt;
        size_t c = cy * g.nx + cx;
        std::optional<size_t> best;
        for (uint32_t k = g.start[c]; k < g.start[c + 1]; ++k) {
            size_t i = g.items[k];
            const BBox& b = g.boxes[i];
            if (lon < b.min_lon || lon > b.max_lon || lat < b.min_lat || lat > b.max_lat) continue;
            if ((!best || i < *best) && point_in(parcels[i].geom, lon, lat)) best = i;
        }
        return best;
    };

    std::unordered_set<std::string> ambiguous_reported;
    std::vector<size_t> found;
    for (size_t pi = 0; pi < projects.size(); ++pi) {
        const Project& pr = projects[pi];
        if (!pr.fixed_invest_wan) {
            r.problems.push_back(ledger_problem(
                pr, "missing_figure", Severity::Warning,
                fmt::format("项目 {}（{}）缺少固定资产投资。", pr.project_id, pr.name),
                fmt::format("Project {} ({}) has no fixed-asset investment (固定资产投资); fill it in the ledger.",
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
                        fmt::format("项目 {} 的坐标 ({:.6f}, {:.6f}) 不在任何宗地内。", pr.project_id, *pr.lon, *pr.lat),
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
            r.problems.push_back(ledger_problem(
                pr, "unmatched_parcel_code", Severity::Warning,
                fmt::format("项目 {} 的宗地编号 {} 在宗地图层中不存在。", pr.project_id, list),
                fmt::format("Project {}: parcel code(s) {} match no parcel in the workspace.", pr.project_id, list)));
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

    // Ledger 用地面积 vs the linked parcels' ellipsoidal 亩, per connected group of projects and parcels (a project
    // on several parcels, several projects sharing one parcel).
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
    // Groups numbered densely by their union-find root (flat vectors instead of hash maps and sets: at a million
    // parcels these were a large share of the join).
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
        if (projects[i].land_area_mu) g.ledger_mu += *projects[i].land_area_mu;
        else g.ledger_complete = false;
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
            Problem p = ledger_problem(
                pr, "ledger_area_mismatch", Severity::Warning,
                fmt::format("项目 {} 所在项目组台账用地面积合计 {:.2f} 亩，关联宗地椭球面积合计 {:.2f} 亩，相差 {:.1f}%。",
                            pr.project_id, g.ledger_mu, g.parcels_mu, rel * 100.0),
                fmt::format("Project {}: the ledger's land area (用地面积) of its group totals {:.2f} mu but the linked "
                            "parcels measure {:.2f} mu ({:.1f}% apart).",
                            pr.project_id, g.ledger_mu, g.parcels_mu, rel * 100.0));
            if (r.points[i]) {
                p.lon = r.points[i]->lon;
                p.lat = r.points[i]->lat;
            }
            r.problems.push_back(std::move(p));
        }
    }
    // Problems of a project without coordinates of its own sit at its first parcel (at 0,0 when it has none).
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
    return r;
}

}  // namespace pa::check
