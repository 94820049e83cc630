#include "core/store/pg_workspace.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "core/common/error.hpp"
#include "core/common/units.hpp"
#include "core/geo/wkb.hpp"
#include "core/store/parcel_shapes.hpp"
#include "core/store/part_names.hpp"
#include "core/store/scenario_codes.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

namespace {

// The schema of workspace.cpp's kSchemaV1 (current, version 2) in PostgreSQL's types: INTEGER -> bigint,
// REAL -> double precision, BLOB -> bytea, geometry as PostGIS columns with GiST indexes. Row ids are plain
// bigint keys the store assigns the way SQLite does (max + 1), so both engines number rows alike. The column
// order is SQLite's, so a workspace copies column by column.
constexpr const char* kPgSchema = R"SQL(
CREATE TABLE meta(key text PRIMARY KEY, value text);
CREATE TABLE zones(
  id bigint PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_zh text, name_en text, level text NOT NULL, threshold_wan_per_mu double precision NOT NULL,
  industries text, area_m2 double precision, area_mu double precision, import_id bigint,
  geom geometry(MultiPolygon, 4490), part_names text);
CREATE TABLE parcels(
  id bigint PRIMARY KEY,
  code text NOT NULL, code_norm text NOT NULL, layer text NOT NULL, source_fid bigint,
  zone_code text, location text, landuse_code text, landuse_name text, landuse text,
  declared_area_m2 double precision, declared_area_kind text,
  area_m2 double precision NOT NULL, area_mu double precision NOT NULL, planar_area_m2 double precision,
  gk_zone bigint, plot_ratio double precision, supply_status text,
  approval_date text, reserve_date text, supply_date text, transfer_method text, land_price_wan double precision,
  contract_start_date text, contract_completion_date text, supplement_start_date text, exempt_reason text,
  exempt_until text, planned_supply_date text,
  developed_share double precision, invested_share double precision, work_stopped_date text,
  standard_land bigint,
  committed_invest_wan_per_mu double precision, committed_output_wan_per_mu double precision,
  committed_tax_wan_per_mu double precision, committed_plot_ratio double precision,
  centroid_lon double precision, centroid_lat double precision,
  project_count bigint DEFAULT 0, invest_wan double precision, output_wan double precision,
  tax_wan double precision, jobs double precision, invest_wan_per_mu double precision,
  output_wan_per_mu double precision, tax_wan_per_mu double precision, jobs_per_mu double precision,
  threshold_wan_per_mu double precision, compliance text, industry text, stage text, enterprise_kind text,
  import_id bigint,
  geom geometry(MultiPolygon, 4490));
CREATE INDEX parcels_code_norm ON parcels(code_norm);
CREATE TABLE projects(
  id bigint PRIMARY KEY,
  project_id text, name text, enterprise text, credit_code text, zone_name text, parcel_codes_raw text,
  industry text, enterprise_kind text, stage text,
  sign_date text, planned_start_date text, actual_start_date text, planned_production_date text,
  actual_production_date text, work_stopped_date text,
  total_invest_wan double precision, fixed_invest_wan double precision, funds_2021_wan double precision,
  funds_2022_wan double precision, funds_2023_wan double precision,
  land_area_mu double precision, output_wan double precision, tax_wan double precision, jobs double precision,
  energy_tce double precision,
  value_added_wan double precision, revenue_wan double precision, emission_t double precision,
  electricity_wan_kwh double precision, rd_wan double precision, floor_area_m2 double precision,
  above_scale bigint,
  quality_firm bigint, headquarters bigint, digital_economy bigint, central_soe bigint,
  lon double precision, lat double precision, source_row bigint, import_id bigint,
  geom geometry(Point, 4490));
CREATE TABLE links(
  project_rowid bigint NOT NULL, parcel_id bigint NOT NULL, match text NOT NULL,
  PRIMARY KEY(project_rowid, parcel_id));
CREATE TABLE problems(
  id bigint PRIMARY KEY, kind text NOT NULL, severity text NOT NULL, layer text, feature_id text,
  lon double precision, lat double precision, message_zh text, message_en text, origin text,
  geom geometry(Point, 4490));
CREATE TABLE imports(
  id bigint PRIMARY KEY, time text, kind text, source_path text, layer text, driver text, crs text,
  encoding text, feature_count bigint, stored_count bigint, problem_count bigint, note text);
CREATE TABLE render_cache(key text PRIMARY KEY, created text, data bytea);
CREATE INDEX zones_geom ON zones USING gist(geom);
CREATE INDEX parcels_geom ON parcels USING gist(geom);
CREATE INDEX projects_geom ON projects USING gist(geom);
CREATE INDEX problems_geom ON problems USING gist(geom);
)SQL";

// Planning scenarios (pg_scenarios.cpp), the audit table (audit.cpp) and the view index (schema 5: per parcel
// its level of detail and box as one n-D box, x y lod, and its cached triangles): created with the schema, or
// by the migrations.
constexpr const char* kPgScenarioTables = R"SQL(
CREATE TABLE IF NOT EXISTS scenarios(name text PRIMARY KEY, created text, changed text, created_by text,
  version bigint NOT NULL, solved bigint, optimal bigint, objective double precision, pipeline_source text,
  pipeline text);
CREATE TABLE IF NOT EXISTS scenario_assignments(
  scenario text NOT NULL REFERENCES scenarios(name) ON UPDATE CASCADE ON DELETE CASCADE,
  project_id text NOT NULL, parcel_codes text NOT NULL, zone text, area_mu double precision,
  score double precision, score_parts text, energy_tce double precision, invest_wan double precision,
  output_wan double precision, tax_wan double precision, locked bigint, PRIMARY KEY(scenario, project_id));
CREATE TABLE IF NOT EXISTS storyboard(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  position bigint NOT NULL, name text NOT NULL UNIQUE, view text NOT NULL);
CREATE TABLE IF NOT EXISTS reference_layers(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  layer text NOT NULL, source_path text, style text, label text, geom_wkb bytea NOT NULL);
CREATE INDEX IF NOT EXISTS reference_layers_layer ON reference_layers(layer);
CREATE TABLE IF NOT EXISTS basemaps(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE,
  path text NOT NULL, scheme text, opacity double precision, grey bigint);
CREATE TABLE IF NOT EXISTS parcel_view(parcel_id bigint PRIMARY KEY, lod bigint NOT NULL, bbox geometry NOT NULL,
  tris bytea,
  code text, zone_code text, landuse text, area_m2 double precision, area_mu double precision, supply_status text,
  centroid_lon double precision, centroid_lat double precision, project_count bigint, invest_wan double precision,
  output_wan double precision, tax_wan double precision, jobs double precision, invest_wan_per_mu double precision,
  output_wan_per_mu double precision, tax_wan_per_mu double precision, jobs_per_mu double precision,
  threshold_wan_per_mu double precision, compliance text, industry text, stage text, enterprise_kind text);
