// SPDX-License-Identifier: GPL-3.0-or-later
// The table of validation message keys.
#include "balie/core/validation_message.h"

#include <array>
#include <cstddef>

namespace balie::core {

namespace {

using enum ValidationMessage;

struct Entry {
    ValidationMessage message;
    std::string_view key;
};

constexpr Entry kEntries[] = {
    {DocumentTypeMissing, "document.type.missing"},
    {IssuingCountryMissing, "document.issuing_country.missing"},
    {IssuingCountryUnknown, "document.issuing_country.unknown"},
    {DocumentNumberMissing, "document.number.missing"},
    {DocumentNumberInvalid, "document.number.invalid"},
    {DocumentNumberTooLong, "document.number.too_long"},
    {DocumentNumberNotNationalNumber, "document.number.not_national_number"},
    {NationalNumberInvalid, "document.national_number.invalid"},
    {NationalNumberTooLong, "document.national_number.too_long"},
    {ValidFromInvalid, "document.valid_from.invalid"},
    {ValidUntilInvalid, "document.valid_until.invalid"},
    {ValidityUntilWithoutFrom, "document.validity.until_without_from"},
    {ValidityFromAfterUntil, "document.validity.from_after_until"},
    {PagesMissing, "document.pages.missing"},
    {PagesTooMany, "document.pages.too_many"},
    {SurnameMissing, "person.surname.missing"},
    {SurnameTooLong, "person.surname.too_long"},
    {GivenNamesTooLong, "person.given_names.too_long"},
    {BirthDateMissing, "person.birth_date.missing"},
    {BirthDateInvalid, "person.birth_date.invalid"},
    {BirthDateInFuture, "person.birth_date.in_future"},
    {BirthPlaceTooLong, "person.birth_place.too_long"},
    {BirthCountryUnknown, "person.birth_country.unknown"},
    {NationalityUnknown, "person.nationality.unknown"},
    {SexMissing, "person.sex.missing"},
    {ResidenceStreetMissing, "address.residence.street.missing"},
    {ResidenceStreetTooLong, "address.residence.street.too_long"},
    {ResidenceNumberMissing, "address.residence.number.missing"},
    {ResidencePostalCodeMissing, "address.residence.postal_code.missing"},
    {ResidencePostalCodeInvalid, "address.residence.postal_code.invalid"},
    {ResidencePostalCodeTooLong, "address.residence.postal_code.too_long"},
    {ResidenceMunicipalityMissing, "address.residence.municipality.missing"},
    {ResidenceMunicipalityTooLong, "address.residence.municipality.too_long"},
    {ResidenceCountryMissing, "address.residence.country.missing"},
    {ResidenceCountryUnknown, "address.residence.country.unknown"},
    {ContactAddressNotAllowed, "address.contact.not_allowed"},
    {ContactStreetMissing, "address.contact.street.missing"},
    {ContactStreetTooLong, "address.contact.street.too_long"},
    {ContactNumberMissing, "address.contact.number.missing"},
    {ContactPostalCodeMissing, "address.contact.postal_code.missing"},
    {ContactPostalCodeInvalid, "address.contact.postal_code.invalid"},
    {ContactMunicipalityMissing, "address.contact.municipality.missing"},
    {ContactMunicipalityTooLong, "address.contact.municipality.too_long"},
    {ContactCountryNotBelgium, "address.contact.country.not_belgium"},
    {EmailMissing, "send.email.missing"},
    {EmailInvalid, "send.email.invalid"},
    {CommentTooLong, "send.comment.too_long"},
    {RequesterMissing, "send.requester.missing"},
};

constexpr std::size_t kCount = std::size(kEntries);

// The table is indexed by the enum's value: keep it in declaration order.
constexpr bool inDeclarationOrder() {
    for (std::size_t i = 0; i < kCount; ++i) {
        if (static_cast<std::size_t>(kEntries[i].message) != i) {
            return false;
        }
    }
    return static_cast<std::size_t>(RequesterMissing) + 1 == kCount;
}
static_assert(inDeclarationOrder(), "kEntries must list every ValidationMessage in order");

constexpr std::array<ValidationMessage, kCount> kAll = [] {
    std::array<ValidationMessage, kCount> all{};
    for (std::size_t i = 0; i < kCount; ++i) {
        all[i] = kEntries[i].message;
    }
    return all;
}();

}  // namespace

std::string_view messageKey(ValidationMessage message) {
    return kEntries[static_cast<std::size_t>(message)].key;
}

std::string_view messageField(ValidationMessage message) {
    const std::string_view key = messageKey(message);
    return key.substr(0, key.rfind('.'));
}

std::span<const ValidationMessage> allValidationMessages() {
    return kAll;
}

}  // namespace balie::core
