#include "render/imgui_draw.hpp"

#include <epoxy/gl.h>
#include <imgui.h>
#include <imgui_internal.h>  // the windows behind the draw lists: id, root, rectangle, flags
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>


namespace pa::render {

void draw_imgui(ImDrawData* data) {
    // Set on every frame: the backend may have recreated the texture (font size changed) under the same name.
    if (const auto tex = static_cast<GLuint>(reinterpret_cast<intptr_t>(ImGui::GetIO().Fonts->TexID))) {
        glBindTexture(GL_TEXTURE_2D, tex);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    }
    ImGui_ImplOpenGL3_RenderDrawData(data);
}

namespace {

// A 64-bit hash of a draw list: its vertices, indices and commands (clip rectangle, texture, offsets, counts), eight
// bytes at a time.
uint64_t mix(uint64_t h, const void* data, size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    size_t i = 0;
    for (; i + 8 <= bytes; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x100000001B3ull;
        h ^= h >> 29;
    }
    for (; i < bytes; ++i) h = (h ^ p[i]) * 0x100000001B3ull;
    return h;
}

uint64_t hash_list(const ImDrawList& l) {
    uint64_t h = 0xCBF29CE484222325ull;
    h = mix(h, l.VtxBuffer.Data, size_t(l.VtxBuffer.Size) * sizeof(ImDrawVert));
    h = mix(h, l.IdxBuffer.Data, size_t(l.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : l.CmdBuffer) {
        const uint64_t f[] = {uint64_t(reinterpret_cast<uintptr_t>(c.TextureId)), c.VtxOffset, c.IdxOffset, c.ElemCount,
                              uint64_t(reinterpret_cast<uintptr_t>(c.UserCallback))};
        h = mix(h, &c.ClipRect, sizeof c.ClipRect);
        h = mix(h, f, sizeof f);
    }
    return h;
}

}  // namespace

ImGuiPainter::ImGuiPainter() {
    // The default framebuffer's stencil bits (GLFW asks for 8): without them there are no partial frames.
    GLint prev = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    GLint bits = 0;
    glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_STENCIL, GL_FRAMEBUFFER_ATTACHMENT_STENCIL_SIZE, &bits);
    while (glGetError() != GL_NO_ERROR) {
    }
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev));
    has_stencil_ = bits > 0;
}

