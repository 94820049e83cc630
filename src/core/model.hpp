#pragma once
// The ParkAtlas data model: what a workspace holds, as plain structs. Geometry is CGCS2000 (EPSG:4490)
// lon/lat in degrees, x = longitude, y = latitude. Money in 万元 (wan), areas in m² and 亩 (mu), dates as ISO
// "YYYY-MM-DD" strings ("" when unknown). Missing numbers are std::nullopt, never 0.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/interned_string.hpp"
#include "core/common/iso_date.hpp"
#include "core/common/opt_double.hpp"

namespace pa {

struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
};
/// A closed ring (first point == last point).
using Ring = std::vector<LonLat>;
/// Exterior ring first, then holes.
using Polygon = std::vector<Ring>;
using MultiPolygon = std::vector<Polygon>;

struct BBox {
    double min_lon = 1e300, min_lat = 1e300, max_lon = -1e300, max_lat = -1e300;
    void expand(const LonLat& p) {
        if (p.lon < min_lon) min_lon = p.lon;
        if (p.lon > max_lon) max_lon = p.lon;
        if (p.lat < min_lat) min_lat = p.lat;
        if (p.lat > max_lat) max_lat = p.lat;
    }
    bool empty() const { return min_lon > max_lon; }
};

enum class ZoneLevel { NationalNewArea, National, Provincial };
const char* to_string(ZoneLevel l);  // "national_new_area" | "national" | "provincial"
std::optional<ZoneLevel> zone_level_from_string(const std::string& s);
struct Zone;
/// The zone `text` names: its code or English name in any case, or its Chinese name ("gana", "贵安新区",
/// "Gui'an New Area"; surrounding spaces ignored); null when none does. Every --zone goes through it.
const Zone* find_zone(const std::vector<Zone>& zones, const std::string& text);

struct Zone {
    int64_t id = 0;    // workspace row id
    std::string code;  // e.g. "GY-ETDZ"
    std::string name_zh;
    std::string name_en;
    ZoneLevel level = ZoneLevel::Provincial;
    double threshold_wan_per_mu = 300.0;  // fixed-asset investment intensity threshold
    std::string industries;               // lead industries, ';'-separated
    double area_m2 = 0.0;                 // ellipsoidal, CGCS2000
    MultiPolygon geom;
    /// Per polygon of `geom`, its part's name (片区: 马场, 湖潮, 党武) where the data gives one, else "";
    /// empty when no part is named (docs/data-formats.md).
    std::vector<std::string> part_names;
    /// The name of part `i` ("" when it has none).
    const std::string& part_name(size_t i) const {
        static const std::string none;
        return i < part_names.size() ? part_names[i] : none;
    }
};

/// One set of land-use classes for the three code schemes in use (GB/T 21010, third survey, 用地用海).
enum class LandUse {
    Industrial,
    Mining,
    Storage,
    Commercial,
    Residential,
    Public,
    Green,
    Transport,
    Agricultural,
    Other
};
const char* to_string(LandUse u);  // "industrial", "mining", "storage", ...
std::optional<LandUse> land_use_from_string(const std::string& s);

/// Supply status as delivered by the land office (not the derived land state of core/analysis/land_state).
enum class SupplyStatus {
    Reserved,
    ApprovedNotSupplied,
    Supplied,
    UnderConstruction,
    Producing,
    Idle,
    Unknown
};
const char* to_string(SupplyStatus s);  // "reserved", "approved_not_supplied", "supplied",
                                        // "under_construction", "producing", "idle", "unknown"
std::optional<SupplyStatus> supply_status_from_string(
    const std::string& s);  // English or Chinese (储备, 批而未供…)

/// Compliance of a parcel with its zone's investment-intensity threshold (industrial land only).
enum class Compliance { Meets, Below, NoData, NotApplicable };
const char* to_string(Compliance c);  // "meets" | "below" | "nodata" | "not_applicable"

