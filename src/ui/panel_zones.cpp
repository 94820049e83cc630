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
    for (size_t i = 0; i < d.zones.size(); ++i) {
        const auto& z = d.zones[i];
        const std::string& name = L == render::Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
        const std::string label = name + "  (" + z.code + ", " + fmt_number(z.threshold_wan_per_mu, 0) + " " +
                                  tr("unit.wan_per_mu", L) + ")";
        if (ImGui::Selectable(label.c_str(), s.filters.filter.zone_code == z.code)) s.zoom_to = d.zone_focus_box(z.code);
    }
    ImGui::End();
}

}  // namespace pa::ui
