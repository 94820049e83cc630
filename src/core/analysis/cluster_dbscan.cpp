// DBSCAN on points in metres: grid index (cell side = eps), parallel region queries, lock-free union-find.
// The rules (core by weight, components of core points, border to the nearest core, numbering by smallest
// input index) are stated in cluster.hpp; the tests compare this with a brute-force O(n²) reference.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

#include "core/analysis/cluster.hpp"
#include "core/common/error.hpp"
#include "core/common/parallel.hpp"

namespace pa::analysis {

size_t DbscanResult::noise_count() const {
    return static_cast<size_t>(std::count(labels.begin(), labels.end(), -1));
}

namespace {

/// Runs fn(begin, end) over [0, n) in chunks on up to `threads` threads (clamped to the cores; see
/// parallel.hpp).
template <class Fn>
void parallel_chunks(size_t n, unsigned threads, size_t chunk, Fn&& fn) {
    parallel_for(
        n, chunk, [&](size_t b, size_t e, unsigned) { fn(b, e); }, threads);
}

/// Union-find whose roots are the smallest index of their set; safe to use from several threads at once
/// (parents only ever decrease, so a CAS that fails just retries).
class AtomicUnionFind {
  public:
    explicit AtomicUnionFind(size_t n) : parent_(n) {
        for (size_t i = 0; i < n; ++i) parent_[i].store(static_cast<uint32_t>(i), std::memory_order_relaxed);
    }
    uint32_t find(uint32_t x) {
        for (;;) {
            uint32_t p = parent_[x].load(std::memory_order_acquire);
            if (p == x) return x;
            uint32_t gp = parent_[p].load(std::memory_order_acquire);
            if (gp != p) parent_[x].compare_exchange_weak(p, gp, std::memory_order_acq_rel);  // path halving
            x = gp;
        }
    }
    void unite(uint32_t a, uint32_t b) {
        for (;;) {
            a = find(a);
            b = find(b);
            if (a == b) return;
            if (a < b) std::swap(a, b);  // link the larger root under the smaller one
            uint32_t expected = a;
            if (parent_[a].compare_exchange_strong(expected, b, std::memory_order_acq_rel)) return;
        }
    }

