// SPDX-License-Identifier: GPL-3.0-or-later
// The identification document of a request (wizard step 1) and references to its scanned pages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/date.h"

namespace balie::core {

/// \brief Kinds of document a request can rest on. belgianIDpro accepts passports, identity cards
/// and driving licences; residence permits are Balie's addition.
enum class DocumentType { Passport, IdentityCard, DrivingLicence, ResidencePermit };

/// \brief The document's data as printed on it.
struct Document {
    std::optional<DocumentType> type;
    std::string issuingCountry;  ///< ISO 3166-1 alpha-2 ("PL")
    std::string number;          ///< the number the request uses; see nationalNumber
    /// A national (personal) number the document carries, if any, e.g. a PESEL or a BSN. When
    /// present it takes precedence: `number` must then be this national number.
    std::string nationalNumber;
    /// Validity as printed: none, only "from", or both. Complete dates only.
    std::optional<PartialDate> validFrom;
    std::optional<PartialDate> validUntil;
    /// The machine readable zone as read from the document, so the central service can compare it
    /// with the typed fields; empty when nothing was read automatically.
    std::vector<std::string> mrzLines;

    bool operator==(const Document&) const = default;
};

/// \brief One scanned page of the document: a reference to an image kept elsewhere (the store's
/// encrypted page file), not its pixels, so a request stays cheap to copy.
struct DocumentPage {
    std::string pageId;  ///< opaque id or path given by whoever stored the image
    int width = 0;
    int height = 0;
    std::uint64_t sizeBytes = 0;  ///< size of the stored, encoded image

    bool operator==(const DocumentPage&) const = default;
};

/// \brief A document has one to four pages, added one by one (belgianIDpro step 1).
inline constexpr std::size_t kMaxDocumentPages = 4;

/// \brief A document number reduced to what identifies it: ASCII letters upper-cased, spaces and
/// the separators '-', '.' and '/' removed. "ab 12-34" and "AB1234" are the same number.
std::string normalizeDocumentNumber(std::string_view number);

/// \brief True when the document's number follows the national-number rule: either the document
/// carries no national number, or `number` is that national number (compared normalised).
bool usesNationalNumber(const Document& document);

}  // namespace balie::core
