// parkatlas import: read zones / parcels / ledger into a workspace, all or nothing
// (core/check/import_pipeline).
#include <unistd.h>
#include <filesystem>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "apps/cli/command.hpp"
#include "core/common/error.hpp"
#include "core/import/import_pipeline.hpp"
#include "core/io/context_set.hpp"
#include "core/io/reference.hpp"
#include "core/raster/basemap_source.hpp"
#include "core/report/table.hpp"
#include "core/store/pg.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct ImportOptions {
    std::string workspace, zones, ledger, encoding, assume_crs, mapping, helmert, lang = "zh";
    std::string reference, reference_name, reference_style;
    std::string basemap, tile_scheme, context;
    double basemap_opacity = 1.0;
    bool basemap_grey = false;
    std::vector<std::string> parcels, gcj02_sources, bd09_sources;
    double max_parcel_mu = 10000.0;
    bool from_gcj02 = false, from_bd09 = false, accept_ballpark = false;
    double new_area_threshold = 0.0;
};

/// The workspace as printed: a PostgreSQL connection without its password.
std::string shown_workspace(const std::string& w) {
    return store::is_postgres_target(w) ? store::pg_display(w) : w;
}

std::array<double, 7> parse_helmert(const std::string& s) {
    std::array<double, 7> out{};
    std::stringstream in(s);
    std::string item;
    size_t n = 0;
    while (std::getline(in, item, ',')) {
        if (n >= 7) break;
        try {
            size_t used = 0;
            out[n] = std::stod(item, &used);
            if (used != item.size()) throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw InputError("--helmert '" + s + "': '" + item +
                             "' is not a number; give tx,ty,tz,rx,ry,rz,s.");
        }
        ++n;
    }
    if (n != 7 || std::getline(in, item, ','))
        throw InputError("--helmert '" + s + "' must hold exactly 7 numbers: tx,ty,tz,rx,ry,rz,s.");
    return out;
}

/// `import --reference`: read the whole layer first, then one transaction (all or nothing); zones and parcels
/// are not touched.
int import_reference(const ImportOptions& o, const ReferenceLayer& layer) {
    auto ws = store::Workspace::open_or_create(o.workspace);
    ws.replace_reference_layer(layer);
    size_t lines = 0;
    for (const auto& f : layer.features) lines += f.lines.size();
    if (o.lang == "en")
        std::cout << fmt::format("reference layer '{}': {} features, {} lines from {}\n", layer.name,
                                 layer.features.size(), lines, layer.source_path);
    else
        std::cout << fmt::format("参考图层 '{}'：{} 个要素，{} 条线，来自 {}\n", layer.name,
                                 layer.features.size(), lines, layer.source_path);
    return int(kOk);
}

/// `import --basemap`: checks the raster or tile folder, builds the overviews a large raster lacks into the
/// user's cache folder (never beside the file), then registers the path (not a copy) with the workspace.
int import_basemap(const ImportOptions& o) {
    Basemap b;
    b.path = std::filesystem::absolute(o.basemap).lexically_normal().string();
    b.name =
        !o.reference_name.empty() ? o.reference_name : std::filesystem::path(o.basemap).filename().string();
    b.scheme = o.tile_scheme;
    b.opacity = o.basemap_opacity;
    b.grey = o.basemap_grey;
    const std::string what = raster::check_basemap(b);
    if (raster::needs_overview_cache(b.path)) {
        std::cerr << (o.lang == "en" ? "building overviews of " : "正在生成影像金字塔 ") << b.path << " … ";
        int shown = -1;
        const auto vrt = raster::build_overview_cache(b.path, [&](double done) {
            const int pct = static_cast<int>(done * 100);
            if (pct / 10 != shown / 10) {
                shown = pct;
                std::cerr << pct << "% " << std::flush;
            }
        });
        std::cerr << "\n" << (o.lang == "en" ? "overviews in " : "金字塔位于 ") << vrt << ".ovr\n";
    }
    auto ws = store::Workspace::open_or_create(o.workspace);
    ws.register_basemap(b);
    if (o.lang == "en")
        std::cout << fmt::format("basemap '{}': {} ({}), registered (the path, not a copy)\n", b.name, b.path,
                                 what);
    else
        std::cout << fmt::format("底图 '{}'：{}（{}），已登记（登记路径，不复制文件）\n", b.name, b.path,
                                 what);
    return int(kOk);
}

/// `import --context SET.json`: every layer read and checked first, then stored.
int import_context(const ImportOptions& o) {
    const auto set = io::read_context_set(o.context);
    for (const auto& b : set.basemaps)
        if (raster::needs_overview_cache(b.path)) raster::build_overview_cache(b.path);
    auto ws = store::Workspace::open_or_create(o.workspace);
    io::store_context_set(set, ws);
    const bool en = o.lang == "en";
    for (const auto& r : set.references)
        std::cout << fmt::format(fmt::runtime(en ? "reference layer '{}': {} features from {}\n"
                                                 : "参考图层 '{}'：{} 个要素，来自 {}\n"),
                                 r.name, r.features.size(), r.source_path);
    for (size_t i = 0; i < set.basemaps.size(); ++i)
        std::cout << fmt::format(fmt::runtime(en ? "basemap '{}': {} ({})\n" : "底图 '{}'：{}（{}）\n"),
                                 set.basemaps[i].name, set.basemaps[i].path, set.descriptions[i]);
    return int(kOk);
}

