// read_zones / read_parcels / read_ledger: GDAL/OGR sources into the model (see sources.hpp).
#include "core/io/sources.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include "core/common/error.hpp"
#include "core/common/units.hpp"
#include "core/gdal/gdal_handles.hpp"
#include "core/geo/webshift.hpp"
#include "core/io/clean.hpp"
#include "core/io/field_map.hpp"
#include "core/io/landuse.hpp"
#include "core/io/values.hpp"

namespace pa::io {

namespace {

// ---------------------------------------------------------------------------------------------------------------
// Opening a source

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
bool ends_with_ci(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && lower(s.substr(s.size() - suffix.size())) == suffix;
}

const char* kind_en(LayerKind k) {
    switch (k) {
        case LayerKind::Zones: return "zones";
        case LayerKind::Parcels: return "parcels";
        case LayerKind::Ledger: return "ledger";
    }
    return "";
}

struct Source {
    std::string user;    // exactly what the user gave (for messages)
    std::string path;    // the file part
    std::string layer;   // "" = first layer
    std::string gdal;    // what GDAL opens (/vsizip/ for .zip)
    LayerKind kind = LayerKind::Parcels;
    std::string what() const {  // "the parcels source 'a.gpkg'"
        return std::string("the ") + kind_en(kind) + " source '" + user + "'";
    }
};

Source parse_source(const std::string& source, LayerKind kind) {
    Source s;
    s.user = source;
    s.kind = kind;
    s.path = source;
    if (auto p = source.rfind("::"); p != std::string::npos && p > 0) {
        s.path = source.substr(0, p);
        s.layer = source.substr(p + 2);
    }
    s.gdal = s.path;
    if (s.path.rfind("/vsi", 0) != 0 && ends_with_ci(s.path, ".zip")) s.gdal = "/vsizip/" + s.path;
    return s;
}

/// Sets a GDAL config option on this thread while alive (restores the previous value).
class ThreadConfig {
public:
    ThreadConfig() = default;
    ThreadConfig(const char* key, const char* value) : key_(key), active_(true) {
        const char* old = CPLGetThreadLocalConfigOption(key, nullptr);
        if (old) old_ = old;
        had_ = old != nullptr;
        CPLSetThreadLocalConfigOption(key, value);
    }
    ~ThreadConfig() {
        if (active_) CPLSetThreadLocalConfigOption(key_.c_str(), had_ ? old_.c_str() : nullptr);
    }
    ThreadConfig(const ThreadConfig&) = delete;
    ThreadConfig& operator=(const ThreadConfig&) = delete;

private:
    std::string key_, old_;
    bool active_ = false, had_ = false;
};

struct Opened {
    // GDAL 3.6 opens a shapefile in update mode when SHAPE_RESTORE_SHX=YES (set process-wide by gdal::init) and
    // rewrites its .shx on close: the user's files change under them (and a second reader can see a half-written
    // .shx), and a read-only /vsizip/ archive fails to open. So it is on, for as long as the dataset is open, only
    // for a plain shapefile whose .shx is really missing (see needs_shx_restore).
    std::unique_ptr<ThreadConfig> restore_shx;
    gdal::DatasetPtr ds;
    OGRLayerH layer = nullptr;
    std::string layer_name, driver, encoding;
};

// A shapefile outside any /vsi archive whose .shx (or .SHX) is missing: GDAL rebuilds it from the .shp.
bool needs_shx_restore(const Source& s) {
    if (s.gdal.rfind("/vsi", 0) == 0 || !ends_with_ci(s.path, ".shp")) return false;
    const std::string stem = s.path.substr(0, s.path.size() - 4);
    std::error_code ec;
    return !std::filesystem::exists(stem + ".shx", ec) && !std::filesystem::exists(stem + ".SHX", ec);
}

gdal::DatasetPtr open_dataset(const Source& s, const std::vector<std::string>& open_options) {
    std::vector<const char*> oo;
    for (const auto& o : open_options) oo.push_back(o.c_str());
    oo.push_back(nullptr);
    CPLErrorReset();
    gdal::DatasetPtr ds(GDALOpenEx(s.gdal.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                   open_options.empty() ? nullptr : oo.data(), nullptr));
    if (!ds) {
        std::string msg = gdal::last_error();
        throw InputError("GDAL cannot open " + s.what() + " as a vector dataset" +
                         (msg.empty() ? std::string() : " (" + msg + ")") +
                         "; check that the file is complete and in a format GDAL reads (Shapefile, GeoPackage, "
                         "GeoJSON, FlatGeobuf, FileGDB, KML, CSV, XLSX, zipped shapefile).");
    }
    return ds;
}

OGRLayerH pick_layer(const Source& s, GDALDatasetH ds) {
    const int n = GDALDatasetGetLayerCount(ds);
    if (!s.layer.empty()) {
        OGRLayerH l = GDALDatasetGetLayerByName(ds, s.layer.c_str());
        if (!l) {
            std::string names;
            for (int i = 0; i < n; ++i)
                names += (i ? ", " : "") + std::string(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
            throw InputError("The " + std::string(kind_en(s.kind)) + " source '" + s.user + "' has no layer '" +
                             s.layer + "' (its layers: " + (names.empty() ? "none" : names) +
                             "); name one of them after '::'.");
        }
        return l;
    }
    if (n == 0)
        throw InputError("The " + std::string(kind_en(s.kind)) + " source '" + s.user +
                         "' contains no layer; give a file with data in it.");
    return GDALDatasetGetLayer(ds, 0);
}

/// Files GDAL uses for the dataset (main file, .dbf, .cpg…).
std::vector<std::string> file_list(GDALDatasetH ds) {
    std::vector<std::string> out;
    char** files = GDALGetFileList(ds);
    for (char** f = files; f && *f; ++f) out.emplace_back(*f);
    CSLDestroy(files);
    return out;
}

std::string read_small_file(const std::string& path) {
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return "";
    char buf[256];
    const size_t n = VSIFReadL(buf, 1, sizeof buf, f);
    VSIFCloseL(f);
    return trim(std::string(buf, n));
}

/// The .cpg next to a .dbf (any case), or "".
std::string find_cpg(const std::string& dbf) {
    const std::string base = dbf.substr(0, dbf.size() - 4);
    for (const char* ext : {".cpg", ".CPG", ".Cpg"}) {
        VSIStatBufL st;
        if (VSIStatL((base + ext).c_str(), &st) == 0) return base + ext;
    }
    return "";
}

int dbf_ldid(const std::string& dbf) {
    VSILFILE* f = VSIFOpenL(dbf.c_str(), "rb");
    if (!f) return 0;
    unsigned char hdr[32] = {};
    const size_t n = VSIFReadL(hdr, 1, sizeof hdr, f);
    VSIFCloseL(f);
    return n >= 30 ? hdr[29] : 0;
}

/// True when some string field of the layer holds bytes that are not UTF-8 (scans up to `limit` features).
bool layer_has_non_utf8(OGRLayerH layer, int64_t limit) {
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    std::vector<int> text;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        if (OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i)) == OFTString) text.push_back(i);
    // Field names can be Chinese too.
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        if (!is_valid_utf8(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)))) return true;
    if (text.empty()) return false;
    OGR_L_ResetReading(layer);
    bool bad = false;
    int64_t count = 0;
    while (!bad && count < limit) {
        gdal::FeaturePtr f(OGR_L_GetNextFeature(layer));
        if (!f) break;
        ++count;
        for (int i : text) {
            if (OGR_F_IsFieldSetAndNotNull(f.get(), i) && !is_valid_utf8(OGR_F_GetFieldAsString(f.get(), i))) {
                bad = true;
                break;
            }
        }
    }
    OGR_L_ResetReading(layer);
    return bad;
}

