// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/drivers/vision/mrz_doubt.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

namespace balie::drivers::vision {
namespace {

using core::MrzFormat;

// The ICAO 9303 Part 4 specimen: document number L898902C3, personal number ZE184226B.
const std::vector<std::string> kPassport = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                            "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};

// The specimen read with full confidence and no runner-up anywhere.
std::vector<OcrLine> sureReads(const std::vector<std::string>& lines) {
    std::vector<OcrLine> reads;
    for (const std::string& line : lines) {
        OcrLine read;
        read.text = line;
        read.confidences.assign(line.size(), 0.99F);
        read.alternatives.resize(line.size());
        reads.push_back(read);
    }
    return reads;
}

TEST(MrzDoubtTest, ASureReadWithoutRunnersUpHasNoDoubt) {
    const MrzDoubt doubt = mrzDoubt(MrzFormat::Td3, sureReads(kPassport), kPassport);
    EXPECT_FLOAT_EQ(doubt.weakestUnguarded, 0.99F);
    EXPECT_FLOAT_EQ(doubt.strongestRival, 0.0F);
}

TEST(MrzDoubtTest, ARunnerUpInTheNameCounts) {
    auto reads = sureReads(kPassport);
    reads[0].alternatives[20] = {{'N', 0.7F}};  // the M of MARIA
    EXPECT_FLOAT_EQ(mrzDoubt(MrzFormat::Td3, reads, kPassport).strongestRival, 0.7F);
}

TEST(MrzDoubtTest, ARunnerUpTheCheckDigitWouldSeeDoesNotCount) {
    auto reads = sureReads(kPassport);
    reads[1].alternatives[0] = {{'I', 0.9F}};   // L (21) or I (18): the number's check tells
    reads[1].alternatives[7] = {{'D', 0.8F}};   // C (12) or D (13)
    reads[1].alternatives[28] = {{'2', 0.9F}};  // Z (35) or 2: the personal number's check
    EXPECT_FLOAT_EQ(mrzDoubt(MrzFormat::Td3, reads, kPassport).strongestRival, 0.0F);
}

TEST(MrzDoubtTest, ARunnerUpTheCheckDigitCannotSeeCounts) {
    auto reads = sureReads(kPassport);
    reads[1].alternatives[7] = {{'M', 0.6F}};  // C (12) and M (22) weigh alike modulo 10
    EXPECT_FLOAT_EQ(mrzDoubt(MrzFormat::Td3, reads, kPassport).strongestRival, 0.6F);
    reads[1].alternatives[0] = {{'1', 0.7F}};  // so do L (21) and 1
    EXPECT_FLOAT_EQ(mrzDoubt(MrzFormat::Td3, reads, kPassport).strongestRival, 0.7F);
}

TEST(MrzDoubtTest, ARunnerUpCountsAsTheSlotWouldCorrectIt) {
    auto reads = sureReads(kPassport);
    // In the birth date, a B would become 8 and an O a 0: the check digit sees both.
    reads[1].alternatives[14] = {{'B', 0.9F}};  // 7408122: the 4
    reads[1].alternatives[15] = {{'O', 0.9F}};  // the 0 itself, once corrected
    EXPECT_FLOAT_EQ(mrzDoubt(MrzFormat::Td3, reads, kPassport).strongestRival, 0.0F);
}

TEST(MrzDoubtTest, TheWeakestCharacterIsTakenWhereNoCheckDigitWatches) {
    auto reads = sureReads(kPassport);
    reads[1].confidences[3] = 0.3F;   // in the document number: its check watches it
    reads[1].confidences[20] = 0.6F;  // the sex: nothing watches it
    EXPECT_FLOAT_EQ(mrzDoubt(MrzFormat::Td3, reads, kPassport).weakestUnguarded, 0.6F);
}

TEST(MrzDoubtTest, EveryCharacterCountsInALineTheCorrectionResized) {
    auto reads = sureReads(kPassport);
    reads[1].text += '<';  // read one filler too many: places are lost
    reads[1].confidences.push_back(0.99F);
    reads[1].alternatives.emplace_back();
    reads[1].confidences[3] = 0.3F;
    reads[1].alternatives[0] = {{'I', 0.9F}};
    const MrzDoubt doubt = mrzDoubt(MrzFormat::Td3, reads, kPassport);
    EXPECT_FLOAT_EQ(doubt.weakestUnguarded, 0.3F);
    EXPECT_FLOAT_EQ(doubt.strongestRival, 0.9F);
}

}  // namespace
}  // namespace balie::drivers::vision
