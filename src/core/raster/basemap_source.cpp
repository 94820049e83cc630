#include "core/raster/basemap_source.hpp"

#include <cpl_conv.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/common/cache_dir.hpp"
#include "core/common/error.hpp"
#include "core/common/output_file.hpp"
#include "core/gdal/gdal_env.hpp"
#include "core/gdal/gdal_handles.hpp"
#include "core/geo/webshift.hpp"

namespace pa::raster {

namespace fs = std::filesystem;

namespace {

constexpr double kEarthRadiusM = 6378137.0;
constexpr double kPi = 3.14159265358979323846;
constexpr int kOverviewMinSide = 2048;

bool numeric(const std::string& s) {
    return !s.empty() && s.size() < 10 &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

bool tile_extension(const fs::path& p) {
    std::string e = p.extension().string();
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e == ".png" || e == ".jpg" || e == ".jpeg" || e == ".webp";
}

gdal::DatasetPtr open_raster(const std::string& path) {
    gdal::init();
    return gdal::DatasetPtr(
        GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
}

// Where the cache keeps what it builds for `path`: named by the path, its size and its modification time, so
// a changed file gets new overviews.
fs::path cache_path_for(const std::string& path, const std::string& suffix) {
    std::error_code ec;
    const fs::path abs = fs::absolute(path, ec);
    std::string stamp = abs.string();
    if (fs::is_regular_file(abs, ec)) stamp += "|" + std::to_string(fs::file_size(abs, ec));
    const auto t = fs::last_write_time(abs, ec);
    stamp += "|" + std::to_string(t.time_since_epoch().count());
    return user_cache_dir() / "basemaps" / (cache_key(stamp) + suffix);
}

struct TileGrid {
    int z = 0, min_x = 0, max_x = -1, min_y = 0, max_y = -1;
    std::map<std::pair<int, int>, std::string> tiles;  // (x, y) -> file
};

TileGrid list_level(const std::string& folder, int z) {
    TileGrid g;
    g.z = z;
    std::error_code ec;
    for (const auto& xd : fs::directory_iterator(fs::path(folder) / std::to_string(z), ec)) {
        const std::string xs = xd.path().filename().string();
        if (!xd.is_directory() || !numeric(xs)) continue;
        const int x = std::stoi(xs);
        for (const auto& yf : fs::directory_iterator(xd.path(), ec)) {
            if (!yf.is_regular_file() || !tile_extension(yf.path())) continue;
            const std::string ys = yf.path().stem().string();
            if (!numeric(ys)) continue;
            const int y = std::stoi(ys);
            g.tiles[{x, y}] = yf.path().string();
        }
    }
    for (const auto& [xy, file] : g.tiles) {
        if (g.max_x < g.min_x) {
            g.min_x = g.max_x = xy.first;
            g.min_y = g.max_y = xy.second;
        }
        g.min_x = std::min(g.min_x, xy.first);
        g.max_x = std::max(g.max_x, xy.first);
        g.min_y = std::min(g.min_y, xy.second);
        g.max_y = std::max(g.max_y, xy.second);
    }
    return g;
}

std::string scheme_of(const Basemap& b) {
    return b.scheme.empty() ? "webmercator" : b.scheme;
}

void check_scheme(const Basemap& b) {
    const std::string s = scheme_of(b);
    if (s != "webmercator" && s != "gcj02" && s != "cgcs2000")
        throw InputError("The tiling scheme '" + b.scheme + "' of the basemap '" + b.path +
                         "' is not one ParkAtlas reads; use webmercator (Tianditu _w, most web maps), gcj02 "
                         "(tiles cut from Gaode/Tencent maps) or cgcs2000 (Tianditu _c lon/lat tiles).");
}

std::string srs_wkt(int epsg) {
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, epsg);
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    return out;
}

std::string xml_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '&')
            o += "&amp;";
        else if (c == '<')
            o += "&lt;";
        else if (c == '>')
            o += "&gt;";
        else if (c == '"')
            o += "&quot;";
        else
            o += c;
    }
    return o;
}

