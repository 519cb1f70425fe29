// SPDX-License-Identifier: GPL-3.0-or-later
// Building machine readable zones: the specimens from their fields, names transliterated and
// shortened, every refusal, and thousands of generated zones through the parser and back.
#include "balie/core/mrz_builder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "balie/core/mrz.h"
#include "mrz_random.h"
#include "mrz_specimens.h"

namespace balie::core {
namespace {

using test::MrzLines;

MrzFields td3SpecimenFields() {
    MrzFields fields;
    fields.format = MrzFormat::Td3;
    fields.documentCode = "P";
    fields.issuingState = "UTO";
    fields.documentNumber = "L898902C3";
    fields.birthDate = "740812";
    fields.sex = 'F';
    fields.expiryDate = "120415";
    fields.nationality = "UTO";
    fields.surname = "Eriksson";
    fields.givenNames = "Anna María";
    fields.optionalData = "ZE184226B";
    return fields;
}

MrzLines buildOk(const MrzFields& fields) {
    Result<std::vector<std::string>> lines = buildMrz(fields);
    EXPECT_TRUE(lines.has_value()) << (lines.has_value() ? "" : lines.error().message);
    return lines.has_value() ? *lines : MrzLines{};
}

// The reason buildMrz() refuses \a fields, or "built".
std::string refusal(const MrzFields& fields) {
    Result<std::vector<std::string>> lines = buildMrz(fields);
    if (lines.has_value()) {
        return "built";
    }
    EXPECT_EQ(lines.error().code, Errc::InvalidArgument);
    return lines.error().message;
}

TEST(MrzBuilderTest, BuildsTheTd3Specimen) {
    EXPECT_EQ(buildOk(td3SpecimenFields()), test::kTd3Specimen);
}

TEST(MrzBuilderTest, BuildsTheCardAndVisaSpecimens) {
    MrzFields td1 = td3SpecimenFields();
    td1.format = MrzFormat::Td1;
    td1.documentCode = "I";
    td1.documentNumber = "D23145890";
    td1.optionalData = "";
    EXPECT_EQ(buildOk(td1), test::kTd1Specimen);

    MrzFields td2 = td1;
    td2.format = MrzFormat::Td2;
    EXPECT_EQ(buildOk(td2), test::kTd2Specimen);

    MrzFields visa = td3SpecimenFields();
    visa.format = MrzFormat::MrvA;
    visa.documentCode = "V";
    visa.documentNumber = "L8988901C";
    visa.nationality = "XXX";
    visa.birthDate = "400907";
    visa.expiryDate = "961210";
    visa.optionalData = "6ZE184226B";
    EXPECT_EQ(buildOk(visa), test::kMrvASpecimen);

    visa.format = MrzFormat::MrvB;
    visa.optionalData = "";
    EXPECT_EQ(buildOk(visa), test::kMrvBSpecimen);
}

TEST(MrzBuilderTest, BuildsTheBelgianLongCardNumber) {
    MrzFields fields;
    fields.format = MrzFormat::Td1;
    fields.documentCode = "ID";
    fields.issuingState = "BEL";
    fields.documentNumber = "000001115702";
    fields.birthDate = "950228";
    fields.sex = 'F';
    fields.expiryDate = "300106";
    fields.nationality = "BEL";
    fields.optionalData2 = "95022899874";
    fields.surname = "Specimen";
    fields.givenNames = "Specimen";
    EXPECT_EQ(buildOk(fields), test::kBelgianSpecimen);
}

TEST(MrzBuilderTest, PutsALongNumberBeforeTheOptionalData) {
    MrzFields fields = td3SpecimenFields();
    fields.format = MrzFormat::Td1;
    fields.documentCode = "I";
    fields.documentNumber = "D23145890734";
    fields.optionalData = "AB12";
    EXPECT_EQ(buildOk(fields)[0], "I<UTOD23145890<7349<AB12<<<<<<");

    fields.format = MrzFormat::Td2;
    fields.optionalData = "AB";
    EXPECT_EQ(buildOk(fields)[1], "D23145890<UTO7408122F12041597349<AB9");
}

TEST(MrzBuilderTest, WritesGermanyAsDWithFillers) {
    MrzFields fields;
    fields.format = MrzFormat::Td1;
    fields.documentCode = "ID";
    fields.issuingState = "D";
    fields.documentNumber = "T01008921";
    fields.birthDate = "640812";
    fields.sex = 'X';
    fields.expiryDate = "201031";
    fields.nationality = "D";
    fields.surname = "Mustermann";
    fields.givenNames = "Erika";
    EXPECT_EQ(buildOk(fields), test::kGermanSpecimen);
}

TEST(MrzBuilderTest, WritesTheEmptyPersonalNumberCheckAsZeroOrFiller) {
    MrzFields fields = td3SpecimenFields();
    fields.optionalData = "";
    EXPECT_EQ(buildOk(fields)[1], "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<08");
    fields.emptyPersonalNumberCheckIsFiller = true;
    EXPECT_EQ(buildOk(fields)[1], "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<8");
}

TEST(MrzBuilderTest, WritesUnknownBirthDateParts) {
    MrzFields fields = td3SpecimenFields();
    fields.birthDate = "74<<<<";
    const MrzLines lines = buildOk(fields);
    EXPECT_EQ(lines[1].substr(13, 7), "74<<<<1");
    EXPECT_TRUE(parseMrzLines(lines)->valid());
}

TEST(MrzBuilderTest, RefusesFieldsItCannotEncode) {
    auto with = [](auto change) {
        MrzFields fields = td3SpecimenFields();
        change(fields);
        return refusal(fields);
    };
    EXPECT_EQ(with([](MrzFields&) {}), "built");
    EXPECT_EQ(with([](MrzFields& f) { f.documentCode = ""; }),
              "document code \"\" is not 1 or 2 MRZ characters");
    EXPECT_EQ(with([](MrzFields& f) { f.documentCode = "PPP"; }),
              "document code \"PPP\" is not 1 or 2 MRZ characters");
    EXPECT_EQ(with([](MrzFields& f) { f.documentCode = "p"; }),
              "document code \"p\" is not 1 or 2 MRZ characters");
    EXPECT_EQ(with([](MrzFields& f) { f.documentCode = "I"; }),
              "document code \"I<\": a 2 x 44 MRZ is a passport (P) or a visa (V)");
    EXPECT_EQ(with([](MrzFields& f) {
                  f.format = MrzFormat::Td1;
                  f.documentCode = "IV";
              }),
              "document code \"IV\": the second letter of a card's code cannot be V");
    EXPECT_EQ(with([](MrzFields& f) { f.format = MrzFormat::MrvB; }),
              "document code \"P<\": a visa starts with V");
    EXPECT_EQ(with([](MrzFields& f) { f.issuingState = "BELG"; }),
              "issuing state \"BELG\" is not a code of up to 3 letters");
    EXPECT_EQ(with([](MrzFields& f) { f.nationality = "B3L"; }),
              "nationality \"B3L\" is not a code of up to 3 letters");
    EXPECT_EQ(with([](MrzFields& f) { f.birthDate = "1974-08-12"; }),
              "birth date \"1974-08-12\" is not YYMMDD (digits, << for an unknown part)");
    EXPECT_EQ(with([](MrzFields& f) { f.birthDate = "7408<2"; }),
              "birth date \"7408<2\" is not YYMMDD (digits, << for an unknown part)");
    EXPECT_EQ(with([](MrzFields& f) { f.expiryDate = "12O415"; }),
              "expiry date \"12O415\" is not YYMMDD (digits, << for an unknown part)");
    EXPECT_EQ(with([](MrzFields& f) { f.sex = 'D'; }), "sex 'D' is not M, F, X or <");
    EXPECT_EQ(with([](MrzFields& f) { f.documentNumber = "l898902c3"; }),
              "document number \"l898902c3\" holds a character outside A-Z, 0-9, <");
    EXPECT_EQ(with([](MrzFields& f) { f.documentNumber = "L898902C36"; }),
              "document number \"L898902C36\" is longer than 9 characters, which TD3 does not "
              "allow");
    EXPECT_EQ(with([](MrzFields& f) { f.optionalData = "ZE184226B-1"; }),
              "optional data \"ZE184226B-1\" holds a character outside A-Z, 0-9, <");
    EXPECT_EQ(with([](MrzFields& f) { f.optionalData = "ZE184226B123456"; }),
              "optional data \"ZE184226B123456\" is longer than 14 characters");
    EXPECT_EQ(with([](MrzFields& f) { f.optionalData2 = "X"; }), "TD3 has no optional data 2");
    EXPECT_EQ(with([](MrzFields& f) { f.emptyPersonalNumberCheckIsFiller = true; }),
              "a filler check digit is only for an empty TD3 personal number");
    EXPECT_EQ(with([](MrzFields& f) { f.surname = "'-"; }), "the surname has no letters");
    EXPECT_EQ(with([](MrzFields& f) { f.givenNames = "Anna 2"; }),
              "a name cannot hold the digit '2'");
}

TEST(MrzBuilderTest, RefusesLongNumbersThatDoNotFit) {
    MrzFields fields = td3SpecimenFields();
    fields.format = MrzFormat::Td2;
    fields.documentCode = "I";
    fields.optionalData = "";
    fields.documentNumber = "D23145890123456";  // 6 overflow + check digit = 7: just fits
    EXPECT_EQ(refusal(fields), "built");
    fields.documentNumber = "D231458901234567";
    EXPECT_EQ(refusal(fields),
              "document number \"D231458901234567\" and optional data \"\" do "
              "not fit in the 7 characters of the optional data field");
    fields.documentNumber = "D23145890123";
    fields.optionalData = "ABCD";
    EXPECT_EQ(refusal(fields),
              "document number \"D23145890123\" and optional data \"ABCD\" do "
              "not fit in the 7 characters of the optional data field");
    fields.documentNumber = "D23145890<12";
    fields.optionalData = "";
    EXPECT_EQ(refusal(fields),
              "document number \"D23145890<12\" has a filler after its 9th "
              "character, which a long number cannot carry");
    fields.format = MrzFormat::Td1;
    fields.documentNumber = "D23145890";
    fields.optionalData2 = "123456789012";
    EXPECT_EQ(refusal(fields), "optional data 2 \"123456789012\" is not up to 11 MRZ characters");
}

TEST(MrzBuilderTest, TransliteratesLatinLettersPerIcao) {
    EXPECT_EQ(transliterateName("Müller-Lüdenscheidt"), "MUELLER<LUEDENSCHEIDT");
    EXPECT_EQ(transliterateName("D'Hondt"), "DHONDT");
    EXPECT_EQ(transliterateName("O’Brien"), "OBRIEN");
    EXPECT_EQ(transliterateName("José María"), "JOSE<MARIA");
    EXPECT_EQ(transliterateName("Łukasz Żółć"), "LUKASZ<ZOLC");
    EXPECT_EQ(transliterateName("Ångström"), "AANGSTROEM");
    EXPECT_EQ(transliterateName("Ærø Søren"), "AEROE<SOEREN");
    EXPECT_EQ(transliterateName("Strauß"), "STRAUSS");
    EXPECT_EQ(transliterateName("Þórunn Guðmundsdóttir"), "THORUNN<GUDMUNDSDOTTIR");
    EXPECT_EQ(transliterateName("Ĳsbrand"), "IJSBRAND");
    EXPECT_EQ(transliterateName("Œuvray"), "OEUVRAY");
    EXPECT_EQ(transliterateName("Ștefănescu Țurcanu"), "STEFANESCU<TURCANU");
    EXPECT_EQ(transliterateName("Çelik Ñúñez"), "CELIK<NUNEZ");
    EXPECT_EQ(transliterateName("Dvořák Ščepán"), "DVORAK<SCEPAN");
}

TEST(MrzBuilderTest, SeparatesComponentsWithSingleFillers) {
    EXPECT_EQ(transliterateName("van der  Velden"), "VAN<DER<VELDEN");
    EXPECT_EQ(transliterateName("  -Anna- "), "ANNA");
    EXPECT_EQ(transliterateName("St. John"), "ST<JOHN");
    EXPECT_EQ(transliterateName("Jean-Pierre"), "JEAN<PIERRE");
    EXPECT_EQ(transliterateName(""), "");
}

TEST(MrzBuilderTest, RefusesWhatItCannotTransliterate) {
    auto error = [](std::string_view name) {
        Result<std::string> result = transliterateName(name);
        EXPECT_FALSE(result.has_value()) << name;
        return result.has_value() ? std::string() : result.error().message;
    };
    EXPECT_EQ(error("R2D2"), "a name cannot hold the digit '2'");
    EXPECT_EQ(error("Иван"), "no MRZ transliteration for U+0418 in a name");
    EXPECT_EQ(error("E\xCC\x81mile"), "no MRZ transliteration for U+0301 in a name");
    EXPECT_EQ(error("Kraĸ"), "no MRZ transliteration for U+0138 in a name");
    EXPECT_EQ(error("Anna\nMaria"), "no MRZ transliteration for U+000A in a name");
    EXPECT_EQ(error("Ren\xC3"), "name is not UTF-8 (byte 4)");
    EXPECT_EQ(error("\xC0\x80"), "name is not UTF-8 (byte 1)");
    EXPECT_EQ(error("A\xED\xA0\x80"), "name is not UTF-8 (byte 2)");
    EXPECT_EQ(error("\xE9t\xE9"), "name is not UTF-8 (byte 1)");
}

TEST(MrzBuilderTest, PadsANameThatFits) {
    Result<MrzNameField> field = encodeMrzName("Eriksson", "Anna Maria", 30);
    ASSERT_TRUE(field.has_value());
    EXPECT_EQ(field->text, "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
    EXPECT_FALSE(field->truncated);
    EXPECT_EQ(encodeMrzName("Eriksson", "", 12)->text, "ERIKSSON<<<<");
    // Exactly full is not truncated.
    EXPECT_EQ(encodeMrzName("Eriksson", "Anna", 14)->text, "ERIKSSON<<ANNA");
    EXPECT_FALSE(encodeMrzName("Eriksson", "Anna", 14)->truncated);
}

TEST(MrzBuilderTest, ShortensTheSecondaryIdentifierFromItsLastComponent) {
    Result<MrzNameField> field = encodeMrzName("Eriksson", "Anna Maria", 17);
    ASSERT_TRUE(field.has_value());
    EXPECT_EQ(field->text, "ERIKSSON<<ANNA<MA");
    EXPECT_TRUE(field->truncated);
    // Initials of later components are kept in preference to letters of earlier ones; a
    // component that cannot get even its initial leaves its room to the one before it.
    EXPECT_EQ(encodeMrzName("Eriksson", "Anna Maria", 15)->text, "ERIKSSON<<ANN<M");
    EXPECT_EQ(encodeMrzName("Eriksson", "Anna Maria", 13)->text, "ERIKSSON<<A<M");
    EXPECT_EQ(encodeMrzName("Eriksson", "Anna Maria", 12)->text, "ERIKSSON<<AN");
}

TEST(MrzBuilderTest, ShortensThePrimaryIdentifierUntilAGivenNameInitialFits) {
    Result<MrzNameField> field = encodeMrzName("Nilavadhanananda Chayapa Dejthamrong Krasuang",
                                               "Arnpol Petch Charonguang", 39);
    ASSERT_TRUE(field.has_value());
    EXPECT_EQ(field->text, "NILAVADHANANANDA<CHAYAPA<DEJTHAMRO<K<<A");
    EXPECT_TRUE(field->truncated);
    EXPECT_EQ(encodeMrzName("Wolfeschlegelsteinhausenbergerdorff", "Hubert", 30)->text,
              "WOLFESCHLEGELSTEINHAUSENBER<<H");
    EXPECT_EQ(encodeMrzName("Wolfeschlegelsteinhausenbergerdorff", "", 30)->text,
              "WOLFESCHLEGELSTEINHAUSENBERGER");
    // Components that cannot get even an initial are left out.
    EXPECT_EQ(encodeMrzName("A B C D E", "F", 8)->text, "A<B<C<<F");
}

TEST(MrzBuilderTest, RefusesANameFieldTooNarrowOrWithoutSurname) {
    EXPECT_FALSE(encodeMrzName("Eriksson", "Anna", 3).has_value());
    EXPECT_FALSE(encodeMrzName("", "Anna", 30).has_value());
    EXPECT_FALSE(encodeMrzName("Anna", "Ma1ria", 30).has_value());
}

TEST(MrzBuilderTest, RebuildsEveryParsedSpecimen) {
    for (const MrzLines* specimen :
         {&test::kTd1Specimen, &test::kTd2Specimen, &test::kTd3Specimen, &test::kMrvASpecimen,
          &test::kMrvBSpecimen, &test::kBelgianSpecimen, &test::kGermanSpecimen}) {
        Result<Mrz> mrz = parseMrzLines(*specimen);
        ASSERT_TRUE(mrz.has_value());
        EXPECT_EQ(buildOk(fieldsOf(*mrz)), *specimen);
    }
}

TEST(MrzBuilderTest, GeneratedZonesRoundTripThroughTheParser) {
    test::RandomMrzFields random(9303);
    int truncatedNames = 0;
    int longNumbers = 0;
    for (MrzFormat format :
         {MrzFormat::Td1, MrzFormat::Td2, MrzFormat::Td3, MrzFormat::MrvA, MrzFormat::MrvB}) {
        for (int i = 0; i < 2000; ++i) {
            const MrzFields fields = random.next(format);
            const MrzLines lines = buildOk(fields);
            ASSERT_EQ(lines.size(), static_cast<std::size_t>(mrzLineCount(format)));
            Result<Mrz> mrz = parseMrzLines(lines);
            ASSERT_TRUE(mrz.has_value()) << mrz.error().message;
            ASSERT_TRUE(mrz->valid()) << test::joinLines(lines);
            EXPECT_EQ(mrz->format, format);
            EXPECT_EQ(mrz->documentCode + std::string(2 - mrz->documentCode.size(), '<'),
                      fields.documentCode + std::string(2 - fields.documentCode.size(), '<'));
            EXPECT_EQ(mrz->issuingState, fields.issuingState);
            EXPECT_EQ(mrz->documentNumber, fields.documentNumber);
            EXPECT_EQ(mrz->birthDate, fields.birthDate);
            EXPECT_EQ(mrz->sex, fields.sex);
            EXPECT_EQ(mrz->expiryDate, fields.expiryDate);
            EXPECT_EQ(mrz->nationality, fields.nationality);
            EXPECT_EQ(mrz->optionalData, fields.optionalData);
            EXPECT_EQ(mrz->optionalData2, fields.optionalData2);
            Result<MrzNameField> name =
                encodeMrzName(fields.surname, fields.givenNames,
                              mrzLineLength(format) - (format == MrzFormat::Td1 ? 0 : 5));
            if (name->truncated) {
                ++truncatedNames;
            } else {
                EXPECT_EQ(mrz->surname(), fields.surname);
                EXPECT_EQ(mrz->givenNames(), fields.givenNames);
            }
            longNumbers += fields.documentNumber.size() > 9 ? 1 : 0;
            EXPECT_EQ(buildOk(fieldsOf(*mrz)), lines);
        }
    }
    // The generator exercised both special cases.
    EXPECT_GT(truncatedNames, 100);
    EXPECT_GT(longNumbers, 100);
}

}  // namespace
}  // namespace balie::core