Opened open_source(const Source& s, const SourceOptions& opt) {
    gdal::init();
    // A path that does not exist: say so plainly rather than GDAL's generic "not recognised".
    {
        VSIStatBufL st;
        if (VSIStatL(s.gdal.c_str(), &st) != 0 && VSIStatL(s.path.c_str(), &st) != 0)
            throw InputError("The " + std::string(kind_en(s.kind)) + " source '" + s.user +
                             "' does not exist; check the path.");
    }
    std::vector<std::string> oo;
    const bool csv = ends_with_ci(s.path, ".csv");
    if (csv && s.kind != LayerKind::Ledger) {
        oo = {"X_POSSIBLE_NAMES=x,lon,lng,longitude,经度", "Y_POSSIBLE_NAMES=y,lat,latitude,纬度",
              "GEOM_POSSIBLE_NAMES=wkt,geom,geometry,the_geom,shape", "KEEP_GEOM_COLUMNS=NO"};
    }
    Opened o;
    o.restore_shx = std::make_unique<ThreadConfig>("SHAPE_RESTORE_SHX", needs_shx_restore(s) ? "YES" : "NO");
    o.ds = open_dataset(s, oo);
    o.driver = GDALGetDriverShortName(GDALGetDatasetDriver(o.ds.get()));
    o.layer = pick_layer(s, o.ds.get());
    o.encoding = "UTF-8";

    if (o.driver == "ESRI Shapefile") {
        std::string dbf;
        for (const auto& f : file_list(o.ds.get()))
            if (ends_with_ci(f, ".dbf")) dbf = f;
        // A folder of shapefiles or a zip: the .dbf of the chosen layer.
        const std::string lname = OGR_L_GetName(o.layer);
        for (const auto& f : file_list(o.ds.get()))
            if (ends_with_ci(f, "/" + lower(lname) + ".dbf") || ends_with_ci(f, lname + ".dbf")) dbf = f;
        std::string reopen_with;
        if (!opt.encoding.empty()) {
            reopen_with = opt.encoding;
            o.encoding = opt.encoding;
        } else if (std::string cpg = dbf.empty() ? "" : find_cpg(dbf); !cpg.empty()) {
            o.encoding = read_small_file(cpg);  // GDAL recodes from it
            if (o.encoding.empty()) o.encoding = "UTF-8";
        } else if (int ldid = dbf.empty() ? 0 : dbf_ldid(dbf); ldid != 0) {
            o.encoding = "LDID/" + std::to_string(ldid);  // GDAL recodes from it
        } else if (layer_has_non_utf8(o.layer, 100000)) {
            // No .cpg, no LDID, not UTF-8: a Chinese office's DBF is GBK.
            reopen_with = "CP936";
            o.encoding = "CP936";
        }
        if (!reopen_with.empty()) {
            o.layer = nullptr;
            o.ds.reset();
            o.ds = open_dataset(s, {"ENCODING=" + reopen_with});
            o.layer = pick_layer(s, o.ds.get());
        }
    }
    o.layer_name = OGR_L_GetName(o.layer);
    return o;
}

std::string where(const Source& s, const Opened& o) {
    return "'" + s.user + "' (layer '" + o.layer_name + "')";
}

std::vector<std::string> field_names(OGRLayerH layer) {
    std::vector<std::string> out;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
        std::string n = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
        if (n.rfind("\xEF\xBB\xBF", 0) == 0) n = n.substr(3);  // BOM glued to the first CSV header
        out.push_back(n);
    }
    return out;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return out.empty() ? "(none)" : out;
}

[[noreturn]] void missing_field(const Source& s, const Opened& o, const std::string& wanted, LayerKind kind,
                                const std::string& canonical, const std::vector<std::string>& have) {
    std::string aliases;
    for (const auto& spec : field_specs(kind))
        if (canonical == spec.canonical)
            for (const char* a : spec.aliases) aliases += (aliases.empty() ? "" : ", ") + std::string(a);
    throw InputError("The " + std::string(kind_en(kind)) + " source " + where(s, o) + " has no field for the " +
                     wanted + " (looked for " + aliases + "; found " + join(have) +
                     "): rename the column or map it in a --mapping JSON file.");
}

// ---------------------------------------------------------------------------------------------------------------
// CRS

bool contains_ci(const std::string& hay, const std::string& needle) {
    return lower(hay).find(lower(needle)) != std::string::npos;
}

