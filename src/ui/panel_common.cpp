// Display helpers shared by the panels, and the menu bar.
#include <imgui.h>
#include <imgui_internal.h>  // GImGui->MovingWindow: is the user dragging this panel?

#include <algorithm>
#include <cstdio>
#include <limits>
#include <vector>

#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

const char* supply_label(SupplyStatus st, render::Lang lang) {
    const bool en = lang == render::Lang::En;
    switch (st) {
        case SupplyStatus::Reserved:
            return en ? "reserved" : "储备";
        case SupplyStatus::ApprovedNotSupplied:
            return en ? "approved, not supplied" : "批而未供";
        case SupplyStatus::Supplied:
            return en ? "supplied" : "已供应";
        case SupplyStatus::UnderConstruction:
            return en ? "under construction" : "在建";
        case SupplyStatus::Producing:
            return en ? "producing" : "已投产";
        case SupplyStatus::Idle:
            return en ? "idle" : "闲置";
        case SupplyStatus::Unknown:
            return en ? "unknown" : "未知";
    }
    return "?";
}

std::string fmt_number(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

namespace {
float column_gap() {
    return std::round(0.55f * ImGui::GetFontSize());
}
}  // namespace

float side_column_width(bool left) {
    return std::round((left ? 21.0f : 22.0f) * ImGui::GetFontSize());
}

float side_column_reserved_px(const ViewerState& s, bool left) {
    const auto& p = s.panels;
    const bool any = left ? p.layers || p.filters : p.selection || p.zones || p.import;
    return !p.hidden && any ? side_column_width(left) + 2 * column_gap() : 0.0f;
}

namespace {
// Down to the status bar (its height as panel_furniture.cpp draws it).
float column_bottom() {
    return ImGui::GetIO().DisplaySize.y - (ImGui::GetFrameHeight() + 8) - column_gap();
}
bool in_left_column(SidePanel id) {
    return id == SidePanel::Layers || id == SidePanel::Filters;
}

// The most one panel may take so that panels wanting `h` fit into `avail` (water-filling: the small ones
// whole, the large ones the same share of the rest); infinity when they all fit.
float height_cap(std::vector<float> h, float avail) {
    std::sort(h.begin(), h.end());
    for (size_t i = 0; i < h.size(); ++i) {
        const float share = avail / float(h.size() - i);
        if (h[i] > share) return share;
        avail -= h[i];
    }
    return std::numeric_limits<float>::infinity();
}
}  // namespace

void reset_side_columns(ViewerState& s) {
    auto& p = s.panels;
    const float top = ImGui::GetFrameHeight() + column_gap();  // under the main menu bar
    p.column_next_y[0] = p.column_next_y[1] = top;
    for (int c = 0; c < 2; ++c) {
        std::vector<float> wanted;
        for (int i = 0; i < int(SidePanel::Count); ++i)
            if (p.docked_last[i] && in_left_column(SidePanel(i)) == (c == 0)) wanted.push_back(p.wanted_h[i]);
        const float avail =
            column_bottom() - top - column_gap() * float(std::max<size_t>(wanted.size(), 1) - 1);
        p.column_cap[c] = height_cap(wanted, avail);
    }
    std::fill(std::begin(p.docked_last), std::end(p.docked_last), false);
}

bool begin_side_panel(ViewerState& s, SidePanel id, const char* title, bool* open) {
    const bool left = in_left_column(id);
    auto& p = s.panels;
    bool& undocked = p.undocked[static_cast<int>(id)];
    float& next_y = p.column_next_y[left ? 0 : 1];
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    const float gap = column_gap(), w = side_column_width(left);
    if (!undocked) {
        // Its share of the column (column_cap), what is left of it, and at least a few lines.
        const float max_h = std::max(ImGui::GetFrameHeight() * 3,
                                     std::min(p.column_cap[left ? 0 : 1], column_bottom() - next_y));
        ImGui::SetNextWindowPos(ImVec2(left ? gap : ds.x - w - gap, next_y), ImGuiCond_Always);
        ImGui::SetNextWindowSize(ImVec2(w, 0.0f), ImGuiCond_Always);  // 0: the height follows the content
        ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0.0f), ImVec2(w, max_h));
    } else {
        ImGui::SetNextWindowSize(ImVec2(w, 20 * ImGui::GetFontSize()), ImGuiCond_FirstUseEver);
    }
    const bool shown = ImGui::Begin(title, open);
    ImGuiWindow* self = ImGui::GetCurrentWindow();
    if (!undocked && GImGui->MovingWindow && GImGui->MovingWindow->RootWindow == self) undocked = true;
    if (!undocked) {
        next_y = self->Pos.y + self->Size.y + gap;
        // The height it would take whole (its content as of the last frame), for next frame's shares.
        p.wanted_h[static_cast<int>(id)] = self->Collapsed
                                               ? self->TitleBarHeight()
                                               : self->ContentSizeIdeal.y + self->WindowPadding.y * 2 +
                                                     self->TitleBarHeight() + self->MenuBarHeight();
        p.docked_last[static_cast<int>(id)] = true;
    }
    return shown;
}

