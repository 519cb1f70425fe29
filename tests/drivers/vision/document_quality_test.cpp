// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/drivers/vision/document_quality.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "test_frames.h"

namespace balie::drivers::vision {
namespace {

bool hasIssue(const DocumentQuality& quality, QualityIssue issue) {
    return std::find(quality.issues.begin(), quality.issues.end(), issue) != quality.issues.end();
}

core::Image fromMat(const cv::Mat& bgr) {
    core::Image image;
    image.width = bgr.cols;
    image.height = bgr.rows;
    image.stride = static_cast<int>(bgr.step);
    image.format = core::PixelFormat::Bgr24;
    image.bytes.assign(bgr.data, bgr.data + bgr.step * static_cast<std::size_t>(bgr.rows));
    return image;
}

cv::Mat toMat(const core::Image& bgr) {
    return cv::Mat(bgr.height, bgr.width, CV_8UC3, const_cast<std::uint8_t*>(bgr.bytes.data()),
                   static_cast<std::size_t>(bgr.stride))
        .clone();
}

cv::Mat easyFrame() {
    return toMat(test::loadFrame("td1-easy.jpg"));
}

DocumentQuality assess(const cv::Mat& frame) {
    auto quality = assessDocument(fromMat(frame));
    EXPECT_TRUE(quality.has_value());
    return quality.value_or(DocumentQuality{});
}

// The frame scaled by \a scale into a frame of the same size filled with the desk's colour.
cv::Mat scaledInto(const cv::Mat& frame, double scale, cv::Point offset) {
    cv::Mat canvas(frame.size(), frame.type(), frame.at<cv::Vec3b>(5, 5));
    cv::Mat small;
    cv::resize(frame, small, cv::Size(), scale, scale, cv::INTER_AREA);
    cv::Rect target(offset, small.size());
    target &= cv::Rect(0, 0, canvas.cols, canvas.rows);
    small(cv::Rect(0, 0, target.width, target.height)).copyTo(canvas(target));
    return canvas;
}

TEST(DocumentQualityTest, EveryCommittedDocumentFrameIsGood) {
    for (const auto& truth : test::frameTruths()) {
        if (!truth.file.ends_with(".jpg")) {
            continue;
        }
        SCOPED_TRACE(truth.file);
        const DocumentQuality quality = assess(toMat(test::loadFrame(truth.file)));
        EXPECT_TRUE(quality.good());
        EXPECT_TRUE(quality.wholeVisible);
        EXPECT_GT(quality.coverage, 0.25);
        EXPECT_LT(quality.turn, 6.0);
        EXPECT_TRUE(quality.glareWhere.empty());
    }
}

TEST(DocumentQualityTest, FindsTheCornersOfTheDocument) {
    const DocumentQuality quality = assess(easyFrame());
    ASSERT_TRUE(quality.outline.has_value());
    const Outline& outline = *quality.outline;
    // Clockwise from top-left, the card's width about 1.58 times its height.
    EXPECT_LT(outline[0].x, outline[1].x);
    EXPECT_LT(outline[1].y, outline[2].y);
    EXPECT_GT(outline[2].x, outline[3].x);
    const double width = outline[1].x - outline[0].x;
    const double height = outline[3].y - outline[0].y;
    EXPECT_NEAR(width / height, 85.6 / 53.98, 0.08);
}

TEST(DocumentQualityTest, AnEmptyDeskHasNoDocument) {
    cv::Mat desk(720, 1280, CV_8UC3, cv::Scalar(80, 80, 80));
    cv::randn(desk, cv::Scalar(80, 80, 80), cv::Scalar(5, 5, 5));
    const DocumentQuality quality = assess(desk);
    EXPECT_FALSE(quality.outline.has_value());
    EXPECT_EQ(quality.issues, std::vector<QualityIssue>{QualityIssue::NoDocument});
}

TEST(DocumentQualityTest, ABlurredFrameIsBlurred) {
    cv::Mat blurred;
    cv::GaussianBlur(easyFrame(), blurred, cv::Size(), 3.0);
    const DocumentQuality quality = assess(blurred);
    EXPECT_TRUE(hasIssue(quality, QualityIssue::Blurred));
    EXPECT_LT(quality.sharpness, assess(easyFrame()).sharpness / 10.0);
}

TEST(DocumentQualityTest, GlareOnTheMrzIsOnTheBottomLines) {
    cv::Mat frame = easyFrame();
    const DocumentQuality clean = assess(frame);
    ASSERT_TRUE(clean.outline.has_value());
    const Outline& outline = *clean.outline;
    const cv::Point mrz(static_cast<int>((outline[0].x + outline[1].x) / 2.0F),
                        static_cast<int>(outline[3].y - (outline[3].y - outline[0].y) * 0.12F));
    cv::ellipse(frame, mrz, cv::Size(70, 25), 0.0, 0.0, 360.0, cv::Scalar(255, 255, 255), -1);
    const DocumentQuality quality = assess(frame);
    EXPECT_TRUE(hasIssue(quality, QualityIssue::Glare));
    EXPECT_EQ(quality.glareWhere, "bottom lines");
    EXPECT_GT(quality.glare, 0.005);
}

TEST(DocumentQualityTest, GlareNearTheTopIsOnTheTop) {
    cv::Mat frame = easyFrame();
    const Outline outline = *assess(frame).outline;
    const cv::Point top(static_cast<int>((outline[0].x + outline[1].x) / 2.0F),
                        static_cast<int>(outline[0].y + (outline[3].y - outline[0].y) * 0.15F));
    cv::circle(frame, top, 30, cv::Scalar(255, 255, 255), -1);
    const DocumentQuality quality = assess(frame);
    EXPECT_TRUE(hasIssue(quality, QualityIssue::Glare));
    EXPECT_EQ(quality.glareWhere, "top");
}

TEST(DocumentQualityTest, ASmallDocumentIsTooFar) {
    const DocumentQuality quality = assess(scaledInto(easyFrame(), 0.4, {380, 220}));
    ASSERT_TRUE(quality.outline.has_value());
    EXPECT_EQ(quality.issues.front(), QualityIssue::TooFar);
}

TEST(DocumentQualityTest, ADocumentOverTheEdgeIsNotWhollyVisible) {
    const DocumentQuality quality = assess(scaledInto(easyFrame(), 1.0, {420, 0}));
    ASSERT_TRUE(quality.outline.has_value());
    EXPECT_FALSE(quality.wholeVisible);
    EXPECT_EQ(quality.issues.front(), QualityIssue::NotWhollyVisible);
}

TEST(DocumentQualityTest, ADocumentFillingTheFrameIsTooClose) {
    const DocumentQuality quality = assess(scaledInto(easyFrame(), 1.9, {-560, -320}));
    ASSERT_FALSE(quality.issues.empty());
    EXPECT_EQ(quality.issues.front(), QualityIssue::TooClose);
}

TEST(DocumentQualityTest, ATurnedDocumentIsTilted) {
    const core::Image turned = test::rotateFrame(test::loadFrame("td1-easy.jpg"), 25.0);
    auto quality = assessDocument(turned);
    ASSERT_TRUE(quality.has_value());
    EXPECT_NEAR(quality->turn, 25.0, 2.0);
    EXPECT_TRUE(hasIssue(*quality, QualityIssue::Tilted));
}

TEST(DocumentQualityTest, ALeaningDocumentIsTilted) {
    const cv::Mat frame = easyFrame();
    const std::vector<cv::Point2f> from = {{0, 0}, {1279, 0}, {1279, 719}, {0, 719}};
    const std::vector<cv::Point2f> to = {{200, 60}, {1080, 60}, {1279, 719}, {0, 719}};
    cv::Mat leaning;
    cv::warpPerspective(frame, leaning, cv::getPerspectiveTransform(from, to), frame.size(),
                        cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    const DocumentQuality quality = assess(leaning);
    EXPECT_GT(quality.lean, 0.15);
    EXPECT_TRUE(hasIssue(quality, QualityIssue::Tilted));
}

TEST(DocumentQualityTest, WorksOnEveryPixelFormat) {
    const core::Image frame = test::loadFrame("td3-easy.jpg");
    for (const auto format : {core::PixelFormat::Gray8, core::PixelFormat::Rgb24,
                              core::PixelFormat::Rgba32, core::PixelFormat::Yuyv}) {
        auto quality = assessDocument(test::convertFrame(frame, format));
        ASSERT_TRUE(quality.has_value());
        EXPECT_TRUE(quality->good()) << static_cast<int>(format);
    }
    EXPECT_EQ(assessDocument(core::Image{}).error().code, core::Errc::InvalidArgument);
}

TEST(DocumentCropTest, StraightensTheCardIntoAPictureOfTheCardAlone) {
    const core::Image frame = test::rotateFrame(test::loadFrame("td1-easy.jpg"), 8.0);
    const auto quality = assessDocument(frame);
    ASSERT_TRUE(quality.has_value() && quality->outline.has_value());
    const auto page = cropDocument(frame, *quality->outline);
    ASSERT_TRUE(page.has_value());
    EXPECT_EQ(page->format, core::PixelFormat::Bgr24);
    EXPECT_NEAR(static_cast<double>(page->width) / page->height, 85.6 / 53.98, 0.08);
    // Cut along the edges, the picture holds paper to its borders, no desk.
    const cv::Mat picture = toMat(*page);
    const int inset = 6;
    cv::Mat border = cv::Mat::ones(picture.size(), CV_8UC1) * 255;
    border(cv::Rect(inset, inset, picture.cols - 2 * inset, picture.rows - 2 * inset)) = 0;
    cv::Mat frameMat = toMat(frame);
    EXPECT_GT(cv::mean(picture, border)[0], cv::mean(frameMat(cv::Rect(0, 0, 40, 40)))[0] + 80.0);
}

TEST(DocumentCropTest, KeepsTheLongSideWithinTheLimit) {
    const core::Image frame = test::loadFrame("td3-easy.jpg");
    const Outline outline = *assessDocument(frame)->outline;
    const auto page = cropDocument(frame, outline, 400);
    ASSERT_TRUE(page.has_value());
    EXPECT_EQ(std::max(page->width, page->height), 400);
}

TEST(DocumentCropTest, EncodesAJpegThatDecodesToThePage) {
    const core::Image frame = test::loadFrame("td3-easy.jpg");
    const auto page = cropDocument(frame, *assessDocument(frame)->outline);
    ASSERT_TRUE(page.has_value());
    const auto jpeg = encodeJpeg(*page, 85);
    ASSERT_TRUE(jpeg.has_value());
    ASSERT_GT(jpeg->size(), 1000U);
    EXPECT_EQ((*jpeg)[0], 0xFF);
    EXPECT_EQ((*jpeg)[1], 0xD8);
    const cv::Mat decoded = cv::imdecode(*jpeg, cv::IMREAD_COLOR);
    EXPECT_EQ(decoded.cols, page->width);
    EXPECT_EQ(decoded.rows, page->height);
}

TEST(DocumentCropTest, ScalesAPreviewToRgbWithinABox) {
    const auto preview = scaleToRgb(test::loadFrame("td3-easy.jpg"), 640, 640);
    ASSERT_TRUE(preview.has_value());
    EXPECT_EQ(preview->format, core::PixelFormat::Rgb24);
    EXPECT_EQ(preview->width, 640);
    EXPECT_EQ(preview->height, 360);
}

TEST(DocumentQualityTest, EveryIssueHasAKeyAndAnExplanation) {
    for (int value = 0; value <= static_cast<int>(QualityIssue::Blurred); ++value) {
        const auto issue = static_cast<QualityIssue>(value);
        EXPECT_FALSE(qualityIssueKey(issue).empty());
        EXPECT_FALSE(qualityIssueText(issue).empty());
    }
}

}  // namespace
}  // namespace balie::drivers::vision
