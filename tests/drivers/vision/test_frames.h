// SPDX-License-Identifier: GPL-3.0-or-later
// Loads the committed synthetic frames of tests/data/vision and their truth.
#pragma once

#include <string>
#include <vector>

#include "balie/core/image.h"

namespace balie::test {

/// \brief One entry of tests/data/vision/truth.txt.
struct FrameTruth {
    std::string file;                ///< e.g. "td3-easy.jpg"
    std::vector<std::string> lines;  ///< the MRZ lines; empty for a frame without a zone
};

/// \brief Every entry of truth.txt, in file order.
std::vector<FrameTruth> frameTruths();

/// \brief The entry of \a file; fails the current test when it is missing.
FrameTruth frameTruth(const std::string& file);

/// \brief tests/data/vision/\a file as a Bgr24 image (empty image when it cannot be read).
core::Image loadFrame(const std::string& file);

/// \brief \a image (Bgr24) converted to \a format.
core::Image convertFrame(const core::Image& image, core::PixelFormat format);

/// \brief \a image (Bgr24) turned by \a degrees counter-clockwise around its centre.
core::Image rotateFrame(const core::Image& image, double degrees);

/// \brief The model directory the tests load mrz.traineddata from.
std::string modelDirectory();

}  // namespace balie::test
