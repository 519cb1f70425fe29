// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/drivers/vision/mrz_correction.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "balie/core/mrz.h"
#include "balie/core/mrz_check_digit.h"

namespace balie::drivers::vision {
namespace {

using core::MrzFormat;

// ICAO 9303 specimens (Part 4 for the passport, Part 5 for the card).
const std::vector<std::string> kPassport = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                            "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};
const std::vector<std::string> kCard = {"I<UTOD231458907<<<<<<<<<<<<<<<",
                                        "7408122F1204159UTO<<<<<<<<<<<6",
                                        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};

TEST(MrzCorrectionTest, GuessesTheFormatFromTheShapeOfTheLines) {
    EXPECT_EQ(guessMrzFormat(kCard), MrzFormat::Td1);
    EXPECT_EQ(guessMrzFormat(kPassport), MrzFormat::Td3);
    const std::vector<std::string> td2 = {std::string(36, 'A'), std::string(36, '1')};
    EXPECT_EQ(guessMrzFormat(td2), MrzFormat::Td2);
    const std::vector<std::string> visaB = {"V<" + std::string(34, 'A'), std::string(36, '1')};
    EXPECT_EQ(guessMrzFormat(visaB), MrzFormat::MrvB);
    const std::vector<std::string> visaA = {"V<" + std::string(42, 'A'), std::string(44, '1')};
    EXPECT_EQ(guessMrzFormat(visaA), MrzFormat::MrvA);
    const std::vector<std::string> shortPassport = {std::string(42, 'P'), std::string(43, '1')};
    EXPECT_EQ(guessMrzFormat(shortPassport), MrzFormat::Td3) << "a few characters lost";
}

TEST(MrzCorrectionTest, GuessesNothingForOtherShapes) {
    EXPECT_EQ(guessMrzFormat(std::vector<std::string>{kPassport[0]}), std::nullopt);
    const std::vector<std::string> four = {kCard[0], kCard[1], kCard[2], kCard[2]};
    EXPECT_EQ(guessMrzFormat(four), std::nullopt);
    const std::vector<std::string> between = {std::string(40, 'A'), std::string(40, '1')};
    EXPECT_EQ(guessMrzFormat(between), std::nullopt);
    const std::vector<std::string> shortCard = {std::string(25, 'A'), std::string(25, '1'),
                                                std::string(25, 'B')};
    EXPECT_EQ(guessMrzFormat(shortCard), std::nullopt);
}

TEST(MrzCorrectionTest, HasASlotForEveryPositionOfEveryLine) {
    for (const auto format :
         {MrzFormat::Td1, MrzFormat::Td2, MrzFormat::Td3, MrzFormat::MrvA, MrzFormat::MrvB}) {
        for (int line = 0; line < core::mrzLineCount(format); ++line) {
            EXPECT_EQ(mrzSlots(format, line).size(),
                      static_cast<std::size_t>(core::mrzLineLength(format)));
        }
        EXPECT_TRUE(mrzSlots(format, core::mrzLineCount(format)).empty());
        EXPECT_TRUE(mrzSlots(format, -1).empty());
    }
}

TEST(MrzCorrectionTest, SlotsFollowTheFieldsOfEachFormat) {
    const auto passport = mrzSlots(MrzFormat::Td3, 1);
    EXPECT_EQ(passport[0], MrzSlot::Any);              // document number
    EXPECT_EQ(passport[9], MrzSlot::DigitOrFiller);    // its check digit
    EXPECT_EQ(passport[10], MrzSlot::LetterOrFiller);  // nationality
    EXPECT_EQ(passport[13], MrzSlot::DigitOrFiller);   // birth date, '<' when unknown
    EXPECT_EQ(passport[20], MrzSlot::Sex);
    EXPECT_EQ(passport[21], MrzSlot::Digit);  // expiry date
    EXPECT_EQ(passport[28], MrzSlot::Any);    // personal number
    EXPECT_EQ(passport[42], MrzSlot::DigitOrFiller);
    EXPECT_EQ(passport[43], MrzSlot::Digit);  // composite
    EXPECT_EQ(mrzSlots(MrzFormat::MrvA, 1)[43], MrzSlot::Any) << "visas have no composite";
    EXPECT_EQ(mrzSlots(MrzFormat::MrvB, 1)[9], MrzSlot::Digit) << "no long visa numbers";
    EXPECT_EQ(mrzSlots(MrzFormat::Td3, 0)[0], MrzSlot::Letter);
    EXPECT_EQ(mrzSlots(MrzFormat::Td3, 0)[20], MrzSlot::LetterOrFiller);
    const auto card = mrzSlots(MrzFormat::Td1, 0);
    EXPECT_EQ(card[14], MrzSlot::DigitOrFiller) << "'<' when the number overflows";
    EXPECT_EQ(card[20], MrzSlot::Any);
    EXPECT_EQ(mrzSlots(MrzFormat::Td1, 1)[7], MrzSlot::Sex);
    EXPECT_EQ(mrzSlots(MrzFormat::Td1, 1)[29], MrzSlot::Digit);
    EXPECT_EQ(mrzSlots(MrzFormat::Td1, 2)[0], MrzSlot::LetterOrFiller);
}

TEST(MrzCorrectionTest, LeavesACorrectZoneAsItIs) {
    const auto passport = correctMrzLines(MrzFormat::Td3, kPassport);
    EXPECT_EQ(passport.lines, kPassport);
    EXPECT_EQ(passport.changes, 0);
    const auto card = correctMrzLines(MrzFormat::Td1, kCard);
    EXPECT_EQ(card.lines, kCard);
    EXPECT_EQ(card.changes, 0);
}

TEST(MrzCorrectionTest, SwapsLookAlikesByWhatEachPositionMayHold) {
    const std::vector<std::string> misread = {"P<UT0ERIKSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<",
                                              "L898902C36UT07408I22F12O4159ZE184226B<<<<<1O"};
    const auto corrected = correctMrzLines(MrzFormat::Td3, misread);
    EXPECT_EQ(corrected.lines, kPassport);
    EXPECT_EQ(corrected.changes, 7);
}

TEST(MrzCorrectionTest, KeepsLookAlikesWhereAnyCharacterFits) {
    // Document numbers and optional data may hold letters and digits alike; only O and 0 are
    // ever swapped, and only to fit a check digit.
    const std::vector<std::string> lines = {kPassport[0],
                                            "L89B902C36UTO7408122F1204159ZE1842Z6B<<<<<10"};
    const auto corrected = correctMrzLines(MrzFormat::Td3, lines);
    EXPECT_EQ(corrected.lines, lines);
    EXPECT_EQ(corrected.changes, 0);
}

TEST(MrzCorrectionTest, TurnsKIntoTheFillerWhereOnlyDigitsOrFillersBelong) {
    const std::vector<std::string> lines = {kPassport[0],
                                            "L898902C36UTO7408122K1204159<<<<<<<<<<<<<<K4"};
    const auto corrected = correctMrzLines(MrzFormat::Td3, lines);
    EXPECT_EQ(corrected.lines[1], "L898902C36UTO7408122<1204159<<<<<<<<<<<<<<<4");
    EXPECT_EQ(corrected.changes, 2);
}

TEST(MrzCorrectionTest, RestoresADroppedFillerInTheLongestRun) {
    const std::vector<std::string> lines = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<",
                                            kPassport[1]};
    const auto corrected = correctMrzLines(MrzFormat::Td3, lines);
    EXPECT_EQ(corrected.lines, kPassport);
    EXPECT_EQ(corrected.changes, 1);
}

TEST(MrzCorrectionTest, RemovesDoubledFillersFromTheLongestRun) {
    const std::vector<std::string> lines = {kCard[0], kCard[1], "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<"};
    const auto corrected = correctMrzLines(MrzFormat::Td1, lines);
    EXPECT_EQ(corrected.lines, kCard);
    EXPECT_EQ(corrected.changes, 2);
}

TEST(MrzCorrectionTest, PadsOrCutsAtTheEndWhenNoFillerRunCanAbsorbIt) {
    const std::vector<std::string> lines = {"I<UTOD231458907ABCDEFGHIJKLMN",
                                            "7408122F1204159UTO1234567890166", kCard[2]};
    const auto corrected = correctMrzLines(MrzFormat::Td1, lines);
    EXPECT_EQ(corrected.lines[0], "I<UTOD231458907ABCDEFGHIJKLMN<");
    EXPECT_EQ(corrected.lines[1], "7408122F1204159UTO123456789016");
    EXPECT_EQ(corrected.changes, 2);
}

TEST(MrzCorrectionTest, LeavesLinesFarFromTheirLengthAsTheyAre) {
    // Too much is missing to know which character belongs where: no slot is applied either.
    const std::vector<std::string> lines = {"P<UT0ERIKSS0N<<ANNA", kPassport[1]};
    const auto corrected = correctMrzLines(MrzFormat::Td3, lines);
    EXPECT_EQ(corrected.lines[0], "P<UT0ERIKSS0N<<ANNA");
    EXPECT_EQ(corrected.changes, 0);
}

TEST(MrzCorrectionTest, DropsCharactersOutsideTheAlphabet) {
    const std::vector<std::string> lines = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<< ",
                                            "L898902C36UTO7408122F1204159ZE184226B<<<<<1\xc2\xb0"
                                            "0"};
    const auto corrected = correctMrzLines(MrzFormat::Td3, lines);
    EXPECT_EQ(corrected.lines, kPassport);
    EXPECT_EQ(corrected.changes, 3);
}

