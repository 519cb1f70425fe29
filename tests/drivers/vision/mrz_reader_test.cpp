// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/drivers/vision/mrz_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "test_frames.h"

namespace balie::drivers::vision {
namespace {

class MrzReaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = MrzReader::create(test::modelDirectory());
        ASSERT_TRUE(created.has_value()) << created.error().message;
        reader_.emplace(std::move(*created));
    }

    std::optional<MrzReader> reader_;
};

TEST_F(MrzReaderTest, ParsesTheFieldsOfAPassport) {
    const auto truth = test::frameTruth("td3-easy.jpg");
    const auto reading = reader_->read(test::loadFrame("td3-easy.jpg"));
    ASSERT_TRUE(reading.has_value());
    ASSERT_TRUE(reading->mrz.has_value());
    EXPECT_EQ(reading->mrz->format, core::MrzFormat::Td3);
    EXPECT_EQ(reading->mrz->lines, truth.lines);
    EXPECT_EQ(reading->mrz->birthDate, truth.lines[1].substr(13, 6));
}

TEST_F(MrzReaderTest, ReportsAFailingCheckDigitAsInvalid) {
    const auto truth = test::frameTruth("td3-bad-check.jpg");
    const auto reading = reader_->read(test::loadFrame("td3-bad-check.jpg"));
    ASSERT_TRUE(reading.has_value());
    EXPECT_EQ(reading->lines, truth.lines) << "the print is read as it is";
    ASSERT_TRUE(reading->mrz.has_value());
    EXPECT_FALSE(reading->valid());
    for (const auto& check : reading->mrz->checks) {
        EXPECT_EQ(check.passed, check.name != "birth_date" && check.name != "composite")
            << check.name;
    }
}

TEST_F(MrzReaderTest, ReportsNotFoundWithoutZone) {
    const auto reading = reader_->read(test::loadFrame("no-mrz.jpg"));
    ASSERT_FALSE(reading.has_value());
    EXPECT_EQ(reading.error().code, core::Errc::NotFound);
}

TEST_F(MrzReaderTest, RejectsAMalformedFrame) {
    core::Image empty;
    const auto reading = reader_->read(empty);
    ASSERT_FALSE(reading.has_value());
    EXPECT_EQ(reading.error().code, core::Errc::InvalidArgument);
}

TEST(MrzReaderCreateTest, ReportsAMissingModel) {
    const auto reader = MrzReader::create("/nonexistent/balie/tessdata");
    ASSERT_FALSE(reader.has_value());
    EXPECT_EQ(reader.error().code, core::Errc::Config);
}

TEST_F(MrzReaderTest, ReadsADocumentLyingUpsideDown) {
    for (const char* file : {"td3-easy.jpg", "td1-easy.jpg"}) {
        SCOPED_TRACE(file);
        const auto truth = test::frameTruth(file);
        const auto reading = reader_->read(test::rotateFrame(test::loadFrame(file), 180.0));
        ASSERT_TRUE(reading.has_value());
        EXPECT_TRUE(reading->upsideDown);
        EXPECT_EQ(reading->lines, truth.lines);
        EXPECT_TRUE(reading->valid());
    }
}

TEST_F(MrzReaderTest, AnUprightDocumentIsNotUpsideDown) {
    const auto reading = reader_->read(test::loadFrame("td3-easy.jpg"));
    ASSERT_TRUE(reading.has_value());
    EXPECT_FALSE(reading->upsideDown);
}

TEST_F(MrzReaderTest, AnUprightDocumentAfterAnUpsideDownOneReadsUpright) {
    const core::Image frame = test::loadFrame("td3-easy.jpg");
    ASSERT_TRUE(reader_->read(test::rotateFrame(frame, 180.0)).has_value());
    const auto reading = reader_->read(frame);
    ASSERT_TRUE(reading.has_value());
    EXPECT_FALSE(reading->upsideDown);
    EXPECT_EQ(reading->lines, test::frameTruth("td3-easy.jpg").lines);
}

}  // namespace
}  // namespace balie::drivers::vision
