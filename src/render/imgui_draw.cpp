#include "render/imgui_draw.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <epoxy/gl.h>
#include <imgui.h>
#include <imgui_internal.h>  // the windows behind the draw lists: id, root, rectangle, flags

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/common/error.hpp"

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

// A 64-bit hash of a draw list: its vertices, indices and commands (clip rectangle, texture, offsets,
// counts), eight bytes at a time.
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
        const uint64_t f[] = {uint64_t(reinterpret_cast<uintptr_t>(c.TextureId)), c.VtxOffset, c.IdxOffset,
                              c.ElemCount, uint64_t(reinterpret_cast<uintptr_t>(c.UserCallback))};
        h = mix(h, &c.ClipRect, sizeof c.ClipRect);
        h = mix(h, f, sizeof f);
    }
    return h;
}

}  // namespace

ImGuiPainter::ImGuiPainter(bool enabled) : enabled_(enabled) {}

bool ImGuiPainter::kept(const Win& w) const {
    return partial_ &&
           std::find(changed_roots_.begin(), changed_roots_.end(), w.root) == changed_roots_.end();
}

bool ImGuiPainter::plan(ImDrawData* data, int fb_width, int fb_height) {
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
        e.x0 = std::clamp(int(std::floor((w->Pos.x - origin.x) * scale.x)), 0, fb_width);
        e.y0 = std::clamp(int(std::floor((w->Pos.y - origin.y) * scale.y)), 0, fb_height);
        e.x1 = std::clamp(int(std::ceil((w->Pos.x + w->Size.x - origin.x) * scale.x)), 0, fb_width);
        e.y1 = std::clamp(int(std::ceil((w->Pos.y + w->Size.y - origin.y) * scale.y)), 0, fb_height);
        e.hash = hash_list(*w->DrawList);
        const bool popup =
            (w->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_ChildMenu)) !=
            0;
        const float rounding = popup ? g.Style.PopupRounding : g.Style.WindowRounding;
        const float bg_alpha = g.Style.Colors[popup ? ImGuiCol_PopupBg : ImGuiCol_WindowBg].w;
        // Only a window that paints every pixel of its rectangle can be copied back over a map that moved
        // under it.
        e.opaque = !(w->Flags & ImGuiWindowFlags_NoBackground) && rounding == 0 && bg_alpha >= 1.0f;
        e.list = w->DrawList;
        now_.push_back(e);
    }
    partial_ = false;
    kept_ = 0;
    changed_roots_.clear();
    // (Anything in the foreground list is drawn over the windows: such a frame is drawn whole.)
    const bool comparable = enabled_ && fb_width == w_ && fb_height == h_ && !last_.empty() &&
                            ImGui::GetForegroundDrawList()->VtxBuffer.Size == 0;
    w_ = fb_width;
    h_ = fb_height;
    if (comparable) {
        // A root window changed when it or one of its child windows is new, moved, drawn differently or not
        // opaque.
        for (const Win& e : now_) {
            const Win* l = nullptr;
            for (const Win& c : last_)
                if (c.id == e.id) l = &c;
            const bool same = l && l->root == e.root && l->hash == e.hash && l->x0 == e.x0 && l->y0 == e.y0 &&
                              l->x1 == e.x1 && l->y1 == e.y1 && e.opaque && l->clean;
            if (!same &&
                std::find(changed_roots_.begin(), changed_roots_.end(), e.root) == changed_roots_.end())
                changed_roots_.push_back(e.root);
        }
        // The frame is drawn whole when a window is gone since the last frame, or when a kept window overlaps
        // any other (ImGui's order between them would be lost). Side panels in their columns never overlap.
        bool ok = true;
        for (const Win& l : last_) {
            bool present = false;
            for (const Win& e : now_) present = present || e.id == l.id;
            ok = ok && present;
        }
        auto changed = [&](const Win& w) {
            return std::find(changed_roots_.begin(), changed_roots_.end(), w.root) != changed_roots_.end();
        };
        for (const Win& e : now_) {
            if (changed(e) || e.id != e.root) continue;
            ++kept_;
            for (const Win& o : now_)
                if (o.root != e.root && o.x0 < e.x1 && o.x1 > e.x0 && o.y0 < e.y1 && o.y1 > e.y0) ok = false;
        }
        partial_ = ok && kept_ > 0;
    }
    if (!partial_) {
        kept_ = 0;
        changed_roots_.clear();
        for (const Win& e : now_) changed_roots_.push_back(e.root);  // everything is drawn
    }
    // A kept window's picture stays clean; the others are saved (and judged) in draw().
    for (Win& e : now_) {
        const Win* l = nullptr;
        for (const Win& c : last_)
            if (c.id == e.id) l = &c;
        e.clean = l && l->clean &&
                  std::find(changed_roots_.begin(), changed_roots_.end(), e.root) == changed_roots_.end();
    }
    last_.swap(now_);
    return partial_;
}

