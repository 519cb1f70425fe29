// SPDX-License-Identifier: GPL-3.0-or-later
// A full read of a Belgian eID card and the integrity checks of what was read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/drivers/eid/apdu.h"
#include "balie/drivers/eid/card_data.h"
#include "balie/drivers/eid/eid_card.h"
#include "balie/drivers/eid/identity.h"

namespace balie::drivers::eid {

/// \brief The files of a full read, as the card stores them (certificate and address signature
/// without their zero padding).
struct EidFiles {
    Bytes rrnCertificate;
    Bytes identity;
    Bytes identitySignature;
    Bytes address;
    Bytes addressSignature;
    Bytes photo;
};

/// \brief What a full read gives.
struct EidRecord {
    CardData card;
    Identity identity;
    Address address;
    EidFiles files;
};

/// \brief The integrity checks of eid.md §9, each passed or not.
struct EidChecks {
    bool photoHash = false;
    bool identitySignature = false;
    bool addressSignature = false;
    bool certificateChain = false;
    /// One line per failed check, for a technician.
    std::vector<std::string> failures;

    bool allPassed() const {
        return photoHash && identitySignature && addressSignature && certificateChain;
    }
};

/// \brief Reads the identity, address, photo, their signatures and the National Register
/// certificate, and parses them. The certificate comes first: its key tells the size of the
/// signature files, so that no READ BINARY is spent finding their end.
/// \return the transport's error (card removed...), Errc::Card/NotFound for a card that does not
/// answer as a Belgian eID, Errc::InvalidFormat for an identity or address file that does not
/// parse.
core::Result<EidRecord> readEid(EidCard& card);

/// \brief Runs every check on \a record: photo hash, identity signature, address signature, and
/// the National Register certificate's chain to one of \a trustAnchorsPem. An empty
/// \a trustAnchorsPem fails the chain check.
EidChecks checkEid(const EidRecord& record, std::string_view trustAnchorsPem);

/// \brief Lower bounds on the APDUs of a full read of files like \a files: GET CARD DATA, then
/// per file one SELECT and one READ BINARY per \a maxLength bytes it holds.
struct ReadBounds {
    /// When every size is known before reading.
    std::size_t sizesKnown = 0;
    /// When the sizes the card does not announce elsewhere (identity, address, photo, and an
    /// ECDSA identity signature file) are learned from the card: one more command each.
    std::size_t sizesLearned = 0;
};
ReadBounds minimumApdusForRead(const EidFiles& files, bool ecc, std::size_t maxLength = 256);

}  // namespace balie::drivers::eid
