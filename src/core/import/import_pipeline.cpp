#include "core/import/import_pipeline.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include <algorithm>
#include <exception>
#include <functional>
#include <future>
#include <iterator>
#include <string_view>
#include <system_error>
#include <unordered_map>

#include "core/check/geos_model.hpp"
#include "core/common/error.hpp"
#include "core/common/parallel.hpp"
#include "core/store/pg.hpp"
#include "core/store/workspace.hpp"

namespace pa::import {

using check::assign_zones;
using check::check_declared_areas;
using check::check_supplements;
using check::find_duplicate_codes;
using check::find_overlaps;
using check::join_ledger;
using check::JoinResult;
using check::point_on_surface;
using check::to_geos;

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

store::ImportLogEntry log_entry(const char* kind, const io::ReadReport& r) {
    store::ImportLogEntry e;
    e.kind = kind;
    e.source_path = r.path;
    e.layer = r.layer;
    e.driver = r.driver;
    e.crs = r.crs;
    e.encoding = r.encoding;
    e.feature_count = r.feature_count;
    e.stored_count = r.stored_count;
    e.problem_count = static_cast<int64_t>(r.problems.size());
    return e;
}

SourceSummary summary_of(const char* kind, const io::ReadReport& r) {
    return SourceSummary{
        kind,       r.path,          r.layer,        r.crs,
        r.encoding, r.feature_count, r.stored_count, static_cast<int64_t>(r.problems.size())};
}

/// Frees `v...` on a thread of its own; the future is ready when they are gone (its destructor waits).
template <class... V>
std::future<void> free_in_background(V&&... v) {
    try {
        return std::async(std::launch::async, [... owned = std::move(v)]() mutable { ((owned = {}), ...); });
    } catch (const std::system_error&) {
        return {};  // no thread to be had: the lambda and what it owns were freed here
    }
}

double meta_double(store::Workspace& ws, const std::string& key, double fallback) {
    std::string v = ws.meta(key);
    if (v.empty()) return fallback;
    try {
        return std::stod(v);
    } catch (const std::exception&) {
        return fallback;
    }
}

}  // namespace

Derived derive(std::vector<Zone>& zones, std::vector<Parcel>& parcels, std::vector<Project>& projects,
               const analysis::ThresholdConfig& cfg) {
    Derived d;
    // Three independent passes run side by side (each with its own GEOS context): zone assignment writes only
    // Parcel::zone_code, which neither the overlap check nor the ledger join reads. Their problems are then
    // concatenated in the fixed order zones, overlaps, codes/areas, ledger, as the sequential version did.
    // The ledger pass goes first: with a ledger it is the longest (2.9 s of 4.3 at 1M parcels and 600k
    // projects), and two cores then run it beside the other two one after the other, instead of starting it
    // last on whichever core frees first.
    std::vector<Problem> zone_problems, overlap_problems, ledger_problems;
    JoinResult j;
    auto zones_pass = [&] {
        if (!zones.empty()) {
            assign_zones(parcels, zones, zone_problems);
        } else {
            for (auto& p : parcels) p.zone_code.clear();  // no zones loaded yet: nothing to say about zones
        }
    };
    auto overlaps_pass = [&] { find_overlaps(parcels, overlap_problems); };
    auto ledger_pass = [&] {
        find_duplicate_codes(parcels, ledger_problems);
        check_declared_areas(parcels, ledger_problems);
        check_supplements(parcels, ledger_problems);
        if (!projects.empty()) j = join_ledger(projects, parcels);
    };
    const std::function<void()> passes[] = {ledger_pass, zones_pass, overlaps_pass};
    parallel_for(std::size(passes), 1, [&](size_t b, size_t e, unsigned) {
        for (size_t i = b; i < e; ++i) passes[i]();
    });
    d.problems = std::move(zone_problems);
    d.problems.insert(d.problems.end(), std::make_move_iterator(overlap_problems.begin()),
                      std::make_move_iterator(overlap_problems.end()));
    d.problems.insert(d.problems.end(), std::make_move_iterator(ledger_problems.begin()),
                      std::make_move_iterator(ledger_problems.end()));
    if (!projects.empty()) {
        d.links = std::move(j.links);
        d.project_points = std::move(j.points);
        // A ledger problem with no place of its own (unplaced or unmatched project) sits inside the zone its
        // 所属园区 names, so that it still shows on the map near where it belongs.
        std::unordered_map<std::string, LonLat> zone_point;
        if (!zones.empty()) {
            geos::Context c;
            for (const auto& z : zones) zone_point[z.name_zh] = point_on_surface(c, to_geos(c, z.geom).get());
        }
        std::unordered_map<std::string_view, const Project*> by_id;
        if (!zone_point.empty()) {
            by_id.reserve(projects.size());
            for (const auto& p : projects) by_id.emplace(p.project_id, &p);
        }
        for (auto& p : j.problems) {
            if (p.lon != 0.0 || p.lat != 0.0) continue;
            auto it = by_id.find(p.id);
            if (it == by_id.end()) continue;
            if (auto z = zone_point.find(it->second->zone_name); z != zone_point.end()) {
                p.lon = z->second.lon;
                p.lat = z->second.lat;
            }
        }
        d.problems.insert(d.problems.end(), std::make_move_iterator(j.problems.begin()),
                          std::make_move_iterator(j.problems.end()));
    }
    analysis::compute_parcel_stats(parcels, projects, d.links, zones, cfg);
    return d;
}

