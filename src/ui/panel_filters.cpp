// Filters (zone, industry, stage, supply status, enterprise kind) and the summary of what they leave.
#include <imgui.h>

#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

namespace {
bool combo(const char* label, std::string& value, const std::vector<std::string>& choices, render::Lang L) {
    bool changed = false;
    if (ImGui::BeginCombo(label, value.empty() ? tr("filter.any", L) : value.c_str())) {
        if (ImGui::Selectable(tr("filter.any", L), value.empty())) {
            value.clear();
            changed = true;
        }
        for (const auto& c : choices)
            if (ImGui::Selectable(c.c_str(), c == value)) {
                value = c;
                changed = true;
            }
        ImGui::EndCombo();
    }
    return changed;
}
}  // namespace

void draw_filters_panel(ViewerState& s) {
    if (!s.panels.filters) return;
    const auto L = s.lang;
    if (!begin_side_panel(s, SidePanel::Filters, tr("panel.filters", L), &s.panels.filters)) {
        ImGui::End();
        return;
    }
    auto& f = s.filters.filter;
    bool changed = false;
    // Zone
    std::string zone_label = tr("filter.any", L);
    if (s.data)
        for (const auto& z : s.data->zones)
            if (z.code == f.zone_code)
                zone_label = L == render::Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
    if (ImGui::BeginCombo(tr("filter.zone", L), zone_label.c_str())) {
        if (ImGui::Selectable(tr("filter.any", L), f.zone_code.empty())) {
            f.zone_code.clear();
            changed = true;
        }
        if (s.data)
            for (const auto& z : s.data->zones) {
                const std::string& name = L == render::Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
                if (ImGui::Selectable(name.c_str(), z.code == f.zone_code)) {
                    f.zone_code = z.code;
                    changed = true;
                }
            }
        ImGui::EndCombo();
    }
    changed |= combo(tr("filter.industry", L), f.industry, s.filters.industries, L);
    changed |= combo(tr("filter.stage", L), f.stage, s.filters.stages, L);
    if (ImGui::BeginCombo(tr("filter.supply", L),
                          f.supply_status ? supply_label(*f.supply_status, L) : tr("filter.any", L))) {
        if (ImGui::Selectable(tr("filter.any", L), !f.supply_status)) {
            f.supply_status.reset();
            changed = true;
        }
        for (int i = 0; i <= static_cast<int>(SupplyStatus::Unknown); ++i) {
            const auto st = static_cast<SupplyStatus>(i);
            if (ImGui::Selectable(supply_label(st, L), f.supply_status == st)) {
                f.supply_status = st;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    changed |= combo(tr("filter.kind", L), f.enterprise_kind, s.filters.kinds, L);
    if (ImGui::Button(tr("filter.reset", L))) {
        f = analysis::ParcelFilter{};
        changed = true;
    }
    if (changed) s.theme.dirty = true;

    // Summary over the shown parcels (the classification's parcel_class >= 0).
    ImGui::Separator();
    if (s.data) {
        FilterSummary& sum = s.filters.summary;
        if (sum.theme_generation != s.theme.generation) {  // once per classification, not per frame
            sum = FilterSummary{};
            sum.theme_generation = s.theme.generation;
            const auto& d = *s.data;
            // Projects counted once each (a project on two parcels is one project, two links); with no filter
            // every ledger project counts, those on no parcel too.
            std::vector<char> seen(d.projects.size(), 0);
            for (size_t i = 0; i < d.parcels.size() && i < s.theme.result.parcel_class.size(); ++i) {
                if (s.theme.result.parcel_class[i] < 0) continue;
                const auto& p = d.parcels[i];
                ++sum.parcels;
                sum.area_mu += p.area_mu;
                sum.invest_wan += p.stats.invest_wan.value_or(0);
                sum.links += p.stats.project_count;
                sum.meets += p.stats.compliance == Compliance::Meets;
                if (i < d.parcel_projects.size())
                    for (int pi : d.parcel_projects[i])
                        if (pi >= 0 && static_cast<size_t>(pi) < seen.size() && !seen[size_t(pi)]) {
                            seen[size_t(pi)] = 1;
                            ++sum.projects;
                        }
            }
            if (f.zone_code.empty() && f.industry.empty() && f.stage.empty() && f.enterprise_kind.empty() &&
                !f.supply_status && sum.parcels == static_cast<int>(d.parcels.size()))
                sum.projects = static_cast<int>(d.projects.size());
        }
        ImGui::Text("%s: %d", tr("summary.parcels", L), sum.parcels);
        ImGui::Text("%s: %s %s", tr("summary.area", L), fmt_number(sum.area_mu, 0).c_str(), tr("unit.mu", L));
        ImGui::Text("%s: %s %s", tr("summary.invest", L), fmt_number(sum.invest_wan, 0).c_str(),
                    tr("unit.wan", L));
        ImGui::Text("%s: %d", tr("summary.projects", L), sum.projects);
        ImGui::Text("%s: %d", tr("summary.links", L), sum.links);
        ImGui::Text("%s: %d", tr("summary.meets", L), sum.meets);
    }
    ImGui::End();
}

}  // namespace pa::ui
