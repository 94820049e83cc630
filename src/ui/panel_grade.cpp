// The 亩均 evaluation in the viewer: the worker runs core/evaluation (the same code as `parkatlas grade`)
// with the default preset; the grade theme colours each parcel by its enterprise's grade; this panel gives
// the preset, the grade filter and the distribution of grades per zone; the card shows the parcel's
// enterprises with their score breakdown.
#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "core/analysis/land_state.hpp"
#include "render/palette.hpp"
#include "ui/grade_panel.hpp"
#include "ui/panels.hpp"

namespace pa::ui {

using render::tr;

namespace {

/// The grade theme's six colours (A..D, not graded, no enterprise), as the map draws them.
const std::vector<render::Rgba>& grade_colors() {
    static const std::vector<render::Rgba> colors = [] {
        analysis::ThemeClassification c;
        c.theme = analysis::Theme::Grade;
        c.classes.resize(6);
        return render::class_colors(c);
    }();
    return colors;
}

ImU32 im(const render::Rgba& c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}

void swatch(const render::Rgba& c) {
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + h, p.y + h), im(c));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
}

const char* class_label(int k, render::Lang L) {
    static const char* zh[] = {"A类", "B类", "C类", "D类", "未评级", "无企业"};
    static const char* en[] = {"A", "B", "C", "D", "not graded", "no enterprise"};
    return L == render::Lang::En ? en[k] : zh[k];
}

/// Stacked bars of the A..D counts per zone (enterprises), scaled to the largest zone.
void draw_zone_chart(const ViewerState& s, const evaluation::Evaluation& ev) {
    const auto L = s.lang;
    const auto& colors = grade_colors();
    int most = 1;
    for (const auto& z : ev.zones) {
        int n = 0;
        for (int c : z.counts) n += c;
        most = std::max(most, n);
    }
    const float label_w = ImGui::GetFontSize() * (L == render::Lang::En ? 6.0f : 8.5f);
    const float bar_w =
        std::max(80.0f, ImGui::GetContentRegionAvail().x - label_w - ImGui::GetFontSize() * 3);
    for (const auto& z : ev.zones) {
        const int zi = s.data->zone_index(z.code);
        std::string name = z.code;
        if (zi >= 0) {
            const auto& zone = s.data->zones[static_cast<size_t>(zi)];
            name = L == render::Lang::En ? zone.code
                                         : zone.name_zh;  // English names are too long for a bar label
        }
        ImGui::TextUnformatted(name.c_str());
        ImGui::SameLine(label_w);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        float x = p.x;
        int n = 0;
        for (int g = 0; g < 4; ++g) {
            const float w =
                bar_w * static_cast<float>(z.counts[static_cast<size_t>(g)]) / static_cast<float>(most);
            if (w > 0)
                ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, p.y), ImVec2(x + w, p.y + h),
                                                          im(colors[g]));
            x += w;
            n += z.counts[static_cast<size_t>(g)];
        }
        ImGui::Dummy(ImVec2(bar_w, h));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("A %d · B %d · C %d · D %d · %s %d", z.counts[0], z.counts[1], z.counts[2],
                              z.counts[3], tr("gr.not_graded", L), z.not_graded);
        ImGui::SameLine();
        ImGui::Text("%d", n);
    }
}

}  // namespace

