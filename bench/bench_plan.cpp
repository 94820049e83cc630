// bench_plan PROJECTS PARCELS [--budgets] [--seed S] [--time-limit SEC]
// The planner at scale on synthetic data: PARCELS vacant parcels (80% industrial, 20% storage, 10-200 亩)
// laid out in blocks of 10 x 10 adjacent lots with roads between blocks, over 12 zones (4 national at 500
// 万元/亩, 8 provincial at 300), and PROJECTS pipeline projects sized after random lots (85% above their
// zone's threshold, half with a preferred zone). Runs build_candidates (plots of up to 3 adjacent parcels,
// rules, scores) and solve (CBC), and prints one JSON line: sizes, seconds per step, optimality, gap, peak
// memory. With --budgets every zone gets a land budget of 60% of what its projects could use. Not a test: run
// by hand (docs/benchmarks.md).
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "core/common/units.hpp"
#include "core/plan/planner.hpp"

using namespace pa;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: bench_plan PROJECTS PARCELS [--budgets] [--seed S] [--time-limit SEC]\n");
        return 2;
    }
    const size_t nproj = std::strtoull(argv[1], nullptr, 10), nparcels = std::strtoull(argv[2], nullptr, 10);
    bool budgets = false;
    uint64_t seed = 42;
    double time_limit = 120;
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--budgets")
            budgets = true;
        else if (a == "--seed" && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--time-limit" && i + 1 < argc)
            time_limit = std::atof(argv[++i]);
    }
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> U(0.0, 1.0);
    std::vector<Zone> zones;
    for (int z = 0; z < 12; ++z) {
        Zone zone;
        zone.code = "Z" + std::to_string(z);
        zone.name_zh = "园区" + std::to_string(z);
        zone.level = z < 4 ? ZoneLevel::National : ZoneLevel::Provincial;
        zone.threshold_wan_per_mu = z < 4 ? 500 : 300;
        zone.industries = z % 2 ? "电子信息制造;先进装备制造" : "数字经济;健康医药";
        zones.push_back(zone);
    }
    // blocks of 10 x 10 lots; a lot is a rectangle of a random width in a row of equal depth
    std::vector<Parcel> parcels;
    parcels.reserve(nparcels);
    const double m_per_deg_lon = 111320.0 * std::cos(26.6 * M_PI / 180.0), m_per_deg_lat = 110540.0;
    const size_t blocks_per_row = 40;
    for (size_t b = 0; parcels.size() < nparcels; ++b) {
        const double bx = double(b % blocks_per_row) * 2200.0, by = double(b / blocks_per_row) * 2200.0;
        const std::string zone = "Z" + std::to_string((b / 7) % 12);
        for (int row = 0; row < 10 && parcels.size() < nparcels; ++row) {
            double x = 0;
            for (int k = 0; k < 10 && parcels.size() < nparcels; ++k) {
                const double w = 100.0 + U(rng) * 150.0, depth = 200.0;  // metres
                const double x0 = bx + x, y0 = by + row * depth;
                x += w;
                auto ll = [&](double mx, double my) {
                    return LonLat{106.0 + mx / m_per_deg_lon, 26.0 + my / m_per_deg_lat};
                };
                Parcel p;
                p.id = int64_t(parcels.size()) + 1;
                p.code = "B" + std::to_string(b) + "-" + std::to_string(row) + "-" + std::to_string(k);
                p.geom = {
                    {{ll(x0, y0), ll(x0 + w, y0), ll(x0 + w, y0 + depth), ll(x0, y0 + depth), ll(x0, y0)}}};
                p.area_m2 = w * depth;
                p.area_mu = units::mu_from_m2(p.area_m2);
                p.landuse = U(rng) < 0.8 ? LandUse::Industrial : LandUse::Storage;
                p.supply_status = SupplyStatus::Reserved;
                p.zone_code = zone;
                const LonLat c = ll(x0 + w / 2, y0 + depth / 2);
                p.centroid_lon = c.lon;
                p.centroid_lat = c.lat;
                parcels.push_back(std::move(p));
            }
        }
    }
    const char* industries[] = {"电子信息制造", "先进装备制造", "数字经济", "健康医药", "现代物流"};
    std::vector<PipelineProject> projects;
    for (size_t i = 0; i < nproj; ++i) {
        const Parcel& lot = parcels[rng() % parcels.size()];
        const double size = lot.area_mu * (U(rng) < 0.15 ? 2.0 : 1.0);
        PipelineProject p;
        p.project_id = "P" + std::to_string(i + 1);
        p.land_use = lot.landuse;
        p.industry = p.land_use == LandUse::Storage ? "现代物流" : industries[rng() % 4];
        p.min_area_mu = size * (0.8 + 0.15 * U(rng));
        p.max_area_mu = size * (1.05 + 0.3 * U(rng));
        const double thr = lot.zone_code.str() < "Z4" && lot.zone_code.size() == 2 ? 500 : 300;
        p.fixed_invest_wan = size * thr * (U(rng) < 0.85 ? 1.05 + U(rng) : 0.5);
        p.tax_wan = *p.fixed_invest_wan * (0.02 + 0.05 * U(rng));
        p.energy_tce = size * (0.5 + 5 * U(rng));
        if (U(rng) < 0.5) p.preferred_zone = lot.zone_code;
        projects.push_back(std::move(p));
    }
    plan::PlanConfig cfg;
    cfg.time_limit_s = time_limit;
    const auto t0 = std::chrono::steady_clock::now();
    const plan::CandidateSet set = plan::build_candidates(projects, zones, parcels, {}, cfg);
    const double t_cand = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (budgets) {
        std::map<std::string, double> want;
        for (const auto& c : set.candidates) want[set.plots[c.plot].zone] += c.area_mu;
        for (auto& [z, a] : want) cfg.budgets[z].land_mu = 0.6 * a / 10;  // about 60% of one plot per pair
    }
    const plan::Solution sol = plan::solve(set, projects, cfg);
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    const double gap = sol.bound != 0 ? (sol.bound - sol.objective) / std::abs(sol.bound) : 0.0;
    std::printf(
        "{\"projects\": %zu, \"parcels\": %zu, \"plots\": %zu, \"candidates\": %zu, \"candidates_s\": %.3f, "
        "\"solve_s\": %.3f, \"optimal\": %s, \"status\": \"%s\", \"objective\": %.6f, \"bound\": %.6f, "
        "\"gap\": %.3g, "
        "\"assigned\": %zu, \"budgets\": %s, \"peak_mb\": %.0f}\n",
        nproj, parcels.size(), set.plots.size(), set.candidates.size(), t_cand, sol.seconds,
        sol.optimal ? "true" : "false", sol.status.c_str(), sol.objective, sol.bound, gap, sol.chosen.size(),
        budgets ? "true" : "false", double(ru.ru_maxrss) / 1024.0);
    return 0;
}
