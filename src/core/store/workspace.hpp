#pragma once
// The workspace: one SpatiaLite file (WAL mode, checkpointed on close) with a versioned schema. It opens in
// QGIS as layers (zones, parcels with their indicators, projects, problems). See docs/architecture.md.
// The same interface serves a shared workspace on PostgreSQL/PostGIS (-w "PG:host=… dbname=…" or
// postgresql://…): the methods forward to PgStore (pg_workspace.hpp); those not ported yet throw a
// WorkspaceError saying so (docs/administration.md).
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/temp_dir.hpp"
#include "core/model.hpp"
#include "core/store/bulk.hpp"
#include "core/store/sqlite.hpp"

namespace pa::store {

/// 1: the first wave. 2: the ledger's evaluation figures (projects.value_added_wan … above_scale). 3: the
/// parcels' planned supply date (parcels.planned_supply_date). 4: the zones' part names (zones.part_names,
/// 片区). 5: the view index (PostGIS: table parcel_view; a file creates its view tables when the index is
/// first built). An older workspace is migrated when opened for writing and read as is (those columns
/// missing) when opened read-only.
inline constexpr int kSchemaVersion = 5;

/// One row of the `imports` log.
struct ImportLogEntry {
    std::string kind;  // "zones" | "parcels" | "ledger"
    std::string source_path, layer, driver, crs, encoding;
    int64_t feature_count = 0, stored_count = 0, problem_count = 0;
    std::string note;
};

/// One row of the audit table: who changed what, when (UTC, ISO 8601).
struct AuditRow {
    int64_t id = 0;
    std::string time, db_user, os_user, action, object, detail;
};
/// The operating-system user running this process.
std::string os_user();

/// How many rows each table holds.
struct TableCounts {
    int64_t zones = 0, parcels = 0, projects = 0, links = 0, problems = 0;
};

/// One row of the import log as stored (with its time).
struct ImportLogRow {
    std::string time;
    ImportLogEntry entry;
};

/// Problems counted by severity and kind.
struct ProblemCount {
    std::string severity, kind;
    int64_t count = 0;
};

class Workspace;
class PgStore;

// ------------------------------------------------------------------------------------------ reading by view
// A workspace too large to read whole (a province: millions of parcels) is read by view: the parcels in a
// box, at a level of detail (core/geo/view_levels.hpp). The view index (table parcel_view, derived like the
// render cache and rebuilt after an import) holds per parcel its level, its box and its cached triangulation;
// docs/architecture.md, "Reading by view".

/// One parcel as the view index is built from it.
struct ParcelShape {
    int64_t id = 0;
    double centroid_lon = 0, centroid_lat = 0, area_m2 = 0;
    MultiPolygon geom;
};
/// One row of the view index. `tris`: the parcel's triangles as uint16 index triples into its ring vertices
/// (each ring's closing vertex dropped, rings of fewer than 4 points skipped, in the geometry's order); empty
/// when not cached (the reader triangulates that parcel itself).
struct ViewIndexEntry {
    int64_t parcel_id = 0;
    int level = -1;
    BBox box;
    std::string_view tris;
};
/// What a view reads: the parcels whose box meets `box` (lon/lat) and whose level is at least `min_level`
/// (-1: all), ordered by id, at most `limit` (0: no limit). `with_geometry`: every column and the geometry
/// with the cached triangles (else the first-stage columns, as load_parcels_lean).
struct ViewQuery {
    BBox box;
    int min_level = -1;
    bool with_geometry = false;
    size_t limit = 0;
};
struct ViewRead {
    std::vector<Parcel> parcels;
    std::vector<BBox> boxes;        // per parcel, its box
    std::vector<std::string> tris;  // with_geometry: per parcel, its cached triangles ("" when none)
    bool truncated = false;         // more parcels matched than `limit`
    /// Keeps the first `limit` parcels (0: all), `truncated` when there were more (both engines read one
    /// more).
    void cut(size_t limit) {
        if (!limit || parcels.size() <= limit) return;
        truncated = true;
        parcels.resize(limit);
        boxes.resize(limit);
        if (!tris.empty()) tris.resize(limit);
    }
};
/// The state of a workspace's view index.
struct ViewIndexInfo {
    bool present = false;  // built at some time
    bool fresh = false;    // built from the parcels stored now
    BBox extent;           // of every parcel, when present
    int64_t parcels = 0;   // parcels stored now
};

/// The one transaction of a bulk write (an import): a large page cache, a rollback journal instead of WAL for
/// the writes (in WAL mode every page is written twice; with a rollback journal only the pages that existed
/// before are copied, and a killed write still leaves a hot journal the next open rolls back), then back to
/// WAL and a checkpoint after the commit. Rolls back unless committed. On PostGIS: one BEGIN … COMMIT.
/// Projects written ahead into a side database of their own (a temporary file) on a thread of their own,
/// while the workspace's one connection stores the parcels; Workspace::replace_projects(StagedProjects&) then
/// moves them in with SQLite's transfer of whole records (a tenth of the row-by-row time: 0.4 s instead of 2
/// s for 600k projects). The vectors given to Workspace::stage_projects must outlive it.
class StagedProjects {
  public:
    ~StagedProjects();  // waits for the writer (and removes the file)
    StagedProjects(const StagedProjects&) = delete;
    StagedProjects& operator=(const StagedProjects&) = delete;