// The mosaic of one zoom level as a VRT in the cache (written once per folder state and level).
std::string tile_mosaic(const Basemap& b, int z) {
    const fs::path vrt = cache_path_for(b.path, "-z" + std::to_string(z) + "-" + scheme_of(b) + ".vrt");
    std::error_code ec;
    if (fs::exists(vrt, ec)) return vrt.string();
    const TileGrid g = list_level(b.path, z);
    if (g.tiles.empty())
        throw InputError("The tile folder '" + b.path + "' has no tiles at zoom " + std::to_string(z) + ".");
    // The first tile gives the tile size, the band count and whether tiles are paletted.
    const auto first = open_raster(g.tiles.begin()->second);
    if (!first)
        throw InputError("GDAL cannot read the tile '" + g.tiles.begin()->second + "' of the basemap '" +
                         b.path + "'.");
    const int ts = GDALGetRasterXSize(first.get());
    const int bands = GDALGetRasterCount(first.get());
    const bool palette = bands == 1 && GDALGetRasterColorTable(GDALGetRasterBand(first.get(), 1)) != nullptr;
    const bool has_alpha = bands == 4 || (bands == 2 && !palette);
    const int cols = g.max_x - g.min_x + 1, rows = g.max_y - g.min_y + 1;
    const double n = std::ldexp(1.0, z);
    double ox = 0, oy = 0, res = 0;
    int epsg = 3857;
    if (scheme_of(b) == "cgcs2000") {
        epsg = 4490;
        res = 360.0 / n / ts;  // Tianditu _c: 2^z columns of 360/2^z degrees from (-180, 90)
        ox = -180.0 + g.min_x * ts * res;
        oy = 90.0 - g.min_y * ts * res;
    } else {
        const double world = 2 * kPi * kEarthRadiusM;
        res = world / n / ts;
        ox = -world / 2 + g.min_x * ts * res;
        oy = world / 2 - g.min_y * ts * res;
        if (scheme_of(b) == "gcj02") {
            // The tiles are drawn in GCJ-02: shift them back by the offset at the mosaic's centre (the offset
            // varies by metres across a city, far below a tile pixel at the zooms a city is shown at).
            const double cx = ox + cols * ts * res / 2, cy = oy - rows * ts * res / 2;
            const double lon = cx / kEarthRadiusM * 180 / kPi;
            const double lat = (2 * std::atan(std::exp(cy / kEarthRadiusM)) - kPi / 2) * 180 / kPi;
            const LonLat w = geo::gcj02_to_wgs84(LonLat{lon, lat});
            ox += (w.lon - lon) * kPi / 180 * kEarthRadiusM;
            const double wy = std::log(std::tan(kPi / 4 + w.lat * kPi / 360)) * kEarthRadiusM;
            oy += wy - cy;
        }
    }
    std::ostringstream x;
    x.precision(17);
    x << "<VRTDataset rasterXSize=\"" << cols * ts << "\" rasterYSize=\"" << rows * ts << "\">\n";
    x << "  <SRS>" << xml_escape(srs_wkt(epsg)) << "</SRS>\n";
    x << "  <GeoTransform>" << ox << ", " << res << ", 0, " << oy << ", 0, " << -res << "</GeoTransform>\n";
    const char* interp[4] = {"Red", "Green", "Blue", "Alpha"};
    for (int band = 1; band <= 4; ++band) {
        x << "  <VRTRasterBand dataType=\"Byte\" band=\"" << band << "\"><ColorInterp>" << interp[band - 1]
          << "</ColorInterp>\n";
        for (const auto& [xy, file] : g.tiles) {
            x << "    <ComplexSource><SourceFilename relativeToVRT=\"0\">" << xml_escape(file)
              << "</SourceFilename>";
            int src_band = 1;
            if (palette) {
                x << "<SourceBand>1</SourceBand>";
            } else if (band == 4) {
                src_band = has_alpha ? bands : 1;
                x << "<SourceBand>" << src_band << "</SourceBand>";
            } else {
                src_band = bands >= 3 ? band : 1;
                x << "<SourceBand>" << src_band << "</SourceBand>";
            }
            x << "<SrcRect xOff=\"0\" yOff=\"0\" xSize=\"" << ts << "\" ySize=\"" << ts << "\"/>"
              << "<DstRect xOff=\"" << (xy.first - g.min_x) * ts << "\" yOff=\"" << (xy.second - g.min_y) * ts
              << "\" xSize=\"" << ts << "\" ySize=\"" << ts << "\"/>";
            if (palette) x << "<ColorTableComponent>" << band << "</ColorTableComponent>";
            if (band == 4 && !has_alpha && !palette)  // opaque where a tile is
                x << "<ScaleOffset>255</ScaleOffset><ScaleRatio>0</ScaleRatio>";
            x << "</ComplexSource>\n";
        }
        x << "  </VRTRasterBand>\n";
    }
    x << "</VRTDataset>\n";
    fs::create_directories(vrt.parent_path(), ec);
    write_output_bytes(vrt.string(), x.str());
    return vrt.string();
}

}  // namespace

