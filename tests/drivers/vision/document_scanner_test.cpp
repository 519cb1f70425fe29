// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/drivers/vision/document_scanner.h"

#include <gtest/gtest.h>

#include <optional>
#include <utility>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "test_frames.h"

namespace balie::drivers::vision {
namespace {

class DocumentScannerTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = DocumentScanner::create(test::modelDirectory());
        ASSERT_TRUE(created.has_value()) << created.error().message;
        scanner_.emplace(std::move(*created));
    }

    ScanResult scan(const core::Image& frame) {
        auto result = scanner_->scan(frame);
        EXPECT_TRUE(result.has_value()) << result.error().message;
        return result.value_or(ScanResult{});
    }

    std::optional<DocumentScanner> scanner_;
};

TEST_F(DocumentScannerTest, ReportsTheZoneOnlyOnceThreeFramesAgree) {
    const auto truth = test::frameTruth("td3-easy.jpg");
    const core::Image frame = test::loadFrame("td3-easy.jpg");
    const ScanResult first = scan(frame);
    EXPECT_EQ(first.agreement, 1);
    EXPECT_FALSE(first.agreedMrz.has_value());
    EXPECT_FALSE(first.capture.has_value());
    const ScanResult second = scan(frame);
    EXPECT_EQ(second.agreement, 2);
    EXPECT_FALSE(second.agreedMrz.has_value());
    const ScanResult third = scan(frame);
    EXPECT_EQ(third.agreement, 3);
    ASSERT_TRUE(third.agreedMrz.has_value());
    EXPECT_EQ(third.agreedMrz->lines, truth.lines);
    EXPECT_TRUE(third.steady);
    EXPECT_FLOAT_EQ(third.steadiness, 1.0F);
}

TEST_F(DocumentScannerTest, CapturesTheSteadyReadPageAutomaticallyOnce) {
    const core::Image frame = test::loadFrame("td3-easy.jpg");
    std::optional<CapturedDocument> captured;
    int captures = 0;
    for (int i = 0; i < 5; ++i) {
        ScanResult result = scan(frame);
        if (result.capture.has_value()) {
            captured = std::move(result.capture);
            ++captures;
        }
    }
    EXPECT_EQ(captures, 1) << "a page that stays is captured once";
    ASSERT_TRUE(captured.has_value());
    ASSERT_TRUE(captured->mrz.has_value());
    EXPECT_EQ(captured->mrz->lines, test::frameTruth("td3-easy.jpg").lines);
    EXPECT_GE(captured->agreement, 3);
    const cv::Mat decoded = cv::imdecode(captured->jpeg.encoded, cv::IMREAD_COLOR);
    EXPECT_EQ(decoded.cols, captured->jpeg.width);
    EXPECT_EQ(decoded.rows, captured->jpeg.height);
    EXPECT_GT(captured->jpeg.width, captured->jpeg.height) << "the page lies landscape";
}

TEST_F(DocumentScannerTest, NeverReportsAZoneWhoseCheckDigitsFail) {
    auto created = DocumentScanner::create(test::modelDirectory(), {.patienceFrames = 4});
    ASSERT_TRUE(created.has_value());
    const core::Image frame = test::loadFrame("td3-bad-check.jpg");
    std::optional<CapturedDocument> captured;
    for (int i = 0; i < 6; ++i) {
        auto result = created->scan(frame);
        ASSERT_TRUE(result.has_value());
        EXPECT_EQ(result->agreement, 0);
        EXPECT_FALSE(result->agreedMrz.has_value());
        if (result->capture.has_value()) {
            captured = std::move(result->capture);
        }
    }
    ASSERT_TRUE(captured.has_value()) << "after its patience the page is captured without reading";
    EXPECT_FALSE(captured->mrz.has_value());
}

TEST_F(DocumentScannerTest, AMovingDocumentIsNeitherSteadyNorCaptured) {
    const core::Image frame = test::loadFrame("td3-easy.jpg");
    const core::Image turned = test::rotateFrame(frame, 4.0);
    for (int i = 0; i < 4; ++i) {
        const ScanResult result = scan(i % 2 == 0 ? frame : turned);
        EXPECT_FALSE(result.steady);
        EXPECT_FALSE(result.capture.has_value());
        EXPECT_LT(result.steadiness, 1.0F);
    }
}

TEST_F(DocumentScannerTest, AnotherDocumentStartsTheAgreementAgain) {
    const core::Image passport = test::loadFrame("td3-easy.jpg");
    const core::Image card = test::loadFrame("td1-easy.jpg");
    scan(passport);
    scan(passport);
    const ScanResult result = scan(card);
    EXPECT_EQ(result.agreement, 1);
    EXPECT_FALSE(result.agreedMrz.has_value());
}

