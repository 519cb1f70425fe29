// SPDX-License-Identifier: GPL-3.0-or-later
// PNG decoding with libpng.
#pragma once

#include <cstdint>
#include <span>

#include "balie/core/error.h"
#include "balie/core/image.h"

namespace balie::drivers::image_codec {

/// \brief True when \a encoded starts with the PNG signature.
bool looksLikePng(std::span<const std::uint8_t> encoded);

/// \brief The PNG image in \a encoded as Bgr24: 16-bit samples keep their high byte, grey and
/// palette images are expanded, alpha and transparency are dropped, gamma is left as stored;
/// Errc::InvalidFormat for corrupt or truncated data.
core::Result<core::Image> decodePng(std::span<const std::uint8_t> encoded);

}  // namespace balie::drivers::image_codec