std::string describe_srs(OGRSpatialReferenceH srs) {
    gdal::SrsPtr c = gdal::clone_srs(srs);
    const char* auth = OSRGetAuthorityName(c.get(), nullptr);
    const char* code = OSRGetAuthorityCode(c.get(), nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    {
        gdal::QuietErrors quiet;
        int n = 0;
        int* conf = nullptr;
        OGRSpatialReferenceH* matches = OSRFindMatches(c.get(), nullptr, &n, &conf);
        std::string out;
        if (matches && n > 0 && conf[0] >= 70) {
            const char* a = OSRGetAuthorityName(matches[0], nullptr);
            const char* cd = OSRGetAuthorityCode(matches[0], nullptr);
            if (a && cd) out = std::string(a) + ":" + cd;
        }
        OSRFreeSRSArray(matches);
        CPLFree(conf);
        if (!out.empty()) return out;
    }
    const char* name = OSRGetName(c.get());
    return name ? name : "unknown";
}

std::string datum_of(OGRSpatialReferenceH srs) {
    const char* d = OSRGetAttrValue(srs, "DATUM", 0);
    return d ? d : "";
}

/// > 0 when `srs` is a CGCS2000 3-degree Gauss-Kruger CRS in metres (with or without the zone prefix).
int cgcs2000_gk_zone(OGRSpatialReferenceH srs) {
    if (!OSRIsProjected(srs)) return 0;
    const std::string datum = datum_of(srs);
    if (!(contains_ci(datum, "China_2000") || contains_ci(datum, "China 2000") || contains_ci(datum, "CGCS")))
        return 0;
    const char* proj = OSRGetAttrValue(srs, "PROJECTION", 0);
    if (!proj || !(contains_ci(proj, "Transverse_Mercator") || contains_ci(proj, "Gauss"))) return 0;
    OGRErr e = OGRERR_NONE;
    const double cm = OSRGetProjParm(srs, SRS_PP_CENTRAL_MERIDIAN, 0.0, &e);
    const double k = OSRGetProjParm(srs, SRS_PP_SCALE_FACTOR, 1.0, &e);
    const double lat0 = OSRGetProjParm(srs, SRS_PP_LATITUDE_OF_ORIGIN, 0.0, &e);
    const double fe = OSRGetProjParm(srs, SRS_PP_FALSE_EASTING, 0.0, &e);
    const double fn = OSRGetProjParm(srs, SRS_PP_FALSE_NORTHING, 0.0, &e);
    if (std::fabs(OSRGetLinearUnits(srs, nullptr) - 1.0) > 1e-12) return 0;
    const int zone = static_cast<int>(std::lround(cm / 3.0));
    if (std::fabs(cm - 3.0 * zone) > 1e-9 || std::fabs(k - 1.0) > 1e-12 || lat0 != 0.0 || fn != 0.0) return 0;
    if (fe == 500000.0 || fe == zone * 1e6 + 500000.0) return zone;
    return 0;
}

CrsPlan plan_crs(const Source& s, const Opened& o, const SourceOptions& opt, std::string& crs_text) {
    CrsPlan plan;
    plan.shift = opt.shift;
    OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef(o.layer);
    gdal::SrsPtr src;
    if (layer_srs) {
        src = gdal::clone_srs(layer_srs);
    } else if (!opt.assume_crs.empty()) {
        src = gdal::make_srs(opt.assume_crs, "the source '" + s.user + "'");
    } else if (opt.shift != WebShift::None) {
        src = gdal::make_srs("EPSG:4326");  // web-map coordinates are lon/lat on WGS84 before the shift
    } else {
        const bool shp = o.driver == "ESRI Shapefile";
        throw InputError("The " + std::string(kind_en(s.kind)) + " source " + where(s, o) +
                         " has no coordinate reference system" + (shp ? " (no .prj file)" : "") +
                         "; add one, or say which it is with --assume-crs EPSG:N (e.g. EPSG:4545).");
    }
    crs_text = describe_srs(src.get());
    if (opt.shift != WebShift::None) {
        if (!OSRIsGeographic(src.get()))
            throw InputError("The " + std::string(kind_en(s.kind)) + " source " + where(s, o) + " is in " +
                             crs_text + ", a projected CRS; GCJ-02 / BD-09 conversion expects web-map longitude/"
                             "latitude: give the source in lon/lat or drop --from-gcj02 / --from-bd09.");
        plan.src_wkt.clear();  // the shift takes lon/lat straight to WGS84 ≈ CGCS2000
        crs_text += opt.shift == WebShift::Gcj02 ? " (GCJ-02)" : " (BD-09)";
        return plan;
    }
    const std::string datum = datum_of(src.get());
    const bool xian = contains_ci(datum, "xian") || contains_ci(datum, "xi'an") || contains_ci(datum, "1980");
    const bool beijing = contains_ci(datum, "beijing") || contains_ci(datum, "1954");
    if ((xian || beijing) && !contains_ci(datum, "2000")) {
        double coef[7] = {};
        const bool has_towgs84 = OSRGetTOWGS84(src.get(), coef, 7) == OGRERR_NONE &&
                                 std::any_of(coef, coef + 7, [](double v) { return v != 0.0; });
        if (opt.helmert) {
            const auto& h = *opt.helmert;
            char* p4 = nullptr;
            if (OSRExportToProj4(src.get(), &p4) != OGRERR_NONE || !p4) {
                CPLFree(p4);
                throw InputError("The coordinate reference system of " + where(s, o) +
                                 " cannot take Helmert parameters; reproject the source to EPSG:4490 first.");
            }
            std::string def = p4;
            CPLFree(p4);
            def += " +towgs84=";
            for (size_t i = 0; i < 7; ++i) def += (i ? "," : "") + std::to_string(h[i]);
            src = gdal::make_srs(def, "the source '" + s.user + "'");
            plan.dst = "EPSG:4326";
            crs_text += " +towgs84";
        } else if (!has_towgs84 && !opt.accept_ballpark_datum) {
            const std::string dname = xian ? "Xian 1980" : "Beijing 1954";
            throw InputError("The " + std::string(kind_en(s.kind)) + " source " + where(s, o) + " is in " + dname +
                             " (" + crs_text + "), for which PROJ 9.1 offers only a ballpark shift to CGCS2000 "
                             "(errors of tens of metres): give the 7 Helmert parameters from your survey office, "
                             "or accept the ballpark shift explicitly.");
        } else if (!has_towgs84) {
            crs_text += " (ballpark datum shift)";
        }
    }
    plan.source_gk_zone = cgcs2000_gk_zone(src.get());
    // Already CGCS2000 lon/lat: no transformation at all.
    gdal::SrsPtr cgcs = gdal::make_srs(plan.dst);
    if (OSRIsGeographic(src.get()) && OSRIsSame(src.get(), cgcs.get())) {
        plan.src_wkt.clear();
    } else {
        char* wkt = nullptr;
        const char* wkt_opts[] = {"FORMAT=WKT2_2019", nullptr};
        if (OSRExportToWktEx(src.get(), &wkt, wkt_opts) != OGRERR_NONE || !wkt) {
            CPLFree(wkt);
            throw InputError("The coordinate reference system of " + where(s, o) +
                             " cannot be used (" + gdal::last_error() + "); reproject the source to EPSG:4490.");
        }
        plan.src_wkt = wkt;
        CPLFree(wkt);
        // Fail now, on the reader's thread, with a sentence, rather than in a worker.
        gdal::SrsPtr probe = gdal::make_srs(plan.src_wkt);
        gdal::TransformPtr ct(OCTNewCoordinateTransformation(probe.get(), cgcs.get()));
        if (!ct)
            throw InputError("There is no coordinate transformation from " + crs_text + " of " + where(s, o) +
                             " to CGCS2000 (EPSG:4490) (" + gdal::last_error() + "); reproject the source first.");
    }
    return plan;
}

// ---------------------------------------------------------------------------------------------------------------
// Attribute access

class Row {
public:
    Row(OGRLayerH layer, const std::vector<ResolvedField>& fields) : fields_(fields) {
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
        types_.resize(fields.size(), OFTString);
        for (size_t i = 0; i < fields.size(); ++i)
            if (fields[i].index >= 0) types_[i] = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, fields[i].index));
    }
    void set(OGRFeatureH f) { f_ = f; }
    size_t slot(const std::string& canonical) const {
        for (size_t i = 0; i < fields_.size(); ++i)
            if (fields_[i].canonical == canonical) return i;
        return npos;
    }
    static constexpr size_t npos = static_cast<size_t>(-1);
    bool present(size_t slot) const { return slot != npos && fields_[slot].index >= 0; }
    bool has(size_t slot) const { return present(slot) && OGR_F_IsFieldSetAndNotNull(f_, fields_[slot].index); }
    std::string str(size_t slot) const {
        if (!has(slot)) return "";
        return trim(OGR_F_GetFieldAsString(f_, fields_[slot].index));
    }
    std::optional<double> num(size_t slot) const {
        if (!has(slot)) return std::nullopt;
        const OGRFieldType t = types_[slot];
        if (t == OFTReal || t == OFTInteger || t == OFTInteger64)
            return OGR_F_GetFieldAsDouble(f_, fields_[slot].index);
        return parse_number(OGR_F_GetFieldAsString(f_, fields_[slot].index));
    }
    std::string date(size_t slot) const {
        if (!has(slot)) return "";
        const OGRFieldType t = types_[slot];
        const int idx = fields_[slot].index;
        if (t == OFTDate || t == OFTDateTime) {
            int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
            float ss = 0;
            if (OGR_F_GetFieldAsDateTimeEx(f_, idx, &y, &m, &d, &hh, &mm, &ss, &tz) && y > 0) {
                char buf[48];
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
                return buf;
            }
            return "";
        }
        if (t == OFTReal || t == OFTInteger || t == OFTInteger64) {
            const double v = OGR_F_GetFieldAsDouble(f_, idx);
            if (v >= 19000101 && v <= 22001231) return parse_date(std::to_string(static_cast<long long>(v)));
            if (v >= 20000 && v < 80000) return date_from_excel_serial(v);
            return "";
        }
        return parse_date(OGR_F_GetFieldAsString(f_, idx));
    }
    std::optional<bool> flag(size_t slot) const {
        if (!has(slot)) return std::nullopt;
        return parse_flag(OGR_F_GetFieldAsString(f_, fields_[slot].index));
    }

