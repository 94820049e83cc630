// Zone list: click to zoom to a zone; the home view.
#include <imgui.h>

#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

void draw_zones_panel(ViewerState& s) {
    if (!s.panels.zones || !s.data) return;
    const auto L = s.lang;
    if (!begin_side_panel(s, SidePanel::Zones, tr("panel.zones", L), &s.panels.zones)) {
        ImGui::End();
        return;
    }
    if (ImGui::Button(tr("menu.home", L))) s.zoom_to = s.data->extent;
    const auto& d = *s.data;
    // Name | code | threshold: a long (English) name is cut at its column and shown whole in a tooltip.
    if (ImGui::BeginTable("zones", 3, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("code");
        ImGui::TableSetupColumn("threshold");
        for (size_t i = 0; i < d.zones.size(); ++i) {
            const auto& z = d.zones[i];
            const std::string& name = L == render::Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(name.c_str(), s.filters.filter.zone_code == z.code,
                                  ImGuiSelectableFlags_SpanAllColumns))
                s.zoom_to = d.zone_focus_box(z.code);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s (%s, %s %s)", name.c_str(), z.code.c_str(),
                                  fmt_number(z.threshold_wan_per_mu, 0).c_str(), tr("unit.wan_per_mu", L));
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", z.code.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(fmt_number(z.threshold_wan_per_mu, 0).c_str());
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace pa::ui
