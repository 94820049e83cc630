// The presenter's console: with the map full screen on the projector, this second window on the laptop's
// screen shows the speaker where the talk stands (step n of N, its title and notes, the next step, the
// clocks) and steers it (previous, next, blank, start, end, or a click on any step), with the clicker's keys
// too. It runs in its own Dear ImGui context (Window::console_frame) and changes only the storyboard's
// requests, which ui/story.cpp carries out in the map's frame as it does for keys.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "render/i18n.hpp"
#include "ui/story.hpp"

namespace pa::ui {

using render::tr;

namespace {

std::string clock_text(double s) {
    const int t = static_cast<int>(std::max(0.0, s));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d:%02d", t / 60, t % 60);
    return buf;
}

const char* step_title(const StoryView& v) {
    return v.title.empty() ? v.name.c_str() : v.title.c_str();
}

}  // namespace

void story_console_press(ViewerState& s, const std::string& what) {
    auto& st = s.story;
    const int n = static_cast<int>(st.views.size());
    if (what == "start" && n > 0) {
        st.request_start = true;
        if (st.current < 0) st.current = 0;
    } else if (what == "stop") {
        st.request_stop = true;
    } else if (what == "blank") {
        st.blank = !st.blank;
    } else if ((what == "next" || what == "prev") && n > 0) {
        st.blank = false;
        const int to = std::clamp(st.current + (what == "next" ? 1 : -1), 0, n - 1);
        if (!st.presenting) {
            st.current = to;
            st.request_start = true;
        } else if (to != st.current) {
            st.request_show = to;
        }
    }
}

void draw_story_console(ViewerState& s, double now) {
    const auto L = s.lang;
    auto& st = s.story;
    ImGuiIO& io = ImGui::GetIO();
    io.FontGlobalScale = 1.0f / std::max(0.5f, s.present.font_scale);  // the fonts are the projector's size
    story_handle_keys(s, io.KeyShift);  // the clicker may be plugged into the laptop
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##console", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    const int n = static_cast<int>(st.views.size());
    ImGui::TextDisabled("%s", tr("console.title", L));
    if (n == 0) {
        ImGui::TextWrapped("%s", tr("story.empty", L));
        ImGui::End();
        return;
    }
    const int cur = std::clamp(st.current, 0, n - 1);
    const StoryView& v = st.views[static_cast<size_t>(cur)];
    ImGui::Text("%s %d / %d%s", tr("console.step", L), cur + 1, n,
                st.presenting ? "" : (std::string("  (") + tr("console.not_presenting", L) + ")").c_str());
    ImGui::SetWindowFontScale(1.6f);
    ImGui::TextWrapped("%s", step_title(v));
    ImGui::SetWindowFontScale(1.0f);
    if (!v.subtitle.empty()) ImGui::TextWrapped("%s", v.subtitle.c_str());
    ImGui::Separator();
    if (cur + 1 < n)
        ImGui::Text("%s %s", tr("console.next", L), step_title(st.views[static_cast<size_t>(cur + 1)]));
    else
        ImGui::TextDisabled("%s", tr("console.last", L));
    if (st.presenting)
        ImGui::Text("%s %s   %s %s", tr("console.total", L), clock_text(now - st.presenting_since).c_str(),
                    tr("console.this_step", L), clock_text(now - st.step_shown_at).c_str());
    if (st.blank) ImGui::TextColored(ImVec4(0.9f, 0.5f, 0.1f, 1), "%s", tr("console.blanked", L));
    const ImVec2 big(8.5f * ImGui::GetFontSize(), 2.4f * ImGui::GetFontSize());
    if (ImGui::Button(tr("console.prev", L), big)) story_console_press(s, "prev");
    ImGui::SameLine();
    if (ImGui::Button(tr("console.next_button", L), big)) story_console_press(s, "next");
    ImGui::SameLine();
    if (ImGui::Button(tr("console.blank", L), big)) story_console_press(s, "blank");
    ImGui::SameLine();
    if (st.presenting ? ImGui::Button(tr("console.stop", L), big)
                      : ImGui::Button(tr("console.start", L), big))
        story_console_press(s, st.presenting ? "stop" : "start");
    ImGui::Separator();
    for (int i = 0; i < n; ++i) {  // any step, one click
        const std::string row = std::to_string(i + 1) + ". " + step_title(st.views[static_cast<size_t>(i)]);
        if (ImGui::Selectable(row.c_str(), i == cur)) {
            if (st.presenting)
                st.request_show = i;
            else
                st.current = i;
        }
    }
    ImGui::End();
}

}  // namespace pa::ui
