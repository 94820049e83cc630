#pragma once
// `parkatlas import` as a library call: read every source first (a refused input throws InputError and the
// workspace is not touched, not even created), then in ONE SQLite transaction replace the kinds given,
// recompute everything derived for the whole workspace (zone assignment, checks, ledger links, ParcelStats,
// problems), log each source in `imports`, commit and checkpoint. Any failure rolls back: all or nothing.
//
// A workspace the import creates is removed again when the import fails. `before_commit` (when set) is called
// after every write and just before COMMIT: the CLI's crash test makes the process die there
// (PA_TEST_ABORT_AFTER_WRITE).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/indicators.hpp"
#include "core/check/checks.hpp"
#include "core/check/join.hpp"
#include "core/io/sources.hpp"

namespace pa::import {

struct ImportRequest {
    std::string workspace;
    std::optional<std::string> zones;
    std::vector<std::string> parcels;  // all layers of one import replace all parcels
    std::optional<std::string> ledger;
    io::SourceOptions options;
    /// Sources (as given in zones / parcels / ledger) whose coordinates are GCJ-02 or BD-09: only those are
    /// converted (options.shift, when set, still applies to every source). A path named here that is not one
    /// of the sources is refused.
    std::vector<std::string> gcj02_sources, bd09_sources;
    /// Threshold for the national new area (万元/亩); when unset, the workspace's stored value or 500.
    std::optional<double> new_area_threshold_wan_per_mu;
    /// Called after every write, just before COMMIT (tests: die here to prove a killed import changes
    /// nothing).
    std::function<void()> before_commit;
};

struct SourceSummary {
    std::string kind, path, layer, crs, encoding;
    int64_t feature_count = 0, stored_count = 0, problem_count = 0;
};

struct ImportSummary {
    std::vector<SourceSummary> sources;
    int64_t zones = 0, parcels = 0, projects = 0, links = 0;
    std::map<std::string, int64_t> problems_by_severity;  // over the whole workspace after the import
    std::map<std::string, int64_t> problems_by_kind;
    double seconds_read = 0.0, seconds_derive = 0.0, seconds_store = 0.0;
};

/// What derive() computes for the whole workspace.
struct Derived {
    std::vector<Problem> problems;
    std::vector<Link> links;
    std::vector<std::optional<LonLat>> project_points;
};

/// Zone assignment, parcel checks, ledger join and ParcelStats over in-memory data (ids must be set).
Derived derive(std::vector<Zone>& zones, std::vector<Parcel>& parcels, std::vector<Project>& projects,
               const analysis::ThresholdConfig& cfg);

ImportSummary run_import(const ImportRequest& req);

}  // namespace pa::import
