// read_zones / read_parcels / read_ledger: GDAL/OGR sources into the model (see sources.hpp).
#include "core/io/sources.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include "core/common/error.hpp"
#include "core/common/temp_dir.hpp"
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
    return to_string(k);
}  // "zones" | "parcels" | "ledger"

struct Source {
    std::string user;   // exactly what the user gave (for messages)
    std::string path;   // the file part
    std::string layer;  // "" = first layer
    std::string gdal;   // what GDAL opens (/vsizip/ for .zip)
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
    // A shapefile without its .shx is read from a private copy in which GDAL rebuilds the index
    // (SHAPE_RESTORE_SHX, which opens the shapefile for update): an import never writes into the user's
    // folder.
    std::unique_ptr<TempDir> shx_copy;
    std::unique_ptr<ThreadConfig> restore_shx;
    gdal::DatasetPtr ds;
    OGRLayerH layer = nullptr;
    std::string layer_name, driver, encoding;
    std::string recode_from;  // non-empty: text of this (non-shapefile) source is recoded from it to UTF-8
};

// A shapefile (plain or inside a /vsi archive) whose .shx (or .SHX) is missing: "" when it has one.
std::string shapefile_without_shx(const Source& s) {
    const auto lacks_shx = [](const std::string& stem) {
        VSIStatBufL st;
        return VSIStatL((stem + ".shx").c_str(), &st) != 0 && VSIStatL((stem + ".SHX").c_str(), &st) != 0;
    };
    if (ends_with_ci(s.path, ".shp")) {
        const std::string stem = s.gdal.substr(0, s.gdal.size() - 4);
        return lacks_shx(stem) ? stem : "";
    }
    // A zip (the usual delivery): the shapefile in it (the one named after '::' when several) without its
    // .shx.
    if (s.gdal.rfind("/vsizip/", 0) != 0) return "";
    std::string found;
    int shapefiles = 0;
    char** files = VSIReadDirRecursive(s.gdal.c_str());
    for (char** f = files; f && *f; ++f) {
        const std::string name = *f;
        if (!ends_with_ci(name, ".shp")) continue;
        ++shapefiles;
        const std::string stem = s.gdal + "/" + name.substr(0, name.size() - 4);
        const size_t slash = stem.find_last_of('/');
        const bool wanted = s.layer.empty() || lower(stem.substr(slash + 1)) == lower(s.layer);
        if (wanted && lacks_shx(stem)) found = stem;
    }
    CSLDestroy(files);
    return (s.layer.empty() && shapefiles > 1) ? "" : found;
}

/// Copies every file of the shapefile (same name, any extension) from `stem`'s folder into `dir`; returns the
/// path of the copied .shp. Works for plain folders and /vsizip/ archives alike.
std::string copy_shapefile(const std::string& stem, const std::string& dir) {
    const size_t slash = stem.find_last_of('/');
    const std::string folder = slash == std::string::npos ? "." : stem.substr(0, slash);
    const std::string name = slash == std::string::npos ? stem : stem.substr(slash + 1);
    std::string shp;
    char** entries = VSIReadDir(folder.c_str());
    for (char** e = entries; e && *e; ++e) {
        const std::string f = *e;
        // Exactly NAME.EXT (not NAME.OTHER.shp, another layer whose name starts the same).
        if (f.size() <= name.size() || lower(f.substr(0, name.size() + 1)) != lower(name + ".") ||
            f.find('.', name.size() + 1) != std::string::npos)
            continue;
        const std::string from = folder + "/" + f, to = dir + "/" + f;
        if (CPLCopyFile(to.c_str(), from.c_str()) != 0) {
            CSLDestroy(entries);
            throw InputError("Cannot copy '" + from +
                             "' to a temporary folder to rebuild its missing .shx (is " + dir +
                             " full?); copy the .shx next to the .shp instead.");
        }
        if (lower(f) == lower(name + ".shp")) shp = to;
    }
    CSLDestroy(entries);
    return shp;
}

/// The formats ParkAtlas reads (docs/data-formats.md). Others are refused: some reference other files by path
/// (VRT, and a zip holding one), which an untrusted input must not be able to make us read.
const char* const kAllowedDrivers[] = {
    "ESRI Shapefile", "GPKG",         "GeoJSON", "GeoJSONSeq", "ESRIJSON", "FlatGeobuf", "OpenFileGDB", "KML",
    "LIBKML",         "MapInfo File", "CSV",     "XLSX",       "XLS",      "ODS",        nullptr};

gdal::DatasetPtr open_dataset(const Source& s, const std::vector<std::string>& open_options) {
    std::vector<const char*> oo;
    for (const auto& o : open_options) oo.push_back(o.c_str());
    oo.push_back(nullptr);
    CPLErrorReset();
    // Only the allowed drivers may open it: another one that recognises the bytes (JML for any file holding
    // "<JCSDataFile") never gets to parse them.
    gdal::DatasetPtr ds(GDALOpenEx(s.gdal.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, kAllowedDrivers,
                                   open_options.empty() ? nullptr : oo.data(), nullptr));
    if (!ds) {
        std::string msg = gdal::last_error();
        throw InputError(
            "GDAL cannot open " + s.what() + " as a vector dataset" +
            (msg.empty() ? std::string() : " (" + msg + ")") +
            "; check that the file is complete and in a format GDAL reads (Shapefile, GeoPackage, "
            "GeoJSON, FlatGeobuf, FileGDB, KML, CSV, XLSX, zipped shapefile).");
    }
    return ds;
}

