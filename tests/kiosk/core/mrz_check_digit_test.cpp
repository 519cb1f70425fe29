// SPDX-License-Identifier: GPL-3.0-or-later
// The MRZ alphabet and the 7-3-1 check digit, including the substitutions it cannot see.
#include "balie/core/mrz_check_digit.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace balie::core {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";

TEST(MrzCheckDigitTest, KnowsExactlyTheThirtySevenMrzCharacters) {
    int count = 0;
    for (int byte = 0; byte < 256; ++byte) {
        const char c = static_cast<char>(byte);
        const bool inAlphabet = kAlphabet.find(c) != std::string_view::npos;
        EXPECT_EQ(isMrzCharacter(c), inAlphabet) << byte;
        EXPECT_EQ(mrzCharacterValue(c).has_value(), inAlphabet) << byte;
        count += isMrzCharacter(c) ? 1 : 0;
    }
    EXPECT_EQ(count, 37);
}

TEST(MrzCheckDigitTest, ValuesDigitsLettersAndTheFiller) {
    EXPECT_EQ(mrzCharacterValue('0'), 0);
    EXPECT_EQ(mrzCharacterValue('9'), 9);
    EXPECT_EQ(mrzCharacterValue('A'), 10);
    EXPECT_EQ(mrzCharacterValue('K'), 20);
    EXPECT_EQ(mrzCharacterValue('Z'), 35);
    EXPECT_EQ(mrzCharacterValue('<'), 0);
    EXPECT_FALSE(mrzCharacterValue('a'));
    EXPECT_FALSE(mrzCharacterValue(' '));
}

TEST(MrzCheckDigitTest, MatchesTheIcaoSpecimenDigits) {
    // ICAO 9303 Part 3 §4.9 example and the fields of the Part 4 TD3 specimen.
    EXPECT_EQ(mrzCheckDigit("520727"), '3');
    EXPECT_EQ(mrzCheckDigit("L898902C3"), '6');
    EXPECT_EQ(mrzCheckDigit("740812"), '2');
    EXPECT_EQ(mrzCheckDigit("120415"), '9');
    EXPECT_EQ(mrzCheckDigit("ZE184226B<<<<<"), '1');
    EXPECT_EQ(mrzCheckDigit("L898902C3674081221204159ZE184226B<<<<<1"), '0');
    EXPECT_EQ(mrzCheckDigit("D23145890"), '7');
}

TEST(MrzCheckDigitTest, EmptyTextAndFillersGiveZero) {
    EXPECT_EQ(mrzCheckDigit(""), '0');
    EXPECT_EQ(mrzCheckDigit("<<<<<<<<<<<<<<"), '0');
}

TEST(MrzCheckDigitTest, RefusesCharactersOutsideTheAlphabet) {
    EXPECT_FALSE(mrzCheckDigit("l898902c3"));
    EXPECT_FALSE(mrzCheckDigit("L898 902C3"));
    EXPECT_FALSE(mrzCheckDigit("\xC3\x89"));
}

// Two characters whose values differ by a multiple of 10 weigh the same modulo 10 in every
// position (7, 3 and 1 times 10 are 0 modulo 10); any other substitution changes the digit
// because 7, 3 and 1 are all invertible modulo 10.
TEST(MrzCheckDigitTest, MissesExactlyTheFiftyTwoSubstitutionsThatDifferByTen) {
    const std::string base = "L898902C3";
    int blindPairs = 0;
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        for (std::size_t j = i + 1; j < kAlphabet.size(); ++j) {
            const char a = kAlphabet[i];
            const char b = kAlphabet[j];
            const bool blind = (*mrzCharacterValue(a) - *mrzCharacterValue(b)) % 10 == 0;
            blindPairs += blind ? 1 : 0;
            for (std::size_t position = 0; position < 3; ++position) {
                std::string withA = base;
                std::string withB = base;
                withA[position] = a;
                withB[position] = b;
                EXPECT_EQ(mrzCheckDigit(withA) == mrzCheckDigit(withB), blind)
                    << a << " vs " << b << " at " << position;
            }
        }
    }
    EXPECT_EQ(blindPairs, 52);
}

TEST(MrzCheckDigitTest, CannotTellTheCommonOcrConfusionsApart) {
    // '<' read as 'K' (stock Tesseract's most frequent MRZ error) and 8 read as S pass; O for 0
    // (the Botswana passport number of foxanna/mrz_parser#3) is caught.
    EXPECT_EQ(mrzCheckDigit("AB<<<<<<<"), mrzCheckDigit("ABKKKKKKK"));
    EXPECT_EQ(mrzCheckDigit("740812"), mrzCheckDigit("740S12"));
    EXPECT_NE(mrzCheckDigit("740812"), mrzCheckDigit("74O812"));
    EXPECT_NE(mrzCheckDigit("OA0123456"), mrzCheckDigit("0A0123456"));
}

}  // namespace
}  // namespace balie::core
