// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/drivers/image_codec/image_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace balie::drivers::image_codec {
namespace {

namespace fs = std::filesystem;

// A 4x2 palette PNG: red, green, blue, dark grey, then the same backwards.
constexpr std::array<std::uint8_t, 99> kPalettePng = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x02, 0x08, 0x03, 0x00, 0x00, 0x00, 0x48,
    0x76, 0x8d, 0x51, 0x00, 0x00, 0x00, 0x0c, 0x50, 0x4c, 0x54, 0x45, 0xff, 0x00, 0x00, 0x00,
    0xff, 0x00, 0x00, 0x00, 0xff, 0x0a, 0x14, 0x1e, 0x22, 0x88, 0x29, 0x04, 0x00, 0x00, 0x00,
    0x12, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x60, 0x64, 0x62, 0x66, 0x60, 0x66,
    0x62, 0x64, 0x00, 0x00, 0x00, 0x46, 0x00, 0x0d, 0x5e, 0x72, 0x8b, 0x87, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

// A frame with edges and colour, so JPEG's quantisation and chroma subsampling show.
cv::Mat testPattern(int type) {
    cv::Mat pattern(120, 160, type);
    cv::randu(pattern, cv::Scalar::all(0), cv::Scalar::all(type == CV_16UC3 ? 65535 : 255));
    pattern(cv::Rect(20, 30, 60, 40)).setTo(cv::Scalar::all(0));
    return pattern;
}

std::vector<std::uint8_t> encoded(const std::string& extension, const cv::Mat& pixels,
                                  const std::vector<int>& parameters = {}) {
    std::vector<std::uint8_t> bytes;
    EXPECT_TRUE(cv::imencode(extension, pixels, bytes, parameters));
    return bytes;
}

// The pixels OpenCV's imread(IMREAD_COLOR) gives for the same bytes.
cv::Mat openCvDecoded(const std::vector<std::uint8_t>& bytes) {
    return cv::imdecode(bytes, cv::IMREAD_COLOR);
}

void expectSamePixels(const core::Image& image, const cv::Mat& reference) {
    ASSERT_FALSE(reference.empty());
    ASSERT_EQ(image.format, core::PixelFormat::Bgr24);
    ASSERT_TRUE(image.isWellFormed());
    ASSERT_EQ(image.width, reference.cols);
    ASSERT_EQ(image.height, reference.rows);
    ASSERT_TRUE(reference.isContinuous());
    EXPECT_TRUE(std::equal(image.bytes.begin(), image.bytes.end(), reference.data))
        << "the pixels differ from OpenCV's";
}

core::Image bgrImageOf(const cv::Mat& bgr) {
    core::Image image;
    image.width = bgr.cols;
    image.height = bgr.rows;
    image.stride = bgr.cols * 3;
    image.format = core::PixelFormat::Bgr24;
    image.bytes.assign(bgr.data, bgr.data + bgr.total() * 3);
    return image;
}

TEST(ImageCodecTest, DecodesTheCommittedFramesAsOpenCvDoes) {
    int compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(BALIE_TEST_VISION_DATA_DIR)) {
        const std::string extension = entry.path().extension().string();
        if (extension != ".jpg" && extension != ".png") {
            continue;
        }
        SCOPED_TRACE(entry.path().string());
        auto image = readImageFile(entry.path());
        ASSERT_TRUE(image.has_value()) << image.error().message;
        expectSamePixels(*image, cv::imread(entry.path().string(), cv::IMREAD_COLOR));
        ++compared;
    }
    EXPECT_GE(compared, 8);
}

TEST(ImageCodecTest, DecodesColourAndGreyJpegsAsOpenCvDoes) {
    for (const int type : {CV_8UC3, CV_8UC1}) {
        const auto jpeg = encoded(".jpg", testPattern(type), {cv::IMWRITE_JPEG_QUALITY, 90});
        auto image = decodeImage(jpeg);
        ASSERT_TRUE(image.has_value()) << image.error().message;
        expectSamePixels(*image, openCvDecoded(jpeg));
    }
}

TEST(ImageCodecTest, DecodesEveryPngLayoutAsOpenCvDoes) {
    for (const int type : {CV_8UC1, CV_8UC3, CV_8UC4, CV_16UC3}) {
        SCOPED_TRACE(type);
        const auto png = encoded(".png", testPattern(type));
        auto image = decodeImage(png);
        ASSERT_TRUE(image.has_value()) << image.error().message;
        expectSamePixels(*image, openCvDecoded(png));
    }
    const std::vector<std::uint8_t> palette(kPalettePng.begin(), kPalettePng.end());
    auto image = decodeImage(palette);
    ASSERT_TRUE(image.has_value()) << image.error().message;
    expectSamePixels(*image, openCvDecoded(palette));
    EXPECT_EQ(image->bytes[2], 255) << "the first pixel is red";
}

TEST(ImageCodecTest, EncodesTheJpegOpenCvWritesAtTheRequestedQuality) {
    const cv::Mat pattern = testPattern(CV_8UC3);
    for (const int quality : {30, 85, 95}) {
        SCOPED_TRACE(quality);
        auto jpeg = encodeJpeg(bgrImageOf(pattern), quality);
        ASSERT_TRUE(jpeg.has_value()) << jpeg.error().message;
        EXPECT_EQ(*jpeg, encoded(".jpg", pattern, {cv::IMWRITE_JPEG_QUALITY, quality}));
    }
}