namespace {
void store_import(const ImportRequest& req, std::optional<io::ZonesRead>& zr,
                  std::vector<io::ParcelsRead>& pr, std::optional<io::LedgerRead>& lr, ImportSummary& sum);
}  // namespace

ImportSummary run_import(const ImportRequest& req) {
    if (!req.zones && req.parcels.empty() && !req.ledger)
        throw InputError("Nothing to import: give at least one of --zones, --parcels or --ledger.");
    ImportSummary sum;
    auto t0 = Clock::now();
    // 1. Read everything first: a refused input leaves the workspace untouched.
    std::optional<io::ZonesRead> zr;
    std::vector<io::ParcelsRead> pr;
    std::optional<io::LedgerRead> lr;
    for (const auto* list : {&req.gcj02_sources, &req.bd09_sources})
        for (const auto& p : *list)
            if (p != req.zones.value_or("") && p != req.ledger.value_or("") &&
                std::find(req.parcels.begin(), req.parcels.end(), p) == req.parcels.end())
                throw InputError(
                    "'" + p + "' is named by --" + (list == &req.gcj02_sources ? "gcj02" : "bd09") +
                    "-source but is none of the sources of this import (--zones, --parcels, --ledger); "
                    "give the same path as there.");
    auto options_for = [&](const std::string& src) {
        io::SourceOptions o = req.options;
        if (std::find(req.gcj02_sources.begin(), req.gcj02_sources.end(), src) != req.gcj02_sources.end())
            o.shift = io::WebShift::Gcj02;
        if (std::find(req.bd09_sources.begin(), req.bd09_sources.end(), src) != req.bd09_sources.end())
            o.shift = io::WebShift::Bd09;
        return o;
    };
    // The ledger (a spreadsheet, read on one thread) is read beside the layers, whose reader feeds a pool of
    // geometry workers and leaves time on the cores; its error, if any, is rethrown after the layers' (in
    // order).
    std::future<io::LedgerRead> ledger;
    if (req.ledger)
        ledger = std::async(std::launch::async,
                            [&] { return io::read_ledger(*req.ledger, options_for(*req.ledger)); });
    try {
        if (req.zones) zr = io::read_zones(*req.zones, options_for(*req.zones));
        for (const auto& src : req.parcels) pr.push_back(io::read_parcels(src, options_for(src)));
    } catch (...) {
        if (ledger.valid()) ledger.wait();  // never leave the reader running against freed state
        throw;
    }
    if (ledger.valid()) lr = ledger.get();
    sum.seconds_read = since(t0);

    // 2. One transaction. A workspace this import creates is not left behind when the import fails.
    std::error_code ec;
    const bool existed =
        store::is_postgres_target(req.workspace) || std::filesystem::exists(req.workspace, ec);
    try {
        store_import(req, zr, pr, lr, sum);
    } catch (...) {
        if (!existed)
            for (const char* suffix : {"", "-journal", "-wal", "-shm"})
                std::filesystem::remove(req.workspace + suffix, ec);
        throw;
    }
    return sum;
}

