#pragma once
// Noto Sans CJK SC (Debian's fonts-noto-cjk, face 2 of the .ttc) for ImGui, rasterised with FreeType. The
// atlas holds only the glyphs needed: ASCII + every UI string + every string of the workspace (ImGui 1.86 has
// no dynamic atlas), so it stays small and builds fast.
#include <bitset>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;
struct ImGuiIO;

namespace pa::render {

/// $PARKATLAS_FONT when set, else /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc.
std::string font_path();
/// Face index in the collection: 2 = Simplified Chinese (0 JP, 1 KR, 3 TC, 4 HK).
inline constexpr int kNotoCjkScFace = 2;

/// The non-ASCII characters (Basic Multilingual Plane: ImGui's 16-bit ImWchar) of many strings, one bit each:
/// a million parcels' locations cost a pass over their bytes, not a million copies in a set.
class GlyphSet {
  public:
    void add(std::string_view utf8);
    /// Every character seen, once each, as UTF-8 (for FontSet::build).
    std::string to_utf8() const;
    size_t size() const { return seen_.count(); }

  private:
    std::bitset<0x10000> seen_;
};

/// The halo around label text: a disc of radius_px (soft over the last pixel), reaching reach_px whole
/// pixels.
struct HaloShape {
    float radius_px = 1.25f;
    int reach_px = 1;
};
HaloShape halo_shape(float font_px);
/// Grows every visible glyph of `font` in place in the built atlas (alpha = the disc's maximum over the
/// glyph) and widens its quad and texture box by the reach. Needs io.Fonts->TexGlyphPadding >= 2 * reach.
void dilate_glyphs(ImGuiIO& io, ImFont& font, const HaloShape& shape);

/// The fonts of one ImGui context. Owns the glyph ranges the atlas refers to.
class FontSet {
  public:
    /// Adds body/label/title fonts (pixel sizes) to io.Fonts and builds the atlas. Throws pa::InputError
    /// naming the path when the font file is missing.
    void build(ImGuiIO& io, const std::vector<std::string>& strings, float body_px, float label_px,
               float title_px);
    ImFont* body = nullptr;
    ImFont* label = nullptr;
    /// The label font's glyphs grown by a soft disc (halo_shape of the label size): drawn once in the halo
    /// colour under the label, it gives the text its white halo in one pass instead of eight shifted copies.
    ImFont* label_halo = nullptr;
    ImFont* title = nullptr;
    /// Fonts for a very large picture are built at a capped size (an atlas of 600-pixel CJK glyphs overflows
    /// ImGui's packer) and drawn magnified by this factor: the pixel size to draw a font at is px(font).
    float magnify = 1.0f;
    float px(const ImFont* f) const;
    int glyph_count() const { return static_cast<int>(ranges_.size() / 2); }

  private:
    std::vector<unsigned short> ranges_;  // ImWchar pairs, 0-terminated
};

}  // namespace pa::render
