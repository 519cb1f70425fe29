// SPDX-License-Identifier: GPL-3.0-or-later
// Identity and address fields, and the dates and sex letters of the three languages.
#include "balie/drivers/eid/identity.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "scripted_transport.h"

namespace balie::drivers::eid {
namespace {

using core::PartialDate;

/// Builds a TLV file the way the card writes one.
Bytes tlvFile(const std::vector<std::pair<std::uint8_t, Bytes>>& elements) {
    Bytes file;
    for (const auto& [tag, value] : elements) {
        file.push_back(tag);
        std::size_t length = value.size();
        while (length >= 255) {
            file.push_back(0xFF);
            length -= 255;
        }
        file.push_back(static_cast<std::uint8_t>(length));
        file.insert(file.end(), value.begin(), value.end());
    }
    return file;
}

Bytes text(std::string_view value) {
    return Bytes(value.begin(), value.end());
}

TEST(IdentityTest, ReadsEveryTagOfABelgianCard) {
    const Bytes photoHash(48, 0xAB);
    const Bytes chip = test::hex("534C494E33660013930D0E6A0E08220A");
    const Bytes file = tlvFile({
        {0x00, test::hex("00 05")},
        {0x01, text("592123456789")},
        {0x02, chip},
        {0x03, text("14.05.2021")},
        {0x04, text("14.05.2031")},
        {0x05, text("Sint-Agatha-Berchem")},
        {0x06, text("93051822361")},
        {0x07, text("Specimen")},
        {0x08, text("Alice Geldigekaart")},
        {0x09, text("A")},
        {0x0A, text("Belg")},
        {0x0B, text("Brussel")},
        {0x0C, text("18 MEI 1993")},
        {0x0D, text("V")},
        {0x0E, text("Barones")},
        {0x0F, text("1")},
        {0x10, text("1")},
        {0x11, photoHash},
        {0x12, text("01")},
    });
    auto identity = parseIdentity(file);
    ASSERT_TRUE(identity.has_value()) << identity.error().message;
    EXPECT_EQ(identity->cardNumber, "592123456789");
    EXPECT_EQ(identity->chipNumber, chip);
    EXPECT_EQ(identity->validityBegin, (PartialDate{2021, 5, 14}));
    EXPECT_EQ(identity->validityEnd, (PartialDate{2031, 5, 14}));
    EXPECT_EQ(identity->validityEndText, "14.05.2031");
    EXPECT_EQ(identity->issuingMunicipality, "Sint-Agatha-Berchem");
    EXPECT_EQ(identity->nationalNumber, "93051822361");
    EXPECT_EQ(identity->surname, "Specimen");
    EXPECT_EQ(identity->givenNames, "Alice Geldigekaart");
    EXPECT_EQ(identity->thirdInitial, "A");
    EXPECT_EQ(identity->nationality, "Belg");
    EXPECT_EQ(identity->birthPlace, "Brussel");
    EXPECT_EQ(identity->birthDateText, "18 MEI 1993");
    EXPECT_EQ(identity->birthDate, (PartialDate{1993, 5, 18}));
    EXPECT_EQ(identity->sexLetter, "V");
    EXPECT_EQ(identity->sex, Sex::Female);
    EXPECT_EQ(identity->nobleCondition, "Barones");
    EXPECT_EQ(identity->documentType, 1);
    EXPECT_EQ(identity->specialStatus, 1);
    EXPECT_EQ(identity->photoHash, photoHash);
    EXPECT_EQ(identity->duplicate, "01");
    EXPECT_FALSE(identity->memberOfFamily);
    EXPECT_FALSE(identity->specialOrganisation.has_value());
}

TEST(IdentityTest, ReadsTheFieldsOfAForeignerCard) {
    const Bytes file = tlvFile({
        {0x01, text("B01234567")},
        {0x06, text("85073100143")},
        {0x07, text("Mustermann")},
        {0x08, text("")},
        {0x0A, text("Syrien")},
        {0x0C, text("   JAN 1985")},
        {0x0D, text("W")},
        {0x0F, text("33")},
        {0x10, text("0")},
        {0x13, text("5")},
        {0x14, {}},
        {0x15, text("12.03.2019-SY")},
        {0x16, text("8")},
        {0x17, text("0123.456.789")},
        {0x18, text("0987.654.321")},
        {0x19, text("123456789012345678")},
        {0x1A, Bytes(48, 0x11)},
        {0x1B, text("B")},
        {0x1C, text("C")},
        {0x1D, text("D")},
        {0x1E, text("K")},
        {0x1F, text("01.02.2020")},
        {0x2A, text("a tag from a later format version")},
    });
    auto identity = parseIdentity(file);
    ASSERT_TRUE(identity.has_value()) << identity.error().message;
    EXPECT_TRUE(identity->givenNames.empty());
    EXPECT_EQ(identity->birthDate, (PartialDate{1985, 1, 0}));
    EXPECT_EQ(identity->sex, Sex::Female);
    EXPECT_EQ(identity->documentType, 33);
    EXPECT_EQ(identity->specialStatus, 0);
    EXPECT_EQ(identity->specialOrganisation, 5);
    EXPECT_TRUE(identity->memberOfFamily);
    EXPECT_EQ(identity->protectionText, "12.03.2019-SY");
    EXPECT_EQ(identity->protectionDate, (PartialDate{2019, 3, 12}));
    EXPECT_EQ(identity->protectionCountry, "SY");
    EXPECT_EQ(identity->workPermit, "8");
    EXPECT_EQ(identity->employerVat1, "0123.456.789");
    EXPECT_EQ(identity->employerVat2, "0987.654.321");
    EXPECT_EQ(identity->regionalFileNumber, "123456789012345678");
    EXPECT_EQ(identity->basicKeyHash, Bytes(48, 0x11));
    EXPECT_EQ(identity->brexitMention1, "B");
    EXPECT_EQ(identity->brexitMention2, "C");
    EXPECT_EQ(identity->cardAMention1, "D");
    EXPECT_EQ(identity->cardAMention2, "K");
    EXPECT_EQ(identity->euRegistrationDate, (PartialDate{2020, 2, 1}));
}

TEST(IdentityTest, ReadsBinaryCodes) {
    const Bytes file = tlvFile({{0x01, text("1")},
                                {0x06, text("2")},
                                {0x07, text("X")},
                                {0x0F, test::hex("06")},
                                {0x10, test::hex("02")}});
    auto identity = parseIdentity(file);
    ASSERT_TRUE(identity.has_value());
    EXPECT_EQ(identity->documentType, 6);
    EXPECT_EQ(identity->specialStatus, 2);
}

TEST(IdentityTest, RejectsAFileWithoutNationalNumber) {
    auto identity = parseIdentity(tlvFile({{0x01, text("1")}, {0x07, text("X")}}));
    ASSERT_FALSE(identity.has_value());
    EXPECT_EQ(identity.error().code, core::Errc::InvalidFormat);
}

TEST(IdentityTest, RejectsABrokenFile) {
    auto identity = parseIdentity(test::hex("01 0C 35 39"));
    ASSERT_FALSE(identity.has_value());
    EXPECT_EQ(identity.error().code, core::Errc::InvalidFormat);
}

TEST(IdentityTest, ReadsAddressWithZeroPadding) {
    Bytes file = tlvFile(
        {{0x01, text("Rue de la Loi 16")}, {0x02, text("1000")}, {0x03, text("Bruxelles")}});
    file.resize(file.size() + 40, 0);
    auto address = parseAddress(file);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->streetAndNumber, "Rue de la Loi 16");
    EXPECT_EQ(address->postalCode, "1000");
    EXPECT_EQ(address->municipality, "Bruxelles");
    EXPECT_FALSE(parseAddress(test::hex("01 10 52")).has_value());
}

TEST(BirthDateTest, ReadsDutchMonths) {
    const char* names[] = {"JAN", "FEB", "MAAR", "APR", "MEI", "JUN",
                           "JUL", "AUG", "SEP",  "OKT", "NOV", "DEC"};
    for (int month = 1; month <= 12; ++month) {
        const std::string date = std::string("01 ") + names[month - 1] + " 1990";
        EXPECT_EQ(parseBirthDate(date), (PartialDate{1990, month, 1})) << date;
    }
}

TEST(BirthDateTest, ReadsFrenchMonths) {
    const char* names[] = {"JAN",  "FEV",  "MARS", "AVR", "MAI", "JUIN",
                           "JUIL", "AOUT", "SEPT", "OCT", "NOV", "DEC"};
    for (int month = 1; month <= 12; ++month) {
        const std::string date = std::string("28 ") + names[month - 1] + " 1975";
        EXPECT_EQ(parseBirthDate(date), (PartialDate{1975, month, 28})) << date;
    }
    EXPECT_EQ(parseBirthDate("18 F\xC3\x89V 1993"), (PartialDate{1993, 2, 18}));
    EXPECT_EQ(parseBirthDate("18 ao\xC3\xBBt 1993"), (PartialDate{1993, 8, 18}));
}

TEST(BirthDateTest, ReadsGermanMonths) {
    const char* names[] = {"JAN", "FEB", "M\xC3\x84R", "APR", "MAI", "JUN",
                           "JUL", "AUG", "SEP",        "OKT", "NOV", "DEZ"};
    for (int month = 1; month <= 12; ++month) {
        const std::string date = std::string("09.") + names[month - 1] + ".2001";
        EXPECT_EQ(parseBirthDate(date), (PartialDate{2001, month, 9})) << date;
    }
    EXPECT_EQ(parseBirthDate("09.m\xC3\xA4r.2001"), (PartialDate{2001, 3, 9}));
}

TEST(BirthDateTest, KeepsUnknownDayAndMonthAsZero) {
    EXPECT_EQ(parseBirthDate("   JAN 1985"), (PartialDate{1985, 1, 0}));
    EXPECT_EQ(parseBirthDate("  .JAN.1985"), (PartialDate{1985, 1, 0}));
    EXPECT_EQ(parseBirthDate("        1985"), (PartialDate{1985, 0, 0}));
    EXPECT_EQ(parseBirthDate("  .   .1985"), (PartialDate{1985, 0, 0}));
    EXPECT_EQ(parseBirthDate("1985"), (PartialDate{1985, 0, 0}));
}

TEST(BirthDateTest, RejectsWhatIsNotADate) {
    EXPECT_FALSE(parseBirthDate(""));
    EXPECT_FALSE(parseBirthDate("32 JAN 1990"));
    EXPECT_FALSE(parseBirthDate("29 FEB 2001"));
    EXPECT_FALSE(parseBirthDate("18 XYZ 1993"));
    EXPECT_FALSE(parseBirthDate("18 MEI 93"));
    EXPECT_FALSE(parseBirthDate("18      1993")) << "a known day needs a known month";
    EXPECT_FALSE(parseBirthDate("00 JAN 1990"));
    EXPECT_TRUE(parseBirthDate("29 FEB 2000"));
}

TEST(CardDateTest, ReadsDayMonthYear) {
    EXPECT_EQ(parseCardDate("01.02.2020"), (PartialDate{2020, 2, 1}));
    EXPECT_FALSE(parseCardDate("1.2.2020"));
    EXPECT_FALSE(parseCardDate("31.02.2020"));
    EXPECT_FALSE(parseCardDate("01-02-2020"));
    EXPECT_FALSE(parseCardDate("00.00.2020"));
}

TEST(SexTest, ReadsTheLettersOfEachLanguage) {
    EXPECT_EQ(parseSex("M"), Sex::Male);
    EXPECT_EQ(parseSex("F"), Sex::Female);
    EXPECT_EQ(parseSex("V"), Sex::Female);
    EXPECT_EQ(parseSex("W"), Sex::Female);
    EXPECT_FALSE(parseSex("X"));
    EXPECT_FALSE(parseSex(""));
}

}  // namespace
}  // namespace balie::drivers::eid
