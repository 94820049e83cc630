// The clustering panel: parameters (industries, eps in metres, min points, weighting, projects / parcels,
// centroid / edge metric, concave / convex hull and ratio) with live update, the computing state, and one
// card per cluster (members, investment, output, 亩, zones, main industry). Clicking a row (or a hull on the
// map) selects the cluster and zooms to it. DBSCAN runs on the worker (AnalysisLayers); this file only edits
// ViewerState.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/common/units.hpp"
#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

namespace {

std::string zone_names(const ViewerState& s, const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& code : codes) {
        const int zi = s.data ? s.data->zone_index(code) : -1;
        std::string name = code;
        if (zi >= 0) {
            const auto& z = s.data->zones[size_t(zi)];
            name = s.lang == render::Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
        }
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

ImVec4 swatch(int cluster) {
    const auto c = render::category_color(size_t(cluster));
    return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1.f);
}

void select_cluster(ViewerState& s, int id) {
    auto& c = s.analysis.cluster;
    c.selected = id;
    if (id >= 0 && size_t(id) < c.picks.size() && !c.picks[size_t(id)].box.empty())
        s.zoom_to = c.picks[size_t(id)].box;
}

}  // namespace

void draw_cluster_panel(ViewerState& s) {
    auto& c = s.analysis.cluster;
    if (!c.open) return;
    const auto L = s.lang;
    const double now = ImGui::GetTime();
    ImGui::SetNextWindowPos(ImVec2(400, 34), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(470, 640), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr("panel.cluster", L), &c.open)) {
        ImGui::End();
        return;
    }
    bool changed = false;
    // Industries: "all" or any set of the workspace's industries.
    const std::string shown = c.industries.empty() ? std::string(tr("cl.all", L))
                              : c.industries.size() == 1
                                  ? c.industries.front()
                                  : std::to_string(c.industries.size()) + " " + tr("cl.n_industries", L);
    if (ImGui::BeginCombo(tr("cl.industry", L), shown.c_str())) {
        if (ImGui::Selectable(tr("cl.all", L), c.industries.empty(), ImGuiSelectableFlags_DontClosePopups)) {
            c.industries.clear();
            changed = true;
        }
        for (const auto& ind : s.filters.industries) {
            const bool on = std::find(c.industries.begin(), c.industries.end(), ind) != c.industries.end();
            if (ImGui::Selectable(ind.c_str(), on, ImGuiSelectableFlags_DontClosePopups)) {
                if (on)
                    c.industries.erase(std::find(c.industries.begin(), c.industries.end(), ind));
                else
                    c.industries.push_back(ind);
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    changed |= ImGui::Checkbox(tr("cl.per_industry", L), &c.per_industry);
    changed |=
        ImGui::SliderFloat(tr("cl.eps", L), &c.eps_m, 50.0f, 5000.0f, "%.0f m", ImGuiSliderFlags_Logarithmic);
    changed |= ImGui::SliderInt(tr("cl.min_points", L), &c.min_points, 2, 30);
    changed |= ImGui::Checkbox(tr("cl.weight", L), &c.weight_invest);
    changed |= ImGui::RadioButton(tr("cl.of.projects", L), &c.of, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton(tr("cl.of.parcels", L), &c.of, 1);
    if (c.of == 1) {
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        changed |= ImGui::RadioButton(tr("cl.metric.centroid", L), &c.metric, 0);
        ImGui::SameLine();
        changed |= ImGui::RadioButton(tr("cl.metric.edge", L), &c.metric, 1);
    }
    changed |= ImGui::RadioButton(tr("cl.hull.concave", L), &c.hull, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton(tr("cl.hull.convex", L), &c.hull, 1);
    if (c.hull == 0) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120);
        changed |= ImGui::SliderFloat(tr("cl.ratio", L), &c.ratio, 0.0f, 1.0f, "%.2f");
    }
    ImGui::Checkbox(tr("cl.show_hulls", L), &c.show_hulls);
    if (changed) c.job.touch(now);

    ImGui::Separator();
    if (!c.job.error.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1), "%s", c.job.error.c_str());
        ImGui::PopTextWrapPos();
    }
    if (c.job.computing()) {
        // An indeterminate bar: DBSCAN reports no fraction.
        const float t = float(now - std::floor(now));
        ImGui::ProgressBar(-t, ImVec2(-1, 0), tr("cl.computing", L));
    }
    if (!c.result) {
        ImGui::End();
        return;
    }
    const auto& r = *c.result;
    ImGui::Text("%zu %s · %zu %s · %s %zu", r.clusters.size(), tr("cl.clusters", L), r.items.size(),
                tr(r.params.of == analysis::ClusterOf::Parcels ? "cl.of.parcels" : "cl.of.projects", L),
                tr("cl.noise", L), r.noise);
    if (r.clusters.empty()) {
        ImGui::TextWrapped("%s", tr("cl.none", L));
        ImGui::End();
        return;
    }
    // One row per cluster (click: select + zoom), then the card of the selected one.
    const float table_h =
        std::min(260.0f, ImGui::GetTextLineHeightWithSpacing() * float(r.clusters.size() + 1) + 8);
    if (ImGui::BeginTable("clusters", 5,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV,
                          ImVec2(0, table_h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 44);
        ImGui::TableSetupColumn(tr("cl.main", L), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(tr("cl.members", L), ImGuiTableColumnFlags_WidthFixed, 48);
        ImGui::TableSetupColumn(tr("cl.invest_yi", L), ImGuiTableColumnFlags_WidthFixed, 84);
        ImGui::TableSetupColumn(tr("unit.mu", L), ImGuiTableColumnFlags_WidthFixed, 60);
        ImGui::TableHeadersRow();
        for (const auto& cl : r.clusters) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(cl.id);
            ImGui::ColorButton("##sw", swatch(cl.id),
                               ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoPicker, ImVec2(14, 14));
            ImGui::SameLine();
            if (ImGui::Selectable(std::to_string(cl.id + 1).c_str(), c.selected == cl.id,
                                  ImGuiSelectableFlags_SpanAllColumns))
                select_cluster(s, c.selected == cl.id ? -1 : cl.id);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(cl.industry.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%zu", cl.members.size());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(fmt_number(units::yi_from_wan(cl.invest_wan), 2).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(fmt_number(cl.area_mu, 0).c_str());
        }
        ImGui::EndTable();
    }
    if (c.selected >= 0 && size_t(c.selected) < r.clusters.size()) {
        const auto& cl = r.clusters[size_t(c.selected)];
        ImGui::Separator();
        ImGui::ColorButton("##sel", swatch(cl.id),
                           ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoPicker, ImVec2(18, 18));
        ImGui::SameLine();
        ImGui::Text("%s %d · %s", tr("cl.card", L), cl.id + 1, cl.industry.c_str());
        if (ImGui::BeginTable("card", 2, ImGuiTableFlags_SizingStretchProp)) {
            auto row = [](const char* k, const std::string& v) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", k);
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", v.c_str());
            };
            row(tr("cl.members", L), std::to_string(cl.members.size()));
            row(tr("summary.invest", L), fmt_number(cl.invest_wan, 0) + " " + tr("unit.wan", L));
            row(tr("card.output", L), fmt_number(cl.output_wan, 0) + " " + tr("unit.wan", L));
            row(tr("card.area", L), fmt_number(cl.area_mu, 1) + " " + tr("unit.mu", L));
            if (cl.area_mu > 0)
                row(tr("card.intensity", L),
                    fmt_number(cl.invest_wan / cl.area_mu, 0) + " " + tr("unit.wan_per_mu", L));
            row(tr("card.zone", L), zone_names(s, cl.zones));
            std::string inds;
            for (const auto& [name, n] : cl.industries)
                inds += (inds.empty() ? "" : ", ") + name + " " + std::to_string(n);
            row(tr("cl.industries", L), inds);
            row(tr("cl.hull", L), cl.hull_kind + " · " + fmt_number(units::mu_from_m2(cl.hull_area_m2), 0) +
                                      " " + tr("unit.mu", L));
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

}  // namespace pa::ui
