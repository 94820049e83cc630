// The parcel card: code, zone, 亩, land use, supply status and dates, projects, intensity against the
// threshold.
#include <imgui.h>

#include <algorithm>

#include "ui/grade_panel.hpp"
#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

void draw_selection_panel(ViewerState& s) {
    if (!s.panels.selection) return;
    const auto L = s.lang;
    if (!begin_side_panel(s, SidePanel::Selection, tr("panel.selection", L), &s.panels.selection)) {
        ImGui::End();
        return;
    }
    // Until stage 2 of the open the card's columns and the projects are not read (picking waits for it too).
    if (!s.data || !s.data->geometry_ready || s.selected < 0 ||
        static_cast<size_t>(s.selected) >= s.data->parcels.size()) {
        ImGui::TextDisabled("%s", tr("card.none", L));
        ImGui::End();
        return;
    }
    const auto& d = *s.data;
    const Parcel& p = d.parcels[static_cast<size_t>(s.selected)];
    const int zi = d.zone_index(p.zone_code);
    const std::string zone = zi < 0 ? p.zone_code.str()
                                    : (L == render::Lang::En && !d.zones[size_t(zi)].name_en.empty()
                                           ? d.zones[size_t(zi)].name_en
                                           : d.zones[size_t(zi)].name_zh);
    // The values start after the longest label of the card in this language (English ones are longer).
    float label_w = 0;
    for (const char* k : {"card.code", "card.zone", "card.area", "card.landuse", "card.supply", "card.dates",
                          "card.intensity"})
        label_w = std::max(label_w, ImGui::CalcTextSize(tr(k, L)).x);
    const float value_x = ImGui::GetCursorPosX() + label_w + ImGui::GetFontSize();
    auto row = [&](const char* key, const std::string& value) {
        ImGui::TextDisabled("%s", tr(key, L));
        ImGui::SameLine(value_x);
        ImGui::TextWrapped("%s", value.c_str());
    };
    row("card.code", p.code);
    row("card.zone", zone.empty() ? "—" : zone);
    row("card.area",
        fmt_number(p.area_mu, 2) + " " + tr("unit.mu", L) + "  (" + fmt_number(p.area_m2, 0) + " m²)");
    row("card.landuse", p.landuse_name + (p.landuse_code.empty() ? "" : " (" + p.landuse_code + ")"));
    row("card.supply", supply_label(p.supply_status, L));
    row("card.dates", (p.approval_date.empty() ? "—" : p.approval_date.str()) + " / " +
                          (p.supply_date.empty() ? "—" : p.supply_date.str()) + " / " +
                          (p.contract_start_date.empty() ? "—" : p.contract_start_date.str()));
    ImGui::Separator();
    // Intensity against the zone's threshold.
    const auto& st = p.stats;
    if (st.invest_wan_per_mu) {
        const double v = *st.invest_wan_per_mu, thr = st.threshold_wan_per_mu;
        std::string verdict;
        if (thr > 0 && v >= thr)
            verdict = tr("card.meets", L);
        else if (thr > 0)
            verdict = std::string(tr("card.short", L)) + " " + fmt_number(thr - v, 1) + " " +
                      tr("unit.wan_per_mu", L);
        row("card.intensity", fmt_number(v, 1) + " " + tr("unit.wan_per_mu", L) + " (" +
                                  tr("card.threshold", L) + " " + fmt_number(thr, 0) + ")");
        const bool ok = thr > 0 && v >= thr;
        ImGui::TextColored(ok ? ImVec4(0.0f, 0.55f, 0.4f, 1) : ImVec4(0.8f, 0.35f, 0.0f, 1), "%s",
                           verdict.c_str());
    } else {
        row("card.intensity", tr("card.nodata", L));
    }
    ImGui::Separator();
    ImGui::TextUnformatted(tr("card.projects", L));
    const auto& projects = d.parcel_projects[static_cast<size_t>(s.selected)];
    if (ImGui::BeginTable("projects", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("card.projects", L));
        ImGui::TableSetupColumn(tr("card.invest", L));
        ImGui::TableSetupColumn(tr("card.output", L));
        ImGui::TableSetupColumn(tr("card.tax", L));
        ImGui::TableHeadersRow();
        auto opt = [](const std::optional<double>& v) { return v ? fmt_number(*v, 0) : std::string("—"); };
        for (int pi : projects) {
            const Project& pr = d.projects[static_cast<size_t>(pi)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s (%s)", pr.name.c_str(), pr.stage.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(pr.fixed_invest_wan).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(pr.output_wan).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(pr.tax_wan).c_str());
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("%s", tr("unit.wan", L));
    draw_grade_card(s, s.selected);
    draw_fulfilment_card(s, s.selected);
    if (ImGui::Button(tr("card.zoom", L))) s.zoom_to = d.parcel_boxes[static_cast<size_t>(s.selected)];
    ImGui::End();
}

}  // namespace pa::ui
