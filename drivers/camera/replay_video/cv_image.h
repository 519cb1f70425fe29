// SPDX-License-Identifier: GPL-3.0-or-later
// Decoded OpenCV frames handed on as core images.
#pragma once

#include <opencv2/core/mat.hpp>

#include "balie/core/image.h"

namespace balie::drivers::camera {

/// \brief A Bgr24 copy of the 8-bit three-channel matrix \a bgr.
core::Image toBgrImage(const cv::Mat& bgr);

}  // namespace balie::drivers::camera