CREATE INDEX IF NOT EXISTS parcel_view_bbox ON parcel_view USING gist(bbox);
CREATE INDEX IF NOT EXISTS parcel_view_lod ON parcel_view(lod);
CREATE TABLE IF NOT EXISTS audit(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, time text NOT NULL,
  db_user text, os_user text, action text NOT NULL, object text, detail text);
)SQL";

// The version kPgSchema is. A tripwire: when the SpatiaLite schema moves on (kSchemaVersion, workspace.hpp),
// port the change here (kPgSchema, the loaders and writers below, a migration for existing PostGIS
// workspaces) and raise this with it.
constexpr int kPgSchemaVersion = 5;
static_assert(kPgSchemaVersion == kSchemaVersion,
              "the SpatiaLite schema changed: port the change to the PostGIS schema (kPgSchema) too");

/// A row of a PgResult read with the accessors of Stmt (so the readers below mirror workspace.cpp's).
struct Row {
    const PgResult& r;
    int row;
    bool is_null(int c) const { return r.is_null(row, c); }
    int64_t int64(int c) const { return r.int64(row, c); }
    double real(int c) const { return r.real(row, c); }
    std::optional<double> opt_real(int c) const { return r.opt_real(row, c); }
    std::string text(int c) const { return r.text(row, c); }
    std::string blob(int c) const { return r.bytea(row, c); }
};

std::string ewkb_multipolygon(const MultiPolygon& mp) {
    if (mp.empty()) return {};
    return ewkb_from_wkb(geo::wkb_from_multipolygon(mp), 4490);
}
std::string ewkb_point(const LonLat& p) {
    return ewkb_from_wkb(geo::wkb_from_point(p), 4490);
}

int read_stats(const Row& st, int c, ParcelStats& ps) {
    ps.project_count = static_cast<int>(st.int64(c++));
    ps.invest_wan = st.opt_real(c++);
    ps.output_wan = st.opt_real(c++);
    ps.tax_wan = st.opt_real(c++);
    ps.jobs = st.opt_real(c++);
    ps.invest_wan_per_mu = st.opt_real(c++);
    ps.output_wan_per_mu = st.opt_real(c++);
    ps.tax_wan_per_mu = st.opt_real(c++);
    ps.jobs_per_mu = st.opt_real(c++);
    ps.threshold_wan_per_mu = st.real(c++);
    const std::string comp = st.text(c++);
    ps.compliance = comp == "meets"    ? Compliance::Meets
                    : comp == "below"  ? Compliance::Below
                    : comp == "nodata" ? Compliance::NoData
                                       : Compliance::NotApplicable;
    ps.industry = st.text(c++);
    ps.stage = st.text(c++);
    ps.enterprise_kind = st.text(c++);
    return c;
}

constexpr const char* kDerivedCols =
    "zone_code, project_count, invest_wan, output_wan, tax_wan, jobs, invest_wan_per_mu, output_wan_per_mu, "
    "tax_wan_per_mu, jobs_per_mu, threshold_wan_per_mu, compliance, industry, stage, enterprise_kind";

void add_derived(CopyRows& row, const Parcel& p) {
    const ParcelStats& s = p.stats;
    row.text_or_null(p.zone_code).add(s.project_count);
    for (const OptDouble* v : {&s.invest_wan, &s.output_wan, &s.tax_wan, &s.jobs, &s.invest_wan_per_mu,
                               &s.output_wan_per_mu, &s.tax_wan_per_mu, &s.jobs_per_mu})
        row.add(std::optional<double>(*v));
    row.add(s.threshold_wan_per_mu).add(to_string(s.compliance));
    row.text_or_null(s.industry).text_or_null(s.stage).text_or_null(s.enterprise_kind);
}

}  // namespace

