// SPDX-License-Identifier: GPL-3.0-or-later
// Image files (JPEG, PNG, ...) read into core images.
#pragma once

#include <filesystem>

#include "balie/core/error.h"
#include "balie/core/image.h"

namespace balie::drivers::vision {

/// \brief The image in \a path as Bgr24.
/// \return the image, or Errc::NotFound for a missing file, Errc::InvalidFormat for a file that
/// is no image OpenCV can decode.
core::Result<core::Image> loadImageFile(const std::filesystem::path& path);

}  // namespace balie::drivers::vision