  private:
    friend class Workspace;
    StagedProjects() = default;
    std::unique_ptr<TempDir> dir_;
    std::string path_;
    std::vector<RtreeEntry> boxes_;  // the projects' points, for the packed R*Tree
    std::future<void> writing_;
    // What was staged, for the row-by-row path when the side database fails (a full temporary folder).
    const std::vector<Project>* projects_ = nullptr;
    const std::vector<std::optional<LonLat>>* points_ = nullptr;
    int64_t import_id_ = 0;
};

class BulkWrite {
  public:
    explicit BulkWrite(Workspace& ws);
    ~BulkWrite();
    BulkWrite(const BulkWrite&) = delete;
    BulkWrite& operator=(const BulkWrite&) = delete;
    void commit();

  private:
    Workspace& ws_;
    std::optional<Transaction> tx_;  // SpatiaLite
    bool pg_open_ = false;           // PostGIS: a transaction is open on the workspace's connection
};

/// A planning scenario (core/plan, docs/planning.md): the pipeline it used and its assignments. Never touches
/// the ledger.
struct ScenarioAssignment {
    std::string project_id;
    std::vector<std::string> parcel_codes;
    std::string zone;
    double area_mu = 0.0, score = 0.0, energy_tce = 0.0;
    double invest_wan = 0.0, output_wan = 0.0, tax_wan = 0.0;
    std::string score_parts_json;  // {"base": …, …}
    bool locked = false;
};
struct Scenario {
    std::string name, created, changed, created_by, pipeline_source;
    int64_t version = 0;  // +1 on every save (optimistic check)
    bool solved = false, optimal = false;
    double objective = 0.0;
    std::string pipeline_json;  // the pipeline rows it used (JSON array)
    std::vector<ScenarioAssignment> assignments;
};

class Workspace {
  public:
    /// Opens an existing workspace; throws WorkspaceError when the file is missing, not a ParkAtlas
    /// workspace, or of a newer schema. `path` may also name a PostgreSQL connection (is_postgres_target).
    static Workspace open(const std::string& path, bool read_only = true);
    /// Opens the workspace, creating the file and its schema when it does not exist yet.
    static Workspace open_or_create(const std::string& path);

    Workspace(Workspace&&) noexcept = default;
    Workspace& operator=(Workspace&&) noexcept = default;
    /// Checkpoints the WAL into the main file (when writable) so the .sqlite alone is complete.
    ~Workspace();

    /// The SQLite connection, for the store's own classes (bulk writers, transactions). Nothing outside
    /// src/core/store speaks SQL: add an operation here instead.
    Db& db() { return db_; }
    /// The file, or the PostgreSQL connection without its password.
    const std::string& path() const;
    bool read_only() const { return read_only_; }
    /// The PostGIS engine, or nullptr for a SpatiaLite file (for the store's own classes).
    PgStore* pg() const { return pg_.get(); }

