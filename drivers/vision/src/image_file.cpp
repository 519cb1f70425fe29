// SPDX-License-Identifier: GPL-3.0-or-later
// Image files decoded with OpenCV.
#include "balie/drivers/vision/image_file.h"

#include <exception>
#include <string>
#include <system_error>

#include <opencv2/imgcodecs.hpp>

#include "frame_conversion.h"

namespace balie::drivers::vision {

core::Result<core::Image> loadImageFile(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        return core::fail(core::Errc::NotFound, "no such file: " + path.string());
    }
    try {
        const cv::Mat bgr = cv::imread(path.string(), cv::IMREAD_COLOR);
        if (bgr.empty()) {
            return core::fail(core::Errc::InvalidFormat, path.string() + " is not an image");
        }
        return toImage(bgr, core::PixelFormat::Bgr24);
    } catch (const std::exception& exception) {
        return core::fail(core::Errc::InvalidFormat,
                          "cannot decode " + path.string() + ": " + exception.what());
    }
}

}  // namespace balie::drivers::vision
