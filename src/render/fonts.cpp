#include "render/fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

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

void FontSet::build(ImGuiIO& io, const std::vector<std::string>& strings, float body_px, float label_px,
                    float title_px) {
    const std::string path = font_path();
    if (!std::filesystem::exists(path)) {
        throw InputError("The font file '" + path +
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
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    io.Fonts->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    auto add = [&](float px) {
        ImFontConfig cfg;
        cfg.FontNo = kNotoCjkScFace;
        cfg.OversampleH = cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        ImFont* f = io.Fonts->AddFontFromFileTTF(path.c_str(), px, &cfg, reinterpret_cast<const ImWchar*>(ranges_.data()));
        if (!f) throw InputError("The font file '" + path + "' could not be read as a font (face 2, SC).");
        return f;
    };
    body = add(body_px);
    label = add(label_px);
    title = add(title_px);
    if (!io.Fonts->Build()) throw InternalError("Building the font atlas from '" + path + "' failed.");
}

}  // namespace pa::render
