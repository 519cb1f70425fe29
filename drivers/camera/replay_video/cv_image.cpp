// SPDX-License-Identifier: GPL-3.0-or-later
// Copies decoded OpenCV frames into core images.
#include "cv_image.h"

#include <cstddef>
#include <cstring>

namespace balie::drivers::camera {

core::Image toBgrImage(const cv::Mat& bgr) {
    core::Image image;
    image.width = bgr.cols;
    image.height = bgr.rows;
    image.stride = bgr.cols * 3;
    image.format = core::PixelFormat::Bgr24;
    const auto rowBytes = static_cast<std::size_t>(image.stride);
    image.bytes.resize(rowBytes * static_cast<std::size_t>(bgr.rows));
    for (int row = 0; row < bgr.rows; ++row) {
        std::memcpy(image.bytes.data() + rowBytes * static_cast<std::size_t>(row), bgr.ptr(row),
                    rowBytes);
    }
    return image;
}

}  // namespace balie::drivers::camera