    std::vector<Zone> load_zones(bool with_geom = true);
    /// Parcels ordered by id, with their stored ParcelStats.
    std::vector<Parcel> load_parcels(bool with_geom = true);
    /// Stage 1 of a lean two-stage read: parcels ordered by id with only what a map's first frame needs (id,
    /// code, zone_code, landuse, area_m2, area_mu, supply_status, centroid, ParcelStats) and per parcel the
    /// box (lon/lat) of its stored geometry, read from the SpatiaLite blob's header (empty when it has none);
    /// every other field is left default until read_parcels_rest. Large tables are read in slices of at least
    /// `rows_per_slice` rows, each on its own read-only connection and thread (at most 8, at most one per
    /// hardware thread, unless slices are forced smaller).
    std::vector<Parcel> load_parcels_lean(std::vector<BBox>& boxes, size_t rows_per_slice = 100000);
    /// Whether the last load_parcels_lean came from the compact record (lean_record.hpp) rather than the
    /// rows.
    bool lean_from_record() const { return lean_from_record_; }
    /// Stores the compact first-stage record of `parcels` and their boxes (a SpatiaLite file opened for
    /// writing; false otherwise, or when it could not).
    bool store_lean_record(const std::vector<Parcel>& parcels, const std::vector<BBox>& boxes);
    /// Stage 2: reads the remaining columns and the geometry into `parcels` (from load_parcels_lean: same
    /// ids, same order) in place, so they equal load_parcels(); in id slices on their own connections and
    /// threads like load_parcels_lean, leaving two hardware threads to the work beside it. Throws
    /// WorkspaceError when the stored parcels differ.
    void read_parcels_rest(std::vector<Parcel>& parcels, size_t rows_per_slice = 100000);
    std::vector<Project> load_projects();
    std::vector<Link> load_links();
    std::vector<Problem> load_problems();
    // Write side. Call these inside one Transaction (see core/import/import_pipeline): nothing here commits.

    /// Appends to the import log (time = now, UTC); returns the row id.
    int64_t log_import(const ImportLogEntry& e);
    /// Replaces all zones.
    void replace_zones(const std::vector<Zone>& zones, int64_t import_id);
    /// Replaces all parcels, keeping Parcel::id as the row id, with their zone and ParcelStats.
    /// `import_ids[i]` is the import log row of parcels[i].
    void replace_parcels(const std::vector<Parcel>& parcels, const std::vector<int64_t>& import_ids);
    /// Updates the derived columns (zone_code, ParcelStats) of stored parcels, by Parcel::id.
    void update_parcel_derived(const std::vector<Parcel>& parcels);
    /// Replaces all projects (Project::id kept as row id); points[i] is the project's point geometry, if any.
    void replace_projects(const std::vector<Project>& projects,
                          const std::vector<std::optional<LonLat>>& points, int64_t import_id);
    /// Starts writing the projects on another thread (see StagedProjects); null on PostGIS, whose COPY has
    /// no such need, and when the temporary folder ($TMPDIR or /tmp) cannot be made or has too little room:
    /// call replace_projects(projects, …) then.
    std::unique_ptr<StagedProjects> stage_projects(const std::vector<Project>& projects,
                                                   const std::vector<std::optional<LonLat>>& points,
                                                   int64_t import_id);
    /// Replaces all projects by the staged ones (waits for the writer). When the side database failed (a full
    /// or unwritable temporary folder) the projects are written row by row instead. The side database stays
    /// attached until the transaction ends (BulkWrite detaches it).
    void replace_projects(StagedProjects& staged);
    void update_project_points(const std::vector<Project>& projects,
                               const std::vector<std::optional<LonLat>>& points);
    void replace_links(const std::vector<Link>& links);
    /// Deletes the problems of one origin ("read:zones", "read:parcels", "read:ledger", "derived").
    void delete_problems(const std::string& origin);
    void add_problems(const std::vector<Problem>& problems, const std::string& origin);

    TableCounts counts();
    std::vector<ProblemCount> problem_counts();
    std::vector<ImportLogRow> import_log();
    /// The distinct non-empty industries of the projects, sorted.
    std::vector<std::string> project_industries();

    // The render cache: derived blobs (the viewer's triangulated mesh) keyed by what they were made from. A
    // cache that cannot be read or written (an older workspace, a read-only file) is simply absent.
    /// The key of the cached entry whose key starts with `prefix`, if any.
    std::optional<std::string> cache_key(const std::string& prefix);
    /// Calls `use` with the blob stored under `key`; false when there is none (or no cache table).
    bool read_cache(const std::string& key, const std::function<bool(std::string_view)>& use);
    /// Replaces every entry whose key starts with `prefix` by (key, blob), in its own transaction; false on
    /// failure.
    bool replace_cache(const std::string& prefix, const std::string& key, const std::string& blob);
    /// The same, the blob given as pieces written one after the other (SQLite: straight into the row, never
    /// joined in memory: a million parcels' mesh is 230 MB).
    bool replace_cache(const std::string& prefix, const std::string& key,
                       const std::vector<std::string_view>& pieces);