namespace {

void store_import(const ImportRequest& req, std::optional<io::ZonesRead>& zr,
                  std::vector<io::ParcelsRead>& pr, std::optional<io::LedgerRead>& lr, ImportSummary& sum) {
    auto ws = store::Workspace::open_or_create(req.workspace);
    store::BulkWrite bulk(ws);  // one transaction, journalled for a bulk write (see store/workspace.hpp)
    auto t1 = Clock::now();
    analysis::ThresholdConfig cfg;
    cfg.national_new_area_wan_per_mu =
        req.new_area_threshold_wan_per_mu.value_or(meta_double(ws, "threshold_national_new_area", 500.0));
    ws.set_meta("threshold_national_new_area", std::to_string(cfg.national_new_area_wan_per_mu));

    std::vector<Zone> zones;
    if (zr) {
        zones = std::move(zr->zones);
        zr->zones = {};
        int64_t id = ws.log_import(log_entry("zones", zr->report));
        sum.sources.push_back(summary_of("zones", zr->report));
        ws.replace_zones(zones, id);
        ws.delete_problems("read:zones");
        ws.add_problems(zr->report.problems, "read:zones");
    } else {
        zones = ws.load_zones(true);
    }

    std::vector<Parcel> parcels;
    std::vector<int64_t> parcel_import_ids;
    const bool new_parcels = !pr.empty();
    if (new_parcels) {
        ws.delete_problems("read:parcels");
        for (auto& r : pr) {
            int64_t id = ws.log_import(log_entry("parcels", r.report));
            sum.sources.push_back(summary_of("parcels", r.report));
            ws.add_problems(r.report.problems, "read:parcels");
            if (parcels.empty()) {
                parcels = std::move(r.parcels);  // the common case, one layer: no copy of a million structs
            } else {
                parcels.reserve(parcels.size() + r.parcels.size());
                std::move(r.parcels.begin(), r.parcels.end(), std::back_inserter(parcels));
            }
            parcel_import_ids.resize(parcels.size(), id);
            std::vector<Parcel>().swap(r.parcels);  // free the moved-from elements now, not at the end
        }
        pr.clear();
        for (size_t i = 0; i < parcels.size(); ++i) {
            parcels[i].id = static_cast<int64_t>(i) + 1;
            if (parcels[i].code_norm.empty()) parcels[i].code_norm = io::normalise_code(parcels[i].code);
        }
    } else {
        parcels = ws.load_parcels(true);
    }

    std::vector<Project> projects;
    int64_t ledger_import = 0;
    if (lr) {
        projects = std::move(lr->projects);
        lr->projects = {};
        for (size_t i = 0; i < projects.size(); ++i) projects[i].id = static_cast<int64_t>(i) + 1;
        ledger_import = ws.log_import(log_entry("ledger", lr->report));
        sum.sources.push_back(summary_of("ledger", lr->report));
        ws.delete_problems("read:ledger");
        ws.add_problems(lr->report.problems, "read:ledger");
    } else {
        projects = ws.load_projects();
    }

    Derived d = derive(zones, parcels, projects, cfg);
    sum.seconds_derive = since(t1);
    auto t2 = Clock::now();

    d.project_points.resize(projects.size());
    // The projects are written into a side database on the other core while this one stores the parcels.
    std::unique_ptr<store::StagedProjects> staged =
        lr ? ws.stage_projects(projects, d.project_points, ledger_import) : nullptr;
    if (new_parcels)
        ws.replace_parcels(parcels, parcel_import_ids);
    else
        ws.update_parcel_derived(parcels);
    // What is stored is freed on the other core while SQLite writes the rest on this one: the rings and
    // strings of a million parcels take about half a second to free.
    std::future<void> freed_parcels = free_in_background(std::move(parcels), std::move(zones));
    if (staged)
        ws.replace_projects(*staged);
    else if (lr)
        ws.replace_projects(projects, d.project_points, ledger_import);
    else
        ws.update_project_points(projects, d.project_points);
    std::future<void> freed_projects = free_in_background(std::move(projects), std::move(d.project_points));
    ws.replace_links(d.links);
    ws.delete_problems("derived");
    ws.add_problems(d.problems, "derived");

    // Summary over the whole workspace as it will be committed.
    const store::TableCounts counts = ws.counts();
    sum.zones = counts.zones;
    sum.parcels = counts.parcels;
    sum.projects = counts.projects;
    sum.links = counts.links;
    for (const auto& pc : ws.problem_counts()) {
        sum.problems_by_severity[pc.severity] += pc.count;
        sum.problems_by_kind[pc.kind] += pc.count;
    }
    if (req.before_commit) req.before_commit();
    bulk.commit();
    sum.seconds_store = since(t2);
}

}  // namespace

}  // namespace pa::import
