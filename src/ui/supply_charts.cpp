// Bar and line charts drawn with ImGui's draw list (no chart library in Debian): big type, values written on
// the chart, colours that survive a projector (dark text on light bars, the accent a saturated blue).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/supply_panels.hpp"

namespace pa::ui {

namespace {

constexpr ImU32 kBar = IM_COL32(86, 180, 233, 255);
constexpr ImU32 kAccent = IM_COL32(0, 114, 178, 255);
constexpr ImU32 kAxis = IM_COL32(90, 90, 90, 255);
constexpr ImU32 kTarget = IM_COL32(213, 94, 0, 255);
constexpr ImU32 kGrid = IM_COL32(200, 200, 200, 120);

std::string value_text(double v, int decimals, const char* unit) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (unit && *unit) s += std::string(" ") + unit;
    return s;
}

ImU32 text_color() {
    return ImGui::GetColorU32(ImGuiCol_Text);
}

// Reserves the area and returns its top-left corner and size.
ImVec2 reserve(const char* id, float height, ImVec2& size) {
    size = ImVec2(std::max(100.0f, ImGui::GetContentRegionAvail().x), height);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    return p;
}

}  // namespace

void bar_chart(const char* id, const ChartSeries& d, const char* unit, float height, int decimals) {
    ImVec2 size;
    const ImVec2 p = reserve(id, height, size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fh = ImGui::GetFontSize();
    const size_t n = d.values.size();
    if (n == 0) return;
    double vmax = 0;
    for (double v : d.values) vmax = std::max(vmax, v);
    if (vmax <= 0) vmax = 1;
    const float top = p.y + fh * 1.3f, bottom = p.y + size.y - fh * 1.4f;
    const float slot = size.x / static_cast<float>(n), bw = slot * 0.6f;
    dl->AddLine(ImVec2(p.x, bottom), ImVec2(p.x + size.x, bottom), kAxis, 1.5f);
    for (size_t i = 0; i < n; ++i) {
        const float x0 = p.x + slot * static_cast<float>(i) + (slot - bw) * 0.5f;
        const float h = static_cast<float>(d.values[i] / vmax) * (bottom - top);
        const bool hi = i < d.highlight.size() && d.highlight[i];
        dl->AddRectFilled(ImVec2(x0, bottom - h), ImVec2(x0 + bw, bottom), hi ? kAccent : kBar, 2.0f);
        const std::string v = value_text(d.values[i], decimals, unit);
        const ImVec2 tv = ImGui::CalcTextSize(v.c_str());
        dl->AddText(ImVec2(x0 + bw * 0.5f - tv.x * 0.5f, bottom - h - fh * 1.15f), text_color(), v.c_str());
        if (i < d.labels.size()) {
            const ImVec2 tl = ImGui::CalcTextSize(d.labels[i].c_str());
            dl->AddText(ImVec2(x0 + bw * 0.5f - tl.x * 0.5f, bottom + fh * 0.2f), text_color(),
                        d.labels[i].c_str());
        }
    }
}

void hbar_chart(const char* id, const ChartSeries& d, const char* unit, int decimals) {
    const float fh = ImGui::GetFontSize();
    const size_t n = d.values.size();
    ImVec2 size;
    const ImVec2 p = reserve(id, std::max(1.0f, static_cast<float>(n)) * fh * 1.5f, size);
    if (n == 0) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float label_w = 0;
    for (const auto& l : d.labels) label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x);
    label_w = std::min(label_w + fh * 0.5f, size.x * 0.45f);
    double vmax = 0;
    for (double v : d.values) vmax = std::max(vmax, v);
    if (vmax <= 0) vmax = 1;
    const float value_w = fh * 6.0f;
    const float x0 = p.x + label_w, avail = std::max(10.0f, size.x - label_w - value_w);
    for (size_t i = 0; i < n; ++i) {
        const float y = p.y + static_cast<float>(i) * fh * 1.5f;
        if (i < d.labels.size()) dl->AddText(ImVec2(p.x, y + fh * 0.15f), text_color(), d.labels[i].c_str());
        const float w = static_cast<float>(d.values[i] / vmax) * avail;
        const bool hi = i < d.highlight.size() && d.highlight[i];
        dl->AddRectFilled(ImVec2(x0, y + fh * 0.1f), ImVec2(x0 + w, y + fh * 1.25f), hi ? kAccent : kBar,
                          2.0f);
        const std::string v = value_text(d.values[i], decimals, unit);
        dl->AddText(ImVec2(x0 + w + fh * 0.3f, y + fh * 0.15f), text_color(), v.c_str());
    }
}

