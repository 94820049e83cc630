#include "ui/viewer.hpp"

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <string_view>

#include "core/check/import_pipeline.hpp"
#include "core/common/error.hpp"
#include "render/imgui_draw.hpp"
#include "render/map_cache.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen.hpp"
#include "ui/cluster_layers.hpp"
#include "ui/supply_panels.hpp"
#include "ui/panels.hpp"
#include "ui/task_queue.hpp"
#include "ui/window.hpp"

namespace pa::ui {

namespace fs = std::filesystem;

std::string sample_workspace_path() {
    fs::path base;
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
        base = x;
    else if (const char* h = std::getenv("HOME"); h && *h)
        base = fs::path(h) / ".cache";
    else
        base = fs::temp_directory_path();
    return (base / "parkatlas" / "sample.sqlite").string();
}

std::string sample_data_dir() {
    std::vector<fs::path> candidates;
    if (const char* e = std::getenv("PARKATLAS_SAMPLE_DIR"); e && *e) candidates.emplace_back(e);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back(exe.parent_path() / ".." / "share" / "parkatlas" / "gis-data");
    candidates.push_back(fs::path(PARKATLAS_SHADER_DIR).parent_path() / "gis-data");
    for (const auto& c : candidates)
        if (fs::exists(c / "zones.shp", ec)) return c.string();
    return "";
}

void import_sample(const std::string& dir, const std::string& workspace) {
    fs::create_directories(fs::path(workspace).parent_path());
    check::ImportRequest req;
    req.workspace = workspace;
    req.zones = (fs::path(dir) / "zones.shp").string();
    req.parcels = {(fs::path(dir) / "parcels_guian.gpkg").string(), (fs::path(dir) / "parcels_guiyang.shp").string()};
    req.ledger = (fs::path(dir) / "projects.xlsx").string();
    check::run_import(req);
}

namespace {

using render::tr;

// From this many parcels on, opening runs in two stages (picking waits for the second).
constexpr size_t kTwoStageParcels = 20000;

const char* preparing_note(render::Lang lang) {
    return lang == render::Lang::Zh ? "正在准备地块选取…" : "Preparing parcel picking…";
}

// Everything a freshly opened workspace brings, built on the worker thread.
struct Loaded {
    std::shared_ptr<render::MapData> data;
    std::unique_ptr<geo::GaussKruger> gk35, gk36;
    std::vector<std::string> industries, stages, kinds;
};

std::shared_ptr<Loaded> load(const std::string& path, TaskQueue& tasks) {
    auto out = std::make_shared<Loaded>();
    // Stage 1: what the first frame draws. Parcel geometry and the picking index follow in a second task (see
    // open_workspace) when the workspace is large; a small one is completed here (it takes milliseconds).
    // PARKATLAS_ONE_STAGE_OPEN=1 opens in one stage, as before (for comparing timings); PARKATLAS_TWO_STAGE_FROM=N
    // moves the two-stage threshold (tests open the sample in two stages with 0).
    const char* one_stage = std::getenv("PARKATLAS_ONE_STAGE_OPEN");
    auto report = [&](double f, const std::string& step) { tasks.progress(f, step); };
    out->data = std::make_shared<render::MapData>(one_stage && *one_stage == '1'
                                                      ? render::load_map_data(path, report)
                                                      : render::load_map_data_first(path, report));
    size_t two_stage_from = kTwoStageParcels;
    if (const char* e = std::getenv("PARKATLAS_TWO_STAGE_FROM"); e && *e) two_stage_from = std::strtoull(e, nullptr, 10);
    if (out->data->parcels.size() < two_stage_from) render::complete_map_data(*out->data);
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
        "projections, filter choices", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    return out;
}

int guess_kind(const std::string& path) {
    std::string lower = fs::path(path).filename().string();
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string ext = fs::path(lower).extension().string();
    if (ext == ".xlsx" || ext == ".xls" || ext == ".csv" || ext == ".ods") return 2;
    if (lower.find("zone") != std::string::npos || lower.find("园区") != std::string::npos ||
        lower.find("开发区") != std::string::npos)
        return 0;
    return 1;
}

// All strings the atlas must hold: UI table + every string of the workspace the panels can show. `choices`: the
// distinct industries, stages and enterprise kinds of the parcels (the filter lists), which stand for those columns
// of a million parcels.
std::vector<std::string> glyph_strings(const render::MapData* d, const std::vector<const std::vector<std::string>*>& choices) {
    std::vector<std::string> s = render::all_ui_strings();
    s.emplace_back("开发区宗地(替换全部)项目台账×—°");
    s.emplace_back(preparing_note(render::Lang::Zh));
    if (!d) return s;
    for (const auto& z : d->zones) {
        s.push_back(z.name_zh);
        s.push_back(z.name_en);
    }
    // The characters of the workspace's strings, one bit each (ASCII is in the default range anyway): a million
    // parcels' locations are a pass over their bytes, not a million strings in a set.
    render::GlyphSet glyphs;
    for (const auto* list : choices)
        for (const auto& t : *list) glyphs.add(t);
    if (d->geometry_ready)  // before, stage 2 of the open is still writing these (see load_map_geometry)
        for (const auto& p : d->parcels) {
            glyphs.add(p.landuse_name);
            glyphs.add(p.location);
        }
    if (d->geometry_ready) {  // the ledger arrives with stage 2
        for (const auto& p : d->projects) {
            glyphs.add(p.name);
            glyphs.add(p.stage);
        }
        for (const auto& p : d->problems) glyphs.add(p.message_zh);
    }
    s.push_back(glyphs.to_utf8());
    s.push_back(d->data_source);
    return s;
}

// The first view of a workspace: --zone's parcels, --bbox, or everything. An unknown zone code is said in the
// error banner (naming the zones there are) and the whole workspace is shown.
render::Box start_view(const render::MapData& d, const ViewerOptions& opt, std::string& error) {
    if (opt.start_bbox) {
        const auto& b = *opt.start_bbox;
        render::Box box;
        box.expand(d.proj.x(b[0]), d.proj.y(b[1]));
        box.expand(d.proj.x(b[2]), d.proj.y(b[3]));
        return box;
    }
    if (!opt.start_zone.empty()) {
        if (d.zone_index(opt.start_zone) >= 0) return d.zone_focus_box(opt.start_zone);
        std::string codes;
        for (const auto& z : d.zones) codes += (codes.empty() ? "" : ", ") + z.code;
        error = "--zone '" + opt.start_zone + "' is not a zone of this workspace; its zones are: " +
                (codes.empty() ? "(none)" : codes) + ".";
    }
    return d.extent;
}
}  // namespace

int run_viewer(const ViewerOptions& opt) {
    Window window(opt.width, opt.height, "ParkAtlas 园区地图");
    ViewerState s;
    s.lang = opt.lang;
    s.workspace_path = opt.workspace;
    render::MapRenderer renderer;
    // The map lives in an offscreen buffer redrawn only when the view, style or colours change (4x MSAA on a GPU,
    // none under llvmpipe, where every sample costs CPU time: 4x took about twice as long per redraw there). Under
    // llvmpipe a changed map is drawn straight into the window (the copy is a full-screen pass there);
    // $PARKATLAS_MAP_DIRECT=0/1 overrides that (benchmarks).
    const int map_samples = render::map_samples_for_current_context();
    bool map_direct = map_samples == 0 && render::software_renderer(render::current_renderer_name());
    if (const char* e = std::getenv("PARKATLAS_MAP_DIRECT"); e && *e) map_direct = *e == '1';
    render::MapLayerCache map_cache(map_samples, map_direct);
    // ImGui drawn through the painter: under a software rasteriser, panels that did not change since the last frame
    // are copied back from a saved picture instead of drawn again ($PARKATLAS_UI_DAMAGE=0 turns that off, for
    // comparisons; on a GPU drawing them costs nothing worth saving).
    const char* damage_env = std::getenv("PARKATLAS_UI_DAMAGE");
    render::ImGuiPainter painter(map_direct && !(damage_env && *damage_env == '0'));
    int partial_frames = 0;
    int mesh_upload_frames = 0;  // frames that carried a slice of the staged mesh upload
    std::chrono::steady_clock::time_point mesh_upload_t0;
    AnalysisLayers analysis_layers;  // clusters' hulls, heat map, chain links over the map
    render::SupplyLayers supply_layers;  // idle outlines, vacant hits, signed projects of the replay
    std::vector<bool> frame_redrew;
    s.panels.hidden = opt.presentation;
    s.present.font_scale = opt.font_scale;
    for (const auto& p : opt.open_panels) {
        if (p == "cluster") s.analysis.cluster.open = true;
        if (p == "chains") s.analysis.chains.open = true;
        if (p == "heat") s.analysis.heat.panel_open = s.analysis.heat.on = true;
        if (p == "timeline") s.theme.theme = analysis::Theme::LandState;  // the replay shows with its theme
        if (p == "targets") s.supply.targets.open = true;
        if (p == "vacant") s.supply.vacant.open = true;
    }
    if (opt.fullscreen) window.set_fullscreen(true);
    s.present.fullscreen = window.fullscreen();
    TaskQueue tasks([] { Window::wake(); });
    const double t_start = Window::time();
    double t_first_map_frame = -1;
    std::vector<double> frame_ms;

    auto open_workspace = [&](const std::string& path) {
        s.workspace_path = path;
        tasks.submit(tr("status.loading", s.lang), [path, &tasks, sp = &s, rp = &renderer]() -> TaskQueue::Continuation {
            auto loaded = load(path, tasks);
            return [loaded, sp, rp, tq = &tasks] {
                ViewerState& st = *sp;
                st.data = loaded->data;
                st.gk35 = std::move(loaded->gk35);
                st.gk36 = std::move(loaded->gk36);
                st.filters.industries = loaded->industries;
                st.filters.stages = loaded->stages;
                st.filters.kinds = loaded->kinds;
                st.selected = st.hover = -1;
                const auto t_up = std::chrono::steady_clock::now();
                // A mesh over 64 MB (a first open of a large workspace, triangulated just now) follows the first
                // frame in slices, as a cached one does.
                const auto& m = st.data->mesh;
                const bool staged = (m.fill_index.size() + m.line_index.size() + m.fill_parcel.size()) * 4 +
                                        (m.fill_xy.size() + m.line_xy.size()) * 4 > (size_t(64) << 20);
                rp->upload(*st.data, !staged);
                if (staged) rp->begin_mesh_upload(st.data);
                glFinish();  // (once per open) so the timing below holds the copy, not just its queueing
                st.data->open_timings.emplace_back(
                    "upload to the GPU",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t_up).count());
                st.theme.dirty = true;
                st.fonts_dirty = true;
                st.camera_fitted = false;
                if (st.data->mesh_pending) {
                    // The cached mesh after the first frame (the parcels show as points until it is uploaded);
                    // queued before stage 2. The worker only reads the path, key and parcel count of `data`.
                    std::shared_ptr<render::MapData> data = st.data;
                    tq->submit(tr("status.loading", st.lang), [data, sp, rp]() -> TaskQueue::Continuation {
                        double sec = 0;
                        auto mesh = std::make_shared<render::ParcelMesh>(render::read_cached_mesh(*data, &sec));
                        return [data, mesh, sec, sp, rp] {
                            render::install_mesh(*data, std::move(*mesh), sec);
                            // Uploaded a slice per frame (the frame loop below), not in one stop of the UI thread.
                            if (sp->data == data) rp->begin_mesh_upload(data);
                        };
                    }, [sp](const std::string& e) { sp->error = e; });
                }
                if (!st.data->geometry_ready) {
                    // Stage 2 on the same (single, FIFO) worker: any later task that reads parcel geometry or
                    // the ledger runs after it. The UI thread reads neither Parcel::geom, the columns stage 1 left
                    // out, nor projects/links/problems before geometry_ready (the glyph strings, the problems list
                    // and the parcel card wait for it), so filling them in place is safe; the atlas is rebuilt
                    // with their strings once they are there.
                    std::shared_ptr<render::MapData> data = st.data;
                    tq->submit(preparing_note(st.lang), [data, sp, rp]() -> TaskQueue::Continuation {
                        auto stage = std::make_shared<render::GeometryStage>(render::load_map_geometry(*data));
                        return [data, stage, sp, rp] {
                            render::finish_map_geometry(*data, std::move(*stage));
                            if (sp->data != data) return;
                            rp->upload_points(*data);  // the ledger came with stage 2
                            sp->fonts_dirty = true;
                        };
                    }, [sp](const std::string& e) { sp->error = e; });
                }
                if (!st.data->pending_mesh_key.empty()) {
                    // First open after an import: the new mesh goes into the workspace's cache after the first frame.
                    std::shared_ptr<render::MapData> data = st.data;
                    tq->submit(tr("status.loading", st.lang), [data]() -> TaskQueue::Continuation {
                        const double s_write = render::store_pending_mesh(*data);
                        return [data, s_write] { data->open_timings.emplace_back("mesh cache write (after the first frame)", s_write); };
                    }, [sp](const std::string& e) { sp->error = e; });
                }
            };
        }, [&s](const std::string& e) { s.error = e; });
    };

