// The planner's side-by-side compare view: two stored scenarios, each on its half of the map (the same centre
// and scale, so panning or zooming either half moves both), with their KPI table between the halves. The
// figures are `parkatlas scenario compare`'s (core/plan/scenario: compare_scenarios, with the chain gaps
// closed against config/industry_chains.json), computed on the TaskQueue worker; each half outlines its
// scenario's plots (SupplyLayers slots 3 and 4).
#include <imgui.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "core/analysis/chains.hpp"
#include "core/common/error.hpp"
#include "core/plan/scenario.hpp"
#include "core/store/workspace.hpp"
#include "ui/panels.hpp"
#include "ui/plan_panel.hpp"

namespace pa::ui {

using render::tr;

namespace {

constexpr render::Rgba kCompareOutline{0, 150, 210, 240};  // the planner's blue, one scenario per half

std::string name_of(const std::array<char, 128>& a) {
    return a.data();
}

void set_name(std::array<char, 128>& a, const std::string& v) {
    a.fill(0);
    std::strncpy(a.data(), v.c_str(), a.size() - 1);
}

/// Loads both scenarios and compares them on the worker.
void submit_compare(ViewerState& s, TaskQueue& tasks) {
    auto& c = s.plan.compare;
    if (c.running || !s.data) return;
    c.running = true;
    c.message.clear();
    const std::string a = name_of(c.a), b = name_of(c.b), ws_path = s.workspace_path,
                      chain_path = analysis::find_chain_config(
                          {(std::filesystem::path(PARKATLAS_SHADER_DIR).parent_path() / "config").string()});
    const auto data = s.data;
    ViewerState* sv = &s;
    tasks.submit(
        tr("plan.compare", s.lang),
        [a, b, ws_path, chain_path, data, sv]() -> TaskQueue::Continuation {
            store::Workspace ws = store::Workspace::open(ws_path, true);
            std::vector<store::Scenario> sc;
            for (const auto& n : {a, b}) {
                auto x = ws.load_scenario(n);
                if (!x) {
                    std::string known;
                    for (const auto& y : ws.list_scenarios()) known += (known.empty() ? "" : ", ") + y.name;
                    throw InputError("There is no scenario '" + n + "' in the workspace (scenarios: " +
                                     (known.empty() ? "none yet" : known) + ").");
                }
                sc.push_back(std::move(*x));
            }
            std::optional<plan::ChainBaseline> chains;
            if (std::error_code ec; std::filesystem::exists(chain_path, ec)) {
                chains.emplace();
                chains->config = analysis::load_chain_config(chain_path);
                chains->distance_m = chains->config.default_distance_m;
                chains->firms =
                    analysis::chain_firms(data->zones, data->parcels, data->projects, data->links);
            }
            auto r = std::make_shared<PlanCompareResult>();
            r->a = a;
            r->b = b;
            r->kpis = plan::compare_scenarios(sc[0], sc[1], data->zones, data->parcels, data->links,
                                              chains ? &*chains : nullptr);
            std::map<std::string, int> by_code;
            for (size_t i = 0; i < data->parcels.size(); ++i)
                by_code.emplace(data->parcels[i].code, static_cast<int>(i));
            for (auto [out, x] : {std::pair{&r->parcels_a, &sc[0]}, std::pair{&r->parcels_b, &sc[1]}})
                for (const auto& as : x->assignments)
                    for (const auto& code : as.parcel_codes)
                        if (auto it = by_code.find(code); it != by_code.end()) out->push_back(it->second);
            return [sv, r] {
                auto& cc = sv->plan.compare;
                cc.result = r;
                cc.running = false;
                if (!cc.on &&
                    sv->data) {  // the zone in view (the filter's, else the one at the centre) fits a half
                    const auto& d = *sv->data;
                    std::string code = sv->filters.filter.zone_code;
                    double best = HUGE_VAL;
                    for (size_t i = 0; sv->filters.filter.zone_code.empty() && i < d.zones.size(); ++i) {
                        const auto& zb = d.zone_drawing.boxes[i];
                        const double area = (zb.max_x - zb.min_x) * (zb.max_y - zb.min_y);
                        if (zb.contains(sv->camera.cx, sv->camera.cy) && area < best)
                            best = area, code = d.zones[i].code;
                    }
                    if (!code.empty()) sv->zoom_to = d.zone_focus_box(code);
                }
                cc.on = true;
                cc.layers_dirty = true;
                sv->fonts_dirty = true;  // scenario names may hold new characters
            };
        },
        [sv](const std::string& e) {
            auto& cc = sv->plan.compare;
            cc.running = false;
            cc.message = e;
        });
}

std::string cell(const nlohmann::json& v, int decimals) {
    if (v.is_boolean()) return v.get<bool>() ? "✓" : "✗";
    if (!v.is_number()) return "—";
    return fmt_number(v.get<double>(), decimals);
}

}  // namespace

bool plan_compare_shown(const ViewerState& s) {
    return s.plan.compare.on && s.plan.compare.result != nullptr;
}

void plan_compare_frame(ViewerState& s, TaskQueue& tasks, render::SupplyLayers& layers) {
    auto& c = s.plan.compare;
    if (!s.data) return;
    if (!c.hook.empty() && !c.hook_submitted && s.data->geometry_ready && !tasks.busy()) {
        const auto comma = c.hook.find(',');
        set_name(c.a, c.hook.substr(0, comma));
        set_name(c.b, comma == std::string::npos ? std::string() : c.hook.substr(comma + 1));
        c.hook_submitted = true;
        submit_compare(s, tasks);
    }
    if (!c.layers_dirty || !c.result) return;
    c.layers_dirty = false;
    layers.set_highlight(3, *s.data, c.result->parcels_a, kCompareOutline, 3.0f);
    layers.set_highlight(4, *s.data, c.result->parcels_b, kCompareOutline, 3.0f);
}

bool plan_compare_hook_done(const ViewerState& s) {
    const auto& c = s.plan.compare;
    return c.hook.empty() || (c.hook_submitted && !c.running && (c.result || !c.message.empty()));
}

void print_plan_compare(const ViewerState& s) {
    const auto& c = s.plan.compare;
    if (c.hook.empty()) return;
    if (c.result)
        std::cout << "compare view: " << c.result->kpis.dump() << "\n";
    else
        std::cout << "compare view: error: " << c.message << "\n";
}

void draw_plan_compare_controls(ViewerState& s, TaskQueue& tasks) {
    auto& c = s.plan.compare;
    const auto L = s.lang;
    const float em = ImGui::GetFontSize();
    ImGui::Separator();
    ImGui::TextUnformatted(tr("plan.compare", L));
    auto pick = [&](const char* id, std::array<char, 128>& v) {
        ImGui::SetNextItemWidth(9 * em);
        if (ImGui::BeginCombo(id, v[0] ? v.data() : "…")) {
            for (const auto& n : s.plan.names)
                if (ImGui::Selectable(n.c_str(), n == v.data())) set_name(v, n);
            ImGui::EndCombo();
        }
    };
    pick("##cmp_a", c.a);
    ImGui::SameLine();
    ImGui::TextUnformatted("—");
    ImGui::SameLine();
    pick("##cmp_b", c.b);
    ImGui::SameLine();
    const bool ready = c.a[0] && c.b[0] && !c.running && s.data && s.data->geometry_ready;
    if (!ready) ImGui::BeginDisabled();
    if (ImGui::Button(tr("plan.compare_show", L))) submit_compare(s, tasks);
    if (!ready) ImGui::EndDisabled();
    if (c.on) {
        ImGui::SameLine();
        if (ImGui::Button(tr("plan.compare_close", L))) c.on = false;
    }
    if (!c.message.empty()) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1), "%s", c.message.c_str());
}

