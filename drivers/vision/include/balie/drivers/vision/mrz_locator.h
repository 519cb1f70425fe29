// SPDX-License-Identifier: GPL-3.0-or-later
// Finds the machine readable zone in a camera frame: its band and its text lines.
#pragma once

#include <vector>

#include "balie/core/error.h"
#include "balie/core/image.h"

namespace balie::drivers::vision {

/// \brief An axis-aligned rectangle in pixels.
struct Rect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;

    bool operator==(const Rect&) const = default;
};

/// \brief One text line of the zone as a rotated rectangle tightly around its characters.
struct MrzLineBox {
    float centerX = 0.0F;
    float centerY = 0.0F;
    float length = 0.0F;  ///< along the text
    float height = 0.0F;  ///< across the text
    float angle = 0.0F;   ///< degrees from horizontal; positive turns clockwise (y points down)
    Rect bounds;          ///< the axis-aligned box around it
};

/// \brief Where the zone is in a frame, in the frame's pixel coordinates.
struct MrzLocation {
    Rect band;                      ///< around all lines
    std::vector<MrzLineBox> lines;  ///< two or three, top to bottom
};

/// \brief Looks for two or three long, parallel, evenly spaced lines of dense small print, the
/// shape of a machine readable zone, on a copy of the frame scaled down to at most 640 pixels
/// wide (black-hat, horizontal gradient and morphology after mrz.md section 6).
/// \param[in] frame a well-formed image in any core::PixelFormat.
/// \return the location, or Errc::InvalidArgument for a malformed image, Errc::NotFound when
/// nothing in the frame looks like a zone.
core::Result<MrzLocation> locateMrz(const core::Image& frame);

}  // namespace balie::drivers::vision
