// SPDX-License-Identifier: GPL-3.0-or-later
// A persona: the JSON description of one virtual Belgian eID card and its holder.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "apdu.h"
#include "balie/core/error.h"
#include "crypto.h"

namespace balie::cardsim {

/// \brief BELPIC applet generation: 1.7 signs with RSA 2048, 1.8 with ECDSA P-384.
enum class AppletVersion { V17, V18 };

/// \brief Where the card's keys and certificates are, relative to the PKI directory that
/// tests/data/eid/make_test_pki.sh wrote.
struct PersonaPki {
    std::string rootCertificate;
    std::string caCertificate;
    std::string rrnCertificate;
    std::string rrnKey;
    std::string authenticationCertificate;
    std::string authenticationKey;
    std::string signingCertificate;
    std::string signingKey;
    std::string basicKey;  ///< applet 1.8 only
};

/// \brief Everything printed on and stored in one card. Text fields are written to the card
/// exactly as given (UTF-8), so that a persona can also carry unusual or malformed values.
struct Persona {
    AppletVersion applet = AppletVersion::V18;
    std::string cardNumber;
    Bytes chipNumber;  ///< 16 bytes; also the serial in GET CARD DATA
    std::string validityBegin;
    std::string validityEnd;
    std::string issuingMunicipality;
    std::string documentType;
    std::string nationalNumber;
    std::string surname;
    std::string givenNames;
    std::string thirdInitial;
    std::string nationality;
    std::string birthPlace;
    std::string birthDate;  ///< as printed, e.g. "18 MEI 1993", "12.MÄR.1979", "   OKT 1980"
    std::string sex;
    std::string nobleCondition;
    std::string specialStatus;
    /// Optional identity tags of residence cards (12, 13, 15-19, 1B-1F), by tag.
    std::map<std::uint8_t, std::string> extraFields;
    bool memberOfFamily = false;  ///< tag 14, present and empty when true
    /// Photo hash and (on 1.7) the hash of the RRN data signatures.
    HashAlgorithm dataHash = HashAlgorithm::Sha384;
    std::string streetAndNumber;
    std::string postalCode;
    std::string municipality;
    std::string photoPath;  ///< resolved against the persona file's directory
    std::string pin;
    int pinTriesLeft = 3;
    PersonaPki pki;
};

/// \brief Reads and checks a persona file: unknown or mistyped fields, a bad applet version,
/// chip number, PIN (4-12 digits) or tries counter (0-3) are errors (Errc::Config).
core::Result<Persona> loadPersona(const std::string& path);

/// \brief As loadPersona, from JSON text; relative photo paths are resolved against \a baseDir.
core::Result<Persona> parsePersona(const std::string& json, const std::string& baseDir);

}  // namespace balie::cardsim
