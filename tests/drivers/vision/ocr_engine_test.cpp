// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/drivers/vision/ocr_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <utility>

#include "test_frames.h"

namespace balie::drivers::vision {
namespace {

TEST(OcrEngineTest, ReadsARenderedMrzLineExactly) {
    auto engine = OcrEngine::create(test::modelDirectory());
    ASSERT_TRUE(engine.has_value()) << engine.error().message;
    const auto truth = test::frameTruth("line-td3.png");
    ASSERT_EQ(truth.lines.size(), 1U);
    const auto line = engine->readLine(test::loadFrame("line-td3.png"));
    ASSERT_TRUE(line.has_value()) << line.error().message;
    EXPECT_EQ(line->text, truth.lines[0]);
    EXPECT_EQ(line->confidences.size(), line->text.size());
    EXPECT_GT(line->confidence, 0.5F);
    EXPECT_LE(line->confidence, 1.0F);
    ASSERT_EQ(line->alternatives.size(), line->text.size());
    for (std::size_t i = 0; i < line->alternatives.size(); ++i) {
        for (const OcrAlternative& alternative : line->alternatives[i]) {
            EXPECT_NE(alternative.character, line->text[i]);
            EXPECT_LT(alternative.confidence, line->confidences[i])
                << "a clean line has no close runner-up";
        }
        EXPECT_TRUE(std::is_sorted(line->alternatives[i].begin(), line->alternatives[i].end(),
                                   [](const OcrAlternative& a, const OcrAlternative& b) {
                                       return a.confidence > b.confidence;
                                   }));
    }
}

TEST(OcrEngineTest, ReadsTheSameAfterBeingMoved) {
    auto created = OcrEngine::create(test::modelDirectory());
    ASSERT_TRUE(created.has_value());
    OcrEngine engine = std::move(*created);
    const auto line = engine.readLine(
        test::convertFrame(test::loadFrame("line-td3.png"), core::PixelFormat::Gray8));
    ASSERT_TRUE(line.has_value());
    EXPECT_EQ(line->text, test::frameTruth("line-td3.png").lines[0]);
}

TEST(OcrEngineTest, FindsNoTextOnBlankPaper) {
    auto engine = OcrEngine::create(test::modelDirectory());
    ASSERT_TRUE(engine.has_value());
    core::Image blank{400, 40, 400, core::PixelFormat::Gray8,
                      std::vector<std::uint8_t>(16000, 230)};
    const auto line = engine->readLine(blank);
    ASSERT_TRUE(line.has_value());
    EXPECT_EQ(line->text, "");
    EXPECT_EQ(line->confidence, 0.0F);
}

TEST(OcrEngineTest, RejectsAMalformedImage) {
    auto engine = OcrEngine::create(test::modelDirectory());
    ASSERT_TRUE(engine.has_value());
    core::Image truncated{100, 20, 100, core::PixelFormat::Gray8, std::vector<std::uint8_t>(50)};
    const auto line = engine->readLine(truncated);
    ASSERT_FALSE(line.has_value());
    EXPECT_EQ(line.error().code, core::Errc::InvalidArgument);
}

TEST(OcrEngineTest, ReportsAMissingModelAsAConfigurationError) {
    const auto engine = OcrEngine::create("/nonexistent/balie/tessdata");
    ASSERT_FALSE(engine.has_value());
    EXPECT_EQ(engine.error().code, core::Errc::Config);
    EXPECT_NE(engine.error().message.find("mrz.traineddata"), std::string::npos);
}

TEST(OcrEngineTest, ReportsAModelTesseractCannotLoad) {
    const auto directory = std::filesystem::temp_directory_path() / "balie-vision-bad-model";
    std::filesystem::create_directories(directory);
    std::ofstream(directory / "broken.traineddata") << "not a model";
    const auto engine = OcrEngine::create(directory, "broken");
    std::filesystem::remove_all(directory);
    ASSERT_FALSE(engine.has_value());
    EXPECT_EQ(engine.error().code, core::Errc::Ocr);
}

}  // namespace
}  // namespace balie::drivers::vision
