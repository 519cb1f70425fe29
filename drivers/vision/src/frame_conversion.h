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

/// \brief An 8-bit three-channel BGR copy of \a image, or Errc::InvalidArgument when the image
/// is not well-formed.
core::Result<cv::Mat> toBgr(const core::Image& image);

/// \brief A Gray8 core::Image holding a copy of the 8-bit single-channel matrix \a gray.
core::Image toImage(const cv::Mat& gray);

/// \brief A core::Image holding a copy of the 8-bit matrix \a pixels: one channel gives Gray8,
/// three give \a threeChannelFormat (Bgr24 or Rgb24, as the matrix holds them).
core::Image toImage(const cv::Mat& pixels, core::PixelFormat threeChannelFormat);

}  // namespace balie::drivers::vision
