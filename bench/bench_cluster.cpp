// bench_cluster N [--eps M] [--min-points K] [--threads T] [--csv FILE] [--seed S]
// Generates N random-but-clustered points in metres (N/500 Gaussian clusters, σ 300 m, in a 60 km square, 20
// % uniform background), runs pa::analysis::dbscan on them and prints the timing as one JSON line. With --csv
// the points are also written (x,y in metres) so that bench_cluster.sh can run QGIS's native:dbscanclustering
// on the very same points. Not a test: run by hand (bench/bench_cluster.sh).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "core/analysis/cluster.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(
            stderr,
            "usage: bench_cluster N [--eps M] [--min-points K] [--threads T] [--csv FILE] [--seed S]\n");
        return 2;
    }
    const size_t n = std::strtoull(argv[1], nullptr, 10);
    double eps = 100.0, minp = 5.0;
    unsigned threads = 0;
    uint64_t seed = 42;
    std::string csv;
    for (int i = 2; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--eps")
            eps = std::atof(argv[i + 1]);
        else if (a == "--min-points")
            minp = std::atof(argv[i + 1]);
        else if (a == "--threads")
            threads = unsigned(std::atoi(argv[i + 1]));
        else if (a == "--csv")
            csv = argv[i + 1];
        else if (a == "--seed")
            seed = std::strtoull(argv[i + 1], nullptr, 10);
    }
    std::mt19937_64 rng(seed);
    const double extent = 60000.0;
    std::uniform_real_distribution<double> u(0.0, extent);
    std::normal_distribution<double> g(0.0, 300.0);
    const size_t ncentres = std::max<size_t>(1, n / 500);
    std::vector<pa::analysis::XY> centres(ncentres), pts;
    for (auto& c : centres) c = {u(rng), u(rng)};
    pts.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        if (i % 5 == 0) {
            pts.push_back({u(rng), u(rng)});
        } else {
            const auto& c = centres[rng() % ncentres];
            pts.push_back({c.x_m + g(rng), c.y_m + g(rng)});
        }
    }
    if (!csv.empty()) {
        // Offset into the easting/northing range of EPSG:4545 (CGCS2000 GK CM 108E) so the file has a
        // plausible CRS.
        std::ofstream f(csv);
        f << "id,x,y\n";
        char buf[96];
        for (size_t i = 0; i < n; ++i) {
            std::snprintf(buf, sizeof buf, "%zu,%.3f,%.3f\n", i, 350000.0 + pts[i].x_m,
                          2900000.0 + pts[i].y_m);
            f << buf;
        }
    }
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    double best = 1e300;
    pa::analysis::DbscanResult r;
    const int reps = n <= 200000 ? 3 : 1;
    for (int k = 0; k < reps; ++k) {
        auto t0 = std::chrono::steady_clock::now();
        r = pa::analysis::dbscan(pts, {}, eps, minp, threads);
        auto t1 = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    }
    std::printf(
        "{\"n\": %zu, \"eps_m\": %g, \"min_points\": %g, \"threads\": %u, \"seconds\": %.4f, \"clusters\": "
        "%d, "
        "\"noise\": %zu}\n",
        n, eps, minp, threads, best, r.cluster_count, r.noise_count());
    return 0;
}