/// What the ledger says about a parcel once joined (filled by core/analysis/indicators, stored in the parcels
/// table so that QGIS shows it too). Intensities use the parcel's ellipsoidal area as the denominator.
struct ParcelStats {
    int project_count = 0;
    OptDouble invest_wan, output_wan, tax_wan, jobs;  // sums over the projects on the parcel
                                                      // (shared projects split by area)
    OptDouble invest_wan_per_mu, output_wan_per_mu, tax_wan_per_mu, jobs_per_mu;
    double threshold_wan_per_mu = 0.0;  // of its zone (0 when in no zone)
    Compliance compliance = Compliance::NotApplicable;
    // (interned: a few distinct values over a million parcels, core/common/interned_string.hpp)
    InternedString industry;         // main industry of the projects on it ("" when none)
    InternedString stage;            // most advanced project stage
    InternedString enterprise_kind;  // of the largest project
};

struct Parcel {
    int64_t id = 0;         // workspace row id (unique even when codes repeat)
    std::string code;       // ZDDM as delivered
    std::string code_norm;  // normalised (trim, full-width→half-width, upper case)
    InternedString layer;   // source layer name (interned, as the other columns of few distinct values)
    int64_t source_fid = 0;
    InternedString zone_code;     // the zone holding most of its area, "" when none
    std::string location;         // ZL 坐落
    InternedString landuse_code;  // as delivered (0601, 1001, 05H1, …)
    InternedString landuse_name;
    LandUse landuse = LandUse::Other;
    OptDouble declared_area_m2;         // ZDMJ (planar) or TBMJ (ellipsoidal), see declared_area_kind
    InternedString declared_area_kind;  // "planar" | "ellipsoidal" | ""
    double area_m2 = 0.0;               // ellipsoidal area on CGCS2000 (holes subtracted)
    double area_mu = 0.0;
    double planar_area_m2 = 0.0;  // in its own 3-degree Gauss-Kruger zone
    int gk_zone = 0;              // 35, 36…
    OptDouble plot_ratio;
    SupplyStatus supply_status = SupplyStatus::Unknown;
    IsoDate approval_date, reserve_date, supply_date;
    IsoDate planned_supply_date;  // JHGDRQ 计划供地日期: when vacant land (储备, 批而未供) is to be supplied
    InternedString transfer_method;  // 标准地 / 招拍挂 / 协议
    OptDouble land_price_wan;
    IsoDate contract_start_date, contract_completion_date, supplement_start_date;
    InternedString exempt_reason;  // 政府原因 / 不可抗力 / ""
    IsoDate exempt_until;  // MZJZRQ 免责截止日期: the day the exemption's cause ended ("" = still on)
    OptDouble developed_share;  // 0..1
    OptDouble invested_share;   // 0..1 of the committed investment
    IsoDate work_stopped_date;
    bool standard_land = false;
    OptDouble committed_invest_wan_per_mu;
    OptDouble committed_output_wan_per_mu;
    OptDouble committed_tax_wan_per_mu;
    OptDouble committed_plot_ratio;
    double centroid_lon = 0.0, centroid_lat = 0.0;  // a point inside (GEOS PointOnSurface)
    ParcelStats stats;
    MultiPolygon geom;
};

struct Project {
    int64_t id = 0;          // workspace row id (unique even when project ids repeat)
    std::string project_id;  // 项目编号
    std::string name, enterprise, credit_code;
    InternedString zone_name;                         // 所属园区 as written in the ledger
    std::string parcel_codes_raw;                     // 宗地编号 as written ("" = not yet placed)
    InternedString industry, enterprise_kind, stage;  // 产业类别, 企业类型 (央企/国企/民企/外资), 项目阶段
    IsoDate sign_date, planned_start_date, actual_start_date, planned_production_date, actual_production_date,
        work_stopped_date;
    OptDouble total_invest_wan, fixed_invest_wan;
    OptDouble funds_2021_wan, funds_2022_wan, funds_2023_wan;  // 到位资金 by year
    OptDouble land_area_mu;                                    // 用地面积 as written in the ledger
    OptDouble output_wan, tax_wan, jobs, energy_tce;
    // The yearly 亩均 evaluation's figures (core/evaluation): 增加值, 营业收入 (万元), 排放量 of the
    // pollutant the evaluation names (吨), 用电量 (万千瓦时), 研发经费 (万元).
    OptDouble value_added_wan, revenue_wan, emission_t, electricity_wan_kwh, rd_wan;
    OptDouble floor_area_m2;          // 建筑面积: splits a shared parcel between its tenants
    std::optional<bool> above_scale;  // 规上企业 as written (nullopt: not given)
    bool quality_firm = false, headquarters = false, digital_economy = false, central_soe = false;
    OptDouble lon, lat;  // when the ledger carries coordinates
    int64_t source_row = 0;
};