OGRLayerH pick_layer(const Source& s, GDALDatasetH ds, const std::string& driver) {
    const int n = GDALDatasetGetLayerCount(ds);
    if (!s.layer.empty()) {
        OGRLayerH l = GDALDatasetGetLayerByName(ds, s.layer.c_str());
        if (!l) {
            std::string names;
            for (int i = 0; i < n; ++i)
                names += (i ? ", " : "") + std::string(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
            throw InputError(
                "The " + std::string(kind_en(s.kind)) + " source '" + s.user + "' has no layer '" + s.layer +
                "' (its layers: " + (names.empty() ? "none" : names) + "); name one of them after '::'.");
        }
        return l;
    }
    if (n == 0 && (driver == "XLSX" || driver == "XLS" || driver == "ODS"))
        throw InputError("The " + std::string(kind_en(s.kind)) + " source '" + s.user +
                         "' holds no sheet GDAL can read: the workbook is damaged or not really a " + driver +
                         " file; open it in Excel or WPS and save it again as .xlsx.");
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

/// Refuses what cannot be read at all, with the reason: a missing path, permission denied, a format not
/// allowed.
void check_readable(const Source& s) {
    VSIStatBufL st;
    if (VSIStatL(s.gdal.c_str(), &st) != 0 && VSIStatL(s.path.c_str(), &st) != 0)
        throw InputError("The " + std::string(kind_en(s.kind)) + " source '" + s.user +
                         "' does not exist; check the path.");
    if (s.path.rfind("/vsi", 0) != 0 && ::access(s.path.c_str(), R_OK) != 0 && errno == EACCES)
        throw InputError(
            "The " + std::string(kind_en(s.kind)) + " source '" + s.user +
            "' cannot be read: permission denied; ask for read access or copy the file somewhere you "
            "can read it.");
    gdal::QuietErrors quiet;
    GDALDriverH any = GDALIdentifyDriverEx(s.gdal.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
    if (!any) return;  // GDAL will say why it cannot open it
    const std::string name = GDALGetDriverShortName(any);
    for (const char* const* d = kAllowedDrivers; *d; ++d)
        if (name == *d) return;
    throw InputError(
        "The " + std::string(kind_en(s.kind)) + " source '" + s.user + "' is a " + name +
        " file, which ParkAtlas does not read (" +
        (name == "OGR_VRT" ? "a VRT can make GDAL read other files by path" : "not a supported format") +
        "); convert it to GeoPackage or Shapefile first (e.g. ogr2ogr -f GPKG out.gpkg IN).");
}

/// Which encoding a layer's text is in, by a vote over its values: UTF-8 unless most non-ASCII values are not
/// UTF-8 (a Chinese office's DBF without .cpg is GBK). One character cut in half in a UTF-8 file does not
/// make it GBK: that value is recorded as a problem when read.
bool mostly_not_utf8(OGRLayerH layer, int64_t limit) {
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    std::vector<int> text;
    int64_t good = 0, bad = 0;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
        OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
        if (OGR_Fld_GetType(fd) == OFTString) text.push_back(i);
        const char* n = OGR_Fld_GetNameRef(fd);  // field names can be Chinese too
        bool ascii = true;
        for (const char* c = n; *c; ++c) ascii = ascii && static_cast<unsigned char>(*c) < 0x80;
        if (!ascii) (is_valid_utf8(n) ? good : bad) += 1;
    }
    OGR_L_ResetReading(layer);
    for (int64_t count = 0; !text.empty() && count < limit; ++count) {
        gdal::FeaturePtr f(OGR_L_GetNextFeature(layer));
        if (!f) break;
        for (int i : text) {
            if (!OGR_F_IsFieldSetAndNotNull(f.get(), i)) continue;
            const char* v = OGR_F_GetFieldAsString(f.get(), i);
            bool ascii = true;
            for (const char* c = v; *c && ascii; ++c) ascii = static_cast<unsigned char>(*c) < 0x80;
            if (!ascii) (is_valid_utf8(v) ? good : bad) += 1;
        }
    }
    OGR_L_ResetReading(layer);
    return bad > good;
}

/// The same judgement as mostly_not_utf8 on a text file's bytes (a CSV: GDAL's parse of it would take as long
/// as the read itself): of its first `limit` lines holding non-ASCII bytes, more are not UTF-8 than are.
bool text_file_mostly_not_utf8(const std::string& path, int64_t limit) {
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return false;  // unreadable here: GDAL's read says why
    int64_t good = 0, bad = 0, lines = 0;
    std::string line, buf(1 << 16, '\0');
    auto judge = [&] {
        bool ascii = true;
        for (char c : line) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
        if (!ascii) (is_valid_utf8(line) ? good : bad) += 1;
        line.clear();
        ++lines;
    };
    size_t n = 0;
    while (lines < limit && (n = VSIFReadL(buf.data(), 1, buf.size(), f)) > 0) {
        for (size_t i = 0; i < n && lines < limit; ++i) {
            if (buf[i] == '\n')
                judge();
            else
                line += buf[i];
        }
    }
    if (!line.empty() && lines < limit) judge();
    VSIFCloseL(f);
    return bad > good;
}

/// A shapefile whose .dbf is missing, empty or cut short would import shapes without codes and drop every
/// link of the ledger: refused, naming the file.
void check_dbf(const Source& s, const Opened& o, const std::string& shp) {
    const std::string what = "The " + std::string(kind_en(s.kind)) + " source '" + s.user + "'";
    const std::string stem = shp.substr(0, shp.size() - 4);
    std::string dbf;
    VSIStatBufL st;
    for (const char* ext : {".dbf", ".DBF", ".Dbf"})
        if (VSIStatL((stem + ext).c_str(), &st) == 0) {
            dbf = stem + ext;
            break;
        }
    const std::string name = std::filesystem::path(stem).filename().string() + ".dbf";
    if (dbf.empty())
        throw InputError(
            what + " has no attribute table: its '" + name +
            "' is missing. A shapefile is at least three files with the same name (.shp, .shx, .dbf): "
            "put the .dbf next to the .shp (or send the zipped set) and import again.");
    unsigned char hdr[32] = {};
    VSILFILE* f = VSIFOpenL(dbf.c_str(), "rb");
    const size_t got = f ? VSIFReadL(hdr, 1, sizeof hdr, f) : 0;
    if (f) VSIFCloseL(f);
    const uint64_t size = static_cast<uint64_t>(st.st_size);
    const uint32_t nrec = hdr[4] | (hdr[5] << 8) | (hdr[6] << 16) | (static_cast<uint32_t>(hdr[7]) << 24);
    const uint32_t hlen = hdr[8] | (hdr[9] << 8), rlen = hdr[10] | (hdr[11] << 8);
    if (got < 32 || hlen < 33 || rlen < 1)
        throw InputError(what + " has no readable attribute table: its '" + name + "' is empty or damaged (" +
                         std::to_string(size) + " bytes); send the complete shapefile again.");
    if (size < uint64_t{hlen} + uint64_t{nrec} * rlen) {
        const uint64_t whole = size > hlen ? (size - hlen) / rlen : 0;
        throw InputError(what + " has a truncated attribute table: its '" + name + "' holds " +
                         std::to_string(whole) + " of the " + std::to_string(nrec) +
                         " records its header announces; send the complete shapefile again.");
    }
    const GIntBig shapes = OGR_L_GetFeatureCount(o.layer, TRUE);
    if (shapes >= 0 && static_cast<uint64_t>(shapes) != nrec)
        throw InputError(
            what + " does not hold together: '" + name + "' has " + std::to_string(nrec) + " records for " +
            std::to_string(shapes) +
            " shapes (a .dbf of another version of the layer?); send a matching .shp/.shx/.dbf set.");
}

Opened open_source(const Source& s, const SourceOptions& opt) {
    gdal::init();
    check_readable(s);
    std::vector<std::string> oo;
    const bool csv = ends_with_ci(s.path, ".csv");
    const bool table = s.kind == LayerKind::Ledger || s.kind == LayerKind::Pipeline;
    if (csv && !table) {
        oo = {"X_POSSIBLE_NAMES=x,lon,lng,longitude,经度", "Y_POSSIBLE_NAMES=y,lat,latitude,纬度",
              "GEOM_POSSIBLE_NAMES=wkt,geom,geometry,the_geom,shape", "KEEP_GEOM_COLUMNS=NO"};
    }
    Opened o;
    Source src = s;  // what GDAL opens: the user's file, or a private copy of a shapefile without .shx
    if (const std::string stem = shapefile_without_shx(s); !stem.empty()) {
        o.shx_copy = std::make_unique<TempDir>("parkatlas-shx");
        src.gdal = copy_shapefile(stem, o.shx_copy->path());
        if (src.gdal.empty())  // never rebuild the index in the user's folder
            throw InputError(
                "The " + std::string(kind_en(s.kind)) + " source '" + s.user +
                "' has no .shx and cannot be copied to rebuild it; copy the .shx next to the .shp.");
        o.restore_shx = std::make_unique<ThreadConfig>("SHAPE_RESTORE_SHX", "YES");
    } else {
        o.restore_shx = std::make_unique<ThreadConfig>("SHAPE_RESTORE_SHX", "NO");
    }
    o.ds = open_dataset(src, oo);
    o.driver = GDALGetDriverShortName(GDALGetDatasetDriver(o.ds.get()));
    o.layer = pick_layer(s, o.ds.get(), o.driver);
    o.encoding = "UTF-8";

    if (o.driver == "ESRI Shapefile") {
        std::string dbf, shp;
        const std::string lname = OGR_L_GetName(o.layer);
        for (const auto& f : file_list(o.ds.get())) {
            if (ends_with_ci(f, ".dbf")) dbf = f;
            if (ends_with_ci(f, ".shp")) shp = f;
        }
        // A folder of shapefiles or a zip: the files of the chosen layer (the whole file name, not a suffix
        // of it).
        const auto named = [&](const std::string& f, const char* ext) {
            const size_t slash = f.find_last_of('/');
            return lower(slash == std::string::npos ? f : f.substr(slash + 1)) == lower(lname + ext);
        };
        for (const auto& f : file_list(o.ds.get())) {
            if (named(f, ".dbf")) dbf = f;
            if (named(f, ".shp")) shp = f;
        }
        if (!shp.empty() && s.kind != LayerKind::Ledger && s.kind != LayerKind::Pipeline)
            check_dbf(s, o, shp);
        std::string reopen_with;
        if (!opt.encoding.empty()) {
            reopen_with = opt.encoding;
            o.encoding = opt.encoding;
        } else if (std::string cpg = dbf.empty() ? "" : find_cpg(dbf); !cpg.empty()) {
            o.encoding = read_small_file(cpg);  // GDAL recodes from it
            if (o.encoding.empty()) o.encoding = "UTF-8";
        } else if (int ldid = dbf.empty() ? 0 : dbf_ldid(dbf); ldid != 0) {
            o.encoding = "LDID/" + std::to_string(ldid);  // GDAL recodes from it
        } else if (mostly_not_utf8(o.layer, 100000)) {
            // No .cpg, no LDID, mostly not UTF-8: a Chinese office's DBF is GBK.
            reopen_with = "CP936";
            o.encoding = "CP936";
        }
        if (!reopen_with.empty()) {
            o.layer = nullptr;
            o.ds.reset();
            o.ds = open_dataset(src, {"ENCODING=" + reopen_with});
            o.layer = pick_layer(s, o.ds.get(), o.driver);
        }
    } else if (o.driver == "CSV" || o.driver == "XLS" || o.driver == "MapInfo File") {
        // Drivers that pass bytes through: a GBK CSV saved by Excel is recoded here.
        if (!opt.encoding.empty() && lower(opt.encoding) != "utf-8" && lower(opt.encoding) != "utf8") {
            o.recode_from = opt.encoding;
        } else if (opt.encoding.empty()) {
            std::string csv_file;  // a CSV's own file (also inside a zip), judged on its bytes
            if (o.driver == "CSV")
                for (const auto& f : file_list(o.ds.get()))
                    if (ends_with_ci(f, ".csv")) csv_file = f;
            if (csv_file.empty() ? mostly_not_utf8(o.layer, 100000)
                                 : text_file_mostly_not_utf8(csv_file, 100000))
                o.recode_from = "CP936";
        }
        if (!o.recode_from.empty()) o.encoding = o.recode_from;
    }
    o.layer_name = OGR_L_GetName(o.layer);
    return o;
}

std::string where(const Source& s, const Opened& o) {
    return "'" + s.user + "' (layer '" + o.layer_name + "')";
}

/// Text of a source in `from` (e.g. "CP936") as UTF-8; unchanged when `from` is empty.
std::string recode(const char* text, const std::string& from) {
    if (from.empty()) return text;
    char* r = CPLRecode(text, from.c_str(), CPL_ENC_UTF8);
    std::string out = r ? r : "";
    CPLFree(r);
    return out;
}

std::vector<std::string> field_names(const Opened& o) {
    std::vector<std::string> out;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(o.layer);
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
        std::string n = recode(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)), o.recode_from);
        if (n.rfind("\xEF\xBB\xBF", 0) == 0) n = n.substr(3);  // BOM glued to the first CSV header
        if (!is_valid_utf8(n)) n = repair_utf8(n);
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
    throw InputError("The " + std::string(kind_en(kind)) + " source " + where(s, o) +
                     " has no field for the " + wanted + " (looked for " + aliases + "; found " + join(have) +
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
        bool has_prj = false;
        if (shp)
            for (const auto& f : file_list(o.ds.get())) has_prj = has_prj || ends_with_ci(f, ".prj");
        if (!has_prj && shp && ends_with_ci(s.gdal, ".shp")) {
            VSIStatBufL st;
            const std::string stem = s.gdal.substr(0, s.gdal.size() - 4);
            has_prj =
                VSIStatL((stem + ".prj").c_str(), &st) == 0 || VSIStatL((stem + ".PRJ").c_str(), &st) == 0;
        }
        throw InputError("The " + std::string(kind_en(s.kind)) + " source " + where(s, o) +
                         " has no coordinate reference system" +
                         (has_prj ? " (its .prj file is not a coordinate system GDAL understands)"
                          : shp   ? " (no .prj file)"
                                  : "") +
                         "; " + (has_prj ? "replace the .prj" : "add one") +
                         ", or say which it is with --assume-crs EPSG:N (e.g. EPSG:4545).");
    }
    crs_text = describe_srs(src.get());
    if (opt.shift != WebShift::None) {
        if (!OSRIsGeographic(src.get()))
            throw InputError("The " + std::string(kind_en(s.kind)) + " source " + where(s, o) + " is in " +
                             crs_text +
                             ", a projected CRS; GCJ-02 / BD-09 conversion expects web-map longitude/"
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
            throw InputError(
                "The " + std::string(kind_en(s.kind)) + " source " + where(s, o) + " is in " + dname + " (" +
                crs_text +
                "), for which PROJ 9.1 offers only a ballpark shift to CGCS2000 "
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
            throw InputError("The coordinate reference system of " + where(s, o) + " cannot be used (" +
                             gdal::last_error() + "); reproject the source to EPSG:4490.");
        }
        plan.src_wkt = wkt;
        CPLFree(wkt);
        // Fail now, on the reader's thread, with a sentence, rather than in a worker.
        gdal::SrsPtr probe = gdal::make_srs(plan.src_wkt);
        gdal::TransformPtr ct(OCTNewCoordinateTransformation(probe.get(), cgcs.get()));
        if (!ct)
            throw InputError("There is no coordinate transformation from " + crs_text + " of " + where(s, o) +
                             " to CGCS2000 (EPSG:4490) (" + gdal::last_error() +
                             "); reproject the source first.");
    }
    return plan;
}

// ---------------------------------------------------------------------------------------------------------------
// Attribute access

/// Attribute access for one feature at a time. Values that cannot be read (a number that is no number, a date
/// that is no date, text that is not UTF-8, an amount out of range) are left empty (text: repaired) and
/// noted; the reader turns the notes into problems naming the row and the column (take_issues).
class Row {
  public:
    Row(OGRLayerH layer, const std::vector<ResolvedField>& fields, LayerKind kind, std::string source,
        std::string recode_from = "")
        : fields_(fields), kind_(kind), source_(std::move(source)), recode_from_(std::move(recode_from)) {
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
        types_.resize(fields.size(), OFTString);
        wan_.resize(fields.size(), 0);
        coordinate_.resize(fields.size(), 0);
        for (size_t i = 0; i < fields.size(); ++i) {
            if (fields[i].index >= 0) types_[i] = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, fields[i].index));
            const std::string& c = fields[i].canonical;
            wan_[i] = c.size() > 4 && c.compare(c.size() - 4, 4, "_wan") == 0;
            coordinate_[i] = c == "lon" || c == "lat";
        }
    }
    /// The feature `f`, named in messages as "<what_en> <number>" / "第 <number> <what_zh>" ("row 12", "第 12
    /// 行"); the names are built only when a value needs a note.
    void set(OGRFeatureH f, int64_t number, const char* what_en, const char* what_zh) {
        f_ = f;
        number_ = number;
        what_en_ = what_en;
        what_zh_ = what_zh;
    }
    size_t slot(const std::string& canonical) const {
        for (size_t i = 0; i < fields_.size(); ++i)
            if (fields_[i].canonical == canonical) return i;
        return npos;
    }
    static constexpr size_t npos = static_cast<size_t>(-1);
    bool present(size_t slot) const { return slot != npos && fields_[slot].index >= 0; }
    bool has(size_t slot) const {
        return present(slot) && OGR_F_IsFieldSetAndNotNull(f_, fields_[slot].index);
    }
    std::string str(size_t slot) {
        if (!has(slot)) return "";
        const char* raw = OGR_F_GetFieldAsString(f_, fields_[slot].index);
        std::string v = recode_from_.empty() ? trim(raw) : trim(recode(raw, recode_from_));
        if (!is_valid_utf8(v)) {
            std::string fixed = repair_utf8(v);
            note(slot, fixed,
                 "is not valid text in the file's encoding (bytes that are neither UTF-8 nor GBK); the "
                 "unreadable bytes are shown as \xEF\xBF\xBD",
                 "不是有效的文本（既非 UTF-8 也非 GBK 的字节），无法识别的字节以 \xEF\xBF\xBD 代替");
            return fixed;
        }
        return v;
    }
    /// A number; amounts in 万元 (canonical names ending in "_wan") accept 万/亿 suffixes. Except for
    /// coordinates, values must be finite, not negative and below 1e12 (a typo or an overflow, not a figure).
    /// Whether the last num() found a value it could not read (not a blank, which is simply no value).
    bool last_number_unreadable() const { return last_bad_; }
    std::optional<double> num(size_t slot) {
        last_bad_ = false;
        if (!has(slot)) return std::nullopt;
        const OGRFieldType t = types_[slot];
        const int idx = fields_[slot].index;
        std::optional<double> v;
        if (t == OFTReal || t == OFTInteger || t == OFTInteger64) {
            v = OGR_F_GetFieldAsDouble(f_, idx);
        } else {
            bool bad = false;
            const char* text = OGR_F_GetFieldAsString(f_, idx);
            v = wan_[slot] ? parse_amount_wan(text, &bad) : parse_number(text, &bad);
            if (bad) {
                note(slot, text, "is not a number", "不是数字");
                last_bad_ = true;
                return std::nullopt;
            }
        }
        if (!v) return v;
        if (!std::isfinite(*v) || (!coordinate_[slot] && (*v < 0.0 || *v >= 1e12))) {
            note(slot, OGR_F_GetFieldAsString(f_, idx),
                 "is out of range (a figure must be finite, not negative)", "超出合理范围（应为非负有限数）");
            last_bad_ = true;
            return std::nullopt;
        }
        return v;
    }
    std::string date(size_t slot) {
        if (!has(slot)) return "";
        const OGRFieldType t = types_[slot];
        const int idx = fields_[slot].index;
        if (t == OFTDate || t == OFTDateTime) {
            int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
            float ss = 0;
            if (OGR_F_GetFieldAsDateTimeEx(f_, idx, &y, &m, &d, &hh, &mm, &ss, &tz) && y > 0) {
                if (auto iso = date_from_ymd(y, m, d); !iso.empty()) return iso;  // no text round trip
                char buf[48];
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
                bool bad = false;
                std::string out = parse_date(buf, &bad);  // the same calendar range as a date written as text
                if (!bad) return out;
                note(slot, buf, "is not a date (YYYY-MM-DD)", "不是有效日期");
            }
            return "";
        }
        std::string out;
        bool bad = false;
        if (t == OFTReal || t == OFTInteger || t == OFTInteger64) {
            const double v = OGR_F_GetFieldAsDouble(f_, idx);
            if (v >= 19000101 && v <= 22001231)
                out = parse_date(std::to_string(static_cast<long long>(v)));
            else if (v >= 20000 && v < 80000)
                out = date_from_excel_serial(v);
            bad = out.empty();
        } else {
            out = parse_date(OGR_F_GetFieldAsString(f_, idx), &bad);
            if (bad) out.clear();
        }
        if (bad) note(slot, OGR_F_GetFieldAsString(f_, idx), "is not a date (YYYY-MM-DD)", "不是有效日期");
        return out;
    }
    std::optional<bool> flag(size_t slot) {
        if (!has(slot)) return std::nullopt;
        const char* text = OGR_F_GetFieldAsString(f_, fields_[slot].index);
        auto v = parse_flag(text);
        if (!v && !trim(text).empty()) note(slot, text, "is not a yes/no value (是/否)", "不是“是/否”值");
        return v;
    }
    /// Moves the notes of the current feature into `out` as problems of the record `id`.
    void take_issues(std::vector<Problem>& out, const std::string& id) {
        for (auto& p : pending_) {
            p.id = id;
            out.push_back(std::move(p));
        }
        pending_.clear();
    }

  private:
    void note(size_t slot, std::string value, const std::string& why_en, const std::string& why_zh) {
        if (!is_valid_utf8(value)) value = repair_utf8(value);
        if (value.size() > 80) value = value.substr(0, 77) + "...";
        const std::string& col = fields_[slot].source;
        Problem p;
        p.kind = "unreadable_value";
        p.severity = Severity::Warning;
        p.layer = kind_en(kind_);
        const std::string row_en = std::string(what_en_) + " " + std::to_string(number_);
        const std::string row_zh = "第 " + std::to_string(number_) + " " + what_zh_;
        p.message_en = row_en + " of '" + source_ + "', column " + col + ": '" + value + "' " + why_en +
                       "; the value is left empty. Correct it in the source and import again.";
        p.message_zh = "'" + source_ + "' " + row_zh + "，列 " + col + "：“" + value + "”" + why_zh +
                       "，该值按空值处理；" + "请在源文件中更正后重新导入。";
        pending_.push_back(std::move(p));
    }

    const std::vector<ResolvedField>& fields_;
    std::vector<OGRFieldType> types_;
    std::vector<char> wan_, coordinate_;  // per slot: an amount in 万元 (万/亿 suffixes), a lon/lat
    LayerKind kind_;
    std::string source_, recode_from_;
    int64_t number_ = 0;
    const char* what_en_ = "";
    const char* what_zh_ = "";
    OGRFeatureH f_ = nullptr;
    std::vector<Problem> pending_;
    bool last_bad_ = false;
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
        OGR_G_GetPoints(ring, raw.x.data() + off, sizeof(double), raw.y.data() + off, sizeof(double), nullptr,
                        0);
        raw.ring_sizes.push_back(static_cast<uint32_t>(n));
        ++kept;
    }
    if (kept > 0) raw.poly_rings.push_back(kept);
}

