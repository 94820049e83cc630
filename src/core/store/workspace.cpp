#include "core/store/workspace.hpp"

#include <filesystem>

#include "core/common/error.hpp"
#include "core/geo/wkb.hpp"

namespace pa::store {

namespace {

// Version 1 of the schema. Geometry columns are registered with AddGeometryColumn (SRID 4490, CGCS2000 lon/lat)
// and carry an R*Tree spatial index so QGIS lists them as layers.
constexpr const char* kSchemaV1 = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE zones(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_zh TEXT, name_en TEXT, level TEXT NOT NULL, threshold_wan_per_mu REAL NOT NULL,
  industries TEXT, area_m2 REAL, area_mu REAL, import_id INTEGER);
CREATE TABLE parcels(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL, code_norm TEXT NOT NULL, layer TEXT NOT NULL, source_fid INTEGER,
  zone_code TEXT, location TEXT, landuse_code TEXT, landuse_name TEXT, landuse TEXT,
  declared_area_m2 REAL, declared_area_kind TEXT,
  area_m2 REAL NOT NULL, area_mu REAL NOT NULL, planar_area_m2 REAL, gk_zone INTEGER,
  plot_ratio REAL, supply_status TEXT,
  approval_date TEXT, reserve_date TEXT, supply_date TEXT, transfer_method TEXT, land_price_wan REAL,
  contract_start_date TEXT, contract_completion_date TEXT, supplement_start_date TEXT, exempt_reason TEXT,
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
SELECT AddGeometryColumn('zones', 'geom', 4490, 'MULTIPOLYGON', 'XY');
SELECT CreateSpatialIndex('zones', 'geom');
SELECT AddGeometryColumn('parcels', 'geom', 4490, 'MULTIPOLYGON', 'XY');
SELECT CreateSpatialIndex('parcels', 'geom');
SELECT AddGeometryColumn('projects', 'geom', 4490, 'POINT', 'XY');
SELECT CreateSpatialIndex('projects', 'geom');
SELECT AddGeometryColumn('problems', 'geom', 4490, 'POINT', 'XY');
)SQL";

bool is_parkatlas(Db& db) {
    auto st = db.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
    st.step();
    if (st.int64(0) == 0) return false;
    auto m = db.prepare("SELECT value FROM meta WHERE key='application'");
    return m.step() && m.text(0) == "parkatlas";
}

std::string s(const Stmt& st, int c) { return st.text(c); }

}  // namespace

Workspace Workspace::open(const std::string& path, bool read_only) {
    if (!std::filesystem::exists(path)) {
        throw WorkspaceError("The workspace '" + path +
                             "' does not exist; create it with: parkatlas import -w " + path + " --zones … --parcels …");
    }
    Db db(path, read_only ? Db::Mode::ReadOnly : Db::Mode::ReadWrite);
    bool ok = false;
    try {
        ok = is_parkatlas(db);
    } catch (const std::exception&) {
        ok = false;
    }
    if (!ok) throw WorkspaceError("'" + path + "' is not a ParkAtlas workspace (no ParkAtlas metadata in it).");
    Workspace ws(std::move(db), read_only);
    int version = std::atoi(ws.meta("schema_version").c_str());
    if (version > kSchemaVersion) {
        throw WorkspaceError("The workspace '" + path + "' has schema version " + std::to_string(version) +
                             ", newer than this ParkAtlas understands (" + std::to_string(kSchemaVersion) +
                             "); update ParkAtlas.");
    }
    if (!read_only) ws.db_.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    return ws;
}

Workspace Workspace::open_or_create(const std::string& path) {
    if (std::filesystem::exists(path)) return open(path, false);
    Db db(path, Db::Mode::Create);
    Workspace ws(std::move(db), false);
    ws.db_.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    ws.create_schema();
    return ws;
}

void Workspace::create_schema() {
    // InitSpatialMetadata(1) runs in its own transaction, so it comes before ours.
    db_.exec("SELECT InitSpatialMetadata(1)");
    Transaction tx(db_);
    db_.exec(kSchemaV1);
    set_meta("application", "parkatlas");
    set_meta("schema_version", std::to_string(kSchemaVersion));
    tx.commit();
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
    auto st = db_.prepare("SELECT value FROM meta WHERE key=?");
    st.bind(1, key);
    return st.step() ? st.text(0) : std::string();
}

void Workspace::set_meta(const std::string& key, const std::string& value) {
    auto st = db_.prepare("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    st.bind(1, key).bind(2, value).run();
}

std::vector<Zone> Workspace::load_zones(bool with_geom) {
    std::vector<Zone> out;
    auto st = db_.prepare(std::string("SELECT id, code, name_zh, name_en, level, threshold_wan_per_mu, industries, "
                                      "area_m2, ") +
                          (with_geom ? "AsBinary(geom)" : "NULL") + " FROM zones ORDER BY code");
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
        out.push_back(std::move(z));
    }
    return out;
}

std::vector<Parcel> Workspace::load_parcels(bool with_geom) {
    std::vector<Parcel> out;
    auto st = db_.prepare(
        std::string("SELECT id, code, code_norm, layer, source_fid, zone_code, location, landuse_code, landuse_name, "
                    "landuse, declared_area_m2, declared_area_kind, area_m2, area_mu, planar_area_m2, gk_zone, "
                    "plot_ratio, supply_status, approval_date, reserve_date, supply_date, transfer_method, "
                    "land_price_wan, contract_start_date, contract_completion_date, supplement_start_date, "
                    "exempt_reason, developed_share, invested_share, work_stopped_date, standard_land, "
                    "committed_invest_wan_per_mu, committed_output_wan_per_mu, committed_tax_wan_per_mu, "
                    "committed_plot_ratio, centroid_lon, centroid_lat, "
                    "project_count, invest_wan, output_wan, tax_wan, jobs, invest_wan_per_mu, output_wan_per_mu, "
                    "tax_wan_per_mu, jobs_per_mu, threshold_wan_per_mu, compliance, industry, stage, "
                    "enterprise_kind, ") +
        (with_geom ? "AsBinary(geom)" : "NULL") + " FROM parcels ORDER BY id");
    while (st.step()) {
        Parcel p;
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
        ParcelStats& ps = p.stats;
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
        std::string comp = s(st, c++);
        ps.compliance = comp == "meets"   ? Compliance::Meets
                        : comp == "below" ? Compliance::Below
                        : comp == "nodata" ? Compliance::NoData
                                           : Compliance::NotApplicable;
        ps.industry = s(st, c++);
        ps.stage = s(st, c++);
        ps.enterprise_kind = s(st, c++);
        if (with_geom && !st.is_null(c)) p.geom = geo::multipolygon_from_wkb(st.blob(c));
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Project> Workspace::load_projects() {
    std::vector<Project> out;
    auto st = db_.prepare(
        "SELECT id, project_id, name, enterprise, credit_code, zone_name, parcel_codes_raw, industry, "
        "enterprise_kind, stage, sign_date, planned_start_date, actual_start_date, planned_production_date, "
        "actual_production_date, work_stopped_date, total_invest_wan, fixed_invest_wan, funds_2021_wan, "
        "funds_2022_wan, funds_2023_wan, land_area_mu, output_wan, tax_wan, jobs, energy_tce, quality_firm, "
        "headquarters, digital_economy, central_soe, lon, lat, source_row FROM projects ORDER BY id");
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
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Link> Workspace::load_links() {
    std::vector<Link> out;
    auto st = db_.prepare("SELECT project_rowid, parcel_id, match FROM links ORDER BY project_rowid, parcel_id");
    while (st.step()) out.push_back(Link{st.int64(0), st.int64(1), st.text(2)});
    return out;
}

std::vector<Problem> Workspace::load_problems() {
    std::vector<Problem> out;
    auto st = db_.prepare(
        "SELECT kind, severity, layer, feature_id, lon, lat, message_zh, message_en FROM problems ORDER BY id");
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

}  // namespace pa::store
