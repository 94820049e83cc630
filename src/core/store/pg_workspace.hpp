#pragma once
// The PostGIS engine of a workspace (docs/administration.md): the same tables and columns as the SpatiaLite
// file, in one schema (`parkatlas`), geometry as PostGIS geometry(…, 4490) with GiST indexes, written as EWKB
// through COPY. Workspace (workspace.hpp) forwards to it when -w names a PostgreSQL connection; nothing
// outside src/core/store sees it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "core/store/pg.hpp"

namespace pa::store {

struct ImportLogEntry;
struct Scenario;
struct AuditRow;

/// One feature of a reference layer as stored (the style as JSON, the lines as WKB), the same on both
/// engines.
struct ReferenceRow {
    std::string layer, source_path, style, label, wkb;
};
struct ImportLogRow;
struct ProblemCount;
struct TableCounts;
struct ParcelShape;
struct ViewIndexEntry;
struct ViewQuery;
struct ViewRead;

class PgStore {
  public:
    /// Connects; with `create`, creates the schema (and the PostGIS extension when missing and allowed) if
    /// there is none. WorkspaceError when the database has no ParkAtlas schema (and `create` is false), lacks
    /// PostGIS, or holds a newer schema version.
    PgStore(const std::string& target, bool read_only, bool create, std::string schema = "parkatlas");

    const std::string& display() const { return conn_.display(); }
    PgConn& conn() { return conn_; }
    const std::string& schema() const { return schema_; }
    bool read_only() const { return read_only_; }

    void begin();
    void commit();
    void rollback() noexcept;

    std::string meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);

    std::vector<Zone> load_zones(bool with_geom);
    std::vector<Parcel> load_parcels(bool with_geom);
    /// The viewer's two stages (Workspace::load_parcels_lean / read_parcels_rest): the theme columns and
    /// exact boxes first, without geometry; then the other columns and the geometry into the same parcels
    /// (ids checked: WorkspaceError when the parcels changed in between).
    std::vector<Parcel> load_parcels_lean(std::vector<BBox>& boxes);
    void read_parcels_rest(std::vector<Parcel>& parcels);
    /// Reading by view (Workspace::scan_parcel_shapes, replace_view_index, load_parcels_view). `key`: the
    /// parcels the index describes (meta view_index).
    void scan_parcel_shapes(size_t batch, const std::function<void(std::vector<ParcelShape>&)>& use);
    void replace_view_index(const std::vector<ViewIndexEntry>& rows, const BBox& extent,
                            const std::string& key);
    ViewRead load_parcels_view(const ViewQuery& q);
    std::vector<Project> load_projects();
    std::vector<Link> load_links();
    std::vector<Problem> load_problems();

    int64_t log_import(const ImportLogEntry& e);
    void replace_zones(const std::vector<Zone>& zones, int64_t import_id);
    void replace_parcels(const std::vector<Parcel>& parcels, const std::vector<int64_t>& import_ids);
    void update_parcel_derived(const std::vector<Parcel>& parcels);
    void replace_projects(const std::vector<Project>& projects,
                          const std::vector<std::optional<LonLat>>& points, int64_t import_id);
    void update_project_points(const std::vector<Project>& projects,
                               const std::vector<std::optional<LonLat>>& points);
    void replace_links(const std::vector<Link>& links);
    void delete_problems(const std::string& origin);
    void add_problems(const std::vector<Problem>& problems, const std::string& origin);

    TableCounts counts();
    std::vector<ProblemCount> problem_counts();
    std::vector<ImportLogRow> import_log();
    std::vector<std::string> project_industries();

    /// Planning scenarios (pg_scenarios.cpp), as Workspace's: names sorted, one by name, a save with the
    /// optimistic row-version check (InputError "reload it" when another writer saved meanwhile), rename,
    /// delete (InputError naming the scenarios there are when `name` is none of them).
    std::vector<std::string> scenario_names();
    std::optional<Scenario> load_scenario(const std::string& name);
    void save_scenario(Scenario& s, int64_t expected_version);
    void rename_scenario(const std::string& from, const std::string& to);
    void delete_scenario(const std::string& name);

    /// The meeting room's tables (pg_context.cpp): storyboard rows (name, view JSON) in order,
    /// reference-layer rows, basemaps; writes need parkatlas_editor and are audited.
    std::vector<std::pair<std::string, std::string>> storyboard_rows();
    void save_storyboard_rows(const std::vector<std::pair<std::string, std::string>>& rows);
    std::vector<ReferenceRow> reference_rows();
    void replace_reference_rows(const std::string& layer, const std::vector<ReferenceRow>& rows,
                                const std::string& detail);
    void register_basemap(const Basemap& b);
    std::vector<Basemap> load_basemaps();
    int remove_context_layer(const std::string& name);

    void audit(const std::string& action, const std::string& object, const std::string& detail);
    std::vector<AuditRow> audit_log(int64_t limit);

    /// The render cache (a triangulated mesh, keyed by what it was built from); writing it needs only
    /// parkatlas_viewer (derived data: the meeting room's viewer caches what it triangulated).
    std::optional<std::string> cache_key(const std::string& prefix);
    bool read_cache(const std::string& key, const std::function<bool(std::string_view)>& use);
    bool replace_cache(const std::string& prefix, const std::string& key, const std::string& blob);

    /// Zone-level rights (row-level security, pg_zones.cpp): a role granted zones sees, and plans on, only
    /// those zones' rows (zones, parcels, links, projects, scenario assignments); a role granted none sees
    /// all. grant_zones also turns the policies on (once). Needs the tables' owner. Returns the grants after
    /// the change as "role: ZONE, ZONE".
    std::vector<std::string> grant_zones(const std::string& role, const std::vector<std::string>& zones);
    std::vector<std::string> revoke_zones(const std::string& role, const std::vector<std::string>& zones);
    std::vector<std::string> zone_grants();

    /// Creates (when missing) the roles parkatlas_viewer, _planner, _editor and _admin and grants them their
    /// rights on the schema (docs/administration.md). Returns one line per role.
    std::vector<std::string> init_roles();

  private:
    void create_schema();
    PgConn conn_;
    std::string schema_;
    bool read_only_ = true;
    bool has_planned_supply_date_ = true;  // false: a schema 2 workspace opened read-only
    bool has_zone_part_names_ = true;      // false: a schema 3 workspace opened read-only (zones.part_names)
    bool has_scenarios_ = true;            // the same (no scenario tables before schema 3)
    bool has_audit_ = true;                // the same (no audit table before schema 3)
    std::unique_ptr<PgTransaction> tx_;
};

}  // namespace pa::store
