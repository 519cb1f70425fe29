// SPDX-License-Identifier: GPL-3.0-or-later
// JPEG decoding with libjpeg-turbo (encoding is image_codec.h's encodeJpeg).
#pragma once

#include <cstdint>
#include <span>

#include "balie/core/error.h"
#include "balie/core/image.h"

namespace balie::drivers::image_codec {

/// \brief True when \a encoded starts like a JPEG file (SOI marker and the next marker).
bool looksLikeJpeg(std::span<const std::uint8_t> encoded);

/// \brief The JPEG image in \a encoded as Bgr24, as libjpeg-turbo's default (islow) decoder with
/// fancy upsampling produces it; Errc::InvalidFormat for corrupt or truncated data.
core::Result<core::Image> decodeJpeg(std::span<const std::uint8_t> encoded);

}  // namespace balie::drivers::image_codec