/// Arcs are approximated by chords spanning at most this angle: a circle becomes a 360-gon (area 0.005%
/// short).
constexpr double kArcStepDegrees = 1.0;

void extract(OGRGeometryH g, RawGeom& raw) {
    raw.clear();
    if (!g || OGR_G_IsEmpty(g)) {
        raw.rejected_reason = "empty geometry";
        return;
    }
    gdal::GeometryPtr linear;
    if (OGR_G_HasCurveGeometry(g, FALSE)) {
        // True arcs (CURVEPOLYGON, MULTISURFACE, COMPOUNDCURVE rings of ArcGIS / FileGDB deliveries) become
        // polygons with a vertex every kArcStepDegrees of arc; the cleaner records an info problem saying so.
        linear.reset(OGR_G_GetLinearGeometry(g, kArcStepDegrees, nullptr));
        if (linear) {
            g = linear.get();
            raw.linearised = true;
        }
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
// Worker pool: N threads, each with its own Cleaner (GEOS context, OGR transformation), running one job at a
// time.

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
/// `count_now` false: the caller counts the rows as it reads them and checks for none itself (for a CSV,
/// GDAL's count is a parse of the whole file, as long as the read).
void begin_report(const Source& s, const Opened& o, ReadReport& rep, bool count_now = true) {
    rep.path = s.path;
    rep.layer = o.layer_name;
    rep.driver = o.driver;
    rep.encoding = o.encoding;
    if (!count_now) return;
    rep.feature_count = OGR_L_GetFeatureCount(o.layer, TRUE);
    check_not_empty(s, o, rep.feature_count);
}

}  // namespace

// -------------------------------------------------------------------------------------------------------------------

/// Where a layer lies, in its own coordinates, and what that suggests when none of it landed in China.
std::string extent_hint(const Opened& o, const std::string& crs_text) {
    OGREnvelope env;
    if (OGR_L_GetExtent(o.layer, &env, TRUE) != OGRERR_NONE) return "";
    char buf[200];
    std::snprintf(buf, sizeof buf, "its coordinates lie at x %.6g..%.6g, y %.6g..%.6g in %s", env.MinX,
                  env.MaxX, env.MinY, env.MaxY, crs_text.c_str());
    std::string out = buf;
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(o.layer);
    const bool geographic = !srs || OSRIsGeographic(srs);
    const auto within = [](double lo, double hi, double a, double b) { return lo >= a && hi <= b; };
    if (geographic && within(env.MinX, env.MaxX, 0.0, 60.0) && within(env.MinY, env.MaxY, 70.0, 140.0))
        out +=
            ": longitude and latitude look swapped (x holds latitudes); swap the columns or the axis order";
    else if (geographic && (std::fabs(env.MinX) > 360.0 || std::fabs(env.MaxY) > 360.0))
        out +=
            ": these are metres, not degrees, so the stated CRS is wrong; Guiyang in CGCS2000 3-degree "
            "Gauss-Kruger is EPSG:4545 (x about 500,000-700,000) or, with the zone prefix, EPSG:4523/4524 "
            "(x about 35,500,000 or 36,300,000): fix the .prj (e.g. ogr2ogr -a_srs EPSG:4545)";
    else if (geographic && within(env.MinX, env.MaxX, 70.0, 140.0) && within(env.MinY, env.MaxY, 0.0, 60.0))
        out +=
            ", which is in China, but the transformation to CGCS2000 moves it far away: check the datum "
            "parameters (--helmert, the CRS's TOWGS84)";
    else
        out +=
            ", which is not in China (Guiyang lies near 106.7 E, 26.6 N); the layer's CRS is probably not "
            "the one "
            "its coordinates were made in: check the .prj or the source's CRS";
    return out;
}

/// A layer of which not one feature could be stored is refused: importing it would replace what the workspace
/// holds with nothing.
void refuse_if_nothing_stored(const Source& s, const Opened& o, const ReadReport& rep, size_t stored) {
    if (stored > 0 || rep.feature_count == 0) return;
    const Problem* first = nullptr;
    bool placement = false;
    for (const Problem& p : rep.problems) {
        if (p.kind != "rejected_geometry") continue;
        if (!first) first = &p;
        placement = placement || p.message_en.find("far from China") != std::string::npos ||
                    p.message_en.find("cannot be transformed") != std::string::npos;
    }
    std::string why = first ? " (the first: " + first->message_en + ")" : std::string();
    if (placement) {
        const std::string hint = extent_hint(o, rep.crs);
        throw InputError("None of the " + std::to_string(rep.feature_count) + " features of the " +
                         kind_en(s.kind) + " source " + where(s, o) + " lies in China" +
                         (hint.empty() ? std::string() : ": " + hint) + "; nothing was imported.");
    }
    throw InputError("None of the " + std::to_string(rep.feature_count) + " features of the " +
                     kind_en(s.kind) + " source " + where(s, o) + " has a usable polygon" + why +
                     "; nothing was imported and the workspace keeps what it had.");
}

/// A GeoJSON without a "crs" member is lon/lat by the standard, but over China it is as often a web map's
/// GCJ-02 (Gaode, Tencent) or BD-09 (Baidu), 300-600 m off: say so once, unless a conversion was asked for.
void warn_if_maybe_web_map(const Source& s, const Opened& o, const SourceOptions& opt, ReadReport& rep) {
    if (o.driver != "GeoJSON" || opt.shift != WebShift::None || !opt.assume_crs.empty()) return;
    char head[4096] = {};
    VSILFILE* f = VSIFOpenL(s.gdal.c_str(), "rb");
    const size_t n = f ? VSIFReadL(head, 1, sizeof head - 1, f) : 0;
    if (f) VSIFCloseL(f);
    if (n == 0 || std::string_view(head, n).find("\"crs\"") != std::string_view::npos) return;
    rep.problems.push_back(
        {"maybe_gcj02", Severity::Warning, kind_en(s.kind), "", 0.0, 0.0,
         "GeoJSON '" + s.user +
             "' 没有 crs 成员，坐标按 WGS84/CGCS2000 经纬度读取；若导出自高德、腾讯（GCJ-02）或百度"
             "（BD-09）地图，位置会偏 300-600 米，请用 --gcj02-source / --bd09-source 重新导入。",
         "The GeoJSON '" + s.user +
             "' has no \"crs\" member, so its lon/lat were read as WGS84/CGCS2000; if it "
             "comes from a Chinese web map (Gaode, Tencent: GCJ-02; Baidu: BD-09) every position is 300-600 "
             "m off: "
             "import it again with --gcj02-source or --bd09-source."});
}

ParcelsRead read_parcels(const std::string& source, const SourceOptions& opt) {
    const Source s = parse_source(source, LayerKind::Parcels);
    Opened o = open_source(s, opt);
    check_polygon_layer(s, o);
    ParcelsRead out;
    ReadReport& rep = out.report;
    begin_report(s, o, rep);
    // One allocation for all parcels: growing a vector of a million 1 KB structs doubles the peak memory.
    // The count is what the file declares: a damaged or hostile header may claim 1e11 features, so never more
    // than one parcel per 64 bytes of the file (found by fuzzing, tests/fuzz/regressions/fuzz_fgb).
    if (rep.feature_count > 0) {
        VSIStatBufL st;
        const uint64_t bytes = VSIStatL(s.gdal.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
        out.parcels.reserve(static_cast<size_t>(std::min<uint64_t>(static_cast<uint64_t>(rep.feature_count),
                                                                   std::max<uint64_t>(bytes / 64, 1024))));
    }
    const CrsPlan plan = plan_crs(s, o, opt, rep.crs);

    const auto names = field_names(o);
    const auto fields = resolve_fields(LayerKind::Parcels, names, opt.mapping_file);
    Row row(o.layer, fields, LayerKind::Parcels, s.user, o.recode_from);
    const size_t c_code = row.slot("code"), c_bsm = row.slot("code_survey"), c_loc = row.slot("location"),
                 c_lu_g = row.slot("landuse_code_gbt"), c_lu_y = row.slot("landuse_code_ydyh"),
                 c_lu = row.slot("landuse_code"), c_lun = row.slot("landuse_name"),
                 c_zdmj = row.slot("declared_area_planar"), c_tbmj = row.slot("declared_area_ellipsoidal"),
                 c_rjl = row.slot("plot_ratio"), c_st = row.slot("supply_status"),
                 c_pz = row.slot("approval_date"), c_cb = row.slot("reserve_date"),
                 c_gy = row.slot("supply_date"), c_fs = row.slot("transfer_method"),
                 c_jg = row.slot("land_price_wan"), c_kg = row.slot("contract_start_date"),
                 c_jgrq = row.slot("contract_completion_date"), c_bc = row.slot("supplement_start_date"),
                 c_mz = row.slot("exempt_reason"), c_mzjz = row.slot("exempt_until"),
                 c_jhgd = row.slot("planned_supply_date"), c_kf = row.slot("developed_share"),
                 c_tz = row.slot("invested_share"), c_tg = row.slot("work_stopped_date"),
                 c_bzd = row.slot("standard_land"), c_ctz = row.slot("committed_invest_wan_per_mu"),
                 c_ccc = row.slot("committed_output_wan_per_mu"),
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
                                "The parcels layer " + where(s, o) +
                                    " has no recognisable parcel-code field (found " + have +
                                    "); codes are made as '" + layer_name + "#<feature id>'."});
    }
    // Land-use code field and its scheme.
    size_t lu_slot = Row::npos;
    std::optional<LandUseScheme> scheme;
    if (row.present(c_lu_y)) {
        lu_slot = c_lu_y;
        scheme = LandUseScheme::Ydyh2020;
    } else if (row.present(c_lu_g)) {
        lu_slot = c_lu_g;
        scheme = LandUseScheme::Gbt21010;
    } else if (row.present(c_lu)) {
        lu_slot = c_lu;
    }

    struct Item {
        Parcel p;
        RawGeom raw;
        CleanResult out;
        std::vector<Problem> value_problems;
    };
    auto fill = [&](OGRFeatureH f, Item& it) {
        Parcel& p = it.p;
        p.layer = layer_name;
        p.source_fid = OGR_F_GetFID(f);
        row.set(f, p.source_fid, "feature", "个要素");
        p.code = code_slot != Row::npos ? row.str(code_slot) : "";
        if (p.code.empty()) p.code = layer_name + "#" + std::to_string(p.source_fid);
        p.code_norm = normalise_code(p.code);
        p.location = row.str(c_loc);
        p.landuse_code = lu_slot != Row::npos ? row.str(lu_slot) : "";
        p.landuse_name = row.str(c_lun);
        if (auto v = row.num(c_zdmj)) {
            p.declared_area_m2 = v;
            p.declared_area_kind = "planar";
        } else if (auto w = row.num(c_tbmj)) {
            p.declared_area_m2 = w;
            p.declared_area_kind = "ellipsoidal";
        }
        p.plot_ratio = row.num(c_rjl);
        if (auto st = row.str(c_st); !st.empty())
            p.supply_status = supply_status_from_string(st).value_or(SupplyStatus::Unknown);
        p.approval_date = row.date(c_pz);
        p.reserve_date = row.date(c_cb);
        p.supply_date = row.date(c_gy);
        p.transfer_method = row.str(c_fs);
        p.land_price_wan = row.num(c_jg);
        p.contract_start_date = row.date(c_kg);
        p.contract_completion_date = row.date(c_jgrq);
        p.supplement_start_date = row.date(c_bc);
        p.exempt_reason = row.str(c_mz);
        p.exempt_until = row.date(c_mzjz);
        p.planned_supply_date = row.date(c_jhgd);
        p.developed_share = row.num(c_kf);
        p.invested_share = row.num(c_tz);
        p.work_stopped_date = row.date(c_tg);
        p.standard_land = row.flag(c_bzd).value_or(false);
        p.committed_invest_wan_per_mu = row.num(c_ctz);
        p.committed_output_wan_per_mu = row.num(c_ccc);
        p.committed_tax_wan_per_mu = row.num(c_css);
        p.committed_plot_ratio = row.num(c_crjl);
        row.take_issues(it.value_problems, p.code);
    };
    std::vector<std::string> codes_for_scheme;
    auto sink = [&](Item& it) {
        Parcel& p = it.p;
        // Named only for a problem (this runs once per parcel on the reader's thread).
        const auto where_en = [&] {
            return "parcel " + p.code + " (feature " + std::to_string(p.source_fid) + " of " + where(s, o) +
                   ")";
        };
        const auto where_zh = [&] {
            return "宗地 " + p.code + "（" + where(s, o) + " 第 " + std::to_string(p.source_fid) +
                   " 个要素）";
        };
        for (const GeomProblem& g : it.out.problems)
            rep.problems.push_back(to_problem(g, "parcels", p.code, where_en(), where_zh()));
        for (Problem& v : it.value_problems) {
            v.lon = it.out.point_on_surface.lon;
            v.lat = it.out.point_on_surface.lat;
            rep.problems.push_back(std::move(v));
        }
        if (it.out.rejected) return;
        p.geom = std::move(it.out.geom);
        p.area_m2 = it.out.area_m2;
        p.area_mu = units::mu_from_m2(p.area_m2);
        if (p.area_mu > opt.plausible_parcel_max_mu) {
            char mu[64];
            std::snprintf(mu, sizeof mu, "%.0f", p.area_mu);
            rep.problems.push_back(
                {"implausible_area", Severity::Warning, "parcels", p.code, it.out.point_on_surface.lon,
                 it.out.point_on_surface.lat,
                 where_zh() + "：面积 " + mu + " 亩，超过单宗地的合理上限（" +
                     std::to_string(static_cast<long long>(opt.plausible_parcel_max_mu)) +
                     " 亩），是否把开发区或行政区当作宗地导入？",
                 where_en() + ": " + mu + " mu, more than a parcel plausibly holds (" +
                     std::to_string(static_cast<long long>(opt.plausible_parcel_max_mu)) +
                     " mu; --max-parcel-mu): a zone or a district delivered as a parcel?"});
        }
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
        if (!p.landuse_code.empty())
            p.landuse = classify_landuse(p.landuse_code, sch);
        else if (auto u = classify_landuse_name(p.landuse_name))
            p.landuse = *u;
    }
    rep.stored_count = static_cast<int64_t>(out.parcels.size());
    refuse_if_nothing_stored(s, o, rep, out.parcels.size());
    warn_if_maybe_web_map(s, o, opt, rep);
    return out;
}