void line_chart(const char* id, const ChartSeries& d, double target, const char* target_caption, float height,
                int decimals, int marked) {
    ImVec2 size;
    const ImVec2 p = reserve(id, height, size);
    const size_t n = d.values.size();
    if (n == 0) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fh = ImGui::GetFontSize();
    double vmax = target;
    for (double v : d.values) vmax = std::max(vmax, v);
    if (vmax <= 0) vmax = 1;
    vmax *= 1.08;
    const float left = p.x + fh * 4.5f, right = p.x + size.x - fh * 0.5f;
    const float top = p.y + fh * 0.5f, bottom = p.y + size.y - fh * 1.4f;
    auto X = [&](size_t i) {
        return n == 1 ? left : left + (right - left) * static_cast<float>(i) / static_cast<float>(n - 1);
    };
    auto Y = [&](double v) { return bottom - static_cast<float>(v / vmax) * (bottom - top); };
    // Axes with three value gridlines.
    dl->AddLine(ImVec2(left, top), ImVec2(left, bottom), kAxis, 1.5f);
    dl->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), kAxis, 1.5f);
    for (int g = 1; g <= 3; ++g) {
        const double v = vmax / 1.08 * g / 3.0;
        dl->AddLine(ImVec2(left, Y(v)), ImVec2(right, Y(v)), kGrid, 1.0f);
        const std::string t = value_text(v, 0, "");
        dl->AddText(ImVec2(p.x, Y(v) - fh * 0.5f), text_color(), t.c_str());
    }
    for (size_t i = 0; i < n && i < d.labels.size(); ++i)
        if (!d.labels[i].empty()) {
            dl->AddLine(ImVec2(X(i), bottom), ImVec2(X(i), bottom + fh * 0.25f), kAxis, 1.5f);
            dl->AddText(ImVec2(X(i) - ImGui::CalcTextSize(d.labels[i].c_str()).x * 0.5f, bottom + fh * 0.25f),
                        text_color(), d.labels[i].c_str());
        }
    if (target > 0) {
        // The target as a horizontal line and a dashed straight path towards it.
        dl->AddLine(ImVec2(left, Y(target)), ImVec2(right, Y(target)), kTarget, 2.0f);
        const std::string cap =
            std::string(target_caption ? target_caption : "") + " " + value_text(target, 0, "");
        dl->AddText(ImVec2(left + fh * 0.3f, Y(target) - fh * 1.15f), kTarget, cap.c_str());
        const int dashes = 24;
        for (int k = 0; k < dashes; k += 2) {
            const float t0 = static_cast<float>(k) / dashes, t1 = static_cast<float>(k + 1) / dashes;
            dl->AddLine(ImVec2(left + (right - left) * t0, Y(target * t0)),
                        ImVec2(left + (right - left) * t1, Y(target * t1)), kTarget, 1.0f);
        }
    }
    std::vector<ImVec2> pts;
    for (size_t i = 0; i < n; ++i) pts.emplace_back(X(i), Y(d.values[i]));
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), kAccent, 0, 3.0f);
    for (size_t i = 0; i < n; ++i)
        if (n <= 8) dl->AddCircleFilled(pts[i], 4.0f, kAccent);
    if (marked >= 0 && static_cast<size_t>(marked) < n) {
        const ImVec2 m = pts[static_cast<size_t>(marked)];
        dl->AddLine(ImVec2(m.x, top), ImVec2(m.x, bottom), kAxis, 1.0f);
        dl->AddCircleFilled(m, 6.0f, kAccent);
        const std::string v = value_text(d.values[static_cast<size_t>(marked)], decimals, "");
        const float tx = std::min(m.x + fh * 0.3f, right - ImGui::CalcTextSize(v.c_str()).x);
        dl->AddText(ImVec2(tx, m.y - fh * 1.3f), text_color(), v.c_str());
    } else if (n <= 8) {
        for (size_t i = 0; i < n; ++i) {
            const std::string v = value_text(d.values[i], decimals, "");
            dl->AddText(ImVec2(pts[i].x - ImGui::CalcTextSize(v.c_str()).x * 0.5f, pts[i].y - fh * 1.3f),
                        text_color(), v.c_str());
        }
    }
}

}  // namespace pa::ui
