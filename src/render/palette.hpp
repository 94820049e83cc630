#pragma once
// Colours of the themes: colour-blind-safe and projector-safe. Sequential themes sample a viridis-like ramp
// (perceptually uniform, readable in grey); categories use Okabe-Ito, extended with Paul Tol's muted colours.
#include <cstdint>
#include <vector>

#include "core/analysis/classify.hpp"

namespace pa::render {

struct Rgba {
    uint8_t r = 0, g = 0, b = 0, a = 255;
    uint32_t packed() const { return uint32_t(r) | uint32_t(g) << 8 | uint32_t(b) << 16 | uint32_t(a) << 24; }
    bool operator==(const Rgba&) const = default;
};

inline constexpr Rgba kBackground{246, 245, 240, 255};
inline constexpr Rgba kFilteredOut{226, 226, 222, 255};  // parcels hidden by the filter: a flat pale grey
inline constexpr Rgba kNoData{190, 190, 190, 255};
inline constexpr Rgba kZoneOutline{60, 60, 70, 255};
inline constexpr Rgba kZoneTint{228, 233, 238, 255};       // inside a zone (the zone in focus)
inline constexpr Rgba kZoneTintOther{236, 236, 233, 255};  // inside the other zones when one is in focus

/// One colour per class of the classification, in legend order.
std::vector<Rgba> class_colors(const analysis::ThemeClassification& c);
/// Per-parcel colours (kFilteredOut for parcels outside the filter), ready for the colour buffer.
std::vector<uint32_t> parcel_colors(const analysis::ThemeClassification& c, const std::vector<Rgba>& colors);

}  // namespace pa::render
