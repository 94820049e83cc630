#include "core/store/workspace.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>
#include <system_error>
#include <thread>

#include "core/common/error.hpp"
#include "core/common/parallel.hpp"
#include "core/common/prefault.hpp"
#include "core/common/units.hpp"
#include "core/geo/wkb.hpp"
#include "core/store/bulk.hpp"
#include "core/store/lean_record.hpp"
#include "core/store/parcel_shapes.hpp"
#include "core/store/part_names.hpp"
#include "core/store/pg.hpp"
#include "core/store/pg_workspace.hpp"
#include "core/store/scenario_codes.hpp"

namespace pa::store {

namespace {

// The schema (kSchemaVersion; version 1 lacked the projects' evaluation columns, see migrate_to_v2). Geometry
// columns are registered with AddGeometryColumn (SRID 4490, CGCS2000 lon/lat) and carry an R*Tree spatial
// index so QGIS lists them as layers.
constexpr const char* kSchemaV1 = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE zones(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_zh TEXT, name_en TEXT, level TEXT NOT NULL, threshold_wan_per_mu REAL NOT NULL,
  industries TEXT, area_m2 REAL, area_mu REAL, import_id INTEGER, part_names TEXT);
CREATE TABLE parcels(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL, code_norm TEXT NOT NULL, layer TEXT NOT NULL, source_fid INTEGER,
  zone_code TEXT, location TEXT, landuse_code TEXT, landuse_name TEXT, landuse TEXT,
  declared_area_m2 REAL, declared_area_kind TEXT,
  area_m2 REAL NOT NULL, area_mu REAL NOT NULL, planar_area_m2 REAL, gk_zone INTEGER,
  plot_ratio REAL, supply_status TEXT,
  approval_date TEXT, reserve_date TEXT, supply_date TEXT, transfer_method TEXT, land_price_wan REAL,
  contract_start_date TEXT, contract_completion_date TEXT, supplement_start_date TEXT, exempt_reason TEXT,
  exempt_until TEXT, planned_supply_date TEXT,
  developed_share REAL, invested_share REAL, work_stopped_date TEXT, standard_land INTEGER,
  committed_invest_wan_per_mu REAL, committed_output_wan_per_mu REAL, committed_tax_wan_per_mu REAL,
  committed_plot_ratio REAL,
  centroid_lon REAL, centroid_lat REAL,
  -- ParcelStats, filled after the ledger join
  project_count INTEGER DEFAULT 0, invest_wan REAL, output_wan REAL, tax_wan REAL, jobs REAL,
  invest_wan_per_mu REAL, output_wan_per_mu REAL, tax_wan_per_mu REAL, jobs_per_mu REAL,
  threshold_wan_per_mu REAL, compliance TEXT, industry TEXT, stage TEXT, enterprise_kind TEXT,
  import_id INTEGER);
CREATE INDEX parcels_code_norm ON parcels(code_norm);
CREATE TABLE projects(
  id INTEGER PRIMARY KEY,
  project_id TEXT, name TEXT, enterprise TEXT, credit_code TEXT, zone_name TEXT, parcel_codes_raw TEXT,
  industry TEXT, enterprise_kind TEXT, stage TEXT,
  sign_date TEXT, planned_start_date TEXT, actual_start_date TEXT, planned_production_date TEXT,
  actual_production_date TEXT, work_stopped_date TEXT,
  total_invest_wan REAL, fixed_invest_wan REAL, funds_2021_wan REAL, funds_2022_wan REAL, funds_2023_wan REAL,
  land_area_mu REAL, output_wan REAL, tax_wan REAL, jobs REAL, energy_tce REAL,
  value_added_wan REAL, revenue_wan REAL, emission_t REAL, electricity_wan_kwh REAL, rd_wan REAL,
  floor_area_m2 REAL, above_scale INTEGER,
  quality_firm INTEGER, headquarters INTEGER, digital_economy INTEGER, central_soe INTEGER,
  lon REAL, lat REAL, source_row INTEGER, import_id INTEGER);
CREATE TABLE links(
  project_rowid INTEGER NOT NULL, parcel_id INTEGER NOT NULL, match TEXT NOT NULL,
  PRIMARY KEY(project_rowid, parcel_id));
CREATE TABLE problems(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, severity TEXT NOT NULL, layer TEXT, feature_id TEXT,
  lon REAL, lat REAL, message_zh TEXT, message_en TEXT, origin TEXT);
CREATE TABLE imports(
  id INTEGER PRIMARY KEY, time TEXT, kind TEXT, source_path TEXT, layer TEXT, driver TEXT, crs TEXT,
  encoding TEXT, feature_count INTEGER, stored_count INTEGER, problem_count INTEGER, note TEXT);
-- Renderer caches (triangulated meshes etc.), keyed by what they were built from.
CREATE TABLE render_cache(key TEXT PRIMARY KEY, created TEXT, data BLOB);
-- Planning scenarios (scenarios.cpp; a workspace made before them gets them on the first save).
CREATE TABLE scenarios(name TEXT PRIMARY KEY, created TEXT, changed TEXT, created_by TEXT,
  version INTEGER NOT NULL, solved INTEGER, optimal INTEGER, objective REAL, pipeline_source TEXT, pipeline TEXT);
CREATE TABLE scenario_assignments(scenario TEXT NOT NULL, project_id TEXT NOT NULL, parcel_codes TEXT NOT NULL,
  zone TEXT, area_mu REAL, score REAL, score_parts TEXT, energy_tce REAL, invest_wan REAL, output_wan REAL,
  tax_wan REAL, locked INTEGER, PRIMARY KEY(scenario, project_id));
-- The meeting room's storyboard and context layers (storyboard.cpp, references.cpp), the audit (audit.cpp); a
-- workspace made before them gets each on its first write.
CREATE TABLE storyboard(id INTEGER PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL UNIQUE,
  view TEXT NOT NULL);
CREATE TABLE reference_layers(id INTEGER PRIMARY KEY, layer TEXT NOT NULL, source_path TEXT, style TEXT,
  label TEXT, geom_wkb BLOB NOT NULL);
CREATE INDEX reference_layers_layer ON reference_layers(layer);
CREATE TABLE basemaps(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, path TEXT NOT NULL, scheme TEXT,
  opacity REAL, grey INTEGER);
CREATE TABLE audit(id INTEGER PRIMARY KEY, time TEXT NOT NULL, db_user TEXT, os_user TEXT, action TEXT NOT NULL,
  object TEXT, detail TEXT);
SELECT AddGeometryColumn('zones', 'geom', 4490, 'MULTIPOLYGON', 'XY');
SELECT CreateSpatialIndex('zones', 'geom');
SELECT AddGeometryColumn('parcels', 'geom', 4490, 'MULTIPOLYGON', 'XY');
SELECT CreateSpatialIndex('parcels', 'geom');
SELECT AddGeometryColumn('projects', 'geom', 4490, 'POINT', 'XY');
SELECT CreateSpatialIndex('projects', 'geom');
SELECT AddGeometryColumn('problems', 'geom', 4490, 'POINT', 'XY');
)SQL";

// Version 1 -> 2: the ledger's evaluation figures and the parcels' exemption end. Columns added at the end of
// their tables (SQLite's ALTER TABLE ADD COLUMN rewrites nothing), each only when missing, in one transaction
// with the version.
struct AddedColumn {
    const char* table;
    const char* column;
    const char* type;
};
// Version 2 -> 3: the parcels' planned supply date (计划供地日期), the same way.
constexpr AddedColumn kAddedColumns[] = {
    {"projects", "value_added_wan", "REAL"},
    {"projects", "revenue_wan", "REAL"},
    {"projects", "emission_t", "REAL"},
    {"projects", "electricity_wan_kwh", "REAL"},
    {"projects", "rd_wan", "REAL"},
    {"projects", "floor_area_m2", "REAL"},
    {"projects", "above_scale", "INTEGER"},
    {"parcels", "exempt_until", "TEXT"},
    {"parcels", "planned_supply_date", "TEXT"},
    {"zones", "part_names", "TEXT"},  // schema 4
};

bool has_column(Db& db, const char* table, const char* column) {
    auto st = db.prepare(std::string("SELECT count(*) FROM pragma_table_info('") + table + "') WHERE name=?");
    st.bind(1, column);
    return st.step() && st.int64(0) > 0;
}

bool is_parkatlas(Db& db) {
    if (!db.has_table("meta")) return false;
    auto m = db.prepare("SELECT value FROM meta WHERE key='application'");
    return m.step() && m.text(0) == "parkatlas";
}

std::string s(const Stmt& st, int c) {
    return st.text(c);
}

}  // namespace