/// A candidate of the plot planner (core/plan): a row of the project pipeline (项目库) or a signed ledger
/// project that is on no parcel yet.
struct PipelineProject {
    std::string project_id, name, enterprise, credit_code, industry;
    LandUse land_use = LandUse::Industrial;  // 用地类型: Industrial (工业) or Storage (仓储)
    OptDouble min_area_mu, max_area_mu;      // 最小/最大用地(亩)
    OptDouble fixed_invest_wan, output_wan, tax_wan, energy_tce, plot_ratio;
    std::string preferred_zone;  // 意向开发区 as written ("" = any zone)
    std::string earliest_start;  // 最早开工 "YYYY-MM" ("" = any time)
    bool standard_land = false, digital_economy = false, headquarters = false, central_soe = false;
    bool from_ledger = false;  // an unplaced ledger project rather than a pipeline row
    int64_t source_row = 0;
};

/// A reference layer (roads, rivers, district boundaries, 三调 land use): context drawn on the map, never
/// mixed with zones or parcels (docs/meeting-room.md).
struct ReferenceFeature {
    std::string label;
    std::vector<std::vector<LonLat>> lines;  // line strings, and polygon rings (closed) drawn as lines
};
struct ReferenceStyle {
    uint8_t r = 90, g = 90, b = 90, a = 255;
    double width_px = 2.0;
    std::string label_field;
    double max_m_per_px = 0.0;  // scale range: drawn only in views finer than this (0: always)
};
struct ReferenceLayer {
    std::string name, source_path;
    ReferenceStyle style;
    std::vector<ReferenceFeature> features;
};

/// A raster basemap registered with a workspace (its path, never a copy) or given for one picture
/// (docs/meeting-room.md): a raster GDAL reads, or a folder of XYZ tiles z/x/y.png|jpg.
struct Basemap {
    std::string name;
    std::string path;
    std::string scheme;  // tile folders: "webmercator" (default), "gcj02" (Gaode/Tencent tiles), "cgcs2000"
    double opacity = 1.0;
    bool grey = false;
};

/// One step of a storyboard (docs/meeting-room.md): a saved view of the map, stored in the workspace, shown
/// in presentation mode in sequence. Everything is by name or value, so a view survives a re-import.
struct StoryView {
    std::string name;                        // unique in the storyboard
    std::string title, subtitle;             // shown in the title strip while presenting
    double center_lon = 0, center_lat = 0;   // the camera: the view's centre (CGCS2000)
    double height_m = 0;                     // … and how many ground metres it shows top to bottom
    std::string theme = "invest_intensity";  // analysis::to_string(Theme)
    std::string method = "threshold";        // analysis::to_string(Method)
    int classes = 5;
    std::vector<double> breaks;                          // manual breaks
    std::string zone, industry, stage, enterprise_kind;  // filters ("" = all)
    std::string supply_status;                           // to_string(SupplyStatus), "" = all
    std::string as_of;                                   // YYYY-MM (land_state / fulfilment), "" = latest
    bool zones = true, parcels = true, projects = true, outlines = true, labels = true;
    std::vector<std::string> hidden_layers;  // basemaps and reference layers switched off
    double seconds = 0;                      // auto-advance after this long (0: the presenter)
};

/// Project ↔ parcel link (many to many).
struct Link {
    int64_t project_rowid = 0;
    int64_t parcel_id = 0;
    InternedString match;  // "exact" | "normalised" | "location"
};

enum class Severity { Info, Warning, Error };
const char* to_string(Severity s);  // "info" | "warning" | "error"

/// A finding about the data (libosmium's problem reporter idea): bad data is reported, not thrown.
struct Problem {
    std::string kind;  // see docs/sample-data-contract.md: invalid_geometry, overlap, duplicate_code…
    Severity severity = Severity::Warning;
    std::string layer;  // "zones" | "parcels" | "ledger" (or the source layer name)
    std::string id;     // parcel code or project id
    double lon = 0.0, lat = 0.0;
    std::string message_zh, message_en;
};

}  // namespace pa
