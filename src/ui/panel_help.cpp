// Keyboard shortcuts and mouse use.
#include <imgui.h>

#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

void draw_help_panel(ViewerState& s) {
    if (!s.panels.help) return;
    const auto L = s.lang;
    ImGui::SetNextWindowPos(ImVec2(420, 120), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr("panel.help", L), &s.panels.help, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    for (const char* k :
         {"help.pan", "help.zoom", "help.click", "help.home", "help.keys_zoom", "help.arrows", "help.theme",
          "help.lang", "help.export", "help.selection", "help.f1", "help.f11", "help.tab", "help.quit"})
        ImGui::BulletText("%s", tr(k, L));
    ImGui::End();
}

}  // namespace pa::ui
