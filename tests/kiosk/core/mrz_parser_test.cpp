// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing machine readable zones: the ICAO specimens of every format, long document numbers,
// names, check digits, and everything that is not an MRZ.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "balie/core/mrz.h"
#include "mrz_specimens.h"

namespace balie::core {
namespace {

using test::joinLines;
using test::MrzLines;

Mrz parseOk(const MrzLines& lines) {
    Result<Mrz> mrz = parseMrz(joinLines(lines));
    EXPECT_TRUE(mrz.has_value()) << (mrz.has_value() ? "" : mrz.error().message);
    return mrz.has_value() ? *mrz : Mrz{};
}

// The reason a zone is refused, or "parsed" when it is not.
std::string refusalOfText(const std::string& text) {
    Result<Mrz> mrz = parseMrz(text);
    if (mrz.has_value()) {
        return "parsed";
    }
    EXPECT_EQ(mrz.error().code, Errc::InvalidFormat);
    return mrz.error().message;
}

std::string refusal(const MrzLines& lines) {
    return refusalOfText(joinLines(lines));
}

std::vector<std::string> checkNames(const Mrz& mrz) {
    std::vector<std::string> names;
    for (const MrzCheck& check : mrz.checks) {
        names.emplace_back(check.name);
    }
    return names;
}

bool checkPassed(const Mrz& mrz, std::string_view name) {
    for (const MrzCheck& check : mrz.checks) {
        if (check.name == name) {
            return check.passed;
        }
    }
    ADD_FAILURE() << "no check " << name;
    return false;
}

TEST(MrzParserTest, ReadsTheTd3PassportSpecimen) {
    const Mrz mrz = parseOk(test::kTd3Specimen);
    EXPECT_EQ(mrz.format, MrzFormat::Td3);
    EXPECT_EQ(mrz.lines, test::kTd3Specimen);
    EXPECT_EQ(mrz.documentCode, "P");
    EXPECT_EQ(mrz.issuingState, "UTO");
    EXPECT_EQ(mrz.documentNumber, "L898902C3");
    EXPECT_EQ(mrz.nationality, "UTO");
    EXPECT_EQ(mrz.birthDate, "740812");
    EXPECT_EQ(mrz.sex, 'F');
    EXPECT_EQ(mrz.expiryDate, "120415");
    EXPECT_EQ(mrz.primaryIdentifier, (std::vector<std::string>{"ERIKSSON"}));
    EXPECT_EQ(mrz.secondaryIdentifier, (std::vector<std::string>{"ANNA", "MARIA"}));
    EXPECT_EQ(mrz.surname(), "ERIKSSON");
    EXPECT_EQ(mrz.givenNames(), "ANNA MARIA");
    EXPECT_FALSE(mrz.namePossiblyTruncated);
    EXPECT_EQ(mrz.optionalData, "ZE184226B");
    EXPECT_EQ(mrz.optionalData2, "");
    EXPECT_EQ(checkNames(mrz),
              (std::vector<std::string>{"document_number", "birth_date", "expiry_date",
                                        "optional_data", "composite"}));
    EXPECT_TRUE(mrz.valid());
}

TEST(MrzParserTest, ReadsTheTd1CardSpecimen) {
    const Mrz mrz = parseOk(test::kTd1Specimen);
    EXPECT_EQ(mrz.format, MrzFormat::Td1);
    EXPECT_EQ(mrz.documentCode, "I");
    EXPECT_EQ(mrz.issuingState, "UTO");
    EXPECT_EQ(mrz.documentNumber, "D23145890");
    EXPECT_EQ(mrz.birthDate, "740812");
    EXPECT_EQ(mrz.sex, 'F');
    EXPECT_EQ(mrz.expiryDate, "120415");
    EXPECT_EQ(mrz.nationality, "UTO");
    EXPECT_EQ(mrz.surname(), "ERIKSSON");
    EXPECT_EQ(mrz.givenNames(), "ANNA MARIA");
    EXPECT_EQ(mrz.optionalData, "");
    EXPECT_EQ(mrz.optionalData2, "");
    EXPECT_EQ(checkNames(mrz), (std::vector<std::string>{"document_number", "birth_date",
                                                         "expiry_date", "composite"}));
    EXPECT_TRUE(mrz.valid());
}

TEST(MrzParserTest, ReadsTheTd2CardSpecimen) {
    const Mrz mrz = parseOk(test::kTd2Specimen);
    EXPECT_EQ(mrz.format, MrzFormat::Td2);
    EXPECT_EQ(mrz.documentCode, "I");
    EXPECT_EQ(mrz.issuingState, "UTO");
    EXPECT_EQ(mrz.documentNumber, "D23145890");
    EXPECT_EQ(mrz.nationality, "UTO");
    EXPECT_EQ(mrz.birthDate, "740812");
    EXPECT_EQ(mrz.expiryDate, "120415");
    EXPECT_EQ(mrz.surname(), "ERIKSSON");
    EXPECT_EQ(mrz.givenNames(), "ANNA MARIA");
    EXPECT_EQ(mrz.optionalData, "");
    EXPECT_EQ(checkNames(mrz), (std::vector<std::string>{"document_number", "birth_date",
                                                         "expiry_date", "composite"}));
    EXPECT_TRUE(mrz.valid());
}

TEST(MrzParserTest, ReadsTheMrvAVisaSpecimenWhichHasNoCompositeCheck) {
    const Mrz mrz = parseOk(test::kMrvASpecimen);
    EXPECT_EQ(mrz.format, MrzFormat::MrvA);
    EXPECT_EQ(mrz.documentCode, "V");
    EXPECT_EQ(mrz.issuingState, "UTO");
    EXPECT_EQ(mrz.documentNumber, "L8988901C");
    EXPECT_EQ(mrz.nationality, "XXX");
    EXPECT_EQ(mrz.birthDate, "400907");
    EXPECT_EQ(mrz.sex, 'F');
    EXPECT_EQ(mrz.expiryDate, "961210");
    EXPECT_EQ(mrz.surname(), "ERIKSSON");
    EXPECT_EQ(mrz.givenNames(), "ANNA MARIA");
    EXPECT_EQ(mrz.optionalData, "6ZE184226B");
    EXPECT_EQ(checkNames(mrz),
              (std::vector<std::string>{"document_number", "birth_date", "expiry_date"}));
    EXPECT_TRUE(mrz.valid());
}

TEST(MrzParserTest, ReadsTheMrvBVisaSpecimen) {
    const Mrz mrz = parseOk(test::kMrvBSpecimen);
    EXPECT_EQ(mrz.format, MrzFormat::MrvB);
    EXPECT_EQ(mrz.documentNumber, "L8988901C");
    EXPECT_EQ(mrz.nationality, "XXX");
    EXPECT_EQ(mrz.expiryDate, "961210");
    EXPECT_EQ(mrz.optionalData, "");
    EXPECT_EQ(checkNames(mrz),
              (std::vector<std::string>{"document_number", "birth_date", "expiry_date"}));
    EXPECT_TRUE(mrz.valid());
}

TEST(MrzParserTest, NamesTheFormats) {
    EXPECT_EQ(mrzFormatName(MrzFormat::Td1), "TD1");
    EXPECT_EQ(mrzFormatName(MrzFormat::Td2), "TD2");
    EXPECT_EQ(mrzFormatName(MrzFormat::Td3), "TD3");
    EXPECT_EQ(mrzFormatName(MrzFormat::MrvA), "MRVA");
    EXPECT_EQ(mrzFormatName(MrzFormat::MrvB), "MRVB");
    EXPECT_EQ(mrzLineCount(MrzFormat::Td1), 3);
    EXPECT_EQ(mrzLineCount(MrzFormat::MrvB), 2);
    EXPECT_EQ(mrzLineLength(MrzFormat::Td1), 30);
    EXPECT_EQ(mrzLineLength(MrzFormat::Td2), 36);
    EXPECT_EQ(mrzLineLength(MrzFormat::MrvB), 36);
    EXPECT_EQ(mrzLineLength(MrzFormat::Td3), 44);
    EXPECT_EQ(mrzLineLength(MrzFormat::MrvA), 44);
}

TEST(MrzParserTest, JoinsTheBelgianTwelveDigitCardNumber) {
    const Mrz mrz = parseOk(test::kBelgianSpecimen);
    EXPECT_EQ(mrz.format, MrzFormat::Td1);
    EXPECT_EQ(mrz.documentCode, "ID");
    EXPECT_EQ(mrz.issuingState, "BEL");
    EXPECT_EQ(mrz.documentNumber, "000001115702");
    EXPECT_EQ(mrz.optionalData, "");
    EXPECT_EQ(mrz.optionalData2, "95022899874");
    EXPECT_EQ(mrz.birthDate, "950228");
    EXPECT_EQ(mrz.expiryDate, "300106");
    EXPECT_EQ(mrz.surname(), "SPECIMEN");
    EXPECT_TRUE(mrz.valid());
}

TEST(MrzParserTest, LongNumberCheckDigitLeavesOutTheFillerAtPosition15) {
    // Parsers that count the '<' (python mrz's Belgian checker) expect 1 here.
    MrzLines lines = test::kBelgianSpecimen;
    lines[0][18] = '1';
    const Mrz mrz = parseOk(lines);
    EXPECT_FALSE(checkPassed(mrz, "document_number"));
    EXPECT_FALSE(mrz.valid());
}

TEST(MrzParserTest, KeepsOptionalDataAfterALongNumber) {
    const Mrz mrz = parseOk({"I<UTOD23145890<7349<AB12<<<<<<", "7408122F1204159UTO<<<<<<<<<<<4",
                             "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"});
    EXPECT_EQ(mrz.documentNumber, "D23145890734");
    EXPECT_EQ(mrz.optionalData, "AB12");
    EXPECT_TRUE(mrz.valid());
}

TEST(MrzParserTest, LongNumberWithoutContinuationFailsItsCheck) {
    // A '<' in place of the check digit and nothing in the optional data: no check digit at all.
    const Mrz mrz = parseOk({"I<UTOD23145890<<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                             "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"});
    EXPECT_EQ(mrz.documentNumber, "D23145890");
    EXPECT_FALSE(checkPassed(mrz, "document_number"));
    // A lone character after the '<' is a misplaced check digit, not a continuation.
    const Mrz misplaced =
        parseOk({"I<UTOD23145890<7<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                 "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"});
    EXPECT_FALSE(checkPassed(misplaced, "document_number"));
    EXPECT_EQ(misplaced.optionalData, "7");
}

TEST(MrzParserTest, JoinsALongTd2DocumentNumber) {
    const Mrz mrz =
        parseOk({"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D23145890<UTO7408122F12041597349<AB9"});
    EXPECT_EQ(mrz.format, MrzFormat::Td2);
    EXPECT_EQ(mrz.documentNumber, "D23145890734");
    EXPECT_EQ(mrz.optionalData, "AB");
    EXPECT_TRUE(mrz.valid());
}

TEST(MrzParserTest, PassportNumbersCannotOverflow) {
    // TD3 has no long-number rule: a '<' check digit is simply wrong.
    const Mrz mrz = parseOk({"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                             "L898902C3<UTO7408122F1204159ZE184226B<<<<<10"});
    EXPECT_FALSE(checkPassed(mrz, "document_number"));
}

TEST(MrzParserTest, MapsGermanyDToD) {
    const Mrz mrz = parseOk(test::kGermanSpecimen);
    EXPECT_EQ(mrz.issuingState, "D");
    EXPECT_EQ(mrz.nationality, "D");
    EXPECT_EQ(mrz.sex, '<');
    EXPECT_EQ(mrz.documentNumber, "T01008921");
    EXPECT_TRUE(mrz.valid());
}

TEST(MrzParserTest, EmptyPersonalNumberMayHaveAFillerOrZeroCheckDigit) {
    const MrzLines filler = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                             "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<8"};
    const MrzLines zero = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                           "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<08"};
    EXPECT_TRUE(parseOk(filler).valid());
    EXPECT_TRUE(parseOk(zero).valid());
    EXPECT_EQ(parseOk(zero).optionalData, "");

    MrzLines one = zero;
    one[1][42] = '1';
    EXPECT_FALSE(checkPassed(parseOk(one), "optional_data"));
    // With a personal number, '<' is no check digit.
    MrzLines withNumber = test::kTd3Specimen;
    withNumber[1][42] = '<';
    EXPECT_FALSE(checkPassed(parseOk(withNumber), "optional_data"));
}

TEST(MrzParserTest, KeepsUnknownBirthDatePartsAsPrinted) {
    const Mrz mrz = parseOk({"I<UTOD231458907<<<<<<<<<<<<<<<", "74<<<<1M1204159UTO<<<<<<<<<<<4",
                             "CARLOS<MONTEIRO<<AMELIA<VANESS"});
    EXPECT_EQ(mrz.birthDate, "74<<<<");
    EXPECT_TRUE(mrz.valid());
}

TEST(MrzParserTest, ReportsANameThatFillsItsFieldAsPossiblyTruncated) {
    const Mrz mrz = parseOk({"I<UTOD231458907<<<<<<<<<<<<<<<", "74<<<<1M1204159UTO<<<<<<<<<<<4",
                             "CARLOS<MONTEIRO<<AMELIA<VANESS"});
    EXPECT_EQ(mrz.surname(), "CARLOS MONTEIRO");
    EXPECT_EQ(mrz.givenNames(), "AMELIA VANESS");
    EXPECT_TRUE(mrz.namePossiblyTruncated);
    EXPECT_FALSE(parseOk(test::kTd1Specimen).namePossiblyTruncated);
}

TEST(MrzParserTest, ReadsANameWithoutSecondaryIdentifier) {
    const Mrz mrz = parseOk({"P<UTOERIKSSON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
                             "L898902C36UTO7408122F1204159ZE184226B<<<<<10"});
    EXPECT_EQ(mrz.surname(), "ERIKSSON");
    EXPECT_TRUE(mrz.secondaryIdentifier.empty());
    EXPECT_EQ(mrz.givenNames(), "");
}

TEST(MrzParserTest, ReportsEachFailingCheckDigit) {
    struct Case {
        int line;
        int column;
        std::vector<std::string> failing;
    };
    const Case cases[] = {
        {1, 9, {"document_number", "composite"}},
        {1, 19, {"birth_date", "composite"}},
        {1, 27, {"expiry_date", "composite"}},
        {1, 42, {"optional_data", "composite"}},
        {1, 43, {"composite"}},
    };
    for (const Case& c : cases) {
        MrzLines lines = test::kTd3Specimen;
        char& digit = lines[static_cast<std::size_t>(c.line)][static_cast<std::size_t>(c.column)];
        digit = digit == '9' ? '0' : static_cast<char>(digit + 1);
        const Mrz mrz = parseOk(lines);
        std::vector<std::string> failing;
        for (const MrzCheck& check : mrz.checks) {
            if (!check.passed) {
                failing.emplace_back(check.name);
            }
        }
        EXPECT_EQ(failing, c.failing) << c.column;
        EXPECT_FALSE(mrz.valid());
    }
    // Visas have no composite: a wrong check digit fails alone.
    MrzLines visa = test::kMrvBSpecimen;
    visa[1][19] = '9';
    const Mrz mrz = parseOk(visa);
    EXPECT_FALSE(checkPassed(mrz, "birth_date"));
    EXPECT_TRUE(checkPassed(mrz, "document_number"));
    EXPECT_TRUE(checkPassed(mrz, "expiry_date"));
}

TEST(MrzParserTest, CatchesTheLetterOForZeroInADocumentNumber) {
    // foxanna/mrz_parser#3: a Botswana passport number read with O for 0.
    const MrzLines read = {"P<BWAMOTSUMI<<KABO<<<<<<<<<<<<<<<<<<<<<<<<<<",
                           "OA01234563BWA8501019M3001019<<<<<<<<<<<<<<06"};
    EXPECT_TRUE(parseOk(read).valid());
    MrzLines misread = read;
    misread[1][2] = 'O';
    EXPECT_FALSE(checkPassed(parseOk(misread), "document_number"));
}

TEST(MrzParserTest, ToleratesSurroundingWhitespaceCrLfAndBlankLines) {
    const std::string text =
        "\n  \r\n  " + test::kTd3Specimen[0] + " \t\r\n\t" + test::kTd3Specimen[1] + "\r\n\n \n";
    Result<Mrz> parsed = parseMrz(text);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_EQ(parsed->lines, test::kTd3Specimen);
    EXPECT_TRUE(parsed->valid());

    const std::vector<std::string> lines = {
        "", "  " + test::kTd1Specimen[0], test::kTd1Specimen[1] + "\r", test::kTd1Specimen[2], " "};
    Result<Mrz> fromLines = parseMrzLines(lines);
    ASSERT_TRUE(fromLines.has_value()) << fromLines.error().message;
    EXPECT_EQ(fromLines->lines, test::kTd1Specimen);
}

TEST(MrzParserTest, RefusesInputWithoutTwoOrThreeLines) {
    EXPECT_EQ(refusalOfText(""), "no MRZ lines in the input");
    EXPECT_EQ(refusalOfText(" \n\t\n"), "no MRZ lines in the input");
    EXPECT_EQ(refusalOfText(test::kTd3Specimen[0]), "1 line; an MRZ has 2 or 3 lines");
    MrzLines four = test::kTd1Specimen;
    four.push_back(test::kTd1Specimen[2]);
    EXPECT_EQ(refusal(four), "4 lines; an MRZ has 2 or 3 lines");
}

TEST(MrzParserTest, RefusesABlankLineInsideTheZone) {
    EXPECT_EQ(refusalOfText(test::kTd3Specimen[0] + "\n\n" + test::kTd3Specimen[1]),
              "line 2 is blank: an MRZ has no blank line between its lines");
}

TEST(MrzParserTest, RefusesLinesOfTheWrongLengthWithoutFixingThem) {
    MrzLines shortLine = test::kTd3Specimen;
    shortLine[1].pop_back();
    EXPECT_EQ(refusal(shortLine), "line 2 has 43 characters, expected 44");
    MrzLines longLine = test::kTd3Specimen;
    longLine[1] += '<';
    EXPECT_EQ(refusal(longLine), "line 2 has 45 characters, expected 44");
    MrzLines odd = test::kTd3Specimen;
    odd[0].pop_back();
    EXPECT_EQ(refusal(odd), "line 1 has 43 characters, expected 36 or 44");
    MrzLines card = test::kTd1Specimen;
    card[2] += "<";
    EXPECT_EQ(refusal(card), "line 3 has 31 characters, expected 30 (3 lines: TD1)");
    // A TD3 line 1 with a TD2 line 2.
    EXPECT_EQ(refusal(MrzLines{test::kTd3Specimen[0], test::kTd2Specimen[1]}),
              "line 2 has 36 characters, expected 44");
}

TEST(MrzParserTest, RefusesCharactersOutsideTheMrzAlphabet) {
    MrzLines lower = test::kTd3Specimen;
    lower[0][6] = 'r';
    EXPECT_EQ(refusal(lower), "line 1 position 7: 'r' is not an MRZ character (A-Z, 0-9, <)");
    MrzLines space = test::kTd3Specimen;
    space[1][3] = ' ';
    EXPECT_EQ(refusal(space), "line 2 position 4: ' ' is not an MRZ character (A-Z, 0-9, <)");
    MrzLines accent = test::kTd1Specimen;
    accent[2].replace(0, 1, "\xC3\x89");
    EXPECT_EQ(refusal(accent),
              "line 3 position 1: byte 0xC3 is not an MRZ character (A-Z, 0-9, <)");
    EXPECT_EQ(refusalOfText(std::string(test::kTd3Specimen[0]) + "\n" + std::string(44, '\0')),
              "line 2 position 1: byte 0x00 is not an MRZ character (A-Z, 0-9, <)");
}

TEST(MrzParserTest, RefusesDocumentCodesTheFormatForbids) {
    MrzLines passportCard = test::kTd1Specimen;
    passportCard[0][0] = 'P';
    EXPECT_EQ(refusal(passportCard),
              "line 1 positions 1-2: document code \"P<\": a TD1 card starts with A, C or I");
    MrzLines visaCard = test::kTd1Specimen;
    visaCard[0][1] = 'V';
    EXPECT_EQ(refusal(visaCard),
              "line 1 positions 1-2: document code \"IV\": the second letter "
              "of a card's code cannot be V");
    MrzLines ai = test::kTd1Specimen;
    ai[0].replace(0, 2, "AI");
    EXPECT_EQ(refusal(ai), "line 1 positions 1-2: document code \"AI\" is not allowed");
    MrzLines td2 = test::kTd2Specimen;
    td2[0][0] = 'P';
    EXPECT_EQ(refusal(td2),
              "line 1 positions 1-2: document code \"P<\": a TD2 card starts with A, C or I");
    MrzLines passport = test::kTd3Specimen;
    passport[0][0] = 'I';
    EXPECT_EQ(refusal(passport),
              "line 1 positions 1-2: document code \"I<\": a 2 x 44 MRZ is a "
              "passport (P) or a visa (V)");
    MrzLines digit = test::kTd3Specimen;
    digit[0][1] = '1';
    EXPECT_EQ(refusal(digit),
              "line 1 positions 1-2: document code \"P1\": its second character "
              "must be a letter or <");
    // Cards with a second letter of their own choice are fine.
    MrzLines residence = test::kTd1Specimen;
    residence[0][1] = 'R';
    EXPECT_EQ(refusal(residence), "parsed");
}

TEST(MrzParserTest, RefusesTheFrenchIdentityCardLayout) {
    EXPECT_EQ(refusal(MrzLines{"IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<",
                               "9409923102854CORINNE<<<<<<<6512068F6"}),
              "French identity card of 1994-2021: its layout is not ICAO 9303");
}

TEST(MrzParserTest, RefusesFieldsHoldingCharactersTheirDefinitionExcludes) {
    MrzLines birth = test::kTd3Specimen;
    birth[1][15] = 'S';  // 8 read as S passes the check digit: only the field's rule catches it
    EXPECT_EQ(refusal(birth),
              "line 2 positions 14-19: birth date \"74S812\" is not YYMMDD "
              "(digits, << for an unknown part)");
    MrzLines halfUnknown = test::kTd3Specimen;
    halfUnknown[1][15] = '<';
    EXPECT_EQ(refusal(halfUnknown),
              "line 2 positions 14-19: birth date \"74<812\" is not YYMMDD "
              "(digits, << for an unknown part)");
    MrzLines expiry = test::kTd1Specimen;
    expiry[1][9] = 'O';
    EXPECT_EQ(refusal(expiry),
              "line 2 positions 9-14: expiry date \"1O0415\" is not YYMMDD "
              "(digits, << for an unknown part)");
    MrzLines sex = test::kTd3Specimen;
    sex[1][20] = 'X';
    EXPECT_EQ(refusal(sex), "line 2 position 21: sex \"X\" is not M, F or <");
    MrzLines state = test::kTd3Specimen;
    state[0][4] = '0';
    EXPECT_EQ(refusal(state), "line 1 positions 3-5: issuing state \"UT0\" must be letters");
    MrzLines nationality = test::kTd1Specimen;
    nationality[1][16] = '7';
    EXPECT_EQ(refusal(nationality), "line 2 positions 16-18: nationality \"U7O\" must be letters");
}

TEST(MrzParserTest, RefusesMalformedNames) {
    const std::string expected =
        " is not SURNAME<<GIVEN<NAMES (letters, single < between "
        "components)";
    auto withName = [](const std::string& name) {
        MrzLines lines = test::kTd1Specimen;
        lines[2] = name + std::string(30 - name.size(), '<');
        return lines;
    };
    EXPECT_EQ(refusal(withName("ERIKSSON<<ANNA<MAR1A")),
              "line 3 positions 1-30: name \"ERIKSSON<<ANNA<MAR1A<<<<<<<<<<\"" + expected);
    EXPECT_EQ(refusal(withName("")),
              "line 3 positions 1-30: name \"<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\"" + expected);
    EXPECT_NE(refusal(withName("<<ANNA")), "parsed");
    EXPECT_NE(refusal(withName("ERIKSSON<<<ANNA")), "parsed");
    EXPECT_NE(refusal(withName("ERIKSSON<<ANNA<<MARIA")), "parsed");
    EXPECT_NE(refusal(withName("ERIKSSON<<ANNA<<<<<<<<<<MARIA")), "parsed");
    EXPECT_EQ(refusal(withName("VAN<DER<VELDEN<<GREET<HILDE")), "parsed");
}

}  // namespace
}  // namespace balie::core
