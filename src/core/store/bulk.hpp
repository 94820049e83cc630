#pragma once
// Bulk writing of SpatiaLite geometry tables (a million parcels in one import).
//
// Three costs dominate a naive `INSERT ... GeomFromWKB(?)` loop with SpatiaLite's triggers in place:
//  1. GeomFromWKB parses every WKB into a gaiaGeom and serialises it again;
//  2. the per-row triggers SpatiaLite puts on a geometry table: ggi (GeometryConstraints parses the blob
//  again),
//     tmi (updates geometry_columns_time) and gii (one R*Tree insert, the most expensive: ~6 µs per row with
//     its forced re-inserts and node splits);
//  3. CreateSpatialIndex after the fact still inserts row by row into the R*Tree and parses every blob.
// So the bulk path writes SpatiaLite's internal BLOB-Geometry format directly (documented at
// https://www.gaia-gis.it/gaia-sins/BLOB-Geometry.html), lifts the table's triggers for the duration of the
// load (their SQL is kept and re-created verbatim), and packs the R*Tree bottom up (Sort-Tile-Recursive)
// straight into the rtree module's shadow tables (%_node, %_rowid, %_parent; the format documented at the top
// of SQLite's ext/rtree/rtree.c). If SQLite refuses writes to the shadow tables (SQLITE_DBCONFIG_DEFENSIVE),
// the index is filled through the virtual table instead: slower, same result. Everything runs inside the
// caller's transaction.
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/store/sqlite.hpp"

namespace pa::store {

inline constexpr int kSrid = 4490;

/// SpatiaLite BLOB-Geometry of a MultiPolygon (class 6, XY, little endian), byte-identical to what
/// `GeomFromWKB(wkb_from_multipolygon(mp), srid)` stores. Returns "" for a geometry with no polygon (store
/// NULL). When `box` is given it receives the MBR (of all rings, as SpatiaLite computes it).
std::string spatialite_multipolygon(const MultiPolygon& mp, int srid = kSrid, BBox* box = nullptr);
/// SpatiaLite BLOB-Geometry of a Point (class 1, XY), identical to `MakePoint(lon, lat, srid)`.
std::string spatialite_point(const LonLat& p, int srid = kSrid);

/// One entry of an R*Tree: the row id and its box in degrees.
struct RtreeEntry {
    int64_t id = 0;
    double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

/// Replaces the content of the 2-D rtree virtual table `rtree` (e.g. "idx_parcels_geom") by a tree packed
/// from `entries` (Sort-Tile-Recursive). Coordinates are rounded outwards to float as the rtree module does.
/// Returns true when the shadow tables were written directly, false when it fell back to row-by-row inserts.
bool fill_rtree(Db& db, const std::string& rtree, std::vector<RtreeEntry> entries);

/// Lifts the triggers of a SpatiaLite geometry table for a bulk load and restores them when finished.
///   BulkGeometryLoad bulk(db, "parcels", "geom");   // drops the triggers, empties the table, resets the
///   R*Tree
///   ... INSERT rows with spatialite_* blobs, bulk.add(id, box) for each non-null geometry ...
///   bulk.finish();                                  // packs the R*Tree, re-creates the triggers
/// If finish() is not reached (an exception), the caller's transaction rolls back and with it the dropped
/// triggers.
class BulkGeometryLoad {
  public:
    /// `spatial_index`: the table has (or must get) SpatiaLite's R*Tree `idx_<table>_<column>`.
    BulkGeometryLoad(Db& db, std::string table, std::string column, bool spatial_index);
    BulkGeometryLoad(const BulkGeometryLoad&) = delete;
    BulkGeometryLoad& operator=(const BulkGeometryLoad&) = delete;

    void add(int64_t id, const BBox& box) {
        if (!box.empty())
            entries_.push_back(RtreeEntry{id, box.min_lon, box.max_lon, box.min_lat, box.max_lat});
    }
    void add(const RtreeEntry& e) { entries_.push_back(e); }
    void reserve(size_t n) { entries_.reserve(n); }
    /// Builds the index and restores the triggers. Returns whether the R*Tree shadow tables were written
    /// directly.
    bool finish();

  private:
    Db& db_;
    std::string table_, column_;
    bool spatial_index_;
    std::vector<std::string> triggers_;  // CREATE TRIGGER statements to restore
    std::vector<RtreeEntry> entries_;
    bool finished_ = false;
};

}  // namespace pa::store
