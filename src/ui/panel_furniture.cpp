// Map furniture over the map (zone labels, scale bar, north arrow — the same drawing as `parkatlas render`)
// and the status bar: cursor lon/lat (CGCS2000), Gauss-Kruger x/y in the cursor's 3-degree zone, the data
// source.
#include <imgui.h>

#include <cstdio>

#include "render/map_renderer.hpp"
#include "render/overlay.hpp"
#include "ui/panels.hpp"
#include "ui/plan_panel.hpp"

namespace pa::ui {

using render::tr;

float draw_map_furniture(ViewerState& s) {
    const auto L = s.lang;
    ImGuiIO& io = ImGui::GetIO();
    // Presentation (panels hidden): no status bar, the map's footer carries the note and the data source.
    const float bar_h = s.panels.hidden ? 0.0f : ImGui::GetFrameHeight() + 8;
    if (plan_compare_shown(s)) {
        draw_plan_compare_view(s);  // two scenarios side by side: their names and KPI table, no legend
    } else if (s.data && s.fonts.body) {
        // The camera is in framebuffer pixels; ImGui draws in window units.
        render::Camera cam = s.camera;
        const float fx = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
        cam.width = static_cast<int>(static_cast<float>(cam.width) / fx);
        cam.height = static_cast<int>(static_cast<float>(cam.height) / fx);
        cam.m_per_px *= fx;
        render::OverlayOptions opt;
        // With the panels hidden (presentation, Tab) the map carries its legend and title like `parkatlas
        // render`.
        const bool bare = s.panels.hidden;
        opt.legend = bare;
        opt.title_block = bare;
        opt.zone_code = s.filters.filter.zone_code;
        opt.scale = s.present.font_scale;
        opt.zone_labels = s.layers.labels && s.layers.zones;
        opt.top_reserved_px = bare ? 0.0f : ImGui::GetFrameHeight();
        opt.bottom_reserved_px = bar_h;
        // Keep the scale bar and the north arrow clear of the panel columns (left: layers/filters, right:
        // card/zones).
        opt.left_reserved_px = bare ? 0.0f : side_column_reserved_px(s, true);
        opt.right_reserved_px = bare ? 0.0f : side_column_reserved_px(s, false);
        if (const auto* row = plan_legend_row(s)) opt.outline_rows.push_back(*row);
        if (s.context.anchors)  // names of the shown reference layers' features (roads, rivers)
            for (const auto& row : s.context.references)
                if (row.shown && row.mesh >= 0 && static_cast<size_t>(row.mesh) < s.context.anchors->size())
                    opt.reference_labels.push_back(&(*s.context.anchors)[static_cast<size_t>(row.mesh)]);
        {  // the project markers' legend row, when the map shows them (the map's own scale rule)
            render::MapStyle ms;
            ms.ui_scale = fx;
            opt.project_markers = s.layers.projects && render::project_markers_at_scale(s.camera, ms);
        }
        // Presenting a storyboard: the step's title and subtitle head the map.
        const auto& st = s.story;
        if (st.presenting && st.current >= 0 && st.current < static_cast<int>(st.views.size())) {
            const auto& v = st.views[static_cast<size_t>(st.current)];
            opt.title = v.title.empty() ? v.name : v.title;
            opt.subtitle = v.subtitle;
        }
        render::draw_overlay(ImGui::GetBackgroundDrawList(), s.fonts, *s.data, cam, s.theme.result,
                             s.theme.colors, L, opt);
    }
    if (s.story.blank)  // B while presenting: a black screen over everything
        ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(0, 0), io.DisplaySize, IM_COL32(0, 0, 0, 255));
    if (s.panels.hidden) return 0.0f;
    ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - bar_h));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, bar_h));
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (s.cursor_on_map) {
        ImGui::Text("%s  %.6f°E  %.6f°N", tr("status.cursor", L), s.cursor_lon, s.cursor_lat);
        const geo::GaussKruger* gk = geo::gk3_zone_for_lon(s.cursor_lon) >= 36 ? s.gk36.get() : s.gk35.get();
        if (gk) {
            try {
                auto [e, n] = gk->forward(s.cursor_lon, s.cursor_lat);
                ImGui::SameLine();
                ImGui::Text("   %s %d: x=%.1f  y=%.1f m", tr("status.gk", L), gk->zone(), e, n);
            } catch (const std::exception&) {
                // outside the projection's domain: no GK readout
            }
        }
    } else {
        ImGui::TextUnformatted(s.workspace_path.c_str());
    }
    if (s.shared.on) {  // a shared PostGIS workspace: who, where, the change feed, the last change heard
        const auto& sh = s.shared;
        std::string line = std::string(tr("shared.db", L)) + " " + sh.who + " · " +
                           (sh.connected ? tr("shared.online", L) : tr("shared.offline", L));
        if (!sh.last_change.empty())
            line += std::string(" · ") + tr("shared.updated", L) + " " + sh.last_change;
        if (!sh.note.empty()) line += " · " + sh.note;
        ImGui::SameLine(0, 24);
        if (sh.connected)
            ImGui::TextUnformatted(line.c_str());
        else
            ImGui::TextColored(ImVec4(0.95f, 0.55f, 0.2f, 1), "%s", line.c_str());
    }
    if (s.data && s.data->view.on) {  // a large workspace read by view: how much of it the map holds
        const auto& v = s.data->view;
        char buf[96];
        std::snprintf(buf, sizeof buf, " %zu / %lld ", s.data->parcels.size(),
                      static_cast<long long>(v.total_parcels));
        std::string line =
            std::string(tr("status.by_view", L)) + buf + tr("status.by_view_parcels", L) + " · ";
        line += v.level < 0 ? std::string(tr("status.by_view_full", L))
                            : std::string(tr("status.by_view_level", L)) + " " + std::to_string(v.level);
        if (s.view_reading) line += std::string(" · ") + tr("status.reading_view", L);
        ImGui::SameLine(0, 24);
        ImGui::TextUnformatted(line.c_str());
    }
    if (s.data) {
        const std::string src = std::string(tr("map.source", L)) + ": " + s.data->data_source;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20,
                                 io.DisplaySize.x - ImGui::CalcTextSize(src.c_str()).x - 16));
        ImGui::TextUnformatted(src.c_str());
    }
    ImGui::End();
    return bar_h;
}

}  // namespace pa::ui
