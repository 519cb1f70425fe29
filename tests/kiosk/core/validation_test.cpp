// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the validation rules of the four wizard steps and their message keys.
#include "balie/core/validation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "request_examples.h"

namespace balie::core {
namespace {

using test::keysOf;
using test::kToday;
using test::validRequest;
using Keys = std::vector<std::string>;

Keys documentKeys(const Request& request) {
    return keysOf(validateDocumentStep(request));
}

Keys personKeys(const Request& request) {
    return keysOf(validatePersonStep(request, kToday));
}

Keys addressKeys(const Request& request) {
    return keysOf(validateAddressStep(request));
}

Keys sendKeys(const Request& request) {
    return keysOf(validateSendStep(request));
}

// `count` times the two-byte letter "Ł": a length in characters that differs from the bytes.
std::string letters(std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
        text += "Ł";
    }
    return text;
}

TEST(ValidationTest, AcceptsACompleteRequest) {
    EXPECT_EQ(keysOf(validateRequest(validRequest(), kToday)), Keys{});
}

TEST(ValidationTest, ReportsEveryStepInStepOrder) {
    Request request = validRequest();
    request.email.clear();
    request.person.sex.reset();
    request.document.type.reset();
    request.residence.street.clear();
    EXPECT_EQ(keysOf(validateRequest(request, kToday)),
              (Keys{"document.type.missing", "person.sex.missing",
                    "address.residence.street.missing", "send.email.missing"}));
}

// Step 1: the document.

TEST(DocumentValidationTest, ReportsEveryMandatoryFieldOfAnEmptyDocument) {
    EXPECT_EQ(documentKeys(Request{}),
              (Keys{"document.type.missing", "document.issuing_country.missing",
                    "document.number.missing", "document.pages.missing"}));
}

TEST(DocumentValidationTest, AcceptsEveryDocumentType) {
    for (auto type : {DocumentType::Passport, DocumentType::IdentityCard,
                      DocumentType::DrivingLicence, DocumentType::ResidencePermit}) {
        Request request = validRequest();
        request.document.type = type;
        EXPECT_EQ(documentKeys(request), Keys{});
    }
}

TEST(DocumentValidationTest, NeedsAKnownIssuingCountry) {
    Request request = validRequest();
    request.document.issuingCountry = "  ";
    EXPECT_EQ(documentKeys(request), Keys{"document.issuing_country.missing"});
    for (const char* code : {"XX", "POL", "pl", "P"}) {
        request.document.issuingCountry = code;
        EXPECT_EQ(documentKeys(request), Keys{"document.issuing_country.unknown"}) << code;
    }
    request.document.issuingCountry = "RO";
    EXPECT_EQ(documentKeys(request), Keys{});
}

TEST(DocumentValidationTest, NeedsADocumentNumber) {
    Request request = validRequest();
    request.document.number = " ";
    EXPECT_EQ(documentKeys(request), Keys{"document.number.missing"});
}

TEST(DocumentValidationTest, AcceptsLettersDigitsAndGroupingInDocumentNumbers) {
    Request request = validRequest();
    request.document.number = "ab 12-34/5.6";
    EXPECT_EQ(documentKeys(request), Keys{});
    for (const char* number : {"AB#123", "---", "ÉA123", "EA_123"}) {
        request.document.number = number;
        EXPECT_EQ(documentKeys(request), Keys{"document.number.invalid"}) << number;
    }
}

TEST(DocumentValidationTest, LimitsTheDocumentNumberLength) {
    Request request = validRequest();
    request.document.number = std::string(kMaxDocumentNumberLength, '7');
    EXPECT_EQ(documentKeys(request), Keys{});
    request.document.number += "7";
    EXPECT_EQ(documentKeys(request), Keys{"document.number.too_long"});
}

TEST(DocumentValidationTest, ANationalNumberTakesPrecedenceAsDocumentNumber) {
    Request request = validRequest();
    request.document.nationalNumber = "90041712345";
    EXPECT_EQ(documentKeys(request), Keys{"document.number.not_national_number"});
    request.document.number = "90041712345";
    EXPECT_EQ(documentKeys(request), Keys{});
    request.document.number = "90.04.17-123.45";
    EXPECT_EQ(documentKeys(request), Keys{}) << "the same number, grouped as printed";
}

TEST(DocumentValidationTest, ChecksTheNationalNumberItself) {
    Request request = validRequest();
    request.document.nationalNumber = "9004#1712345";
    request.document.number = "9004#1712345";
    EXPECT_EQ(documentKeys(request),
              (Keys{"document.number.invalid", "document.national_number.invalid"}));
    request.document.nationalNumber = std::string(kMaxDocumentNumberLength + 1, '1');
    request.document.number = request.document.nationalNumber;
    EXPECT_EQ(documentKeys(request),
              (Keys{"document.number.too_long", "document.national_number.too_long"}));
}

TEST(DocumentValidationTest, AcceptsNoValidityOnlyFromOrBoth) {
    Request request = validRequest();
    request.document.validFrom.reset();
    request.document.validUntil.reset();
    EXPECT_EQ(documentKeys(request), Keys{}) << "neither date";
    request.document.validFrom = PartialDate{2020, 3, 1};
    EXPECT_EQ(documentKeys(request), Keys{}) << "only valid from";
    request.document.validUntil = PartialDate{2030, 2, 28};
    EXPECT_EQ(documentKeys(request), Keys{}) << "both";
}

TEST(DocumentValidationTest, RejectsValidUntilAlone) {
    Request request = validRequest();
    request.document.validFrom.reset();
    EXPECT_EQ(documentKeys(request), Keys{"document.validity.until_without_from"});
}

TEST(DocumentValidationTest, RejectsValidFromAfterValidUntil) {
    Request request = validRequest();
    request.document.validFrom = PartialDate{2030, 3, 1};
    EXPECT_EQ(documentKeys(request), Keys{"document.validity.from_after_until"});
    request.document.validFrom = PartialDate{2030, 2, 28};
    EXPECT_EQ(documentKeys(request), Keys{}) << "valid for a single day";
}

TEST(DocumentValidationTest, AcceptsValidityInThePastOrTheFuture) {
    Request request = validRequest();
    request.document.validFrom = PartialDate{2005, 1, 10};
    request.document.validUntil = PartialDate{2015, 1, 9};
    EXPECT_EQ(documentKeys(request), Keys{}) << "expired";
    request.document.validFrom = PartialDate{2026, 1, 1};
    request.document.validUntil = PartialDate{2036, 1, 1};
    EXPECT_EQ(documentKeys(request), Keys{}) << "not yet valid";
}

TEST(DocumentValidationTest, NeedsCompleteRealValidityDates) {
    Request request = validRequest();
    request.document.validFrom = PartialDate{2020, 3, 0};
    EXPECT_EQ(documentKeys(request), Keys{"document.valid_from.invalid"});
    request.document.validFrom = PartialDate{2020, 3, 1};
    request.document.validUntil = PartialDate{2023, 2, 29};
    EXPECT_EQ(documentKeys(request), Keys{"document.valid_until.invalid"});
}

TEST(DocumentValidationTest, NeedsOneToFourPages) {
    Request request = validRequest();
    request.pages.clear();
    EXPECT_EQ(documentKeys(request), Keys{"document.pages.missing"});
    request.pages.assign(4, test::examplePage("p"));
    EXPECT_EQ(documentKeys(request), Keys{});
    request.pages.push_back(test::examplePage("p5"));
    EXPECT_EQ(documentKeys(request), Keys{"document.pages.too_many"});
}

// Step 2: the person.

TEST(PersonValidationTest, ReportsTheMandatoryFieldsOfAnEmptyPerson) {
    EXPECT_EQ(personKeys(Request{}),
              (Keys{"person.surname.missing", "person.birth_date.missing", "person.sex.missing"}));
}

TEST(PersonValidationTest, LeavesTheOtherFieldsOptional) {
    Request request = validRequest();
    request.person.givenNames.clear();
    request.person.birthPlace.clear();
    request.person.birthCountry.clear();
    request.person.nationality.clear();
    EXPECT_EQ(personKeys(request), Keys{});
}

TEST(PersonValidationTest, NeedsASurnameWithinTheLimit) {
    Request request = validRequest();
    request.person.surname = " \t";
    EXPECT_EQ(personKeys(request), Keys{"person.surname.missing"});
    request.person.surname = letters(kMaxNameLength);
    EXPECT_EQ(personKeys(request), Keys{}) << "counted in characters, not bytes";
    request.person.surname = letters(kMaxNameLength + 1);
    EXPECT_EQ(personKeys(request), Keys{"person.surname.too_long"});
}

TEST(PersonValidationTest, LimitsGivenNamesAndBirthPlace) {
    Request request = validRequest();
    request.person.givenNames = letters(kMaxNameLength + 1);
    request.person.birthPlace = letters(kMaxNameLength + 1);
    EXPECT_EQ(personKeys(request),
              (Keys{"person.given_names.too_long", "person.birth_place.too_long"}));
    request.person.givenNames = letters(kMaxNameLength);
    request.person.birthPlace = letters(kMaxNameLength);
    EXPECT_EQ(personKeys(request), Keys{});
}

TEST(PersonValidationTest, AcceptsPartlyUnknownBirthDates) {
    Request request = validRequest();
    request.person.birthDate = {1990, 4, 0};
    EXPECT_EQ(personKeys(request), Keys{});
    request.person.birthDate = {1990, 0, 0};
    EXPECT_EQ(personKeys(request), Keys{});
}

TEST(PersonValidationTest, NeedsAtLeastTheBirthYear) {
    Request request = validRequest();
    request.person.birthDate = {0, 0, 0};
    EXPECT_EQ(personKeys(request), Keys{"person.birth_date.missing"});
    request.person.birthDate = {0, 4, 17};
    EXPECT_EQ(personKeys(request), Keys{"person.birth_date.missing"});
}

TEST(PersonValidationTest, RejectsImpossibleBirthDates) {
    Request request = validRequest();
    request.person.birthDate = {1990, 2, 30};
    EXPECT_EQ(personKeys(request), Keys{"person.birth_date.invalid"});
    request.person.birthDate = {1990, 0, 17};
    EXPECT_EQ(personKeys(request), Keys{"person.birth_date.invalid"}) << "day without month";
    request.person.birthDate = {1990, 13, 1};
    EXPECT_EQ(personKeys(request), Keys{"person.birth_date.invalid"});
}

TEST(PersonValidationTest, RejectsBirthDatesAfterToday) {
    Request request = validRequest();
    for (PartialDate future :
         {PartialDate{2025, 6, 16}, PartialDate{2025, 7, 0}, PartialDate{2026, 0, 0}}) {
        request.person.birthDate = future;
        EXPECT_EQ(personKeys(request), Keys{"person.birth_date.in_future"}) << future.iso();
    }
    for (PartialDate possible : {PartialDate{2025, 6, 15}, PartialDate{2025, 6, 0},
                                 PartialDate{2025, 0, 0}, PartialDate{2024, 12, 31}}) {
        request.person.birthDate = possible;
        EXPECT_EQ(personKeys(request), Keys{}) << possible.iso();
    }
}

TEST(PersonValidationTest, ChecksCountryCodesWhenGiven) {
    Request request = validRequest();
    request.person.birthCountry = "ZZ";
    request.person.nationality = "POL";
    EXPECT_EQ(personKeys(request),
              (Keys{"person.birth_country.unknown", "person.nationality.unknown"}));
    request.person.birthCountry = "UA";
    request.person.nationality = "UA";
    EXPECT_EQ(personKeys(request), Keys{});
}

TEST(PersonValidationTest, NeedsSexButAcceptsUnknown) {
    Request request = validRequest();
    request.person.sex.reset();
    EXPECT_EQ(personKeys(request), Keys{"person.sex.missing"});
    for (auto sex : {Sex::Male, Sex::Female, Sex::Unknown}) {
        request.person.sex = sex;
        EXPECT_EQ(personKeys(request), Keys{});
    }
}

// Step 3: the addresses.

Request livingInBelgium() {
    Request request = validRequest();
    request.residence = test::exampleBelgianAddress();
    request.contactAddress.reset();
    return request;
}

TEST(AddressValidationTest, ReportsTheMandatoryFieldsOfAnEmptyResidence) {
    EXPECT_EQ(addressKeys(Request{}),
              (Keys{"address.residence.street.missing", "address.residence.municipality.missing",
                    "address.residence.country.missing"}));
}

TEST(AddressValidationTest, AcceptsABelgianResidence) {
    EXPECT_EQ(addressKeys(livingInBelgium()), Keys{});
}

TEST(AddressValidationTest, NeedsNumberAndPostalCodeInBelgium) {
    Request request = livingInBelgium();
    request.residence.number.clear();
    request.residence.postalCode.clear();
    EXPECT_EQ(addressKeys(request),
              (Keys{"address.residence.number.missing", "address.residence.postal_code.missing"}));
}

TEST(AddressValidationTest, NeedsABelgianPostalCodeOfFourDigitsFrom1000) {
    Request request = livingInBelgium();
    for (const char* code : {"1000", "9999", "3000"}) {
        request.residence.postalCode = code;
        EXPECT_EQ(addressKeys(request), Keys{}) << code;
    }
    for (const char* code : {"0999", "999", "10000", "1O00", "B-1000", " 100"}) {
        request.residence.postalCode = code;
        EXPECT_EQ(addressKeys(request), Keys{"address.residence.postal_code.invalid"}) << code;
    }
}

TEST(AddressValidationTest, AcceptsAResidenceAbroadWithoutNumberOrPostalCode) {
    Request request = validRequest();
    request.residence = {"Main Street", "", "", "", "Ballina", "IE"};
    EXPECT_EQ(addressKeys(request), Keys{});
    request.residence.postalCode = std::string(kMaxForeignPostalCodeLength, '9');
    EXPECT_EQ(addressKeys(request), Keys{});
    request.residence.postalCode += "9";
    EXPECT_EQ(addressKeys(request), Keys{"address.residence.postal_code.too_long"});
}

TEST(AddressValidationTest, LimitsStreetNumberAndBoxToOneEidLine) {
    Request request = livingInBelgium();
    // 55 + " 12" + " 3" = 60 characters.
    request.residence.street = letters(55);
    request.residence.number = "12";
    request.residence.box = "3";
    EXPECT_EQ(addressKeys(request), Keys{});
    request.residence.box = "34";
    EXPECT_EQ(addressKeys(request), Keys{"address.residence.street.too_long"});
}

TEST(AddressValidationTest, LimitsTheMunicipalityToTheEidLength) {
    Request request = livingInBelgium();
    request.residence.municipality = letters(kMaxMunicipalityLength);
    EXPECT_EQ(addressKeys(request), Keys{});
    request.residence.municipality = letters(kMaxMunicipalityLength + 1);
    EXPECT_EQ(addressKeys(request), Keys{"address.residence.municipality.too_long"});
}

TEST(AddressValidationTest, NeedsAKnownResidenceCountry) {
    Request request = validRequest();
    request.residence.country = "XK1";
    EXPECT_EQ(addressKeys(request), Keys{"address.residence.country.unknown"});
}

TEST(AddressValidationTest, AllowsAContactAddressOnlyForResidentsAbroad) {
    Request request = livingInBelgium();
    request.contactAddress = test::exampleBelgianAddress();
    EXPECT_EQ(addressKeys(request), Keys{"address.contact.not_allowed"});
    request.contactAddress->street.clear();
    EXPECT_EQ(addressKeys(request), Keys{"address.contact.not_allowed"})
        << "only the advice to remove it";
}

TEST(AddressValidationTest, LeavesTheContactAddressOptional) {
    Request request = validRequest();
    request.contactAddress.reset();
    EXPECT_EQ(addressKeys(request), Keys{});
}

TEST(AddressValidationTest, NeedsACompleteBelgianContactAddress) {
    Request request = validRequest();
    request.contactAddress = Address{};
    EXPECT_EQ(addressKeys(request),
              (Keys{"address.contact.street.missing", "address.contact.number.missing",
                    "address.contact.postal_code.missing", "address.contact.municipality.missing",
                    "address.contact.country.not_belgium"}));
}

TEST(AddressValidationTest, ChecksTheContactAddressLikeABelgianOne) {
    Request request = validRequest();
    request.contactAddress->country = "NL";
    EXPECT_EQ(addressKeys(request), Keys{"address.contact.country.not_belgium"});
    request.contactAddress = test::exampleBelgianAddress();
    request.contactAddress->postalCode = "0100";
    EXPECT_EQ(addressKeys(request), Keys{"address.contact.postal_code.invalid"});
    request.contactAddress = test::exampleBelgianAddress();
    request.contactAddress->street = letters(kMaxStreetLineLength);
    request.contactAddress->municipality = letters(kMaxMunicipalityLength + 1);
    EXPECT_EQ(addressKeys(request),
              (Keys{"address.contact.street.too_long", "address.contact.municipality.too_long"}));
}

// Step 4: sending.

TEST(SendValidationTest, NeedsAValidEmailAddress) {
    Request request = validRequest();
    request.email.clear();
    EXPECT_EQ(sendKeys(request), Keys{"send.email.missing"});
    request.email = "hr@example";
    EXPECT_EQ(sendKeys(request), Keys{"send.email.invalid"});
    request.email = "hr@example.be";
    EXPECT_EQ(sendKeys(request), Keys{});
}

TEST(SendValidationTest, LeavesTheCommentOptionalWithinTheLimit) {
    Request request = validRequest();
    request.comment = letters(kMaxCommentLength);
    EXPECT_EQ(sendKeys(request), Keys{});
    request.comment = letters(kMaxCommentLength + 1);
    EXPECT_EQ(sendKeys(request), Keys{"send.comment.too_long"});
}

TEST(SendValidationTest, NeedsTheRequestingAgent) {
    Request request = validRequest();
    request.requester = {};
    EXPECT_EQ(sendKeys(request), Keys{"send.requester.missing"});
}

// The keys themselves.

// "<group>.<field>.<problem>", possibly with a sub-group: 3 or 4 non-empty parts of [a-z_].
bool hasKeyShape(std::string_view key) {
    const bool allowed = std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '_' || c == '.';
    });
    const auto dots = std::count(key.begin(), key.end(), '.');
    return allowed && (dots == 2 || dots == 3) && key.front() != '.' && key.back() != '.' &&
           key.find("..") == std::string_view::npos;
}

TEST(ValidationMessageTest, KeysAreUniqueAndNameTheirField) {
    std::set<std::string_view> seen;
    for (ValidationMessage message : allValidationMessages()) {
        const std::string key(messageKey(message));
        EXPECT_TRUE(hasKeyShape(key)) << key;
        EXPECT_TRUE(seen.insert(messageKey(message)).second) << "duplicate " << key;
        EXPECT_EQ(std::string(messageField(message)) + key.substr(key.rfind('.')), key);
    }
    EXPECT_EQ(seen.size(), 48u);
}

TEST(ValidationMessageTest, NamesTheFieldToMark) {
    EXPECT_EQ(messageKey(ValidationMessage::ValidityFromAfterUntil),
              "document.validity.from_after_until");
    EXPECT_EQ(messageField(ValidationMessage::ValidityFromAfterUntil), "document.validity");
    EXPECT_EQ(messageField(ValidationMessage::ContactPostalCodeInvalid),
              "address.contact.postal_code");
}

}  // namespace
}  // namespace balie::core
