// The heat-map theme: on/off, bandwidth in metres (live: only a uniform changes), weight (investment, output
// or one per project), opacity, and the legend ramp drawn on the map. The GPU work is in AnalysisLayers /
// HeatmapRenderer.
#include <imgui.h>

#include <string>

#include "render/heatmap.hpp"
#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

namespace {

// The ramp legend at the bottom right of the map, above the status bar: low .. high, the unit and the peak
// value.
void draw_heat_legend(const ViewerState& s) {
    const auto& h = s.analysis.heat;
    const auto L = s.lang;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const ImGuiIO& io = ImGui::GetIO();
    const float px = ImGui::GetFontSize(), pad = 10.0f;
    const float w = 300.0f, bar_h = px * 0.9f;
    const float x0 = io.DisplaySize.x - w - pad * 3 - side_column_reserved_px(s, false);
    const float y1 = io.DisplaySize.y - ImGui::GetFrameHeight() - 8 - pad * 2;
    const float y0 = y1 - (px * 2.6f + bar_h + pad * 2);
    dl->AddRectFilled(ImVec2(x0 - pad, y0), ImVec2(x0 + w + pad, y1), IM_COL32(255, 255, 255, 236), 5);
    dl->AddRect(ImVec2(x0 - pad, y0), ImVec2(x0 + w + pad, y1), IM_COL32(120, 120, 130, 255), 5);
    const char* wkey = h.weight == 0 ? "heat.w.invest" : h.weight == 1 ? "heat.w.output" : "heat.w.count";
    const std::string head = std::string(tr("panel.heat", L)) + " · " + tr(wkey, L);
    dl->AddText(ImVec2(x0, y0 + pad * 0.6f), IM_COL32(30, 30, 36, 255), head.c_str());
    const float by = y0 + pad * 0.6f + px * 1.4f;
    const int steps = 48;
    for (int i = 0; i < steps; ++i) {
        const auto a = render::heat_ramp_color(double(i) / steps),
                   b = render::heat_ramp_color(double(i + 1) / steps);
        const ImU32 ca = IM_COL32(int(a.r * 255), int(a.g * 255), int(a.b * 255), 255);
        const ImU32 cb = IM_COL32(int(b.r * 255), int(b.g * 255), int(b.b * 255), 255);
        const float fi = static_cast<float>(i), fs = static_cast<float>(steps);
        dl->AddRectFilledMultiColor(ImVec2(x0 + w * fi / fs, by), ImVec2(x0 + w * (fi + 1) / fs, by + bar_h),
                                    ca, cb, cb, ca);
    }
    dl->AddRect(ImVec2(x0, by), ImVec2(x0 + w, by + bar_h), IM_COL32(60, 60, 60, 200));
    // Peak density per km² in the unit of the weight (万元 or projects).
    const double peak_km2 = h.max_density * 1e6;
    const std::string unit =
        h.weight == 2 ? std::string(tr("heat.unit.count", L)) : std::string(tr("heat.unit.wan", L));
    const std::string lo = tr("heat.low", L), hi = std::string(tr("heat.high", L)) + " " +
                                                   fmt_number(peak_km2, peak_km2 < 10 ? 2 : 0) + " " + unit;
    dl->AddText(ImVec2(x0, by + bar_h + 3), IM_COL32(60, 60, 70, 255), lo.c_str());
    const float hw = ImGui::CalcTextSize(hi.c_str()).x;
    dl->AddText(ImVec2(x0 + w - hw, by + bar_h + 3), IM_COL32(60, 60, 70, 255), hi.c_str());
}

}  // namespace

void draw_heatmap_panel(ViewerState& s) {
    auto& h = s.analysis.heat;
    if (h.on && s.data && h.uploaded_weight == h.weight && h.point_count > 0) draw_heat_legend(s);
    if (!h.panel_open || s.panels.hidden) return;
    const auto L = s.lang;
    ImGui::SetNextWindowPos(ImVec2(400, 700), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(400, 170), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr("panel.heat", L), &h.panel_open)) {
        ImGui::End();
        return;
    }
    ImGui::Checkbox(tr("heat.on", L), &h.on);
    ImGui::SliderFloat(tr("heat.bandwidth", L), &h.bandwidth_m, 50.0f, 5000.0f, "%.0f m",
                       ImGuiSliderFlags_Logarithmic);
    const char* weights[] = {tr("heat.w.invest", L), tr("heat.w.output", L), tr("heat.w.count", L)};
    ImGui::Combo(tr("heat.weight", L), &h.weight, weights, 3);
    ImGui::SliderFloat(tr("heat.opacity", L), &h.opacity, 0.1f, 1.0f, "%.2f");
    if (h.on && h.uploaded_weight != h.weight)
        ImGui::TextDisabled("%s", tr("cl.computing", L));
    else if (h.on)
        ImGui::TextDisabled("%zu %s", h.point_count, tr("heat.points", L));
    ImGui::End();
}

}  // namespace pa::ui
