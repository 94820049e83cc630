// Planning mode (规划): the plot-assignment planner of `parkatlas plan` in the viewer. "Suggest" builds the
// candidates and solves on the TaskQueue worker (core/plan); the assignment can then be edited (remove a
// placement, or pick a parcel on the map and assign one of the projects that fit it, with its rule badge),
// undone and redone (Ctrl+Z / Ctrl+Y), and saved as a scenario of the workspace (the same table `plan` and
// `scenario` use; a scenario changed meanwhile by another writer is refused, "reload"). The assigned plots
// are outlined on the map (SupplyLayers slot 2).
#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include "core/plan/scenario.hpp"
#include "ui/panels.hpp"
#include "ui/plan_edit.hpp"
#include "ui/plan_panel.hpp"

namespace pa::ui {

using render::tr;

namespace {

constexpr render::Rgba kPlanOutline{0, 150, 210,
                                    240};  // tentative assignments: blue, apart from land-use fills

std::string text_of(const std::array<char, 128>& a) {
    return a.data();
}

/// Builds the candidates and solves on the worker; `load_stored`: then shows the scenario's stored assignment
/// (and locks) instead of the optimum, as far as its placements still fit.
void submit_suggest(ViewerState& s, TaskQueue& tasks, bool load_stored = false) {
    auto& p = s.plan;
    if (p.running || !s.data || !s.data->geometry_ready) return;
    std::shared_ptr<const render::MapData> data = s.data;
    const std::string name = text_of(p.scenario), pipeline = p.pipeline.data(), ws_path = s.workspace_path;
    p.running = true;
    p.message.clear();
    ViewerState* sv = &s;
    tasks.submit(
        tr("plan.suggest", s.lang),
        [data, name, pipeline, ws_path, sv, load_stored]() -> TaskQueue::Continuation {
            auto r = std::make_shared<PlanResult>();
            std::optional<store::Scenario> existing;
            {
                store::Workspace ws = store::Workspace::open(ws_path, true);
                existing = ws.load_scenario(name);
            }
            r->read_version = existing ? existing->version : 0;
            r->projects =
                plan::planning_projects(pipeline, existing, data->projects, data->links, r->pipeline_source);
            const plan::PlanConfig cfg = plan::load_plan_config(
                "", {(std::filesystem::path(PARKATLAS_SHADER_DIR).parent_path() / "config").string()});
            r->set = plan::build_candidates(r->projects, data->zones, data->parcels, data->links, cfg);
            r->solution = plan::solve(r->set, r->projects, cfg);
            r->config = cfg;
            r->by_parcel.resize(data->parcels.size());
            for (size_t j = 0; j < r->set.candidates.size(); ++j)
                for (size_t q : r->set.plots[r->set.candidates[j].plot].parcels) r->by_parcel[q].push_back(j);
            PlanEdit shown{r->solution.chosen, {}};
            size_t gone = 0;  // stored placements that no longer fit
            if (load_stored && existing) {
                std::map<std::pair<std::string, std::vector<std::string>>, size_t> by_key;
                for (size_t j = 0; j < r->set.candidates.size(); ++j) {
                    const auto& c = r->set.candidates[j];
                    by_key[{r->projects[c.project].project_id,
                            plan::plot_codes(r->set.plots[c.plot], data->parcels)}] = j;
                }
                shown = {};
                for (const auto& a : existing->assignments) {
                    auto it = by_key.find({a.project_id, a.parcel_codes});
                    if (it == by_key.end()) {
                        ++gone;
                        continue;
                    }
                    shown.chosen.push_back(it->second);
                    if (a.locked) shown.locked.push_back(it->second);
                }
                std::sort(shown.chosen.begin(), shown.chosen.end());
                std::sort(shown.locked.begin(), shown.locked.end());
            }
            return [sv, data, r, shown, gone, load_stored] {
                auto& pp = sv->plan;
                pp.running = false;
                if (sv->data != data) return;  // another workspace meanwhile
                pp.result = r;
                pp.version = r->read_version;
                pp.edit = shown;
                pp.undo.clear();
                pp.redo.clear();
                pp.highlight_dirty = true;
                sv->fonts_dirty = true;  // the reasons' characters go into the font atlas
                pp.message_failed = false;
                const bool en = sv->lang == render::Lang::En;
                const std::string status = r->solution.optimal ? tr("plan.optimal", sv->lang)
                                           : en                ? " (" + r->solution.status + ")"
                                                               : "（" + r->solution.status + "）";
                pp.message = std::string(tr("plan.solved", sv->lang)) + " " +
                             std::to_string(r->solution.chosen.size()) + " / " +
                             std::to_string(r->projects.size()) + status;
                if (load_stored)
                    pp.message = std::string(tr("plan.loaded", sv->lang)) + " " +
                                 std::to_string(shown.chosen.size()) +
                                 (gone ? ", " + std::to_string(gone) + " " + tr("plan.gone", sv->lang) : "");
            };
        },
        [sv](const std::string& e) {
            sv->plan.running = false;
            sv->plan.message = e;
            sv->plan.message_failed = true;
            sv->fonts_dirty = true;
        });
}

/// The stored scenarios' names, for the switcher (read on the worker).
void submit_list(ViewerState& s, TaskQueue& tasks) {
    auto& p = s.plan;
    if (p.listing) return;
    p.listing = true;
    const std::string ws_path = s.workspace_path;
    ViewerState* sv = &s;
    tasks.submit(
        tr("plan.scenario", s.lang),
        [ws_path, sv]() -> TaskQueue::Continuation {
            std::vector<std::string> names;
            store::Workspace ws = store::Workspace::open(ws_path, true);
            for (const auto& sc : ws.list_scenarios()) names.push_back(sc.name);
            return [sv, names] {
                sv->plan.names = names;
                sv->plan.listing = false;
                sv->plan.names_loaded = true;
                sv->fonts_dirty = true;  // scenario names may hold new characters
            };
        },
        [sv](const std::string& e) {
            sv->plan.listing = false;
            sv->plan.message = e;
            sv->plan.message_failed = true;
        });
}

void submit_save(ViewerState& s, TaskQueue& tasks) {
    auto& p = s.plan;
    if (!p.result || p.running || !s.data) return;
    std::shared_ptr<const render::MapData> data = s.data;
    auto r = p.result;
    const std::string name = text_of(p.scenario), ws_path = s.workspace_path;
    const auto chosen = p.edit.chosen;
    const auto locked = p.edit.locked;
    const int64_t version = p.version;
    p.running = true;
    ViewerState* sv = &s;
    tasks.submit(
        tr("plan.save", s.lang),
        [data, r, name, ws_path, chosen, locked, version, sv]() -> TaskQueue::Continuation {
            const bool as_solved = chosen == r->solution.chosen;
            store::Scenario sc =
                plan::make_scenario(name, r->projects, r->pipeline_source, r->set, chosen, locked,
                                    data->parcels, as_solved, as_solved && r->solution.optimal);
            store::Workspace ws = store::Workspace::open(ws_path, false);
            ws.save_scenario(sc, version);
            return [sv, v = sc.version, name] {
                sv->plan.running = false;
                sv->plan.version = v;
                sv->plan.message_failed = false;
                sv->plan.message =
                    std::string(tr("plan.saved", sv->lang)) + " " + name + " (v" + std::to_string(v) + ")";
                sv->plan.hook_saved = true;
                sv->plan.names_loaded = false;  // the switcher lists it from now on
            };
        },
        [sv](const std::string& e) {
            sv->plan.running = false;
            sv->plan.message = e;
            sv->plan.message_failed = true;
        });
}

/// Re-optimises on the worker keeping the locked assignments (the same candidates).
void submit_reoptimise(ViewerState& s, TaskQueue& tasks) {
    auto& p = s.plan;
    if (!p.result || p.running) return;
    auto r = p.result;
    const auto locked = p.edit.locked;
    p.running = true;
    ViewerState* sv = &s;
    tasks.submit(
        tr("plan.reoptimise", s.lang),
        [r, locked, sv]() -> TaskQueue::Continuation {
            auto next = std::make_shared<PlanResult>(*r);
            next->solution = plan::solve(next->set, next->projects, next->config, locked);
            return [sv, r, next, locked] {
                auto& pp = sv->plan;
                pp.running = false;
                if (pp.result != r) return;
                pp.result = next;
                plan_edit(pp, {next->solution.chosen, locked});
                pp.message_failed = false;
                pp.message = std::string(tr("plan.solved", sv->lang)) + " " +
                             std::to_string(next->solution.chosen.size()) + " / " +
                             std::to_string(next->projects.size()) +
                             (next->solution.optimal ? tr("plan.optimal", sv->lang) : "");
            };
        },
        [sv](const std::string& e) {
            sv->plan.running = false;
            sv->plan.message = e;
            sv->plan.message_failed = true;
        });
}

constexpr const char* kProjectPayload = "PA_PLAN_PROJECT";

/// Makes the last item a drag source of project `pi` (dropped on a parcel of the map: handle_project_drop).
void drag_project(const PlanResult& r, size_t pi) {
    if (ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(kProjectPayload, &pi, sizeof pi);
        ImGui::TextUnformatted(r.projects[pi].project_id.c_str());
        ImGui::EndDragDropSource();
    }
}

/// A project released over the map (no panel under the pointer): assigned to its best plot holding the parcel
/// there, or the rule that keeps it off that parcel is said.
void handle_project_drop(ViewerState& s) {
    auto& p = s.plan;
    const ImGuiPayload* pl = ImGui::GetDragDropPayload();
    if (!p.result || !pl || !pl->IsDataType(kProjectPayload) ||
        !ImGui::IsMouseReleased(ImGuiMouseButton_Left))
        return;
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AnyWindow) || !s.data->geometry_ready) return;
    const ImGuiIO& io = ImGui::GetIO();
    const double fb = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0;
    const int parcel =
        s.data->picking.pick(s.data->parcels, s.data->parcel_boxes, s.camera.world_x(io.MousePos.x * fb),
                             s.camera.world_y(io.MousePos.y * fb));
    if (parcel < 0) return;
    const PlanResult& r = *p.result;
    size_t pi = 0;
    std::memcpy(&pi, pl->Data, sizeof pi);
    s.selected = parcel;
    const auto L = s.lang;
    if (auto j = plan_drop_candidate(r, pi, static_cast<size_t>(parcel))) {
        plan_edit(p, {plan_with(r, p.edit.chosen, *j), p.edit.locked});
        p.message_failed = false;
        p.message = r.projects[pi].project_id + " → " + s.data->parcels[static_cast<size_t>(parcel)].code;
        return;
    }
    const Parcel& q = s.data->parcels[static_cast<size_t>(parcel)];
    plan::Plot one;
    one.parcels = {static_cast<size_t>(parcel)};
    one.zone = q.zone_code;
    one.area_mu = q.area_mu;
    const Zone* zone = nullptr;
    for (const auto& z : s.data->zones)
        if (z.code == q.zone_code) zone = &z;
    const plan::RuleResult rr = plan::check_pair(r.projects[pi], one, s.data->parcels, zone, r.config);
    p.message_failed = true;
    p.message = r.projects[pi].project_id + " × " + q.code + ": " +
                (rr.ok() ? std::string(tr("plan.not_planable", L)) : (L == render::Lang::En ? rr.en : rr.zh));
    s.fonts_dirty = true;
}