private:
    const std::vector<ResolvedField>& fields_;
    std::vector<OGRFieldType> types_;
    OGRFeatureH f_ = nullptr;
};

// ---------------------------------------------------------------------------------------------------------------
// Geometry extraction (reader thread)

void add_polygon(OGRGeometryH poly, RawGeom& raw) {
    const int nr = OGR_G_GetGeometryCount(poly);
    uint32_t kept = 0;
    for (int r = 0; r < nr; ++r) {
        OGRGeometryH ring = OGR_G_GetGeometryRef(poly, r);
        const int n = OGR_G_GetPointCount(ring);
        if (n <= 0) continue;
        const size_t off = raw.x.size();
        raw.x.resize(off + static_cast<size_t>(n));
        raw.y.resize(off + static_cast<size_t>(n));
        OGR_G_GetPoints(ring, raw.x.data() + off, sizeof(double), raw.y.data() + off, sizeof(double), nullptr, 0);
        raw.ring_sizes.push_back(static_cast<uint32_t>(n));
        ++kept;
    }
    if (kept > 0) raw.poly_rings.push_back(kept);
}

void extract(OGRGeometryH g, RawGeom& raw) {
    raw.clear();
    if (!g || OGR_G_IsEmpty(g)) {
        raw.rejected_reason = "empty geometry";
        return;
    }
    gdal::GeometryPtr linear;
    if (OGR_G_HasCurveGeometry(g, TRUE)) {
        linear.reset(OGR_G_GetLinearGeometry(g, 0.0, nullptr));
        if (linear) g = linear.get();
    }
    const OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPolygon) {
        add_polygon(g, raw);
    } else if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) {
            OGRGeometryH part = OGR_G_GetGeometryRef(g, i);
            if (wkbFlatten(OGR_G_GetGeometryType(part)) == wkbPolygon) add_polygon(part, raw);
        }
    } else if (t == wkbPolyhedralSurface || t == wkbTIN) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) add_polygon(OGR_G_GetGeometryRef(g, i), raw);
    }
    if (raw.poly_rings.empty())
        raw.rejected_reason = std::string("not a polygon (") + OGRGeometryTypeToName(t) + ")";
}

