// SPDX-License-Identifier: GPL-3.0-or-later
// The wizard's words for the core's values: validation messages, document types, sexes,
// countries and dates in the language shown.
#include "balie/core/country.h"
#include "balie/ui/date_format.h"
#include "wizard_parts.h"

namespace balie::ui::wizard {

const char* messageText(const Translator& i18n, core::ValidationMessage message) {
    using enum core::ValidationMessage;
    switch (message) {
        case DocumentTypeMissing:
            return i18n.trc("wizard", "Choose the type of document.");
        case IssuingCountryMissing:
            return i18n.trc("wizard", "Choose the country that issued the document.");
        case IssuingCountryUnknown:
        case ResidenceCountryUnknown:
        case BirthCountryUnknown:
        case NationalityUnknown:
            return i18n.trc("wizard", "Choose a country from the list.");
        case DocumentNumberMissing:
            return i18n.trc("wizard", "Type the document number.");
        case DocumentNumberInvalid:
        case NationalNumberInvalid:
            return i18n.trc("wizard", "Use only letters A-Z, digits, spaces, '-', '.' and '/'.");
        case DocumentNumberTooLong:
        case NationalNumberTooLong:
            return i18n.trc("wizard", "This number is too long.");
        case DocumentNumberNotNationalNumber:
            return i18n.trc(
                "wizard",
                "The document carries a national number: the document number must be that "
                "number.");
        case ValidFromInvalid:
        case ValidUntilInvalid:
            return i18n.trc("wizard", "This is not a complete calendar date.");
        case ValidityUntilWithoutFrom:
            return i18n.trc("wizard", "A \"valid until\" date needs a \"valid from\" date too.");
        case ValidityFromAfterUntil:
            return i18n.trc("wizard", "\"Valid from\" is after \"valid until\".");
        case PagesMissing:
            return i18n.trc("wizard", "Capture at least one page of the document.");
        case PagesTooMany:
            return i18n.trc("wizard", "A document has at most four pages.");
        case SurnameMissing:
            return i18n.trc("wizard", "Type the surname.");
        case SurnameTooLong:
        case GivenNamesTooLong:
        case BirthPlaceTooLong:
        case ResidenceStreetTooLong:
        case ResidenceMunicipalityTooLong:
        case ContactStreetTooLong:
        case ContactMunicipalityTooLong:
        case ResidencePostalCodeTooLong:
            return i18n.trc("wizard", "This text is too long.");
        case BirthDateMissing:
            return i18n.trc("wizard", "Type the birth date, at least its year.");
        case BirthDateInvalid:
            return i18n.trc("wizard", "This birth date does not exist.");
        case BirthDateInFuture:
            return i18n.trc("wizard", "The birth date lies in the future.");
        case SexMissing:
            return i18n.trc("wizard", "Choose the sex as on the document.");
        case ResidenceStreetMissing:
        case ContactStreetMissing:
            return i18n.trc("wizard", "Type the street.");
        case ResidenceNumberMissing:
        case ContactNumberMissing:
            return i18n.trc("wizard", "Type the house number.");
        case ResidencePostalCodeMissing:
        case ContactPostalCodeMissing:
            return i18n.trc("wizard", "Type the postal code.");
        case ResidencePostalCodeInvalid:
        case ContactPostalCodeInvalid:
            return i18n.trc("wizard", "A Belgian postal code has four digits, 1000 to 9999.");
        case ResidenceMunicipalityMissing:
        case ContactMunicipalityMissing:
            return i18n.trc("wizard", "Type the municipality.");
        case ResidenceCountryMissing:
            return i18n.trc("wizard", "Choose the country first.");
        case ContactAddressNotAllowed:
            return i18n.trc("wizard",
                            "A contact address is only needed when the residence is abroad.");
        case ContactCountryNotBelgium:
            return i18n.trc("wizard", "The contact address must be in Belgium.");
        case EmailMissing:
            return i18n.trc("wizard", "Type your e-mail address.");
        case EmailInvalid:
            return i18n.trc("wizard", "This is not an e-mail address (name@example.be).");
        case CommentTooLong:
            return i18n.trc("wizard", "The comment is too long (at most 500 characters).");
        case RequesterMissing:
            return i18n.trc("wizard", "Nobody is logged in. Log in again to send the request.");
    }
    return "";
}

const char* documentTypeName(const Translator& i18n, core::DocumentType type) {
    switch (type) {
        case core::DocumentType::Passport:
            return i18n.trc("wizard", "Passport");
        case core::DocumentType::IdentityCard:
            return i18n.trc("wizard", "Identity card");
        case core::DocumentType::DrivingLicence:
            return i18n.trc("wizard", "Driving licence");
        case core::DocumentType::ResidencePermit:
            return i18n.trc("wizard", "Residence permit");
    }
    return "";
}

const char* sexName(const Translator& i18n, core::Sex sex) {
    switch (sex) {
        case core::Sex::Male:
            return i18n.trc("wizard", "Male");
        case core::Sex::Female:
            return i18n.trc("wizard", "Female");
        case core::Sex::Unknown:
            return i18n.trc("wizard", "Unknown");
    }
    return "";
}

std::string countryName(const Translator& i18n, std::string_view alpha2) {
    if (alpha2.empty()) {
        return {};
    }
    const core::Country* country = core::countryByAlpha2(alpha2);
    return country != nullptr ? std::string(country->name(i18n.language())) : std::string(alpha2);
}

std::string dateText(const Translator& i18n, const std::optional<core::PartialDate>& date) {
    if (!date || date->year == 0) {
        return {};
    }
    return formatDate(*date, i18n.language(), DateStyle::Numeric);
}

}  // namespace balie::ui::wizard
