#pragma once
// Reading what GDAL reads: zone layers, parcel layers and the project ledger, into the model in CGCS2000
// lon/lat. Owner of field mapping (Chinese/English aliases + JSON mapping file), DBF encoding detection, CRS
// handling (GK zones 35/36 with or without prefix, --assume-crs, GCJ-02/BD-09, Xian 1980/Beijing 1954
// refusal), geometry cleaning (MakeValid, repeated vertices) and areas. Problems found while reading are
// returned, not thrown; a refused input throws InputError with one sentence naming the file, layer, feature,
// field.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace pa::io {

enum class WebShift { None, Gcj02, Bd09 };

struct SourceOptions {
    std::string encoding;      // "" = honour .cpg / detect (GBK vs UTF-8); else e.g. "CP936", "UTF-8"
    std::string assume_crs;    // "" or "EPSG:N": used only when the source has no CRS
    std::string mapping_file;  // "" or a JSON file: {"parcels": {"code": "MY_FIELD", ...}, "ledger": {...}}
    WebShift shift = WebShift::None;
    bool accept_ballpark_datum = false;            // Xian 1980 / Beijing 1954 with PROJ's ballpark shift
    std::optional<std::array<double, 7>> helmert;  // towgs84-style 7 parameters for Xian 1980 / Beijing 1954
    /// A parcel larger than this (亩) gets an implausible_area warning: a district or a zone delivered as a
    /// parcel.
    double plausible_parcel_max_mu = 10000.0;
};

/// What was read from one source, for the import log.
struct ReadReport {
    std::string path, layer, driver, crs, encoding;
    int64_t feature_count = 0;  // features in the source
    int64_t stored_count = 0;   // features kept
    std::vector<Problem> problems;
};

struct ZonesRead {
    std::vector<Zone> zones;
    ReadReport report;
};
struct ParcelsRead {
    std::vector<Parcel> parcels;  // ids are 0: the store assigns them
    ReadReport report;
};
struct LedgerRead {
    std::vector<Project> projects;
    ReadReport report;
};

struct PipelineRead {
    std::vector<PipelineProject> projects;  // usable rows; the others are problems in `report`
    ReadReport report;
};

/// `source` is a path, optionally "PATH::LAYER"; zipped shapefiles and /vsizip/ paths are accepted.
ZonesRead read_zones(const std::string& source, const SourceOptions& opt);
/// A zone feature's part-name field (片区) split into names: "马场;湖潮;党武" (also "；", "、", "|") gives
/// one per polygon in order, a single name names every polygon; empty when no name is given.
std::vector<std::string> split_part_names(const std::string& text);
ParcelsRead read_parcels(const std::string& source, const SourceOptions& opt);
LedgerRead read_ledger(const std::string& source, const SourceOptions& opt);
/// The project pipeline (项目库, XLSX/CSV; docs/planning.md): refuses (InputError) a file without the project
/// id, land use, land range or investment column, naming the column and the names accepted.
PipelineRead read_pipeline(const std::string& source, const SourceOptions& opt);

/// Parcel-code normalisation for joins: trim, full-width -> half-width (incl. U+3000), upper case.
std::string normalise_code(const std::string& code);

}  // namespace pa::io
