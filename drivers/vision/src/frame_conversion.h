// SPDX-License-Identifier: GPL-3.0-or-later
// Conversions between core::Image and OpenCV matrices, kept inside the vision driver.
#pragma once

#include <opencv2/core/mat.hpp>

#include "balie/core/error.h"
#include "balie/core/image.h"

namespace balie::drivers::vision {

/// \brief An 8-bit single-channel copy of \a image (luminance), or Errc::InvalidArgument when
/// the image is not well-formed.
core::Result<cv::Mat> toGray(const core::Image& image);

/// \brief A Gray8 core::Image holding a copy of the 8-bit single-channel matrix \a gray.
core::Image toImage(const cv::Mat& gray);

}  // namespace balie::drivers::vision
