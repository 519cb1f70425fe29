// SPDX-License-Identifier: GPL-3.0-or-later
// INSZ validation, decoding, printing and allocation, in strict and lenient mode.
#include "balie/core/insz.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace balie::core {
namespace {

constexpr PartialDate kToday{2025, 6, 15};
// Far enough ahead that no birth date of a two-digit year is in the future: isolates the check
// digits from the future-date rule.
constexpr PartialDate kFarFuture{2099, 12, 31};

constexpr InszMode kBothModes[] = {InszMode::Strict, InszMode::Lenient};

// \a nine followed by its check digits, computed here apart from the code under test.
std::string withCheckDigits(const std::string& nine, bool from2000 = false) {
    long long base = std::stoll(nine) + (from2000 ? 2'000'000'000LL : 0);
    int check = static_cast<int>(97 - base % 97);
    return nine + (check < 10 ? "0" : "") + std::to_string(check);
}

tl::expected<Insz, InszError> strict(std::string_view text) {
    return Insz::parse(text, InszMode::Strict, kToday);
}

tl::expected<Insz, InszError> lenient(std::string_view text) {
    return Insz::parse(text, InszMode::Lenient, kToday);
}

// Expects \a text to be rejected with \a error in both modes.
void expectRejectedInBothModes(std::string_view text, InszError error) {
    for (InszMode mode : kBothModes) {
        auto number = Insz::parse(text, mode, kToday);
        ASSERT_FALSE(number.has_value()) << text;
        EXPECT_EQ(number.error(), error) << text << ": " << inszErrorMessage(number.error());
    }
}

// Expects strict mode to reject \a text with \a error and lenient mode to accept it with just
// \a error among its suspicions; returns the lenient reading.
tl::expected<Insz, InszError> expectOnlyLenientAccepts(std::string_view text, InszError error) {
    auto rejected = strict(text);
    EXPECT_FALSE(rejected.has_value()) << text;
    if (!rejected.has_value()) {
        EXPECT_EQ(rejected.error(), error) << text << ": " << inszErrorMessage(rejected.error());
    }
    auto accepted = lenient(text);
    if (accepted.has_value()) {
        EXPECT_EQ(accepted->suspicious(), std::vector<InszError>{error}) << text;
    }
    return accepted;
}

TEST(InszTest, ReadsThePublicExamples) {
    auto setBased = strict("93051822361");
    ASSERT_TRUE(setBased.has_value());
    EXPECT_EQ(setBased->kind(), InszKind::NationalNumber);
    EXPECT_EQ(setBased->century(), 1900);
    EXPECT_EQ(setBased->birthDate(), (PartialDate{1993, 5, 18}));
    EXPECT_EQ(setBased->sex(), InszSex::Male);
    EXPECT_EQ(setBased->serial(), 223);
    EXPECT_TRUE(setBased->suspicious().empty());

    auto instruction = strict("42.01.22-051.81");
    ASSERT_TRUE(instruction.has_value());
    EXPECT_EQ(instruction->digits(), "42012205181");
    EXPECT_EQ(instruction->kind(), InszKind::NationalNumber);
    EXPECT_EQ(instruction->birthDate(), (PartialDate{1942, 1, 22}));
    EXPECT_EQ(instruction->sex(), InszSex::Male);
    EXPECT_EQ(instruction->serial(), 51);
}

TEST(InszTest, ReadsTheExamplesOfPythonStdnum) {
    auto nn = strict("85.07.30-033.28");
    ASSERT_TRUE(nn.has_value());
    EXPECT_EQ(nn->birthDate(), (PartialDate{1985, 7, 30}));
    EXPECT_EQ(nn->sex(), InszSex::Male);

    auto nn2017 = strict("17 07 30 033 84");
    ASSERT_TRUE(nn2017.has_value());
    EXPECT_EQ(nn2017->century(), 2000);
    EXPECT_EQ(nn2017->birthDate(), (PartialDate{2017, 7, 30}));

    auto bis = strict("98.47.28-997.65");
    ASSERT_TRUE(bis.has_value());
    EXPECT_EQ(bis->kind(), InszKind::Bis);
    EXPECT_EQ(bis->birthDate(), (PartialDate{1998, 7, 28}));
    EXPECT_EQ(bis->sex(), InszSex::Male);
    EXPECT_EQ(bis->serial(), 997);

    auto bis2001 = strict("01 49 07 001 85");
    ASSERT_TRUE(bis2001.has_value());
    EXPECT_EQ(bis2001->kind(), InszKind::Bis);
    EXPECT_EQ(bis2001->century(), 2000);
    EXPECT_EQ(bis2001->birthDate(), (PartialDate{2001, 9, 7}));
    EXPECT_EQ(bis2001->sex(), InszSex::Male);
}

TEST(InszTest, IgnoresDotsDashesAndSpacesOnly) {
    for (std::string_view text : {"93051822361", "93.05.18-223.61", "93 05 18 223 61",
                                  "930518-22361", " 93051822361 ", "9.3-0 5182-2361"}) {
        auto number = strict(text);
        ASSERT_TRUE(number.has_value()) << text;
        EXPECT_EQ(number->digits(), "93051822361");
    }
    expectRejectedInBothModes("93/05/18-223.61", InszError::InvalidCharacter);
    expectRejectedInBothModes("93O51822361", InszError::InvalidCharacter);
    expectRejectedInBothModes("93051822361\t", InszError::InvalidCharacter);
    expectRejectedInBothModes("+93051822361", InszError::InvalidCharacter);
}

TEST(InszTest, NeedsElevenDigits) {
    expectRejectedInBothModes("", InszError::WrongLength);
    expectRejectedInBothModes(" .- ", InszError::WrongLength);
    expectRejectedInBothModes("9305182236", InszError::WrongLength);
    expectRejectedInBothModes("930518223611", InszError::WrongLength);
    expectRejectedInBothModes("93.05.18-223.6", InszError::WrongLength);
}

TEST(InszTest, RejectsWrongCheckDigits) {
    expectRejectedInBothModes("93051822362", InszError::CheckDigits);
    expectRejectedInBothModes("93051822300", InszError::CheckDigits);
    expectRejectedInBothModes("00000000000", InszError::CheckDigits);
    expectRejectedInBothModes("99999999999", InszError::CheckDigits);
}

TEST(InszTest, CheckDigitsFixTheCentury) {
    // The same nine digits with the 2000 rule: born 2001; with the 1900 rule: born 1901.
    auto born2001 = strict("01051822301");
    ASSERT_TRUE(born2001.has_value());
    EXPECT_EQ(born2001->century(), 2000);
    EXPECT_EQ(born2001->birthDate(), (PartialDate{2001, 5, 18}));

    auto born1901 = strict("01051822369");
    ASSERT_TRUE(born1901.has_value());
    EXPECT_EQ(born1901->century(), 1900);
    EXPECT_EQ(born1901->birthDate(), (PartialDate{1901, 5, 18}));

    // Year 00 is read either way, as its check digits say.
    auto born2000 = strict("00022922416");
    ASSERT_TRUE(born2000.has_value());
    EXPECT_EQ(born2000->birthDate(), (PartialDate{2000, 2, 29}));
}

TEST(InszTest, BothCenturyRulesNeverMatchTheSameNumber) {
    // Their difference, 2 000 000 000, is not a multiple of 97.
    EXPECT_EQ(2'000'000'000LL % 97, 68);
    std::mt19937 random(97);
    std::uniform_int_distribution<int> digit(0, 9);
    for (int i = 0; i < 2000; ++i) {
        std::string nine;
        for (int d = 0; d < 9; ++d) {
            nine += static_cast<char>('0' + digit(random));
        }
        long long base = std::stoll(nine);
        EXPECT_NE(97 - base % 97, 97 - (2'000'000'000LL + base) % 97) << nine;
    }
}

TEST(InszTest, RejectsABirthDateAfterTodayInBothModes) {
    // 2000 rule on year 30: born 2030.
    expectRejectedInBothModes("30010100153", InszError::FutureBirthDate);
    expectRejectedInBothModes("25061600118", InszError::FutureBirthDate);  // tomorrow
    expectRejectedInBothModes("25070000120", InszError::FutureBirthDate);  // next month
    auto later = Insz::parse("30010100153", InszMode::Strict, PartialDate{2030, 1, 1});
    ASSERT_TRUE(later.has_value()) << "born on the day it is checked";
    EXPECT_EQ(later->birthDate(), (PartialDate{2030, 1, 1}));
}

TEST(InszTest, UnknownPartsOfABirthDateThisYearAreNotInTheFuture) {
    auto today = strict("25061500148");
    ASSERT_TRUE(today.has_value());
    EXPECT_EQ(today->birthDate(), (PartialDate{2025, 6, 15}));

    auto thisMonth = lenient("25060000113");
    ASSERT_TRUE(thisMonth.has_value());
    EXPECT_EQ(thisMonth->birthDate(), (PartialDate{2025, 6, 0}));

    auto thisYear = strict("25000100138");
    ASSERT_TRUE(thisYear.has_value());
    EXPECT_EQ(thisYear->birthDate(), (PartialDate{2025, 0, 0}));
}

TEST(InszTest, BisWithUnknownSexHasMonthPlusTwenty) {
    auto bis = strict("93.25.18-223.07");
    ASSERT_TRUE(bis.has_value());
    EXPECT_EQ(bis->kind(), InszKind::Bis);
    EXPECT_EQ(bis->birthDate(), (PartialDate{1993, 5, 18}));
    EXPECT_EQ(bis->sex(), std::nullopt) << "an odd serial says nothing without month + 40";
}

TEST(InszTest, BisWithKnownSexHasMonthPlusForty) {
    auto man = strict("93.45.18-223.50");
    ASSERT_TRUE(man.has_value());
    EXPECT_EQ(man->kind(), InszKind::Bis);
    EXPECT_EQ(man->birthDate(), (PartialDate{1993, 5, 18}));
    EXPECT_EQ(man->sex(), InszSex::Male);

    auto woman = strict("93.45.18-224.49");
    ASSERT_TRUE(woman.has_value());
    EXPECT_EQ(woman->sex(), InszSex::Female);
}

TEST(InszTest, MonthZeroLeavesMonthAndDayUnknown) {
    auto nn = strict("93.00.00-223.81");
    ASSERT_TRUE(nn.has_value());
    EXPECT_EQ(nn->birthDate(), (PartialDate{1993, 0, 0}));
    EXPECT_EQ(nn->sex(), InszSex::Male);

    // An exhausted serial range: the day digits count on, they are no day.
    auto exhausted = strict("93.00.05-223.28");
    ASSERT_TRUE(exhausted.has_value());
    EXPECT_EQ(exhausted->birthDate(), (PartialDate{1993, 0, 0}));
}

TEST(InszTest, FictitiousDatesLeaveEverythingUnknown) {
    for (std::string_view text : {"00000100166", "00000100195"}) {
        auto nn = strict(text);
        ASSERT_TRUE(nn.has_value()) << text;
        EXPECT_EQ(nn->kind(), InszKind::NationalNumber);
        EXPECT_EQ(nn->birthDate(), PartialDate{}) << text;
        EXPECT_EQ(nn->sex(), InszSex::Male);
    }
    auto bisSexUnknown = strict("00200100211");
    ASSERT_TRUE(bisSexUnknown.has_value());
    EXPECT_EQ(bisSexUnknown->kind(), InszKind::Bis);
    EXPECT_EQ(bisSexUnknown->birthDate(), PartialDate{});
    EXPECT_EQ(bisSexUnknown->sex(), std::nullopt);

    auto bisSexKnown = strict("00400100254");
    ASSERT_TRUE(bisSexKnown.has_value());
    EXPECT_EQ(bisSexKnown->birthDate(), PartialDate{});
    EXPECT_EQ(bisSexKnown->sex(), InszSex::Female);
}

TEST(InszTest, RejectsMonthsOfNoKindInBothModes) {
    for (std::string nine : {"931318223", "931918223", "933318223", "933918223", "935318223",
                             "935918223", "937318223", "939918223"}) {
        expectRejectedInBothModes(withCheckDigits(nine), InszError::MonthOutOfRange);
    }
}

TEST(InszTest, SerialZeroAndNineHundredNinetyNineAreOnlyLenient) {
    auto zero = expectOnlyLenientAccepts("93.05.18-000.90", InszError::Serial);
    ASSERT_TRUE(zero.has_value());
    EXPECT_EQ(zero->birthDate(), (PartialDate{1993, 5, 18}));
    EXPECT_EQ(zero->serial(), 0);
    EXPECT_EQ(zero->sex(), InszSex::Female);

    auto last = expectOnlyLenientAccepts("93.05.18-999.61", InszError::Serial);
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->serial(), 999);
    EXPECT_EQ(last->sex(), InszSex::Male);
}

TEST(InszTest, ImpossibleDaysAreOnlyLenientAndReadAsUnknown) {
    auto april31 = expectOnlyLenientAccepts("93.04.31-223.52", InszError::ImpossibleDate);
    ASSERT_TRUE(april31.has_value());
    EXPECT_EQ(april31->birthDate(), (PartialDate{1993, 4, 0}));

    auto commonYear = expectOnlyLenientAccepts("23.02.29-224.14", InszError::ImpossibleDate);
    ASSERT_TRUE(commonYear.has_value());
    EXPECT_EQ(commonYear->birthDate(), (PartialDate{2023, 2, 0}));

    auto year1900 = expectOnlyLenientAccepts("00.02.29-224.84", InszError::ImpossibleDate);
    ASSERT_TRUE(year1900.has_value());
    EXPECT_EQ(year1900->birthDate(), (PartialDate{1900, 2, 0})) << "1900 is no leap year";

    auto day32 = expectOnlyLenientAccepts("93.05.32-223.29", InszError::ImpossibleDate);
    ASSERT_TRUE(day32.has_value());
    EXPECT_EQ(day32->birthDate(), (PartialDate{1993, 5, 0}));

    auto day99 = expectOnlyLenientAccepts("93.05.99-223.56", InszError::ImpossibleDate);
    ASSERT_TRUE(day99.has_value());
    EXPECT_EQ(day99->birthDate(), (PartialDate{1993, 5, 0}));

    auto leapYear = strict("24.02.29-224.35");
    ASSERT_TRUE(leapYear.has_value());
    EXPECT_EQ(leapYear->birthDate(), (PartialDate{2024, 2, 29}));
}

TEST(InszTest, DayZeroWithAKnownMonthIsOnlyLenient) {
    auto nn = expectOnlyLenientAccepts("93.05.00-223.19", InszError::UnknownDay);
    ASSERT_TRUE(nn.has_value());
    EXPECT_EQ(nn->birthDate(), (PartialDate{1993, 5, 0}));

    auto bis = expectOnlyLenientAccepts("93.45.00-223.08", InszError::UnknownDay);
    ASSERT_TRUE(bis.has_value());
    EXPECT_EQ(bis->kind(), InszKind::Bis);
    EXPECT_EQ(bis->birthDate(), (PartialDate{1993, 5, 0}));
}

TEST(InszTest, MonthPlusSixtyIsOnlyLenientAndHasNoSex) {
    // The self-assigned examples of SetBased/php-rijksregisternummer.
    auto woman = expectOnlyLenientAccepts("66.64.10-666.92", InszError::SelfAssigned);
    ASSERT_TRUE(woman.has_value());
    EXPECT_EQ(woman->kind(), InszKind::Bis);
    EXPECT_EQ(woman->birthDate(), (PartialDate{1966, 4, 10}));
    EXPECT_EQ(woman->sex(), std::nullopt) << "no official rule gives + 60 a sex";

    auto man = expectOnlyLenientAccepts("66.64.10-997.52", InszError::SelfAssigned);
    ASSERT_TRUE(man.has_value());
    EXPECT_EQ(man->sex(), std::nullopt);

    auto born2012 = expectOnlyLenientAccepts("12.61.20-324.75", InszError::SelfAssigned);
    ASSERT_TRUE(born2012.has_value());
    EXPECT_EQ(born2012->birthDate(), (PartialDate{2012, 1, 20}));
}

TEST(InszTest, LenientModeListsEverySuspicionAndStrictModeReportsTheFirst) {
    // Day 00 with a known month, and serial 000.
    std::string text = withCheckDigits("930500000");
    auto number = lenient(text);
    ASSERT_TRUE(number.has_value());
    EXPECT_EQ(number->suspicious(),
              (std::vector<InszError>{InszError::UnknownDay, InszError::Serial}));
    auto rejected = strict(text);
    ASSERT_FALSE(rejected.has_value());
    EXPECT_EQ(rejected.error(), InszError::UnknownDay);
}

TEST(InszTest, HardRulesComeBeforeStrictOnes) {
    // Serial 000 and born in 2030: the future birth date is what both modes report.
    expectRejectedInBothModes(withCheckDigits("300101000", true), InszError::FutureBirthDate);
}

TEST(InszTest, EveryErrorHasItsOwnMessage) {
    std::set<std::string_view> messages;
    for (InszError error :
         {InszError::InvalidCharacter, InszError::WrongLength, InszError::CheckDigits,
          InszError::MonthOutOfRange, InszError::FutureBirthDate, InszError::SelfAssigned,
          InszError::ImpossibleDate, InszError::UnknownDay, InszError::Serial}) {
        EXPECT_FALSE(inszErrorMessage(error).empty());
        messages.insert(inszErrorMessage(error));
    }
    EXPECT_EQ(messages.size(), 9u);
    EXPECT_EQ(inszErrorMessage(InszError::CheckDigits), "check digits do not match");
}

TEST(InszTest, PrintsAndMasksTheNumber) {
    auto number = strict("93051822361");
    ASSERT_TRUE(number.has_value());
    EXPECT_EQ(number->formatted(), "93.05.18-223.61");
    EXPECT_EQ(number->masked(), "93.05.18-***.**");

    auto bis = strict("01 49 07 001 85");
    ASSERT_TRUE(bis.has_value());
    EXPECT_EQ(bis->formatted(), "01.49.07-001.85");
    EXPECT_EQ(bis->masked(), "01.49.07-***.**");
    EXPECT_EQ(bis->masked().find("001"), std::string::npos);
    EXPECT_EQ(bis->masked().find("85"), std::string::npos);
}

TEST(InszTest, NumbersAreEqualWhenTheirDigitsAre) {
    EXPECT_EQ(strict("93051822361").value(), strict("93.05.18-223.61").value());
    EXPECT_FALSE(strict("93051822361").value() == strict("42012205181").value());
}

TEST(InszComposeTest, BuildsBisNumbersWithAndWithoutSex) {
    auto man = Insz::compose({InszKind::Bis, {1998, 7, 28}, InszSex::Male, 997}, kToday);
    ASSERT_TRUE(man.has_value()) << man.error().message;
    EXPECT_EQ(man->digits(), "98472899765");

    auto unknownSex = Insz::compose({InszKind::Bis, {1993, 5, 18}, std::nullopt, 223}, kToday);
    ASSERT_TRUE(unknownSex.has_value());
    EXPECT_EQ(unknownSex->digits(), "93251822307");
    EXPECT_EQ(unknownSex->sex(), std::nullopt);

    auto born2001 = Insz::compose({InszKind::Bis, {2001, 9, 7}, InszSex::Male, 1}, kToday);
    ASSERT_TRUE(born2001.has_value());
    EXPECT_EQ(born2001->digits(), "01490700185");

    auto nn = Insz::compose({InszKind::NationalNumber, {1993, 5, 18}, InszSex::Male, 223}, kToday);
    ASSERT_TRUE(nn.has_value());
    EXPECT_EQ(nn->digits(), "93051822361");
}

TEST(InszComposeTest, WritesUnknownPartsAsZeros) {
    auto yearOnly = Insz::compose({InszKind::Bis, {1993, 0, 0}, InszSex::Female, 2}, kToday);
    ASSERT_TRUE(yearOnly.has_value());
    EXPECT_EQ(yearOnly->formatted().substr(0, 8), "93.40.00");
    EXPECT_EQ(yearOnly->birthDate(), (PartialDate{1993, 0, 0}));

    auto unknownSex = Insz::compose({InszKind::Bis, {1993, 0, 0}, std::nullopt, 2}, kToday);
    ASSERT_TRUE(unknownSex.has_value());
    EXPECT_EQ(unknownSex->formatted().substr(0, 8), "93.20.00");
}

TEST(InszComposeTest, DropsAKnownMonthWhenTheDayIsUnknown) {
    // "93.45.00" would fail strict validation (day 00 with a known month).
    auto number = Insz::compose({InszKind::Bis, {1993, 5, 0}, InszSex::Male, 1}, kToday);
    ASSERT_TRUE(number.has_value());
    EXPECT_EQ(number->formatted().substr(0, 8), "93.40.00");
    EXPECT_EQ(number->birthDate(), (PartialDate{1993, 0, 0}));
}

TEST(InszComposeTest, UsesTheFictitiousDateWhenNothingIsKnown) {
    auto bisMan = Insz::compose({InszKind::Bis, {}, InszSex::Male, 1}, kToday);
    ASSERT_TRUE(bisMan.has_value());
    EXPECT_EQ(bisMan->formatted().substr(0, 8), "00.40.01");
    EXPECT_EQ(bisMan->birthDate(), PartialDate{});

    auto bisUnknown = Insz::compose({InszKind::Bis, {}, std::nullopt, 2}, kToday);
    ASSERT_TRUE(bisUnknown.has_value());
    EXPECT_EQ(bisUnknown->digits(), "00200100211");

    auto nn = Insz::compose({InszKind::NationalNumber, {}, InszSex::Male, 1}, kToday);
    ASSERT_TRUE(nn.has_value());
    EXPECT_EQ(nn->digits(), "00000100166");
}

TEST(InszComposeTest, RefusesWhatCannotBeEncoded) {
    struct Case {
        InszFields fields;
        Errc code;
        std::string message;
    };
    const Case cases[] = {
        {{InszKind::Bis, {2023, 2, 29}, InszSex::Male, 1},
         Errc::InvalidArgument,
         "birth date 2023-02-29 is not a calendar date"},
        {{InszKind::Bis, {0, 5, 0}, InszSex::Male, 1},
         Errc::InvalidArgument,
         "a birth date with an unknown year must be entirely unknown"},
        {{InszKind::Bis, {1899, 12, 31}, InszSex::Male, 1},
         Errc::OutOfRange,
         "birth year must be 1900-2099"},
        {{InszKind::Bis, {2100, 1, 1}, InszSex::Male, 1},
         Errc::OutOfRange,
         "birth year must be 1900-2099"},
        {{InszKind::NationalNumber, {1993, 5, 18}, std::nullopt, 1},
         Errc::InvalidArgument,
         "a national number always encodes the sex"},
        {{InszKind::Bis, {1993, 5, 18}, std::nullopt, 0}, Errc::OutOfRange, "serial must be 1-998"},
        {{InszKind::Bis, {1993, 5, 18}, std::nullopt, 999},
         Errc::OutOfRange,
         "serial must be 1-998"},
        {{InszKind::Bis, {1993, 5, 18}, InszSex::Male, 2},
         Errc::InvalidArgument,
         "serial must be odd for a man"},
        {{InszKind::Bis, {1993, 5, 18}, InszSex::Female, 997},
         Errc::InvalidArgument,
         "serial must be even for a woman"},
        {{InszKind::Bis, {2025, 6, 16}, InszSex::Male, 1},
         Errc::OutOfRange,
         "birth date is in the future"},
    };
    for (const Case& c : cases) {
        auto number = Insz::compose(c.fields, kToday);
        ASSERT_FALSE(number.has_value()) << c.message;
        EXPECT_EQ(number.error().code, c.code) << c.message;
        EXPECT_EQ(number.error().message, c.message);
    }
}

TEST(InszAllocateTest, TakesTheLowestFreeSerialOfTheRightParity) {
    auto nothingTaken = [](const Insz&) { return false; };
    PartialDate born{1993, 5, 18};
    EXPECT_EQ(allocateBis(born, InszSex::Male, kToday, nothingTaken)->serial(), 1);
    EXPECT_EQ(allocateBis(born, InszSex::Female, kToday, nothingTaken)->serial(), 2);
    EXPECT_EQ(allocateBis(born, std::nullopt, kToday, nothingTaken)->serial(), 1);

    std::set<std::string> taken;
    for (int i = 0; i < 3; ++i) {
        auto number = allocateBis(born, InszSex::Female, kToday, [&](const Insz& candidate) {
            return taken.contains(candidate.digits());
        });
        ASSERT_TRUE(number.has_value());
        EXPECT_EQ(number->serial(), 2 + 2 * i);
        EXPECT_EQ(number->sex(), InszSex::Female);
        EXPECT_EQ(number->birthDate(), born);
        EXPECT_TRUE(Insz::parse(number->digits(), InszMode::Strict, kToday).has_value());
        taken.insert(number->digits());
    }
}

TEST(InszAllocateTest, ReportsAnExhaustedSerialRange) {
    int asked = 0;
    auto everythingTaken = [&](const Insz&) {
        ++asked;
        return true;
    };
    auto men = allocateBis({1993, 5, 18}, InszSex::Male, kToday, everythingTaken);
    ASSERT_FALSE(men.has_value());
    EXPECT_EQ(men.error().code, Errc::OutOfRange);
    EXPECT_EQ(men.error().message, "every serial for this birth date and sex is taken");
    EXPECT_EQ(asked, 499);

    asked = 0;
    EXPECT_FALSE(allocateBis({1993, 5, 18}, std::nullopt, kToday, everythingTaken).has_value());
    EXPECT_EQ(asked, 998);
}

TEST(InszAllocateTest, PassesOnABirthDateThatCannotBeEncoded) {
    int asked = 0;
    auto number = allocateBis({2030, 1, 1}, InszSex::Male, kToday, [&](const Insz&) {
        ++asked;
        return false;
    });
    ASSERT_FALSE(number.has_value());
    EXPECT_EQ(number.error().message, "birth date is in the future");
    EXPECT_EQ(asked, 0);
}

// Random fields that compose() encodes without loss.
struct RandomFields {
    InszFields fields;
    PartialDate expectedBirthDate;
};

RandomFields randomFields(std::mt19937& random) {
    auto pick = [&](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random);
    };
    RandomFields result;
    InszFields& fields = result.fields;
    fields.kind = pick(0, 1) == 0 ? InszKind::NationalNumber : InszKind::Bis;
    if (fields.kind == InszKind::NationalNumber || pick(0, 1) == 0) {
        fields.sex = pick(0, 1) == 0 ? InszSex::Male : InszSex::Female;
    }
    do {
        int shape = pick(0, 9);
        int year = pick(1900, kToday.year);
        int month = pick(1, 12);
        if (shape == 0) {
            fields.birthDate = {};
        } else if (shape == 1) {
            fields.birthDate = {year, 0, 0};
        } else {
            fields.birthDate = {year, month, pick(1, daysInMonth(year, month))};
        }
    } while (fields.birthDate > kToday);
    result.expectedBirthDate = fields.birthDate;
    if (!fields.sex.has_value()) {
        fields.serial = pick(1, 998);
    } else if (*fields.sex == InszSex::Male) {
        fields.serial = 2 * pick(0, 498) + 1;
    } else {
        fields.serial = 2 * pick(1, 499);
    }
    return result;
}

TEST(InszRoundTripTest, ComposedNumbersReadBackAsComposed) {
    std::mt19937 random(20250615);
    std::set<int> centuries;
    std::set<InszKind> kinds;
    for (int i = 0; i < 5000; ++i) {
        RandomFields sample = randomFields(random);
        const InszFields& fields = sample.fields;
        auto composed = Insz::compose(fields, kToday);
        ASSERT_TRUE(composed.has_value()) << composed.error().message;
        for (const std::string& text : {composed->digits(), composed->formatted()}) {
            auto number = Insz::parse(text, InszMode::Strict, kToday);
            ASSERT_TRUE(number.has_value()) << text << ": " << inszErrorMessage(number.error());
            EXPECT_EQ(number->kind(), fields.kind) << text;
            EXPECT_EQ(number->birthDate(), sample.expectedBirthDate) << text;
            EXPECT_EQ(number->sex(), fields.sex) << text;
            EXPECT_EQ(number->serial(), fields.serial) << text;
            EXPECT_TRUE(number->suspicious().empty()) << text;
        }
        centuries.insert(composed->century());
        kinds.insert(composed->kind());
    }
    EXPECT_EQ(centuries, (std::set<int>{1900, 2000}));
    EXPECT_EQ(kinds, (std::set<InszKind>{InszKind::NationalNumber, InszKind::Bis}));
}

std::vector<std::string> randomValidNumbers(int count) {
    std::mt19937 random(1991);
    std::vector<std::string> numbers;
    for (int i = 0; i < count; ++i) {
        auto number = Insz::compose(randomFields(random).fields, kToday);
        numbers.push_back(number.value().digits());
    }
    return numbers;
}

// Mod 97 catches every single-digit error within one check rule; the only ones that still give a
// valid number switch to the other rule, by changing the second year digit by 6.
TEST(InszErrorDetectionTest, EverySingleDigitChangeIsCaughtWithinItsCentury) {
    int centurySwitches = 0;
    for (const std::string& original : randomValidNumbers(1000)) {
        int century = Insz::parse(original, InszMode::Strict, kToday)->century();
        for (std::size_t position = 0; position < original.size(); ++position) {
            for (char digit = '0'; digit <= '9'; ++digit) {
                if (digit == original[position]) {
                    continue;
                }
                std::string changed = original;
                changed[position] = digit;
                auto number = Insz::parse(changed, InszMode::Lenient, kFarFuture);
                if (!number.has_value()) {
                    continue;
                }
                ++centurySwitches;
                EXPECT_NE(number->century(), century) << original << " -> " << changed;
                EXPECT_EQ(position, 1u) << original << " -> " << changed;
                EXPECT_EQ(std::abs(digit - original[position]), 6) << original << " -> " << changed;
            }
        }
    }
    EXPECT_GT(centurySwitches, 0) << "the sample should show the scheme's blind spot";
}

TEST(InszErrorDetectionTest, ASecondYearDigitOffBySixSwitchesTheCentury) {
    auto born2001 = strict("01.05.18-223.01");
    auto born1907 = strict("07.05.18-223.01");
    ASSERT_TRUE(born2001.has_value());
    ASSERT_TRUE(born1907.has_value());
    EXPECT_EQ(born2001->birthDate().year, 2001);
    EXPECT_EQ(born1907->birthDate().year, 1907);
}

// Swapping two adjacent different digits is caught within one check rule; the swaps that still
// give a valid number switch rule and swap month digits that differ by 2 or day digits that
// differ by 6.
TEST(InszErrorDetectionTest, EveryAdjacentSwapIsCaughtWithinItsCentury) {
    int centurySwitches = 0;
    for (const std::string& original : randomValidNumbers(1000)) {
        int century = Insz::parse(original, InszMode::Strict, kToday)->century();
        for (std::size_t position = 0; position + 1 < original.size(); ++position) {
            if (original[position] == original[position + 1]) {
                continue;
            }
            std::string swapped = original;
            std::swap(swapped[position], swapped[position + 1]);
            auto number = Insz::parse(swapped, InszMode::Lenient, kFarFuture);
            if (!number.has_value()) {
                continue;
            }
            ++centurySwitches;
            EXPECT_NE(number->century(), century) << original << " -> " << swapped;
            int difference = std::abs(original[position] - original[position + 1]);
            bool monthDigits = position == 2 && difference == 2;
            bool dayDigits = position == 4 && difference == 6;
            EXPECT_TRUE(monthDigits || dayDigits) << original << " -> " << swapped;
        }
    }
    EXPECT_GT(centurySwitches, 0);
}

}  // namespace
}  // namespace balie::core