void grade_frame(ViewerState& s, TaskQueue& tasks) {
    auto& g = s.grade;
    const bool wanted =
        g.open || s.theme.theme == analysis::Theme::Grade || s.theme.theme == analysis::Theme::Fulfilment;
    if (!wanted || !s.data || !s.data->geometry_ready || g.computing) return;
    if (g.ready && g.computed_for == s.data.get()) {
        if (s.theme.options.grade_shown != g.shown) {
            s.theme.options.grade_shown = g.shown;
            if (s.theme.theme == analysis::Theme::Grade) s.theme.dirty = true;
        }
        return;
    }
    if (!g.error.empty() && g.computed_for == s.data.get()) return;  // failed for this workspace: say so once
    g.computing = true;
    g.error.clear();
    g.computed_for = s.data.get();
    auto data = s.data;
    ViewerState* sv = &s;
    tasks.submit(
        tr("gr.computing", s.lang),
        [data, sv]() -> TaskQueue::Continuation {
            const auto cfg = evaluation::EvaluationConfig::load(
                evaluation::find_evaluation_config(
                    {(std::filesystem::path(PARKATLAS_SHADER_DIR).parent_path() / "config").string()}),
                "");
            auto r = std::make_shared<GradeResult>();
            r->evaluation = evaluation::evaluate(data->zones, data->parcels, data->projects, data->links, cfg,
                                                 evaluation::default_year(data->parcels, data->projects));
            r->parcels = evaluation::parcel_grades(r->evaluation, data->parcels, data->projects, data->links);
            const auto latest = analysis::latest_data_date(data->parcels, data->projects);
            r->fulfilment =
                evaluation::fulfilment_classes(data->zones, data->parcels, data->projects, data->links,
                                               latest.value_or(analysis::Date::from_ymd(2023, 12, 31)));
            return [sv, r, data] {
                auto& gs = sv->grade;
                gs.computing = false;
                if (sv->data != data) return;  // another workspace was opened meanwhile
                gs.ready = r;
                sv->theme.options.grade_class = r->parcels.parcel_class;
                sv->theme.options.grade_shown = gs.shown;
                sv->theme.options.fulfilment_class = r->fulfilment;
                if (sv->theme.theme == analysis::Theme::Grade ||
                    sv->theme.theme == analysis::Theme::Fulfilment)
                    sv->theme.dirty = true;
            };
        },
        [sv](const std::string& e) {
            sv->grade.computing = false;
            sv->grade.error = e;
        });
}

void draw_grade_panel(ViewerState& s) {
    auto& g = s.grade;
    if (!g.open) return;
    const auto L = s.lang;
    ImGui::SetNextWindowPos(ImVec2(420, 60), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(520, 520), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr("panel.grade", L), &g.open)) {
        ImGui::End();
        return;
    }
    if (!g.error.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1), "%s", g.error.c_str());
        ImGui::PopTextWrapPos();
    }
    if (!g.ready) {
        if (g.computing) ImGui::TextDisabled("%s", tr("gr.computing", L));
        ImGui::End();
        return;
    }
    const auto& ev = g.ready->evaluation;
    ImGui::Text("%s: %s · %s: %d", tr("gr.preset", L), ev.config.preset.c_str(), tr("gr.year", L), ev.year);
    int graded = 0, not_graded = 0;
    for (const auto& e : ev.enterprises) (e.grade ? graded : not_graded) += 1;
    ImGui::Text("%s: %d · %s: %d", tr("gr.graded", L), graded, tr("gr.not_graded", L), not_graded);
    if (s.theme.theme != analysis::Theme::Grade && ImGui::Button(tr("gr.use_theme", L))) {
        s.theme.theme = analysis::Theme::Grade;
        s.theme.dirty = true;
    }
    ImGui::Separator();
    ImGui::TextUnformatted(tr("gr.filter", L));
    const auto& colors = grade_colors();
    for (int k = 0; k < 6; ++k) {
        swatch(colors[static_cast<size_t>(k)]);
        bool on = (g.shown >> k) & 1u;
        if (ImGui::Checkbox(class_label(k, L), &on))
            g.shown = on ? (g.shown | (1u << k)) : (g.shown & ~(1u << k));
        if (k % 3 != 2) ImGui::SameLine();
    }
    ImGui::Separator();
    ImGui::TextUnformatted(tr("gr.by_zone", L));
    draw_zone_chart(s, ev);
    for (const auto& n : ev.notes) ImGui::TextDisabled("%s", n.c_str());
    ImGui::End();
}

