// Reading a large workspace by view (see map_view.hpp).
#include "render/map_view.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>

#include "core/common/error.hpp"
#include "core/geo/view_levels.hpp"
#include "core/store/workspace.hpp"

namespace pa::render {

namespace detail {  // map_data.cpp: the steps a whole open takes too
void origin_from(MapData& d, const BBox& parcels_box);
void drawing(MapData& d, const std::vector<BBox>& boxes);
store::Workspace open_with_zones(const std::string& workspace_path, MapData& d, bool& writable);
}  // namespace detail

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

BBox lonlat_box(const MultiPolygon& mp) {
    BBox b;
    for (const auto& poly : mp)
        for (const auto& r : poly)
            for (const auto& q : r) b.expand(q);
    return b;
}

ViewIndexBuild build_on(store::Workspace& ws, const Progress& progress, size_t batch) {
    const auto t0 = Clock::now();
    ViewIndexBuild out;
    const int64_t total = ws.counts().parcels;
    std::vector<int64_t> ids;
    std::vector<double> lon, lat, area;
    std::vector<BBox> boxes;
    std::string all_tris;
    std::vector<size_t> tri_at{0};
    // The triangles are made in a plane around each batch's place: only their vertex indices are kept, and
    // any plane that does not fold a parcel gives a valid triangulation of it (a parcel's own triangulation
    // in the viewer's plane may pick other diagonals, never other coverage).
    ws.scan_parcel_shapes(batch, [&](std::vector<store::ParcelShape>& shapes) {
        std::vector<const MultiPolygon*> geoms;
        BBox bb;
        for (const auto& s : shapes) {
            geoms.push_back(&s.geom);
            const BBox b = lonlat_box(s.geom);
            if (!b.empty()) {
                bb.expand(LonLat{b.min_lon, b.min_lat});
                bb.expand(LonLat{b.max_lon, b.max_lat});
            }
            ids.push_back(s.id);
            lon.push_back(s.centroid_lon);
            lat.push_back(s.centroid_lat);
            area.push_back(b.empty() ? 0.0 : s.area_m2);
            boxes.push_back(b);
        }
        const LocalProjection pr(bb.empty() ? 0.0 : (bb.min_lon + bb.max_lon) / 2,
                                 bb.empty() ? 0.0 : (bb.min_lat + bb.max_lat) / 2);
        for (auto& t : cacheable_triangles(geoms, pr)) {
            if (!t.empty()) ++out.cached_tris;
            all_tris += t;
            tri_at.push_back(all_tris.size());
        }
        if (progress && total > 0)
            progress(0.8 * double(ids.size()) / double(total), "building the view index");
    });
    const std::vector<int8_t> levels = geo::view_levels(lon, lat, area);
    std::vector<store::ViewIndexEntry> rows(ids.size());
    BBox extent;
    for (size_t i = 0; i < ids.size(); ++i) {
        rows[i].parcel_id = ids[i];
        rows[i].level = levels[i];
        rows[i].box = boxes[i];
        rows[i].tris = std::string_view(all_tris).substr(tri_at[i], tri_at[i + 1] - tri_at[i]);
        if (!boxes[i].empty()) {
            extent.expand(LonLat{boxes[i].min_lon, boxes[i].min_lat});
            extent.expand(LonLat{boxes[i].max_lon, boxes[i].max_lat});
        }
    }
    if (progress) progress(0.85, "writing the view index");
    ws.replace_view_index(rows, extent);
    out.parcels = static_cast<int64_t>(ids.size());
    out.seconds = since(t0);
    return out;
}

double cell_m(int level) {
    return level < 0 ? 0.0 : geo::view_cell_deg(level) * 111320.0;
}
}  // namespace

int64_t view_read_threshold() {
    if (const char* e = std::getenv("PARKATLAS_VIEW_READ_FROM"); e && *e)
        return std::max<int64_t>(1, std::strtoll(e, nullptr, 10));
    return kViewReadFromParcels;
}

bool reads_by_view(const std::string& path, int64_t* parcels) {
    store::Workspace ws = store::Workspace::open(path, true);
    const int64_t n = ws.parcel_count_estimate();
    if (parcels) *parcels = n;
    return n >= view_read_threshold();
}

ViewIndexBuild build_view_index(const std::string& path, const Progress& progress, size_t batch) {
    store::Workspace ws = store::Workspace::open(path, false);
    return build_on(ws, progress, batch);
}

BBox camera_view_box(const Camera& cam, const LocalProjection& pr, double margin) {
    const double w = cam.width * cam.m_per_px, h = cam.height * cam.m_per_px;
    const double x0 = cam.cx - w * (0.5 + margin), x1 = cam.cx + w * (0.5 + margin);
    const double y0 = cam.cy - h * (0.5 + margin), y1 = cam.cy + h * (0.5 + margin);
    BBox b;
    // Edges sampled: the plane's meridians are turned slightly against grid north.
    for (int i = 0; i <= 8; ++i) {
        const double t = i / 8.0, x = x0 + (x1 - x0) * t, y = y0 + (y1 - y0) * t;
        for (const LonLat q : {pr.lonlat(x, y0), pr.lonlat(x, y1), pr.lonlat(x0, y), pr.lonlat(x1, y)})
            b.expand(q);
    }
    return b;
}