Workspace Workspace::open(const std::string& path, bool read_only) {
    if (is_postgres_target(path)) return open_postgres(path, read_only, false);
    if (!std::filesystem::exists(path)) {
        throw WorkspaceError("The workspace '" + path +
                             "' does not exist; create it with: parkatlas import -w " + path +
                             " --zones … --parcels …");
    }
    // An import killed in the middle leaves a hot rollback journal (the bulk write runs in
    // journal_mode=DELETE). A read-only connection cannot roll it back and would see no tables: roll it back
    // first through a short read-write connection (when the file is writable), so every command sees the
    // workspace as it was.
    std::error_code ec;
    if (read_only && std::filesystem::exists(path + "-journal", ec) &&
        std::filesystem::file_size(path + "-journal", ec) > 0) {
        try {
            Db rw(path, Db::Mode::ReadWrite, false);
            auto st = rw.prepare("SELECT count(*) FROM sqlite_master");  // the first read replays the journal
            st.step();
        } catch (const std::exception&) {
            // Not writable: the read-only open below reports what it can.
        }
    }
    Db db(path, read_only ? Db::Mode::ReadOnly : Db::Mode::ReadWrite);
    bool ok = false;
    try {
        ok = is_parkatlas(db);
    } catch (const InternalError&) {
        ok =
            false;  // a database without our tables; read-only, damaged or busy files say so (WorkspaceError)
    } catch (const WorkspaceError&) {
        if (!read_only || ::access(std::filesystem::path(path).parent_path().empty()
                                       ? "."
                                       : std::filesystem::path(path).parent_path().c_str(),
                                   W_OK) == 0)
            throw;
        // A WAL workspace in a folder the user may not write (a shared read-only drive): SQLite cannot create
        // the -shm file. Reading it as immutable works, since a writer would need that folder too.
        db = Db(path, Db::Mode::Immutable);
        ok = is_parkatlas(db);
    }
    if (!ok)
        throw WorkspaceError("'" + path + "' is not a ParkAtlas workspace (no ParkAtlas metadata in it).");
    Workspace ws(std::move(db), read_only);
    int version = std::atoi(ws.meta("schema_version").c_str());
    if (version > kSchemaVersion) {
        throw WorkspaceError("The workspace '" + path + "' has schema version " + std::to_string(version) +
                             ", newer than this ParkAtlas understands (" + std::to_string(kSchemaVersion) +
                             "); update ParkAtlas.");
    }
    // Schema 2's and 3's columns: added when missing (opened for writing), else read as NULL (read-only).
    std::vector<const AddedColumn*> missing;
    for (const auto& c : kAddedColumns)
        if (!has_column(ws.db_, c.table, c.column)) missing.push_back(&c);
    if (!missing.empty() || version < kSchemaVersion) {
        if (read_only) {
            for (const auto* c : missing)
                (std::string(c->column) == "exempt_until"          ? ws.has_exempt_until_
                 : std::string(c->column) == "planned_supply_date" ? ws.has_planned_supply_date_
                 : std::string(c->column) == "part_names"          ? ws.has_zone_part_names_
                                                                   : ws.has_evaluation_columns_) = false;
        } else {
            Transaction tx(ws.db_);
            for (const auto* c : missing)
                ws.db_.exec(std::string("ALTER TABLE ") + c->table + " ADD COLUMN " + c->column + " " +
                            c->type);
            ws.set_meta("schema_version", std::to_string(kSchemaVersion));
            tx.commit();
        }
    }
    if (!read_only) ws.db_.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    return ws;
}

Workspace Workspace::open_or_create(const std::string& path) {
    if (is_postgres_target(path)) return open_postgres(path, false, true);
    if (std::filesystem::exists(path)) return open(path, false);
    Db db(path, Db::Mode::Create);
    Workspace ws(std::move(db), false);
    // 16 KB pages (SQLite's default is 4 KB): a workspace is written in bulk and read in long scans; a
    // million parcels then take 0.5-1 s less to store, with a quarter of the write calls.
    ws.db_.exec("PRAGMA page_size=16384");
    ws.db_.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    ws.create_schema();
    return ws;
}

void Workspace::create_schema() {
    // InitSpatialMetadata(1) runs in its own transaction, so it comes before ours.
    // Only CGCS2000 (EPSG:4490), the one CRS of every geometry column, in spatial_ref_sys: the full EPSG
    // table would add 6 MB and 45 ms to every new workspace.
    db_.exec("SELECT InitSpatialMetadata(1, 'NONE')");
    db_.exec("SELECT InsertEpsgSrid(4490)");
    Transaction tx(db_);
    db_.exec(kSchemaV1);
    set_meta("application", "parkatlas");
    set_meta("schema_version", std::to_string(kSchemaVersion));
    tx.commit();
}

Workspace Workspace::open_postgres(const std::string& target, bool read_only, bool create) {
    Workspace ws(Db(), read_only);
    ws.pg_ = std::make_shared<PgStore>(target, read_only, create, pg_schema(target));
    return ws;
}

const std::string& Workspace::path() const {
    return pg_ ? pg_->display() : db_.path();
}

Workspace::~Workspace() {
    if (db_.handle() && !read_only_) {
        try {
            db_.checkpoint();
        } catch (...) {
        }
    }
}

std::string Workspace::meta(const std::string& key) {
    if (pg_) return pg_->meta(key);
    auto st = db_.prepare("SELECT value FROM meta WHERE key=?");
    st.bind(1, key);
    return st.step() ? st.text(0) : std::string();
}

