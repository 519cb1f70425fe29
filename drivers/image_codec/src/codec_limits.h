// SPDX-License-Identifier: GPL-3.0-or-later
// Limits every decoder enforces before it allocates, so a forged header cannot exhaust memory.
#pragma once

#include <cstdint>

namespace balie::drivers::image_codec {

/// \brief The widest or tallest image decoded; JPEG itself stops at 65500.
inline constexpr std::uint32_t kMaxSide = 1U << 15;
/// \brief The most pixels decoded (about 67 megapixels, 200 MB as Bgr24): a camera frame or a
/// scanned page stays far below.
inline constexpr std::uint64_t kMaxPixels = std::uint64_t{1} << 26;

/// \brief True when an image of \a width by \a height pixels may be decoded.
inline bool withinLimits(std::uint32_t width, std::uint32_t height) {
    return width > 0 && height > 0 && width <= kMaxSide && height <= kMaxSide &&
           std::uint64_t{width} * height <= kMaxPixels;
}

}  // namespace balie::drivers::image_codec