TEST(ImageCodecTest, EncodesGreyRgbAndRgbaImages) {
    core::Image rgba{
        .width = 3, .height = 2, .stride = 12, .format = core::PixelFormat::Rgba32, .bytes = {}};
    rgba.bytes.assign(24, 200);
    core::Image gray{
        .width = 3, .height = 2, .stride = 4, .format = core::PixelFormat::Gray8, .bytes = {}};
    gray.bytes.assign(8, 50);  // a padded stride
    for (const core::Image& image : {rgba, gray}) {
        auto jpeg = encodeJpeg(image, 90);
        ASSERT_TRUE(jpeg.has_value()) << jpeg.error().message;
        auto decoded = decodeImage(*jpeg);
        ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
        EXPECT_EQ(decoded->width, 3);
        EXPECT_EQ(decoded->height, 2);
        EXPECT_NEAR(decoded->bytes[0], image.bytes[0], 2);
    }
}

TEST(ImageCodecTest, RefusesToEncodeWhatItCannot) {
    core::Image yuyv{
        .width = 2, .height = 1, .stride = 4, .format = core::PixelFormat::Yuyv, .bytes = {}};
    yuyv.bytes.assign(4, 0);
    core::Image shortImage{
        .width = 4, .height = 4, .stride = 12, .format = core::PixelFormat::Bgr24, .bytes = {}};
    shortImage.bytes.assign(10, 0);
    for (const core::Image& image : {yuyv, shortImage}) {
        auto jpeg = encodeJpeg(image, 90);
        ASSERT_FALSE(jpeg.has_value());
        EXPECT_EQ(jpeg.error().code, core::Errc::InvalidArgument);
    }
}

TEST(ImageCodecTest, ATruncatedJpegIsAnError) {
    auto jpeg = encoded(".jpg", testPattern(CV_8UC3));
    for (const auto kept : {std::ssize(jpeg) / 2, std::ptrdiff_t{200}, std::ptrdiff_t{3}}) {
        SCOPED_TRACE(kept);
        const std::vector<std::uint8_t> truncated(jpeg.begin(), jpeg.begin() + kept);
        auto image = decodeImage(truncated);
        ASSERT_FALSE(image.has_value());
        EXPECT_EQ(image.error().code, core::Errc::InvalidFormat);
        EXPECT_NE(image.error().message.find("JPEG"), std::string::npos);
    }
}

TEST(ImageCodecTest, ATruncatedPngIsAnError) {
    auto png = encoded(".png", testPattern(CV_8UC3));
    for (const auto kept : {std::ssize(png) / 2, std::ssize(png) - 12, std::ptrdiff_t{20}}) {
        SCOPED_TRACE(kept);
        const std::vector<std::uint8_t> truncated(png.begin(), png.begin() + kept);
        auto image = decodeImage(truncated);
        ASSERT_FALSE(image.has_value());
        EXPECT_EQ(image.error().code, core::Errc::InvalidFormat);
        EXPECT_NE(image.error().message.find("PNG"), std::string::npos);
    }
}

TEST(ImageCodecTest, CorruptDataAfterAValidHeaderIsAnError) {
    auto jpeg = encoded(".jpg", testPattern(CV_8UC3));
    auto png = encoded(".png", testPattern(CV_8UC3));
    for (auto* bytes : {&jpeg, &png}) {
        std::fill(bytes->begin() + 40, bytes->end(), std::uint8_t{0xA5});
        auto image = decodeImage(*bytes);
        ASSERT_FALSE(image.has_value());
        EXPECT_EQ(image.error().code, core::Errc::InvalidFormat);
    }
}

TEST(ImageCodecTest, GarbageAndEmptyInputAreErrors) {
    const std::vector<std::vector<std::uint8_t>> inputs = {
        {},
        {0xFF},
        {0xFF, 0xD8, 0xFF},
        {'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'}};
    for (const auto& input : inputs) {
        auto image = decodeImage(input);
        ASSERT_FALSE(image.has_value());
        EXPECT_EQ(image.error().code, core::Errc::InvalidFormat);
        EXPECT_FALSE(image.error().message.empty());
    }
}

TEST(ImageCodecTest, AHeaderClaimingAHugeImageIsRefusedBeforeDecoding) {
    auto jpeg = encoded(".jpg", testPattern(CV_8UC3));
    // The baseline frame header: FF C0, length, precision, then height and width.
    const std::array<std::uint8_t, 2> startOfFrame = {0xFF, 0xC0};
    const auto header =
        std::search(jpeg.begin(), jpeg.end(), startOfFrame.begin(), startOfFrame.end());
    ASSERT_NE(header, jpeg.end());
    const std::array<std::uint8_t, 4> huge = {0x7F, 0xFF, 0x7F, 0xFF};
    std::copy(huge.begin(), huge.end(), header + 5);
    auto image = decodeImage(jpeg);
    ASSERT_FALSE(image.has_value());
    EXPECT_EQ(image.error().code, core::Errc::InvalidFormat);
    EXPECT_NE(image.error().message.find("too large"), std::string::npos);
}

TEST(ImageCodecTest, AMissingFileIsNotFound) {
    auto image = readImageFile("/nonexistent/frame.jpg");
    ASSERT_FALSE(image.has_value());
    EXPECT_EQ(image.error().code, core::Errc::NotFound);
}

}  // namespace
}  // namespace balie::drivers::image_codec
