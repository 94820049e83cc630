// Layers, theme, classification and the legend (class ranges, counts and 亩 from the classification the map
// uses).
#include <imgui.h>

#include <sstream>

#include "render/overlay.hpp"
#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

namespace {

// Moves row i one place up (earlier = drawn lower) when asked.
template <class Row>
bool order_buttons(std::vector<Row>& rows, size_t i) {
    bool changed = false;
    ImGui::SameLine();
    ImGui::BeginDisabled(i == 0);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up)) {
        std::swap(rows[i], rows[i - 1]);
        changed = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(i + 1 >= rows.size());
    if (!changed && ImGui::ArrowButton("##down", ImGuiDir_Down)) {
        std::swap(rows[i], rows[i + 1]);
        changed = true;
    }
    ImGui::EndDisabled();
    return changed;
}

// The workspace's basemaps (under the map) and reference layers (over the parcels): toggles and order, the
// basemaps' opacity and grey switches.
void draw_context_rows(ViewerState& s) {
    auto& c = s.context;
    const auto L = s.lang;
    if (c.basemaps.empty() && c.references.empty()) return;
    ImGui::Separator();
    if (!c.references.empty()) {
        ImGui::TextDisabled("%s", tr("layer.references", L));
        for (size_t i = 0; i < c.references.size(); ++i) {
            ImGui::PushID(static_cast<int>(i) + 1000);
            auto& r = c.references[i];
            if (ImGui::Checkbox(r.name.c_str(), &r.shown)) c.changed = true;
            if (order_buttons(c.references, i)) c.changed = true;
            ImGui::PopID();
        }
    }
    if (!c.basemaps.empty()) {
        ImGui::TextDisabled("%s", tr("layer.basemaps", L));
        for (size_t i = 0; i < c.basemaps.size(); ++i) {
            ImGui::PushID(static_cast<int>(i) + 2000);
            auto& b = c.basemaps[i];
            ImGui::BeginDisabled(!b.reachable);
            if (ImGui::Checkbox(b.basemap.name.c_str(), &b.shown)) c.changed = true;
            ImGui::EndDisabled();
            if (!b.reachable && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("%s: %s", tr("layer.unreachable", L), b.basemap.path.c_str());
            if (order_buttons(c.basemaps, i)) c.changed = true;
            ImGui::PopID();
        }
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        if (ImGui::SliderFloat(tr("layer.basemap_opacity", L), &c.opacity, 0.0f, 1.0f, "%.2f"))
            c.changed = true;
        ImGui::SameLine();
        if (ImGui::Checkbox(tr("layer.basemap_grey", L), &c.grey)) c.changed = true;
    }
    if (!c.status.empty()) ImGui::TextWrapped("%s", c.status.c_str());
}

}  // namespace

void draw_layers_panel(ViewerState& s) {
    if (!s.panels.layers) return;
    const auto L = s.lang;
    if (!begin_side_panel(s, SidePanel::Layers, tr("panel.layers", L), &s.panels.layers)) {
        ImGui::End();
        return;
    }
    ImGui::Checkbox(tr("layer.zones", L), &s.layers.zones);
    ImGui::SameLine();
    ImGui::Checkbox(tr("layer.parcels", L), &s.layers.parcels);
    ImGui::SameLine();
    ImGui::Checkbox(tr("layer.projects", L), &s.layers.projects);
    ImGui::Checkbox(tr("layer.outlines", L), &s.layers.outlines);
    ImGui::SameLine();
    ImGui::Checkbox(tr("layer.labels", L), &s.layers.labels);
    draw_context_rows(s);
    ImGui::Separator();

    auto& t = s.theme;
    if (ImGui::BeginCombo(tr("theme.label", L), render::theme_title(t.theme, L))) {
        for (auto th : analysis::all_themes()) {
            if (ImGui::Selectable(render::theme_title(th, L), th == t.theme)) {
                t.theme = th;
                // The theme's own classification (thresholds for investment, Jenks for output and tax) unless
                // the user chose one.
                if (!t.method_chosen) t.options.method = analysis::default_method(th);
                t.dirty = true;
            }
        }
        ImGui::EndCombo();
    }
    if (analysis::is_numeric(t.theme)) {
        using analysis::Method;
        if (ImGui::BeginCombo(tr("method.label", L), render::method_title(t.options.method, L))) {
            for (auto m : {Method::ZoneThreshold, Method::Quantile, Method::EqualInterval, Method::Jenks,
                           Method::Manual})
                if (ImGui::Selectable(render::method_title(m, L), m == t.options.method)) {
                    t.options.method = m;
                    t.method_chosen = true;
                    t.dirty = true;
                }
            ImGui::EndCombo();
        }
        if (t.options.method == Method::Quantile || t.options.method == Method::EqualInterval ||
            t.options.method == Method::Jenks) {
            if (ImGui::SliderInt(tr("method.classes", L), &t.options.class_count, 2, 9)) t.dirty = true;
        }
        if (t.options.method == Method::Manual) {
            if (ImGui::InputText(tr("method.manual", L), t.manual_text.data(), t.manual_text.size())) {
                std::vector<double> b;
                std::stringstream ss(t.manual_text.data());
                std::string item;
                while (std::getline(ss, item, ',')) try {
                        b.push_back(std::stod(item));
                    } catch (const std::exception&) {
                        // an incomplete number while typing: ignored until it parses
                    }
                t.options.manual_breaks = b;
                t.dirty = true;
            }
        }
    }
    ImGui::Separator();
    ImGui::TextUnformatted(tr("panel.legend", L));
    const auto rows = render::legend_rows(t.result, t.colors, L);
    if (ImGui::BeginTable("legend", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(tr("legend.count", L), ImGuiTableColumnFlags_WidthFixed, 60);
        ImGui::TableSetupColumn(tr("unit.mu", L), ImGuiTableColumnFlags_WidthFixed, 80);
        ImGui::TableHeadersRow();
        int i = 0;
        for (const auto& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i++);
            ImGui::ColorButton("##c", ImVec4(r.color.r / 255.f, r.color.g / 255.f, r.color.b / 255.f, 1.f),
                               ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoPicker,
                               ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize()));  // follows the type size
            ImGui::PopID();
            ImGui::SameLine();
            ImGui::TextUnformatted(r.label.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", r.count);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(fmt_number(r.area_mu, 0).c_str());
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr("legend.total", L));
        ImGui::TableNextColumn();
        ImGui::Text("%d", t.result.shown_count);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fmt_number(t.result.shown_area_mu, 0).c_str());
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace pa::ui