TEST(MrzCorrectionTest, NeverRepairsAFailingCheckDigit) {
    // The birth date check digit is wrong (3 instead of 2): it stays wrong, and the zone invalid.
    const std::vector<std::string> lines = {kPassport[0],
                                            "L898902C36UTO7408123F1204159ZE184226B<<<<<10"};
    const auto corrected = correctMrzLines(MrzFormat::Td3, lines);
    EXPECT_EQ(corrected.lines, lines);
    const auto mrz = core::parseMrzLines(corrected.lines);
    ASSERT_TRUE(mrz.has_value());
    EXPECT_FALSE(mrz->valid());
}

TEST(MrzCorrectionTest, AZeroInTheDocumentNumberBecomesTheOItsCheckDigitAsksFor) {
    // Read from a generated card: the number is 7O1876112, the engine saw 701876112.
    const std::vector<std::string> read = {"IPCOD7018761127<<<<<<<<<<<<<<<",
                                           "5902073M2812025UZB<<<<<<<<<<<8",
                                           "FISCHER<<OLIVIA<<<<<<<<<<<<<<<"};
    const auto corrected = correctMrzLines(MrzFormat::Td1, read);
    EXPECT_EQ(corrected.lines[0], "IPCOD7O18761127<<<<<<<<<<<<<<<");
    EXPECT_EQ(corrected.changes, 1);
    const auto mrz = core::parseMrzLines(corrected.lines);
    ASSERT_TRUE(mrz.has_value());
    EXPECT_TRUE(mrz->valid());
}

