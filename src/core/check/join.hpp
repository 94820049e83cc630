#pragma once
// Joining the project ledger to the parcels: by parcel code (exact, then normalised), or by location for
// ledgers that carry coordinates and no code. Every row ends up linked or reported: nothing is dropped
// silently.
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace pa::check {

struct JoinOptions {
    double ledger_area_tolerance =
        0.10;  // ledger_area_mismatch when |ledger 亩 - parcels 亩| / parcels 亩 exceeds this
};

struct JoinResult {
    std::vector<Link> links;
    std::vector<Problem> problems;
    /// Per project (same order as the input): the ledger's lon/lat, else the first linked parcel's inside
    /// point.
    std::vector<std::optional<LonLat>> points;
};

/// Splits a 宗地编号 cell into codes: separators ; ； , ， 、 and any whitespace (ASCII and U+3000).
std::vector<std::string> split_parcel_codes(const std::string& cell);

/// Projects and parcels must carry their workspace ids (Project::id, Parcel::id).
JoinResult join_ledger(const std::vector<Project>& projects, const std::vector<Parcel>& parcels,
                       const JoinOptions& opt = {});

}  // namespace pa::check
