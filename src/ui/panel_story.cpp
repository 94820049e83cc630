// The storyboard editor (menu 视图 → 演示脚本): the saved views in order, add the current view, show one (a
// click flies there), reorder, rename, retitle, set its auto-advance, replace it by the current view, delete;
// play from the start (F5) or from the selected step. Edits are requests carried out by ui/story.cpp.
#include <imgui.h>

#include <cstring>

#include "ui/panels.hpp"
#include "ui/story.hpp"

namespace pa::ui {

using render::tr;

namespace {

void copy_to(std::array<char, 128>& buf, const std::string& text) {
    std::memset(buf.data(), 0, buf.size());
    std::strncpy(buf.data(), text.c_str(), buf.size() - 1);
}

}  // namespace

void draw_story_panel(ViewerState& s) {
    auto& st = s.story;
    if (!st.open || !s.data) return;
    const auto L = s.lang;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 24, ImGui::GetFontSize() * 26),
                             ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr("panel.story", L), &st.open)) {
        ImGui::End();
        return;
    }
    if (ImGui::Button(tr("story.add", L))) st.request_capture = true;
    ImGui::SameLine();
    ImGui::BeginDisabled(st.views.empty());
    if (ImGui::Button(tr("story.play", L))) {
        st.current = 0;
        st.request_start = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("story.play_here", L))) st.request_start = true;
    ImGui::EndDisabled();
    ImGui::Checkbox(tr("story.auto", L), &st.auto_advance);
    ImGui::TextDisabled("%s", tr("story.keys", L));
    ImGui::Separator();

    const int n = static_cast<int>(st.views.size());
    int remove = -1, move_from = -1, move_to = -1;
    if (ImGui::BeginTable("##steps", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFrameHeight() * 2.2f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFrameHeight() * 1.1f);
        for (int i = 0; i < n; ++i) {
            const auto& v = st.views[static_cast<size_t>(i)];
            ImGui::PushID(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string label = std::to_string(i + 1) + ". " + v.name;
            if (ImGui::Selectable(label.c_str(), st.current == i)) st.request_show = i;
            if (ImGui::IsItemHovered() && !v.title.empty()) ImGui::SetTooltip("%s", v.title.c_str());
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(i == 0);
            if (ImGui::ArrowButton("##up", ImGuiDir_Up)) move_from = i, move_to = i - 1;
            ImGui::EndDisabled();
            ImGui::SameLine(0, 2);
            ImGui::BeginDisabled(i + 1 >= n);
            if (ImGui::ArrowButton("##down", ImGuiDir_Down)) move_from = i, move_to = i + 1;
            ImGui::EndDisabled();
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("x")) remove = i;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("story.delete", L));
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (move_from >= 0) {
        std::swap(st.views[static_cast<size_t>(move_from)], st.views[static_cast<size_t>(move_to)]);
        if (st.current == move_from)
            st.current = move_to;
        else if (st.current == move_to)
            st.current = move_from;
        st.edit_index = -1;
        st.request_save = true;
    }
    if (remove >= 0) {
        st.views.erase(st.views.begin() + remove);
        if (st.current >= static_cast<int>(st.views.size()))
            st.current = static_cast<int>(st.views.size()) - 1;
        st.edit_index = -1;
        st.request_save = true;
    }

    // The selected step: its name, title, subtitle and auto-advance; replace it by the current view.
    if (st.current >= 0 && st.current < static_cast<int>(st.views.size())) {
        auto& v = st.views[static_cast<size_t>(st.current)];
        if (st.edit_index != st.current) {
            copy_to(st.name_buf, v.name);
            copy_to(st.title_buf, v.title);
            copy_to(st.subtitle_buf, v.subtitle);
            st.edit_index = st.current;
        }
        ImGui::Separator();
        ImGui::InputText(tr("story.name", L), st.name_buf.data(), st.name_buf.size());
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            const std::string name = st.name_buf.data();
            bool taken = name.empty();
            for (int i = 0; i < static_cast<int>(st.views.size()); ++i)
                if (i != st.current && st.views[static_cast<size_t>(i)].name == name) taken = true;
            if (taken) {
                copy_to(st.name_buf, v.name);
                st.message = tr("story.name_taken", L);
                st.message_failed = true;
            } else {
                v.name = name;
                st.request_save = true;
                s.fonts_dirty = true;
            }
        }
        ImGui::InputText(tr("story.title", L), st.title_buf.data(), st.title_buf.size());
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            v.title = st.title_buf.data();
            st.request_save = true;
            s.fonts_dirty = true;
        }
        ImGui::InputText(tr("story.subtitle", L), st.subtitle_buf.data(), st.subtitle_buf.size());
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            v.subtitle = st.subtitle_buf.data();
            st.request_save = true;
            s.fonts_dirty = true;
        }
        float secs = static_cast<float>(v.seconds);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        if (ImGui::InputFloat(tr("story.seconds", L), &secs, 1.0f, 5.0f, "%.0f"))
            v.seconds = std::max(0.0f, secs);
        if (ImGui::IsItemDeactivatedAfterEdit()) st.request_save = true;
        if (ImGui::Button(tr("story.replace", L))) st.request_replace = st.current;
    }
    if (!st.message.empty()) {
        if (st.message_failed) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(220, 60, 60, 255));
        ImGui::TextWrapped("%s", st.message.c_str());
        if (st.message_failed) ImGui::PopStyleColor();
    }
    ImGui::End();
}

}  // namespace pa::ui
