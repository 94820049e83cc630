// The plan's 2021-2023 targets (config/targets.json, section 二 of the plan): funds in place by year (bars),
// the cumulative funds against the target (line), funds by zone (horizontal bars) and the firm / project
// counts with their progress. Figures from targets_progress (the same as `parkatlas targets`), computed on
// the worker.
#include <imgui.h>

#include <algorithm>

#include "ui/panels.hpp"
#include "ui/supply_panels.hpp"

namespace pa::ui {

using render::tr;

namespace {

std::string zone_name(const ViewerState& s, const std::string& code) {
    if (code.empty()) return s.lang == render::Lang::En ? "(no zone)" : "(无园区)";
    for (const auto& z : s.data->zones)
        if (z.code == code) return s.lang == render::Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
    return code;
}

// A section heading (ImGui 1.86 has no SeparatorText).
void section(const char* text) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted(text);
}

void count_row(const char* label, double actual, std::optional<double> target, int decimals, render::Lang L) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(fmt_number(actual, decimals).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(target ? fmt_number(*target, decimals).c_str() : "—");
    ImGui::TableNextColumn();
    if (target && *target > 0) {
        const float f = static_cast<float>(actual / *target);
        const std::string t = fmt_number(100.0 * f, 1) + "%";
        ImGui::ProgressBar(std::min(1.0f, f), ImVec2(-1, 0), t.c_str());
    } else {
        ImGui::TextDisabled("%s", tr("targets.none", L));
    }
}

}  // namespace

void draw_targets_panel(ViewerState& s) {
    auto& ts = s.supply.targets;
    if (!ts.open || !s.data) return;
    const auto L = s.lang;
    const float em = ImGui::GetFontSize();
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, 2.2f * em), ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(ds.x - 40.0f, 40 * em), std::min(ds.y - 6 * em, 52 * em)),
                             ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr("panel.targets", L), &ts.open)) {
        ImGui::End();
        return;
    }
    const auto& ready = s.supply.ready;
    if (!ready) {
        ImGui::TextUnformatted(tr("timeline.computing", L));
        ImGui::End();
        return;
    }
    const auto& tp = ready->targets;
    const auto& cfg = tp.config;
    ImGui::RadioButton(tr("targets.whole", L), &ts.scope, 0);
    ImGui::SameLine();
    ImGui::RadioButton(tr("targets.guian", L), &ts.scope, 1);
    const auto& sc = ts.scope == 0 ? tp.whole : tp.guian;
    const auto target_funds = ts.scope == 0 ? cfg.funds_in_place_yi.whole : cfg.funds_in_place_yi.guian;
    const auto target_ind = ts.scope == 0 ? cfg.industrial_funds_yi.whole : cfg.industrial_funds_yi.guian;
    ImGui::SameLine();
    ImGui::TextDisabled("%s", cfg.source.c_str());

    // Funds in place by year, with the growth over the year before (whole city).
    section(tr("targets.by_year", L));
    ChartSeries years;
    for (int y : cfg.years) {
        auto it = sc.funds_wan.find(y);
        std::string label = std::to_string(y);
        if (ts.scope == 0) {
            auto g = tp.funds_growth.find(y);
            if (g != tp.funds_growth.end() && g->second)
                label += " (" + std::string(tr("targets.growth", L)) + " " +
                         fmt_number(100.0 * *g->second, 0) + "%)";
        }
        years.labels.push_back(label);
        years.values.push_back(it != sc.funds_wan.end() ? it->second / 1e4 : 0.0);
    }
    bar_chart("##years", years, "", 9 * em, 1);

    // Cumulative against the target.
    section(tr("targets.cumulative", L));
    ChartSeries cum;
    cum.labels.push_back(std::to_string(cfg.years.empty() ? 2021 : cfg.years.front() - 1));
    cum.values.push_back(0.0);
    double run = 0;
    for (size_t i = 0; i < cfg.years.size(); ++i) {
        run += years.values[i];
        cum.labels.push_back(std::to_string(cfg.years[i]));
        cum.values.push_back(run);
    }
    line_chart("##cum", cum, target_funds.value_or(0.0), tr("targets.target", L), 10 * em, 1);

    // Funds and industrial funds against their targets, then the counts.
    if (ImGui::BeginTable("##counts", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn(tr("targets.actual", L), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("targets.target", L), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("targets.progress", L), ImGuiTableColumnFlags_WidthStretch, 1.8f);
        ImGui::TableHeadersRow();
        const std::string funds_label = std::string(tr("targets.funds", L)) + " (" + tr("unit.yi", L) + ")";
        const std::string ind_label =
            std::string(tr("targets.industrial", L)) + " (" + tr("unit.yi", L) + ")";
        count_row(funds_label.c_str(), sc.funds_total_wan / 1e4, target_funds, 1, L);
        count_row(ind_label.c_str(), sc.industrial_funds_total_wan / 1e4, target_ind, 1, L);
        count_row(tr("targets.quality", L), sc.quality_firms,
                  ts.scope == 0 ? cfg.quality_firms.whole : cfg.quality_firms.guian, 0, L);
        if (ts.scope == 0) {
            count_row(tr("targets.hq", L), sc.headquarters_firms, cfg.headquarters_firms.whole, 0, L);
            count_row(tr("targets.digital", L), sc.digital_economy_projects,
                      cfg.digital_economy_projects.whole, 0, L);
            count_row(tr("targets.soe", L), sc.central_soe_total_invest_wan / 1e4,
                      cfg.central_soe_total_invest_yi.whole, 1, L);
        }
        ImGui::EndTable();
    }

    // By zone, largest first; the Gui'an zones in the accent colour.
    section(tr("targets.by_zone", L));
    ChartSeries zones;
    for (int zi : ready->zone_order) {
        const auto& z = tp.zones[static_cast<size_t>(zi)];
        zones.labels.push_back(zone_name(s, z.key));
        zones.values.push_back(z.funds_total_wan / 1e4);
        zones.highlight.push_back(std::find(cfg.guian_zone_codes.begin(), cfg.guian_zone_codes.end(),
                                            z.key) != cfg.guian_zone_codes.end());
    }
    hbar_chart("##zones", zones, "", 1);
    ImGui::End();
}

}  // namespace pa::ui