void Workspace::set_meta(const std::string& key, const std::string& value) {
    if (pg_) return pg_->set_meta(key, value);
    auto st = db_.prepare(
        "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    st.bind(1, key).bind(2, value).run();
}

std::vector<Zone> Workspace::load_zones(bool with_geom) {
    if (pg_) return pg_->load_zones(with_geom);
    std::vector<Zone> out;
    auto st =
        db_.prepare(std::string("SELECT id, code, name_zh, name_en, level, threshold_wan_per_mu, industries, "
                                "area_m2, ") +
                    (with_geom ? "AsBinary(geom)" : "NULL") +
                    (has_zone_part_names_ ? ", part_names" : ", NULL") + " FROM zones ORDER BY code");
    while (st.step()) {
        Zone z;
        z.id = st.int64(0);
        z.code = s(st, 1);
        z.name_zh = s(st, 2);
        z.name_en = s(st, 3);
        z.level = zone_level_from_string(s(st, 4)).value_or(ZoneLevel::Provincial);
        z.threshold_wan_per_mu = st.real(5);
        z.industries = s(st, 6);
        z.area_m2 = st.real(7);
        if (with_geom && !st.is_null(8)) z.geom = geo::multipolygon_from_wkb(st.blob(8));
        if (!st.is_null(9)) z.part_names = decode_part_names(s(st, 9));
        out.push_back(std::move(z));
    }
    return out;
}

namespace {
// The columns load_parcels reads, in read_parcel_row's order; the geometry column (or its stand-in) follows.
constexpr const char* kParcelSelect =
    "SELECT id, code, code_norm, layer, source_fid, zone_code, location, landuse_code, landuse_name, "
    "landuse, declared_area_m2, declared_area_kind, area_m2, area_mu, planar_area_m2, gk_zone, "
    "plot_ratio, supply_status, approval_date, reserve_date, supply_date, transfer_method, "
    "land_price_wan, contract_start_date, contract_completion_date, supplement_start_date, "
    "exempt_reason, developed_share, invested_share, work_stopped_date, standard_land, "
    "committed_invest_wan_per_mu, committed_output_wan_per_mu, committed_tax_wan_per_mu, "
    "committed_plot_ratio, centroid_lon, centroid_lat, "
    "project_count, invest_wan, output_wan, tax_wan, jobs, invest_wan_per_mu, output_wan_per_mu, "
    "tax_wan_per_mu, jobs_per_mu, threshold_wan_per_mu, compliance, industry, stage, "
    "enterprise_kind, ";
constexpr int kParcelExemptUntilCol = 51;    // "exempt_until, " (schema 2) or "NULL, " is appended first
constexpr int kParcelPlannedSupplyCol = 52;  // then "planned_supply_date, " (schema 3) or "NULL, "
constexpr int kParcelGeomCol = 53;

double le_double(const unsigned char* b) {
    double v;
    std::memcpy(&v, b, sizeof v);
    return v;
}
}  // namespace

namespace {
// The columns of load_parcels_lean (then the blob header) and of read_parcels_rest (then the geometry):
// together every column of kParcelSelect.
constexpr const char* kParcelLeanSelect =
    "SELECT id, code, zone_code, landuse, area_m2, area_mu, supply_status, centroid_lon, centroid_lat, "
    "project_count, invest_wan, output_wan, tax_wan, jobs, invest_wan_per_mu, output_wan_per_mu, "
    "tax_wan_per_mu, jobs_per_mu, threshold_wan_per_mu, compliance, industry, stage, enterprise_kind, "
    "substr(geom, 1, 38) FROM parcels WHERE id BETWEEN ? AND ? ORDER BY id";
constexpr int kParcelLeanBoxCol = 23;
constexpr const char* kParcelRestSelect =
    "SELECT id, code_norm, layer, source_fid, location, landuse_code, landuse_name, declared_area_m2, "
    "declared_area_kind, planar_area_m2, gk_zone, plot_ratio, approval_date, reserve_date, supply_date, "
    "transfer_method, land_price_wan, contract_start_date, contract_completion_date, supplement_start_date, "
    "exempt_reason, developed_share, invested_share, work_stopped_date, standard_land, "
    "committed_invest_wan_per_mu, committed_output_wan_per_mu, committed_tax_wan_per_mu, "
    "committed_plot_ratio, ";  // then exempt_until (or NULL before schema 2), planned_supply_date (or NULL
                               // before schema 3), the geometry and the range
constexpr const char* kParcelRestTail = ", AsBinary(geom) FROM parcels WHERE id BETWEEN ? AND ? ORDER BY id";
constexpr int kParcelRestExemptUntilCol = 29;
constexpr int kParcelRestPlannedSupplyCol = 30;
constexpr int kParcelRestGeomCol = 31;

// Text only when the column has some (no string built for NULL or '').
void text_into(const Stmt& st, int c, std::string& out) {
    if (!st.is_null(c)) out = st.text(c);
}
void text_into(const Stmt& st, int c, InternedString& out) {
    if (!st.is_null(c)) out = st.text_view(c);
}
void text_into(const Stmt& st, int c, IsoDate& out) {
    if (!st.is_null(c)) out = IsoDate(st.text(c));
}

// The ParcelStats columns from `c` on (project_count ... enterprise_kind); returns the next column.
int read_stats(const Stmt& st, int c, ParcelStats& ps) {
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
    const std::string comp = s(st, c++);
    ps.compliance = comp == "meets"    ? Compliance::Meets
                    : comp == "below"  ? Compliance::Below
                    : comp == "nodata" ? Compliance::NoData
                                       : Compliance::NotApplicable;
    text_into(st, c++, ps.industry);
    text_into(st, c++, ps.stage);
    text_into(st, c++, ps.enterprise_kind);
    return c;
}

// The box of a SpatiaLite blob header (0x00, endianness, SRID, then the MBR as four doubles); empty for NULL.
BBox header_box(const Stmt& st, int c, int64_t id, const std::string& path) {
    BBox b;
    if (st.is_null(c)) return b;
    const std::string h = st.blob(c);
    const auto* u = reinterpret_cast<const unsigned char*>(h.data());
    if (h.size() != 38 || u[0] != 0x00 || u[1] != 0x01)
        throw WorkspaceError("The geometry of parcel " + std::to_string(id) + " in '" + path +
                             "' is not a little-endian SpatiaLite blob; re-import the parcels.");
    b.expand(LonLat{le_double(u + 6), le_double(u + 14)});
    b.expand(LonLat{le_double(u + 22), le_double(u + 30)});
    return b;
}
}  // namespace

namespace {

// One enum column parsed through a one-entry memo: the values repeat (a handful of codes over a million
// rows).
template <class E>
struct EnumMemo {
    using Parse = std::optional<E> (*)(const std::string&);
    EnumMemo(Parse p, E fb) : parse(p), fallback(fb) {}
    Parse parse;
    E fallback;
    std::string last;
    E last_value{};
    bool has = false;
    E operator()(std::string_view v) {
        if (!has || v != last) {
            last.assign(v);
            last_value = parse(last).value_or(fallback);
            has = true;
        }
        return last_value;
    }
};

// One row of kParcelLeanSelect's columns (before the box).
void read_lean_row(const Stmt& st, Parcel& p, EnumMemo<LandUse>& landuse, EnumMemo<SupplyStatus>& supply) {
    int c = 0;
    p.id = st.int64(c++);
    text_into(st, c++, p.code);
    text_into(st, c++, p.zone_code);
    p.landuse = landuse(st.text_view(c++));
    p.area_m2 = st.real(c++);
    p.area_mu = st.real(c++);
    p.supply_status = supply(st.text_view(c++));
    p.centroid_lon = st.real(c++);
    p.centroid_lat = st.real(c++);
    read_stats(st, c, p.stats);
}

// Reads the lean rows with id in [first_id, last_id] into parcels[0 ...] and boxes[0 ...]; returns the number
// read (stops at `capacity` rows).
size_t read_lean_rows(Db& db, int64_t first_id, int64_t last_id, Parcel* parcels, BBox* boxes,
                      size_t capacity) {
    auto st = db.prepare(kParcelLeanSelect);
    st.bind(1, first_id).bind(2, last_id);
    EnumMemo<LandUse> landuse(&land_use_from_string, LandUse::Other);
    EnumMemo<SupplyStatus> supply(&supply_status_from_string, SupplyStatus::Unknown);
    size_t n = 0;
    while (n < capacity && st.step()) {
        Parcel& p = parcels[n];
        read_lean_row(st, p, landuse, supply);
        boxes[n] = header_box(st, kParcelLeanBoxCol, p.id, db.path());
        ++n;
    }
    return n;
}

}  // namespace

namespace {

// How many slices a read of n rows is split into: at least `rows_per_slice` rows each, at most 8 and one per
// hardware thread less `spare` (left to the threads working beside the read); below 1000 rows per slice, as
// tests ask, up to 64.
size_t slice_count(size_t n, size_t rows_per_slice, size_t spare) {
    const size_t hw = std::max(1u, std::thread::hardware_concurrency());
    const size_t max_slices =
        rows_per_slice < 1000 ? 64 : std::clamp<size_t>(hw > spare ? hw - spare : 1, 1, 8);
    return std::clamp<size_t>(n / std::max<size_t>(rows_per_slice, 1), 1, max_slices);
}

// Runs read(db, k) for k in [0, slices): slice 0 on `db` in this thread, the others each on a read-only
// connection of their own (with SpatiaLite loaded when the query needs its functions) in a thread of their
// own; rethrows the first error once all are done.
void run_sliced(Db& db, size_t slices, bool spatialite, const std::function<void(Db&, size_t)>& read) {
    std::vector<std::exception_ptr> errors(slices);
    {
        std::vector<std::jthread> threads;
        for (size_t k = 1; k < slices; ++k)
            threads.emplace_back([&, k] {
                try {
                    Db own(db.path(), Db::Mode::ReadOnly, spatialite);
                    read(own, k);
                } catch (...) {
                    errors[k] = std::current_exception();
                }
            });
        try {
            read(db, 0);
        } catch (...) {
            errors[0] = std::current_exception();
        }
    }
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
}

WorkspaceError changed_while_reading(const Db& db) {
    return WorkspaceError("The parcels of '" + db.path() +
                          "' changed while they were being read; open the workspace again.");
}

}  // namespace

std::vector<Parcel> Workspace::load_parcels_lean(std::vector<BBox>& boxes, size_t rows_per_slice) {
    lean_from_record_ = false;
    if (lean_record_usable()) {  // the compact record of the last open, when the parcels have not changed
                                 // since
        const std::string key = lean_record_key();
        std::vector<Parcel> out;
        if (cache_key(kLeanRecordPrefix) == key && read_cache(key, [&](std::string_view blob) {
                return deserialize_lean(blob, out, boxes, std::max(1u, std::thread::hardware_concurrency()));
            })) {
            lean_from_record_ = true;
            return out;
        }
    }
    if (pg_) return pg_->load_parcels_lean(boxes);
    size_t n = 0;
    int64_t min_id = 0, max_id = -1;
    {
        auto st = db_.prepare("SELECT count(*), min(id), max(id) FROM parcels");
        if (st.step() && !st.is_null(1)) {
            n = static_cast<size_t>(st.int64(0));
            min_id = st.int64(1);
            max_id = st.int64(2);
        }
    }
    const size_t hw = std::max(1u, std::thread::hardware_concurrency());
    std::vector<Parcel> out;
    out.reserve(n);
    prefault_pages(out.data(), n * sizeof(Parcel), static_cast<unsigned>(std::min<size_t>(hw, 8)));
    out.resize(n);
    boxes.assign(n, BBox{});
    // A million rows take seconds on one core: the id range is read in slices, each on its own connection and
    // thread, straight into its part of `out` (rows are ordered by id, so slice k starts at row k*n/K; its
    // first id comes from the rowid b-tree).
    const size_t slices = slice_count(n, rows_per_slice, 0);
    std::vector<size_t> first_row(slices + 1, n);
    std::vector<int64_t> first_id(slices + 1, max_id + 1);
    first_row[0] = 0;
    first_id[0] = min_id;
    {
        auto st = db_.prepare("SELECT id FROM parcels ORDER BY id LIMIT 1 OFFSET ?");
        for (size_t k = 1; k < slices; ++k) {
            first_row[k] = n * k / slices;
            st.reset();
            st.bind(1, static_cast<int64_t>(first_row[k]));
            if (!st.step()) throw changed_while_reading(db_);
            first_id[k] = st.int64(0);
        }
    }
    std::vector<size_t> got(slices, 0);
    run_sliced(db_, slices, false, [&](Db& db, size_t k) {
        got[k] = read_lean_rows(db, first_id[k], first_id[k + 1] - 1, out.data() + first_row[k],
                                boxes.data() + first_row[k], first_row[k + 1] - first_row[k]);
    });
    for (size_t k = 0; k < slices; ++k)
        if (got[k] != first_row[k + 1] - first_row[k]) throw changed_while_reading(db_);
    return out;
}

namespace {

// Reads the rest columns and the geometry of parcels[0, count) (ids ascending, as stored) from `db`; throws
// when the stored rows in that id range are not exactly those parcels.
void read_rest_rows(Db& db, Parcel* parcels, size_t count, bool has_exempt_until, bool has_planned_supply) {
    if (count == 0) return;
    auto st = db.prepare(std::string(kParcelRestSelect) + (has_exempt_until ? "exempt_until, " : "NULL, ") +
                         (has_planned_supply ? "planned_supply_date" : "NULL") + kParcelRestTail);
    st.bind(1, parcels[0].id).bind(2, parcels[count - 1].id);
    size_t i = 0;
    for (; st.step(); ++i) {
        if (i >= count || parcels[i].id != st.int64(0)) throw changed_while_reading(db);
        Parcel& p = parcels[i];
        int c = 1;
        text_into(st, c++, p.code_norm);
        text_into(st, c++, p.layer);
        p.source_fid = st.int64(c++);
        text_into(st, c++, p.location);
        text_into(st, c++, p.landuse_code);
        text_into(st, c++, p.landuse_name);
        p.declared_area_m2 = st.opt_real(c++);
        text_into(st, c++, p.declared_area_kind);
        p.planar_area_m2 = st.real(c++);
        p.gk_zone = static_cast<int>(st.int64(c++));
        p.plot_ratio = st.opt_real(c++);
        text_into(st, c++, p.approval_date);
        text_into(st, c++, p.reserve_date);
        text_into(st, c++, p.supply_date);
        text_into(st, c++, p.transfer_method);
        p.land_price_wan = st.opt_real(c++);
        text_into(st, c++, p.contract_start_date);
        text_into(st, c++, p.contract_completion_date);
        text_into(st, c++, p.supplement_start_date);
        text_into(st, c++, p.exempt_reason);
        p.developed_share = st.opt_real(c++);
        p.invested_share = st.opt_real(c++);
        text_into(st, c++, p.work_stopped_date);
        p.standard_land = st.int64(c++) != 0;
        p.committed_invest_wan_per_mu = st.opt_real(c++);
        p.committed_output_wan_per_mu = st.opt_real(c++);
        p.committed_tax_wan_per_mu = st.opt_real(c++);
        p.committed_plot_ratio = st.opt_real(c++);
        text_into(st, kParcelRestExemptUntilCol, p.exempt_until);
        text_into(st, kParcelRestPlannedSupplyCol, p.planned_supply_date);
        if (!st.is_null(kParcelRestGeomCol))
            p.geom = geo::multipolygon_from_wkb(st.blob_view(kParcelRestGeomCol));
    }
    if (i != count) throw changed_while_reading(db);
}

}  // namespace

void Workspace::read_parcels_rest(std::vector<Parcel>& parcels, size_t rows_per_slice) {
    if (pg_) return pg_->read_parcels_rest(parcels);
    // The ids must ascend (as load_parcels_lean returns them): each slice is an id range.
    for (size_t i = 1; i < parcels.size(); ++i)
        if (parcels[i - 1].id >= parcels[i].id) throw changed_while_reading(db_);
    {
        auto st = db_.prepare("SELECT count(*) FROM parcels");
        if (!st.step() || static_cast<size_t>(st.int64(0)) != parcels.size())
            throw changed_while_reading(db_);
    }
    // Stage 2 of an open runs beside the ledger read and the UI thread's first frames: two threads are left
    // to them (on 2 cores this reads in one slice, as measured best there).
    const size_t n = parcels.size(), slices = slice_count(n, rows_per_slice, 2);
    run_sliced(db_, slices, true, [&](Db& db, size_t k) {  // AsBinary() is SpatiaLite's
        const size_t r0 = n * k / slices, r1 = n * (k + 1) / slices;
        read_rest_rows(db, parcels.data() + r0, r1 - r0, has_exempt_until_, has_planned_supply_date_);
    });
}

void Workspace::read_parcel_row(const Stmt& st, Parcel& p) {
    int c = 0;
    p.id = st.int64(c++);
    p.code = s(st, c++);
    p.code_norm = s(st, c++);
    p.layer = s(st, c++);
    p.source_fid = st.int64(c++);
    p.zone_code = s(st, c++);
    p.location = s(st, c++);
    p.landuse_code = s(st, c++);
    p.landuse_name = s(st, c++);
    p.landuse = land_use_from_string(s(st, c++)).value_or(LandUse::Other);
    p.declared_area_m2 = st.opt_real(c++);
    p.declared_area_kind = s(st, c++);
    p.area_m2 = st.real(c++);
    p.area_mu = st.real(c++);
    p.planar_area_m2 = st.real(c++);
    p.gk_zone = static_cast<int>(st.int64(c++));
    p.plot_ratio = st.opt_real(c++);
    p.supply_status = supply_status_from_string(s(st, c++)).value_or(SupplyStatus::Unknown);
    p.approval_date = s(st, c++);
    p.reserve_date = s(st, c++);
    p.supply_date = s(st, c++);
    p.transfer_method = s(st, c++);
    p.land_price_wan = st.opt_real(c++);
    p.contract_start_date = s(st, c++);
    p.contract_completion_date = s(st, c++);
    p.supplement_start_date = s(st, c++);
    p.exempt_reason = s(st, c++);
    p.developed_share = st.opt_real(c++);
    p.invested_share = st.opt_real(c++);
    p.work_stopped_date = s(st, c++);
    p.standard_land = st.int64(c++) != 0;
    p.committed_invest_wan_per_mu = st.opt_real(c++);
    p.committed_output_wan_per_mu = st.opt_real(c++);
    p.committed_tax_wan_per_mu = st.opt_real(c++);
    p.committed_plot_ratio = st.opt_real(c++);
    p.centroid_lon = st.real(c++);
    p.centroid_lat = st.real(c++);
    read_stats(st, c, p.stats);
}

std::vector<Parcel> Workspace::load_parcels(bool with_geom) {
    if (pg_) return pg_->load_parcels(with_geom);
    std::vector<Parcel> out;
    auto st = db_.prepare(std::string(kParcelSelect) + (has_exempt_until_ ? "exempt_until, " : "NULL, ") +
                          (has_planned_supply_date_ ? "planned_supply_date, " : "NULL, ") +
                          (with_geom ? "AsBinary(geom)" : "NULL") + " FROM parcels ORDER BY id");
    while (st.step()) {
        Parcel p;
        read_parcel_row(st, p);
        if (!st.is_null(kParcelExemptUntilCol)) p.exempt_until = st.text(kParcelExemptUntilCol);
        if (!st.is_null(kParcelPlannedSupplyCol)) p.planned_supply_date = st.text(kParcelPlannedSupplyCol);
        if (with_geom && !st.is_null(kParcelGeomCol))
            p.geom = geo::multipolygon_from_wkb(st.blob(kParcelGeomCol));
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Project> Workspace::load_projects() {
    if (pg_) return pg_->load_projects();
    std::vector<Project> out;
    auto st = db_.prepare(
        "SELECT id, project_id, name, enterprise, credit_code, zone_name, parcel_codes_raw, industry, "
        "enterprise_kind, stage, sign_date, planned_start_date, actual_start_date, planned_production_date, "
        "actual_production_date, work_stopped_date, total_invest_wan, fixed_invest_wan, funds_2021_wan, "
        "funds_2022_wan, funds_2023_wan, land_area_mu, output_wan, tax_wan, jobs, energy_tce, quality_firm, "
        "headquarters, digital_economy, central_soe, lon, lat, source_row, " +
        std::string(has_evaluation_columns_
                        ? "value_added_wan, revenue_wan, emission_t, electricity_wan_kwh, rd_wan, "
                          "floor_area_m2, above_scale"
                        : "NULL, NULL, NULL, NULL, NULL, NULL, NULL") +
        " FROM projects ORDER BY id");
    while (st.step()) {
        Project p;
        int c = 0;
        p.id = st.int64(c++);
        p.project_id = s(st, c++);
        p.name = s(st, c++);
        p.enterprise = s(st, c++);
        p.credit_code = s(st, c++);
        p.zone_name = s(st, c++);
        p.parcel_codes_raw = s(st, c++);
        p.industry = s(st, c++);
        p.enterprise_kind = s(st, c++);
        p.stage = s(st, c++);
        p.sign_date = s(st, c++);
        p.planned_start_date = s(st, c++);
        p.actual_start_date = s(st, c++);
        p.planned_production_date = s(st, c++);
        p.actual_production_date = s(st, c++);
        p.work_stopped_date = s(st, c++);
        p.total_invest_wan = st.opt_real(c++);
        p.fixed_invest_wan = st.opt_real(c++);
        p.funds_2021_wan = st.opt_real(c++);
        p.funds_2022_wan = st.opt_real(c++);
        p.funds_2023_wan = st.opt_real(c++);
        p.land_area_mu = st.opt_real(c++);
        p.output_wan = st.opt_real(c++);
        p.tax_wan = st.opt_real(c++);
        p.jobs = st.opt_real(c++);
        p.energy_tce = st.opt_real(c++);
        p.quality_firm = st.int64(c++) != 0;
        p.headquarters = st.int64(c++) != 0;
        p.digital_economy = st.int64(c++) != 0;
        p.central_soe = st.int64(c++) != 0;
        p.lon = st.opt_real(c++);
        p.lat = st.opt_real(c++);
        p.source_row = st.int64(c++);
        p.value_added_wan = st.opt_real(c++);
        p.revenue_wan = st.opt_real(c++);
        p.emission_t = st.opt_real(c++);
        p.electricity_wan_kwh = st.opt_real(c++);
        p.rd_wan = st.opt_real(c++);
        p.floor_area_m2 = st.opt_real(c++);
        if (!st.is_null(c)) p.above_scale = st.int64(c) != 0;
        ++c;
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Link> Workspace::load_links() {
    if (pg_) return pg_->load_links();
    std::vector<Link> out;
    auto st =
        db_.prepare("SELECT project_rowid, parcel_id, match FROM links ORDER BY project_rowid, parcel_id");
    while (st.step()) out.push_back(Link{st.int64(0), st.int64(1), st.text(2)});
    return out;
}

std::vector<Problem> Workspace::load_problems() {
    if (pg_) return pg_->load_problems();
    std::vector<Problem> out;
    auto st = db_.prepare(
        "SELECT kind, severity, layer, feature_id, lon, lat, message_zh, message_en FROM problems ORDER BY "
        "id");
    while (st.step()) {
        Problem p;
        p.kind = st.text(0);
        std::string sev = st.text(1);
        p.severity = sev == "error" ? Severity::Error : sev == "warning" ? Severity::Warning : Severity::Info;
        p.layer = st.text(2);
        p.id = st.text(3);
        p.lon = st.real(4);
        p.lat = st.real(5);
        p.message_zh = st.text(6);
        p.message_en = st.text(7);
        out.push_back(std::move(p));
    }
    return out;
}

namespace {

Stmt& bind_text_or_null(Stmt& st, int i, const std::string& v) {
    return v.empty() ? st.bind(i, nullptr) : st.bind(i, v);
}

// The derived columns of a parcel, bound from `first` on (14 values, in the order of kDerivedCols).
constexpr const char* kDerivedCols =
    "zone_code, project_count, invest_wan, output_wan, tax_wan, jobs, invest_wan_per_mu, output_wan_per_mu, "
    "tax_wan_per_mu, jobs_per_mu, threshold_wan_per_mu, compliance, industry, stage, enterprise_kind";
constexpr int kDerivedCount = 15;

void bind_derived(Stmt& st, int first, const Parcel& p) {
    const ParcelStats& s = p.stats;
    int c = first;
    bind_text_or_null(st, c++, p.zone_code);
    st.bind(c++, s.project_count);
    st.bind(c++, s.invest_wan);
    st.bind(c++, s.output_wan);
    st.bind(c++, s.tax_wan);
    st.bind(c++, s.jobs);
    st.bind(c++, s.invest_wan_per_mu);
    st.bind(c++, s.output_wan_per_mu);
    st.bind(c++, s.tax_wan_per_mu);
    st.bind(c++, s.jobs_per_mu);
    st.bind(c++, s.threshold_wan_per_mu);
    st.bind(c++, to_string(s.compliance));
    bind_text_or_null(st, c++, s.industry);
    bind_text_or_null(st, c++, s.stage);
    bind_text_or_null(st, c++, s.enterprise_kind);
}

/// SpatiaLite's own conversion, for the odd geometry the direct blob writer leaves to it (a polygon with no
/// ring).
class SlowBlob {
  public:
    explicit SlowBlob(Db& db) : db_(db) {}
    std::string multipolygon(const MultiPolygon& mp) {
        if (!st_) st_.emplace(db_.prepare("SELECT CastToMultiPolygon(GeomFromWKB(?, 4490))"));
        std::string wkb = geo::wkb_from_multipolygon(mp);
        st_->bind_blob(1, wkb.data(), wkb.size());
        std::string out = st_->step() && !st_->is_null(0) ? st_->blob(0) : std::string();
        st_->reset();
        return out;
    }

  private:
    Db& db_;
    std::optional<Stmt> st_;
};

std::string placeholders(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

}  // namespace

int64_t Workspace::log_import(const ImportLogEntry& e) {
    audit("import", e.kind,
          e.source_path + (e.layer.empty() ? "" : "::" + e.layer) + ": " + std::to_string(e.stored_count) +
              " of " + std::to_string(e.feature_count) + " stored, " + std::to_string(e.problem_count) +
              " problems");
    if (pg_) return pg_->log_import(e);
    auto st = db_.prepare(
        "INSERT INTO imports(time, kind, source_path, layer, driver, crs, encoding, feature_count, "
        "stored_count, "
        "problem_count, note) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, utc_timestamp())
        .bind(2, e.kind)
        .bind(3, e.source_path)
        .bind(4, e.layer)
        .bind(5, e.driver)
        .bind(6, e.crs);
    st.bind(7, e.encoding)
        .bind(8, e.feature_count)
        .bind(9, e.stored_count)
        .bind(10, e.problem_count)
        .bind(11, e.note);
    st.run();
    return db_.last_insert_rowid();
}

void Workspace::replace_zones(const std::vector<Zone>& zones, int64_t import_id) {
    if (pg_) return pg_->replace_zones(zones, import_id);
    db_.exec("DELETE FROM zones");
    auto st = db_.prepare(
        "INSERT INTO zones(code, name_zh, name_en, level, threshold_wan_per_mu, industries, area_m2, "
        "area_mu, import_id, geom, part_names) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "CastToMultiPolygon(GeomFromWKB(?, 4490)), ?)");
    for (const auto& z : zones) {
        std::string wkb = geo::wkb_from_multipolygon(z.geom);
        st.bind(1, z.code).bind(2, z.name_zh).bind(3, z.name_en).bind(4, to_string(z.level));
        st.bind(5, z.threshold_wan_per_mu)
            .bind(6, z.industries)
            .bind(7, z.area_m2)
            .bind(8, units::mu_from_m2(z.area_m2));
        st.bind(9, import_id).bind_blob(10, wkb.data(), wkb.size());
        if (const auto parts = encode_part_names(z.part_names))
            st.bind(11, *parts);
        else
            st.bind(11, nullptr);
        st.run();
    }
}

std::string Workspace::lean_record_key() {
    static constexpr const char* kSql =
        "SELECT (SELECT count(*) FROM parcels), (SELECT coalesce(max(id), 0) FROM imports)";
    if (pg_) {
        const auto r = pg_->conn().exec(kSql);
        return std::string(kLeanRecordPrefix) + std::to_string(r.int64(0, 0)) + ":" +
               std::to_string(r.int64(0, 1));
    }
    auto st = db_.prepare(kSql);
    st.step();
    return std::string(kLeanRecordPrefix) + std::to_string(st.int64(0)) + ":" + std::to_string(st.int64(1));
}

bool Workspace::lean_record_usable() {
    // On PostGIS only where every user sees every parcel: under zone rights (row-level security) one user's
    // record would show another user's parcels.
    return !pg_ || !pg_->conn().row_security_applies("parcels");
}

void Workspace::drop_lean_record() {
    try {
        db_.prepare("DELETE FROM render_cache WHERE substr(key, 1, ?) = ?")
            .bind(1, static_cast<int64_t>(std::strlen(kLeanRecordPrefix)))
            .bind(2, std::string(kLeanRecordPrefix))
            .run();
    } catch (const InternalError&) {
        // an older workspace without the table: nothing cached
    }
}

bool Workspace::store_lean_record(const std::vector<Parcel>& parcels, const std::vector<BBox>& boxes) {
    if (read_only_ || !lean_record_usable()) return false;
    const LeanPieces record = serialize_lean_pieces(parcels, boxes);
    return !record.empty() && replace_cache(kLeanRecordPrefix, lean_record_key(), record.pieces());
}

void Workspace::replace_parcels(const std::vector<Parcel>& parcels, const std::vector<int64_t>& import_ids) {
    if (pg_) return pg_->replace_parcels(parcels, import_ids);
    drop_lean_record();  // the first-stage record describes the parcels as they were
    // Bulk load (see core/store/bulk.hpp): triggers lifted, geometry written as SpatiaLite blobs, R*Tree
    // packed once at the end. All inside the caller's transaction.
    BulkGeometryLoad bulk(db_, "parcels", "geom", true);
    bulk.reserve(parcels.size());
    SlowBlob slow(db_);
    // The code index is built once after the rows (a sort), not updated row by row: a million codes in random
    // order would otherwise thrash the page cache.
    db_.exec("DROP INDEX IF EXISTS parcels_code_norm");
    const std::string sql =
        std::string(
            "INSERT INTO parcels(id, code, code_norm, layer, source_fid, location, landuse_code, "
            "landuse_name, landuse, declared_area_m2, declared_area_kind, area_m2, area_mu, planar_area_m2, "
            "gk_zone, plot_ratio, supply_status, approval_date, reserve_date, supply_date, transfer_method, "
            "land_price_wan, contract_start_date, contract_completion_date, supplement_start_date, "
            "exempt_reason, exempt_until, planned_supply_date, developed_share, invested_share, "
            "work_stopped_date, standard_land, committed_invest_wan_per_mu, committed_output_wan_per_mu, "
            "committed_tax_wan_per_mu, committed_plot_ratio, centroid_lon, centroid_lat, import_id, geom, ") +
        kDerivedCols + ") VALUES(" + placeholders(39) + ", ?, " + placeholders(kDerivedCount) + ")";
    auto st = db_.prepare(sql);
    // The geometry blobs of the next 4096 parcels are built on the other core while SQLite stores these.
    struct Blobs {
        std::vector<std::string> blob;
        std::vector<BBox> box;
    };
    auto make = [&](size_t b, size_t e, Blobs& out) {
        out.blob.resize(e - b);
        out.box.assign(e - b, BBox{});
        for (size_t i = b; i < e; ++i)
            out.blob[i - b] = spatialite_multipolygon(parcels[i].geom, kSrid, &out.box[i - b]);
    };
    pipeline_chunks<Blobs>(parcels.size(), 4096, make, [&](size_t b, size_t e, Blobs& made) {
        for (size_t i = b; i < e; ++i) {
            const Parcel& p = parcels[i];
            int c = 1;
            st.bind(c++, p.id);
            st.bind(c++, p.code);
            st.bind(c++, p.code_norm);
            st.bind(c++, p.layer);
            st.bind(c++, p.source_fid);
            bind_text_or_null(st, c++, p.location);
            bind_text_or_null(st, c++, p.landuse_code);
            bind_text_or_null(st, c++, p.landuse_name);
            st.bind(c++, to_string(p.landuse));
            st.bind(c++, p.declared_area_m2);
            bind_text_or_null(st, c++, p.declared_area_kind);
            st.bind(c++, p.area_m2);
            st.bind(c++, p.area_mu);
            st.bind(c++, p.planar_area_m2);
            st.bind(c++, p.gk_zone);
            st.bind(c++, p.plot_ratio);
            st.bind(c++, to_string(p.supply_status));
            for (const IsoDate* d : {&p.approval_date, &p.reserve_date, &p.supply_date})
                bind_text_or_null(st, c++, d->str());
            bind_text_or_null(st, c++, p.transfer_method);
            st.bind(c++, p.land_price_wan);
            for (const IsoDate* d :
                 {&p.contract_start_date, &p.contract_completion_date, &p.supplement_start_date})
                bind_text_or_null(st, c++, d->str());
            bind_text_or_null(st, c++, p.exempt_reason);
            bind_text_or_null(st, c++, p.exempt_until.str());
            bind_text_or_null(st, c++, p.planned_supply_date.str());
            st.bind(c++, p.developed_share);
            st.bind(c++, p.invested_share);
            bind_text_or_null(st, c++, p.work_stopped_date.str());
            st.bind(c++, p.standard_land ? 1 : 0);
            st.bind(c++, p.committed_invest_wan_per_mu);
            st.bind(c++, p.committed_output_wan_per_mu);
            st.bind(c++, p.committed_tax_wan_per_mu);
            st.bind(c++, p.committed_plot_ratio);
            st.bind(c++, p.centroid_lon);
            st.bind(c++, p.centroid_lat);
            st.bind(c++, i < import_ids.size() ? import_ids[i] : int64_t{0});
            std::string& blob = made.blob[i - b];
            BBox& box = made.box[i - b];
            if (blob.empty()) {  // a geometry the fast writer does not take: SpatiaLite builds it (this
                                 // thread)
                blob = slow.multipolygon(p.geom);
                box = geo::bbox_of(p.geom);
            }
            if (blob.empty())
                st.bind(c++, nullptr);
            else
                st.bind_blob(c++, blob.data(), blob.size());
            if (!blob.empty()) bulk.add(p.id, box);
            bind_derived(st, c, p);
            st.run();
        }
    });
    bulk.finish();
    db_.exec("CREATE INDEX parcels_code_norm ON parcels(code_norm)");
}

void Workspace::update_parcel_derived(const std::vector<Parcel>& parcels) {
    if (pg_) return pg_->update_parcel_derived(parcels);
    drop_lean_record();
    std::string sets;
    {
        std::string cols = kDerivedCols;
        size_t pos = 0;
        while (pos != std::string::npos) {
            size_t next = cols.find(", ", pos);
            std::string col = cols.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
            sets += (sets.empty() ? "" : ", ") + col + "=?";
            pos = next == std::string::npos ? next : next + 2;
        }
    }
    auto st = db_.prepare("UPDATE parcels SET " + sets + " WHERE id=?");
    for (const auto& p : parcels) {
        bind_derived(st, 1, p);
        st.bind(kDerivedCount + 1, p.id);
        st.run();
    }
}

namespace {
void bind_point(Stmt& st, int i, const std::optional<LonLat>& pt) {
    if (!pt) {
        st.bind(i, nullptr);
        return;
    }
    std::string blob = spatialite_point(*pt);
    st.bind_blob(i, blob.data(), blob.size());
}
}  // namespace

namespace {
const std::string kInsertProject =
    "INSERT INTO projects(id, project_id, name, enterprise, credit_code, zone_name, parcel_codes_raw, "
    "industry, "
    "enterprise_kind, stage, sign_date, planned_start_date, actual_start_date, planned_production_date, "
    "actual_production_date, work_stopped_date, total_invest_wan, fixed_invest_wan, funds_2021_wan, "
    "funds_2022_wan, funds_2023_wan, land_area_mu, output_wan, tax_wan, jobs, energy_tce, quality_firm, "
    "headquarters, digital_economy, central_soe, lon, lat, source_row, import_id, geom, value_added_wan, "
    "revenue_wan, emission_t, electricity_wan_kwh, rd_wan, floor_area_m2, above_scale) VALUES(" +
    placeholders(42) + ")";

/// Inserts the projects' rows into `db` (the workspace or a staging database: the same table); the points go
/// to `boxes` for the R*Tree.
void insert_projects(Db& db, const std::vector<Project>& projects,
                     const std::vector<std::optional<LonLat>>& points, int64_t import_id,
                     std::vector<RtreeEntry>& boxes) {
    auto st = db.prepare(kInsertProject);
    boxes.reserve(projects.size());
    for (size_t i = 0; i < projects.size(); ++i) {
        const Project& p = projects[i];
        int c = 1;
        st.bind(c++, p.id);
        for (const std::string* t : {&p.project_id, &p.name, &p.enterprise, &p.credit_code}) st.bind(c++, *t);
        st.bind(c++, p.zone_name);
        st.bind(c++, p.parcel_codes_raw);
        for (const InternedString* t : {&p.industry, &p.enterprise_kind, &p.stage}) st.bind(c++, *t);
        for (const IsoDate* d : {&p.sign_date, &p.planned_start_date, &p.actual_start_date,
                                 &p.planned_production_date, &p.actual_production_date, &p.work_stopped_date})
            st.bind(c++, d->str());
        for (const OptDouble* v :
             {&p.total_invest_wan, &p.fixed_invest_wan, &p.funds_2021_wan, &p.funds_2022_wan,
              &p.funds_2023_wan, &p.land_area_mu, &p.output_wan, &p.tax_wan, &p.jobs, &p.energy_tce})
            st.bind(c++, *v);
        for (bool b : {p.quality_firm, p.headquarters, p.digital_economy, p.central_soe})
            st.bind(c++, b ? 1 : 0);
        st.bind(c++, p.lon);
        st.bind(c++, p.lat);
        st.bind(c++, p.source_row);
        st.bind(c++, import_id);
        const std::optional<LonLat> pt = i < points.size() ? points[i] : std::nullopt;
        bind_point(st, c++, pt);
        for (const OptDouble* v : {&p.value_added_wan, &p.revenue_wan, &p.emission_t, &p.electricity_wan_kwh,
                                   &p.rd_wan, &p.floor_area_m2})
            st.bind(c++, *v);
        if (p.above_scale)
            st.bind(c++, *p.above_scale ? 1 : 0);
        else
            st.bind(c++, nullptr);
        st.run();
        if (pt) boxes.push_back(RtreeEntry{p.id, pt->lon, pt->lon, pt->lat, pt->lat});
    }
}
}  // namespace

void Workspace::replace_projects(const std::vector<Project>& projects,
                                 const std::vector<std::optional<LonLat>>& points, int64_t import_id) {
    if (pg_) return pg_->replace_projects(projects, points, import_id);
    BulkGeometryLoad bulk(db_, "projects", "geom", true);
    std::vector<RtreeEntry> boxes;
    insert_projects(db_, projects, points, import_id, boxes);
    bulk.reserve(boxes.size());
    for (const auto& e : boxes) bulk.add(e);
    bulk.finish();
}

std::unique_ptr<StagedProjects> Workspace::stage_projects(const std::vector<Project>& projects,
                                                          const std::vector<std::optional<LonLat>>& points,
                                                          int64_t import_id) {
    if (pg_) return nullptr;
    std::string create_sql;
    {
        auto st = db_.prepare("SELECT sql FROM sqlite_master WHERE type='table' AND name='projects'");
        if (!st.step()) throw InternalError("the workspace has no projects table");
        create_sql = st.text(0);
    }
    // The side file shares the temporary folder with SQLite's own temporary files (the workspace's sorts):
    // staged only where it leaves room for them (about 400 B a project, taken as 1 KB, and 64 MB besides).
    {
        std::error_code ec;
        const auto room = std::filesystem::space(TempDir::base(), ec);
        if (ec || room.available < projects.size() * 1024 + (size_t(64) << 20)) return nullptr;
    }
    std::unique_ptr<StagedProjects> staged(new StagedProjects());
    try {
        staged->dir_ = std::make_unique<TempDir>("parkatlas-stage");
    } catch (const InputError&) {
        return nullptr;  // no temporary folder: the rows go in one by one
    }
    staged->path_ = staged->dir_->path() + "/projects.sqlite";
    staged->projects_ = &projects;
    staged->points_ = &points;
    staged->import_id_ = import_id;
    StagedProjects* out = staged.get();
    try {
        out->writing_ = std::async(std::launch::async, [out, create_sql] {
            Db db(out->path_, Db::Mode::Create, false);
            db.exec("PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
            db.exec(create_sql);
            Transaction tx(db);
            insert_projects(db, *out->projects_, *out->points_, out->import_id_, out->boxes_);
            tx.commit();
        });
    } catch (const std::system_error&) {
        return nullptr;  // no thread to be had: the rows go in one by one
    }
    return staged;
}

void Workspace::replace_projects(StagedProjects& staged) {
    try {
        staged.writing_.get();
    } catch (const std::exception&) {
        // The side database could not be written (a full or read-only temporary folder): the workspace's own
        // disk may still have room, so the rows go in one by one as without staging. The partial side file
        // goes first: SQLite's own temporary files share its folder.
        staged.dir_.reset();
        return replace_projects(*staged.projects_, *staged.points_, staged.import_id_);
    }
    BulkGeometryLoad bulk(db_, "projects", "geom", true);
    {
        auto st = db_.prepare("ATTACH DATABASE ?1 AS pa_stage");
        st.bind(1, staged.path_).run();
    }
    stage_attached_ = true;
    // Same columns in the same order: SQLite copies the records whole (its transfer optimisation).
    db_.exec("INSERT INTO projects SELECT * FROM pa_stage.projects");
    bulk.reserve(staged.boxes_.size());
    for (const auto& e : staged.boxes_) bulk.add(e);
    bulk.finish();
}

void Workspace::detach_stage() noexcept {
    if (!stage_attached_) return;
    try {
        db_.exec("DETACH DATABASE pa_stage");
    } catch (const std::exception&) {
        // still in use: the connection lets go of it when it closes
    }
    stage_attached_ = false;
}

StagedProjects::~StagedProjects() {
    if (writing_.valid()) writing_.wait();
}

void Workspace::update_project_points(const std::vector<Project>& projects,
                                      const std::vector<std::optional<LonLat>>& points) {
    if (pg_) return pg_->update_project_points(projects, points);
    auto st = db_.prepare("UPDATE projects SET geom=? WHERE id=?");
    for (size_t i = 0; i < projects.size(); ++i) {
        bind_point(st, 1, i < points.size() ? points[i] : std::nullopt);
        st.bind(2, projects[i].id);
        st.run();
    }
}

void Workspace::replace_links(const std::vector<Link>& links) {
    if (pg_) return pg_->replace_links(links);
    db_.exec("DELETE FROM links");
    auto st = db_.prepare("INSERT OR IGNORE INTO links(project_rowid, parcel_id, match) VALUES(?, ?, ?)");
    for (const auto& l : links) {
        st.bind(1, l.project_rowid).bind(2, l.parcel_id).bind(3, l.match);
        st.run();
    }
}

void Workspace::delete_problems(const std::string& origin) {
    if (pg_) return pg_->delete_problems(origin);
    auto st = db_.prepare("DELETE FROM problems WHERE origin=?");
    st.bind(1, origin);
    st.run();
}

void Workspace::add_problems(const std::vector<Problem>& problems, const std::string& origin) {
    if (pg_) return pg_->add_problems(problems, origin);
    auto st = db_.prepare(
        "INSERT INTO problems(kind, severity, layer, feature_id, lon, lat, message_zh, message_en, origin, "
        "geom) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& p : problems) {
        st.bind(1, p.kind).bind(2, to_string(p.severity)).bind(3, p.layer).bind(4, p.id).bind(5, p.lon);
        st.bind(6, p.lat).bind(7, p.message_zh).bind(8, p.message_en).bind(9, origin);
        std::string blob = spatialite_point(LonLat{p.lon, p.lat});
        st.bind_blob(10, blob.data(), blob.size());
        st.run();
    }
}

TableCounts Workspace::counts() {
    if (pg_) return pg_->counts();
    auto count = [&](const char* table) {
        auto st = db_.prepare(std::string("SELECT count(*) FROM ") + table);
        st.step();
        return st.int64(0);
    };
    return {count("zones"), count("parcels"), count("projects"), count("links"), count("problems")};
}

std::vector<ProblemCount> Workspace::problem_counts() {
    if (pg_) return pg_->problem_counts();
    std::vector<ProblemCount> out;
    auto st = db_.prepare("SELECT severity, kind, count(*) FROM problems GROUP BY severity, kind");
    while (st.step()) out.push_back({st.text(0), st.text(1), st.int64(2)});
    return out;
}

std::vector<ImportLogRow> Workspace::import_log() {
    if (pg_) return pg_->import_log();
    std::vector<ImportLogRow> out;
    auto st = db_.prepare(
        "SELECT time, kind, source_path, layer, crs, encoding, stored_count FROM imports ORDER BY id");
    while (st.step()) {
        ImportLogRow r;
        r.time = st.text(0);
        r.entry.kind = st.text(1);
        r.entry.source_path = st.text(2);
        r.entry.layer = st.text(3);
        r.entry.crs = st.text(4);
        r.entry.encoding = st.text(5);
        r.entry.stored_count = st.int64(6);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<std::string> Workspace::project_industries() {
    if (pg_) return pg_->project_industries();
    std::vector<std::string> out;
    auto st = db_.prepare("SELECT DISTINCT industry FROM projects WHERE industry <> '' ORDER BY industry");
    while (st.step()) out.push_back(st.text(0));
    return out;
}

std::optional<std::string> Workspace::cache_key(const std::string& prefix) {
    if (pg_) return pg_->cache_key(prefix);
    try {
        auto st = db_.prepare("SELECT key FROM render_cache WHERE substr(key, 1, ?) = ?");
        st.bind(1, static_cast<int64_t>(prefix.size())).bind(2, prefix);
        if (st.step()) return st.text(0);
    } catch (const std::exception&) {
        // an older workspace without the table
    }
    return std::nullopt;
}

bool Workspace::read_cache(const std::string& key, const std::function<bool(std::string_view)>& use) {
    if (pg_) return pg_->read_cache(key, use);
    try {
        auto st = db_.prepare("SELECT data FROM render_cache WHERE key=?");
        st.bind(1, key);
        return st.step() && use(st.blob_view(0));
    } catch (const WorkspaceError&) {
        throw;
    } catch (const std::exception&) {
        return false;  // an older workspace without the table
    }
}

bool Workspace::replace_cache(const std::string& prefix, const std::string& key, const std::string& blob) {
    if (pg_) return pg_->replace_cache(prefix, key, blob);
    try {
        Transaction tx(db_);
        auto del = db_.prepare("DELETE FROM render_cache WHERE substr(key, 1, ?) = ?");
        del.bind(1, static_cast<int64_t>(prefix.size())).bind(2, prefix).run();
        auto st = db_.prepare("INSERT INTO render_cache(key, created, data) VALUES(?, datetime('now'), ?)");
        st.bind(1, key).bind_blob(2, blob.data(), blob.size()).run();
        tx.commit();
        return true;
    } catch (const std::exception&) {
        return false;  // the cache is an optimisation: a locked or read-only file means triangulating next
                       // time too
    }
}

bool Workspace::replace_cache(const std::string& prefix, const std::string& key,
                              const std::vector<std::string_view>& pieces) {
    size_t total = 0;
    for (const auto& p : pieces) total += p.size();
    if (pg_) {
        std::string blob;
        blob.reserve(total);
        for (const auto& p : pieces) blob.append(p);
        return pg_->replace_cache(prefix, key, blob);
    }
    try {
        Transaction tx(db_);
        auto del = db_.prepare("DELETE FROM render_cache WHERE substr(key, 1, ?) = ?");
        del.bind(1, static_cast<int64_t>(prefix.size())).bind(2, prefix).run();
        // zeroblob(n) first, then the pieces written into it (a blob over SQLite's 1 GB limit is refused
        // here, as a one-piece write would be)
        auto st = db_.prepare(
            "INSERT INTO render_cache(key, created, data) VALUES(?, datetime('now'), zeroblob(?))");
        st.bind(1, key).bind(2, static_cast<int64_t>(total)).run();
        sqlite3_blob* raw = nullptr;
        if (sqlite3_blob_open(db_.handle(), "main", "render_cache", "data", db_.last_insert_rowid(), 1,
                              &raw) != SQLITE_OK) {
            sqlite3_blob_close(raw);
            return false;
        }
        {  // closed before the commit: an open blob handle counts as a statement in progress
            const std::unique_ptr<sqlite3_blob, int (*)(sqlite3_blob*)> blob(raw, sqlite3_blob_close);
            int at = 0;  // the blob is under 1 GB
            for (const auto& p : pieces) {
                if (sqlite3_blob_write(blob.get(), p.data(), static_cast<int>(p.size()), at) != SQLITE_OK)
                    return false;
                at += static_cast<int>(p.size());
            }
        }
        tx.commit();
        return true;
    } catch (const std::exception&) {
        return false;  // as above: an optimisation
    }
}

namespace {
/// Switches the journal mode when SQLite can (it cannot while another connection holds the file); never
/// fatal.
void try_journal_mode(Db& db, const char* mode) {
    try {
        db.exec(std::string("PRAGMA journal_mode=") + mode);
    } catch (const InternalError&) {
    } catch (const WorkspaceError&) {
        // busy: another connection holds the file; the write then goes through its WAL, as SQLite allows
    }
}
Db& prepared_for_bulk(Workspace& ws) {
    // A large page cache for this connection: the R*Tree index updates of a bulk insert thrash the default 2
    // MB.
    ws.db().exec("PRAGMA cache_size=-65536");
    try_journal_mode(ws.db(), "DELETE");
    return ws.db();
}
}  // namespace

BulkWrite::BulkWrite(Workspace& ws) : ws_(ws) {
    if (ws.pg()) {
        ws.pg()->begin();
        pg_open_ = true;
    } else {
        tx_.emplace(prepared_for_bulk(ws));
    }
}

BulkWrite::~BulkWrite() {
    if (pg_open_) ws_.pg()->rollback();
    tx_.reset();  // rolls back when not committed; a staging database is detached after that
    ws_.detach_stage();
}

void BulkWrite::commit() {
    if (pg_open_) {
        ws_.pg()->commit();
        pg_open_ = false;
        return;
    }
    tx_->commit();
    ws_.detach_stage();  // before the journal mode changes, which would apply to it too
    try_journal_mode(ws_.db(), "WAL");
    ws_.db().checkpoint();
}

}  // namespace pa::store

// ------------------------------------------------------------------------------------------ reading by view
namespace pa::store {

namespace {
constexpr const char* kViewIndexKey = "view_index";  // meta: the parcels the view index describes
constexpr const char* kViewIndexExtent = "view_index_extent";
constexpr const char* kViewIndexParcels = "view_index_parcels";

std::string box_text(const BBox& b) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.9f,%.9f,%.9f,%.9f", b.min_lon, b.min_lat, b.max_lon, b.max_lat);
    return buf;
}
BBox box_from_text(const std::string& t) {
    BBox b;
    double v[4];
    if (std::sscanf(t.c_str(), "%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3]) == 4) {
        b.expand(LonLat{v[0], v[1]});
        b.expand(LonLat{v[2], v[3]});
    }
    return b;
}
}  // namespace

// What the view index was built from: the last import (every change of the parcels or their figures is one).
std::string Workspace::view_index_version() {
    static constexpr const char* kSql = "SELECT coalesce(max(id), 0) FROM imports";
    if (pg_) return "imports:" + std::to_string(pg_->conn().exec(kSql).int64(0, 0));
    auto st = db_.prepare(kSql);
    st.step();
    return "imports:" + std::to_string(st.int64(0));
}

ViewIndexInfo Workspace::view_index_info() {
    // No count of the parcels here (seconds at ten million on PostGIS): the index records it.
    ViewIndexInfo info;
    const std::string stored = meta(kViewIndexKey);
    info.present = !stored.empty();
    if (info.present && !pg_) {  // a file whose tables went missing (an older copy): not there
        auto st = db_.prepare(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('parcel_view', 'parcel_view_rtree')");
        if (!st.step() || st.int64(0) != 2) info.present = false;
    }
    if (!info.present) {
        info.parcels = counts().parcels;
        return info;
    }
    info.fresh = stored == view_index_version();
    info.parcels = info.fresh ? std::atoll(meta(kViewIndexParcels).c_str()) : counts().parcels;
    info.extent = box_from_text(meta(kViewIndexExtent));
    return info;
}

int64_t Workspace::parcel_count_estimate() {
    if (!pg_) return counts().parcels;  // (a file counts ten million rows in a fraction of a second)
    if (const std::string n = meta(kViewIndexParcels);
        !n.empty() && meta(kViewIndexKey) == view_index_version())
        return std::atoll(n.c_str());
    // The planner's estimate (PostgreSQL counts ten million rows in seconds), or the count when there is
    // none.
    auto r = pg_->conn().exec("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass('parcels')");
    const int64_t est = r.rows() ? r.int64(0, 0) : -1;
    return est > 0 ? est : counts().parcels;
}

void Workspace::scan_parcel_shapes(size_t batch, const std::function<void(std::vector<ParcelShape>&)>& use) {
    if (pg_) return pg_->scan_parcel_shapes(batch, use);
    ParcelShapeBatches out(batch, use);
    auto st = db_.prepare(parcel_shapes_sql("AsBinary"));
    while (st.step()) out.add(st);
    out.finish();
}

void Workspace::replace_view_index(const std::vector<ViewIndexEntry>& rows, const BBox& extent) {
    if (read_only_)
        throw WorkspaceError("The workspace '" + path() +
                             "' is open read-only; its view index can only be built by a writable open.");
    if (pg_) return pg_->replace_view_index(rows, extent, view_index_version());
    Transaction tx(db_);
    db_.exec("DROP TABLE IF EXISTS parcel_view; DROP TABLE IF EXISTS parcel_view_rtree;");
    db_.exec("CREATE TABLE parcel_view(parcel_id INTEGER PRIMARY KEY, lod INTEGER NOT NULL, tris BLOB)");
    // The level is the R*Tree's third dimension ([-1, level]), so one index answers "in this box, at least
    // this level".
    db_.exec(
        "CREATE VIRTUAL TABLE parcel_view_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat, lo, hi)");
    auto ins = db_.prepare("INSERT INTO parcel_view(parcel_id, lod, tris) VALUES(?, ?, ?)");
    auto box = db_.prepare("INSERT INTO parcel_view_rtree VALUES(?, ?, ?, ?, ?, -1, ?)");
    for (const auto& r : rows) {
        ins.bind(1, r.parcel_id).bind(2, r.level);
        if (r.tris.empty())
            ins.bind(3, nullptr);
        else
            ins.bind_blob(3, r.tris.data(), r.tris.size());
        ins.run();
        if (r.box.empty()) continue;
        box.bind(1, r.parcel_id)
            .bind(2, r.box.min_lon)
            .bind(3, r.box.max_lon)
            .bind(4, r.box.min_lat)
            .bind(5, r.box.max_lat)
            .bind(6, r.level);
        box.run();
    }
    set_meta(kViewIndexKey, view_index_version());
    set_meta(kViewIndexExtent, box_text(extent));
    set_meta(kViewIndexParcels, std::to_string(rows.size()));
    tx.commit();
}

ViewRead Workspace::load_parcels_view(const ViewQuery& q) {
    if (pg_) return pg_->load_parcels_view(q);
    ViewRead out;
    if (q.limit) {  // grown in place, never copied (a far view: a hundred thousand parcels and more)
        out.parcels.reserve(q.limit + 1);
        out.boxes.reserve(q.limit + 1);
    }
    // The R*Tree's boxes are single precision, rounded outwards: a parcel touching the box may come too.
    const std::string in_view =
        " FROM parcels WHERE id IN (SELECT id FROM parcel_view_rtree WHERE max_lon >= ?1 AND min_lon <= ?3 "
        "AND max_lat >= ?2 AND min_lat <= ?4 AND hi >= ?5) ORDER BY id LIMIT ?6";
    const int64_t limit = q.limit ? static_cast<int64_t>(q.limit) + 1 : -1;
    auto bind = [&](Stmt& st) {
        st.bind(1, q.box.min_lon).bind(2, q.box.min_lat).bind(3, q.box.max_lon).bind(4, q.box.max_lat);
        st.bind(5, q.min_level).bind(6, limit);
    };
    if (!q.with_geometry) {
        std::string sql(kParcelLeanSelect);
        sql = sql.substr(0, sql.find(" FROM parcels")) + in_view;
        auto st = db_.prepare(sql);
        bind(st);
        EnumMemo<LandUse> landuse(&land_use_from_string, LandUse::Other);
        EnumMemo<SupplyStatus> supply(&supply_status_from_string, SupplyStatus::Unknown);
        while (st.step()) {
            Parcel p;
            read_lean_row(st, p, landuse, supply);
            out.boxes.push_back(header_box(st, kParcelLeanBoxCol, p.id, db_.path()));
            out.parcels.push_back(std::move(p));
        }
    } else {
        auto st = db_.prepare(std::string(kParcelSelect) + (has_exempt_until_ ? "exempt_until, " : "NULL, ") +
                              (has_planned_supply_date_ ? "planned_supply_date, " : "NULL, ") +
                              "AsBinary(geom), (SELECT tris FROM parcel_view WHERE parcel_id = parcels.id)" +
                              in_view);
        bind(st);
        while (st.step()) {
            Parcel p;
            read_parcel_row(st, p);
            text_into(st, kParcelExemptUntilCol, p.exempt_until);
            text_into(st, kParcelPlannedSupplyCol, p.planned_supply_date);
            if (!st.is_null(kParcelGeomCol))
                p.geom = geo::multipolygon_from_wkb(st.blob_view(kParcelGeomCol));
            BBox b;
            for (const auto& poly : p.geom)
                for (const auto& r : poly)
                    for (const auto& pt : r) b.expand(pt);
            out.boxes.push_back(b);
            out.tris.push_back(st.is_null(kParcelGeomCol + 1) ? std::string() : st.blob(kParcelGeomCol + 1));
            out.parcels.push_back(std::move(p));
        }
    }
    out.cut(q.limit);
    return out;
}

}  // namespace pa::store
