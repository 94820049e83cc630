// Vacant-land finder: by zone, area range (亩), land use and standard-land flag, on the timeline's date; a
// sortable list of the hits, highlighted on the map (purple outlines), zoom to all hits or one, and exports
// (XLSX, CSV, GeoPackage). The search (find_vacant, the CLI's `supply --vacant`) and the exports run on the
// TaskQueue worker.
#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "core/output/vacant_export.hpp"
#include "ui/panels.hpp"
#include "ui/supply_panels.hpp"

namespace pa::ui {

using render::tr;

namespace {

constexpr LandUse kLandUses[] = {
    LandUse::Industrial, LandUse::Storage, LandUse::Mining,    LandUse::Commercial,   LandUse::Residential,
    LandUse::Public,     LandUse::Green,   LandUse::Transport, LandUse::Agricultural, LandUse::Other};

std::string landuse_label(LandUse u, render::Lang L) {
    const std::string key = std::string("landuse.") + to_string(u);
    const char* t = tr(key.c_str(), L);
    return key == t ? to_string(u) : t;  // not in the table: the English name
}

void sort_hits(std::vector<analysis::VacantHit>& hits, const ImGuiTableSortSpecs* spec) {
    if (!spec || spec->SpecsCount == 0) return;
    const auto& c = spec->Specs[0];
    const bool asc = c.SortDirection == ImGuiSortDirection_Ascending;
    std::stable_sort(hits.begin(), hits.end(),
                     [&](const analysis::VacantHit& a, const analysis::VacantHit& b) {
                         int r = 0;
                         switch (c.ColumnIndex) {
                             case 0:
                                 r = a.code.compare(b.code);
                                 break;
                             case 1:
                                 r = a.zone_code.compare(b.zone_code);
                                 break;
                             case 2:
                                 r = a.area_mu < b.area_mu ? -1 : a.area_mu > b.area_mu ? 1 : 0;
                                 break;
                             case 3:
                                 r = a.landuse_name.compare(b.landuse_name);
                                 break;
                             case 4:
                                 r = int(a.standard_land) - int(b.standard_land);
                                 break;
                             default:
                                 r = int(a.stage) - int(b.stage);
                                 break;
                         }
                         return asc ? r < 0 : r > 0;
                     });
}

void submit_search(ViewerState& s, TaskQueue& tasks) {
    auto& v = s.supply.vacant;
    const auto ready = s.supply.ready;
    if (!ready || v.running) return;
    analysis::VacantQuery q;
    q.as_of = analysis::Date::month_end(s.supply.timeline.month);
    if (v.zone > 0 && static_cast<size_t>(v.zone) <= s.data->zones.size())
        q.zone_code = s.data->zones[static_cast<size_t>(v.zone - 1)].code;
    if (v.min_mu > 0) q.min_mu = v.min_mu;
    if (v.max_mu > 0) q.max_mu = v.max_mu;
    if (v.landuse > 0) q.landuse = kLandUses[v.landuse - 1];
    if (v.standard > 0) q.standard_land = v.standard == 1;
    v.running = true;
    ViewerState* sv = &s;
    tasks.submit(
        tr("vacant.search", s.lang),
        [ready, q, sv]() -> TaskQueue::Continuation {
            const auto& d = *ready->data;
            const analysis::LedgerIndex index =
                analysis::index_ledger(d.parcels, d.projects, d.links, d.zones);
            auto hits = analysis::find_vacant(d.parcels, index.projects_of_parcel, q);
            return [hits = std::move(hits), q, sv, ready]() mutable {
                auto& vv = sv->supply.vacant;
                vv.running = false;
                if (sv->supply.ready != ready) return;  // the workspace changed meanwhile
                vv.hits = std::move(hits);
                vv.hits_as_of = q.as_of.iso();
                vv.searched = true;
                vv.highlight_dirty = true;
            };
        },
        [sv](const std::string& e) {
            sv->supply.vacant.running = false;
            sv->error = e;
        });
}

void submit_export(ViewerState& s, TaskQueue& tasks, const std::string& path) {
    auto& v = s.supply.vacant;
    const auto ready = s.supply.ready;
    if (!ready) return;
    auto hits = v.hits;
    ViewerState* sv = &s;
    tasks.submit(
        tr("vacant.export", s.lang),
        [ready, hits, path, sv]() -> TaskQueue::Continuation {
            output::export_vacant(ready->data->parcels, hits, path);
            return [sv, path, n = hits.size()] {
                sv->supply.vacant.message =
                    std::string(tr("vacant.exported", sv->lang)) + " " + std::to_string(n) + ": " + path;
                sv->supply.vacant.message_failed = false;
            };
        },
        [sv](const std::string& e) {
            sv->supply.vacant.message = e;
            sv->supply.vacant.message_failed = true;
        });
}

}  // namespace

void draw_vacant_panel(ViewerState& s, TaskQueue& tasks) {
    auto& v = s.supply.vacant;
    if (!v.open || !s.data) return;
    const auto L = s.lang;
    const float em = ImGui::GetFontSize();
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    // Beside the right column of panels, not over it.
    ImGui::SetNextWindowPos(ImVec2(ds.x - side_column_reserved_px(s, false) - 30.5f * em, 2.2f * em),
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(30 * em, std::min(ds.y - 6 * em, 40 * em)), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr("panel.vacant", L), &v.open)) {
        ImGui::End();
        return;
    }
    if (!s.supply.ready) {
        ImGui::TextUnformatted(tr("timeline.computing", L));
        ImGui::End();
        return;
    }
    const auto& zones = s.data->zones;
    auto zone_label = [&](int i) -> std::string {
        if (i == 0) return tr("vacant.any", L);
        const auto& z = zones[static_cast<size_t>(i - 1)];
        return (L == render::Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh) + " (" + z.code + ")";
    };
    if (ImGui::BeginCombo(tr("vacant.zone", L), zone_label(v.zone).c_str())) {
        for (int i = 0; i <= static_cast<int>(zones.size()); ++i)
            if (ImGui::Selectable(zone_label(i).c_str(), v.zone == i)) v.zone = i;
        ImGui::EndCombo();
    }
    ImGui::InputFloat(tr("vacant.min_mu", L), &v.min_mu, 10.0f, 50.0f, "%.0f");
    ImGui::InputFloat(tr("vacant.max_mu", L), &v.max_mu, 10.0f, 50.0f, "%.0f");
    v.min_mu = std::max(0.0f, v.min_mu);
    v.max_mu = std::max(0.0f, v.max_mu);
    const std::string lu = v.landuse == 0 ? tr("vacant.any", L) : landuse_label(kLandUses[v.landuse - 1], L);
    if (ImGui::BeginCombo(tr("vacant.landuse", L), lu.c_str())) {
        if (ImGui::Selectable(tr("vacant.any", L), v.landuse == 0)) v.landuse = 0;
        for (int i = 0; i < static_cast<int>(std::size(kLandUses)); ++i)
            if (ImGui::Selectable(landuse_label(kLandUses[i], L).c_str(), v.landuse == i + 1))
                v.landuse = i + 1;
        ImGui::EndCombo();
    }
    ImGui::TextUnformatted(tr("vacant.standard", L));
    ImGui::SameLine();
    ImGui::RadioButton(tr("vacant.any", L), &v.standard, 0);
    ImGui::SameLine();
    ImGui::RadioButton(tr("vacant.yes", L), &v.standard, 1);
    ImGui::SameLine();
    ImGui::RadioButton(tr("vacant.no", L), &v.standard, 2);
    ImGui::TextDisabled("%s %s", tr("vacant.as_of", L),
                        analysis::Date::month_end(s.supply.timeline.month).iso().c_str());
    if (v.running) ImGui::BeginDisabled();
    if (ImGui::Button(tr("vacant.search", L), ImVec2(6 * em, 0))) submit_search(s, tasks);
    if (v.running) ImGui::EndDisabled();
    if (!v.searched) {
        ImGui::End();
        return;
    }
    double mu = 0;
    for (const auto& h : v.hits) mu += h.area_mu;
    ImGui::SameLine();
    ImGui::Text("%zu %s, %s %s (%s)", v.hits.size(), tr("vacant.hits", L), fmt_number(mu, 1).c_str(),
                tr("unit.mu", L), v.hits_as_of.c_str());
    if (ImGui::Checkbox(tr("vacant.highlight", L), &v.highlight)) v.highlight_dirty = true;
    ImGui::SameLine();
    if (ImGui::Button(tr("vacant.zoom", L)) && !v.hits.empty()) {
        render::Box b;
        for (const auto& h : v.hits) {
            const auto& pb = s.data->parcel_boxes[h.parcel_index];
            if (pb.empty()) continue;
            b.expand(pb.min_x, pb.min_y);
            b.expand(pb.max_x, pb.max_y);
        }
        if (!b.empty()) s.zoom_to = b;
    }
    // Export: the path's extension picks the format; the buttons set it.
    if (v.export_path[0] == 0) std::strncpy(v.export_path.data(), "vacant.xlsx", v.export_path.size() - 1);
    ImGui::SetNextItemWidth(-16 * em);
    ImGui::InputText("##path", v.export_path.data(), v.export_path.size());
    auto export_as = [&](const char* ext) {
        std::string p = v.export_path.data();
        const auto dot = p.find_last_of('.');
        if (dot != std::string::npos && p.find('/', dot) == std::string::npos) p.erase(dot);
        p += ext;
        std::strncpy(v.export_path.data(), p.c_str(), v.export_path.size() - 1);
        submit_export(s, tasks, p);
    };
    for (const char* ext : {".xlsx", ".csv", ".gpkg"}) {
        ImGui::SameLine();
        const std::string b = std::string("→ ") + (ext + 1);
        if (ImGui::Button(b.c_str())) export_as(ext);
    }
    if (!v.message.empty()) {
        if (v.message_failed)
            ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1), "%s", v.message.c_str());
        else
            ImGui::TextWrapped("%s", v.message.c_str());
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##hits", 6, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr("vacant.code", L), ImGuiTableColumnFlags_WidthStretch, 2.4f);
        ImGui::TableSetupColumn(tr("vacant.zone", L), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(tr("vacant.area", L),
                                ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort |
                                    ImGuiTableColumnFlags_PreferSortDescending,
                                1.1f);
        ImGui::TableSetupColumn(tr("vacant.landuse", L), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(tr("vacant.standard", L), ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn(tr("vacant.stage", L), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        if (ImGuiTableSortSpecs* spec = ImGui::TableGetSortSpecs(); spec && spec->SpecsDirty) {
            sort_hits(v.hits, spec);
            spec->SpecsDirty = false;
        }
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(v.hits.size()));
        while (clip.Step())
            for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
                const auto& h = v.hits[static_cast<size_t>(r)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(r);
                if (ImGui::Selectable(h.code.c_str(), s.selected == static_cast<int>(h.parcel_index),
                                      ImGuiSelectableFlags_SpanAllColumns)) {
                    s.selected = static_cast<int>(h.parcel_index);
                    s.zoom_to = s.data->parcel_boxes[h.parcel_index];
                }
                ImGui::PopID();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(h.zone_code.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(fmt_number(h.area_mu, 1).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(h.landuse_name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(h.standard_land ? tr("vacant.yes", L) : tr("vacant.no", L));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(analysis::to_zh(h.stage));
            }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace pa::ui
