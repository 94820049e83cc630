// Import: files dropped on the window wait here for their kind; progress of the running task; the workspace's
// data problems (click one to go there).
#include <imgui.h>

#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

bool draw_import_panel(ViewerState& s, const TaskQueue& tasks) {
    if (!s.panels.import) return false;
    const auto L = s.lang;
    bool go = false;
    if (!begin_side_panel(s, SidePanel::Import, tr("panel.import", L), &s.panels.import)) {
        ImGui::End();
        return false;
    }
    if (tasks.busy()) {
        ImGui::TextUnformatted(tasks.running().c_str());
        ImGui::ProgressBar(static_cast<float>(tasks.progress()), ImVec2(-1, 0), tasks.step().c_str());
    }
    if (s.import.pending.empty()) {
        ImGui::TextWrapped("%s", tr("import.drop", L));
    } else {
        const char* kinds_zh[] = {"开发区", "宗地(替换全部)", "项目台账"};
        const char* kinds_en[] = {"zones", "parcels (replace all)", "ledger"};
        int i = 0;
        for (auto& f : s.import.pending) {
            ImGui::PushID(i++);
            ImGui::TextWrapped("%s", f.path.c_str());
            int kind = static_cast<int>(f.kind);
            if (ImGui::Combo("##kind", &kind, L == render::Lang::En ? kinds_en : kinds_zh, kImportKindCount))
                f.kind = static_cast<ImportKind>(kind);
            ImGui::PopID();
        }
        if (ImGui::Button(tr("panel.import", L)) && !tasks.busy()) go = true;
        ImGui::SameLine();
        if (ImGui::Button("×")) s.import.pending.clear();
    }
    if (!s.import.last_message.empty()) {
        ImGui::TextColored(s.import.last_failed ? ImVec4(0.8f, 0.2f, 0.1f, 1) : ImVec4(0.1f, 0.5f, 0.3f, 1),
                           "%s", s.import.last_message.c_str());
    }
    if (s.data && s.data->geometry_ready && !s.data->problems.empty() &&
        ImGui::CollapsingHeader(tr("panel.problems", L))) {
        for (size_t k = 0; k < s.data->problems.size(); ++k) {
            const auto& p = s.data->problems[k];
            const std::string line = std::string("[") + to_string(p.severity) + "] " + p.kind + " " + p.id +
                                     ": " + (L == render::Lang::En ? p.message_en : p.message_zh);
            ImGui::PushID(static_cast<int>(k));
            if (ImGui::Selectable(line.c_str()) && (p.lon != 0 || p.lat != 0)) {
                const auto [x, y] = s.data->proj.xy(p.lon, p.lat);
                s.zoom_to = render::Box{x - 300, y - 300, x + 300, y + 300};
            }
            ImGui::PopID();
        }
    }
    ImGui::End();
    return go;
}

}  // namespace pa::ui