void check_polygon_layer(const Source& s, const Opened& o) {
    const OGRwkbGeometryType t = wkbFlatten(OGR_L_GetGeomType(o.layer));
    const char* tname = OGRGeometryTypeToName(t);
    if (t == wkbNone)
        throw InputError("The " + std::string(kind_en(s.kind)) + " source " + where(s, o) +
                         " has no geometry; give a polygon layer (or, for a CSV, a WKT column).");
    if (t == wkbPoint || t == wkbMultiPoint || t == wkbLineString || t == wkbMultiLineString ||
        t == wkbCircularString || t == wkbCompoundCurve || t == wkbMultiCurve)
        throw InputError("The " + std::string(kind_en(s.kind)) + " source " + where(s, o) + " is a " + tname +
                         " layer, not polygons; give the polygon layer of the " + kind_en(s.kind) + ".");
}

void check_not_empty(const Source& s, const Opened& o, int64_t count) {
    if (count == 0)
        throw InputError("The " + std::string(kind_en(s.kind)) + " source " + where(s, o) +
                         " has no features; give a layer with data in it.");
}

// ---------------------------------------------------------------------------------------------------------------
// Worker pool: N threads, each with its own Cleaner (GEOS context, OGR transformation), running one job at a time.

class Pool {
public:
    Pool(int n, const CrsPlan& plan) : n_(n) {
        for (int i = 0; i < n; ++i) threads_.emplace_back([this, i, plan] { loop(i, plan); });
        // Surface a construction failure now.
        std::unique_lock lk(mu_);
        cv_done_.wait(lk, [&] { return started_ == n_; });
        if (error_) {
            stop_locked(lk);
            std::rethrow_exception(error_);
        }
    }
    ~Pool() {
        std::unique_lock lk(mu_);
        stop_locked(lk);
    }
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;
    int size() const { return n_; }
    void submit(std::function<void(Cleaner&, int)> job) {
        std::lock_guard lk(mu_);
        job_ = std::move(job);
        pending_ = n_;
        ++generation_;
        cv_job_.notify_all();
    }
    void wait() {
        std::unique_lock lk(mu_);
        cv_done_.wait(lk, [&] { return pending_ == 0; });
        if (error_) {
            auto e = error_;
            error_ = nullptr;
            std::rethrow_exception(e);
        }
    }

private:
    void stop_locked(std::unique_lock<std::mutex>& lk) {
        stop_ = true;
        cv_job_.notify_all();
        lk.unlock();
        for (auto& t : threads_)
            if (t.joinable()) t.join();
        threads_.clear();
        lk.lock();
    }
    void loop(int idx, CrsPlan plan) {
        std::unique_ptr<Cleaner> cleaner;
        try {
            cleaner = std::make_unique<Cleaner>(plan);
        } catch (...) {
            std::lock_guard lk(mu_);
            if (!error_) error_ = std::current_exception();
        }
        uint64_t seen = 0;
        {
            std::lock_guard lk(mu_);
            ++started_;
            seen = generation_;
            cv_done_.notify_all();
        }
        for (;;) {
            std::function<void(Cleaner&, int)> job;
            {
                std::unique_lock lk(mu_);
                cv_job_.wait(lk, [&] { return stop_ || generation_ != seen; });
                if (stop_) return;
                seen = generation_;
                job = job_;
            }
            try {
                if (cleaner) job(*cleaner, idx);
            } catch (...) {
                std::lock_guard lk(mu_);
                if (!error_) error_ = std::current_exception();
            }
            std::lock_guard lk(mu_);
            if (--pending_ == 0) cv_done_.notify_all();
        }
    }

    int n_;
    std::vector<std::thread> threads_;
    std::mutex mu_;
    std::condition_variable cv_job_, cv_done_;
    std::function<void(Cleaner&, int)> job_;
    uint64_t generation_ = 0;
    int pending_ = 0;
    int started_ = 0;
    bool stop_ = false;
    std::exception_ptr error_;
};

int worker_count() {
    const unsigned hw = std::thread::hardware_concurrency();
    return static_cast<int>(std::clamp(hw == 0 ? 2u : hw, 1u, 8u));
}

Problem to_problem(const GeomProblem& g, const std::string& layer, const std::string& id,
                   const std::string& where_en, const std::string& where_zh) {
    Problem p;
    p.kind = g.kind;
    p.severity = g.severity;
    p.layer = layer;
    p.id = id;
    p.lon = g.x;
    p.lat = g.y;
    p.message_en = where_en + ": " + g.detail_en;
    p.message_zh = where_zh + "：" + g.detail_zh;
    return p;
}

/// Reads every feature of a polygon layer: `fill` maps attributes on the reader thread; geometry is cleaned,
/// reprojected and measured by the pool, one chunk while the next is read. `sink` gets the items in order.
template <class Item, class Fill, class Sink>
int64_t read_polygons(OGRLayerH layer, const CrsPlan& plan, Fill fill, Sink sink, int threads) {
    constexpr size_t kChunk = 4096;
    Pool pool(threads, plan);
    std::vector<Item> cur, next;
    int64_t total = 0;
    CPLErrorReset();
    OGR_L_ResetReading(layer);
    auto read_chunk = [&](std::vector<Item>& items) {
        items.clear();
        while (items.size() < kChunk) {
            gdal::FeaturePtr f(OGR_L_GetNextFeature(layer));
            if (!f) break;
            ++total;
            items.emplace_back();
            Item& it = items.back();
            fill(f.get(), it);
            extract(OGR_F_GetGeometryRef(f.get()), it.raw);
        }
    };
    read_chunk(cur);
    while (!cur.empty()) {
        const int nthreads = pool.size();
        pool.submit([&cur, nthreads](Cleaner& c, int idx) {
            std::vector<RawGeom*> raws;
            std::vector<CleanResult*> outs;
            for (size_t i = static_cast<size_t>(idx); i < cur.size(); i += static_cast<size_t>(nthreads)) {
                c.clean(cur[i].raw, cur[i].out);
                raws.push_back(&cur[i].raw);
                outs.push_back(&cur[i].out);
            }
            c.finish(raws, outs);
        });
        read_chunk(next);
        pool.wait();
        for (Item& it : cur) sink(it);
        std::swap(cur, next);
    }
    if (CPLGetLastErrorType() == CE_Failure) {
        // A read error part-way through (e.g. a truncated file): refuse rather than import half a layer.
        throw InputError("Reading stopped with an error after " + std::to_string(total) + " features (" +
                         gdal::last_error() + ")");
    }
    return total;
}

