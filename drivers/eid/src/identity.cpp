// SPDX-License-Identifier: GPL-3.0-or-later
// Parsers of the identity and address files and of the dates written on the card.
#include "balie/drivers/eid/identity.h"

#include <array>
#include <cstdint>
#include <utility>

#include "balie/drivers/eid/tlv.h"

namespace balie::drivers::eid {

namespace {

std::string text(ByteView value) {
    return std::string(value.begin(), value.end());
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

std::optional<int> digitsValue(std::string_view digits) {
    if (digits.empty() || digits.size() > 4) {
        return std::nullopt;
    }
    int value = 0;
    for (char c : digits) {
        if (!isDigit(c)) {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

/// Integer codes (document type, special status, ...) are ASCII digits; a single byte outside
/// the digits is taken as the binary value, which older readers of the format also accept.
std::optional<int> codeValue(ByteView value) {
    const std::string digits = text(value);
    if (auto parsed = digitsValue(digits)) {
        return parsed;
    }
    if (value.size() == 1) {
        return value[0];
    }
    return std::nullopt;
}

bool isBlank(std::string_view part) {
    return part.find_first_not_of(' ') == std::string_view::npos;
}

std::string_view trim(std::string_view part, std::string_view junk) {
    const auto first = part.find_first_not_of(junk);
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = part.find_last_not_of(junk);
    return part.substr(first, last - first + 1);
}

/// Upper-cases ASCII letters and the accented lower-case letters that occur in month names.
std::string upper(std::string_view part) {
    std::string result(part);
    for (std::size_t i = 0; i < result.size(); ++i) {
        char& c = result[i];
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        } else if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < result.size()) {
            // UTF-8 C3 A0-BF are the lower-case Latin-1 letters; C3 80-9F their upper case.
            auto next = static_cast<unsigned char>(result[i + 1]);
            if (next >= 0xA0 && next <= 0xBE && next != 0xB7) {
                result[i + 1] = static_cast<char>(next - 0x20);
            }
            ++i;
        }
    }
    return result;
}

std::optional<int> monthValue(std::string_view name) {
    // [IDF] §3 month names in French, Dutch and German, with the accented French spellings
    // some printers use.
    static constexpr std::array<std::pair<std::string_view, int>, 27> kMonths{{
        {"JAN", 1},        {"FEV", 2},
        {"F\xC3\x89V", 2}, {"FEB", 2},
        {"MARS", 3},       {"MAAR", 3},
        {"M\xC3\x84R", 3}, {"MAR", 3},
        {"AVR", 4},        {"APR", 4},
        {"MAI", 5},        {"MEI", 5},
        {"JUIN", 6},       {"JUN", 6},
        {"JUIL", 7},       {"JUL", 7},
        {"AOUT", 8},       {"AO\xC3\x9BT", 8},
        {"AUG", 8},        {"SEPT", 9},
        {"SEP", 9},        {"OCT", 10},
        {"OKT", 10},       {"NOV", 11},
        {"DEC", 12},       {"D\xC3\x89\x43", 12},
        {"DEZ", 12},
    }};
    if (auto number = digitsValue(name)) {
        return *number >= 1 && *number <= 12 ? number : std::nullopt;
    }
    const std::string key = upper(name);
    for (const auto& [month, value] : kMonths) {
        if (key == month) {
            return value;
        }
    }
    return std::nullopt;
}

std::optional<core::PartialDate> checked(core::PartialDate date) {
    if (date.year == 0 || !date.isPlausible()) {
        return std::nullopt;
    }
    return date;
}

}  // namespace

std::optional<core::PartialDate> parseCardDate(std::string_view date) {
    if (date.size() != 10 || date[2] != '.' || date[5] != '.') {
        return std::nullopt;
    }
    auto day = digitsValue(date.substr(0, 2));
    auto month = digitsValue(date.substr(3, 2));
    auto year = digitsValue(date.substr(6, 4));
    if (!day || !month || !year || *day == 0 || *month == 0) {
        return std::nullopt;
    }
    return checked({*year, *month, *day});
}

std::optional<core::PartialDate> parseBirthDate(std::string_view date) {
    // eid-viewer's reading: the day is the first two characters, the year follows the last
    // space or dot, the month is what lies between.
    const std::string_view whole = trim(date, " ");
    if (whole.size() == 4) {
        auto year = digitsValue(whole);
        return year ? checked({*year, 0, 0}) : std::nullopt;
    }
    if (date.size() < 7) {
        return std::nullopt;
    }
    const auto lastSeparator = date.find_last_of(" .");
    if (lastSeparator == std::string_view::npos || lastSeparator < 2) {
        return std::nullopt;
    }
    const std::string_view yearText = date.substr(lastSeparator + 1);
    auto year = yearText.size() == 4 ? digitsValue(yearText) : std::nullopt;
    if (!year) {
        return std::nullopt;
    }
    const std::string_view dayText = date.substr(0, 2);
    int day = 0;
    if (!isBlank(dayText)) {
        auto value = digitsValue(trim(dayText, " "));
        if (!value || *value == 0) {
            return std::nullopt;
        }
        day = *value;
    }
    const std::string_view monthText = trim(date.substr(2, lastSeparator - 2), " .");
    int month = 0;
    if (!monthText.empty()) {
        auto value = monthValue(monthText);
        if (!value) {
            return std::nullopt;
        }
        month = *value;
    }
    if (month == 0 && day != 0) {
        return std::nullopt;
    }
    return checked({*year, month, day});
}

std::optional<Sex> parseSex(std::string_view letter) {
    if (letter == "M") {
        return Sex::Male;
    }
    if (letter == "F" || letter == "V" || letter == "W") {
        return Sex::Female;
    }
    return std::nullopt;
}

core::Result<Identity> parseIdentity(ByteView file) {
    auto elements = parseTlv(file);
    if (!elements) {
        return tl::unexpected(elements.error());
    }
    Identity identity;
    bool hasCardNumber = false;
    bool hasNationalNumber = false;
    bool hasSurname = false;
    for (const TlvElement& element : *elements) {
        const ByteView value = element.value;
        switch (element.tag) {
            case 0x01:
                identity.cardNumber = text(value);
                hasCardNumber = true;
                break;
            case 0x02:
                identity.chipNumber.assign(value.begin(), value.end());
                break;
            case 0x03:
                identity.validityBeginText = text(value);
                identity.validityBegin = parseCardDate(identity.validityBeginText);
                break;
            case 0x04:
                identity.validityEndText = text(value);
                identity.validityEnd = parseCardDate(identity.validityEndText);
                break;
            case 0x05:
                identity.issuingMunicipality = text(value);
                break;
            case 0x06:
                identity.nationalNumber = text(value);
                hasNationalNumber = true;
                break;
            case 0x07:
                identity.surname = text(value);
                hasSurname = true;
                break;
            case 0x08:
                identity.givenNames = text(value);
                break;
            case 0x09:
                identity.thirdInitial = text(value);
                break;
            case 0x0A:
                identity.nationality = text(value);
                break;
            case 0x0B:
                identity.birthPlace = text(value);
                break;
            case 0x0C:
                identity.birthDateText = text(value);
                identity.birthDate = parseBirthDate(identity.birthDateText);
                break;
            case 0x0D:
                identity.sexLetter = text(value);
                identity.sex = parseSex(identity.sexLetter);
                break;
            case 0x0E:
                identity.nobleCondition = text(value);
                break;
            case 0x0F:
                identity.documentType = codeValue(value);
                break;
            case 0x10:
                identity.specialStatus = codeValue(value);
                break;
            case 0x11:
                identity.photoHash.assign(value.begin(), value.end());
                break;
            case 0x12:
                identity.duplicate = text(value);
                break;
            case 0x13:
                identity.specialOrganisation = codeValue(value);
                break;
            case 0x14:
                identity.memberOfFamily = true;
                break;
            case 0x15: {
                identity.protectionText = text(value);
                const std::string_view protection = identity.protectionText;
                const auto dash = protection.find('-');
                identity.protectionDate = parseCardDate(protection.substr(0, dash));
                if (dash != std::string_view::npos) {
                    identity.protectionCountry = std::string(protection.substr(dash + 1));
                }
                break;
            }
            case 0x16:
                identity.workPermit = text(value);
                break;
            case 0x17:
                identity.employerVat1 = text(value);
                break;
            case 0x18:
                identity.employerVat2 = text(value);
                break;
            case 0x19:
                identity.regionalFileNumber = text(value);
                break;
            case 0x1A:
                identity.basicKeyHash.assign(value.begin(), value.end());
                break;
            case 0x1B:
                identity.brexitMention1 = text(value);
                break;
            case 0x1C:
                identity.brexitMention2 = text(value);
                break;
            case 0x1D:
                identity.cardAMention1 = text(value);
                break;
            case 0x1E:
                identity.cardAMention2 = text(value);
                break;
            case 0x1F:
                identity.euRegistrationText = text(value);
                identity.euRegistrationDate = parseCardDate(identity.euRegistrationText);
                break;
            default:
                // Tag 00 (file version) and tags added after [IDF] 5.0.
                break;
        }
    }
    if (!hasCardNumber || !hasNationalNumber || !hasSurname) {
        return core::fail(core::Errc::InvalidFormat,
                          "identity file lacks the card number, national number or surname");
    }
    return identity;
}

core::Result<Address> parseAddress(ByteView file) {
    auto elements = parseTlv(file);
    if (!elements) {
        return tl::unexpected(elements.error());
    }
    Address address;
    for (const TlvElement& element : *elements) {
        switch (element.tag) {
            case 0x01:
                address.streetAndNumber = text(element.value);
                break;
            case 0x02:
                address.postalCode = text(element.value);
                break;
            case 0x03:
                address.municipality = text(element.value);
                break;
            default:
                break;
        }
    }
    return address;
}

}  // namespace balie::drivers::eid