void separator_text(const char* text) {  // ImGui::SeparatorText is newer than Debian's ImGui
    ImGui::Separator();
    ImGui::TextUnformatted(text);
}

std::string codes(const PlanResult& r, const plan::Candidate& c, const std::vector<Parcel>& parcels) {
    std::string out;
    for (const auto& x : plan::plot_codes(r.set.plots[c.plot], parcels)) out += (out.empty() ? "" : "+") + x;
    return out;
}

}  // namespace

void plan_frame(ViewerState& s, TaskQueue& tasks, render::SupplyLayers& layers) {
    auto& p = s.plan;
    if (!s.data) return;
    // test hooks: suggest once the geometry is there, then save
    const bool idle = s.data->geometry_ready && !tasks.busy() && !p.running;
    if (!p.hook_load.empty() && !p.hook_suggested && idle) {
        std::strncpy(p.scenario.data(), p.hook_load.c_str(), p.scenario.size() - 1);
        p.hook_suggested = true;
        submit_suggest(s, tasks, true);
    } else if (!p.hook_pipeline.empty() && !p.hook_suggested && idle) {
        std::strncpy(p.pipeline.data(), p.hook_pipeline.c_str(), p.pipeline.size() - 1);
        if (!p.hook_save.empty()) std::strncpy(p.scenario.data(), p.hook_save.c_str(), p.scenario.size() - 1);
        p.hook_suggested = true;
        submit_suggest(s, tasks);
    } else if (!p.hook_save.empty() && p.hook_suggested && !p.hook_save_submitted && p.result && idle) {
        p.hook_save_submitted = true;
        submit_save(s, tasks);
    }
    if (!p.highlight_dirty) return;
    p.highlight_dirty = false;
    std::vector<int> idx;
    if (p.result)
        for (size_t j : p.edit.chosen)
            for (size_t q : p.result->set.plots[p.result->set.candidates[j].plot].parcels)
                idx.push_back(static_cast<int>(q));
    p.legend_parcels = static_cast<int>(idx.size());
    p.legend_mu = 0;
    for (int q : idx) p.legend_mu += s.data->parcels[static_cast<size_t>(q)].area_mu;
    if (idx.empty())
        layers.clear_highlight(2);
    else
        layers.set_highlight(2, *s.data, idx, kPlanOutline, 3.0f);
}

