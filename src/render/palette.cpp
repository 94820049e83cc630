#include "render/palette.hpp"

#include <algorithm>
#include <cmath>

namespace pa::render {

namespace {

// Viridis at 9 stops (matplotlib's published endpoints and midpoints), linearly interpolated.
Rgba viridis(double t) {
    static const Rgba stops[] = {{68, 1, 84, 255},    {72, 40, 120, 255},  {62, 74, 137, 255},
                                 {49, 104, 142, 255}, {38, 130, 142, 255}, {31, 158, 137, 255},
                                 {53, 183, 121, 255}, {109, 205, 89, 255}, {253, 231, 37, 255}};
    t = std::clamp(t, 0.0, 1.0) * 8.0;
    const int i = std::min(7, static_cast<int>(t));
    const double f = t - i;
    auto mix = [&](uint8_t a, uint8_t b) { return static_cast<uint8_t>(std::lround(a + (b - a) * f)); };
    return {mix(stops[i].r, stops[i + 1].r), mix(stops[i].g, stops[i + 1].g), mix(stops[i].b, stops[i + 1].b),
            255};
}

const Rgba kOkabeIto[] = {{230, 159, 0, 255}, {86, 180, 233, 255}, {0, 158, 115, 255},   {240, 228, 66, 255},
                          {0, 114, 178, 255}, {213, 94, 0, 255},   {204, 121, 167, 255}, {153, 153, 51, 255},
                          {136, 34, 85, 255}, {68, 170, 153, 255}};

}  // namespace

std::vector<Rgba> class_colors(const analysis::ThemeClassification& c) {
    using analysis::Theme;
    std::vector<Rgba> out;
    if (analysis::is_numeric(c.theme)) {
        const size_t n = c.classes.size() - 1;  // the last class is "no data"
        for (size_t i = 0; i < n; ++i) {
            // 0.05..0.95 of the ramp: the darkest purple and the brightest yellow are kept off the ends so
            // text and outlines stay readable on both.
            const double t = n == 1 ? 0.6 : 0.05 + 0.9 * double(i) / double(n - 1);
            out.push_back(viridis(t));
        }
        out.push_back(kNoData);
        return out;
    }
    if (c.theme == Theme::Compliance)
        return {{213, 94, 0, 255}, {0, 158, 115, 255}, kNoData, {232, 228, 214, 255}};
    if (c.theme == Theme::SupplyStatus)
        return {{86, 180, 233, 255},
                {230, 159, 0, 255},
                {240, 228, 66, 255},
                {0, 114, 178, 255},
                {0, 158, 115, 255},
                {213, 94, 0, 255},
                kNoData};
    if (c.theme ==
        Theme::LandState)  // LandStateClass order: vacant … meets target, 未入库 (land_state_replay.hpp)
        return {{86, 180, 233, 255},  {0, 114, 178, 255},  {204, 121, 167, 255}, {230, 159, 0, 255},
                {240, 228, 66, 255},  {153, 153, 51, 255}, {213, 94, 0, 255},    {0, 158, 115, 255},
                {170, 170, 170, 255}, {136, 34, 85, 255},  {232, 228, 214, 255}};
    if (c.theme ==
        Theme::Grade)  // A..D on a blue-to-red diverging ramp (ColorBrewer RdBu: safe for the common
                       // colour-vision deficiencies), not graded grey, no enterprise the no-data beige
        return {{33, 102, 172, 255}, {146, 197, 222, 255}, {244, 165, 130, 255},
                {178, 24, 43, 255},  {150, 150, 150, 255}, {232, 228, 214, 255}};
    if (c.theme == Theme::Fulfilment)  // met bluish green, short vermillion, no data grey, not yet due sky
                                       // blue, no commitment pale (Okabe-Ito)
        return {{0, 158, 115, 255},
                {213, 94, 0, 255},
                {170, 170, 170, 255},
                {86, 180, 233, 255},
                {232, 228, 214, 255}};
    // Industry
    for (size_t i = 0; i < c.classes.size(); ++i) {
        if (c.classes[i].no_data)
            out.push_back({232, 228, 214, 255});
        else if (c.classes[i].key == "other")
            out.push_back(kNoData);
        else
            out.push_back(kOkabeIto[i % (sizeof kOkabeIto / sizeof kOkabeIto[0])]);
    }
    return out;
}

std::vector<uint32_t> parcel_colors(const analysis::ThemeClassification& c, const std::vector<Rgba>& colors) {
    std::vector<uint32_t> out(c.parcel_class.size());
    for (size_t i = 0; i < out.size(); ++i) {
        const int k = c.parcel_class[i];
        out[i] =
            (k >= 0 && static_cast<size_t>(k) < colors.size() ? colors[static_cast<size_t>(k)] : kFilteredOut)
                .packed();
    }
    return out;
}

}  // namespace pa::render
