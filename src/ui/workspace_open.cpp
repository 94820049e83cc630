// Opening a workspace in the viewer (see workspace_open.hpp) and importing dropped files.
#include "ui/workspace_open.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "core/import/import_pipeline.hpp"
#include "render/map_view.hpp"
#include "render/window_target.hpp"
#include "ui/viewer.hpp"

namespace pa::ui {

namespace fs = std::filesystem;
using render::tr;

const char* preparing_note(render::Lang lang) {
    return lang == render::Lang::Zh ? "正在准备地块选取…" : "Preparing parcel picking…";
}

ImportKind guess_import_kind(const std::string& path) {
    std::string lower = fs::path(path).filename().string();
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    const std::string ext = fs::path(lower).extension().string();
    if (ext == ".xlsx" || ext == ".xls" || ext == ".csv" || ext == ".ods") return ImportKind::Ledger;
    if (lower.find("zone") != std::string::npos || lower.find("园区") != std::string::npos ||
        lower.find("开发区") != std::string::npos)
        return ImportKind::Zones;
    return ImportKind::Parcels;
}

import::ImportRequest import_request_for(const std::vector<DroppedFile>& files,
                                         const std::string& workspace){import::ImportRequest req;
req.workspace = workspace;
for (const auto& f : files) {
    switch (f.kind) {
        case ImportKind::Zones:
            req.zones = f.path;
            break;
        case ImportKind::Parcels:
            req.parcels.push_back(f.path);
            break;
        case ImportKind::Ledger:
            req.ledger = f.path;
            break;
    }
}
return req;
}  // namespace pa::ui

namespace {

// From this many parcels on, opening runs in two stages (picking waits for the second).
constexpr size_t kTwoStageParcels = 20000;

// Everything a freshly opened workspace brings, built on the worker thread.
struct Loaded {
    std::shared_ptr<render::MapData> data;
    std::unique_ptr<geo::GaussKruger> gk35, gk36;
    std::vector<std::string> industries, stages, kinds;
};

// The projections and the filter choices of freshly read data.
void finish_loaded(Loaded& out);

std::shared_ptr<Loaded> load_first_stage(const std::string& path, TaskQueue& tasks, int width, int height) {
    auto out = std::make_shared<Loaded>();
    auto progress = [&](double f, const std::string& step) { tasks.progress(f, step); };
    if (render::reads_by_view(
            path)) {  // a province: the whole extent at the window's scale, then view by view
        render::ViewRequest req;
        if (width > 100 && height > 100) {
            req.width = width;
            req.height = height;
        }
        out->data = std::make_shared<render::MapData>(render::load_map_data_view(path, req, progress));
        finish_loaded(*out);
        return out;
    }
    // Stage 1: what the first frame draws. Parcel geometry and the picking index follow in a second task (see
    // queue_geometry_stage) when the workspace is large; a small one is completed here (it takes
    // milliseconds). PARKATLAS_ONE_STAGE_OPEN=1 opens in one stage, as before (for comparing timings);
    // PARKATLAS_TWO_STAGE_FROM=N moves the two-stage threshold (tests open the sample in two stages with 0).
    const char* one_stage = std::getenv("PARKATLAS_ONE_STAGE_OPEN");
    auto report = [&](double f, const std::string& step) { tasks.progress(f, step); };
    out->data = std::make_shared<render::MapData>(one_stage && *one_stage == '1'
                                                      ? render::load_map_data(path, report)
                                                      : render::load_map_data_first(path, report));
    size_t two_stage_from = kTwoStageParcels;
    if (const char* e = std::getenv("PARKATLAS_TWO_STAGE_FROM"); e && *e)
        two_stage_from = std::strtoull(e, nullptr, 10);
    if (out->data->parcels.size() < two_stage_from) render::complete_map_data(*out->data);
    finish_loaded(*out);
    return out;
}

void finish_loaded(Loaded& loaded) {
    Loaded* out = &loaded;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        out->gk35 = std::make_unique<geo::GaussKruger>(35);
        out->gk36 = std::make_unique<geo::GaussKruger>(36);
    } catch (const std::exception&) {
        // no PROJ database: the status bar shows lon/lat only
    }
    std::set<std::string> ind, st, kd;
    // Neighbouring parcels mostly repeat a value: compare with the previous one before the set (1M parcels).
    const std::string *last_ind = nullptr, *last_st = nullptr, *last_kd = nullptr;
    auto note = [](std::set<std::string>& set, const std::string& v, const std::string*& last) {
        if (v.empty() || (last && *last == v)) return;
        set.insert(v);
        last = &v;
    };
    for (const auto& p : out->data->parcels) {
        note(ind, p.stats.industry, last_ind);
        note(st, p.stats.stage, last_st);
        note(kd, p.stats.enterprise_kind, last_kd);
    }
    out->industries.assign(ind.begin(), ind.end());
    out->stages.assign(st.begin(), st.end());
    out->kinds.assign(kd.begin(), kd.end());
    out->data->open_timings.emplace_back(
        "projections, filter choices",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

/// A large mesh goes to the GPU a slice per frame, the renderer freeing each CPU array once the GPU holds it
/// (the CPU and GPU copies never whole at once); one a cache write still reads goes at once, and stays.
void stage_mesh(render::MapRenderer& r, render::MapData& d) {
    if (auto mesh = render::take_mesh(d))
        r.begin_mesh_upload(std::move(*mesh));
    else
        r.upload_mesh(d.mesh);
}

/// Step 2: the cached mesh, read on the worker after the first frame; uploaded a slice per frame by the frame
/// loop.
void queue_cached_mesh(OpenContext& ctx) {
    // The worker only reads the path, key and parcel count of `data`.
    std::shared_ptr<render::MapData> data = ctx.state.data;
    ViewerState* sp = &ctx.state;
    render::MapRenderer* rp = &ctx.renderer;
    ctx.tasks.submit(
        tr("status.loading", sp->lang),
        [data, sp, rp]() -> TaskQueue::Continuation {
            double sec = 0;
            auto mesh = std::make_shared<render::ParcelMesh>(render::read_cached_mesh(*data, &sec));
            return [data, mesh, sec, sp, rp] {
                render::install_mesh(*data, std::move(*mesh), sec);
                if (sp->data == data) stage_mesh(*rp, *data);
            };
        },
        [sp](const std::string& e) { sp->error = e; });
}

/// Step 3: stage 2 on the same (single, FIFO) worker, so any later task that reads parcel geometry or the
/// ledger runs after it. The UI thread reads neither Parcel::geom, the columns stage 1 left out, nor
/// projects/links/problems before geometry_ready (the glyph strings, the problems list and the parcel card
/// wait for it), so filling them in place is safe; the atlas is rebuilt with their strings once they are
/// there.
void queue_geometry_stage(OpenContext& ctx) {
    std::shared_ptr<render::MapData> data = ctx.state.data;
    ViewerState* sp = &ctx.state;
    render::MapRenderer* rp = &ctx.renderer;
    ctx.tasks.submit(
        preparing_note(sp->lang),
        [data, sp, rp]() -> TaskQueue::Continuation {
            auto stage = std::make_shared<render::GeometryStage>(render::load_map_geometry(*data));
            return [data, stage, sp, rp] {
                render::finish_map_geometry(*data, std::move(*stage));
                if (sp->data != data) return;
                rp->upload_points(*data);  // the ledger came with stage 2
                sp->fonts_dirty = true;
            };
        },
        [sp](const std::string& e) { sp->error = e; });
}

/// Steps 4 and 5: a cache write after the first frame, on the worker (`write` returns its seconds), timed as
/// `label`: the mesh triangulated at the first open after an import (store_pending_mesh), the compact
/// first-stage record of an open that read the parcels' rows (store_pending_lean_record).
void queue_cache_write(OpenContext& ctx, double (*write)(render::MapData&), const char* label) {
    std::shared_ptr<render::MapData> data = ctx.state.data;
    ViewerState* sp = &ctx.state;
    ctx.tasks.submit(
        tr("status.loading", sp->lang),
        [data, write, label]() -> TaskQueue::Continuation {
            const double s_write = write(*data);
            return [data, s_write, label] { data->open_timings.emplace_back(label, s_write); };
        },
        [sp](const std::string& e) { sp->error = e; });
}

/// Step 3b (no cached mesh): the mesh is triangulated on the worker after stage 2 (which read the geometry),
/// and written into the workspace's cache there, before it is handed to the UI thread and uploaded a slice
/// per frame.
void queue_triangulation(OpenContext& ctx) {
    std::shared_ptr<render::MapData> data = ctx.state.data;
    ViewerState* sp = &ctx.state;
    render::MapRenderer* rp = &ctx.renderer;
    const std::string cache_key = data->pending_mesh_key;  // read here, on the UI thread
    ctx.tasks.submit(
        preparing_note(sp->lang),
        [data, cache_key, sp, rp]() -> TaskQueue::Continuation {
            double sec = 0;
            auto mesh = std::make_shared<render::ParcelMesh>(render::triangulate_mesh(*data, &sec));
            const double s_write =
                cache_key.empty() ? 0.0 : render::store_mesh_cache(data->workspace_path, cache_key, *mesh);
            return [data, mesh, sec, s_write, sp, rp] {
                render::install_mesh(*data, std::move(*mesh), sec);
                data->pending_mesh_key.clear();
                if (s_write > 0)
                    data->open_timings.emplace_back("mesh cache write (after the first frame)", s_write);
                if (sp->data == data) stage_mesh(*rp, *data);
            };
        },
        [sp](const std::string& e) { sp->error = e; });
}

/// Step 1's continuation (UI thread): the first stage becomes the viewer's data and goes to the GPU.
void install_first_stage(OpenContext& ctx, Loaded& loaded, bool keep_view) {
    ViewerState& st = ctx.state;
    st.data = loaded.data;
    st.gk35 = std::move(loaded.gk35);
    st.gk36 = std::move(loaded.gk36);
    st.filters.industries = loaded.industries;
    st.filters.stages = loaded.stages;
    st.filters.kinds = loaded.kinds;
    st.selected = st.hover = -1;
    const auto t_up = std::chrono::steady_clock::now();
    // A mesh over 64 MB (a first open of a large workspace, triangulated just now) follows the first frame in
    // slices, as a cached one does.
    const auto& m = st.data->mesh;
    const bool staged = (m.fill_index.size() + m.line_index.size() + m.fill_parcel.size()) * 4 +
                            (m.fill_xy.size() + m.line_xy.size()) * 4 >
                        (size_t(64) << 20);
    ctx.renderer.upload(*st.data, !staged);
    if (staged) stage_mesh(ctx.renderer, *st.data);
    render::finish_gpu();  // (once per open) so the timing below holds the copy, not just its queueing
    st.data->open_timings.emplace_back(
        "upload to the GPU", std::chrono::duration<double>(std::chrono::steady_clock::now() - t_up).count());
    st.theme.dirty = true;
    st.fonts_dirty = true;
    st.camera_fitted = keep_view && st.camera_fitted;  // a refresh keeps the view; a new workspace is fitted
    if (st.data->mesh_pending && !st.data->mesh_needs_triangulation) queue_cached_mesh(ctx);
    if (!st.data->geometry_ready) queue_geometry_stage(ctx);
    // After stage 2, in the worker's order, and before the triangulation: its 190 MB (at a million parcels)
    // then never sit beside the new mesh and its GPU copy.
    if (st.data->pending_lean_boxes)
        queue_cache_write(ctx, render::store_pending_lean_record, "first-stage record write (after stage 2)");
    if (st.data->mesh_needs_triangulation)
        queue_triangulation(ctx);  // it writes the cache itself
    else if (!st.data->pending_mesh_key.empty())
        queue_cache_write(ctx, render::store_pending_mesh, "mesh cache write (after the first frame)");
}

}  // namespace

std::vector<std::string> glyph_strings(const render::MapData* d,
                                       const std::vector<const std::vector<std::string>*>& choices) {
    std::vector<std::string> s = render::all_ui_strings();
    s.emplace_back("开发区宗地(替换全部)项目台账×—°");
    s.emplace_back(preparing_note(render::Lang::Zh));
    if (!d) return s;
    for (const auto& z : d->zones) {
        s.push_back(z.name_zh);
        s.push_back(z.name_en);
        for (const auto& part : z.part_names) s.push_back(part);  // 片区 labels
    }
    // The characters of the workspace's strings, one bit each (ASCII is in the default range anyway): a
    // million parcels' locations are a pass over their bytes, not a million strings in a set.
    render::GlyphSet glyphs;
    for (const auto* list : choices)
        for (const auto& t : *list) glyphs.add(t);
    if (d->geometry_ready)  // before, stage 2 of the open is still writing these (see load_map_geometry)
        for (const auto& p : d->parcels) {
            glyphs.add(p.landuse_name.view());
            glyphs.add(p.location);
        }
    if (d->geometry_ready) {  // the ledger arrives with stage 2
        for (const auto& p : d->projects) {
            glyphs.add(p.name);
            glyphs.add(p.enterprise);  // the evaluation's card and panel name the enterprises
            glyphs.add(p.stage.view());
        }
        for (const auto& p : d->problems) glyphs.add(p.message_zh);
    }
    s.push_back(glyphs.to_utf8());
    s.push_back(d->data_source);
    return s;
}

void open_workspace(OpenContext& ctx, const std::string& path, bool keep_view) {
    ctx.state.workspace_path = path;
    ctx.state.view_reading = false;
    ctx.state.view_reads = 0;
    OpenContext* cp = &ctx;
    const int w = ctx.state.camera.width, h = ctx.state.camera.height;
    ctx.tasks.submit(
        tr("status.loading", ctx.state.lang),
        [path, cp, keep_view, w, h]() -> TaskQueue::Continuation {
            auto loaded = load_first_stage(path, cp->tasks, w, h);
            return [loaded, cp, keep_view] {
                if (loaded->data->view.on) ++cp->state.view_reads;
                install_first_stage(*cp, *loaded, keep_view);
            };
        },
        [sp = &ctx.state](const std::string& e) { sp->error = e; });
}

bool view_settled(const ViewerState& st) {
    return !st.data || !st.data->view.on || (!st.view_reading && render::view_covers(*st.data, st.camera));
}

void refresh_view(OpenContext& ctx) {
    ViewerState& st = ctx.state;
    if (!st.data || !st.data->view.on || st.view_reading || ctx.tasks.busy() || st.camera.width < 2) return;
    if (!st.camera_fitted || st.zoom_to) return;  // the start view or a zoom is still to be applied
    if (render::view_covers(*st.data, st.camera)) return;
    st.view_reading = true;
    const render::ViewRequest req = render::view_request(*st.data, st.camera);
    const std::string path = st.data->workspace_path;
    // The selection follows its parcel (by id) into the next view's data.
    const int64_t selected_id = st.selected >= 0 && static_cast<size_t>(st.selected) < st.data->parcels.size()
                                    ? st.data->parcels[static_cast<size_t>(st.selected)].id
                                    : -1;
    OpenContext* cp = &ctx;
    ctx.tasks.submit(
        tr("status.reading_view", st.lang),
        [path, req, cp, selected_id]() -> TaskQueue::Continuation {
            auto loaded = std::make_shared<Loaded>();
            loaded->data = std::make_shared<render::MapData>(render::load_map_data_view(path, req));
            finish_loaded(*loaded);
            return [loaded, cp, selected_id] {
                ViewerState& s = cp->state;
                s.view_reading = false;
                if (s.workspace_path != loaded->data->workspace_path) return;  // another workspace since
                ++s.view_reads;
                install_first_stage(*cp, *loaded, true);
                for (size_t i = 0; selected_id >= 0 && i < s.data->parcels.size(); ++i)
                    if (s.data->parcels[i].id == selected_id) s.selected = static_cast<int>(i);
            };
        },
        [sp = &st](const std::string& e) {
            sp->view_reading = false;
            sp->error = e;
        });
}

void import_dropped_files(OpenContext& ctx, std::vector<DroppedFile> files) {
    ViewerState& s = ctx.state;
    const std::string ws = s.workspace_path.empty() ? sample_workspace_path() : s.workspace_path;
    ctx.tasks.submit(
        tr("status.importing", s.lang),
        [files = std::move(files), ws, sp = &s]() -> TaskQueue::Continuation {
            auto sum = import::run_import(
                import_request_for(files, ws));  // the same library call as `parkatlas import`
            std::string msg = "zones " + std::to_string(sum.zones) + ", parcels " +
                              std::to_string(sum.parcels) + ", projects " + std::to_string(sum.projects);
            return [msg, sp] {
                sp->import.last_failed = false;
                sp->import.last_message = std::string(tr("import.done", sp->lang)) + ": " + msg;
            };
        },
        [sp = &s](const std::string& e) {
            sp->import.last_failed = true;
            sp->import.last_message = e;
        });
    open_workspace(ctx, ws);  // queued after the import: reopens with the new data
}

}  // namespace pa::ui
