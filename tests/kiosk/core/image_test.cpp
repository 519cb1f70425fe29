// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the Image port type's layout check.
#include "balie/core/image.h"

#include <gtest/gtest.h>

#include <cstddef>

namespace balie::core {
namespace {

Image imageOf(int width, int height, int stride, PixelFormat format, std::size_t size) {
    return Image{width, height, stride, format, std::vector<std::uint8_t>(size)};
}

TEST(ImageTest, KnowsTheBytesPerPixelOfEachFormat) {
    EXPECT_EQ(bytesPerPixel(PixelFormat::Gray8), 1);
    EXPECT_EQ(bytesPerPixel(PixelFormat::Rgb24), 3);
    EXPECT_EQ(bytesPerPixel(PixelFormat::Bgr24), 3);
    EXPECT_EQ(bytesPerPixel(PixelFormat::Rgba32), 4);
    EXPECT_EQ(bytesPerPixel(PixelFormat::Yuyv), 2);
}

TEST(ImageTest, AcceptsTightAndPaddedRows) {
    EXPECT_TRUE(imageOf(640, 480, 640 * 3, PixelFormat::Bgr24, 640 * 3 * 480).isWellFormed());
    EXPECT_TRUE(imageOf(638, 480, 640, PixelFormat::Gray8, 640 * 480).isWellFormed())
        << "rows padded to a multiple of 64";
    EXPECT_TRUE(imageOf(1280, 720, 2560, PixelFormat::Yuyv, 2560 * 720).isWellFormed());
}

TEST(ImageTest, RejectsARowThatDoesNotFitTheStride) {
    EXPECT_FALSE(imageOf(640, 480, 640, PixelFormat::Rgb24, 640 * 3 * 480).isWellFormed());
}

TEST(ImageTest, RejectsABufferShorterThanItsRows) {
    EXPECT_FALSE(imageOf(640, 480, 640, PixelFormat::Gray8, 640 * 480 - 1).isWellFormed());
}

TEST(ImageTest, RejectsEmptyOrNegativeDimensions) {
    EXPECT_FALSE(imageOf(0, 480, 640, PixelFormat::Gray8, 640 * 480).isWellFormed());
    EXPECT_FALSE(imageOf(640, 0, 640, PixelFormat::Gray8, 640 * 480).isWellFormed());
    EXPECT_FALSE(imageOf(-640, 480, 640, PixelFormat::Gray8, 640 * 480).isWellFormed());
    EXPECT_FALSE(imageOf(640, 480, -640, PixelFormat::Gray8, 640 * 480).isWellFormed());
    EXPECT_FALSE(Image{}.isWellFormed());
}

TEST(ImageTest, RejectsAYuyvImageWithAnOddWidth) {
    EXPECT_FALSE(imageOf(639, 480, 1280, PixelFormat::Yuyv, 1280 * 480).isWellFormed());
}

TEST(ImageTest, DoesNotOverflowOnHugeClaimedSizes) {
    EXPECT_FALSE(imageOf(2'000'000'000, 2, 2'000'000'000, PixelFormat::Rgba32, 16).isWellFormed());
    EXPECT_FALSE(imageOf(4, 2'000'000'000, 2'000'000'000, PixelFormat::Gray8, 16).isWellFormed());
}

}  // namespace
}  // namespace balie::core