std::vector<std::string> split_part_names(const std::string& text) {
    // "马场;湖潮;党武", "马场；湖潮", "马场、湖潮" or "马场|湖潮": one name per polygon; empty names drop out
    // only when all are empty.
    std::vector<std::string> out;
    std::string cur;
    bool any = false;
    for (size_t i = 0; i < text.size();) {
        size_t sep = 0;
        if (text[i] == ';' || text[i] == '|')
            sep = 1;
        else if (text.compare(i, 3, "；") == 0 || text.compare(i, 3, "、") == 0)
            sep = 3;
        if (sep) {
            out.push_back(trim(cur));
            any = any || !out.back().empty();
            cur.clear();
            i += sep;
        } else {
            cur += text[i++];
        }
    }
    out.push_back(trim(cur));
    any = any || !out.back().empty();
    if (!any) out.clear();
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

    const auto names = field_names(o);
    const auto fields = resolve_fields(LayerKind::Zones, names, opt.mapping_file);
    Row row(o.layer, fields, LayerKind::Zones, s.user, o.recode_from);
    const size_t c_code = row.slot("code"), c_name = row.slot("name"), c_en = row.slot("name_en"),
                 c_level = row.slot("level"), c_thr = row.slot("threshold"), c_ind = row.slot("industries"),
                 c_part = row.slot("part");
    if (!row.present(c_code)) missing_field(s, o, "zone code", LayerKind::Zones, "code", names);
    if (!row.present(c_name)) missing_field(s, o, "zone name", LayerKind::Zones, "name", names);
    if (!row.present(c_level) && !row.present(c_thr))
        missing_field(s, o, "zone level (or its investment-intensity threshold)", LayerKind::Zones, "level",
                      names);

    struct Item {
        Zone z;
        int64_t fid = 0;
        bool level_unknown = false;
        bool threshold_unreadable = false;
        std::string threshold_text;
        std::string part_text;  // 片区: one name, or one per polygon ("马场;湖潮;党武")
        RawGeom raw;
        CleanResult out;
        std::vector<Problem> value_problems;
    };
    auto fill = [&](OGRFeatureH f, Item& it) {
        Zone& z = it.z;
        it.fid = OGR_F_GetFID(f);
        row.set(f, it.fid, "feature", "个要素");
        z.code = row.str(c_code);
        z.name_zh = row.str(c_name);
        z.name_en = row.str(c_en);
        z.industries = row.str(c_ind);
        if (row.present(c_part)) it.part_text = row.str(c_part);
        const std::optional<double> thr = row.num(c_thr);
        it.threshold_unreadable = (thr && *thr <= 0.0) || (!thr && row.last_number_unreadable());
        if (it.threshold_unreadable)
            it.threshold_text = repair_utf8(OGR_F_GetFieldAsString(f, fields[c_thr].index));
        std::optional<ZoneLevel> level;
        if (row.present(c_level)) {
            const std::string lv = row.str(c_level);
            level = zone_level_from_string(lv);
            if (!level) {
                const std::string l = lower(lv);
                if (contains_ci(l, "新区") || contains_ci(l, "new"))
                    level = ZoneLevel::NationalNewArea;
                else if (contains_ci(l, "国家") || contains_ci(l, "national"))
                    level = ZoneLevel::National;
                else if (contains_ci(l, "省") || contains_ci(l, "provinc"))
                    level = ZoneLevel::Provincial;
            }
        }
        if (!level) {
            it.level_unknown = row.present(c_level);
            level = (thr && *thr >= 500.0) ? ZoneLevel::National : ZoneLevel::Provincial;
        }
        z.level = *level;
        z.threshold_wan_per_mu = thr ? *thr : (z.level == ZoneLevel::Provincial ? 300.0 : 500.0);
        row.take_issues(it.value_problems, z.code);
    };
    // A zone's code keys its parcels and its threshold decides compliance: a duplicate code or a threshold
    // that is no positive number refuses the layer (after reading, naming the features), never a silent
    // default.
    // Several features may share a code when each names its part (a zone in parts, 片区, delivered one
    // feature per part): they become one zone of several parts. Otherwise a shared code is refused.
    struct FirstOfCode {
        int64_t fid = 0;
        Zone attrs;  // the first feature's attributes (no geometry)
        bool named = false;
        std::set<std::string> part_names;
    };
    std::unordered_map<std::string, FirstOfCode> first_of_code;
    std::unordered_map<std::string, size_t> zone_of_code;  // index in out.zones
    std::string refusal;
    auto sink = [&](Item& it) {
        Zone& z = it.z;
        if (z.code.empty()) z.code = o.layer_name + "#" + std::to_string(it.fid);
        std::vector<std::string> parts = split_part_names(it.part_text);
        if (refusal.empty()) {
            auto [pos, fresh] = first_of_code.try_emplace(z.code);
            FirstOfCode& first = pos->second;
            if (fresh) {
                first.fid = it.fid;
                first.attrs = z;
                first.named = !parts.empty();
                first.part_names.insert(parts.begin(), parts.end());
            } else if (!first.named || parts.empty()) {
                refusal = "The zones source " + where(s, o) + " has two zones with the code '" + z.code +
                          "' (features " + std::to_string(first.fid) + " and " + std::to_string(it.fid) +
                          "): zone codes must be unique; correct one of them and import again (or, for one "
                          "zone delivered as one feature per part, give every part its name in a 片区 / "
                          "PART_NAME field).";
            } else if (first.attrs.name_zh != z.name_zh || first.attrs.level != z.level ||
                       first.attrs.threshold_wan_per_mu != z.threshold_wan_per_mu) {
                refusal =
                    "The zones source " + where(s, o) + " gives the parts of zone '" + z.code +
                    "' (features " + std::to_string(first.fid) + " and " + std::to_string(it.fid) +
                    ") different names, levels or thresholds; the parts of one zone must agree: correct "
                    "them and import again.";
            } else {
                for (const std::string& n : parts)
                    if (!first.part_names.insert(n).second && refusal.empty())
                        refusal = "The zones source " + where(s, o) + " names two parts of zone '" + z.code +
                                  "' '" + n + "' (features " + std::to_string(first.fid) + " and " +
                                  std::to_string(it.fid) +
                                  "): every part needs a name of its own; correct one and import again.";
            }
            if (refusal.empty() && it.threshold_unreadable)
                refusal =
                    "The zones source " + where(s, o) + " gives zone " + z.code + " (feature " +
                    std::to_string(it.fid) + ") the threshold '" + it.threshold_text +
                    "', which is not a positive number of 万元/亩; correct it, or leave it empty to use the "
                    "level's threshold (500 national, 300 provincial).";
        }
        const std::string where_en =
            "zone " + z.code + " (feature " + std::to_string(it.fid) + " of " + where(s, o) + ")";
        const std::string where_zh =
            "开发区 " + z.code + "（" + where(s, o) + " 第 " + std::to_string(it.fid) + " 个要素）";
        for (const GeomProblem& g : it.out.problems)
            rep.problems.push_back(to_problem(g, "zones", z.code, where_en, where_zh));
        const LonLat at = it.out.point_on_surface;  // zone-level problems sit inside the zone, not at (0, 0)
        for (Problem& v : it.value_problems) {
            v.lon = at.lon;
            v.lat = at.lat;
            rep.problems.push_back(std::move(v));
        }
        if (it.level_unknown)
            rep.problems.push_back({"unknown_level", Severity::Warning, "zones", z.code, at.lon, at.lat,
                                    where_zh + "：级别无法识别，按门槛值取为" +
                                        (z.level == ZoneLevel::Provincial ? "省级" : "国家级"),
                                    where_en + ": the level is not recognised; taken as " +
                                        to_string(z.level) + " from the threshold"});
        if (it.out.rejected) return;
        z.geom = std::move(it.out.geom);
        z.area_m2 = it.out.area_m2;
        // Part names: one for every polygon of the feature, or one per polygon in order.
        if (parts.size() == 1) {
            z.part_names.assign(z.geom.size(), parts[0]);
        } else if (!parts.empty() && parts.size() == z.geom.size()) {
            z.part_names = std::move(parts);
        } else if (!parts.empty()) {
            rep.problems.push_back(
                {"part_names_mismatch", Severity::Warning, "zones", z.code, at.lon, at.lat,
                 where_zh + "：片区名称 '" + it.part_text + "' 有 " + std::to_string(parts.size()) +
                     " 个，而要素有 " + std::to_string(z.geom.size()) + " 个部分；片区名称未采用",
                 where_en + ": the part names '" + it.part_text + "' are " + std::to_string(parts.size()) +
                     " for " + std::to_string(z.geom.size()) +
                     " polygons; not used (give one name, or one per polygon in order)"});
        }
        if (auto at_zone = zone_of_code.find(z.code); at_zone != zone_of_code.end()) {
            Zone& whole = out.zones[at_zone->second];  // another part of a zone read already
            whole.part_names.resize(whole.geom.size());
            z.part_names.resize(z.geom.size());
            for (size_t k = 0; k < z.geom.size(); ++k) {
                whole.geom.push_back(std::move(z.geom[k]));
                whole.part_names.push_back(std::move(z.part_names[k]));
            }
            whole.area_m2 += z.area_m2;
            return;
        }
        zone_of_code.emplace(z.code, out.zones.size());
        out.zones.push_back(std::move(z));
    };
    try {
        read_polygons<Item>(o.layer, plan, fill, sink, 1);
    } catch (const InputError& e) {
        throw InputError("The zones source " + where(s, o) + " cannot be read: " + e.what() +
                         "; check that the file is complete.");
    }
    if (!refusal.empty()) throw InputError(refusal);
    rep.stored_count = static_cast<int64_t>(out.zones.size());
    refuse_if_nothing_stored(s, o, rep, out.zones.size());
    warn_if_maybe_web_map(s, o, opt, rep);
    return out;
}