  private:
    std::vector<std::atomic<uint32_t>> parent_;
};

void check_params(size_t n, size_t nweights, double eps_m, double min_weight) {
    if (!(eps_m > 0.0) || !std::isfinite(eps_m))
        throw InputError("DBSCAN: the distance eps must be a positive number of metres (got " +
                         std::to_string(eps_m) + "); pass e.g. --eps 500.");
    if (!(min_weight > 0.0))
        throw InputError("DBSCAN: min-points must be positive (got " + std::to_string(min_weight) +
                         "); pass e.g. --min-points 5.");
    if (nweights != 0 && nweights != n)
        throw InputError("DBSCAN: " + std::to_string(nweights) + " weights were given for " +
                         std::to_string(n) + " points; give one weight per point or none.");
    if (n >= std::numeric_limits<uint32_t>::max())
        throw InputError("DBSCAN: more than 4 billion points cannot be clustered at once; filter the input.");
}

/// Numbers clusters by their smallest input index; `root_of(i)` gives the component root of a labelled point
/// or UINT32_MAX for noise.
template <class RootOf>
int number_clusters(size_t n, RootOf&& root_of, std::vector<int>& labels) {
    labels.assign(n, -1);
    std::vector<int> id_of_root(n, -1);
    int next = 0;
    for (size_t i = 0; i < n; ++i) {
        uint32_t r = root_of(i);
        if (r == std::numeric_limits<uint32_t>::max()) continue;
        if (id_of_root[r] < 0) id_of_root[r] = next++;
        labels[i] = id_of_root[r];
    }
    return next;
}

}  // namespace

DbscanResult dbscan(std::span<const XY> pts, std::span<const double> weights, double eps_m, double min_weight,
                    unsigned threads) {
    const size_t n = pts.size();
    check_params(n, weights.size(), eps_m, min_weight);
    DbscanResult res;
    if (n == 0) return res;
    threads = thread_count(threads);  // --threads 100000 runs on the cores there are

    // Grid with cell side eps: every neighbour of a point lies in its cell or one of the 8 around it. Points
    // are sorted by cell key (row-major over the bounding box) so that the 3 cells of a row are one
    // contiguous range.
    double min_x = pts[0].x_m, min_y = pts[0].y_m, max_x = min_x;
    for (const auto& p : pts) {
        min_x = std::min(min_x, p.x_m);
        min_y = std::min(min_y, p.y_m);
        max_x = std::max(max_x, p.x_m);
    }
    const int64_t nx = static_cast<int64_t>((max_x - min_x) / eps_m) + 3;  // +1 margin column on each side
    auto cell_xy = [&](const XY& p) {
        return std::pair<int64_t, int64_t>{static_cast<int64_t>((p.x_m - min_x) / eps_m) + 1,
                                           static_cast<int64_t>((p.y_m - min_y) / eps_m) + 1};
    };
    std::vector<uint64_t> key(n);
    for (size_t i = 0; i < n; ++i) {
        auto [cx, cy] = cell_xy(pts[i]);
        key[i] = static_cast<uint64_t>(cy * nx + cx);
    }
    std::vector<uint32_t> order(n);  // sorted position -> input index
    for (size_t i = 0; i < n; ++i) order[i] = static_cast<uint32_t>(i);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return key[a] != key[b] ? key[a] < key[b] : a < b; });
    std::vector<double> xs(n), ys(n), ws(n);
    std::vector<uint64_t> skey(n);
    for (size_t s = 0; s < n; ++s) {
        xs[s] = pts[order[s]].x_m;
        ys[s] = pts[order[s]].y_m;
        ws[s] = weights.empty() ? 1.0 : weights[order[s]];
        skey[s] = key[order[s]];
    }
    key.clear();
    key.shrink_to_fit();
    // Distinct cells: [cell_begin[c], cell_begin[c+1]) in sorted positions.
    std::vector<uint64_t> cell_key;
    std::vector<uint32_t> cell_begin;
    for (size_t s = 0; s < n; ++s) {
        if (s == 0 || skey[s] != skey[s - 1]) {
            cell_key.push_back(skey[s]);
            cell_begin.push_back(static_cast<uint32_t>(s));
        }
    }
    const size_t ncells = cell_key.size();
    cell_begin.push_back(static_cast<uint32_t>(n));
    // The three row ranges [lo, hi) of sorted positions around cell c.
    auto ranges_of = [&](size_t c, std::pair<uint32_t, uint32_t>(&out)[3]) {
        const int64_t k = static_cast<int64_t>(cell_key[c]);
        for (int dy = -1; dy <= 1; ++dy) {
            const uint64_t lo_key = static_cast<uint64_t>(k + dy * nx - 1),
                           hi_key = static_cast<uint64_t>(k + dy * nx + 1);
            auto lo = std::lower_bound(cell_key.begin(), cell_key.end(), lo_key) - cell_key.begin();
            auto hi = std::upper_bound(cell_key.begin() + lo, cell_key.end(), hi_key) - cell_key.begin();
            out[dy + 1] = {cell_begin[static_cast<size_t>(lo)], cell_begin[static_cast<size_t>(hi)]};
        }
    };
    const double eps2 = eps_m * eps_m;

    // 1. Core points: weighted neighbour count (itself included).
    std::vector<uint8_t> score(n, 0);
    parallel_chunks(ncells, threads, 64, [&](size_t cb, size_t ce) {
        std::pair<uint32_t, uint32_t> rg[3];
        for (size_t c = cb; c < ce; ++c) {
            ranges_of(c, rg);
            for (uint32_t s = cell_begin[c]; s < cell_begin[c + 1]; ++s) {
                const double x = xs[s], y = ys[s];
                double sum = 0.0;
                for (auto [lo, hi] : rg) {
                    for (uint32_t t = lo; t < hi; ++t) {
                        const double dx = xs[t] - x, dy = ys[t] - y;
                        if (dx * dx + dy * dy <= eps2) sum += ws[t];
                    }
                    if (sum >= min_weight) break;
                }
                score[s] = sum >= min_weight ? 1 : 0;
            }
        }
    });

    // 2. Clusters: connected components of core points.
    AtomicUnionFind uf(n);
    parallel_chunks(ncells, threads, 64, [&](size_t cb, size_t ce) {
        std::pair<uint32_t, uint32_t> rg[3];
        for (size_t c = cb; c < ce; ++c) {
            ranges_of(c, rg);
            for (uint32_t s = cell_begin[c]; s < cell_begin[c + 1]; ++s) {
                if (!score[s]) continue;
                const double x = xs[s], y = ys[s];
                for (auto [lo, hi] : rg) {
                    for (uint32_t t = std::max(lo, s + 1); t < hi; ++t) {
                        if (!score[t]) continue;
                        const double dx = xs[t] - x, dy = ys[t] - y;
                        if (dx * dx + dy * dy <= eps2 && uf.find(s) != uf.find(t)) uf.unite(s, t);
                    }
                }
            }
        }
    });

    // 3. Border points: the cluster of the nearest core point (ties: smallest input index).
    constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
    std::vector<uint32_t> root(n, kNone);  // by sorted position
    parallel_chunks(ncells, threads, 64, [&](size_t cb, size_t ce) {
        std::pair<uint32_t, uint32_t> rg[3];
        for (size_t c = cb; c < ce; ++c) {
            ranges_of(c, rg);
            for (uint32_t s = cell_begin[c]; s < cell_begin[c + 1]; ++s) {
                if (score[s]) {
                    root[s] = uf.find(s);
                    continue;
                }
                const double x = xs[s], y = ys[s];
                double best_d2 = std::numeric_limits<double>::infinity();
                uint32_t best = kNone;
                for (auto [lo, hi] : rg) {
                    for (uint32_t t = lo; t < hi; ++t) {
                        if (!score[t]) continue;
                        const double dx = xs[t] - x, dy = ys[t] - y, d2 = dx * dx + dy * dy;
                        if (d2 > eps2) continue;
                        if (d2 < best_d2 || (d2 == best_d2 && order[t] < order[best])) {
                            best_d2 = d2;
                            best = t;
                        }
                    }
                }
                if (best != kNone) root[s] = uf.find(best);
            }
        }
    });

    // 4. Back to input order, clusters numbered by their smallest input index.
    std::vector<uint32_t> root_in(n, kNone);
    res.core.assign(n, 0);
    for (size_t s = 0; s < n; ++s) {
        root_in[order[s]] =
            root[s] == kNone ? kNone : order[root[s]];  // any member's input index names the set
        res.core[order[s]] = score[s];
    }
    // order[root] is an input index that identifies the component; number_clusters needs ids < n: it is.
    res.cluster_count = number_clusters(
        n, [&](size_t i) { return root_in[i]; }, res.labels);
    return res;
}

