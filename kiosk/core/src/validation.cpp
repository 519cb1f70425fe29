// SPDX-License-Identifier: GPL-3.0-or-later
// Validation rules of the four wizard steps.
#include "balie/core/validation.h"

#include <algorithm>

#include "balie/core/country.h"
#include "balie/core/email_address.h"
#include "text.h"

namespace balie::core {

namespace {

using enum ValidationMessage;

bool isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Document numbers are printed in Latin letters and digits, sometimes grouped with spaces,
// hyphens, dots or slashes; anything else is a typing or reading error.
bool isDocumentNumberText(std::string_view text) {
    const bool allowed = std::all_of(text.begin(), text.end(), [](char c) {
        return isAsciiAlnum(c) || c == ' ' || c == '-' || c == '.' || c == '/';
    });
    return allowed && std::any_of(text.begin(), text.end(), isAsciiAlnum);
}

bool isCompleteDate(const PartialDate& date) {
    return date.isComplete() && date.isPlausible();
}

// A partly unknown date lies after `today` only when its known parts already say so: a birth date
// "this year, month unknown" may be today's.
bool isAfter(const PartialDate& date, const PartialDate& today) {
    if (date.year != today.year) {
        return date.year > today.year;
    }
    if (date.month == 0 || date.month != today.month) {
        return date.month > today.month;
    }
    return date.day > today.day;
}

void checkDocumentNumber(const Document& document, ValidationMessages& messages) {
    if (isBlank(document.number)) {
        messages.push_back(DocumentNumberMissing);
    } else if (!isDocumentNumberText(document.number)) {
        messages.push_back(DocumentNumberInvalid);
    } else if (characterCount(document.number) > kMaxDocumentNumberLength) {
        messages.push_back(DocumentNumberTooLong);
    } else if (!usesNationalNumber(document)) {
        messages.push_back(DocumentNumberNotNationalNumber);
    }
    if (isBlank(document.nationalNumber)) {
        return;
    }
    if (!isDocumentNumberText(document.nationalNumber)) {
        messages.push_back(NationalNumberInvalid);
    } else if (characterCount(document.nationalNumber) > kMaxDocumentNumberLength) {
        messages.push_back(NationalNumberTooLong);
    }
}

void checkValidity(const Document& document, ValidationMessages& messages) {
    const auto& from = document.validFrom;
    const auto& until = document.validUntil;
    const bool fromValid = from && isCompleteDate(*from);
    const bool untilValid = until && isCompleteDate(*until);
    if (from && !fromValid) {
        messages.push_back(ValidFromInvalid);
    }
    if (until && !untilValid) {
        messages.push_back(ValidUntilInvalid);
    }
    // Accepted: neither date, only "from", or both.
    if (until && !from) {
        messages.push_back(ValidityUntilWithoutFrom);
    }
    if (fromValid && untilValid && *from > *until) {
        messages.push_back(ValidityFromAfterUntil);
    }
}

// The messages of one kind of address, so residence and contact address share their rules.
struct AddressMessages {
    ValidationMessage streetMissing;
    ValidationMessage streetTooLong;
    ValidationMessage numberMissing;
    ValidationMessage postalCodeMissing;
    ValidationMessage postalCodeInvalid;
    ValidationMessage municipalityMissing;
    ValidationMessage municipalityTooLong;
};

constexpr AddressMessages kResidenceMessages{
    ResidenceStreetMissing,       ResidenceStreetTooLong,     ResidenceNumberMissing,
    ResidencePostalCodeMissing,   ResidencePostalCodeInvalid, ResidenceMunicipalityMissing,
    ResidenceMunicipalityTooLong,
};

constexpr AddressMessages kContactMessages{
    ContactStreetMissing,       ContactStreetTooLong,     ContactNumberMissing,
    ContactPostalCodeMissing,   ContactPostalCodeInvalid, ContactMunicipalityMissing,
    ContactMunicipalityTooLong,
};

// "street number box" as one line, the way the eID address file and a letter write it.
std::size_t streetLineLength(const Address& address) {
    std::size_t length = characterCount(address.street);
    for (const std::string* part : {&address.number, &address.box}) {
        if (!part->empty()) {
            length += 1 + characterCount(*part);
        }
    }
    return length;
}

// Street and municipality, and for a Belgian address also the number and the postal code. Abroad
// neither is required: some places have no house numbers or no postal codes.
void checkAddressLines(const Address& address, bool inBelgium, const AddressMessages& m,
                       ValidationMessages& messages) {
    if (isBlank(address.street)) {
        messages.push_back(m.streetMissing);
    } else if (streetLineLength(address) > kMaxStreetLineLength) {
        messages.push_back(m.streetTooLong);
    }
    if (inBelgium && isBlank(address.number)) {
        messages.push_back(m.numberMissing);
    }
    if (inBelgium) {
        if (isBlank(address.postalCode)) {
            messages.push_back(m.postalCodeMissing);
        } else if (!isBelgianPostalCode(address.postalCode)) {
            messages.push_back(m.postalCodeInvalid);
        }
    }
    if (isBlank(address.municipality)) {
        messages.push_back(m.municipalityMissing);
    } else if (characterCount(address.municipality) > kMaxMunicipalityLength) {
        messages.push_back(m.municipalityTooLong);
    }
}

}  // namespace

bool isBelgianPostalCode(std::string_view code) {
    return code.size() == 4 && code[0] >= '1' && code[0] <= '9' &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isKnownCountry(std::string_view code) {
    return code.size() == 2 && countryByAlpha2(code) != nullptr;
}

ValidationMessages validateDocumentStep(const Request& request) {
    ValidationMessages messages;
    const Document& document = request.document;
    if (!document.type) {
        messages.push_back(DocumentTypeMissing);
    }
    if (isBlank(document.issuingCountry)) {
        messages.push_back(IssuingCountryMissing);
    } else if (!isKnownCountry(document.issuingCountry)) {
        messages.push_back(IssuingCountryUnknown);
    }
    checkDocumentNumber(document, messages);
    checkValidity(document, messages);
    if (request.pages.empty()) {
        messages.push_back(PagesMissing);
    } else if (request.pages.size() > kMaxDocumentPages) {
        messages.push_back(PagesTooMany);
    }
    return messages;
}

ValidationMessages validatePersonStep(const Request& request, const PartialDate& today) {
    ValidationMessages messages;
    const Person& person = request.person;
    if (isBlank(person.surname)) {
        messages.push_back(SurnameMissing);
    } else if (characterCount(person.surname) > kMaxNameLength) {
        messages.push_back(SurnameTooLong);
    }
    if (characterCount(person.givenNames) > kMaxNameLength) {
        messages.push_back(GivenNamesTooLong);
    }
    // Identification needs at least the birth year; month and day may be unknown, as documents
    // and INSZ numbers allow.
    if (!person.birthDate.isPlausible()) {
        messages.push_back(BirthDateInvalid);
    } else if (person.birthDate.year == 0) {
        messages.push_back(BirthDateMissing);
    } else if (isAfter(person.birthDate, today)) {
        messages.push_back(BirthDateInFuture);
    }
    if (characterCount(person.birthPlace) > kMaxNameLength) {
        messages.push_back(BirthPlaceTooLong);
    }
    if (!isBlank(person.birthCountry) && !isKnownCountry(person.birthCountry)) {
        messages.push_back(BirthCountryUnknown);
    }
    if (!isBlank(person.nationality) && !isKnownCountry(person.nationality)) {
        messages.push_back(NationalityUnknown);
    }
    if (!person.sex) {
        messages.push_back(SexMissing);
    }
    return messages;
}

ValidationMessages validateAddressStep(const Request& request) {
    ValidationMessages messages;
    const Address& residence = request.residence;
    checkAddressLines(residence, residence.isInBelgium(), kResidenceMessages, messages);
    if (!residence.isInBelgium() &&
        characterCount(residence.postalCode) > kMaxForeignPostalCodeLength) {
        messages.push_back(ResidencePostalCodeTooLong);
    }
    if (isBlank(residence.country)) {
        messages.push_back(ResidenceCountryMissing);
    } else if (!isKnownCountry(residence.country)) {
        messages.push_back(ResidenceCountryUnknown);
    }
    if (!request.contactAddress) {
        return messages;
    }
    // A contact address serves people who live abroad; with a Belgian residence it must go,
    // so its own fields are not worth checking.
    if (residence.isInBelgium()) {
        messages.push_back(ContactAddressNotAllowed);
        return messages;
    }
    const Address& contact = *request.contactAddress;
    checkAddressLines(contact, true, kContactMessages, messages);
    if (!contact.isInBelgium()) {
        messages.push_back(ContactCountryNotBelgium);
    }
    return messages;
}

ValidationMessages validateSendStep(const Request& request) {
    ValidationMessages messages;
    if (isBlank(request.email)) {
        messages.push_back(EmailMissing);
    } else if (!isValidEmailAddress(request.email)) {
        messages.push_back(EmailInvalid);
    }
    if (characterCount(request.comment) > kMaxCommentLength) {
        messages.push_back(CommentTooLong);
    }
    if (isBlank(request.requester.agentId)) {
        messages.push_back(RequesterMissing);
    }
    return messages;
}

ValidationMessages validateRequest(const Request& request, const PartialDate& today) {
    ValidationMessages messages = validateDocumentStep(request);
    for (const ValidationMessages& step :
         {validatePersonStep(request, today), validateAddressStep(request),
          validateSendStep(request)}) {
        messages.insert(messages.end(), step.begin(), step.end());
    }
    return messages;
}

}  // namespace balie::core
