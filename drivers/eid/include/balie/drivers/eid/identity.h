// SPDX-License-Identifier: GPL-3.0-or-later
// The holder's identity and address as the Belgian eID card stores them, and their parsers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "balie/core/date.h"
#include "balie/core/error.h"
#include "balie/drivers/eid/apdu.h"

namespace balie::drivers::eid {

enum class Sex { Male, Female };

/// \brief The identity file (DF01/4031), every tag of [IDF] §1. Text is UTF-8 exactly as on the
/// card; dates keep their printed text beside the parsed value.
struct Identity {
    std::string cardNumber;         ///< tag 01
    Bytes chipNumber;               ///< tag 02, binary
    std::string validityBeginText;  ///< tag 03, DD.MM.YYYY
    std::optional<core::PartialDate> validityBegin;
    std::string validityEndText;  ///< tag 04
    std::optional<core::PartialDate> validityEnd;
    std::string issuingMunicipality;             ///< tag 05
    std::string nationalNumber;                  ///< tag 06
    std::string surname;                         ///< tag 07
    std::string givenNames;                      ///< tag 08, may be empty
    std::string thirdInitial;                    ///< tag 09
    std::string nationality;                     ///< tag 0A, localised text
    std::string birthPlace;                      ///< tag 0B
    std::string birthDateText;                   ///< tag 0C, e.g. "18 MEI 1993" or "18.MAI.1993"
    std::optional<core::PartialDate> birthDate;  ///< unknown day/month as 0; nullopt if unreadable
    std::string sexLetter;                       ///< tag 0D as printed: M, F, V or W
    std::optional<Sex> sex;
    std::string nobleCondition;              ///< tag 0E
    std::optional<int> documentType;         ///< tag 0F
    std::optional<int> specialStatus;        ///< tag 10
    Bytes photoHash;                         ///< tag 11: SHA-1, SHA-256 or SHA-384 of the photo
    std::string duplicate;                   ///< tag 12
    std::optional<int> specialOrganisation;  ///< tag 13
    bool memberOfFamily = false;             ///< tag 14: present (even empty) means yes
    std::string protectionText;              ///< tag 15, dd.MM.yyyy-A2
    std::optional<core::PartialDate> protectionDate;
    std::string protectionCountry;   ///< ISO 3166 alpha-2 part of tag 15
    std::string workPermit;          ///< tag 16
    std::string employerVat1;        ///< tag 17
    std::string employerVat2;        ///< tag 18
    std::string regionalFileNumber;  ///< tag 19
    Bytes basicKeyHash;              ///< tag 1A, SHA-384 of file 4040
    std::string brexitMention1;      ///< tag 1B
    std::string brexitMention2;      ///< tag 1C
    std::string cardAMention1;       ///< tag 1D
    std::string cardAMention2;       ///< tag 1E
    std::string euRegistrationText;  ///< tag 1F, DD.MM.YYYY
    std::optional<core::PartialDate> euRegistrationDate;
};

/// \brief The address file (DF01/4033).
struct Address {
    std::string streetAndNumber;  ///< tag 01
    std::string postalCode;       ///< tag 02
    std::string municipality;     ///< tag 03
};

/// \brief Parses the identity file. Unknown tags are skipped.
/// \return Errc::InvalidFormat for a broken TLV structure or when the card number, national
/// number or surname is missing.
core::Result<Identity> parseIdentity(ByteView file);

/// \brief Parses the address file, zero padding included.
/// \return Errc::InvalidFormat for a broken TLV structure.
core::Result<Address> parseAddress(ByteView file);

/// \brief Parses a birth date as printed on the card: "DD mmmm YYYY" (French, Dutch) or
/// "DD.mmm.YYYY" (German) with the month names of [IDF] §3; blank day or month (spaces) are
/// unknown and become 0. A known day with a blank month is not representable: nullopt.
std::optional<core::PartialDate> parseBirthDate(std::string_view text);

/// \brief Parses "DD.MM.YYYY"; nullopt when it is not that shape or not a calendar date.
std::optional<core::PartialDate> parseCardDate(std::string_view text);

/// \brief M is male; F (French, English), V (Dutch) and W (German) are female.
std::optional<Sex> parseSex(std::string_view letter);

}  // namespace balie::drivers::eid