const render::OverlayOptions::OutlineRow* plan_legend_row(const ViewerState& s) {
    static thread_local render::OverlayOptions::OutlineRow row;  // UI thread only; rebuilt per call
    if (!s.plan.result || s.plan.legend_parcels == 0) return nullptr;
    row = {tr("plan.legend_row", s.lang), kPlanOutline, s.plan.legend_parcels, s.plan.legend_mu};
    return &row;
}

bool plan_hooks_done(const ViewerState& s) {
    const auto& p = s.plan;
    return ((p.hook_pipeline.empty() && p.hook_load.empty()) ||
            (p.hook_suggested && !p.running && p.result) || !p.message.empty()) &&
           (p.hook_save.empty() || p.hook_saved || (p.message_failed && !p.running));
}

/// The selected parcel: the projects that fit a plot holding it (green in the plan, amber not chosen; drag or
/// "落地" to assign) and any project checked against it alone.
void draw_parcel_fits(ViewerState& s, const PlanResult& r, const std::vector<size_t>& chosen) {
    auto& p = s.plan;
    const auto L = s.lang;
    const float em = ImGui::GetFontSize();
    const auto& parcels = s.data->parcels;
    if (s.selected >= 0 && static_cast<size_t>(s.selected) < r.by_parcel.size()) {
        const auto& here = r.by_parcel[static_cast<size_t>(s.selected)];
        separator_text(
            (std::string(tr("plan.fits", L)) + " " + parcels[static_cast<size_t>(s.selected)].code).c_str());
        if (here.empty()) ImGui::TextDisabled("%s", tr("plan.none_fits", L));
        std::vector<size_t> order(here.begin(), here.end());
        std::sort(order.begin(), order.end(),
                  [&](size_t a, size_t b) { return r.set.candidates[a].score > r.set.candidates[b].score; });
        if (order.size() > 12) order.resize(12);
        for (size_t j : order) {
            const auto& c = r.set.candidates[j];
            const bool in = std::binary_search(chosen.begin(), chosen.end(), j);
            ImGui::PushID(static_cast<int>(j));
            // green: in the assignment; amber: fits (every rule holds) but not chosen
            ImGui::TextColored(in ? ImVec4(0.1f, 0.6f, 0.2f, 1) : ImVec4(0.9f, 0.6f, 0.0f, 1), "●");
            ImGui::SameLine();
            ImGui::Selectable((r.projects[c.project].project_id + "  " + codes(r, c, parcels) + "  " +
                               fmt_number(c.score, 1))
                                  .c_str(),
                              false, 0, ImVec2(20 * em, 0));
            drag_project(r, c.project);
            if (!in) {
                ImGui::SameLine();
                if (ImGui::SmallButton(tr("plan.assign", L)))
                    plan_edit(p, {plan_with(r, chosen, j), p.edit.locked});
            }
            ImGui::PopID();
        }
        // any project against this parcel alone: every rule, the first that fails in red with its reason
        ImGui::SetNextItemWidth(10 * em);
        ImGui::InputText(tr("plan.probe", L), p.probe.data(), p.probe.size());
        const std::string want = p.probe.data();
        if (!want.empty()) {
            auto it = std::find_if(r.projects.begin(), r.projects.end(),
                                   [&](const PipelineProject& x) { return x.project_id == want; });
            if (it == r.projects.end()) {
                ImGui::TextDisabled("%s", tr("plan.probe_unknown", L));
            } else {
                const Parcel& q = parcels[static_cast<size_t>(s.selected)];
                plan::Plot one;
                one.parcels = {static_cast<size_t>(s.selected)};
                one.zone = q.zone_code;
                one.area_mu = q.area_mu;
                const Zone* zone = nullptr;
                for (const auto& z : s.data->zones)
                    if (z.code == q.zone_code) zone = &z;
                const plan::RuleResult rr = plan::check_pair(*it, one, parcels, zone, r.config);
                ImGui::TextColored(rr.ok() ? ImVec4(0.9f, 0.6f, 0.0f, 1) : ImVec4(0.75f, 0.15f, 0.1f, 1),
                                   "●");
                ImGui::SameLine();
                ImGui::TextWrapped(
                    "%s", rr.ok() ? tr("plan.probe_ok", L) : (L == render::Lang::En ? rr.en : rr.zh).c_str());
            }
        }
    }
}