bool is_tile_folder(const std::string& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return false;
    return !tile_levels(path).empty();
}

std::vector<int> tile_levels(const std::string& path) {
    std::vector<int> out;
    std::error_code ec;
    for (const auto& zd : fs::directory_iterator(path, ec)) {
        const std::string zs = zd.path().filename().string();
        if (!zd.is_directory() || !numeric(zs)) continue;
        const int z = std::stoi(zs);
        if (z > 30) continue;
        bool any = false;
        for (const auto& xd : fs::directory_iterator(zd.path(), ec)) {
            if (!xd.is_directory() || !numeric(xd.path().filename().string())) continue;
            for (const auto& yf : fs::directory_iterator(xd.path(), ec))
                if (yf.is_regular_file() && tile_extension(yf.path()) && numeric(yf.path().stem().string())) {
                    any = true;
                    break;
                }
            if (any) break;
        }
        if (any) out.push_back(z);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string check_basemap(const Basemap& b) {
    std::error_code ec;
    if (fs::is_directory(b.path, ec)) {
        const auto levels = tile_levels(b.path);
        if (levels.empty())
            throw InputError("The basemap folder '" + b.path +
                             "' holds no XYZ tiles (z/x/y.png or .jpg with numeric folder and file names).");
        check_scheme(b);
        tile_mosaic(b, levels.back());  // reads a tile: a folder of unreadable files fails here, not later
        return "XYZ tiles, " + scheme_of(b) + ", zoom " + std::to_string(levels.front()) + "-" +
               std::to_string(levels.back());
    }
    auto ds = open_raster(b.path);
    if (!ds)
        throw InputError(
            "GDAL cannot open the basemap '" + b.path +
            "' as a raster (GeoTIFF, GeoPackage tiles, MBTiles, …) or a folder of XYZ tiles; check "
            "the path and the format.");
    const char* wkt = GDALGetProjectionRef(ds.get());
    double gt[6];
    if ((!wkt || !*wkt) && GDALGetGCPCount(ds.get()) == 0)
        throw InputError(
            "The basemap '" + b.path +
            "' has no coordinate reference system; give it one (a .prj or .aux.xml beside it, or "
            "gdal_edit.py -a_srs EPSG:4490).");
    if (GDALGetGeoTransform(ds.get(), gt) != CE_None && GDALGetGCPCount(ds.get()) == 0)
        throw InputError("The basemap '" + b.path + "' has no georeferencing (no geotransform and no GCPs).");
    const int w = GDALGetRasterXSize(ds.get()), h = GDALGetRasterYSize(ds.get());
    const int bands = GDALGetRasterCount(ds.get());
    const int ovr = bands > 0 ? GDALGetOverviewCount(GDALGetRasterBand(ds.get(), 1)) : 0;
    return std::string(GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()))) + " " + std::to_string(w) +
           "x" + std::to_string(h) + ", " + std::to_string(bands) + (bands == 1 ? " band, " : " bands, ") +
           std::to_string(ovr) + " overview levels";
}

bool needs_overview_cache(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return false;
    auto ds = open_raster(path);
    if (!ds || GDALGetRasterCount(ds.get()) == 0) return false;
    if (GDALGetOverviewCount(GDALGetRasterBand(ds.get(), 1)) > 0) return false;
    if (std::max(GDALGetRasterXSize(ds.get()), GDALGetRasterYSize(ds.get())) <= kOverviewMinSide)
        return false;
    return !fs::exists(fs::path(cache_path_for(path, ".vrt").string() + ".ovr"), ec);
}