MapData load_map_data_view(const std::string& path, const ViewRequest& req, const Progress& progress) {
    auto report = [&](double f, const char* step) {
        if (progress) progress(f, step);
    };
    MapData d;
    bool writable = true;
    auto t = Clock::now();
    report(0.0, "opening workspace");
    store::Workspace ws = detail::open_with_zones(path, d, writable);
    t = Clock::now();
    store::ViewIndexInfo info = ws.view_index_info();
    if (!info.fresh) {
        const auto refuse = [&](const std::string& why) {
            return WorkspaceError("The workspace " + ws.path() + " holds " + std::to_string(info.parcels) +
                                  " parcels, which are read by view, but its view index is " +
                                  (info.present ? "older than its parcels" : "missing") + why +
                                  "; ask an editor to run: parkatlas workspace prepare-view -w \"" +
                                  ws.path() + "\"");
        };
        if (!writable || ws.read_only()) throw refuse("");
        report(0.05, "building the view index");
        ViewIndexBuild b;
        try {
            b = build_on(
                ws,
                [&](double f, const std::string& st) {
                    if (progress) progress(0.05 + 0.5 * f, st);
                },
                100000);
        } catch (const WorkspaceError& e) {  // a PostGIS role without parkatlas_editor
            throw refuse(std::string(" and this user may not build it (") + e.what() + ")");
        }
        d.open_timings.emplace_back("view index built (" + std::to_string(b.parcels) + " parcels)",
                                    b.seconds);
        info = ws.view_index_info();
        t = Clock::now();
    }
    // The origin and extent from the whole workspace, so every view of it shares one plane (the camera stays
    // put from one read to the next).
    detail::origin_from(d, info.extent);
    d.view.on = true;
    d.view.extent = info.extent;
    d.view.total_parcels = info.parcels;
    if (req.frame_only) {
        detail::drawing(d, {});
        return d;
    }
    BBox box = req.box;
    double m_per_px = req.m_per_px;
    if (box.empty()) {
        box = info.extent;
        Camera c;
        c.width = std::max(1, req.width);
        c.height = std::max(1, req.height);
        c.fit(d.extent.min_x, d.extent.min_y, d.extent.max_x, d.extent.max_y);
        m_per_px = c.m_per_px;
    }
    const int wanted = geo::view_level_for(m_per_px);
    int level = wanted;
    store::ViewRead r;
    report(0.6, "reading the view");
    if (level < 0) {
        store::ViewQuery q{box, -1, true, req.max_detailed};
        r = ws.load_parcels_view(q);
        if (r.truncated) level = 0;  // too many with geometry: the finest level as points
    }
    while (level >= 0) {
        store::ViewQuery q{box, level, false, req.max_points};
        r = ws.load_parcels_view(q);
        if (!r.truncated || level + 1 >= geo::kViewLevels) break;
        ++level;
    }
    d.open_timings.emplace_back("parcels of the view (" + std::to_string(r.parcels.size()) +
                                    (level < 0 ? ", with geometry)" : ", points)"),
                                since(t));
    t = Clock::now();
    d.parcels = std::move(r.parcels);
    d.view.on = true;
    d.view.box = box;
    d.view.extent = info.extent;
    d.view.level = level;
    d.view.requested_level = wanted;
    d.view.cell_m = cell_m(level);
    d.view.m_per_px = m_per_px;
    d.view.total_parcels = info.parcels;
    d.view.truncated = r.truncated;
    if (level < 0) {
        size_t cached = 0;
        d.mesh = mesh_from_cached(d.parcels, r.tris, d.proj, &cached);
        d.view.cached_tris = static_cast<int64_t>(cached);
        d.open_timings.emplace_back(
            "mesh (" + std::to_string(cached) + " parcels' triangles from the view index)", since(t));
        t = Clock::now();
    }
    report(0.8, "zones and parcel boxes");
    detail::drawing(d, r.boxes);  // the plane and the extent stay the workspace's
    if (level < 0) d.picking.build(d.parcel_boxes, d.proj);
    d.open_timings.emplace_back("zones, parcel boxes, picking", since(t));
    d.geometry_ready = true;
    report(1.0, "ready");
    return d;
}

bool view_covers(const MapData& d, const Camera& cam) {
    if (!d.view.on) return true;
    // The level read serves its own scale and twice as far out (four times the points needed there, still
    // few); closer in it lacks detail.
    const int wanted = geo::view_level_for(cam.m_per_px);
    if (wanted != d.view.requested_level && wanted != d.view.requested_level + 1) return false;
    // Only the part of the view that holds parcels must have been read.
    BBox seen = camera_view_box(cam, d.proj, 0.0);
    const BBox& all = d.view.extent;
    seen = BBox{std::max(seen.min_lon, all.min_lon), std::max(seen.min_lat, all.min_lat),
                std::min(seen.max_lon, all.max_lon), std::min(seen.max_lat, all.max_lat)};
    if (seen.empty() || seen.min_lat > seen.max_lat) return true;  // nothing of the workspace in sight
    const BBox& got = d.view.box;
    return seen.min_lon >= got.min_lon && seen.max_lon <= got.max_lon && seen.min_lat >= got.min_lat &&
           seen.max_lat <= got.max_lat;
}

ViewRequest view_request(const MapData& d, const Camera& cam) {
    ViewRequest r;
    r.box = camera_view_box(cam, d.proj, 0.5);
    r.m_per_px = cam.m_per_px;
    r.width = cam.width;
    r.height = cam.height;
    return r;
}

}  // namespace pa::render