/// A spreadsheet row with no value in any field (formatting left below the data).
static bool blank_row(OGRFeatureH f, int nfields) {
    for (int i = 0; i < nfields; ++i)
        if (OGR_F_IsFieldSetAndNotNull(f, i) && !trim(OGR_F_GetFieldAsString(f, i)).empty()) return false;
    return true;
}

LedgerRead read_ledger(const std::string& source, const SourceOptions& opt) {
    const Source s = parse_source(source, LayerKind::Ledger);
    Opened o = open_source(s, opt);
    LedgerRead out;
    ReadReport& rep = out.report;
    begin_report(s, o, rep, false);  // counted below, while reading
    rep.crs = opt.shift == WebShift::Gcj02 ? "GCJ-02" : opt.shift == WebShift::Bd09 ? "BD-09" : "EPSG:4490";

    const auto names = field_names(o);
    const auto fields = resolve_fields(LayerKind::Ledger, names, opt.mapping_file);
    Row row(o.layer, fields, LayerKind::Ledger, s.user, o.recode_from);
    auto sl = [&](const char* c) { return row.slot(c); };
    if (!row.present(sl("project_id")))
        missing_field(s, o, "project id", LayerKind::Ledger, "project_id", names);

    const size_t c_id = sl("project_id"), c_name = sl("name"), c_ent = sl("enterprise"),
                 c_cc = sl("credit_code"), c_zone = sl("zone_name"), c_pc = sl("parcel_codes"),
                 c_ind = sl("industry"), c_kind = sl("enterprise_kind"), c_stage = sl("stage"),
                 c_sign = sl("sign_date"), c_ps = sl("planned_start_date"), c_as = sl("actual_start_date"),
                 c_pp = sl("planned_production_date"), c_ap = sl("actual_production_date"),
                 c_ws = sl("work_stopped_date"), c_ti = sl("total_invest_wan"), c_fi = sl("fixed_invest_wan"),
                 c_f21 = sl("funds_2021_wan"), c_f22 = sl("funds_2022_wan"), c_f23 = sl("funds_2023_wan"),
                 c_area = sl("land_area_mu"), c_out = sl("output_wan"), c_tax = sl("tax_wan"),
                 c_jobs = sl("jobs"), c_en = sl("energy_tce"), c_q = sl("quality_firm"),
                 c_hq = sl("headquarters"), c_de = sl("digital_economy"), c_soe = sl("central_soe"),
                 c_lon = sl("lon"), c_lat = sl("lat"), c_va = sl("value_added_wan"),
                 c_rev = sl("revenue_wan"), c_emis = sl("emission_t"), c_elec = sl("electricity_wan_kwh"),
                 c_rd = sl("rd_wan"), c_scale = sl("above_scale"), c_floor = sl("floor_area_m2");
    const int nfields = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(o.layer));

    CPLErrorReset();
    OGR_L_ResetReading(o.layer);
    int64_t rowno = 0;
    for (;;) {
        gdal::FeaturePtr f(OGR_L_GetNextFeature(o.layer));
        if (!f) break;
        ++rowno;
        if (blank_row(f.get(), nfields)) continue;  // formatting below a spreadsheet's data: no project
        row.set(f.get(), rowno, "Row", "行");
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
        p.value_added_wan = row.num(c_va);
        p.revenue_wan = row.num(c_rev);
        p.emission_t = row.num(c_emis);
        p.electricity_wan_kwh = row.num(c_elec);
        p.rd_wan = row.num(c_rd);
        p.above_scale = row.flag(c_scale);
        p.floor_area_m2 = row.num(c_floor);
        p.quality_firm = row.flag(c_q).value_or(false);
        p.headquarters = row.flag(c_hq).value_or(false);
        p.digital_economy = row.flag(c_de).value_or(false);
        p.central_soe = row.flag(c_soe).value_or(false);
        auto lon = row.num(c_lon);
        auto lat = row.num(c_lat);
        if (lon && lat) {
            LonLat ll{*lon, *lat};
            if (opt.shift == WebShift::Gcj02)
                ll = geo::gcj02_to_wgs84(ll);
            else if (opt.shift == WebShift::Bd09)
                ll = geo::bd09_to_wgs84(ll);
            p.lon = ll.lon;
            p.lat = ll.lat;
        }
        if (p.project_id.empty()) {
            rep.problems.push_back(
                {"missing_project_id", Severity::Error, "ledger", "", 0.0, 0.0,
                 "台账 '" + s.user + "' 第 " + std::to_string(rowno) + " 行没有项目编号",
                 "Row " + std::to_string(rowno) + " of the ledger '" + s.user + "' has no project id."});
        }
        row.take_issues(rep.problems, p.project_id);
        out.projects.push_back(std::move(p));
    }
    if (CPLGetLastErrorType() == CE_Failure)
        throw InputError("The ledger source " + where(s, o) +
                         " cannot be read: reading stopped with an error after " + std::to_string(rowno) +
                         " rows (" + gdal::last_error() + "); check that the file is complete.");
    rep.feature_count = rowno;
    check_not_empty(s, o, rep.feature_count);
    rep.stored_count = static_cast<int64_t>(out.projects.size());
    return out;
}