TEST_F(DocumentScannerTest, TwoZonesReadInTurnAreNeitherReported) {
    // Frames of one document that read two different valid zones: the frames cannot tell the
    // misread from the right read, so neither is reported, however often each comes back.
    const core::Image passport = test::loadFrame("td3-easy.jpg");
    const core::Image card = test::loadFrame("td1-easy.jpg");
    for (int i = 0; i < 8; ++i) {
        const ScanResult result = scan(i % 2 == 0 ? passport : card);
        ASSERT_TRUE(result.reading.has_value());
        EXPECT_TRUE(result.reading->valid());
        EXPECT_FALSE(result.agreedMrz.has_value()) << "frame " << i;
    }
}

TEST_F(DocumentScannerTest, APageWithoutZoneIsCapturedWhenSteady) {
    const core::Image frame = test::loadFrame("no-mrz.jpg");
    std::optional<CapturedDocument> captured;
    for (int i = 0; i < 3; ++i) {
        ScanResult result = scan(frame);
        EXPECT_FALSE(result.reading.has_value());
        if (result.capture.has_value()) {
            captured = std::move(result.capture);
        }
    }
    ASSERT_TRUE(captured.has_value());
    EXPECT_FALSE(captured->mrz.has_value());
}

TEST_F(DocumentScannerTest, CapturesNowWhateverTheGuidanceSays) {
    const core::Image frame = test::loadFrame("td2-easy.jpg");
    auto captured = scanner_->captureNow(frame);
    ASSERT_TRUE(captured.has_value());
    EXPECT_FALSE(captured->mrz.has_value()) << "one frame is no agreement";
    EXPECT_FALSE(captured->jpeg.encoded.empty());
    EXPECT_EQ(captured->page.width, captured->jpeg.width);
}

TEST_F(DocumentScannerTest, AnUpsideDownDocumentIsCapturedTheRightWayUp) {
    const core::Image frame = test::rotateFrame(test::loadFrame("td3-easy.jpg"), 180.0);
    // This test is about the page's orientation: the turned frame reads a little less surely.
    auto scanner =
        DocumentScanner::create(test::modelDirectory(), {.minCharacterConfidence = 0.0F});
    ASSERT_TRUE(scanner.has_value());
    std::optional<CapturedDocument> captured;
    for (int i = 0; i < 3; ++i) {
        auto result = scanner->scan(frame);
        ASSERT_TRUE(result.has_value());
        if (result->capture.has_value()) {
            captured = std::move(result->capture);
        }
    }
    ASSERT_TRUE(captured.has_value());
    ASSERT_TRUE(captured->mrz.has_value());
    // Turned upright, the page's zone is in its bottom half: read the page again to see.
    auto reader = MrzReader::create(test::modelDirectory());
    ASSERT_TRUE(reader.has_value());
    auto again = reader->read(captured->page);
    ASSERT_TRUE(again.has_value());
    EXPECT_FALSE(again->upsideDown);
    EXPECT_GT(again->band.y, captured->page.height / 2);
}

TEST_F(DocumentScannerTest, ADoubtfulReadDoesNotConfirmTheZone) {
    auto doubting =
        DocumentScanner::create(test::modelDirectory(), {.minCharacterConfidence = 1.01F});
    ASSERT_TRUE(doubting.has_value());
    const core::Image frame = test::loadFrame("td3-easy.jpg");
    for (int i = 0; i < 4; ++i) {
        auto result = doubting->scan(frame);
        ASSERT_TRUE(result.has_value());
        ASSERT_TRUE(result->reading.has_value());
        EXPECT_TRUE(result->reading->valid());
        EXPECT_EQ(result->agreement, 0);
        EXPECT_FALSE(result->agreedMrz.has_value());
    }
}

TEST(ReadStillTest, AStillImageAgreesWithItselfOnly) {
    auto reader = MrzReader::create(test::modelDirectory());
    ASSERT_TRUE(reader.has_value());
    auto good = readStill(*reader, test::loadFrame("td1-easy.jpg"));
    ASSERT_TRUE(good.has_value());
    EXPECT_EQ(good->agreement, 1);
    EXPECT_TRUE(good->quality.good());
    auto bad = readStill(*reader, test::loadFrame("td3-bad-check.jpg"));
    ASSERT_TRUE(bad.has_value());
    EXPECT_EQ(bad->agreement, 0);
    ASSERT_TRUE(bad->reading.has_value());
    EXPECT_FALSE(bad->reading->valid());
    auto none = readStill(*reader, test::loadFrame("no-mrz.jpg"));
    ASSERT_TRUE(none.has_value());
    EXPECT_FALSE(none->reading.has_value());
    EXPECT_EQ(none->agreement, 0);
}

}  // namespace
}  // namespace balie::drivers::vision