bool ImGuiPainter::plan(ImDrawData* data, bool allow, int fb_width, int fb_height) {
    ImGuiContext& g = *GImGui;
    const ImVec2 scale = data->FramebufferScale, origin = data->DisplayPos;
    // The windows drawn this frame, with their place in framebuffer pixels.
    now_.clear();
    for (ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden || !w->DrawList) continue;
        bool listed = false;
        for (int i = 0; i < data->CmdListsCount && !listed; ++i) listed = data->CmdLists[i] == w->DrawList;
        if (!listed) continue;
        Win e;
        e.id = w->ID;
        e.root = w->RootWindow ? w->RootWindow->ID : w->ID;
        e.x0 = std::floor((w->Pos.x - origin.x) * scale.x);
        e.y0 = std::floor((w->Pos.y - origin.y) * scale.y);
        e.x1 = std::ceil((w->Pos.x + w->Size.x - origin.x) * scale.x);
        e.y1 = std::ceil((w->Pos.y + w->Size.y - origin.y) * scale.y);
        e.hash = hash_list(*w->DrawList);
        const bool popup = (w->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_ChildMenu)) != 0;
        const float rounding = popup ? g.Style.PopupRounding : g.Style.WindowRounding;
        const float bg_alpha = g.Style.Colors[popup ? ImGuiCol_PopupBg : ImGuiCol_WindowBg].w;
        // Only a window that paints every pixel of its rectangle can be kept over a map that moved under it.
        e.opaque = !(w->Flags & ImGuiWindowFlags_NoBackground) && rounding == 0 && bg_alpha >= 1.0f;
        e.list = w->DrawList;
        now_.push_back(e);
    }
    partial_ = false;
    kept_ = 0;
    // (Anything in the foreground list is drawn over the windows: such a frame is drawn whole.)
    bool same_frame = allow && has_stencil_ && fb_width == w_ && fb_height == h_ && !last_.empty() &&
                      ImGui::GetForegroundDrawList()->VtxBuffer.Size == 0;
    if (same_frame) {
        // Does the back buffer hold the last frame? Its corner pixel carries that frame's number.
        unsigned char px[4] = {0, 0, 0, 0};
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glReadBuffer(GL_BACK);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
        same_frame = px[2] == ((tag_base_ & ~7u) | (frame_ & 7u));
    }
    w_ = fb_width;
    h_ = fb_height;
    if (!same_frame) {
        last_.swap(now_);
        return false;
    }
    // A root window changed when it or one of its child windows is new, moved, drawn differently or not opaque.
    changed_roots_.clear();
    auto find_last = [&](unsigned id) -> const Win* {
        for (const Win& l : last_)
            if (l.id == id) return &l;
        return nullptr;
    };
    for (const Win& e : now_) {
        const Win* l = find_last(e.id);
        const bool same = l && l->root == e.root && l->hash == e.hash && l->x0 == e.x0 && l->y0 == e.y0 &&
                          l->x1 == e.x1 && l->y1 == e.y1 && e.opaque;
        if (!same && std::find(changed_roots_.begin(), changed_roots_.end(), e.root) == changed_roots_.end())
            changed_roots_.push_back(e.root);
    }
    // A window gone since the last frame leaves a hole the map must fill: the whole frame is drawn.
    bool ok = true;
    for (const Win& l : last_) {
        bool present = false;
        for (const Win& e : now_) present = present || e.id == l.id;
        ok = ok && present;
    }
    // The kept windows (roots that did not change, with their children), and no changed window over any of them
    // (it would be drawn over a kept one, or under it in ImGui's order, either way wrong).
    kept_rects_.clear();
    auto changed = [&](unsigned root) { return std::find(changed_roots_.begin(), changed_roots_.end(), root) != changed_roots_.end(); };
    for (const Win& e : now_)
        if (!changed(e.root) && e.id == e.root) {
            kept_rects_.push_back({int(e.x0), int(e.y0), int(e.x1), int(e.y1)});
            ++kept_;
        }
    for (const Win& e : now_) {
        if (!changed(e.root)) continue;
        for (const Rect& k : kept_rects_)
            if (e.x0 < float(k.x1) && e.x1 > float(k.x0) && e.y0 < float(k.y1) && e.y1 > float(k.y0)) ok = false;
    }
    last_.swap(now_);
    partial_ = ok && kept_ > 0;
    if (!partial_) kept_ = 0;
    return partial_;
}

