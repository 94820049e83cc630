// Loading a workspace for the map (MapData): zones, parcels, projects and problems from the store, in one or
// two stages, with the mesh from the render cache or tessellated; labels, outlines and the project points. No
// GL.
#include "render/map_data.hpp"
#include "render/map_geometry.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <optional>
#include <thread>

#include "core/common/error.hpp"
#include "core/geos/geos_handles.hpp"
#include "core/store/pg.hpp"
#include "core/store/workspace.hpp"

namespace pa::render {

// ------------------------------------------------------------------------------------------------------
// MapData
int MapData::zone_index(const std::string& code) const {
    for (size_t i = 0; i < zones.size(); ++i)
        if (zones[i].code == code) return static_cast<int>(i);
    return -1;
}

Box MapData::zone_focus_box(const std::string& code) const {
    Box b;
    for (size_t i = 0; i < parcels.size(); ++i)
        if (parcels[i].zone_code == code && !parcel_boxes[i].empty()) {
            b.expand(parcel_boxes[i].min_x, parcel_boxes[i].min_y);
            b.expand(parcel_boxes[i].max_x, parcel_boxes[i].max_y);
        }
    if (b.empty()) {
        const int z = zone_index(code);
        if (z >= 0) b = zone_drawing.boxes[static_cast<size_t>(z)];
    }
    return b;
}

namespace {

void add_thick_segment(std::vector<float>& v, double ax, double ay, double bx, double by) {
    // Two triangles; the vertex shader pushes each vertex sideways by `side` half widths in screen space.
    const float a[2] = {float(ax), float(ay)}, b[2] = {float(bx), float(by)};
    auto vert = [&](const float* p, const float* o, float side) {
        v.insert(v.end(), {p[0], p[1], o[0], o[1], side});
    };
    vert(a, b, -1);
    vert(a, b, 1);
    vert(b, a, -1);
    vert(a, b, -1);
    vert(b, a, -1);
    vert(b, a, 1);
}

// Signed area (m², positive for a counter-clockwise ring) and area-weighted centroid of a ring, in local
// metres; `box`, when given, grows to hold the ring.
struct RingCentroid {
    double signed_area_m2 = 0, x = 0, y = 0;
};
RingCentroid ring_centroid(const Ring& r, const LocalProjection& pr, Box* box = nullptr) {
    double a = 0, cx = 0, cy = 0;
    const auto [x0, y0] = pr.xy(r[0]);
    PlanePoint next = pr.xy(r[0]);
    for (size_t i = 0; i + 1 < r.size(); ++i) {
        const PlanePoint cur = next;
        next = pr.xy(r[i + 1]);
        const double x1 = cur.x - x0, y1 = cur.y - y0;
        const double x2 = next.x - x0, y2 = next.y - y0;
        const double cr = x1 * y2 - x2 * y1;
        a += cr;
        cx += (x1 + x2) * cr;
        cy += (y1 + y2) * cr;
        if (box) box->expand(x1 + x0, y1 + y0);
    }
    if (a == 0) return {0, x0, y0};
    return {a / 2, x0 + cx / (3 * a), y0 + cy / (3 * a)};
}

// A label point: the area-weighted centroid of the largest part's exterior ring (local metres).
std::pair<double, double> label_point(const MultiPolygon& mp, const LocalProjection& pr) {
    double best_area = -1, lx = 0, ly = 0;
    for (const auto& poly : mp) {
        if (poly.empty() || poly[0].size() < 4) continue;
        const RingCentroid rc = ring_centroid(poly[0], pr);
        if (rc.signed_area_m2 != 0 && std::fabs(rc.signed_area_m2) > best_area) {
            best_area = std::fabs(rc.signed_area_m2);
            lx = rc.x;
            ly = rc.y;
        }
    }
    return {lx, ly};
}

// One anchor per part: the area-weighted centroid of its exterior ring when that lies inside the part (not in
// a hole), else GEOS's point on surface.
void part_anchors(const geos::Context& c, const MultiPolygon& mp, const LocalProjection& pr, int zone,
                  std::vector<LabelAnchor>& out) {
    const size_t first = out.size();
    for (size_t k = 0; k < mp.size(); ++k) {
        const Polygon& poly = mp[k];
        if (poly.empty() || poly[0].size() < 4) continue;
        LabelAnchor a;
        a.zone = zone;
        a.part = static_cast<int>(k);
        const RingCentroid rc = ring_centroid(poly[0], pr, &a.box);
        if (rc.signed_area_m2 == 0) continue;
        a.area_m2 = std::fabs(rc.signed_area_m2);
        a.x = rc.x;
        a.y = rc.y;
        geos::GeomPtr g = make_polygon(c, poly, pr);
        if (g) {
            geos::GeomPtr pt = geos::own(c, GEOSGeom_createPointFromXY_r(c.get(), a.x, a.y));
            if (pt && GEOSContains_r(c.get(), g.get(), pt.get()) != 1) {
                geos::GeomPtr on = geos::own(c, GEOSPointOnSurface_r(c.get(), g.get()));
                if (on) {
                    GEOSGeomGetX_r(c.get(), on.get(), &a.x);
                    GEOSGeomGetY_r(c.get(), on.get(), &a.y);
                }
            }
        }
        out.push_back(a);
    }
    if (out.size() > first) {
        auto big = std::max_element(
            out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
            [](const LabelAnchor& a, const LabelAnchor& b) { return a.area_m2 < b.area_m2; });
        big->largest = true;
    }
}

std::string mesh_key(const std::vector<Parcel>& parcels, const LocalProjection& pr) {
    int64_t max_id = 0;
    double area = 0;
    for (const auto& p : parcels) {
        max_id = std::max(max_id, p.id);
        area += p.area_m2;
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "parcels-mesh-v3:%zu:%lld:%.0f:%.4f,%.4f", parcels.size(),
                  static_cast<long long>(max_id), area, pr.lon0(), pr.lat0());
    return buf;
}

// Local origin (rounded to 1e-4° so the cache key is stable) and extent of all zones and parcels, from the
// box of the parcels (lon/lat) and the zones' vertices.
void set_origin_from(MapData& d, BBox bb) {
    for (const auto& z : d.zones)
        for (const auto& poly : z.geom)
            for (const auto& r : poly)
                for (const auto& q : r) bb.expand(q);
    if (bb.empty()) bb = BBox{106.6, 26.5, 106.8, 26.7};
    d.proj = LocalProjection(std::round((bb.min_lon + bb.max_lon) * 0.5 * 1e4) / 1e4,
                             std::round((bb.min_lat + bb.max_lat) * 0.5 * 1e4) / 1e4);
    d.extent = plane_box(d.proj, bb, 16);
}

// Per parcel, the lon/lat box of its vertices.
std::vector<BBox> parcel_lonlat_boxes(const std::vector<Parcel>& parcels) {
    std::vector<BBox> out(parcels.size());
    for (size_t i = 0; i < parcels.size(); ++i)
        for (const auto& poly : parcels[i].geom)
            for (const auto& r : poly)
                for (const auto& q : r) out[i].expand(q);
    return out;
}

void set_origin(MapData& d, const std::vector<BBox>& boxes) {
    BBox bb;
    for (const auto& b : boxes)
        if (!b.empty()) {
            bb.expand(LonLat{b.min_lon, b.min_lat});
            bb.expand(LonLat{b.max_lon, b.max_lat});
        }
    set_origin_from(d, bb);
}

// Outline segments of `geom` (thick-line vertices) and their box.
void add_outlines(const MultiPolygon& geom, const LocalProjection& pr, std::vector<float>& outline,
                  Box* box) {
    for (const auto& poly : geom)
        for (const auto& r : poly)
            for (size_t i = 0; i + 1 < r.size(); ++i) {
                const PlanePoint a = pr.xy(r[i]), b = pr.xy(r[i + 1]);
                add_thick_segment(outline, a.x, a.y, b.x, b.y);
                if (box) box->expand(a.x, a.y);
            }
}

// The parcels' boxes in the plane (four Gauss-Kruger corners each: a million parcels split over the
// triangulation's threads) and their draw order.
void parcel_boxes_and_order(MapData& d, const std::vector<BBox>& boxes) {
    d.parcel_boxes.assign(d.parcels.size(), Box{});
    const size_t nb = std::min(d.parcels.size(), boxes.size());
    const size_t threads = static_cast<size_t>(std::max(1, tessellation_threads(nb)));
    std::vector<std::thread> pool;
    for (size_t k = 0; k < threads; ++k)
        pool.emplace_back([&, k] {
            for (size_t i = nb * k / threads; i < nb * (k + 1) / threads; ++i)
                if (!boxes[i].empty()) d.parcel_boxes[i] = plane_box(d.proj, boxes[i]);
        });
    for (auto& t : pool) t.join();
    d.draw_order = order_parcels(d.parcels, d.parcel_boxes);
}

// Everything but the parcel mesh and the picking index, once the origin is set. `boxes`: per parcel, the
// lon/lat box of its vertices (the box of its projected corners holds the projected vertices).
void finish_drawing(MapData& d, const std::vector<BBox>& boxes) {
    // The parcels' plane boxes and draw order on a thread of their own while this one does the zones (they
    // touch nothing in common).
    std::jthread parcels_part([&d, &boxes] { parcel_boxes_and_order(d, boxes); });
    // Zones: thick outlines, label points, boxes.
    d.zone_drawing = ZoneDrawing{};
    {
        std::vector<const MultiPolygon*> shapes;
        for (const auto& z : d.zones) shapes.push_back(&z.geom);
        d.zone_drawing.fill = tessellate(shapes, d.proj);
    }
    // Coarser levels: every ring simplified (holes and parts stay), then triangulated and outlined again.
    for (const double tol : kZoneLevelTolerancesM) {
        std::vector<MultiPolygon> simple(d.zones.size());
        std::vector<const MultiPolygon*> shapes;
        ZoneLevel level;
        level.tolerance_m = tol;
        for (size_t i = 0; i < d.zones.size(); ++i) {
            for (const auto& poly : d.zones[i].geom) {
                Polygon p;
                for (const auto& r : poly) p.push_back(simplify_ring(r, d.proj, tol));
                simple[i].push_back(std::move(p));
            }
            shapes.push_back(&simple[i]);
            level.outline_first.push_back(static_cast<uint32_t>(level.outline.size() / 5));
            add_outlines(simple[i], d.proj, level.outline, nullptr);
        }
        level.outline_first.push_back(static_cast<uint32_t>(level.outline.size() / 5));
        level.fill = tessellate(shapes, d.proj);
        d.zone_drawing.coarser.push_back(std::move(level));
    }
    for (const auto& z : d.zones) {
        Box b;
        d.zone_drawing.outline_first.push_back(static_cast<uint32_t>(d.zone_drawing.outline.size() / 5));
        add_outlines(z.geom, d.proj, d.zone_drawing.outline, &b);
        auto [lx, ly] = label_point(z.geom, d.proj);
        d.zone_drawing.label_x.push_back(lx);
        d.zone_drawing.label_y.push_back(ly);
        d.zone_drawing.boxes.push_back(b);
    }
    d.zone_drawing.outline_first.push_back(static_cast<uint32_t>(d.zone_drawing.outline.size() / 5));
    {
        geos::Context c;
        auto& anchors = d.zone_drawing.anchors;
        for (size_t i = 0; i < d.zones.size(); ++i) {
            part_anchors(c, d.zones[i].geom, d.proj, static_cast<int>(i), anchors);
            // The label point of a zone is its largest part's anchor (inside the part).
            for (const auto& a : anchors)
                if (a.zone == static_cast<int>(i) && a.largest) {
                    d.zone_drawing.label_x[i] = a.x;
                    d.zone_drawing.label_y[i] = a.y;
                }
        }
        // Placement priority: every zone's largest part before any second part, larger first; ties by zone
        // order.
        std::stable_sort(anchors.begin(), anchors.end(), [](const LabelAnchor& a, const LabelAnchor& b) {
            if (a.largest != b.largest) return a.largest;
            return a.area_m2 > b.area_m2;
        });
    }
    parcels_part.join();
    if (!d.mesh.fill_index.empty() || !d.mesh.line_index.empty()) group_mesh(d.mesh, d.draw_order.rank);
}

// Projects per parcel, each project's first parcel and the project points (needs the parcels, projects and
// links).
void link_projects(MapData& d) {
    // Id lookups through sorted (id, index) vectors: a million-entry std::map costs seconds to build.
    auto index_of = [](std::vector<std::pair<int64_t, int>>& v, int64_t id) {
        auto it =
            std::upper_bound(v.begin(), v.end(), id, [](int64_t x, const auto& e) { return x < e.first; });
        return it != v.begin() && std::prev(it)->first == id ? std::prev(it)->second : -1;
    };
    std::vector<std::pair<int64_t, int>> parcel_by_id, project_by_id;
    parcel_by_id.reserve(d.parcels.size());
    for (size_t i = 0; i < d.parcels.size(); ++i)
        parcel_by_id.emplace_back(d.parcels[i].id, static_cast<int>(i));
    project_by_id.reserve(d.projects.size());
    for (size_t i = 0; i < d.projects.size(); ++i)
        project_by_id.emplace_back(d.projects[i].id, static_cast<int>(i));
    // Stable so that, as with the map this replaces, the last of equal ids wins.
    std::stable_sort(parcel_by_id.begin(), parcel_by_id.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::stable_sort(project_by_id.begin(), project_by_id.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::pair<uint32_t, int>> on_parcel;  // (parcel, project)
    on_parcel.reserve(d.links.size());
    d.project_first_parcel.assign(d.projects.size(), -1);
    for (const auto& l : d.links) {
        const int pa = index_of(parcel_by_id, l.parcel_id);
        const int pr = index_of(project_by_id, l.project_rowid);
        if (pa < 0 || pr < 0) continue;
        on_parcel.emplace_back(static_cast<uint32_t>(pa), pr);
        int& first = d.project_first_parcel[static_cast<size_t>(pr)];
        if (first < 0) first = pa;
    }
    d.parcel_projects = IndexLists::from_pairs(d.parcels.size(), on_parcel);
    d.project_points.clear();
    for (size_t i = 0; i < d.projects.size(); ++i) {
        const Project& p = d.projects[i];
        double x = 0, y = 0;
        if (!project_xy(d, i, x, y)) continue;  // not placed: no point on the map
        d.project_points.insert(
            d.project_points.end(),
            {float(x), float(y), float(p.fixed_invest_wan.value_or(p.total_invest_wan.value_or(0)))});
    }
}

void finish(MapData& d, bool mesh_ready) {
    const std::vector<BBox> boxes = parcel_lonlat_boxes(d.parcels);
    set_origin(d, boxes);
    if (!mesh_ready) d.mesh = tessellate_parcels(d.parcels, d.proj);
    finish_drawing(d, boxes);
    link_projects(d);
    d.picking.build(d.parcel_boxes, d.proj);
    d.geometry_ready = true;
}

}  // namespace

bool project_xy(const MapData& d, size_t i, double& x, double& y) {
    const Project& p = d.projects[i];
    if (p.lon && p.lat) {
        const PlanePoint c = d.proj.xy(*p.lon, *p.lat);
        x = c.x;
        y = c.y;
        return true;
    }
    const int first = i < d.project_first_parcel.size() ? d.project_first_parcel[i] : -1;
    if (first < 0) return false;
    const Parcel& q = d.parcels[static_cast<size_t>(first)];
    const PlanePoint c = d.proj.xy(q.centroid_lon, q.centroid_lat);
    x = c.x;
    y = c.y;
    return true;
}

MapData build_map_data(std::vector<Zone> zones, std::vector<Parcel> parcels, std::vector<Project> projects,
                       std::vector<Link> links) {
    MapData d;
    d.zones = std::move(zones);
    d.parcels = std::move(parcels);
    d.projects = std::move(projects);
    d.links = std::move(links);
    d.data_source = "memory";
    finish(d, false);
    return d;
}

namespace {

using Clock = std::chrono::steady_clock;

// Writable when possible so the mesh can be cached; a read-only file is used as it is.
store::Workspace open_for_map(const std::string& path, bool& writable) {
    writable = true;
    try {
        return store::Workspace::open(path, false);
    } catch (const WorkspaceError&) {
        throw;
    } catch (const std::exception&) {
        writable = false;
    }
    return store::Workspace::open(path, true);
}

constexpr const char* kMeshKeyPrefix = "parcels-mesh-";

bool read_cached_mesh(store::Workspace& ws, const std::string& key, size_t parcels, ParcelMesh& mesh) {
    if (ws.read_cache(key, [&](std::string_view blob) {
            return ParcelMesh::deserialize(blob, mesh) && mesh.line_first.size() == parcels;
        }))
        return true;
    mesh = ParcelMesh{};  // none, or an older workspace without the table: triangulate
    return false;
}

void store_mesh(store::Workspace& ws, const std::string& key, const ParcelMesh& mesh) {
    std::string header;
    ws.replace_cache(kMeshKeyPrefix, key, mesh.serialized_pieces(header));
}

void init_source(MapData& d, store::Workspace& ws, const std::string& path) {
    d.workspace_path = path;
    d.data_source = ws.meta("data_source");
    if (d.data_source.empty())
        d.data_source = store::is_postgres_target(path) ? store::pg_short_name(path)  // never the password
                                                        : std::filesystem::path(path).filename().string();
}

// Reads the parcels' geometry and the columns stage 1 left out into d.parcels (same ids, same order).
void attach_geometry(MapData& d, store::Workspace& ws) {
    try {
        ws.read_parcels_rest(d.parcels);
    } catch (const WorkspaceError&) {
        throw WorkspaceError("The parcels of '" + d.workspace_path +
                             "' changed while the map was opening; open the workspace again.");
    }
}

// The ledger side of the map: projects, links, problems.
void read_project_tables(MapData& d, store::Workspace& ws) {
    d.projects = ws.load_projects();
    d.links = ws.load_links();
    d.problems = ws.load_problems();
}

// Records the seconds since `t` under `name` and restarts `t`.
void lap(MapData& d, Clock::time_point& t, const char* name) {
    const auto now = Clock::now();
    d.open_timings.emplace_back(name, std::chrono::duration<double>(now - t).count());
    t = now;
}

}  // namespace

/// What both loads start with: the workspace opened for the map, the source recorded, the zones read.
store::Workspace open_and_read_zones(const std::string& workspace_path, const Progress& progress, MapData& d,
                                     bool& writable, Clock::time_point& t) {
    if (progress) progress(0.0, "opening workspace");
    store::Workspace ws = open_for_map(workspace_path, writable);
    t = Clock::now();
    init_source(d, ws, workspace_path);
    if (progress) progress(0.1, "reading zones");
    d.zones = ws.load_zones();
    lap(d, t, "zones");
    return ws;
}

MapData load_map_data(const std::string& workspace_path, const Progress& progress) {
    auto report = [&](double f, const char* step) {
        if (progress) progress(f, step);
    };
    MapData d;
    bool writable = true;
    Clock::time_point t;
    store::Workspace ws = open_and_read_zones(workspace_path, progress, d, writable, t);
    report(0.2, "reading parcels");
    d.parcels = ws.load_parcels();
    lap(d, t, "parcels with geometry");
    report(0.5, "reading projects");
    read_project_tables(d, ws);
    lap(d, t, "projects, links, problems");
    report(0.6, "preparing the mesh");
    const std::vector<BBox> boxes = parcel_lonlat_boxes(d.parcels);
    set_origin(d, boxes);  // the origin is part of the cache key
    const std::string key = mesh_key(d.parcels, d.proj);
    const bool cached = read_cached_mesh(ws, key, d.parcels.size(), d.mesh);
    d.mesh_from_cache = cached;
    lap(d, t, "mesh cache");
    report(0.7, cached ? "mesh from cache" : "triangulating parcels");
    if (!cached) {
        d.mesh = tessellate_parcels(d.parcels, d.proj);
        lap(d, t, "triangulation");
    }
    finish_drawing(d, boxes);
    link_projects(d);
    lap(d, t, "zones, boxes, links, points");
    d.picking.build(d.parcel_boxes, d.proj);
    d.geometry_ready = true;
    lap(d, t, "picking index");
    if (!cached && writable) {
        store_mesh(ws, key, d.mesh);
        lap(d, t, "mesh cache write");
    }
    report(1.0, "ready");
    return d;
}

MapData load_map_data_first(const std::string& workspace_path, const Progress& progress) {
    auto report = [&](double f, const char* step) {
        if (progress) progress(f, step);
    };
    MapData d;
    bool writable = true;
    Clock::time_point t;
    store::Workspace ws = open_and_read_zones(workspace_path, progress, d, writable, t);
    std::vector<BBox> boxes;
    report(0.2, "reading parcels");
    d.parcels = ws.load_parcels_lean(boxes);
    if (ws.lean_from_record()) {
        lap(d, t, "parcels (first-stage record)");
    } else {
        lap(d, t, "parcels (23 columns, no geometry)");
        if (writable) d.pending_lean_boxes = std::make_shared<std::vector<BBox>>(boxes);
    }
    report(0.4, "preparing the mesh");
    set_origin(d, boxes);
    d.mesh_key = mesh_key(d.parcels, d.proj);
    // Only the cached mesh's key here: the mesh itself (hundreds of MB at 1M parcels) is read by
    // read_cached_mesh after the first frame, which draws far-out parcels as points anyway.
    d.mesh_from_cache = ws.cache_key(kMeshKeyPrefix) == d.mesh_key;
    d.mesh_pending = d.mesh_from_cache;
    lap(d, t, "mesh key");
    report(0.5, "zones and parcel boxes");
    finish_drawing(d, boxes);
    lap(d, t, "zones, parcel boxes");
    if (!d.mesh_from_cache) {
        // No cached mesh: the first frame draws the parcels as points; the mesh is triangulated after stage 2
        // has read the geometry (triangulate_mesh) and goes into the cache then (first open after an import).
        d.mesh_pending = true;
        d.mesh_needs_triangulation = true;
        if (writable) d.pending_mesh_key = d.mesh_key;
    }
    d.geometry_ready = false;
    report(1.0, "ready");
    return d;
}

GeometryStage load_map_geometry(MapData& d) {
    GeometryStage out;
    const auto t0 = Clock::now();
    // Projects, links and problems on a second connection while this one reads the parcels' geometry.
    std::exception_ptr side_error;
    {
        std::jthread side([&] {
            try {
                const auto ts = Clock::now();
                store::Workspace ws2 = store::Workspace::open(d.workspace_path, true);
                read_project_tables(d, ws2);
                out.projects_s = std::chrono::duration<double>(Clock::now() - ts).count();
            } catch (...) {
                side_error = std::current_exception();
            }
        });
        store::Workspace ws = store::Workspace::open(d.workspace_path, true);
        attach_geometry(d, ws);
        out.geometry_s = std::chrono::duration<double>(Clock::now() - t0).count();
    }
    if (side_error) std::rethrow_exception(side_error);
    const auto t1 = Clock::now();
    link_projects(d);
    const auto t2 = Clock::now();
    out.picking.build(d.parcel_boxes, d.proj);
    out.links_s = std::chrono::duration<double>(t2 - t1).count();
    out.picking_s = std::chrono::duration<double>(Clock::now() - t2).count();
    return out;
}

void finish_map_geometry(MapData& d, GeometryStage stage) {
    d.picking = std::move(stage.picking);
    d.open_timings.emplace_back("stage 2: parcel geometry + other columns", stage.geometry_s);
    d.open_timings.emplace_back("stage 2: projects, links, problems (2nd connection)", stage.projects_s);
    d.open_timings.emplace_back("stage 2: projects per parcel, project points", stage.links_s);
    d.open_timings.emplace_back("stage 2: picking index", stage.picking_s);
    d.geometry_ready = true;
}

double store_pending_mesh(MapData& d) {
    if (d.pending_mesh_key.empty()) return 0;
    const auto t0 = Clock::now();
    try {
        store::Workspace ws = store::Workspace::open(d.workspace_path, false);
        store_mesh(ws, d.pending_mesh_key, d.mesh);
    } catch (const std::exception&) {
        // The cache is an optimisation: a locked or read-only file means triangulating next time too.
    }
    d.pending_mesh_key.clear();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double store_pending_lean_record(MapData& d) {
    if (!d.pending_lean_boxes) return 0;
    const auto t0 = Clock::now();
    try {
        store::Workspace ws = store::Workspace::open(d.workspace_path, false);
        ws.store_lean_record(d.parcels, *d.pending_lean_boxes);
    } catch (const std::exception&) {
        // an optimisation: the next open reads the rows again
    }
    d.pending_lean_boxes.reset();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

ParcelMesh read_cached_mesh(const MapData& d, double* seconds) {
    const auto t0 = Clock::now();
    ParcelMesh mesh;
    bool ok = false;
    try {
        store::Workspace ws = store::Workspace::open(d.workspace_path, true);
        ok = ws.read_cache(d.mesh_key, [&](std::string_view blob) {
            return ParcelMesh::deserialize(blob, mesh) && mesh.line_first.size() == d.parcels.size();
        });
    } catch (const WorkspaceError&) {
        throw;
    } catch (const std::exception&) {
        ok = false;
    }
    if (!ok)
        throw WorkspaceError("The map cache of '" + d.workspace_path +
                             "' changed while the map was opening; open the workspace again.");
    group_mesh(mesh, d.draw_order.rank);  // here, off the UI thread (a second at a million parcels)
    if (seconds) *seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return mesh;
}

void install_mesh(MapData& d, ParcelMesh mesh, double seconds) {
    d.mesh = std::move(mesh);
    d.mesh_pending = false;
    d.open_timings.emplace_back(d.mesh_needs_triangulation ? "triangulation (after the first frame)"
                                                           : "cached mesh (after the first frame)",
                                seconds);
    d.mesh_needs_triangulation = false;
}

namespace {
size_t mesh_bytes(const ParcelMesh& m) {
    return (m.fill_xy.capacity() + m.line_xy.capacity()) * sizeof(float) +
           (m.fill_parcel.capacity() + m.fill_index.capacity() + m.line_parcel.capacity() +
            m.line_index.capacity() + m.line_first.capacity() + m.line_count.capacity()) *
               sizeof(uint32_t) +
           (m.fill_from_rank.capacity() + m.line_from_rank.capacity()) * sizeof(int32_t);
}
bool mesh_may_go(const MapData& d) {
    return !d.mesh_released && !d.mesh_pending && d.pending_mesh_key.empty();
}
}  // namespace

size_t release_mesh(MapData& d) {
    if (!mesh_may_go(d)) return 0;
    const size_t bytes = mesh_bytes(d.mesh);
    d.mesh = ParcelMesh{};
    d.mesh_released = true;
    return bytes;
}

std::optional<ParcelMesh> take_mesh(MapData& d, size_t* bytes) {
    if (!mesh_may_go(d)) return std::nullopt;
    if (bytes) *bytes = mesh_bytes(d.mesh);
    std::optional<ParcelMesh> out(std::move(d.mesh));
    d.mesh = ParcelMesh{};
    d.mesh_released = true;
    return out;
}

bool restore_mesh(MapData& d) {
    if (!d.mesh_released) return true;
    ParcelMesh mesh;
    bool ok = false;
    if (!d.mesh_key.empty()) {
        try {
            mesh = read_cached_mesh(d);
            ok = true;
        } catch (const std::exception&) {
            ok = false;  // the cache changed (another import) or was never written (a read-only workspace)
        }
    }
    if (!ok) {
        if (!d.geometry_ready) return false;
        mesh = triangulate_mesh(d);
    }
    d.mesh = std::move(mesh);
    d.mesh_released = false;
    return true;
}

ParcelMesh triangulate_mesh(const MapData& d, double* seconds) {
    const auto t0 = Clock::now();
    ParcelMesh mesh = tessellate_parcels(d.parcels, d.proj);
    group_mesh(mesh, d.draw_order.rank);
    if (seconds) *seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return mesh;
}

double store_mesh_cache(const std::string& workspace_path, const std::string& key, const ParcelMesh& mesh) {
    const auto t0 = Clock::now();
    try {
        store::Workspace ws = store::Workspace::open(workspace_path, false);
        store_mesh(ws, key, mesh);
    } catch (const std::exception&) {
        // The cache is an optimisation: a locked or read-only file means triangulating next time too.
    }
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

void complete_map_data(MapData& d) {
    if (d.mesh_pending && !d.mesh_needs_triangulation) {
        double sec = 0;
        ParcelMesh m = read_cached_mesh(d, &sec);
        install_mesh(d, std::move(m), sec);
    }
    if (!d.geometry_ready) finish_map_geometry(d, load_map_geometry(d));
    if (d.mesh_needs_triangulation) {
        double sec = 0;
        ParcelMesh m = triangulate_mesh(d, &sec);
        install_mesh(d, std::move(m), sec);
    }
}

// For the reading by view (map_view.cpp): the same origin, drawing and opening steps as a whole open.
namespace detail {
void origin_from(MapData& d, const BBox& parcels_box) {
    set_origin_from(d, parcels_box);
}
void drawing(MapData& d, const std::vector<BBox>& boxes) {
    finish_drawing(d, boxes);
}
store::Workspace open_with_zones(const std::string& workspace_path, MapData& d, bool& writable) {
    Clock::time_point t;
    return open_and_read_zones(workspace_path, {}, d, writable, t);
}
}  // namespace detail

}  // namespace pa::render
