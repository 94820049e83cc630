// Industry chains in the viewer: the link distance (live), the links toggle, and per zone the gap table
// (which upstream -> downstream pairs are present, nearby, too far apart or missing: the 补链 gaps). Links
// between firms of chained industries are drawn on the map by AnalysisLayers, coloured by chain pair;
// clicking a row highlights its pair. Also the 分析 / Analysis menu that opens the three analysis panels.
#include <imgui.h>

#include <string>

#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

namespace {

const char* status_key(const std::string& st) {
    if (st == "present") return "ch.present";
    if (st == "nearby") return "ch.nearby";
    if (st == "distant") return "ch.distant";
    if (st == "missing_downstream") return "ch.missing_downstream";
    if (st == "missing_upstream") return "ch.missing_upstream";
    return "?";
}

ImVec4 status_color(const std::string& st) {
    if (st == "present") return ImVec4(0.0f, 0.55f, 0.35f, 1);
    if (st.rfind("missing", 0) == 0) return ImVec4(0.80f, 0.20f, 0.10f, 1);
    return ImVec4(0.75f, 0.50f, 0.0f, 1);
}

}  // namespace

void draw_analysis_menu(ViewerState& s) {
    const auto L = s.lang;
    // Appends to the main menu bar that draw_menu_bar opened earlier in the frame.
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(tr("menu.analysis", L))) {
        ImGui::MenuItem(tr("panel.cluster", L), nullptr, &s.analysis.cluster.open);
        ImGui::MenuItem(tr("panel.heat", L), nullptr, &s.analysis.heat.panel_open);
        ImGui::MenuItem(tr("panel.chains", L), nullptr, &s.analysis.chains.open);
        ImGui::MenuItem(tr("panel.plan", L), nullptr, &s.plan.open);
        ImGui::MenuItem(tr("panel.grade", L), nullptr, &s.grade.open);
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void draw_chains_panel(ViewerState& s) {
    auto& c = s.analysis.chains;
    if (!c.open) return;
    const auto L = s.lang;
    ImGui::SetNextWindowPos(ImVec2(400, 34), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(620, 600), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr("panel.chains", L), &c.open)) {
        ImGui::End();
        return;
    }
    float km = c.distance_m / 1000.0f;
    if (ImGui::SliderFloat(tr("ch.distance", L), &km, 0.5f, 30.0f, "%.1f km")) {
        c.distance_m = km * 1000.0f;
        c.job.touch(ImGui::GetTime());
    }
    ImGui::Checkbox(tr("ch.links", L), &c.show_links);
    ImGui::SameLine();
    ImGui::Checkbox(tr("ch.gaps_only", L), &c.gaps_only);
    ImGui::TextDisabled("%s: %s", tr("ch.config", L), c.config_path.c_str());
    if (!c.job.error.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1), "%s", c.job.error.c_str());
        ImGui::PopTextWrapPos();
    }
    if (c.job.computing()) {
        const double now = ImGui::GetTime();
        ImGui::ProgressBar(-float(now - double(int(now))), ImVec2(-1, 0), tr("cl.computing", L));
    }
    if (!c.result) {
        ImGui::End();
        return;
    }
    const auto& r = *c.result;
    size_t gaps = 0;
    for (const auto& g : r.gaps) gaps += g.status.rfind("missing", 0) == 0 ? 1 : 0;
    ImGui::Text("%zu %s · %zu %s · %zu %s", r.links.size(), tr("ch.n_links", L), r.firms.size(),
                tr("ch.n_firms", L), gaps, tr("ch.n_gaps", L));
    ImGui::Separator();
    const std::string& zone_filter = s.filters.filter.zone_code;
    if (ImGui::BeginTable("gaps", 5,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                              ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, 0))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr("ch.zone", L), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(tr("ch.pair", L), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(tr("ch.firms", L), ImGuiTableColumnFlags_WidthFixed, 64);
        ImGui::TableSetupColumn(tr("ch.linkcount", L), ImGuiTableColumnFlags_WidthFixed, 64);
        ImGui::TableSetupColumn(tr("ch.status", L), ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableHeadersRow();
        int row_id = 0;
        for (const auto& g : r.gaps) {
            if (!zone_filter.empty() && g.zone != zone_filter) continue;
            if (c.gaps_only && g.status.rfind("missing", 0) != 0) continue;
            const auto& p = r.config.pairs[g.pair];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(row_id++);
            std::string zname = g.zone;
            if (const int zi = s.data ? s.data->zone_index(g.zone) : -1; zi >= 0) {
                const auto& z = s.data->zones[size_t(zi)];
                zname = L == render::Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
            }
            if (ImGui::Selectable(zname.c_str(), c.selected_pair == int(g.pair),
                                  ImGuiSelectableFlags_SpanAllColumns))
                c.selected_pair = c.selected_pair == int(g.pair) ? -1 : int(g.pair);
            ImGui::PopID();
            ImGui::TableNextColumn();
            const auto col = render::category_color(g.pair);
            // Lightened towards white so dark pair colours stay readable on the dark panel.
            ImGui::TextColored(ImVec4(0.4f + col.r / 255.f * 0.6f, 0.4f + col.g / 255.f * 0.6f,
                                      0.4f + col.b / 255.f * 0.6f, 1),
                               "%s → %s", p.upstream.c_str(), p.downstream.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d / %d", g.upstream_firms, g.downstream_firms);
            ImGui::TableNextColumn();
            ImGui::Text("%d / %d", g.local_links, g.cross_links);
            ImGui::TableNextColumn();
            ImGui::TextColored(status_color(g.status), "%s", tr(status_key(g.status), L));
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace pa::ui