void draw_fulfilment_card(ViewerState& s, int parcel) {
    auto& g = s.grade;
    if (!s.data || parcel < 0 || static_cast<size_t>(parcel) >= s.data->parcels.size()) return;
    const auto& d = *s.data;
    const Parcel& p = d.parcels[static_cast<size_t>(parcel)];
    if (g.checks_data != &d) {  // another workspace: its own date, nothing cached
        g.checks_data = &d;
        g.checks_as_of = analysis::latest_data_date(d.parcels, d.projects)
                             .value_or(analysis::Date::from_ymd(2023, 12, 31));
        g.checks_for = -1;
    }
    if (g.checks_for != parcel) {
        std::vector<const Project*> on;
        for (int pi : d.parcel_projects[static_cast<size_t>(parcel)])
            on.push_back(&d.projects[static_cast<size_t>(pi)]);
        g.checks =
            evaluation::fulfilment_checks(p, analysis::land_state_at(p, on, g.checks_as_of), g.checks_as_of);
        g.checks_for = parcel;
    }
    if (g.checks.empty()) return;
    const auto L = s.lang;
    const bool en = L == render::Lang::En;
    ImGui::Separator();
    ImGui::TextUnformatted(en ? "Contract commitments (fulfilment)" : "供地承诺履约");
    if (ImGui::BeginTable("fulfilment", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
        for (const char* h : {en ? "Commitment" : "承诺指标", en ? "Committed" : "承诺值",
                              en ? "Actual" : "实际值", en ? "Shortfall" : "差距"})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& c : g.checks) {
            const bool pr = c.indicator == "plot_ratio";
            const char* name = c.indicator == "invest_wan_per_mu" ? (en ? "Investment per mu" : "投资强度")
                               : c.indicator == "output_wan_per_mu" ? (en ? "Output per mu" : "亩均产值")
                               : c.indicator == "tax_wan_per_mu"    ? (en ? "Tax per mu" : "亩均税收")
                                                                    : (en ? "Plot ratio" : "容积率");
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text(
                "%s (%s)", name,
                c.stage == "completion" ? (en ? "completion" : "竣工") : (en ? "full output" : "达产"));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(fmt_number(*c.committed, pr ? 2 : 1).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.actual ? fmt_number(*c.actual, pr ? 2 : 1).c_str() : "—");
            ImGui::TableNextColumn();
            if (!c.met)
                ImGui::TextDisabled("%s", en ? "no data" : "无数据");
            else if (*c.met)
                ImGui::TextColored(ImVec4(0.0f, 0.55f, 0.4f, 1), "%s", en ? "met" : "已履约");
            else
                ImGui::TextColored(ImVec4(0.8f, 0.35f, 0.0f, 1), "-%s%%",
                                   fmt_number((*c.committed - *c.actual) / *c.committed * 100.0, 1).c_str());
        }
        ImGui::EndTable();
    }
}

void draw_grade_card(const ViewerState& s, int parcel) {
    const auto& g = s.grade;
    if (!g.ready || parcel < 0 || static_cast<size_t>(parcel) >= g.ready->parcels.parcel_enterprises.size())
        return;
    const auto& list = g.ready->parcels.parcel_enterprises[static_cast<size_t>(parcel)];
    if (list.empty()) return;
    const auto L = s.lang;
    const auto& ev = g.ready->evaluation;
    ImGui::Separator();
    ImGui::TextUnformatted(tr("gr.card", L));
    const auto& colors = grade_colors();
    for (int k : list) {
        const auto& e = ev.enterprises[static_cast<size_t>(k)];
        const int cls = e.grade ? e.grade - 'A' : analysis::kGradeNotGraded;
        swatch(colors[static_cast<size_t>(cls)]);
        ImGui::TextWrapped("%s", e.name.c_str());
        if (e.grade) {
            ImGui::Text("%s %c · %s %s · %s %d (%s %s)", L == render::Lang::En ? "Grade" : "等级", e.grade,
                        tr("gr.score", L), fmt_number(*e.score, 1).c_str(), tr("gr.rank", L), e.rank,
                        tr("gr.group", L), e.group.c_str());
        } else {
            ImGui::TextDisabled("%s", tr("gr.not_graded", L));
            if (e.score) ImGui::Text("%s %s", tr("gr.score", L), fmt_number(*e.score, 1).c_str());
        }
        if (!e.score) continue;
        // The score breakdown: one bar per part, as a share of the score.
        const float w = ImGui::GetContentRegionAvail().x * 0.45f, h = ImGui::GetTextLineHeight() * 0.8f;
        for (const auto& [name, part] : e.score_parts) {
            const auto ind = evaluation::indicator_from_string(name);
            const bool imputed = std::find(e.imputed.begin(), e.imputed.end(), name) != e.imputed.end();
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const float frac = *e.score > 0 ? static_cast<float>(part / *e.score) : 0.0f;
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + h * 0.15f),
                                                      ImVec2(p.x + w * frac, p.y + h),
                                                      imputed ? IM_COL32(170, 170, 170, 255) : im(colors[0]));
            ImGui::Dummy(ImVec2(w, h));
            ImGui::SameLine();
            ImGui::Text("%s %s%s", fmt_number(part, 1).c_str(),
                        ind ? evaluation::indicator_label(*ind, L == render::Lang::En).c_str() : name.c_str(),
                        imputed ? (std::string(" · ") + tr("gr.imputed", L)).c_str() : "");
        }
    }
}

}  // namespace pa::ui