PipelineRead read_pipeline(const std::string& source, const SourceOptions& opt) {
    const Source s = parse_source(source, LayerKind::Pipeline);
    Opened o = open_source(s, opt);
    PipelineRead out;
    ReadReport& rep = out.report;
    begin_report(s, o, rep);
    const auto names = field_names(o);
    const auto fields = resolve_fields(LayerKind::Pipeline, names, opt.mapping_file);
    Row row(o.layer, fields, LayerKind::Pipeline, s.user, o.recode_from);
    auto sl = [&](const char* c) { return row.slot(c); };
    const std::pair<const char*, const char*> required[] = {
        {"project_id", "project id (项目编号)"},
        {"land_use", "land use (用地类型)"},
        {"min_area_mu", "minimum land (最小用地(亩))"},
        {"max_area_mu", "maximum land (最大用地(亩))"},
        {"fixed_invest_wan", "investment (固定资产投资(万元))"}};
    for (const auto& [canonical, wanted] : required)
        if (!row.present(sl(canonical))) missing_field(s, o, wanted, LayerKind::Pipeline, canonical, names);
    const size_t c_id = sl("project_id"), c_name = sl("name"), c_ent = sl("enterprise"),
                 c_cc = sl("credit_code"), c_ind = sl("industry"), c_lu = sl("land_use"),
                 c_min = sl("min_area_mu"), c_max = sl("max_area_mu"), c_inv = sl("fixed_invest_wan"),
                 c_out = sl("output_wan"), c_tax = sl("tax_wan"), c_en = sl("energy_tce"),
                 c_pr = sl("plot_ratio"), c_zone = sl("preferred_zone"), c_start = sl("earliest_start"),
                 c_std = sl("standard_land"), c_de = sl("digital_economy"), c_hq = sl("headquarters"),
                 c_soe = sl("central_soe");
    const int nfields = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(o.layer));
    auto problem = [&](const char* kind, Severity sev, const std::string& id, const std::string& zh,
                       const std::string& en) {
        rep.problems.push_back({kind, sev, "pipeline", id, 0.0, 0.0, zh, en});
    };
    CPLErrorReset();
    OGR_L_ResetReading(o.layer);
    int64_t rowno = 0;
    std::unordered_map<std::string, int64_t> seen;
    for (;;) {
        gdal::FeaturePtr f(OGR_L_GetNextFeature(o.layer));
        if (!f) break;
        ++rowno;
        if (blank_row(f.get(), nfields)) continue;
        row.set(f.get(), rowno, "Row", "行");
        PipelineProject p;
        p.source_row = rowno;
        p.project_id = row.str(c_id);
        p.name = row.str(c_name);
        p.enterprise = row.str(c_ent);
        p.credit_code = row.str(c_cc);
        p.industry = row.str(c_ind);
        const std::string lu = row.str(c_lu);
        p.min_area_mu = row.num(c_min);
        p.max_area_mu = row.num(c_max);
        p.fixed_invest_wan = row.num(c_inv);
        p.output_wan = row.num(c_out);
        p.tax_wan = row.num(c_tax);
        p.energy_tce = row.num(c_en);
        p.plot_ratio = row.num(c_pr);
        p.preferred_zone = row.str(c_zone);
        p.earliest_start = row.str(c_start);
        p.standard_land = row.flag(c_std).value_or(false);
        p.digital_economy = row.flag(c_de).value_or(false);
        p.headquarters = row.flag(c_hq).value_or(false);
        p.central_soe = row.flag(c_soe).value_or(false);
        const std::string where_en = "Row " + std::to_string(rowno) + " of the pipeline '" + s.user + "'";
        const std::string where_zh = "项目库 '" + s.user + "' 第 " + std::to_string(rowno) + " 行";
        bool usable = true;
        if (p.project_id.empty()) {
            problem("missing_project_id", Severity::Error, "", where_zh + "没有项目编号，已跳过",
                    where_en + " has no project id; it is left out.");
            usable = false;
        } else if (auto [it, fresh] = seen.emplace(p.project_id, rowno); !fresh) {
            problem("duplicate_project_id", Severity::Error, p.project_id,
                    where_zh + "的项目编号 " + p.project_id + " 与第 " + std::to_string(it->second) +
                        " 行重复，已跳过",
                    where_en + " repeats the project id " + p.project_id + " of row " +
                        std::to_string(it->second) + "; it is left out.");
            usable = false;
        }
        if (lu.find("仓储") != std::string::npos || lu.find("物流") != std::string::npos ||
            lu.find("storage") != std::string::npos || lu.find("Storage") != std::string::npos) {
            p.land_use = LandUse::Storage;
        } else if (lu.find("工业") != std::string::npos || lu.find("ndustr") != std::string::npos) {
            p.land_use = LandUse::Industrial;
        } else if (usable) {
            problem("bad_land_use", Severity::Error, p.project_id,
                    where_zh + "的用地类型“" + lu + "”无法识别（应为 工业 或 仓储），已跳过",
                    where_en + ": land use '" + lu +
                        "' is neither 工业 (industrial) nor 仓储 (storage); it is left out.");
            usable = false;
        }
        if (usable &&
            (!p.min_area_mu || !p.max_area_mu || *p.max_area_mu < *p.min_area_mu || *p.max_area_mu <= 0)) {
            problem(
                "bad_area_range", Severity::Error, p.project_id,
                where_zh + "的用地范围无效（最小用地须不大于最大用地且大于 0），已跳过",
                where_en + ": the land range (最小用地 .. 最大用地) is missing or empty; it is left out.");
            usable = false;
        }
        if (usable && !p.earliest_start.empty()) {
            bool bad = false;
            const std::string d =
                parse_date(p.earliest_start.size() == 7 ? p.earliest_start + "-01" : p.earliest_start, &bad);
            if (bad || d.empty()) {
                problem("bad_start_month", Severity::Warning, p.project_id,
                        where_zh + "的最早开工“" + p.earliest_start + "”不是 YYYY-MM，按不限时间处理",
                        where_en + ": earliest start '" + p.earliest_start +
                            "' is not YYYY-MM; any time is assumed.");
                p.earliest_start.clear();
            } else {
                p.earliest_start = d.substr(0, 7);
            }
        }
        row.take_issues(rep.problems, p.project_id);
        if (usable) out.projects.push_back(std::move(p));
    }
    if (CPLGetLastErrorType() == CE_Failure)
        throw InputError("The pipeline source " + where(s, o) +
                         " cannot be read: reading stopped with an error after " + std::to_string(rowno) +
                         " rows (" + gdal::last_error() + "); check that the file is complete.");
    rep.feature_count = rowno;
    check_not_empty(s, o, rep.feature_count);
    rep.stored_count = static_cast<int64_t>(out.projects.size());
    return out;
}

}  // namespace pa::io