/// The import-log fields every reader fills the same way; an empty layer is refused here.
void begin_report(const Source& s, const Opened& o, ReadReport& rep) {
    rep.path = s.path;
    rep.layer = o.layer_name;
    rep.driver = o.driver;
    rep.encoding = o.encoding;
    rep.feature_count = OGR_L_GetFeatureCount(o.layer, TRUE);
    check_not_empty(s, o, rep.feature_count);
}

}  // namespace

// -------------------------------------------------------------------------------------------------------------------

ParcelsRead read_parcels(const std::string& source, const SourceOptions& opt) {
    const Source s = parse_source(source, LayerKind::Parcels);
    Opened o = open_source(s, opt);
    check_polygon_layer(s, o);
    ParcelsRead out;
    ReadReport& rep = out.report;
    begin_report(s, o, rep);
    const CrsPlan plan = plan_crs(s, o, opt, rep.crs);

    const auto names = field_names(o.layer);
    const auto fields = resolve_fields(LayerKind::Parcels, names, opt.mapping_file);
    Row row(o.layer, fields);
    const size_t c_code = row.slot("code"), c_bsm = row.slot("code_survey"), c_loc = row.slot("location"),
                 c_lu_g = row.slot("landuse_code_gbt"), c_lu_y = row.slot("landuse_code_ydyh"),
                 c_lu = row.slot("landuse_code"), c_lun = row.slot("landuse_name"),
                 c_zdmj = row.slot("declared_area_planar"), c_tbmj = row.slot("declared_area_ellipsoidal"),
                 c_rjl = row.slot("plot_ratio"), c_st = row.slot("supply_status"), c_pz = row.slot("approval_date"),
                 c_cb = row.slot("reserve_date"), c_gy = row.slot("supply_date"),
                 c_fs = row.slot("transfer_method"), c_jg = row.slot("land_price_wan"),
                 c_kg = row.slot("contract_start_date"), c_jgrq = row.slot("contract_completion_date"),
                 c_bc = row.slot("supplement_start_date"), c_mz = row.slot("exempt_reason"),
                 c_kf = row.slot("developed_share"), c_tz = row.slot("invested_share"),
                 c_tg = row.slot("work_stopped_date"), c_bzd = row.slot("standard_land"),
                 c_ctz = row.slot("committed_invest_wan_per_mu"), c_ccc = row.slot("committed_output_wan_per_mu"),
                 c_css = row.slot("committed_tax_wan_per_mu"), c_crjl = row.slot("committed_plot_ratio");

    // Parcel code: ZDDM & co.; BSM only as a survey-layer fallback; else "<layer>#<fid>".
    size_t code_slot = row.present(c_code) ? c_code : Row::npos;
    const std::string layer_name = o.layer_name;
    if (code_slot == Row::npos && row.present(c_bsm)) {
        code_slot = c_bsm;
        rep.problems.push_back({"code_from_survey_id", Severity::Warning, "parcels", layer_name, 0.0, 0.0,
                                "图层 " + where(s, o) + " 没有宗地编号字段，使用调查标识码 BSM 作为编号",
                                "The parcels layer " + where(s, o) +
                                    " has no parcel-code field; its survey id BSM is used as the code."});
    } else if (code_slot == Row::npos) {
        std::string have = join(names);
        rep.problems.push_back({"no_code_field", Severity::Warning, "parcels", layer_name, 0.0, 0.0,
                                "图层 " + where(s, o) + " 没有可识别的宗地编号字段（现有字段：" + have +
                                    "），编号取“图层名#要素号”",
                                "The parcels layer " + where(s, o) + " has no recognisable parcel-code field (found " +
                                    have + "); codes are made as '" + layer_name + "#<feature id>'."});
    }
    // Land-use code field and its scheme.
    size_t lu_slot = Row::npos;
    std::optional<LandUseScheme> scheme;
    if (row.present(c_lu_y)) { lu_slot = c_lu_y; scheme = LandUseScheme::Ydyh2020; }
    else if (row.present(c_lu_g)) { lu_slot = c_lu_g; scheme = LandUseScheme::Gbt21010; }
    else if (row.present(c_lu)) { lu_slot = c_lu; }

    struct Item {
        Parcel p;
        RawGeom raw;
        CleanResult out;
    };
    auto fill = [&](OGRFeatureH f, Item& it) {
        row.set(f);
        Parcel& p = it.p;
        p.layer = layer_name;
        p.source_fid = OGR_F_GetFID(f);
        p.code = code_slot != Row::npos ? row.str(code_slot) : "";
        if (p.code.empty()) p.code = layer_name + "#" + std::to_string(p.source_fid);
        p.code_norm = normalise_code(p.code);
        p.location = row.str(c_loc);
        p.landuse_code = lu_slot != Row::npos ? row.str(lu_slot) : "";
        p.landuse_name = row.str(c_lun);
        if (auto v = row.num(c_zdmj)) { p.declared_area_m2 = v; p.declared_area_kind = "planar"; }
        else if (auto w = row.num(c_tbmj)) { p.declared_area_m2 = w; p.declared_area_kind = "ellipsoidal"; }
        p.plot_ratio = row.num(c_rjl);
        if (auto st = row.str(c_st); !st.empty()) p.supply_status = supply_status_from_string(st).value_or(SupplyStatus::Unknown);
        p.approval_date = row.date(c_pz);
        p.reserve_date = row.date(c_cb);
        p.supply_date = row.date(c_gy);
        p.transfer_method = row.str(c_fs);
        p.land_price_wan = row.num(c_jg);
        p.contract_start_date = row.date(c_kg);
        p.contract_completion_date = row.date(c_jgrq);
        p.supplement_start_date = row.date(c_bc);
        p.exempt_reason = row.str(c_mz);
        p.developed_share = row.num(c_kf);
        p.invested_share = row.num(c_tz);
        p.work_stopped_date = row.date(c_tg);
        p.standard_land = row.flag(c_bzd).value_or(false);
        p.committed_invest_wan_per_mu = row.num(c_ctz);
        p.committed_output_wan_per_mu = row.num(c_ccc);
        p.committed_tax_wan_per_mu = row.num(c_css);
        p.committed_plot_ratio = row.num(c_crjl);
    };
    std::vector<std::string> codes_for_scheme;
    auto sink = [&](Item& it) {
        Parcel& p = it.p;
        const std::string where_en = "parcel " + p.code + " (feature " + std::to_string(p.source_fid) + " of " +
                                     where(s, o) + ")";
        const std::string where_zh = "宗地 " + p.code + "（" + where(s, o) + " 第 " +
                                     std::to_string(p.source_fid) + " 个要素）";
        for (const GeomProblem& g : it.out.problems)
            rep.problems.push_back(to_problem(g, "parcels", p.code, where_en, where_zh));
        if (it.out.rejected) return;
        p.geom = std::move(it.out.geom);
        p.area_m2 = it.out.area_m2;
        p.area_mu = units::mu_from_m2(p.area_m2);
        p.planar_area_m2 = it.out.planar_area_m2;
        p.gk_zone = it.out.gk_zone;
        p.centroid_lon = it.out.point_on_surface.lon;
        p.centroid_lat = it.out.point_on_surface.lat;
        if (!scheme && !p.landuse_code.empty()) codes_for_scheme.push_back(p.landuse_code);
        out.parcels.push_back(std::move(p));
    };
    try {
        read_polygons<Item>(o.layer, plan, fill, sink, worker_count());
    } catch (const InputError& e) {
        throw InputError("The parcels source " + where(s, o) + " cannot be read: " + e.what() +
                         "; check that the file is complete.");
    }
    // Land-use classes, once the scheme is known.
    const LandUseScheme sch = scheme.value_or(detect_scheme(codes_for_scheme));
    for (Parcel& p : out.parcels) {
        if (!p.landuse_code.empty()) p.landuse = classify_landuse(p.landuse_code, sch);
        else if (auto u = classify_landuse_name(p.landuse_name)) p.landuse = *u;
    }
    rep.stored_count = static_cast<int64_t>(out.parcels.size());
    return out;
}