void draw_plan_compare_view(ViewerState& s) {
    if (!plan_compare_shown(s)) return;
    const auto& r = *s.plan.compare.result;
    const auto L = s.lang;
    const ImGuiIO& io = ImGui::GetIO();
    const float em = ImGui::GetFontSize(), half = io.DisplaySize.x * 0.5f;
    const float top = s.panels.hidden ? 0.0f : ImGui::GetFrameHeight();
    // the split line, and each half's name at its outer bottom corner (clear of the panel columns at the top)
    ImGui::GetBackgroundDrawList()->AddLine(ImVec2(half, top), ImVec2(half, io.DisplaySize.y),
                                            IM_COL32(40, 40, 50, 255), 2.0f);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const float bottom =
        io.DisplaySize.y - (s.panels.hidden ? 0.0f : ImGui::GetFrameHeight() + 8) - 2.2f * em;
    for (int side = 0; side < 2; ++side) {
        const std::string label = std::string(tr("plan.scenario", L)) + " " + (side == 0 ? "A" : "B") + ": " +
                                  (side == 0 ? r.a : r.b);
        const ImVec2 sz = ImGui::CalcTextSize(label.c_str());
        // A at the left edge, B at the right edge: the KPI table holds the middle
        const ImVec2 at(side == 0 ? 0.8f * em : io.DisplaySize.x - sz.x - 0.8f * em, bottom);
        dl->AddRectFilled(ImVec2(at.x - 0.4f * em, at.y - 0.2f * em),
                          ImVec2(at.x + sz.x + 0.4f * em, at.y + sz.y + 0.2f * em),
                          IM_COL32(255, 255, 255, 235), 4.0f);
        dl->AddText(at, IM_COL32(20, 20, 30, 255), label.c_str());
    }
    // the KPI table (totals) between the halves
    const float w = 27 * em;
    ImGui::SetNextWindowPos(ImVec2(half, io.DisplaySize.y - 2.5f * em), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::SetNextWindowBgAlpha(0.94f);
    ImGui::Begin("##compare_kpis", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextUnformatted(tr("plan.compare", L));
    if (ImGui::BeginTable("##kpis", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 2.4f);
        const std::string ha = "A: " + r.a, hb = "B: " + r.b;
        ImGui::TableSetupColumn(ha.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(hb.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("plan.compare_delta", L), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        const auto& ka = r.kpis["a"];
        const auto& kb = r.kpis["b"];
        const auto& kd = r.kpis["delta"];
        for (const std::string& k : plan::kpi_keys()) {
            if (!ka.contains(k)) continue;
            const int dec = ka[k].is_number_integer() ? 0 : 1;
            const char* label = plan::kpi_label(k, L == render::Lang::En);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label ? label : k.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(cell(ka[k], dec).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(cell(kb[k], dec).c_str());
            ImGui::TableNextColumn();
            const nlohmann::json d = kd.value(k, nlohmann::json());
            const double dv = d.is_number() ? d.get<double>() : 0.0;
            std::string ds = cell(d, dec);
            if (dv > 0) ds.insert(ds.begin(), '+');
            if (dv > 0)
                ImGui::TextColored(ImVec4(0.05f, 0.5f, 0.2f, 1), "%s", ds.c_str());
            else if (dv < 0)
                ImGui::TextColored(ImVec4(0.75f, 0.2f, 0.1f, 1), "%s", ds.c_str());
            else
                ImGui::TextUnformatted(ds.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace pa::ui
