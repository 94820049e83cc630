// The land-state replay: "as of" month slider (2021-01 … the latest month of the data), play/pause, speed,
// the month's figures (projects signed, investment signed, funds in place, vacant and idle land) and the
// cumulative funds line. Shown with the land-state theme; the map's colours change in supply_frame when the
// month changes.
#include <imgui.h>

#include <algorithm>

#include "ui/panels.hpp"
#include "ui/supply_panels.hpp"

namespace pa::ui {

using render::tr;

void draw_timeline_panel(ViewerState& s) {
    auto& tl = s.supply.timeline;
    if (!tl.open || !s.data || s.theme.theme != analysis::Theme::LandState) return;
    const auto L = s.lang;
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    const float em = ImGui::GetFontSize();
    // Docked at the bottom centre, above the status bar, sized to its content (the chart fixes the width).
    ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, ds.y - 2.4f * em), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowContentSize(ImVec2(std::min(ds.x - 80.0f, 50 * em), 0));
    if (!ImGui::Begin(tr("panel.timeline", L), &tl.open, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    const auto& ready = s.supply.ready;
    if (!ready) {
        ImGui::TextUnformatted(tr("timeline.computing", L));
        ImGui::End();
        return;
    }
    const auto& rp = ready->replay;
    // Play / pause: playing from the last month starts again at the first.
    if (ImGui::Button(tl.playing ? tr("timeline.pause", L) : tr("timeline.play", L), ImVec2(5 * em, 0))) {
        tl.playing = !tl.playing;
        if (tl.playing && tl.month >= rp.last_month) tl.month = rp.first_month;
        tl.play_accum = 0;
    }
    ImGui::SameLine();
    int k = tl.month - rp.first_month;
    const std::string label =
        std::string(tr("timeline.as_of", L)) + " " + analysis::Date::month_end(tl.month).iso();
    ImGui::SetNextItemWidth(-13 * em);
    if (ImGui::SliderInt("##asof", &k, 0, rp.month_count() - 1, label.c_str())) {
        tl.month = rp.first_month + k;
        tl.playing = false;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(5 * em);
    ImGui::SliderFloat("##speed", &tl.speed_months_per_s, 0.5f, 12.0f, "%.1f");
    ImGui::SameLine();
    ImGui::TextUnformatted(tr("timeline.speed", L));

    // The month's figures: the replay precomputes the states per month; the 亩 sums over the parcels are made
    // here once when the month changes.
    const auto snap_month = rp.at_month(tl.month);
    const auto& snap = *snap_month;
    const auto& tot = rp.totals_at_month(tl.month);
    if (tl.figures_month != tl.month || tl.figures_replay != static_cast<const void*>(&rp) ||
        tl.figures_data != static_cast<const void*>(s.data.get())) {
        tl.figures_month = tl.month;
        tl.figures_replay = &rp;
        tl.figures_data = s.data.get();
        tl.vacant_mu = tl.idle_mu = 0;
        tl.vacant_n = tl.idle_n = 0;
        for (size_t i = 0; i < snap.size() && i < s.data->parcels.size(); ++i) {
            if (snap.parcel_class(i) == static_cast<uint8_t>(analysis::LandStateClass::Vacant)) {
                tl.vacant_mu += s.data->parcels[i].area_mu;
                ++tl.vacant_n;
            }
            if (snap.idle(i)) {
                tl.idle_mu += s.data->parcels[i].area_mu;
                ++tl.idle_n;
            }
        }
    }
    const double vacant_mu = tl.vacant_mu, idle_mu = tl.idle_mu;
    const int vacant_n = tl.vacant_n, idle_n = tl.idle_n;
    if (ImGui::BeginTable("##figures", 5, ImGuiTableFlags_SizingStretchSame)) {
        auto cell = [&](const char* key, const std::string& value) {
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", tr(key, L));
            ImGui::TextUnformatted(value.c_str());
        };
        cell("timeline.signed", std::to_string(tot.signed_projects));
        cell("timeline.signed_invest", fmt_number(tot.signed_invest_wan / 1e4, 1) + " " + tr("unit.yi", L));
        cell("timeline.funds", fmt_number(tot.funds_in_place_wan / 1e4, 1) + " " + tr("unit.yi", L));
        cell("timeline.vacant",
             std::to_string(vacant_n) + " / " + fmt_number(vacant_mu, 0) + " " + tr("unit.mu", L));
        cell("timeline.idle",
             std::to_string(idle_n) + " / " + fmt_number(idle_mu, 0) + " " + tr("unit.mu", L));
        ImGui::EndTable();
    }
    if (ImGui::Checkbox(tr("timeline.show_idle", L), &tl.show_idle)) tl.uploaded_month = -1;
    // Funds in place month by month, the current month marked.
    ChartSeries funds;
    for (int mi = rp.first_month; mi <= rp.last_month; ++mi) {
        funds.labels.push_back(mi % 12 == 0 ? std::to_string(mi / 12) : std::string());
        funds.values.push_back(rp.totals_at_month(mi).funds_in_place_wan / 1e4);
    }
    const auto& cfg = ready->targets.config;
    line_chart("##funds", funds, cfg.funds_in_place_yi.whole.value_or(0.0), tr("targets.target", L), 7 * em,
               0, tl.month - rp.first_month);
    ImGui::End();
}

}  // namespace pa::ui
