// SPDX-License-Identifier: GPL-3.0-or-later
// High-contrast colours and finger-sized measures derived from the display.
#pragma once

#include <cstdint>
#include <optional>

struct ImGuiStyle;
struct ImVec4;

namespace balie::ui {

/// \brief An sRGB colour.
struct Rgb {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
};

/// \brief The kiosk's colours. Every text/background pair reaches WCAG 2 AAA (7:1).
namespace palette {
inline constexpr Rgb kBackground{0xFF, 0xFF, 0xFF};
inline constexpr Rgb kText{0x00, 0x00, 0x00};
inline constexpr Rgb kPrimary{0x00, 0x33, 0x66};  ///< main action buttons, selected choices
inline constexpr Rgb kOnPrimary{0xFF, 0xFF, 0xFF};
inline constexpr Rgb kPrimaryPressed{0x00, 0x1A, 0x33};  ///< a primary button under a finger
inline constexpr Rgb kSecondary{0xE6, 0xEC, 0xF2};       ///< other buttons; outlined in kText
inline constexpr Rgb kSecondaryPressed{0xB3, 0xC6, 0xD9};
inline constexpr Rgb kDisabled{0xF2, 0xF2, 0xF2};
inline constexpr Rgb kOnDisabled{0x4D, 0x4D, 0x4D};
inline constexpr Rgb kError{0x99, 0x00, 0x00};   ///< error text on kBackground
inline constexpr Rgb kNotice{0xFF, 0xF0, 0xB3};  ///< background of demo and status banners
inline constexpr Rgb kTopBar{0x00, 0x33, 0x66};
}  // namespace palette

/// \brief WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white).
double contrastRatio(Rgb first, Rgb second);

/// \brief \a colour as ImGui's floating-point RGBA, opaque.
ImVec4 toImGui(Rgb colour);

/// \brief Sizes in pixels for one display.
struct Metrics {
    float pixelsPerMm = 0;
    float minTarget = 0;     ///< smallest touch target: 9 mm
    float bodyFont = 0;      ///< text size of running text and buttons
    float titleFont = 0;     ///< screen titles
    float digitFont = 0;     ///< PIN dots and numeric pad digits
    float buttonHeight = 0;  ///< main buttons: never below minTarget
    float spacing = 0;       ///< gap between targets, so a finger does not hit two
    float margin = 0;        ///< screen border
    float rounding = 0;
    float border = 0;
};

/// \brief Physical size assumed when the display reports no plausible DPI. A high value is the
/// safe error: it makes targets larger in pixels, never smaller than 9 mm on a denser screen.
inline constexpr float kFallbackDpi = 160.0F;

/// \brief Measures for a \a width x \a height window on a display of \a dpi dots per inch
/// (nullopt when unknown, or implausible values below 50 or above 600, use kFallbackDpi).
///
/// Layout scales with the window (designed for 1920x1080) but touch targets never shrink
/// below 9 mm and text never below 4 mm.
Metrics computeMetrics(std::optional<float> dpi, int width, int height);

/// \brief Sets ImGui's colours and sizes from the palette and \a metrics.
void applyTheme(const Metrics& metrics, ImGuiStyle& style);

}  // namespace balie::ui