/// The projects not in the assignment, with the rule that stopped them (the solver's view of the suggestion).
template <class Shown>
void draw_unplaced(ViewerState& s, const PlanResult& r, const std::vector<size_t>& chosen,
                   const Shown& shown_row) {
    const auto L = s.lang;
    std::set<size_t> placed;
    for (size_t j : chosen) placed.insert(r.set.candidates[j].project);
    std::map<size_t, const plan::Unplaced*> why;
    for (const auto& u : r.solution.unplaced) why[u.project] = &u;
    const std::string head =
        std::string(tr("plan.unplaced", L)) + " (" + std::to_string(r.projects.size() - placed.size()) + ")";
    if (ImGui::CollapsingHeader(head.c_str())) {
        for (size_t i = 0; i < r.projects.size(); ++i) {
            if (placed.count(i) || !shown_row(r.projects[i])) continue;
            auto it = why.find(i);
            const std::string reason = it == why.end()         ? tr("plan.removed", L)
                                       : L == render::Lang::En ? it->second->reason_en
                                                               : it->second->reason_zh;
            ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.1f, 1), "●");
            ImGui::SameLine();
            ImGui::PushID(static_cast<int>(i));
            ImGui::Selectable(r.projects[i].project_id.c_str(), false, 0,
                              ImVec2(ImGui::CalcTextSize(r.projects[i].project_id.c_str()).x, 0));
            drag_project(r, i);
            ImGui::PopID();
            ImGui::SameLine();
            ImGui::TextWrapped("%s", reason.c_str());
        }
    }
}

