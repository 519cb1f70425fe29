// SPDX-License-Identifier: GPL-3.0-or-later
// MRZ localisation on a grey OpenCV matrix, shared by locateMrz() and the reader.
#pragma once

#include <opencv2/core/mat.hpp>

#include "balie/core/error.h"
#include "balie/drivers/vision/mrz_locator.h"

namespace balie::drivers::vision {

/// \brief locateMrz() on an 8-bit single-channel frame; never throws past OpenCV's own errors.
core::Result<MrzLocation> locateMrzInGray(const cv::Mat& gray);

}  // namespace balie::drivers::vision