void ImGuiPainter::mask_map(Rgba background) {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, w_, h_);
    if (kept_rects_ != stencil_rects_) {
        // Rewrite the stencil: 1 under the kept windows, 0 elsewhere (scissored clears, no drawing).
        glStencilMask(0xFF);
        glClearStencil(0);
        glDisable(GL_SCISSOR_TEST);
        glClear(GL_STENCIL_BUFFER_BIT);
        glEnable(GL_SCISSOR_TEST);
        glClearStencil(1);
        for (const Rect& r : kept_rects_) {
            // GL's window coordinates start at the bottom left.
            glScissor(r.x0, h_ - r.y1, r.x1 - r.x0, r.y1 - r.y0);
            glClear(GL_STENCIL_BUFFER_BIT);
        }
        glDisable(GL_SCISSOR_TEST);
        glClearStencil(0);
        stencil_rects_ = kept_rects_;
    }
    // The map's clear, around the kept windows: scissored clears of the rectangles that make up the rest of the
    // window (bands between the windows' top and bottom edges, and in each band the spans no window covers). A
    // full-screen quad under the stencil test would shade every pixel; a clear is a fill.
    glClearColor(background.r / 255.f, background.g / 255.f, background.b / 255.f, 1.f);
    glEnable(GL_SCISSOR_TEST);
    edges_.assign({0, h_});
    for (const Rect& r : kept_rects_) {
        edges_.push_back(std::clamp(r.y0, 0, h_));
        edges_.push_back(std::clamp(r.y1, 0, h_));
    }
    std::sort(edges_.begin(), edges_.end());
    edges_.erase(std::unique(edges_.begin(), edges_.end()), edges_.end());
    for (size_t b = 0; b + 1 < edges_.size(); ++b) {
        const int y0 = edges_[b], y1 = edges_[b + 1];
        spans_.clear();  // x-spans of the windows over this band, then the gaps between them are cleared
        for (const Rect& r : kept_rects_)
            if (r.y0 <= y0 && r.y1 >= y1) spans_.push_back({std::clamp(r.x0, 0, w_), std::clamp(r.x1, 0, w_)});
        std::sort(spans_.begin(), spans_.end());
        int x = 0;
        auto clear_to = [&](int x_end) {
            if (x_end > x) {
                glScissor(x, h_ - y1, x_end - x, y1 - y0);
                glClear(GL_COLOR_BUFFER_BIT);
            }
        };
        for (const auto& [sx0, sx1] : spans_) {
            clear_to(sx0);
            x = std::max(x, sx1);
        }
        clear_to(w_);
    }
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_STENCIL_TEST);
    glStencilFunc(GL_EQUAL, 0, 0xFF);
    glStencilOp(GL_KEEP, GL_KEEP, GL_KEEP);
    glStencilMask(0);
}

void ImGuiPainter::guard_list_begin(ImDrawList* list) {
    list->AddCallback(
        [](const ImDrawList*, const ImDrawCmd* cmd) {
            if (!static_cast<const ImGuiPainter*>(cmd->UserCallbackData)->partial()) return;
            glEnable(GL_STENCIL_TEST);
            glStencilFunc(GL_EQUAL, 0, 0xFF);
            glStencilOp(GL_KEEP, GL_KEEP, GL_KEEP);
            glStencilMask(0);
        },
        this);
}

void ImGuiPainter::guard_list_end(ImDrawList* list) {
    list->AddCallback([](const ImDrawList*, const ImDrawCmd*) { glDisable(GL_STENCIL_TEST); }, nullptr);
}

void ImGuiPainter::unmask() {
    glDisable(GL_STENCIL_TEST);
    glStencilMask(0xFF);
}

void ImGuiPainter::draw(ImDrawData* data) {
    draw_windows(data);
    // The frame's number into the bottom-left pixel (see the header): its blue's low 3 bits.
    unsigned char px[4] = {0, 0, 0, 0};
    glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
    tag_base_ = px[2];
    ++frame_;
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, 0, 1, 1);
    glClearColor(px[0] / 255.f, px[1] / 255.f, float((px[2] & ~7u) | (frame_ & 7u)) / 255.f, px[3] / 255.f);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
}

void ImGuiPainter::draw_windows(ImDrawData* data) {
    if (!partial_) {
        draw_imgui(data);
        return;
    }
    // The lists that are no window's (background: the map's labels and furniture; foreground), and the windows
    // whose root changed, in ImGui's order.
    lists_.clear();
    int vtx = 0, idx = 0;
    for (int i = 0; i < data->CmdListsCount; ++i) {
        ImDrawList* l = data->CmdLists[i];
        const Win* w = nullptr;
        for (const Win& e : last_)  // (plan() moved this frame's windows into last_)
            if (e.list == l) w = &e;
        if (w && std::find(changed_roots_.begin(), changed_roots_.end(), w->root) == changed_roots_.end()) continue;
        lists_.push_back(l);
        vtx += l->VtxBuffer.Size;
        idx += l->IdxBuffer.Size;
    }
    ImDrawData part = *data;
    part.CmdLists = lists_.data();
    part.CmdListsCount = static_cast<int>(lists_.size());
    part.TotalVtxCount = vtx;
    part.TotalIdxCount = idx;
    draw_imgui(&part);
}

}  // namespace pa::render