    if (!opt.import_sample_dir.empty()) {
        const std::string dir = opt.import_sample_dir, ws = opt.workspace;
        tasks.submit(tr("status.importing", s.lang), [dir, ws]() -> TaskQueue::Continuation {
            import_sample(dir, ws);
            return [] {};
        }, [&s](const std::string& e) { s.error = e; });
    }
    if (!opt.workspace.empty()) open_workspace(opt.workspace);

    int frames_to_draw = 3, shown_frames = 0;
    bool dragging = false;
    // Test hooks (ViewerOptions::drops …): each fires once, in this order, through the paths of the real events.
    bool hook_dropped = opt.drops.empty(), hook_imported = !opt.auto_import, hook_exported = opt.export_png.empty();
    if (opt.export_factor > 0) s.exporting.factor = opt.export_factor;
    while (!window.should_close()) {
        const bool busy = tasks.busy();
        if (window.wait(frames_to_draw > 0 || opt.frames > 0 ? 0.0 : (busy ? 0.05 : 0.5))) frames_to_draw = 3;
        if (busy || tasks.busy()) frames_to_draw = std::max(frames_to_draw, 1);
        if (supply_animating(s)) frames_to_draw = std::max(frames_to_draw, 1);  // the replay plays
        tasks.poll();
        if (opt.quit_after_tasks) frames_to_draw = std::max(frames_to_draw, 1);  // the hooks run in drawn frames
        if (frames_to_draw <= 0 && opt.frames == 0) continue;  // nothing changed: sleep again
        --frames_to_draw;
        const auto t0 = std::chrono::steady_clock::now();

        if (!hook_dropped && s.data && s.data->geometry_ready && !tasks.busy()) {
            window.simulate_drop(opt.drops);  // as if dropped on the window
            hook_dropped = true;
        }
        if (hook_dropped && hook_imported && !hook_exported && s.data && s.data->geometry_ready && !tasks.busy()) {
            s.request_export = true;  // as key P
            hook_exported = true;
        }
        for (auto& f : window.take_drops())
            s.import.pending.push_back({f, opt.drop_kind >= 0 ? opt.drop_kind : guess_kind(f)});
        if (s.fonts_dirty) {
            const auto t_fonts = std::chrono::steady_clock::now();
            const float px = 18.0f * s.present.font_scale;
            auto glyphs = glyph_strings(s.data.get(), {&s.filters.industries, &s.filters.stages, &s.filters.kinds});
            for (auto& g : analysis_glyph_strings(s)) glyphs.push_back(std::move(g));  // chain config names
            s.fonts.build(ImGui::GetIO(), glyphs, px, px * 1.15f, px * 1.5f);
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
            s.fonts_dirty = false;
            painter.invalidate();  // same texture name, new glyphs: every window is drawn again
            if (s.data && s.data->open_timings.size() < 64)
                s.data->open_timings.emplace_back(
                    s.data->geometry_ready ? "font atlas (all strings)" : "font atlas (stage 1 strings)",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t_fonts).count());
        }
        if (renderer.mesh_upload_pending()) {
            // A large mesh goes to the GPU in slices of 32 MB, one per frame (about 25 ms each under llvmpipe).
            if (mesh_upload_frames++ == 0) mesh_upload_t0 = std::chrono::steady_clock::now();
            if (renderer.continue_mesh_upload(size_t(32) << 20) && s.data && s.data->open_timings.size() < 64)
                s.data->open_timings.emplace_back(
                    "mesh to the GPU (after the first frame, over " + std::to_string(mesh_upload_frames) + " frames)",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - mesh_upload_t0).count());
            frames_to_draw = std::max(frames_to_draw, 1);
        }
        s.camera.width = std::max(1, window.framebuffer_width());
        s.camera.height = std::max(1, window.framebuffer_height());
        if (s.data && !s.camera_fitted) {
            s.zoom_to = start_view(*s.data, opt, s.error);
            s.camera_fitted = true;
        }
        supply_frame(s, tasks, supply_layers);  // land-state classes change only when the month does
        if (s.data && s.theme.dirty) {
            const auto t_cl = std::chrono::steady_clock::now();
            s.theme.result = analysis::classify(s.data->parcels, s.theme.theme, s.theme.options, s.filters.filter);
            ++s.theme.generation;
            s.theme.colors = render::class_colors(s.theme.result);
            renderer.set_parcel_colors(render::parcel_colors(s.theme.result, s.theme.colors));
            std::vector<uint32_t> zc;
            for (const auto& z : s.data->zones)
                zc.push_back((s.filters.filter.zone_code.empty() || z.code == s.filters.filter.zone_code
                                  ? render::kZoneTint
                                  : render::kZoneTintOther)
                                 .packed());
            renderer.set_zone_colors(zc);
            s.theme.dirty = false;
            if (s.theme.generation == 1)  // the first theme of this viewer: part of the way to the first frame
                s.data->open_timings.emplace_back(
                    "classify + colours (first theme)",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t_cl).count());
        }

        window.begin_frame();
        ImGui::NewFrame();
        ImGuiIO& io = ImGui::GetIO();
        const float fb = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
        // Map navigation when ImGui does not want the mouse.
        if (s.data && !io.WantCaptureMouse) {
            const double mx = io.MousePos.x * fb, my = io.MousePos.y * fb;
            if (io.MouseWheel != 0) s.camera.zoom_at(mx, my, std::pow(1.25, io.MouseWheel));
            if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) {
                s.camera.pan_pixels(io.MouseDelta.x * fb, io.MouseDelta.y * fb);
                dragging = true;
            }
            if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
                if (!dragging) s.selected = s.data->picking.pick(s.camera.world_x(mx), s.camera.world_y(my));
                dragging = false;
            }
            if (ImGui::IsMousePosValid()) {
                s.hover = s.data->picking.pick(s.camera.world_x(mx), s.camera.world_y(my));
                s.cursor_lon = s.data->proj.lon(s.camera.world_x(mx));
                s.cursor_lat = s.data->proj.lat(s.camera.world_y(my));
                s.cursor_on_map = true;
            }
        } else {
            s.hover = -1;
        }
        if (s.data && !io.WantCaptureKeyboard) {
            // GLFW key codes: letters and digits are their ASCII upper-case codes.
            const double step = 80 * fb;
            if (ImGui::IsKeyPressed('H') || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) s.zoom_to = s.data->extent;
            if (ImGui::IsKeyPressed('=') || ImGui::IsKeyPressed(334)) s.camera.zoom_at(s.camera.width / 2.0, s.camera.height / 2.0, 1.5);
            if (ImGui::IsKeyPressed('-') || ImGui::IsKeyPressed(333)) s.camera.zoom_at(s.camera.width / 2.0, s.camera.height / 2.0, 1 / 1.5);
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) s.camera.pan_pixels(step, 0);
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) s.camera.pan_pixels(-step, 0);
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) s.camera.pan_pixels(0, step);
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) s.camera.pan_pixels(0, -step);
            for (int k = 0; k < 6; ++k)
                if (ImGui::IsKeyPressed('1' + k)) {
                    s.theme.theme = analysis::all_themes()[static_cast<size_t>(k)];
                    s.theme.dirty = true;
                }
            if (ImGui::IsKeyPressed('L')) s.lang = s.lang == render::Lang::Zh ? render::Lang::En : render::Lang::Zh;
            if (ImGui::IsKeyPressed('P')) s.request_export = true;
            if (ImGui::IsKeyPressed('Z') && s.selected >= 0) s.zoom_to = s.data->parcel_boxes[static_cast<size_t>(s.selected)];
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) s.selected = -1;
            if (ImGui::IsKeyPressed(290)) s.panels.help = !s.panels.help;  // F1
            if (ImGui::IsKeyPressed(300)) s.present.request_fullscreen = true;  // F11
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab))) s.panels.hidden = !s.panels.hidden;
            if (io.KeyCtrl && ImGui::IsKeyPressed('Q')) s.request_quit = true;
        }
        if (s.present.request_fullscreen) {
            s.present.request_fullscreen = false;
            window.set_fullscreen(!window.fullscreen());
            s.present.fullscreen = window.fullscreen();
        }
        if (s.zoom_to) {
            // Fit into the part of the window between the panel columns, then centre there.
            const auto& b = *s.zoom_to;
            const double left = side_column_reserved_px(s, true) * fb;
            const double right = side_column_reserved_px(s, false) * fb;
            render::Camera fit = s.camera;
            fit.width = std::max(100, static_cast<int>(s.camera.width - left - right));
            fit.fit(b.min_x, b.min_y, b.max_x, b.max_y, 0.08);
            s.camera.m_per_px = fit.m_per_px;
            s.camera.cx = fit.cx - (left - right) * 0.5 * fit.m_per_px;
            s.camera.cy = fit.cy;
            s.zoom_to.reset();
        }

        if (analysis_layers.update(s, tasks, ImGui::GetTime())) frames_to_draw = std::max(frames_to_draw, 2);
        // Presentation (Tab): no menu bar and no panels, only the map with its furniture and legend.
        if (!s.panels.hidden) {
            draw_menu_bar(s);
            reset_side_columns(s);
            draw_layers_panel(s);
            draw_filters_panel(s);
            draw_selection_panel(s);
            draw_zones_panel(s);
            draw_analysis_menu(s);
            draw_cluster_panel(s);
            draw_chains_panel(s);
        }
        draw_supply_panels(s, tasks);  // the timeline stays in presentation; menu, targets, vacant hide
        draw_heatmap_panel(s);  // its legend ramp stays in presentation; the panel itself hides
        draw_help_panel(s);
        // --auto-import presses the panel's import action once the dropped files wait there.
        const bool auto_press = !hook_imported && hook_dropped && !s.import.pending.empty() && !tasks.busy();
        if (auto_press) hook_imported = true;
        if (!s.panels.hidden && (draw_import_panel(s, tasks) || auto_press)) {
            auto files = std::exchange(s.import.pending, {});
            const std::string ws = s.workspace_path.empty() ? sample_workspace_path() : s.workspace_path;
            tasks.submit(tr("status.importing", s.lang), [files, ws, sp = &s]() -> TaskQueue::Continuation {
                // The same library call as `parkatlas import`.
                check::ImportRequest req;
                req.workspace = ws;
                for (const auto& f : files) {
                    if (f.kind == 0) req.zones = f.path;
                    if (f.kind == 1) req.parcels.push_back(f.path);
                    if (f.kind == 2) req.ledger = f.path;
                }
                auto sum = check::run_import(req);
                std::string msg = "zones " + std::to_string(sum.zones) + ", parcels " + std::to_string(sum.parcels) +
                                  ", projects " + std::to_string(sum.projects);
                return [msg, sp] {
                    sp->import.last_failed = false;
                    sp->import.last_message = std::string(tr("import.done", sp->lang)) + ": " + msg;
                };
            }, [&s](const std::string& e) {
                s.import.last_failed = true;
                s.import.last_message = e;
            });
            open_workspace(ws);  // queued after the import: reopens with the new data
        }
        if (!s.error.empty()) {
            ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
            ImGui::Begin("!", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
            ImGui::PushTextWrapPos(600);
            ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1), "%s", s.error.c_str());
            ImGui::PopTextWrapPos();
            if (ImGui::Button("OK")) s.error.clear();
            ImGui::End();
        }
        if (!s.data && tasks.busy()) {
            ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
            ImGui::Begin("##progress", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoDecoration);
            ImGui::TextUnformatted(tasks.running().c_str());
            ImGui::ProgressBar(static_cast<float>(tasks.progress()), ImVec2(360, 0), tasks.step().c_str());
            ImGui::End();
        }
        if (s.data && !s.data->geometry_ready) {
            // Stage 2 of opening is still running: picking and parcel cards wait for it.
            const char* note = preparing_note(s.lang);
            const ImVec2 size = ImGui::CalcTextSize(note);
            const ImVec2 at(io.DisplaySize.x * 0.5f - size.x * 0.5f, io.DisplaySize.y - size.y - 40.0f);
            ImDrawList* dl = ImGui::GetBackgroundDrawList();  // over the map, under the panels
            dl->AddRectFilled(ImVec2(at.x - 8, at.y - 4), ImVec2(at.x + size.x + 8, at.y + size.y + 4),
                              IM_COL32(255, 255, 255, 220), 4.0f);
            dl->AddText(at, IM_COL32(60, 60, 60, 255), note);
        }
        draw_map_furniture(s);
        ImGui::Render();
        // Partial frame: the panels that did not change are copied back over the map instead of drawn again.
        painter.plan(ImGui::GetDrawData(), s.camera.width, s.camera.height);

        render::MapStyle style;
        style.show_zones = s.layers.zones;
        style.show_parcels = s.layers.parcels;
        style.show_projects = s.layers.projects && !supply_layers.points_enabled();  // replay: signed ones only
        style.show_outlines = s.layers.outlines;
        style.hover = s.hover;
        style.selected = s.selected;
        style.ui_scale = fb;
        bool map_redrawn = false;
        if (s.data) {
            map_redrawn = map_cache.draw_to_window(renderer, s.camera, style);
            supply_layers.draw(s.camera, style, s.layers.projects);
            analysis_layers.draw(s, fb);  // over the map, under ImGui's labels and panels
            partial_frames += painter.partial();
        } else {
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            glViewport(0, 0, s.camera.width, s.camera.height);
            glClearColor(render::kBackground.r / 255.f, render::kBackground.g / 255.f, render::kBackground.b / 255.f, 1);
            glClear(GL_COLOR_BUFFER_BIT);
        }
        const bool last = opt.frames > 0 && s.data && shown_frames + 1 >= opt.frames;
        std::vector<unsigned char> shot;
        window.end_frame(painter, last && !opt.screenshot.empty() ? &shot : nullptr);
        frame_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        frame_redrew.push_back(map_redrawn);
        if (s.data && t_first_map_frame < 0) t_first_map_frame = Window::time() - t_start;
        if (s.data) ++shown_frames;

        // (An export waits for a large workspace's mesh, a moment after the first frame: it draws polygons.)
        if (s.request_export && s.data && !s.data->mesh_pending) {
            s.request_export = false;
            // The current view at `factor` times the window size, with the legend and title of `render`.
            render::RenderRequest req;
            req.theme = s.theme.theme;
            req.classify = s.theme.options;
            req.filter = s.filters.filter;
            req.zone_code = s.filters.filter.zone_code;
            req.lang = s.lang;
            const int k = std::clamp(s.exporting.factor, 1, 4);
            req.width = s.camera.width * k;
            req.height = s.camera.height * k;
            render::Camera cam = s.camera;
            cam.width = req.width;
            cam.height = req.height;
            cam.m_per_px /= k;
            try {
                auto res = std::make_shared<render::RenderResult>(render::render_in_current_context(*s.data, req, &cam));
                const std::string path = !opt.export_png.empty() ? opt.export_png : (fs::current_path() / ("parkatlas-" + std::string(analysis::to_string(req.theme)) + ".png")).string();
                tasks.submit("PNG", [res, path]() -> TaskQueue::Continuation {
                    render::write_png(path, res->width, res->height, res->rgba);
                    return [] {};
                }, [&s](const std::string& e) { s.error = e; });
                s.exporting.last_path = path;
                s.import.last_failed = false;
                s.import.last_message = "PNG: " + path;
            } catch (const std::exception& e) {
                s.error = e.what();
            }
            frames_to_draw = 2;
        }
        if (s.request_quit) window.request_close();
        if (opt.quit_after_tasks && hook_dropped && hook_imported && hook_exported && !s.request_export && s.data &&
            !tasks.busy()) {
            // What the import panel shows, for the tests.
            if (!s.import.last_message.empty())
                std::cout << "import panel: " << (s.import.last_failed ? "error: " : "") << s.import.last_message << "\n";
            if (!s.error.empty()) std::cout << "error: " << s.error << "\n";
            window.request_close();
        }
        if (opt.frames > 0 && s.data && shown_frames >= opt.frames) {
            if (!opt.screenshot.empty()) render::write_png(opt.screenshot, s.camera.width, s.camera.height, shot);
            break;
        }
        if (opt.frames > 0 && s.data && !opt.still) {
            // Benchmark/test mode: keep drawing, panning and zooming a little each frame.
            const int f = shown_frames % 60;
            if (f < 30)
                s.camera.pan_pixels(4, 2);
            else
                s.camera.zoom_at(s.camera.width / 2.0, s.camera.height / 2.0, f < 45 ? 1.02 : 1 / 1.02);
        }
        if (opt.frames > 0 && !s.error.empty() && !tasks.busy() && !s.data) {
            std::cerr << "parkatlas view: " << s.error << "\n";
            return 4;
        }
    }
    if (opt.print_timings && !frame_ms.empty()) {
        std::vector<double> sorted(frame_ms.begin() + std::min<size_t>(frame_ms.size() - 1, 5), frame_ms.end());
        std::sort(sorted.begin(), sorted.end());
        std::cout << "first map frame after " << fmt_number(t_first_map_frame, 3) << " s; frames " << frame_ms.size()
                  << ", median " << fmt_number(sorted[sorted.size() / 2], 2) << " ms, p95 "
                  << fmt_number(sorted[sorted.size() * 95 / 100], 2) << " ms\n";
        // Frames that redrew the map (panning, zooming, hover) and frames that only copied the cached map.
        for (const bool redraw : {true, false}) {
            std::vector<double> v;
            for (size_t i = std::min<size_t>(frame_ms.size() - 1, 5); i < frame_ms.size(); ++i)
                if (frame_redrew[i] == redraw) v.push_back(frame_ms[i]);
            if (v.empty()) continue;
            std::sort(v.begin(), v.end());
            std::cout << (redraw ? "map redrawn: " : "map cached: ") << v.size() << " frames, median "
                      << fmt_number(v[v.size() / 2], 2) << " ms, p95 " << fmt_number(v[v.size() * 95 / 100], 2)
                      << " ms\n";
        }
        if (s.data) {
            for (const auto& [phase, sec] : s.data->open_timings)
                std::cout << "open: " << phase << " " << fmt_number(sec, 3) << " s\n";
            if (s.data->geometry_ready)  // else stage 2 may still be filling these in on the worker
                std::cout << "ledger: " << s.data->projects.size() << " projects, " << s.data->links.size()
                          << " links, " << s.data->problems.size() << " problems, " << renderer.point_count()
                          << " project points on the GPU\n";
            else
                std::cout << "ledger: stage 2 of the open still running\n";
        }
        std::cout << "ui: unchanged panels copied back (not drawn again) in " << partial_frames << " of " << frame_ms.size()
                  << " frames\n";
        std::cout << "map: last drawn with " << renderer.last_primitives() << " primitives, " << renderer.last_lod_count()
                  << " parcels as points\n";
        std::cout << "map samples " << map_cache.samples() << (map_cache.direct() ? ", direct" : ", cached") << ", renderer " << render::current_renderer_name() << ", "
                  << s.camera.width << "x" << s.camera.height << "\n";
    }
    return 0;
}

}  // namespace pa::ui
