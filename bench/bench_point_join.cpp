// bench_point_join WORKSPACE POINTS.csv: times ParkAtlas's point-in-parcel ledger join alone (STRtree + ray
// casting, core/check/join) for a ledger of project points without parcel codes, against the parcels stored
// in WORKSPACE. Prints "join_s=… points=… linked=…". Used by bench/bench_import.sh.
#include <chrono>
#include <cstdio>
#include <exception>

#include "core/check/join.hpp"
#include "core/gdal/gdal_env.hpp"
#include "core/io/sources.hpp"
#include "core/store/workspace.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_point_join WORKSPACE POINTS.csv\n");
        return 2;
    }
    try {
        pa::gdal::init();
        auto ws = pa::store::Workspace::open(argv[1], true);
        auto parcels = ws.load_parcels(true);
        auto ledger = pa::io::read_ledger(argv[2], {});
        for (size_t i = 0; i < ledger.projects.size(); ++i)
            ledger.projects[i].id = static_cast<int64_t>(i) + 1;
        auto t0 = std::chrono::steady_clock::now();
        auto r = pa::check::join_ledger(ledger.projects, parcels);
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("join_s=%.3f points=%zu linked=%zu parcels=%zu\n", s, ledger.projects.size(),
                    r.links.size(), parcels.size());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_point_join: %s\n", e.what());
        return 1;
    }
    return 0;
}
