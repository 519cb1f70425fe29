// SPDX-License-Identifier: GPL-3.0-or-later
// What an automatic reading of a document (its machine readable zone) found, for the wizard to fill
// in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "balie/core/date.h"
#include "balie/core/document.h"
#include "balie/core/person.h"

namespace balie::core {

/// \brief Fields read automatically from a document; an empty optional means "not read", and the
/// wizard leaves that field as it is. Whoever reads the document (the MRZ reader) maps its result
/// onto this plain type, so the wizard does not depend on the reader.
struct DocumentReading {
    std::optional<DocumentType> type;
    std::optional<std::string> issuingCountry;  ///< ISO 3166-1 alpha-2
    std::optional<std::string> documentNumber;
    std::optional<std::string> nationalNumber;  ///< e.g. from the MRZ's optional data
    std::optional<PartialDate> validUntil;      ///< the expiry date
    std::optional<std::string> surname;
    std::optional<std::string> givenNames;
    std::optional<PartialDate> birthDate;
    std::optional<Sex> sex;
    std::optional<std::string> nationality;  ///< ISO 3166-1 alpha-2
    std::vector<std::string> mrzLines;       ///< the zone these fields come from
};

}  // namespace balie::core