void ImGuiPainter::blit(const Win& w, bool save) {
    if (w.x1 <= w.x0 || w.y1 <= w.y0) return;
    // GL's window coordinates start at the bottom left.
    const int y0 = h_ - w.y1, y1 = h_ - w.y0;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, save ? 0 : saved_fbo_.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, save ? saved_fbo_.id() : 0);
    if (save) glReadBuffer(GL_BACK);
    glBlitFramebuffer(w.x0, y0, w.x1, y1, w.x0, y0, w.x1, y1, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

void ImGuiPainter::draw_lists(ImDrawData* data, bool windows, bool kept_ones) {
    // A subset of the draw data, in ImGui's order: the lists that are no window's, or the windows (kept or
    // not).
    lists_.clear();
    int vtx = 0, idx = 0;
    for (int i = 0; i < data->CmdListsCount; ++i) {
        ImDrawList* l = data->CmdLists[i];
        const Win* w = nullptr;
        for (const Win& e : last_)  // (plan() moved this frame's windows into last_)
            if (e.list == l) w = &e;
        if (windows != (w != nullptr) || (w && kept(*w) != kept_ones)) continue;
        lists_.push_back(l);
        vtx += l->VtxBuffer.Size;
        idx += l->IdxBuffer.Size;
    }
    if (lists_.empty()) return;
    ImDrawData part = *data;
    part.CmdLists = lists_.data();
    part.CmdListsCount = static_cast<int>(lists_.size());
    part.TotalVtxCount = vtx;
    part.TotalIdxCount = idx;
    draw_imgui(&part);
}

void ImGuiPainter::draw(ImDrawData* data) {
    if (!enabled_) {
        draw_imgui(data);
        return;
    }
    if (saved_w_ != w_ || saved_h_ != h_) {
        saved_tex_ = Texture::create();
        glBindTexture(GL_TEXTURE_2D, saved_tex_.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w_, h_, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glBindTexture(GL_TEXTURE_2D, 0);
        saved_fbo_ = Framebuffer::create();
        glBindFramebuffer(GL_FRAMEBUFFER, saved_fbo_.id());
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, saved_tex_.id(), 0);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            throw InternalError("The panels' offscreen copy (" + std::to_string(w_) + "x" +
                                std::to_string(h_) + ") is incomplete; make the window smaller.");
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        saved_w_ = w_;
        saved_h_ = h_;
        partial_ = false;  // nothing saved yet
        kept_ = 0;
        changed_roots_.clear();
        for (const Win& e : last_) changed_roots_.push_back(e.root);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, w_, h_);
    if (!partial_) {
        draw_imgui(data);
    } else {
        draw_lists(data, false, false);  // the map's labels and furniture, under every window
        for (const Win& w : last_)
            if (kept(w) && w.id == w.root) blit(w, false);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        draw_lists(data, true, false);  // the windows that changed
    }
    // Save what was drawn (the roots whose drawing changed; their children lie inside them) for the next
    // frames. A picture another window overlapped (a popup over a panel, a panel pushed onto the status bar)
    // would bring that window back with it: it is not reused, the window is drawn again next time.
    for (Win& w : last_) {
        if (kept(w) || w.id != w.root) continue;
        bool alone = w.opaque;
        for (const Win& o : last_)
            if (o.root != w.root && o.x0 < w.x1 && o.x1 > w.x0 && o.y0 < w.y1 && o.y1 > w.y0) alone = false;
        for (Win& c : last_)
            if (c.root == w.root) c.clean = alone;  // the root and its child windows
        if (alone) blit(w, true);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace pa::render