Registrar reg("import", 10, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<ImportOptions>();
    auto* sub = app.add_subcommand(
        "import",
        "Read zones, parcels and/or the project ledger into a workspace (created if missing). All sources "
        "are read "
        "first; a refused source leaves the workspace untouched. The kinds given replace the stored ones "
        "atomically, "
        "then checks, the ledger join and the indicators are recomputed for the whole workspace.");
    sub->add_option("-w,--workspace", o->workspace,
                    "Workspace file (.sqlite) or PostGIS connection (PG:\"host=… dbname=… user=…\"); created "
                    "when it does not "
                    "exist")
        ->required();
    add_lang_option(sub, o->lang);
    sub->add_option(
        "--reference", o->reference,
        "A reference layer for context on the map (roads, rivers, boundaries, 三调 land use; PATH or "
        "PATH::LAYER, any CRS): stored apart, never mixed with zones or parcels");
    sub->add_option(
           "--basemap", o->basemap,
           "Register a raster basemap (GeoTIFF/COG, GeoPackage tiles, MBTiles, …) or a folder of XYZ "
           "tiles z/x/y.png|jpg with the workspace: the path, not a copy; render, animate and view draw it "
           "under the map. Overviews a large raster lacks are built in ~/.cache/parkatlas")
        ->check(CLI::ExistingPath);
    sub->add_option("--context", o->context,
                    "A context set (JSON: reference layers and basemaps with names and styles, e.g. "
                    "gis-data/context.json): all read and checked, then stored")
        ->check(CLI::ExistingFile);
    sub->add_option(
           "--tile-scheme", o->tile_scheme,
           "--basemap tile folder: webmercator (default; Tianditu _w, most web maps), gcj02 (tiles cut "
           "from Gaode/Tencent maps) or cgcs2000 (Tianditu _c lon/lat tiles)")
        ->check(CLI::IsMember({"webmercator", "gcj02", "cgcs2000"}));
    sub->add_option("--opacity", o->basemap_opacity, "--basemap: its opacity, 0-1 (default 1)")
        ->check(CLI::Range(0.0, 1.0));
    sub->add_flag("--grey", o->basemap_grey, "--basemap: draw it in grey");
    sub->add_option(
        "--name", o->reference_name,
        "--reference / --basemap: the layer's name (default: the source layer's / the file name)");
    sub->add_option("--style", o->reference_style,
                    "--reference: a style file {\"color\": \"#505050\", \"width_px\": 2, \"label_field\": "
                    "\"NAME\"}");
    sub->add_option("--zones", o->zones, "Zone layer (PATH or PATH::LAYER): replaces all zones");
    sub->add_option(
           "--parcels", o->parcels,
           "Parcel layer (PATH or PATH::LAYER); repeat for several deliveries: together they replace all "
           "parcels")
        ->take_all();
    sub->add_option("--ledger", o->ledger,
                    "Project ledger (XLSX/CSV/…, PATH or PATH::SHEET): replaces all projects");
    sub->add_option(
        "--encoding", o->encoding,
        "Attribute encoding of the sources (e.g. CP936, UTF-8); default: the .cpg, else detected");
    sub->add_option("--assume-crs", o->assume_crs, "CRS (EPSG:N) for sources that carry none");
    sub->add_option("--mapping", o->mapping, "JSON file mapping our field names to the source's");
    auto* gcj =
        sub->add_flag("--from-gcj02", o->from_gcj02, "Coordinates are GCJ-02 (Gaode/Tencent): convert");
    auto* bd = sub->add_flag("--from-bd09", o->from_bd09, "Coordinates are BD-09 (Baidu): convert");
    gcj->excludes(bd);
    sub->add_option(
           "--gcj02-source", o->gcj02_sources,
           "Only this source (a path given to --zones/--parcels/--ledger) is GCJ-02: convert it; repeatable")
        ->take_all();
    sub->add_option("--bd09-source", o->bd09_sources,
                    "Only this source is BD-09 (Baidu): convert it; repeatable")
        ->take_all();
    sub->add_option("--max-parcel-mu", o->max_parcel_mu,
                    "Warn (implausible_area) about parcels larger than this many 亩; default 10000")
        ->check(CLI::PositiveNumber);
    sub->add_flag("--accept-ballpark-datum", o->accept_ballpark,
                  "Accept PROJ's ballpark (tens of metres) shift for Xian 1980 / Beijing 1954 sources");
    sub->add_option(
        "--helmert", o->helmert,
        "7 Helmert parameters tx,ty,tz,rx,ry,rz,s (m, arc-seconds, ppm) from the survey office for Xian "
        "1980 / Beijing 1954 sources");
    sub->add_option(
           "--new-area-threshold", o->new_area_threshold,
           "Investment-intensity threshold (万元/亩) for the national new area; default 500 (as national), "
           "or the value stored by an earlier import")
        ->check(CLI::PositiveNumber);
    return [o, sub]() {
        import::ImportRequest req;
        req.workspace = o->workspace;
        if (!o->zones.empty()) req.zones = o->zones;
        req.parcels = o->parcels;
        if (!o->ledger.empty()) req.ledger = o->ledger;
        req.options.encoding = o->encoding;
        req.options.assume_crs = o->assume_crs;
        req.options.mapping_file = o->mapping;
        req.options.shift = o->from_gcj02  ? io::WebShift::Gcj02
                            : o->from_bd09 ? io::WebShift::Bd09
                                           : io::WebShift::None;
        req.options.accept_ballpark_datum = o->accept_ballpark;
        req.options.plausible_parcel_max_mu = o->max_parcel_mu;
        req.gcj02_sources = o->gcj02_sources;
        req.bd09_sources = o->bd09_sources;
        if (!o->helmert.empty()) req.options.helmert = parse_helmert(o->helmert);
        if (sub->count("--new-area-threshold")) req.new_area_threshold_wan_per_mu = o->new_area_threshold;
        // Crash-consistency tests: die (as a kill -9 would) after every write, just before COMMIT.
        if (std::getenv("PA_TEST_ABORT_AFTER_WRITE")) req.before_commit = [] { _exit(9); };
        if (!req.zones && req.parcels.empty() && !req.ledger) {
            if (!o->context.empty()) {
                if (!o->reference.empty() || !o->basemap.empty())
                    throw InputError("Give --context in an import of its own (its file names the layers).");
                return import_context(*o);
            }
            if (o->reference.empty() && o->basemap.empty()) {
                std::cerr << "parkatlas import: give at least one source: --zones, --parcels, --ledger, "
                             "--reference or --basemap.\n";
                return int(kUsage);
            }
            if (!o->reference.empty() && !o->basemap.empty())
                throw InputError(
                    "Give --reference and --basemap in separate imports (each takes its own --name).");
            if (!o->basemap.empty()) return import_basemap(*o);
            return import_reference(*o,
                                    io::read_reference(o->reference, o->reference_name, o->reference_style));
        }
        if (!o->basemap.empty())
            throw InputError(
                "Register a --basemap in an import of its own (without --zones, --parcels or --ledger).");
        // A reference layer given with other sources is read (and refused when bad) before anything is
        // stored.
        std::optional<ReferenceLayer> reference;
        if (!o->reference.empty())
            reference = io::read_reference(o->reference, o->reference_name, o->reference_style);
        auto s = import::run_import(req);
        const bool en = o->lang == "en";
        // The key=value fields (crs=, encoding=, features=, stored=, problems=) are the same in both
        // languages.
        for (const auto& src : s.sources) {
            const std::string kind = en                      ? src.kind
                                     : src.kind == "zones"   ? "开发区"
                                     : src.kind == "parcels" ? "宗地"
                                     : src.kind == "ledger"  ? "台账"
                                                             : src.kind;
            std::cout << fmt::format("{:<8} {}{}  crs={}  encoding={}  features={}  stored={}  problems={}\n",
                                     kind, src.path, src.layer.empty() ? "" : "::" + src.layer, src.crs,
                                     src.encoding, src.feature_count, src.stored_count, src.problem_count);
        }
        if (en)
            std::cout << fmt::format("workspace {}: {} zones, {} parcels, {} projects, {} links\n",
                                     shown_workspace(req.workspace), s.zones, s.parcels, s.projects, s.links);
        else
            std::cout << fmt::format(
                "工作空间 {}：开发区 {} 个，宗地 {} 宗，项目 {} 个，项目-宗地关联 {} 条\n",
                shown_workspace(req.workspace), s.zones, s.parcels, s.projects, s.links);
        auto sev = [&](const char* k) {
            auto it = s.problems_by_severity.find(k);
            return it == s.problems_by_severity.end() ? int64_t{0} : it->second;
        };
        std::cout << (en ? fmt::format("problems: {} error, {} warning, {} info", sev("error"),
                                       sev("warning"), sev("info"))
                         : fmt::format("数据问题：错误 {}，警告 {}，提示 {}", sev("error"), sev("warning"),
                                       sev("info")));
        if (!s.problems_by_kind.empty()) {
            std::cout << (en ? " (" : "（");
            bool first = true;
            for (const auto& [k, n] : s.problems_by_kind) {
                std::cout << (first ? "" : en ? ", " : "，") << report::problem_kind_label(k, en) << " " << n;
                first = false;
            }
            std::cout << (en ? ")" : "）");
        }
        if (reference) import_reference(*o, *reference);
        std::cout << (en ? fmt::format("\ntime: read {:.2f} s, checks+join {:.2f} s, store {:.2f} s\n",
                                       s.seconds_read, s.seconds_derive, s.seconds_store)
                         : fmt::format("\n用时：读取 {:.2f} 秒，检查与关联 {:.2f} 秒，写入 {:.2f} 秒\n",
                                       s.seconds_read, s.seconds_derive, s.seconds_store));
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli
