// SPDX-License-Identifier: GPL-3.0-or-later
// `balie ocr`, run as a technician would, on the committed synthetic frames.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.h"

namespace balie::test {
namespace {

const std::string kData = BALIE_TEST_VISION_DATA_DIR;

class OcrCommandTest : public ::testing::Test {
protected:
    // Tesseract's OpenMP runtime reads this when the program loads; the product runs with it.
    void SetUp() override { ::setenv("OMP_THREAD_LIMIT", "1", 1); }

    static ProcessResult ocr(std::vector<std::string> images, bool json = true) {
        std::vector<std::string> args = {"ocr", "--model", BALIE_TEST_MODEL_DIR};
        if (json) {
            args.emplace_back("--json");
        }
        args.insert(args.end(), images.begin(), images.end());
        return runProcess(BALIE_CLI_PATH, args);
    }

    static std::vector<nlohmann::json> objects(const std::string& out) {
        std::vector<nlohmann::json> parsed;
        std::istringstream lines(out);
        for (std::string line; std::getline(lines, line);) {
            parsed.push_back(nlohmann::json::parse(line));
        }
        return parsed;
    }
};

TEST_F(OcrCommandTest, PrintsOneObjectPerImageWithTheReadZoneAndItsFields) {
    const ProcessResult result = ocr({kData + "/td3-easy.jpg", kData + "/td1-medium.jpg"});
    EXPECT_EQ(result.exitCode, 0) << result.err;
    const auto lines = objects(result.out);
    ASSERT_EQ(lines.size(), 2U);
    const nlohmann::json& passport = lines[0];
    std::set<std::string> keys;
    for (const auto& item : passport.items()) {
        keys.insert(item.key());
    }
    for (const char* key : {"file", "mrz", "valid", "fields", "quality", "elapsed_ms"}) {
        EXPECT_TRUE(keys.contains(key)) << key;
    }
    EXPECT_EQ(passport["file"], kData + "/td3-easy.jpg");
    EXPECT_EQ(passport["mrz"], nlohmann::json({"P<PRTDE<JONG<<ALI<<<<<<<<<<<<<<<<<<<<<<<<<<<",
                                               "PD14717820ITA5011047F3709186<<<<<<<<<<<<<<02"}));
    EXPECT_EQ(passport["valid"], true);
    EXPECT_EQ(passport["agreement"], 1);
    EXPECT_EQ(passport["fields"]["format"], "TD3");
    EXPECT_EQ(passport["fields"]["surname"], "DE JONG");
    EXPECT_EQ(passport["fields"]["birth_date"], "501104");
    EXPECT_EQ(passport["quality"]["good"], true);
    EXPECT_EQ(passport["quality"]["reasons"], nlohmann::json::array());
    EXPECT_GE(passport["elapsed_ms"].get<int>(), 0);
    EXPECT_EQ(lines[1]["fields"]["format"], "TD1");
    EXPECT_EQ(lines[1]["valid"], true);
}

TEST_F(OcrCommandTest, AFailingCheckDigitIsReadButInvalid) {
    const ProcessResult result = ocr({kData + "/td3-bad-check.jpg"});
    EXPECT_EQ(result.exitCode, 1) << result.err;
    const auto lines = objects(result.out);
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0]["valid"], false);
    EXPECT_EQ(lines[0]["agreement"], 0);
    EXPECT_EQ(lines[0]["fields"]["checks"]["birth_date"], false);
}

TEST_F(OcrCommandTest, AnImageWithoutZoneHasNullMrz) {
    const ProcessResult result = ocr({kData + "/no-mrz.jpg"});
    EXPECT_EQ(result.exitCode, 1);
    const auto lines = objects(result.out);
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_TRUE(lines[0]["mrz"].is_null());
    EXPECT_TRUE(lines[0]["fields"].is_null());
    EXPECT_EQ(lines[0]["quality"]["document_found"], true);
}

TEST_F(OcrCommandTest, AnUnreadableFileIsReportedAndTheOthersStillRead) {
    const ProcessResult result = ocr({kData + "/truth.txt", kData + "/td3-easy.jpg"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("truth.txt is not an image"), std::string::npos) << result.err;
    const auto lines = objects(result.out);
    ASSERT_EQ(lines.size(), 2U);
    EXPECT_TRUE(lines[0]["quality"].is_null());
    EXPECT_EQ(lines[1]["valid"], true);
}

TEST_F(OcrCommandTest, PrintsASummaryWithoutJson) {
    const ProcessResult result = ocr({kData + "/td3-easy.jpg"}, false);
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_NE(result.out.find("valid TD3 zone"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("PD14717820ITA5011047F3709186"), std::string::npos);
}

TEST_F(OcrCommandTest, WithoutImagesIsAUsageError) {
    const ProcessResult result = runProcess(BALIE_CLI_PATH, {"ocr", "--json"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.err, "balie: ocr needs at least one IMAGE\n");
    EXPECT_EQ(runProcess(BALIE_CLI_PATH, {"ocr", "--fast", "x.jpg"}).exitCode, 2);
}

TEST_F(OcrCommandTest, AMissingModelIsAClearError) {
    const ProcessResult result =
        runProcess(BALIE_CLI_PATH, {"ocr", "--model", "/nonexistent", kData + "/td3-easy.jpg"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("OCR model not found"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace balie::test
