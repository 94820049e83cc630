#pragma once
// Industry chains (产业链): upstream -> downstream industry pairs from an editable JSON file
// (config/industry_chains.json, drawn from the plan), links between firms of chained industries within a
// distance, and per zone a table of which links are present and which are missing (补链 gaps). See
// docs/clustering.md.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model.hpp"

namespace pa::store {
class Workspace;
}

namespace pa::analysis {

struct ChainPair {
    std::string upstream, downstream;  // ledger 产业类别 values
    std::string products;              // what flows along the pair (free text)
    std::string plan;                  // where the plan asks for it (free text)
};

struct ChainConfig {
    double default_distance_m = 5000.0;
    std::vector<ChainPair> pairs;
};

/// Parses the JSON text of a chain configuration; `what` names the source in errors (InputError).
ChainConfig parse_chain_config(const std::string& json_text, const std::string& what);
/// Reads and parses a chain configuration file (InputError naming the file when missing or malformed).
ChainConfig load_chain_config(const std::string& path);

/// Where the default industry_chains.json is, so `parkatlas chains` and the viewer work from any folder.
/// Looked up in order: $PARKATLAS_CONFIG_DIR (wins even when the file is missing there, so a wrong setting is
/// reported), config/ in the current folder, config/ next to the executable, ../share/parkatlas/config next
/// to it, then each of `fallback_dirs` (the CLI and the viewer pass the source tree's config/ folder).
/// Returns the first existing file, else the first candidate (so the error names a path).
std::string find_chain_config(const std::vector<std::string>& fallback_dirs = {});

/// A located firm (project) taking part in the chain analysis.
struct ChainFirm {
    std::string id, name, industry;
    std::string zone;  // zone code ("" when in no zone)
    LonLat pos;
};

struct ChainLink {
    size_t pair = 0;      // index into ChainConfig::pairs
    size_t upstream = 0;  // index into ChainResult::firms
    size_t downstream = 0;
    double distance_m = 0.0;
};

/// One row of the gap table: a zone and a chain pair of which it holds at least one side.
/// status: "present"            both sides in the zone and linked within the distance;
///         "nearby"             the zone's firms link to the other side in another zone within the distance;
///         "distant"            both sides in the zone but no pair of firms within the distance;
///         "missing_downstream" upstream firms here, no downstream firm within reach (补链: attract
///         downstream); "missing_upstream"   downstream firms here, no upstream firm within reach (补链:
///         attract upstream).
struct ChainGapRow {
    std::string zone;
    size_t pair = 0;
    int upstream_firms = 0, downstream_firms = 0;
    int local_links = 0;  // links with both firms in the zone
    int cross_links = 0;  // links with one firm in the zone
    std::string status;
};

struct ChainResult {
    ChainConfig config;
    double distance_m = 0.0;
    std::vector<ChainFirm> firms;
    std::vector<ChainLink> links;
    std::vector<ChainGapRow> gaps;  // sorted by zone, then pair order
};

/// Links and the gap table for the firms (distances in a local transverse Mercator plane, in metres).
ChainResult analyse_chains(const ChainConfig& config, std::vector<ChainFirm> firms, double distance_m);

/// Firms = the workspace's located projects (position as for clustering, zone of their parcel or 所属园区).
std::vector<ChainFirm> chain_firms(store::Workspace& ws);
/// The same from layers already in memory (the viewer's MapData).
std::vector<ChainFirm> chain_firms(const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                                   const std::vector<Project>& projects, const std::vector<Link>& links);

nlohmann::json to_json(const ChainResult& r);

}  // namespace pa::analysis