    /// Value of a meta key ("" when absent): schema_version, created, data_source…
    /// Records a change in the audit table (in the open transaction; the table is created when missing).
    /// `action`: import, scenario.save, scenario.rename, scenario.delete, storyboard.save, reference.add,
    /// basemap.add, layer.remove.
    void audit(const std::string& action, const std::string& object, const std::string& detail);
    /// The last `limit` audit rows (all with 0), oldest first.
    std::vector<AuditRow> audit_log(int64_t limit = 0);

    /// Scenarios by name (assignments included).
    /// Reference layers (table reference_layers, created on first write): replaces the layer of that name.
    void replace_reference_layer(const ReferenceLayer& layer);
    std::vector<ReferenceLayer> load_reference_layers();
    /// Raster basemaps (table basemaps, created on first write): the path, never a copy; replaced by name,
    /// keeping its place in the drawing order.
    void register_basemap(const Basemap& b);
    std::vector<Basemap> load_basemaps();
    /// The storyboard (table storyboard, created on first write), in presentation order.
    std::vector<StoryView> load_storyboard();
    /// Replaces the whole storyboard in one transaction (the editor saves the sequence it shows). InputError
    /// when two views share a name or one has none.
    void save_storyboard(const std::vector<StoryView>& views);
    /// Removes the reference layer and/or basemap of that name; returns how many went (0: none had it).
    int remove_context_layer(const std::string& name);
    std::vector<Scenario> list_scenarios();
    std::optional<Scenario> load_scenario(const std::string& name);
    /// Writes `s` (in its own transaction). `expected_version`: the version it was read at (0: a new
    /// scenario); InputError when another writer saved it since ("reload it"). Sets s.version to the stored
    /// one.
    void save_scenario(Scenario& s, int64_t expected_version);
    /// InputError naming the scenarios that exist when `from` is unknown, or when `to` exists.
    void copy_scenario(const std::string& from, const std::string& to);
    void rename_scenario(const std::string& from, const std::string& to);
    void delete_scenario(const std::string& name);
    /// The view index (see ViewQuery above). view_index_info: whether it is there and matches the parcels.
    ViewIndexInfo view_index_info();
    /// Calls `use` with the parcels (id, centroid, area, geometry) in id order, `batch` at a time (streamed:
    /// a province never sits in memory at once).
    void scan_parcel_shapes(size_t batch, const std::function<void(std::vector<ParcelShape>&)>& use);
    /// Replaces the view index by `rows` (every parcel once) in one transaction, recording `extent` and the
    /// parcels it describes. Needs a writable workspace (PostGIS: parkatlas_editor).
    void replace_view_index(const std::vector<ViewIndexEntry>& rows, const BBox& extent);
    /// The parcels stored, as the view index recorded them or (PostGIS, no index) the planner's estimate:
    /// whether to read by view is decided without counting ten million rows.
    int64_t parcel_count_estimate();
    /// The parcels of one view (the index must be there: view_index_info().present).
    ViewRead load_parcels_view(const ViewQuery& q);
    std::string meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);

  private:
    Workspace(Db db, bool read_only) : db_(std::move(db)), read_only_(read_only) {}
    static Workspace open_postgres(const std::string& target, bool read_only, bool create);
    void create_schema();
    static void read_parcel_row(const Stmt& st, Parcel& p);  // the attribute columns of load_parcels
    Db db_;
    bool read_only_ = true;
    bool has_evaluation_columns_ = true;   // false: a version 1 workspace opened read-only (projects)
    bool has_exempt_until_ = true;         // the same for parcels.exempt_until
    bool has_zone_part_names_ = true;      // a version 3 workspace opened read-only (zones.part_names)
    bool has_planned_supply_date_ = true;  // a version 2 workspace opened read-only (parcels)
    bool lean_from_record_ = false;
    std::string lean_record_key();
    std::string view_index_version();
    bool lean_record_usable();
    void drop_lean_record();
    friend class BulkWrite;
    bool stage_attached_ = false;  // a StagedProjects database is attached as pa_stage
    void detach_stage() noexcept;
    std::shared_ptr<PgStore> pg_;  // set for a PostGIS workspace (db_ then holds no connection)
};

}  // namespace pa::store