PgStore::PgStore(const std::string& target, bool read_only, bool create, std::string schema)
    : conn_(target), schema_(std::move(schema)), read_only_(read_only) {
    const std::string where = "schema " + schema_ + " of " + conn_.display();
    // What a permission error names: a command that writes needs the editor's rights from the start.
    const auto role_hint = [this] {
        if (read_only_)
            conn_.set_needed_role("parkatlas_viewer", "reading the workspace");
        else
            conn_.set_needed_role("parkatlas_editor", "changing the workspace");
    };
    role_hint();
    auto ns = conn_.exec("SELECT 1 FROM pg_namespace WHERE nspname = $1", {schema_});
    bool have_schema = ns.rows() > 0;
    if (have_schema) {
        auto m = conn_.exec("SELECT to_regclass($1) IS NOT NULL", {conn_.ident(schema_) + ".meta"});
        have_schema = m.rows() > 0 && m.view(0, 0) == "t";
    }
    if (!have_schema && !create)
        throw WorkspaceError("There is no ParkAtlas workspace in " + where +
                             "; create it with: parkatlas import -w \"" + conn_.display() +
                             "\" --zones … --parcels … (or move one in with parkatlas workspace copy).");
    if (conn_.exec("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").rows() == 0) {
        bool made = false;
        if (create) {
            try {
                conn_.exec("CREATE EXTENSION IF NOT EXISTS postgis");
                made = true;
            } catch (const std::exception&) {
            }
        }
        if (!made)
            throw WorkspaceError("The database of " + conn_.display() +
                                 " has no PostGIS; as its owner or a superuser run: psql -d " +
                                 conn_.dbname() +
                                 " -c 'CREATE EXTENSION postgis' (Debian: apt-get install "
                                 "postgresql-15-postgis-3), then run this command again.");
    }
    if (!have_schema) {
        create_schema();
        role_hint();
    }
    conn_.exec("SET search_path = " + conn_.ident(schema_) + ", public");
    if (meta("application") != "parkatlas")
        throw WorkspaceError("The " + where + " is not a ParkAtlas workspace (no ParkAtlas metadata in it).");
    const int version = std::atoi(meta("schema_version").c_str());
    if (version > kSchemaVersion)
        throw WorkspaceError(
            fmt::format("The workspace in {} has schema version {}, newer than this ParkAtlas "
                        "understands ({}); update ParkAtlas on this machine.",
                        where, version, kSchemaVersion));
    // Schema 3 (parcels.planned_supply_date, the scenario tables) and 4 (zones.part_names): added when
    // missing on a writing open (by the tables' owner: parkatlas_admin), read as NULL / no scenarios
    // otherwise.
    if (version < kSchemaVersion) {
        auto has_column = [&](const char* table, const char* column) {
            auto r = conn_.exec(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 "
                "AND column_name = $3",
                {schema_, table, column});
            return r.rows() > 0 && r.text(0, 0) != "0";
        };
        const bool has = has_column("parcels", "planned_supply_date");
        const bool has_parts = has_column("zones", "part_names");  // schema 4
        auto t = conn_.exec(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = "
            "'scenarios'",
            {schema_});
        if (read_only_) {
            has_planned_supply_date_ = has;
            has_zone_part_names_ = has_parts;
            has_scenarios_ = has_audit_ = t.rows() > 0 && t.text(0, 0) != "0";
        } else {
            conn_.set_needed_role("parkatlas_admin",
                                  "bringing the workspace's schema up to version 3 (run a writing command "
                                  "once as an admin)");
            PgTransaction tx(conn_);
            if (!has) conn_.exec("ALTER TABLE parcels ADD COLUMN planned_supply_date text");
            if (!has_parts) conn_.exec("ALTER TABLE zones ADD COLUMN part_names text");  // schema 4
            conn_.exec(kPgScenarioTables);
            conn_.exec("UPDATE meta SET value = $1 WHERE key = 'schema_version'",
                       {std::to_string(kSchemaVersion)});
            tx.commit();
        }
    }
    // A command that only reads sees one snapshot: zones, parcels and the ledger as one import committed
    // them, even when another user's import commits in between its queries.
    if (read_only_)
        tx_ = std::make_unique<PgTransaction>(conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

void PgStore::create_schema() {
    conn_.set_needed_role("parkatlas_admin", "creating the workspace's schema");
    PgTransaction tx(conn_);
    conn_.exec("CREATE SCHEMA IF NOT EXISTS " + conn_.ident(schema_));
    conn_.exec("SET LOCAL search_path = " + conn_.ident(schema_) + ", public");
    conn_.exec(kPgSchema);
    conn_.exec(kPgScenarioTables);
    conn_.exec("INSERT INTO meta(key, value) VALUES('application', 'parkatlas'), ('schema_version', $1)",
               {std::to_string(kSchemaVersion)});
    tx.commit();
}

void PgStore::begin() {
    conn_.set_needed_role("parkatlas_editor", "writing to the workspace (an import)");
    tx_ = std::make_unique<PgTransaction>(conn_);
    // One writer at a time per schema: a second import waits here (readers never do) rather than failing on
    // the row ids the first one is writing. Released at COMMIT or ROLLBACK.
    conn_.exec("SELECT pg_advisory_xact_lock(hashtext('parkatlas:' || $1))", {schema_});
}
void PgStore::commit() {
    if (tx_) tx_->commit();
    tx_.reset();
}
void PgStore::rollback() noexcept {
    tx_.reset();
}

std::string PgStore::meta(const std::string& key) {
    auto r = conn_.exec("SELECT value FROM meta WHERE key = $1", {key});
    return r.rows() ? r.text(0, 0) : std::string();
}

void PgStore::set_meta(const std::string& key, const std::string& value) {
    conn_.exec(
        "INSERT INTO meta(key, value) VALUES($1, $2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        {key, value});
}

std::vector<Zone> PgStore::load_zones(bool with_geom) {
    std::vector<Zone> out;
    auto r = conn_.exec(
        std::string("SELECT id, code, name_zh, name_en, level, threshold_wan_per_mu, industries, "
                    "area_m2, ") +
        (with_geom ? "ST_AsBinary(geom)" : "NULL") + (has_zone_part_names_ ? ", part_names" : ", NULL") +
        " FROM zones ORDER BY code COLLATE \"C\"");
    for (int i = 0; i < r.rows(); ++i) {
        Row st{r, i};
        Zone z;
        z.id = st.int64(0);
        z.code = st.text(1);
        z.name_zh = st.text(2);
        z.name_en = st.text(3);
        z.level = zone_level_from_string(st.text(4)).value_or(ZoneLevel::Provincial);
        z.threshold_wan_per_mu = st.real(5);
        z.industries = st.text(6);
        z.area_m2 = st.real(7);
        if (with_geom && !st.is_null(8)) z.geom = geo::multipolygon_from_wkb(st.blob(8));
        if (!st.is_null(9)) z.part_names = decode_part_names(st.text(9));
        out.push_back(std::move(z));
    }
    return out;
}

namespace {

// The parcels' columns in two groups, read by the same code whether a command reads them at once
// (load_parcels) or the viewer in two stages (load_parcels_lean, read_parcels_rest): the theme and filter
// columns (after id)…
constexpr const char* kPgLeanCols =
    "id, code, zone_code, landuse, area_m2, area_mu, supply_status, centroid_lon, centroid_lat, "
    "project_count, "
    "invest_wan, output_wan, tax_wan, jobs, invest_wan_per_mu, output_wan_per_mu, tax_wan_per_mu, "
    "jobs_per_mu, "
    "threshold_wan_per_mu, compliance, industry, stage, enterprise_kind";
// … and the rest (then planned_supply_date or NULL, then the geometry or NULL).
constexpr const char* kPgRestCols =
    "code_norm, layer, source_fid, location, landuse_code, landuse_name, declared_area_m2, "
    "declared_area_kind, "
    "planar_area_m2, gk_zone, plot_ratio, approval_date, reserve_date, supply_date, transfer_method, "
    "land_price_wan, contract_start_date, contract_completion_date, supplement_start_date, exempt_reason, "
    "developed_share, invested_share, work_stopped_date, standard_land, committed_invest_wan_per_mu, "
    "committed_output_wan_per_mu, committed_tax_wan_per_mu, committed_plot_ratio, exempt_until";

int read_lean_fields(const Row& st, Parcel& p) {
    int c = 0;
    p.id = st.int64(c++);
    p.code = st.text(c++);
    p.zone_code = st.text(c++);
    p.landuse = land_use_from_string(st.text(c++)).value_or(LandUse::Other);
    p.area_m2 = st.real(c++);
    p.area_mu = st.real(c++);
    p.supply_status = supply_status_from_string(st.text(c++)).value_or(SupplyStatus::Unknown);
    p.centroid_lon = st.real(c++);
    p.centroid_lat = st.real(c++);
    return read_stats(st, c, p.stats);
}

// The box in columns c .. c+3 (xmin, ymin, xmax, ymax); empty when NULL.
BBox read_box(const Row& st, int c) {
    BBox b;
    if (st.is_null(c)) return b;
    b.expand(LonLat{st.real(c), st.real(c + 1)});
    b.expand(LonLat{st.real(c + 2), st.real(c + 3)});
    return b;
}

// From column `c`: kPgRestCols, planned_supply_date, the geometry (WKB or NULL).
void read_rest_fields(const Row& st, int c, Parcel& p) {
    p.code_norm = st.text(c++);
    p.layer = st.text(c++);
    p.source_fid = st.int64(c++);
    p.location = st.text(c++);
    p.landuse_code = st.text(c++);
    p.landuse_name = st.text(c++);
    p.declared_area_m2 = st.opt_real(c++);
    p.declared_area_kind = st.text(c++);
    p.planar_area_m2 = st.real(c++);
    p.gk_zone = static_cast<int>(st.int64(c++));
    p.plot_ratio = st.opt_real(c++);
    p.approval_date = st.text(c++);
    p.reserve_date = st.text(c++);
    p.supply_date = st.text(c++);
    p.transfer_method = st.text(c++);
    p.land_price_wan = st.opt_real(c++);
    p.contract_start_date = st.text(c++);
    p.contract_completion_date = st.text(c++);
    p.supplement_start_date = st.text(c++);
    p.exempt_reason = st.text(c++);
    p.developed_share = st.opt_real(c++);
    p.invested_share = st.opt_real(c++);
    p.work_stopped_date = st.text(c++);
    p.standard_land = st.int64(c++) != 0;
    p.committed_invest_wan_per_mu = st.opt_real(c++);
    p.committed_output_wan_per_mu = st.opt_real(c++);
    p.committed_tax_wan_per_mu = st.opt_real(c++);
    p.committed_plot_ratio = st.opt_real(c++);
    p.exempt_until = st.text(c++);
    p.planned_supply_date = st.text(c++);
    if (!st.is_null(c)) p.geom = geo::multipolygon_from_wkb(st.blob(c));
}

}  // namespace

std::vector<Parcel> PgStore::load_parcels(bool with_geom) {
    std::vector<Parcel> out;
    // Through a cursor in batches: a million parcels never sit in memory twice (as text and as Parcels).
    out.reserve(static_cast<size_t>(std::max<int64_t>(0, counts().parcels)));
    conn_.for_each_batch(
        std::string("SELECT ") + kPgLeanCols + ", " + kPgRestCols + ", " +
            (has_planned_supply_date_ ? "planned_supply_date, " : "NULL, ") +
            (with_geom ? "ST_AsBinary(geom)" : "NULL") + " FROM parcels ORDER BY id",
        [&](const PgResult& r) {
            for (int i = 0; i < r.rows(); ++i) {
                Row st{r, i};
                Parcel p;
                read_rest_fields(st, read_lean_fields(st, p), p);
                out.push_back(std::move(p));
            }
        },
        20000, true);
    return out;
}

std::vector<Parcel> PgStore::load_parcels_lean(std::vector<BBox>& boxes) {
    std::vector<Parcel> out;
    const size_t n = static_cast<size_t>(std::max<int64_t>(0, counts().parcels));
    out.reserve(n);
    boxes.clear();
    boxes.reserve(n);
    // The viewer's first stage: the theme and filter columns and each parcel's exact box (box3d: from the
    // vertices, in double precision), no geometry on the wire.
    conn_.for_each_batch(
        std::string("SELECT ") + kPgLeanCols +
            ", ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM (SELECT *, geom::box3d AS b "
            "FROM parcels) p ORDER BY id",
        [&](const PgResult& r) {
            for (int i = 0; i < r.rows(); ++i) {
                Row st{r, i};
                Parcel p;
                boxes.push_back(read_box(st, read_lean_fields(st, p)));
                out.push_back(std::move(p));
            }
        },
        20000, true);
    return out;
}

void PgStore::read_parcels_rest(std::vector<Parcel>& parcels) {
    size_t i = 0;
    auto changed = [&] {
        return WorkspaceError("The parcels of " + display() +
                              " changed while they were being read; open it again.");
    };
    conn_.for_each_batch(
        std::string("SELECT id, ") + kPgRestCols + ", " +
            (has_planned_supply_date_ ? "planned_supply_date, " : "NULL, ") +
            "ST_AsBinary(geom) FROM parcels ORDER BY id",
        [&](const PgResult& r) {
            for (int k = 0; k < r.rows(); ++k, ++i) {
                Row st{r, k};
                if (i >= parcels.size() || parcels[i].id != st.int64(0)) throw changed();
                read_rest_fields(st, 1, parcels[i]);
            }
        },
        20000, true);
    if (i != parcels.size()) throw changed();
}

std::vector<Project> PgStore::load_projects() {
    std::vector<Project> out;
    auto r = conn_.exec(
        "SELECT id, project_id, name, enterprise, credit_code, zone_name, parcel_codes_raw, industry, "
        "enterprise_kind, stage, sign_date, planned_start_date, actual_start_date, planned_production_date, "
        "actual_production_date, work_stopped_date, total_invest_wan, fixed_invest_wan, funds_2021_wan, "
        "funds_2022_wan, funds_2023_wan, land_area_mu, output_wan, tax_wan, jobs, energy_tce, quality_firm, "
        "headquarters, digital_economy, central_soe, lon, lat, source_row, value_added_wan, revenue_wan, "
        "emission_t, electricity_wan_kwh, rd_wan, floor_area_m2, above_scale FROM projects ORDER BY id");
    for (int i = 0; i < r.rows(); ++i) {
        Row st{r, i};
        Project p;
        int c = 0;
        p.id = st.int64(c++);
        for (std::string* t : {&p.project_id, &p.name, &p.enterprise, &p.credit_code}) *t = st.text(c++);
        p.zone_name = st.text(c++);
        p.parcel_codes_raw = st.text(c++);
        for (InternedString* t : {&p.industry, &p.enterprise_kind, &p.stage}) *t = st.text(c++);
        for (IsoDate* d : {&p.sign_date, &p.planned_start_date, &p.actual_start_date,
                           &p.planned_production_date, &p.actual_production_date, &p.work_stopped_date})
            *d = st.text(c++);
        for (OptDouble* v :
             {&p.total_invest_wan, &p.fixed_invest_wan, &p.funds_2021_wan, &p.funds_2022_wan,
              &p.funds_2023_wan, &p.land_area_mu, &p.output_wan, &p.tax_wan, &p.jobs, &p.energy_tce})
            *v = st.opt_real(c++);
        for (bool* b : {&p.quality_firm, &p.headquarters, &p.digital_economy, &p.central_soe})
            *b = st.int64(c++) != 0;
        p.lon = st.opt_real(c++);
        p.lat = st.opt_real(c++);
        p.source_row = st.int64(c++);
        for (OptDouble* v : {&p.value_added_wan, &p.revenue_wan, &p.emission_t, &p.electricity_wan_kwh,
                             &p.rd_wan, &p.floor_area_m2})
            *v = st.opt_real(c++);
        if (!st.is_null(c)) p.above_scale = st.int64(c) != 0;
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Link> PgStore::load_links() {
    std::vector<Link> out;
    auto r =
        conn_.exec("SELECT project_rowid, parcel_id, match FROM links ORDER BY project_rowid, parcel_id");
    for (int i = 0; i < r.rows(); ++i) out.push_back(Link{r.int64(i, 0), r.int64(i, 1), r.text(i, 2)});
    return out;
}

std::vector<Problem> PgStore::load_problems() {
    std::vector<Problem> out;
    auto r = conn_.exec(
        "SELECT kind, severity, layer, feature_id, lon, lat, message_zh, message_en FROM problems ORDER BY "
        "id");
    for (int i = 0; i < r.rows(); ++i) {
        Problem p;
        p.kind = r.text(i, 0);
        const std::string sev = r.text(i, 1);
        p.severity = sev == "error" ? Severity::Error : sev == "warning" ? Severity::Warning : Severity::Info;
        p.layer = r.text(i, 2);
        p.id = r.text(i, 3);
        p.lon = r.real(i, 4);
        p.lat = r.real(i, 5);
        p.message_zh = r.text(i, 6);
        p.message_en = r.text(i, 7);
        out.push_back(std::move(p));
    }
    return out;
}

int64_t PgStore::log_import(const ImportLogEntry& e) {
    auto r = conn_.exec(
        "INSERT INTO imports(id, time, kind, source_path, layer, driver, crs, encoding, feature_count, "
        "stored_count, problem_count, note) SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, "
        "$9, "
        "$10, $11 FROM imports RETURNING id",
        {utc_timestamp(), e.kind, e.source_path, e.layer, e.driver, e.crs, e.encoding,
         std::to_string(e.feature_count), std::to_string(e.stored_count), std::to_string(e.problem_count),
         e.note});
    return r.int64(0, 0);
}

void PgStore::replace_zones(const std::vector<Zone>& zones, int64_t import_id) {
    conn_.exec("DELETE FROM zones");
    CopyRows rows(CopyFormat::Binary);
    int64_t id = 0;
    for (const auto& z : zones) {
        rows.add(++id).add(z.code).add(z.name_zh).add(z.name_en).add(to_string(z.level));
        rows.add(z.threshold_wan_per_mu).add(z.industries).add(z.area_m2).add(units::mu_from_m2(z.area_m2));
        rows.add(import_id).hex_or_null(ewkb_multipolygon(z.geom));
        if (const auto parts = encode_part_names(z.part_names))
            rows.add(*parts);
        else
            rows.null();
        rows.end_row();
    }
    conn_.copy_in(
        "COPY zones(id, code, name_zh, name_en, level, threshold_wan_per_mu, industries, area_m2, "
        "area_mu, import_id, geom, part_names) FROM STDIN",
        rows);
}

void PgStore::replace_parcels(const std::vector<Parcel>& parcels, const std::vector<int64_t>& import_ids) {
    conn_.exec("DELETE FROM parcels");
    const std::string copy =
        std::string(
            "COPY parcels(id, code, code_norm, layer, source_fid, location, landuse_code, "
            "landuse_name, landuse, declared_area_m2, declared_area_kind, area_m2, area_mu, planar_area_m2, "
            "gk_zone, plot_ratio, supply_status, approval_date, reserve_date, supply_date, transfer_method, "
            "land_price_wan, contract_start_date, contract_completion_date, supplement_start_date, "
            "exempt_reason, exempt_until, planned_supply_date, developed_share, invested_share, "
            "work_stopped_date, standard_land, committed_invest_wan_per_mu, committed_output_wan_per_mu, "
            "committed_tax_wan_per_mu, committed_plot_ratio, centroid_lon, centroid_lat, import_id, geom, ") +
        kDerivedCols + ") FROM STDIN";
    // Sent in batches of rows (one COPY each) so that a million parcels never sit in memory twice as text.
    CopyRows rows(CopyFormat::Binary);
    auto flush = [&] {
        if (!rows.data().empty()) conn_.copy_in(copy, rows);
        rows.clear();
    };
    for (size_t i = 0; i < parcels.size(); ++i) {
        const Parcel& p = parcels[i];
        rows.add(p.id).add(p.code).add(p.code_norm).add(p.layer).add(p.source_fid);
        rows.text_or_null(p.location).text_or_null(p.landuse_code).text_or_null(p.landuse_name);
        rows.add(to_string(p.landuse)).add(std::optional<double>(p.declared_area_m2));
        rows.text_or_null(p.declared_area_kind).add(p.area_m2).add(p.area_mu).add(p.planar_area_m2);
        rows.add(p.gk_zone).add(std::optional<double>(p.plot_ratio)).add(to_string(p.supply_status));
        for (const IsoDate* d : {&p.approval_date, &p.reserve_date, &p.supply_date})
            rows.text_or_null(d->str());
        rows.text_or_null(p.transfer_method).add(std::optional<double>(p.land_price_wan));
        for (const IsoDate* d :
             {&p.contract_start_date, &p.contract_completion_date, &p.supplement_start_date})
            rows.text_or_null(d->str());
        rows.text_or_null(p.exempt_reason).text_or_null(p.exempt_until.str());
        rows.text_or_null(p.planned_supply_date.str());
        rows.add(std::optional<double>(p.developed_share)).add(std::optional<double>(p.invested_share));
        rows.text_or_null(p.work_stopped_date.str()).add(p.standard_land ? 1 : 0);
        for (const OptDouble* v : {&p.committed_invest_wan_per_mu, &p.committed_output_wan_per_mu,
                                   &p.committed_tax_wan_per_mu, &p.committed_plot_ratio})
            rows.add(std::optional<double>(*v));
        rows.add(p.centroid_lon).add(p.centroid_lat).add(i < import_ids.size() ? import_ids[i] : int64_t{0});
        rows.hex_or_null(ewkb_multipolygon(p.geom));
        add_derived(rows, p);
        rows.end_row();
        if (rows.data().size() > (64u << 20)) flush();
    }
    flush();
}

void PgStore::update_parcel_derived(const std::vector<Parcel>& parcels) {
    conn_.exec(
        "CREATE TEMP TABLE pa_derived(id bigint, zone_code text, project_count bigint, invest_wan double "
        "precision, "
        "output_wan double precision, tax_wan double precision, jobs double precision, invest_wan_per_mu "
        "double "
        "precision, output_wan_per_mu double precision, tax_wan_per_mu double precision, jobs_per_mu double "
        "precision, threshold_wan_per_mu double precision, compliance text, industry text, stage text, "
        "enterprise_kind text) ON COMMIT DROP");
    CopyRows rows(CopyFormat::Binary);
    for (const auto& p : parcels) {
        rows.add(p.id);
        add_derived(rows, p);
        rows.end_row();
    }
    conn_.copy_in(std::string("COPY pa_derived(id, ") + kDerivedCols + ") FROM STDIN", rows);
    conn_.exec(
        "UPDATE parcels p SET zone_code = d.zone_code, project_count = d.project_count, invest_wan = "
        "d.invest_wan, "
        "output_wan = d.output_wan, tax_wan = d.tax_wan, jobs = d.jobs, invest_wan_per_mu = "
        "d.invest_wan_per_mu, "
        "output_wan_per_mu = d.output_wan_per_mu, tax_wan_per_mu = d.tax_wan_per_mu, jobs_per_mu = "
        "d.jobs_per_mu, "
        "threshold_wan_per_mu = d.threshold_wan_per_mu, compliance = d.compliance, industry = d.industry, "
        "stage = d.stage, enterprise_kind = d.enterprise_kind FROM pa_derived d WHERE p.id = d.id");
    conn_.exec("DROP TABLE pa_derived");
}

void PgStore::replace_projects(const std::vector<Project>& projects,
                               const std::vector<std::optional<LonLat>>& points, int64_t import_id) {
    conn_.exec("DELETE FROM projects");
    const std::string copy =
        "COPY projects(id, project_id, name, enterprise, credit_code, zone_name, parcel_codes_raw, industry, "
        "enterprise_kind, stage, sign_date, planned_start_date, actual_start_date, planned_production_date, "
        "actual_production_date, work_stopped_date, total_invest_wan, fixed_invest_wan, funds_2021_wan, "
        "funds_2022_wan, funds_2023_wan, land_area_mu, output_wan, tax_wan, jobs, energy_tce, quality_firm, "
        "headquarters, digital_economy, central_soe, lon, lat, source_row, import_id, geom, value_added_wan, "
        "revenue_wan, emission_t, electricity_wan_kwh, rd_wan, floor_area_m2, above_scale) FROM STDIN";
    // In batches (one COPY each), as the parcels: 600k projects never sit in memory twice.
    CopyRows rows(CopyFormat::Binary);
    auto flush = [&] {
        if (!rows.data().empty()) conn_.copy_in(copy, rows);
        rows.clear();
    };
    for (size_t i = 0; i < projects.size(); ++i) {
        const Project& p = projects[i];
        rows.add(p.id);
        for (const std::string* t : {&p.project_id, &p.name, &p.enterprise, &p.credit_code}) rows.add(*t);
        rows.add(p.zone_name.str());
        rows.add(p.parcel_codes_raw);
        for (const InternedString* t : {&p.industry, &p.enterprise_kind, &p.stage}) rows.add(t->str());
        for (const IsoDate* d : {&p.sign_date, &p.planned_start_date, &p.actual_start_date,
                                 &p.planned_production_date, &p.actual_production_date, &p.work_stopped_date})
            rows.add(d->str());
        for (const OptDouble* v :
             {&p.total_invest_wan, &p.fixed_invest_wan, &p.funds_2021_wan, &p.funds_2022_wan,
              &p.funds_2023_wan, &p.land_area_mu, &p.output_wan, &p.tax_wan, &p.jobs, &p.energy_tce})
            rows.add(std::optional<double>(*v));
        for (bool b : {p.quality_firm, p.headquarters, p.digital_economy, p.central_soe}) rows.add(b ? 1 : 0);
        rows.add(std::optional<double>(p.lon))
            .add(std::optional<double>(p.lat))
            .add(p.source_row)
            .add(import_id);
        const std::optional<LonLat> pt = i < points.size() ? points[i] : std::nullopt;
        rows.hex_or_null(pt ? ewkb_point(*pt) : std::string());
        for (const OptDouble* v : {&p.value_added_wan, &p.revenue_wan, &p.emission_t, &p.electricity_wan_kwh,
                                   &p.rd_wan, &p.floor_area_m2})
            rows.add(std::optional<double>(*v));
        if (p.above_scale)
            rows.add(*p.above_scale ? 1 : 0);
        else
            rows.null();
        rows.end_row();
        if (rows.data().size() > (64u << 20)) flush();
    }
    flush();
}

void PgStore::update_project_points(const std::vector<Project>& projects,
                                    const std::vector<std::optional<LonLat>>& points) {
    conn_.exec("CREATE TEMP TABLE pa_points(id bigint, geom geometry(Point, 4490)) ON COMMIT DROP");
    CopyRows rows(CopyFormat::Binary);
    for (size_t i = 0; i < projects.size(); ++i) {
        const std::optional<LonLat> pt = i < points.size() ? points[i] : std::nullopt;
        rows.add(projects[i].id).hex_or_null(pt ? ewkb_point(*pt) : std::string());
        rows.end_row();
    }
    conn_.copy_in("COPY pa_points(id, geom) FROM STDIN", rows);
    conn_.exec("UPDATE projects p SET geom = d.geom FROM pa_points d WHERE p.id = d.id");
    conn_.exec("DROP TABLE pa_points");
}

void PgStore::replace_links(const std::vector<Link>& links) {
    conn_.exec("DELETE FROM links");
    std::set<std::pair<int64_t, int64_t>> seen;  // INSERT OR IGNORE in SQLite: the first of a pair stays
    CopyRows rows(CopyFormat::Binary);
    for (const auto& l : links) {
        if (!seen.emplace(l.project_rowid, l.parcel_id).second) continue;
        rows.add(l.project_rowid).add(l.parcel_id).add(l.match);
        rows.end_row();
    }
    conn_.copy_in("COPY links(project_rowid, parcel_id, match) FROM STDIN", rows);
}

void PgStore::delete_problems(const std::string& origin) {
    conn_.exec("DELETE FROM problems WHERE origin = $1", {origin});
}

void PgStore::add_problems(const std::vector<Problem>& problems, const std::string& origin) {
    if (problems.empty()) return;
    // Row ids continue from the largest, as SQLite's rowids do.
    int64_t id = conn_.exec("SELECT coalesce(max(id), 0) FROM problems").int64(0, 0);
    CopyRows rows(CopyFormat::Binary);
    for (const auto& p : problems) {
        rows.add(++id).add(p.kind).add(to_string(p.severity)).add(p.layer).add(p.id).add(p.lon).add(p.lat);
        rows.add(p.message_zh).add(p.message_en).add(origin).hex_or_null(ewkb_point(LonLat{p.lon, p.lat}));
        rows.end_row();
    }
    conn_.copy_in(
        "COPY problems(id, kind, severity, layer, feature_id, lon, lat, message_zh, message_en, origin, "
        "geom) FROM STDIN",
        rows);
}

TableCounts PgStore::counts() {
    auto r = conn_.exec(
        "SELECT (SELECT count(*) FROM zones), (SELECT count(*) FROM parcels), (SELECT count(*) FROM "
        "projects), "
        "(SELECT count(*) FROM links), (SELECT count(*) FROM problems)");
    return {r.int64(0, 0), r.int64(0, 1), r.int64(0, 2), r.int64(0, 3), r.int64(0, 4)};
}

std::vector<ProblemCount> PgStore::problem_counts() {
    std::vector<ProblemCount> out;
    auto r = conn_.exec(
        "SELECT severity, kind, count(*) FROM problems GROUP BY severity, kind ORDER BY severity COLLATE "
        "\"C\", "
        "kind COLLATE \"C\"");
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.int64(i, 2)});
    return out;
}

std::vector<ImportLogRow> PgStore::import_log() {
    std::vector<ImportLogRow> out;
    auto r = conn_.exec(
        "SELECT time, kind, source_path, layer, crs, encoding, stored_count FROM imports ORDER BY id");
    for (int i = 0; i < r.rows(); ++i) {
        ImportLogRow row;
        row.time = r.text(i, 0);
        row.entry.kind = r.text(i, 1);
        row.entry.source_path = r.text(i, 2);
        row.entry.layer = r.text(i, 3);
        row.entry.crs = r.text(i, 4);
        row.entry.encoding = r.text(i, 5);
        row.entry.stored_count = r.int64(i, 6);
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<std::string> PgStore::project_industries() {
    std::vector<std::string> out;
    auto r = conn_.exec(
        "SELECT DISTINCT industry COLLATE \"C\" AS i FROM projects WHERE industry <> '' ORDER BY i COLLATE "
        "\"C\"");
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
}

std::optional<std::string> PgStore::cache_key(const std::string& prefix) {
    auto r = conn_.exec("SELECT key FROM render_cache WHERE left(key, $1::int) = $2",
                        {std::to_string(prefix.size()), prefix});
    if (r.rows() == 0) return std::nullopt;
    return r.text(0, 0);
}

bool PgStore::read_cache(const std::string& key, const std::function<bool(std::string_view)>& use) {
    const auto bytes = conn_.read_bytes("SELECT data FROM render_cache WHERE key = $1", key);
    return bytes && use(*bytes);
}

bool PgStore::replace_cache(const std::string& prefix, const std::string& key, const std::string& blob) {
    try {
        PgTransaction tx(conn_);
        conn_.exec("DELETE FROM render_cache WHERE left(key, $1::int) = $2",
                   {std::to_string(prefix.size()), prefix});
        conn_.write_bytes("INSERT INTO render_cache(key, created, data) VALUES($1, now()::text, $2)", key,
                          blob);
        tx.commit();
        return true;
    } catch (const std::exception&) {
        return false;  // the cache is an optimisation: without the right to write it, triangulate next time
                       // too
    }
}

std::vector<std::string> PgStore::init_roles() {
    conn_.set_needed_role("parkatlas_admin (with CREATEROLE) or a superuser", "creating roles");
    const std::string s = conn_.ident(schema_);
    PgTransaction tx(conn_);
    conn_.exec(R"SQL(DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parkatlas_viewer') THEN CREATE ROLE parkatlas_viewer NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parkatlas_planner') THEN CREATE ROLE parkatlas_planner NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parkatlas_editor') THEN CREATE ROLE parkatlas_editor NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parkatlas_admin') THEN CREATE ROLE parkatlas_admin NOLOGIN; END IF;
END $$)SQL");
    // Each role holds the rights of the one before it: viewer < planner < editor < admin.
    conn_.exec("GRANT parkatlas_viewer TO parkatlas_planner");
    conn_.exec("GRANT parkatlas_planner TO parkatlas_editor");
    conn_.exec("GRANT parkatlas_editor TO parkatlas_admin");
    conn_.exec("GRANT USAGE ON SCHEMA " + s + " TO parkatlas_viewer");
    conn_.exec("GRANT SELECT ON ALL TABLES IN SCHEMA " + s + " TO parkatlas_viewer");
    conn_.exec("ALTER DEFAULT PRIVILEGES IN SCHEMA " + s + " GRANT SELECT ON TABLES TO parkatlas_viewer");
    conn_.exec("GRANT INSERT, UPDATE, DELETE ON " + s + ".scenarios, " + s +
               ".scenario_assignments TO parkatlas_planner");
    conn_.exec("GRANT INSERT ON " + s + ".audit TO parkatlas_planner");
    // the render cache is derived: a viewer (the meeting room) caches the mesh it triangulated
    conn_.exec("GRANT INSERT, DELETE ON " + s + ".render_cache TO parkatlas_viewer");
    conn_.exec("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + s + " TO parkatlas_editor");
    conn_.exec("GRANT TRUNCATE ON " + s +
               ".parcel_view TO parkatlas_editor");  // rebuilt whole after an import
    // the audit rows stay as written: writers add rows, only the admin may change or remove them
    conn_.exec("REVOKE UPDATE, DELETE ON " + s + ".audit FROM parkatlas_editor, parkatlas_planner");
    conn_.exec("ALTER DEFAULT PRIVILEGES IN SCHEMA " + s +
               " GRANT INSERT, UPDATE, DELETE ON TABLES TO parkatlas_editor");
    conn_.exec("GRANT CREATE ON SCHEMA " + s + " TO parkatlas_admin");
    conn_.exec("GRANT ALL ON ALL TABLES IN SCHEMA " + s + " TO parkatlas_admin");
    tx.commit();
    conn_.set_needed_role("parkatlas_viewer", "reading the workspace");
    return {"parkatlas_viewer: reads every table of schema " + schema_ + " (report, render, view)",
            "parkatlas_planner: also saves, renames and deletes planning scenarios (plan, scenario, the "
            "viewer's planning panel)",
            "parkatlas_editor: also imports and edits (insert, update, delete)",
            "parkatlas_admin: also creates tables in schema " + schema_ + " (migrations)"};
}

// ------------------------------------------------------------------------------------------ reading by view

namespace {
// "a, b, c" as "p.a, p.b, p.c".
std::string qualified(const std::string& cols, const char* prefix) {
    std::string out;
    for (size_t a = 0; a < cols.size();) {
        const size_t b = cols.find(", ", a);
        out += (out.empty() ? "" : ", ") + std::string(prefix) +
               cols.substr(a, b == std::string::npos ? std::string::npos : b - a);
        a = b == std::string::npos ? cols.size() : b + 2;
    }
    return out;
}

// The box of a view index row: EWKB of a POLYGON (no SRID), the parcel's lon/lat box.
std::string view_box_ewkb(const BBox& b) {
    std::string out;
    out.reserve(9 + 4 + 80);
    out.push_back(1);
    const uint32_t type = 3, rings = 1, points = 5;
    out.append(reinterpret_cast<const char*>(&type), 4);
    out.append(reinterpret_cast<const char*>(&rings), 4);
    out.append(reinterpret_cast<const char*>(&points), 4);
    for (const double v : {b.min_lon, b.min_lat, b.max_lon, b.min_lat, b.max_lon, b.max_lat, b.min_lon,
                           b.max_lat, b.min_lon, b.min_lat})
        out.append(reinterpret_cast<const char*>(&v), 8);
    return out;
}
}  // namespace

void PgStore::scan_parcel_shapes(size_t batch, const std::function<void(std::vector<ParcelShape>&)>& use) {
    ParcelShapeBatches out(batch, use);
    conn_.for_each_batch(
        parcel_shapes_sql("ST_AsBinary"),
        [&](const PgResult& r) {
            for (int i = 0; i < r.rows(); ++i) out.add(Row{r, i});
        },
        20000, true);
    out.finish();
}

void PgStore::replace_view_index(const std::vector<ViewIndexEntry>& rows, const BBox& extent,
                                 const std::string& key) {
    conn_.set_needed_role("parkatlas_editor", "building the view index");
    PgTransaction tx(conn_);
    // One builder at a time per schema (as an import); readers keep the old index until the commit.
    conn_.exec("SELECT pg_advisory_xact_lock(hashtext('parkatlas:' || $1))", {schema_});
    conn_.exec("TRUNCATE parcel_view");
    // The table's owner (the admin) loads it without its indexes and builds them after (a tenth of the time,
    // and a tighter tree); an editor, who may not drop them, loads it with them.
    bool rebuilt = false;
    conn_.exec("SAVEPOINT pa_view_indexes");
    try {
        conn_.exec("DROP INDEX parcel_view_bbox; DROP INDEX parcel_view_lod");
        rebuilt = true;
    } catch (const std::exception&) {
        conn_.exec("ROLLBACK TO SAVEPOINT pa_view_indexes");
    }
    // The rows go to a temporary table, then into the index with the parcels' first-stage columns beside
    // them.
    conn_.exec(
        "CREATE TEMP TABLE pa_view_in(parcel_id bigint, lod bigint, bbox geometry, tris bytea) ON COMMIT "
        "DROP");
    const std::string copy = "COPY pa_view_in(parcel_id, lod, bbox, tris) FROM STDIN";
    CopyRows out(CopyFormat::Binary);
    for (const auto& r : rows) {
        if (r.box.empty()) continue;  // no geometry: never in a view
        out.add(r.parcel_id).add(int64_t{r.level}).add(view_box_ewkb(r.box));
        if (r.tris.empty())
            out.null();
        else
            out.add(r.tris);
        out.end_row();
        if (out.data().size() > (64u << 20)) {
            conn_.copy_in(copy, out);
            out.clear();
        }
    }
    if (!out.data().empty()) conn_.copy_in(copy, out);
    const std::string lean = std::string(kPgLeanCols).substr(4);  // without "id, "
    const std::string p_lean = qualified(lean, "p.");
    // Coarse levels first: a far view reads the first pages of the table.
    conn_.exec("INSERT INTO parcel_view(parcel_id, lod, bbox, tris, " + lean +
               ") SELECT t.parcel_id, t.lod, t.bbox, t.tris, " + p_lean +
               " FROM pa_view_in t JOIN parcels p ON p.id = t.parcel_id ORDER BY t.lod DESC, t.parcel_id");
    if (rebuilt)
        conn_.exec(
            "CREATE INDEX parcel_view_bbox ON parcel_view USING gist(bbox); "
            "CREATE INDEX parcel_view_lod ON parcel_view(lod)");
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.9f,%.9f,%.9f,%.9f", extent.min_lon, extent.min_lat, extent.max_lon,
                  extent.max_lat);
    set_meta("view_index", key);
    set_meta("view_index_extent", buf);
    set_meta("view_index_parcels", std::to_string(rows.size()));
    tx.commit();
    conn_.exec("ANALYZE parcel_view");  // the planner then knows how selective a level is
}

ViewRead PgStore::load_parcels_view(const ViewQuery& q) {
    ViewRead out;
    if (q.limit) {  // grown in place, never copied (a far view: a hundred thousand parcels and more)
        out.parcels.reserve(q.limit + 1);
        out.boxes.reserve(q.limit + 1);
    }
    // A level's rows are few and contiguous (lod index), a close view's box is small (GiST): the planner
    // picks; the cursor is read to its end, so it is planned for all its rows, not the first ones.
    const std::string envelope = fmt::format("ST_MakeEnvelope({:.9f}, {:.9f}, {:.9f}, {:.9f})", q.box.min_lon,
                                             q.box.min_lat, q.box.max_lon, q.box.max_lat);
    const std::string level = q.min_level >= 0 ? " AND lod >= " + std::to_string(q.min_level) : std::string();
    const std::string limit = q.limit ? " LIMIT " + std::to_string(q.limit + 1) : std::string();
    const std::string where = " FROM parcels p JOIN parcel_view v ON v.parcel_id = p.id WHERE v.bbox && " +
                              envelope + level + " ORDER BY p.id" + limit;
    // A far view reads the index alone (its copy of the first-stage columns), unless zone rights filter the
    // parcels this user sees (row-level security applies to the parcels, so they are joined).
    const bool alone = !q.with_geometry && !conn_.row_security_applies("parcels");
    const std::string lean = std::string(kPgLeanCols).substr(4);  // without "id, "
    const std::string select =
        alone ? "SELECT parcel_id, " + lean +
                    ", ST_XMin(bbox), ST_YMin(bbox), ST_XMax(bbox), ST_YMax(bbox) FROM parcel_view WHERE "
                    "bbox && " +
                    envelope + level + " ORDER BY parcel_id" + limit
              : "SELECT " + qualified(kPgLeanCols, "p.") +
                    ", ST_XMin(v.bbox), ST_YMin(v.bbox), ST_XMax(v.bbox), " + "ST_YMax(v.bbox)" +
                    (q.with_geometry ? std::string(", ") + kPgRestCols + ", " +
                                           (has_planned_supply_date_ ? "planned_supply_date, " : "NULL, ") +
                                           "ST_AsBinary(p.geom), v.tris"
                                     : std::string()) +
                    where;
    conn_.exec("SET cursor_tuple_fraction = 1");
    conn_.for_each_batch(
        select,
        [&](const PgResult& r) {
            for (int i = 0; i < r.rows(); ++i) {
                Row st{r, i};
                Parcel p;
                const int c = read_lean_fields(st, p);
                const BBox b = read_box(st, c);
                if (q.with_geometry) {
                    read_rest_fields(st, c + 4, p);
                    const int tris = r.cols() - 1;
                    out.tris.push_back(st.is_null(tris) ? std::string() : st.blob(tris));
                }
                out.boxes.push_back(b);
                out.parcels.push_back(std::move(p));
            }
        },
        20000, true);
    out.cut(q.limit);
    return out;
}

}  // namespace pa::store