/// The filter of the tables: text, land range (亩), flags.
void draw_plan_filter(PlanFilter& f, render::Lang L, float em) {
    ImGui::SetNextItemWidth(12 * em);
    ImGui::InputText(tr("plan.filter", L), f.text.data(), f.text.size());
    ImGui::SetNextItemWidth(5 * em);
    ImGui::InputFloat("##min_mu", &f.min_mu, 0, 0, "%.0f");
    ImGui::SameLine();
    ImGui::TextUnformatted("–");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(5 * em);
    ImGui::InputFloat("##max_mu", &f.max_mu, 0, 0, "%.0f");
    ImGui::SameLine();
    ImGui::TextUnformatted(tr("plan.filter_mu", L));
    f.min_mu = std::max(0.0f, f.min_mu);
    f.max_mu = std::max(0.0f, f.max_mu);
    ImGui::Checkbox(tr("plan.flag_standard", L), &f.standard_land);
    ImGui::SameLine();
    ImGui::Checkbox(tr("plan.flag_digital", L), &f.digital_economy);
    ImGui::SameLine();
    ImGui::Checkbox(tr("plan.flag_hq", L), &f.headquarters);
    ImGui::SameLine();
    ImGui::Checkbox(tr("plan.flag_soe", L), &f.central_soe);
}

