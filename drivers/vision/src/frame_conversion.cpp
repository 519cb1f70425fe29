// SPDX-License-Identifier: GPL-3.0-or-later
// Conversions between core::Image and OpenCV matrices.
#include "frame_conversion.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

#include <opencv2/imgproc.hpp>

namespace balie::drivers::vision {

core::Result<cv::Mat> toGray(const core::Image& image) {
    if (!image.isWellFormed()) {
        return core::fail(core::Errc::InvalidArgument, "malformed image");
    }
    // The header borrows the bytes without copying; cvtColor and clone write a new matrix.
    auto* data = const_cast<std::uint8_t*>(image.bytes.data());
    const auto stride = static_cast<std::size_t>(image.stride);
    cv::Mat gray;
    switch (image.format) {
        case core::PixelFormat::Gray8:
            gray = cv::Mat(image.height, image.width, CV_8UC1, data, stride).clone();
            break;
        case core::PixelFormat::Rgb24:
            cv::cvtColor(cv::Mat(image.height, image.width, CV_8UC3, data, stride), gray,
                         cv::COLOR_RGB2GRAY);
            break;
        case core::PixelFormat::Bgr24:
            cv::cvtColor(cv::Mat(image.height, image.width, CV_8UC3, data, stride), gray,
                         cv::COLOR_BGR2GRAY);
            break;
        case core::PixelFormat::Rgba32:
            cv::cvtColor(cv::Mat(image.height, image.width, CV_8UC4, data, stride), gray,
                         cv::COLOR_RGBA2GRAY);
            break;
        case core::PixelFormat::Yuyv:
            cv::cvtColor(cv::Mat(image.height, image.width, CV_8UC2, data, stride), gray,
                         cv::COLOR_YUV2GRAY_YUYV);
            break;
    }
    return gray;
}

core::Result<cv::Mat> toBgr(const core::Image& image) {
    if (!image.isWellFormed()) {
        return core::fail(core::Errc::InvalidArgument, "malformed image");
    }
    auto* data = const_cast<std::uint8_t*>(image.bytes.data());
    const auto stride = static_cast<std::size_t>(image.stride);
    cv::Mat bgr;
    switch (image.format) {
        case core::PixelFormat::Gray8:
            cv::cvtColor(cv::Mat(image.height, image.width, CV_8UC1, data, stride), bgr,
                         cv::COLOR_GRAY2BGR);
            break;
        case core::PixelFormat::Rgb24:
            cv::cvtColor(cv::Mat(image.height, image.width, CV_8UC3, data, stride), bgr,
                         cv::COLOR_RGB2BGR);
            break;
        case core::PixelFormat::Bgr24:
            bgr = cv::Mat(image.height, image.width, CV_8UC3, data, stride).clone();
            break;
        case core::PixelFormat::Rgba32:
            cv::cvtColor(cv::Mat(image.height, image.width, CV_8UC4, data, stride), bgr,
                         cv::COLOR_RGBA2BGR);
            break;
        case core::PixelFormat::Yuyv:
            cv::cvtColor(cv::Mat(image.height, image.width, CV_8UC2, data, stride), bgr,
                         cv::COLOR_YUV2BGR_YUYV);
            break;
    }
    return bgr;
}

core::Image toImage(const cv::Mat& gray) {
    return toImage(gray, core::PixelFormat::Bgr24);
}

core::Image toImage(const cv::Mat& pixels, core::PixelFormat threeChannelFormat) {
    core::Image image;
    image.width = pixels.cols;
    image.height = pixels.rows;
    image.format = pixels.channels() == 1 ? core::PixelFormat::Gray8 : threeChannelFormat;
    image.stride = pixels.cols * pixels.channels();
    const auto rowBytes = static_cast<std::size_t>(image.stride);
    image.bytes.resize(rowBytes * static_cast<std::size_t>(pixels.rows));
    for (int row = 0; row < pixels.rows; ++row) {
        std::memcpy(image.bytes.data() + rowBytes * static_cast<std::size_t>(row), pixels.ptr(row),
                    rowBytes);
    }
    return image;
}

}  // namespace balie::drivers::vision
