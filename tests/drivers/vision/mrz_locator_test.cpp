// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/drivers/vision/mrz_locator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "test_frames.h"

namespace balie::drivers::vision {
namespace {

bool isFrame(const test::FrameTruth& truth) {
    return truth.file.ends_with(".jpg");
}

TEST(MrzLocatorTest, FindsEveryLineOfTheZoneInEachTestFrame) {
    for (const auto& truth : test::frameTruths()) {
        if (!isFrame(truth) || truth.lines.empty()) {
            continue;
        }
        SCOPED_TRACE(truth.file);
        const core::Image frame = test::loadFrame(truth.file);
        const auto location = locateMrz(frame);
        ASSERT_TRUE(location.has_value()) << location.error().message;
        ASSERT_EQ(location->lines.size(), truth.lines.size());
        // Lines top to bottom, inside the band, as long as a zone on a held-up document.
        for (std::size_t i = 0; i < location->lines.size(); ++i) {
            const MrzLineBox& line = location->lines[i];
            EXPECT_GT(line.length, 0.4F * static_cast<float>(frame.width));
            EXPECT_GT(line.length, 15.0F * line.height);
            EXPECT_GE(line.bounds.y, location->band.y);
            EXPECT_LE(line.bounds.y + line.bounds.height, location->band.y + location->band.height);
            if (i > 0) {
                EXPECT_GT(line.centerY, location->lines[i - 1].centerY);
            }
        }
        // Zones sit in the lower part of the document, so below the frame's upper third.
        EXPECT_GT(location->band.y, frame.height / 3);
    }
}

TEST(MrzLocatorTest, MeasuresTheTiltOfTheLines) {
    const core::Image straight = test::loadFrame("td3-easy.jpg");
    const auto level = locateMrz(straight);
    ASSERT_TRUE(level.has_value());
    // Turned counter-clockwise on screen, the lines rise to the right: a negative angle.
    const auto turned = locateMrz(test::rotateFrame(straight, 3.0));
    ASSERT_TRUE(turned.has_value());
    ASSERT_EQ(turned->lines.size(), 2U);
    for (std::size_t i = 0; i < turned->lines.size(); ++i) {
        EXPECT_NEAR(turned->lines[i].angle - level->lines[i].angle, -3.0F, 0.7F);
    }
}

TEST(MrzLocatorTest, FindsTheSameZoneInEveryPixelFormat) {
    const core::Image bgr = test::loadFrame("td1-easy.jpg");
    const auto reference = locateMrz(bgr);
    ASSERT_TRUE(reference.has_value());
    for (const auto format : {core::PixelFormat::Gray8, core::PixelFormat::Rgb24,
                              core::PixelFormat::Rgba32, core::PixelFormat::Yuyv}) {
        const auto location = locateMrz(test::convertFrame(bgr, format));
        ASSERT_TRUE(location.has_value()) << static_cast<int>(format);
        ASSERT_EQ(location->lines.size(), reference->lines.size());
        EXPECT_NEAR(location->band.y, reference->band.y, 3);
        EXPECT_NEAR(location->band.height, reference->band.height, 6);
    }
}

TEST(MrzLocatorTest, ReportsNotFoundForADocumentWithoutZone) {
    const auto location = locateMrz(test::loadFrame("no-mrz.jpg"));
    ASSERT_FALSE(location.has_value());
    EXPECT_EQ(location.error().code, core::Errc::NotFound);
}

TEST(MrzLocatorTest, ReportsNotFoundForAnEmptyScene) {
    core::Image grey{640, 480, 640, core::PixelFormat::Gray8,
                     std::vector<std::uint8_t>(640 * 480, 128)};
    const auto location = locateMrz(grey);
    ASSERT_FALSE(location.has_value());
    EXPECT_EQ(location.error().code, core::Errc::NotFound);
}

TEST(MrzLocatorTest, RejectsAMalformedFrame) {
    core::Image odd{641, 10, 1282, core::PixelFormat::Yuyv, std::vector<std::uint8_t>(12820)};
    const auto location = locateMrz(odd);
    ASSERT_FALSE(location.has_value());
    EXPECT_EQ(location.error().code, core::Errc::InvalidArgument);
}

}  // namespace
}  // namespace balie::drivers::vision