ZonesRead read_zones(const std::string& source, const SourceOptions& opt) {
    const Source s = parse_source(source, LayerKind::Zones);
    Opened o = open_source(s, opt);
    check_polygon_layer(s, o);
    ZonesRead out;
    ReadReport& rep = out.report;
    begin_report(s, o, rep);
    const CrsPlan plan = plan_crs(s, o, opt, rep.crs);

    const auto names = field_names(o.layer);
    const auto fields = resolve_fields(LayerKind::Zones, names, opt.mapping_file);
    Row row(o.layer, fields);
    const size_t c_code = row.slot("code"), c_name = row.slot("name"), c_en = row.slot("name_en"),
                 c_level = row.slot("level"), c_thr = row.slot("threshold"), c_ind = row.slot("industries");
    if (!row.present(c_code)) missing_field(s, o, "zone code", LayerKind::Zones, "code", names);
    if (!row.present(c_name)) missing_field(s, o, "zone name", LayerKind::Zones, "name", names);
    if (!row.present(c_level) && !row.present(c_thr))
        missing_field(s, o, "zone level (or its investment-intensity threshold)", LayerKind::Zones, "level", names);

    struct Item {
        Zone z;
        int64_t fid = 0;
        bool level_unknown = false;
        RawGeom raw;
        CleanResult out;
    };
    auto fill = [&](OGRFeatureH f, Item& it) {
        row.set(f);
        Zone& z = it.z;
        it.fid = OGR_F_GetFID(f);
        z.code = row.str(c_code);
        z.name_zh = row.str(c_name);
        z.name_en = row.str(c_en);
        z.industries = row.str(c_ind);
        const std::optional<double> thr = row.num(c_thr);
        std::optional<ZoneLevel> level;
        if (row.present(c_level)) {
            const std::string lv = row.str(c_level);
            level = zone_level_from_string(lv);
            if (!level) {
                const std::string l = lower(lv);
                if (contains_ci(l, "新区") || contains_ci(l, "new")) level = ZoneLevel::NationalNewArea;
                else if (contains_ci(l, "国家") || contains_ci(l, "national")) level = ZoneLevel::National;
                else if (contains_ci(l, "省") || contains_ci(l, "provinc")) level = ZoneLevel::Provincial;
            }
        }
        if (!level) {
            it.level_unknown = row.present(c_level);
            level = (thr && *thr >= 500.0) ? ZoneLevel::National : ZoneLevel::Provincial;
        }
        z.level = *level;
        z.threshold_wan_per_mu = thr ? *thr : (z.level == ZoneLevel::Provincial ? 300.0 : 500.0);
    };
    auto sink = [&](Item& it) {
        Zone& z = it.z;
        if (z.code.empty()) z.code = o.layer_name + "#" + std::to_string(it.fid);
        const std::string where_en = "zone " + z.code + " (feature " + std::to_string(it.fid) + " of " +
                                     where(s, o) + ")";
        const std::string where_zh = "开发区 " + z.code + "（" + where(s, o) + " 第 " + std::to_string(it.fid) +
                                     " 个要素）";
        for (const GeomProblem& g : it.out.problems)
            rep.problems.push_back(to_problem(g, "zones", z.code, where_en, where_zh));
        if (it.level_unknown)
            rep.problems.push_back({"unknown_level", Severity::Warning, "zones", z.code, 0.0, 0.0,
                                    where_zh + "：级别无法识别，按门槛值取为" +
                                        (z.level == ZoneLevel::Provincial ? "省级" : "国家级"),
                                    where_en + ": the level is not recognised; taken as " + to_string(z.level) +
                                        " from the threshold"});
        if (it.out.rejected) return;
        z.geom = std::move(it.out.geom);
        z.area_m2 = it.out.area_m2;
        out.zones.push_back(std::move(z));
    };
    try {
        read_polygons<Item>(o.layer, plan, fill, sink, 1);
    } catch (const InputError& e) {
        throw InputError("The zones source " + where(s, o) + " cannot be read: " + e.what() +
                         "; check that the file is complete.");
    }
    rep.stored_count = static_cast<int64_t>(out.zones.size());
    return out;
}