void draw_menu_bar(ViewerState& s) {
    const auto L = s.lang;
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(tr("menu.file", L))) {
        if (ImGui::MenuItem(tr("menu.export", L), "P", false, s.data != nullptr)) s.request_export = true;
        if (ImGui::MenuItem(tr("menu.export_pdf", L), nullptr, false, s.data != nullptr)) {
            s.exporting.format = "pdf";
            s.request_export = true;
        }
        if (ImGui::MenuItem(tr("menu.export_video", L), nullptr, false, s.data != nullptr)) {
            s.exporting.format = "mp4";
            s.request_export = true;
        }
        ImGui::SliderInt("x", &s.exporting.factor, 1, 4);
        if (ImGui::MenuItem(tr("menu.quit", L), "Ctrl+Q")) s.request_quit = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr("menu.view", L))) {
        if (ImGui::MenuItem(tr("menu.home", L), "H") && s.data) s.zoom_to = s.data->extent;
        ImGui::MenuItem(tr("panel.layers", L), nullptr, &s.panels.layers);
        ImGui::MenuItem(tr("panel.selection", L), nullptr, &s.panels.selection);
        ImGui::MenuItem(tr("panel.filters", L), nullptr, &s.panels.filters);
        ImGui::MenuItem(tr("panel.zones", L), nullptr, &s.panels.zones);
        ImGui::MenuItem(tr("panel.import", L), nullptr, &s.panels.import);
        ImGui::Separator();
        if (ImGui::MenuItem(tr("menu.fullscreen", L), "F11", s.present.fullscreen))
            s.present.request_fullscreen = true;
        ImGui::MenuItem(tr("menu.presentation", L), "Tab", &s.panels.hidden);
        ImGui::MenuItem(tr("panel.story", L), "F5", &s.story.open);
        ImGui::MenuItem(tr("menu.console", L), nullptr, &s.present.console);
        if (ImGui::BeginMenu(tr("menu.monitor", L))) {  // the projector: full screen there
            for (int i = 0; i < static_cast<int>(s.present.monitors.size()); ++i)
                if (ImGui::MenuItem(s.present.monitors[static_cast<size_t>(i)].c_str(), nullptr,
                                    s.present.fullscreen && s.present.monitor == i)) {
                    s.present.monitor = i;
                    s.present.request_monitor = true;
                    s.present.request_fullscreen = true;
                }
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(tr("menu.font_scale", L))) {
            for (const float f : {1.0f, 1.25f, 1.5f, 2.0f}) {
                const std::string label = fmt_number(f, 2) + "x";
                if (ImGui::MenuItem(label.c_str(), nullptr, s.present.font_scale == f)) {
                    s.present.font_scale = f;
                    s.fonts_dirty = true;
                }
            }
            ImGui::EndMenu();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr("menu.help", L))) {
        ImGui::MenuItem(tr("panel.help", L), "F1", &s.panels.help);
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem(tr("menu.language", L))) {
        s.lang = L == render::Lang::Zh ? render::Lang::En : render::Lang::Zh;
    }
    ImGui::EndMainMenuBar();
}

}  // namespace pa::ui