DbscanResult dbscan_graph(const std::vector<std::vector<Neighbour>>& neighbours,
                          std::span<const double> weights, double min_weight) {
    const size_t n = neighbours.size();
    check_params(n, weights.size(), 1.0, min_weight);
    DbscanResult res;
    res.core.assign(n, 0);
    auto w = [&](size_t i) { return weights.empty() ? 1.0 : weights[i]; };
    for (size_t i = 0; i < n; ++i) {
        double sum = w(i);
        for (auto [j, d] : neighbours[i]) sum += w(j);
        res.core[i] = sum >= min_weight ? 1 : 0;
    }
    AtomicUnionFind uf(n);
    for (size_t i = 0; i < n; ++i) {
        if (!res.core[i]) continue;
        for (auto [j, d] : neighbours[i])
            if (res.core[j]) uf.unite(static_cast<uint32_t>(i), j);
    }
    constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
    std::vector<uint32_t> root(n, kNone);
    for (size_t i = 0; i < n; ++i) {
        if (res.core[i]) {
            root[i] = uf.find(static_cast<uint32_t>(i));
            continue;
        }
        double best_d = std::numeric_limits<double>::infinity();
        uint32_t best = kNone;
        for (auto [j, d] : neighbours[i]) {
            if (!res.core[j]) continue;
            if (d < best_d || (d == best_d && j < best)) {
                best_d = d;
                best = j;
            }
        }
        if (best != kNone) root[i] = uf.find(best);
    }
    res.cluster_count = number_clusters(
        n, [&](size_t i) { return root[i]; }, res.labels);
    return res;
}

}  // namespace pa::analysis
