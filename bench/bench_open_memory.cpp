// Memory of the viewer's data per step of a two-stage open, without GL (not a test; prints numbers).
//   bench_open_memory WORKSPACE [--triangulate]
// Resident set after each step (malloc_trim first, so freed memory is not counted) and the peak so far
// (VmHWM); --triangulate ignores a cached mesh and triangulates after stage 2, as the first open after an
// import does (without writing the cache). Then what the big parts
// hold: the parcels' ring vertices, the mesh's arrays, the record sizes. The viewer adds its GL context and
// fonts (about 170 MB), the mesh's GPU copy (held in process memory under Mesa llvmpipe), the picking grid
// and the projects-per-parcel lists; `parkatlas view WS --quit-after-tasks --timings` under /usr/bin/time -v
// gives the whole.
#include <malloc.h>

#include <cstdio>
#include <string_view>

#include "core/store/workspace.hpp"
#include "render/map_data.hpp"

namespace {
long rss_mb() {
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return resident * 4096 / 1048576;
}
long peak_mb() {
    long kb = 0;
    if (FILE* f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
        std::fclose(f);
    }
    return kb / 1024;
}
void step(const char* what) {
    const long peak = peak_mb();
    malloc_trim(0);
    std::printf("%6ld MB  (peak %6ld MB)  %s\n", rss_mb(), peak, what);
}
}  // namespace

int main(int argc, char** argv) {
    using namespace pa;
    const bool triangulate = argc == 3 && std::string_view(argv[2]) == "--triangulate";
    if (argc != 2 && !triangulate) {
        std::fprintf(stderr, "usage: bench_open_memory WORKSPACE [--triangulate]\n");
        return 2;
    }
    step("start");
    auto d = render::load_map_data_first(argv[1]);
    step("stage 1: zones, parcels' theme columns and boxes");
    if (!triangulate) {
        auto mesh = render::read_cached_mesh(d);
        render::install_mesh(d, std::move(mesh), 0);
        step("cached mesh (or none)");
    }
    auto stage = render::load_map_geometry(d);
    render::finish_map_geometry(d, std::move(stage));
    step("stage 2: geometry, the other columns, projects, links, problems, picking");
    if (triangulate) {
        render::install_mesh(d, render::triangulate_mesh(d), 0);
        step("triangulated (and grouped by draw order)");
    }
    size_t vertices = 0, ring_bytes = 0;
    for (const auto& p : d.parcels)
        for (const auto& poly : p.geom)
            for (const auto& r : poly) {
                vertices += r.size();
                ring_bytes += r.capacity() * sizeof(LonLat);
            }
    // Text held outside the records (std::string past its 15 inline bytes: the allocation, rounded as malloc
    // does, plus its 8-byte header).
    auto heap = [](const std::string& t) -> size_t {
        return t.capacity() > 15 ? ((t.capacity() + 1 + 8 + 15) / 16) * 16 : 0;
    };
    size_t parcel_text = 0, project_text = 0, problem_text = 0;
    for (const auto& p : d.parcels) parcel_text += heap(p.code) + heap(p.code_norm) + heap(p.location);
    for (const auto& p : d.projects)
        project_text += heap(p.project_id) + heap(p.name) + heap(p.enterprise) + heap(p.credit_code) +
                        heap(p.parcel_codes_raw);
    for (const auto& p : d.problems)
        problem_text += heap(p.kind) + heap(p.layer) + heap(p.id) + heap(p.message_zh) + heap(p.message_en);
    std::printf(
        "text outside the records: parcels %zu MB, projects %zu MB, problems %zu MB (%zu problems, "
        "%zu B each; %zu links, %zu B each)\n",
        parcel_text >> 20, project_text >> 20, problem_text >> 20, d.problems.size(), sizeof(Problem),
        d.links.size(), sizeof(Link));
    const auto& m = d.mesh;
    const size_t mesh_bytes =
        (m.fill_xy.size() + m.fill_parcel.size() + m.fill_index.size() + m.line_xy.size() +
         m.line_parcel.size() + m.line_index.size() + m.line_first.size() + m.line_count.size()) *
        4;
    std::printf("%zu parcels (%zu B each), %zu projects (%zu B each), %zu ring vertices (%zu MB)\n",
                d.parcels.size(), sizeof(Parcel), d.projects.size(), sizeof(Project), vertices,
                ring_bytes >> 20);
    std::printf(
        "mesh %zu MB: fill_xy %zu, fill_index %zu, line_xy %zu (shared with the fill: %s), line_index %zu "
        "MB\n",
        mesh_bytes >> 20, m.fill_xy.size() * 4 >> 20, m.fill_index.size() * 4 >> 20,
        m.line_xy.size() * 4 >> 20, m.shares_vertices() ? "yes" : "no", m.line_index.size() * 4 >> 20);
    return 0;
}