TEST(MrzCorrectionTest, LeavesTheNumberAloneWhenSeveralSwapsWouldFitItsCheckDigit) {
    // O890902C3 read as 0890902C3: swapping either zero (both weighed 7) fits the check digit.
    const std::string number = "O890902C3";
    const char check = core::mrzCheckDigit(number).value();
    std::string line = "0890902C3" + std::string(1, check) + "UTO7408122F1204159ZE184226B<<<<<1";
    line.push_back(
        core::mrzCheckDigit(line.substr(0, 10) + line.substr(13, 7) + line.substr(21, 22)).value());
    const std::vector<std::string> read = {kPassport[0], line};
    EXPECT_EQ(correctMrzLines(MrzFormat::Td3, read).lines[1], line);
}

// A generated residence permit whose optional data 858O only the composite check digit watches.
const std::vector<std::string> kPermit = {"IRINDNL22613804MZN6JNP858O<<<<",
                                          "0211288F3301269LUX<<<<<<<<<<<8",
                                          "GARCIA<<MINH<<<<<<<<<<<<<<<<<<"};

TEST(MrzCorrectionTest, AZeroInOptionalDataBecomesTheOTheCompositeCheckAsksFor) {
    std::vector<std::string> read = kPermit;
    read[0] = "IRINDNL22613804MZN6JNP8580<<<<";
    const auto corrected = correctMrzLines(MrzFormat::Td1, read);
    EXPECT_EQ(corrected.lines, kPermit);
    EXPECT_EQ(corrected.changes, 1);
}

TEST(MrzCorrectionTest, LeavesOptionalDataAloneWhenSeveralSwapsWouldFitTheComposite) {
    // Optional data O<<0 read as 0<<0: the composite weighs both places 7 (its 40th and 43rd
    // characters), so turning either zero into an O fits it.
    std::vector<std::string> truth = kPermit;
    truth[1] = "0211288F3301269LUXO<<0<<<<<<<0";
    truth[1][29] = core::mrzCheckDigit(truth[0].substr(5, 25) + truth[1].substr(0, 7) +
                                       truth[1].substr(8, 7) + truth[1].substr(18, 11))
                       .value();
    ASSERT_TRUE(core::parseMrzLines(truth)->valid());
    std::vector<std::string> read = truth;
    read[1][18] = '0';
    const auto corrected = correctMrzLines(MrzFormat::Td1, read);
    EXPECT_EQ(corrected.lines, read);
    EXPECT_FALSE(core::parseMrzLines(corrected.lines)->valid());
}

TEST(MrzCorrectionTest, LeavesTheCompositeAloneWhenAnotherCheckFails) {
    std::vector<std::string> read = kPermit;
    read[0] = "IRINDNL22613804MZN6JNP8580<<<<";
    read[1][6] = '9';  // the birth date's check digit fails too
    const auto corrected = correctMrzLines(MrzFormat::Td1, read);
    EXPECT_EQ(corrected.lines, read);
}

TEST(MrzCorrectionTest, LeavesANumberWhoseCheckDigitPassesAlone) {
    // The specimen's personal number ZE184226B has no O or 0 to swap; its number none either.
    EXPECT_EQ(correctMrzLines(MrzFormat::Td3, kPassport).lines, kPassport);
    EXPECT_EQ(correctMrzLines(MrzFormat::Td1, kCard).lines, kCard);
}

}  // namespace
}  // namespace balie::drivers::vision
