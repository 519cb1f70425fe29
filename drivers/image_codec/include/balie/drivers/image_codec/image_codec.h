// SPDX-License-Identifier: GPL-3.0-or-later
// JPEG and PNG images decoded into core images, and core images encoded as JPEG.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/image.h"

namespace balie::drivers::image_codec {

/// \brief The JPEG or PNG image in \a encoded as Bgr24. Grey, palette and 16-bit images are
/// converted, an alpha channel is dropped and EXIF orientation is ignored (camera frames).
/// \return the image, or Errc::InvalidFormat for bytes that are no JPEG or PNG, a truncated or
/// corrupt image, or one larger than the decoder accepts.
core::Result<core::Image> decodeImage(std::span<const std::uint8_t> encoded);

/// \brief The JPEG or PNG image in the file \a path as Bgr24, as decodeImage().
/// \return the image, or Errc::NotFound for a file that cannot be read, Errc::InvalidFormat as
/// decodeImage() (the message names the file).
core::Result<core::Image> readImageFile(const std::filesystem::path& path);

/// \brief \a image (Gray8, Rgb24, Bgr24 or Rgba32, whose alpha is dropped) as a baseline JPEG of
/// \a quality (1 to 100, clamped), with libjpeg's default 4:2:0 chroma subsampling.
/// \return the JPEG bytes, or Errc::InvalidArgument for an image that is not well-formed or in
/// another format.
core::Result<std::vector<std::uint8_t>> encodeJpeg(const core::Image& image, int quality);

}  // namespace balie::drivers::image_codec