void draw_plan_panel(ViewerState& s, TaskQueue& tasks) {
    auto& p = s.plan;
    if (!p.open || !s.data) return;
    const auto L = s.lang;
    const float em = ImGui::GetFontSize();
    // Beside the right column of panels, the map's middle left free.
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(ds.x - side_column_reserved_px(s, false) - 29.5f * em, 2.2f * em),
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(29 * em, std::min(ds.y - 6 * em, 40 * em)), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr("panel.plan", L), &p.open)) {
        ImGui::End();
        return;
    }
    if (p.scenario[0] == 0) std::strncpy(p.scenario.data(), "方案1", p.scenario.size() - 1);
    if (!p.names_loaded && !p.listing && !tasks.busy()) submit_list(s, tasks);
    ImGui::SetNextItemWidth(14 * em);
    ImGui::InputText("##scenario", p.scenario.data(), p.scenario.size());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(8 * em);
    if (ImGui::BeginCombo(tr("plan.scenario", L), tr("plan.stored", L))) {
        for (const auto& n : p.names)
            if (ImGui::Selectable(n.c_str(), n == p.scenario.data()))
                std::strncpy(p.scenario.data(), n.c_str(), p.scenario.size() - 1);
        ImGui::EndCombo();
    }
    ImGui::InputText(tr("plan.pipeline", L), p.pipeline.data(), p.pipeline.size());
    const bool busy = p.running || !s.data->geometry_ready;
    if (busy) ImGui::BeginDisabled();
    if (ImGui::Button(tr("plan.suggest", L))) submit_suggest(s, tasks);
    ImGui::SameLine();
    const bool stored =
        std::find(p.names.begin(), p.names.end(), std::string(p.scenario.data())) != p.names.end();
    if (!stored) ImGui::BeginDisabled();
    if (ImGui::Button(tr("plan.load", L))) submit_suggest(s, tasks, true);
    if (!stored) ImGui::EndDisabled();
    if (busy) ImGui::EndDisabled();
    if (p.running) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", tr("plan.running", L));
    }
    if (!p.message.empty()) {
        if (p.message_failed)
            ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1), "%s", p.message.c_str());
        else
            ImGui::TextWrapped("%s", p.message.c_str());
    }
    draw_plan_compare_controls(s, tasks);  // two stored scenarios side by side
    if (!p.result) {
        ImGui::End();
        return;
    }
    const PlanResult& r = *p.result;
    const auto& parcels = s.data->parcels;
    // keys: undo / redo while this window has the focus
    const ImGuiIO& io = ImGui::GetIO();
    const bool focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
    auto undo = [&] { plan_undo(p); };
    auto redo = [&] { plan_redo(p); };
    if (focused && io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_Z, false)) undo();
    if (focused && io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_Y, false)) redo();
    double objective = 0, land = 0;
    const auto& chosen = p.edit.chosen;
    for (size_t j : chosen) {
        objective += r.set.candidates[j].score;
        land += r.set.candidates[j].area_mu;
    }
    const bool as_solved = chosen == r.solution.chosen;
    ImGui::Text("%s %zu / %zu, %s %s, %s %s%s", tr("plan.placed", L), chosen.size(), r.projects.size(),
                fmt_number(land, 1).c_str(), tr("unit.mu", L), tr("plan.score", L),
                fmt_number(objective, 2).c_str(),
                as_solved && r.solution.optimal ? tr("plan.optimal", L)
                : as_solved                     ? ""
                                                : tr("plan.edited", L));
    ImGui::TextDisabled("%s", tr("plan.drag", L));
    // legend: how the map shows the plan
    ImGui::TextColored(ImVec4(kPlanOutline.r / 255.f, kPlanOutline.g / 255.f, kPlanOutline.b / 255.f, 1),
                       "□");
    ImGui::SameLine();
    ImGui::TextUnformatted(tr("plan.legend", L));
    if (p.undo.empty()) ImGui::BeginDisabled();
    if (ImGui::Button(tr("plan.undo", L))) undo();
    if (p.undo.empty()) ImGui::EndDisabled();
    ImGui::SameLine();
    if (p.redo.empty()) ImGui::BeginDisabled();
    if (ImGui::Button(tr("plan.redo", L))) redo();
    if (p.redo.empty()) ImGui::EndDisabled();
    ImGui::SameLine();
    if (p.running) ImGui::BeginDisabled();
    if (ImGui::Button(tr("plan.save", L))) submit_save(s, tasks);
    ImGui::SameLine();
    if (ImGui::Button(tr("plan.reoptimise", L))) submit_reoptimise(s, tasks);
    if (p.running) ImGui::EndDisabled();

    draw_parcel_fits(s, r, chosen);
    separator_text(tr("plan.assignments", L));
    draw_plan_filter(p.filter, L, em);
    auto shown_row = [&](const PipelineProject& x) { return plan_filter_matches(p.filter, x); };
    std::vector<size_t> rows;  // the assignments shown (filtered), as indices into `chosen`
    for (size_t k = 0; k < chosen.size(); ++k)
        if (shown_row(r.projects[r.set.candidates[chosen[k]].project])) rows.push_back(k);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##assignments", 6, flags, ImVec2(0, 16 * em))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr("plan.project", L), ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn(tr("plan.parcels", L), ImGuiTableColumnFlags_WidthStretch, 2.4f);
        ImGui::TableSetupColumn(tr("vacant.zone", L), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("plan.score", L), ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn(tr("plan.lock", L), ImGuiTableColumnFlags_WidthFixed, 2.2f * em);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 1.6f * em);
        ImGui::TableHeadersRow();
        std::optional<size_t> drop, toggle;
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(rows.size()));
        while (clip.Step())
            for (int row = clip.DisplayStart; row < clip.DisplayEnd; ++row) {
                const size_t k = rows[static_cast<size_t>(row)];
                const size_t j = chosen[k];
                const auto& c = r.set.candidates[j];
                const size_t first = r.set.plots[c.plot].parcels.front();
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(row);
                if (ImGui::Selectable(
                        r.projects[c.project].project_id.c_str(), s.selected == static_cast<int>(first),
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                    s.selected = static_cast<int>(first);
                    s.zoom_to = s.data->parcel_boxes[first];
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(codes(r, c, parcels).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.set.plots[c.plot].zone.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(fmt_number(c.score, 1).c_str());
                ImGui::TableNextColumn();
                bool is_locked = std::binary_search(p.edit.locked.begin(), p.edit.locked.end(), j);
                if (ImGui::Checkbox("##lock", &is_locked)) toggle = j;
                ImGui::TableNextColumn();
                if (ImGui::SmallButton("×")) drop = k;
                ImGui::PopID();
            }
        ImGui::EndTable();
        if (toggle) {
            PlanEdit next = p.edit;
            auto it = std::lower_bound(next.locked.begin(), next.locked.end(), *toggle);
            if (it != next.locked.end() && *it == *toggle)
                next.locked.erase(it);
            else
                next.locked.insert(it, *toggle);
            plan_edit(p, std::move(next));
        }
        if (drop) {
            PlanEdit next = p.edit;
            next.chosen.erase(next.chosen.begin() + static_cast<std::ptrdiff_t>(*drop));
            plan_edit(p, std::move(next));
        }
    }
    draw_unplaced(s, r, chosen, shown_row);
    ImGui::End();
    handle_project_drop(s);  // after the panel: the drop lands on the map
}

}  // namespace pa::ui
