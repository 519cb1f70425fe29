// SPDX-License-Identifier: GPL-3.0-or-later
// The messages request validation reports, each with a stable key the UI translates.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace balie::core {

/// \brief One reason a wizard step does not validate. Each has a stable key
/// "<group>.<field>.<problem>" (messageKey()); the part before the last dot names the field to
/// mark (messageField()). Keys never change meaning: translations in four languages hang on them.
enum class ValidationMessage {
    // Step 1: the document.
    DocumentTypeMissing,
    IssuingCountryMissing,
    IssuingCountryUnknown,
    DocumentNumberMissing,
    DocumentNumberInvalid,
    DocumentNumberTooLong,
    DocumentNumberNotNationalNumber,
    NationalNumberInvalid,
    NationalNumberTooLong,
    ValidFromInvalid,
    ValidUntilInvalid,
    ValidityUntilWithoutFrom,
    ValidityFromAfterUntil,
    PagesMissing,
    PagesTooMany,
    // Step 2: the person.
    SurnameMissing,
    SurnameTooLong,
    GivenNamesTooLong,
    BirthDateMissing,
    BirthDateInvalid,
    BirthDateInFuture,
    BirthPlaceTooLong,
    BirthCountryUnknown,
    NationalityUnknown,
    SexMissing,
    // Step 3: the residential address.
    ResidenceStreetMissing,
    ResidenceStreetTooLong,
    ResidenceNumberMissing,
    ResidencePostalCodeMissing,
    ResidencePostalCodeInvalid,
    ResidencePostalCodeTooLong,
    ResidenceMunicipalityMissing,
    ResidenceMunicipalityTooLong,
    ResidenceCountryMissing,
    ResidenceCountryUnknown,
    // Step 3: the contact address in Belgium.
    ContactAddressNotAllowed,
    ContactStreetMissing,
    ContactStreetTooLong,
    ContactNumberMissing,
    ContactPostalCodeMissing,
    ContactPostalCodeInvalid,
    ContactMunicipalityMissing,
    ContactMunicipalityTooLong,
    ContactCountryNotBelgium,
    // Step 4: sending.
    EmailMissing,
    EmailInvalid,
    CommentTooLong,
    RequesterMissing,
};

using ValidationMessages = std::vector<ValidationMessage>;

/// \brief The stable key, e.g. "document.validity.from_after_until".
std::string_view messageKey(ValidationMessage message);

/// \brief The field the message is about, e.g. "document.validity": the key without its last part.
std::string_view messageField(ValidationMessage message);

/// \brief Every message, in declaration order: lets the UI check that each key is translated.
std::span<const ValidationMessage> allValidationMessages();

}  // namespace balie::core
