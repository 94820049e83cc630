#include "render/fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/common/error.hpp"

namespace pa::render {

std::string font_path() {
    if (const char* env = std::getenv("PARKATLAS_FONT"); env && *env) return env;
    return "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
}

void GlyphSet::add(std::string_view t) {
    const auto* u = reinterpret_cast<const unsigned char*>(t.data());
    const size_t n = t.size();
    for (size_t i = 0; i < n;) {
        const unsigned c = u[i];
        if (c < 0x80) {
            ++i;
        } else if ((c & 0xE0) == 0xC0 && i + 1 < n) {
            seen_.set(((c & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu));
            i += 2;
        } else if ((c & 0xF0) == 0xE0 && i + 2 < n) {
            seen_.set(((c & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu));
            i += 3;
        } else {
            ++i;  // outside the BMP (ImWchar is 16-bit) or not UTF-8: skipped, as ImGui would show it anyway
            while (i < n && (u[i] & 0xC0) == 0x80) ++i;
        }
    }
}

std::string GlyphSet::to_utf8() const {
    std::string out;
    for (unsigned cp = 0x80; cp < 0x10000; ++cp) {
        if (!seen_.test(cp)) continue;
        if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
        } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        }
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

float FontSet::px(const ImFont* f) const {
    return f->FontSize * magnify;
}

void FontSet::build(ImGuiIO& io, const std::vector<std::string>& strings, float body_px, float label_px,
                    float title_px) {
    const std::string path = font_path();
    if (!std::filesystem::exists(path)) {
        throw InputError(
            "The font file '" + path +
            "' is missing; install Debian's fonts-noto-cjk or point PARKATLAS_FONT at a CJK font.");
    }
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (const auto& s : strings) b.AddText(s.c_str(), s.c_str() + s.size());
    b.AddText("·–—≥≤×÷±°…①②③→←↑↓■□●○亩万元");
    ImVector<ImWchar> r;
    b.BuildRanges(&r);
    ranges_.assign(r.begin(), r.end());
    static_assert(sizeof(ImWchar) == sizeof(unsigned short), "ImWchar is 16-bit in Debian's ImGui");

    io.Fonts->Clear();
    // Thick lines as triangles: the atlas's baked lines need bilinear sampling, and the atlas is sampled
    // nearest (render/imgui_draw.hpp).
    io.Fonts->Flags |= ImFontAtlasFlags_NoBakedLines;
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    io.Fonts->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    auto add = [&](float px) {
        ImFontConfig cfg;
        cfg.FontNo = kNotoCjkScFace;
        cfg.OversampleH = cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        ImFont* f = io.Fonts->AddFontFromFileTTF(path.c_str(), px, &cfg,
                                                 reinterpret_cast<const ImWchar*>(ranges_.data()));
        if (!f) throw InputError("The font file '" + path + "' could not be read as a font (face 2, SC).");
        return f;
    };
    body = add(body_px);
    label = add(label_px);
    label_halo = add(label_px);  // the same glyphs again, dilated below into the label's halo
    title = add(title_px);
    const HaloShape shape = halo_shape(label_px);
    // Room around every glyph for the halo glyphs to grow into without reaching a neighbour.
    io.Fonts->TexGlyphPadding = std::max(1, 2 * shape.reach_px);
    if (!io.Fonts->Build()) throw InternalError("Building the font atlas from '" + path + "' failed.");
    dilate_glyphs(io, *label_halo, shape);
}

HaloShape halo_shape(float px) {
    HaloShape h;
    h.radius_px = std::max(1.0f, px / 14.0f) + 0.75f;
    h.reach_px = static_cast<int>(std::floor(h.radius_px + 0.5f));
    return h;
}

void dilate_glyphs(ImGuiIO& io, ImFont& font, const HaloShape& shape) {
    ImFontAtlas& atlas = *io.Fonts;
    unsigned char* px = nullptr;
    int tw = 0, th = 0;
    atlas.GetTexDataAsAlpha8(&px, &tw, &th);
    const int r = shape.reach_px;
    // Weights of the disc: full inside radius - 0.5, fading to 0 at radius + 0.5 (a soft, round edge).
    std::vector<std::pair<std::pair<int, int>, float>> taps;
    for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx) {
            const float w = std::clamp(shape.radius_px + 0.5f - std::hypot(float(dx), float(dy)), 0.0f, 1.0f);
            if (w > 0) taps.push_back({{dx, dy}, w});
        }
    std::vector<unsigned char> src;
    for (ImFontGlyph& g : font.Glyphs) {
        if (!g.Visible) continue;
        const int x0 = static_cast<int>(std::lround(g.U0 * float(tw))),
                  y0 = static_cast<int>(std::lround(g.V0 * float(th)));
        const int x1 = static_cast<int>(std::lround(g.U1 * float(tw))),
                  y1 = static_cast<int>(std::lround(g.V1 * float(th)));
        // The grown box, kept inside the texture (a glyph packed at its edge gets a thinner halo on that
        // side).
        const int l = std::min(r, x0), t = std::min(r, y0), rr = std::min(r, tw - x1),
                  b = std::min(r, th - y1);
        const int gx0 = x0 - l, gy0 = y0 - t, gw = x1 + rr - gx0, gh = y1 + b - gy0;
        src.assign(static_cast<size_t>(gw) * gh, 0);
        for (int y = y0; y < y1; ++y)
            std::copy_n(px + static_cast<size_t>(y) * tw + x0, x1 - x0,
                        src.data() + static_cast<size_t>(y - gy0) * gw + (x0 - gx0));
        for (int y = 0; y < gh; ++y)
            for (int x = 0; x < gw; ++x) {
                float a = 0;
                for (const auto& [d, w] : taps) {
                    const int sx = x + d.first, sy = y + d.second;
                    if (sx < 0 || sy < 0 || sx >= gw || sy >= gh) continue;
                    a = std::max(a, w * float(src[static_cast<size_t>(sy) * gw + sx]));
                }
                // Thin strokes are grey after anti-aliasing; their halo should still be solid.
                px[static_cast<size_t>(gy0 + y) * tw + gx0 + x] =
                    static_cast<unsigned char>(std::lround(std::min(255.0f, a * 1.6f)));
            }
        g.X0 -= float(l);
        g.Y0 -= float(t);
        g.X1 += float(rr);
        g.Y1 += float(b);
        g.U0 = float(gx0) / float(tw);
        g.V0 = float(gy0) / float(th);
        g.U1 = float(gx0 + gw) / float(tw);
        g.V1 = float(gy0 + gh) / float(th);
    }
}

}  // namespace pa::render