std::string build_overview_cache(const std::string& path, const std::function<void(double)>& progress) {
    const fs::path vrt = cache_path_for(path, ".vrt");
    std::error_code ec;
    fs::create_directories(vrt.parent_path(), ec);
    auto src = open_raster(path);
    if (!src) throw InputError("GDAL cannot open the basemap '" + path + "' as a raster.");
    {
        GDALDatasetH in = src.get();
        int usage = 0;
        gdal::DatasetPtr out(GDALBuildVRT(vrt.string().c_str(), 1, &in, nullptr, nullptr, &usage));
        if (!out)
            throw InputError("Could not write the overview cache " + vrt.string() + " (" +
                             gdal::last_error() + ").");
    }
    gdal::DatasetPtr v(
        GDALOpenEx(vrt.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!v) throw InputError("Could not read back the overview cache " + vrt.string() + ".");
    std::vector<int> levels;
    const int side = std::max(GDALGetRasterXSize(v.get()), GDALGetRasterYSize(v.get()));
    for (int f = 2; side / f >= 256; f *= 2) levels.push_back(f);
    if (levels.empty()) return vrt.string();
    struct Ctx {
        const std::function<void(double)>* cb;
    } ctx{&progress};
    auto cb = [](double done, const char*, void* p) -> int {
        auto* c = static_cast<Ctx*>(p);
        if (*c->cb) (*c->cb)(done);
        return 1;
    };
    // A read-only dataset gets external overviews: the .ovr lands beside the VRT, in the cache.
    if (GDALBuildOverviews(v.get(), "AVERAGE", static_cast<int>(levels.size()), levels.data(), 0, nullptr, cb,
                           &ctx) != CE_None)
        throw InputError("Could not build the overviews of the basemap '" + path + "' in " +
                         vrt.parent_path().string() + " (" + gdal::last_error() + "); is the disk full?");
    return vrt.string();
}

std::string basemap_dataset_for(const Basemap& b, double ground_m_per_px) {
    std::error_code ec;
    if (!fs::is_directory(b.path, ec)) {
        // A raster: its cached overviews when it has them there, else itself.
        const fs::path vrt = cache_path_for(b.path, ".vrt");
        if (fs::exists(fs::path(vrt.string() + ".ovr"), ec)) return vrt.string();
        return b.path;
    }
    check_scheme(b);
    const auto levels = tile_levels(b.path);
    if (levels.empty())
        throw InputError("The basemap folder '" + b.path + "' holds no XYZ tiles (z/x/y.png or .jpg).");
    // Ground metres per tile pixel at zoom z (256-pixel tiles) at the latitude of the coarsest level's
    // centre.
    const TileGrid coarse = list_level(b.path, levels.front());
    const double n0 = std::ldexp(1.0, levels.front()), yc = (coarse.min_y + coarse.max_y + 1) / 2.0 / n0;
    const double lat =
        scheme_of(b) == "cgcs2000" ? 90.0 - yc * 360.0 : std::atan(std::sinh(kPi * (1 - 2 * yc))) * 180 / kPi;
    const double coslat = std::cos(std::clamp(lat, -85.0, 85.0) * kPi / 180);
    int pick = levels.back();
    for (int z : levels) {
        const double res = 2 * kPi * kEarthRadiusM / (256.0 * std::ldexp(1.0, z)) * coslat;
        if (res <= ground_m_per_px) {
            pick = z;
            break;
        }
    }
    return tile_mosaic(b, pick);
}

std::string desk_basemaps_file() {
    if (const char* p = std::getenv("PARKATLAS_BASEMAPS"); p && *p) return p;
    const auto dir = user_config_dir();
    return dir.empty() ? std::string() : (dir / "basemaps.json").string();
}

std::vector<Basemap> for_this_desk(std::vector<Basemap> registered) {
    const std::string file = desk_basemaps_file();
    std::error_code ec;
    if (file.empty() || !std::filesystem::is_regular_file(file, ec)) return registered;
    std::ifstream in(file);
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_object())
        throw InputError("The desk's basemap paths '" + file +
                         "' are not a JSON object {\"name\": \"path\", …}; fix it or remove it.");
    for (auto& b : registered) {
        const auto it = j.find(b.name);
        if (it == j.end()) continue;
        if (!it->is_string() || it->get<std::string>().empty())
            throw InputError("The desk's basemap paths '" + file + "' give '" + b.name +
                             "' no path (a non-empty string is needed).");
        b.path = it->get<std::string>();
    }
    return registered;
}

}  // namespace pa::raster
