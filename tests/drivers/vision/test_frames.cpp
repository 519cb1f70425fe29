// SPDX-License-Identifier: GPL-3.0-or-later
// Frame loading and conversion for the vision tests (OpenCV stays in the test binary).
#include "test_frames.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace balie::test {
namespace {

core::Image fromMat(const cv::Mat& mat, core::PixelFormat format) {
    core::Image image;
    image.width = mat.cols;
    image.height = mat.rows;
    image.format = format;
    const auto rowBytes = static_cast<std::size_t>(mat.cols) * mat.elemSize();
    // A padded stride, as camera buffers often have, so that stride handling is exercised.
    image.stride = static_cast<int>(rowBytes) + 16;
    image.bytes.assign(static_cast<std::size_t>(image.stride) * static_cast<std::size_t>(mat.rows),
                       0);
    for (int row = 0; row < mat.rows; ++row) {
        std::memcpy(image.bytes.data() +
                        static_cast<std::size_t>(image.stride) * static_cast<std::size_t>(row),
                    mat.ptr(row), rowBytes);
    }
    return image;
}

cv::Mat toMat(const core::Image& image) {
    return cv::Mat(image.height, image.width, CV_8UC3,
                   const_cast<std::uint8_t*>(image.bytes.data()),
                   static_cast<std::size_t>(image.stride));
}

}  // namespace

std::vector<FrameTruth> frameTruths() {
    std::vector<FrameTruth> truths;
    std::ifstream file(std::string(BALIE_TEST_DATA_DIR) + "/truth.txt");
    std::string text;
    while (std::getline(file, text)) {
        if (text.empty() || text[0] == '#') {
            continue;
        }
        std::istringstream words(text);
        FrameTruth truth;
        words >> truth.file;
        for (std::string line; words >> line;) {
            if (line != "-") {
                truth.lines.push_back(line);
            }
        }
        truths.push_back(truth);
    }
    return truths;
}

FrameTruth frameTruth(const std::string& file) {
    for (const auto& truth : frameTruths()) {
        if (truth.file == file) {
            return truth;
        }
    }
    ADD_FAILURE() << file << " is not in truth.txt";
    return {};
}

core::Image loadFrame(const std::string& file) {
    const cv::Mat mat = cv::imread(std::string(BALIE_TEST_DATA_DIR) + "/" + file, cv::IMREAD_COLOR);
    if (mat.empty()) {
        ADD_FAILURE() << "cannot read " << file;
        return {};
    }
    return fromMat(mat, core::PixelFormat::Bgr24);
}

core::Image convertFrame(const core::Image& image, core::PixelFormat format) {
    const cv::Mat bgr = toMat(image);
    cv::Mat converted;
    switch (format) {
        case core::PixelFormat::Gray8:
            cv::cvtColor(bgr, converted, cv::COLOR_BGR2GRAY);
            break;
        case core::PixelFormat::Rgb24:
            cv::cvtColor(bgr, converted, cv::COLOR_BGR2RGB);
            break;
        case core::PixelFormat::Bgr24:
            converted = bgr.clone();
            break;
        case core::PixelFormat::Rgba32:
            cv::cvtColor(bgr, converted, cv::COLOR_BGR2RGBA);
            break;
        case core::PixelFormat::Yuyv: {
            // Luminance in every even byte, neutral chroma in every odd one.
            cv::Mat gray;
            cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
            converted = cv::Mat(gray.rows, gray.cols, CV_8UC2);
            for (int row = 0; row < gray.rows; ++row) {
                for (int column = 0; column < gray.cols; ++column) {
                    converted.at<cv::Vec2b>(row, column) =
                        cv::Vec2b(gray.at<std::uint8_t>(row, column), 128);
                }
            }
            break;
        }
    }
    return fromMat(converted, format);
}

core::Image rotateFrame(const core::Image& image, double degrees) {
    const cv::Mat bgr = toMat(image);
    const cv::Mat rotation = cv::getRotationMatrix2D(
        cv::Point2f(static_cast<float>(bgr.cols) / 2.0F, static_cast<float>(bgr.rows) / 2.0F),
        degrees, 1.0);
    cv::Mat rotated;
    cv::warpAffine(bgr, rotated, rotation, bgr.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return fromMat(rotated, core::PixelFormat::Bgr24);
}

std::string modelDirectory() {
    return BALIE_TEST_MODEL_DIR;
}

}  // namespace balie::test