LedgerRead read_ledger(const std::string& source, const SourceOptions& opt) {
    const Source s = parse_source(source, LayerKind::Ledger);
    Opened o = open_source(s, opt);
    LedgerRead out;
    ReadReport& rep = out.report;
    begin_report(s, o, rep);
    rep.crs = opt.shift == WebShift::Gcj02 ? "GCJ-02" : opt.shift == WebShift::Bd09 ? "BD-09" : "EPSG:4490";

    const auto names = field_names(o.layer);
    const auto fields = resolve_fields(LayerKind::Ledger, names, opt.mapping_file);
    Row row(o.layer, fields);
    auto sl = [&](const char* c) { return row.slot(c); };
    if (!row.present(sl("project_id"))) missing_field(s, o, "project id", LayerKind::Ledger, "project_id", names);

    const size_t c_id = sl("project_id"), c_name = sl("name"), c_ent = sl("enterprise"), c_cc = sl("credit_code"),
                 c_zone = sl("zone_name"), c_pc = sl("parcel_codes"), c_ind = sl("industry"),
                 c_kind = sl("enterprise_kind"), c_stage = sl("stage"), c_sign = sl("sign_date"),
                 c_ps = sl("planned_start_date"), c_as = sl("actual_start_date"),
                 c_pp = sl("planned_production_date"), c_ap = sl("actual_production_date"),
                 c_ws = sl("work_stopped_date"), c_ti = sl("total_invest_wan"), c_fi = sl("fixed_invest_wan"),
                 c_f21 = sl("funds_2021_wan"), c_f22 = sl("funds_2022_wan"), c_f23 = sl("funds_2023_wan"),
                 c_area = sl("land_area_mu"), c_out = sl("output_wan"), c_tax = sl("tax_wan"), c_jobs = sl("jobs"),
                 c_en = sl("energy_tce"), c_q = sl("quality_firm"), c_hq = sl("headquarters"),
                 c_de = sl("digital_economy"), c_soe = sl("central_soe"), c_lon = sl("lon"), c_lat = sl("lat");
    const int nfields = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(o.layer));

    CPLErrorReset();
    OGR_L_ResetReading(o.layer);
    int64_t rowno = 0;
    for (;;) {
        gdal::FeaturePtr f(OGR_L_GetNextFeature(o.layer));
        if (!f) break;
        ++rowno;
        // Spreadsheet rows left blank (formatting below the data) are not projects.
        bool blank = true;
        for (int i = 0; i < nfields && blank; ++i)
            if (OGR_F_IsFieldSetAndNotNull(f.get(), i) && !trim(OGR_F_GetFieldAsString(f.get(), i)).empty())
                blank = false;
        if (blank) continue;
        row.set(f.get());
        Project p;
        p.source_row = rowno;
        p.project_id = row.str(c_id);
        p.name = row.str(c_name);
        p.enterprise = row.str(c_ent);
        p.credit_code = row.str(c_cc);
        p.zone_name = row.str(c_zone);
        p.parcel_codes_raw = row.str(c_pc);
        p.industry = row.str(c_ind);
        p.enterprise_kind = row.str(c_kind);
        p.stage = row.str(c_stage);
        p.sign_date = row.date(c_sign);
        p.planned_start_date = row.date(c_ps);
        p.actual_start_date = row.date(c_as);
        p.planned_production_date = row.date(c_pp);
        p.actual_production_date = row.date(c_ap);
        p.work_stopped_date = row.date(c_ws);
        p.total_invest_wan = row.num(c_ti);
        p.fixed_invest_wan = row.num(c_fi);
        p.funds_2021_wan = row.num(c_f21);
        p.funds_2022_wan = row.num(c_f22);
        p.funds_2023_wan = row.num(c_f23);
        p.land_area_mu = row.num(c_area);
        p.output_wan = row.num(c_out);
        p.tax_wan = row.num(c_tax);
        p.jobs = row.num(c_jobs);
        p.energy_tce = row.num(c_en);
        p.quality_firm = row.flag(c_q).value_or(false);
        p.headquarters = row.flag(c_hq).value_or(false);
        p.digital_economy = row.flag(c_de).value_or(false);
        p.central_soe = row.flag(c_soe).value_or(false);
        auto lon = row.num(c_lon);
        auto lat = row.num(c_lat);
        if (lon && lat) {
            LonLat ll{*lon, *lat};
            if (opt.shift == WebShift::Gcj02) ll = geo::gcj02_to_wgs84(ll);
            else if (opt.shift == WebShift::Bd09) ll = geo::bd09_to_wgs84(ll);
            p.lon = ll.lon;
            p.lat = ll.lat;
        }
        if (p.project_id.empty()) {
            rep.problems.push_back({"missing_project_id", Severity::Error, "ledger", "", 0.0, 0.0,
                                    "台账 '" + s.user + "' 第 " + std::to_string(rowno) + " 行没有项目编号",
                                    "Row " + std::to_string(rowno) + " of the ledger '" + s.user +
                                        "' has no project id."});
        }
        out.projects.push_back(std::move(p));
    }
    if (CPLGetLastErrorType() == CE_Failure)
        throw InputError("The ledger source " + where(s, o) + " cannot be read: reading stopped with an error after " +
                         std::to_string(rowno) + " rows (" + gdal::last_error() + "); check that the file is complete.");
    rep.stored_count = static_cast<int64_t>(out.projects.size());
    return out;
}

}  // namespace pa::io
