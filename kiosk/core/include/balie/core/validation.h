// SPDX-License-Identifier: GPL-3.0-or-later
// Validation rules of the four wizard steps.
#pragma once

#include <cstddef>
#include <string_view>

#include "balie/core/date.h"
#include "balie/core/request.h"
#include "balie/core/validation_message.h"

namespace balie::core {

/// Length limits, counted in characters (Unicode code points), not bytes.
/// The eID address file stores "street number box" in 60 and the municipality in 47 characters;
/// Balie applies the same limits to addresses abroad so every address fits the same records.
inline constexpr std::size_t kMaxStreetLineLength = 60;
inline constexpr std::size_t kMaxMunicipalityLength = 47;
/// Postal codes abroad: the longest formats in use ("12345-67890") stay well below this.
inline constexpr std::size_t kMaxForeignPostalCodeLength = 12;
/// Balie's own bounds, generous for long Iberian or Arabic names, tight enough for printed
/// summaries.
inline constexpr std::size_t kMaxNameLength = 100;
inline constexpr std::size_t kMaxDocumentNumberLength = 30;
/// belgianIDpro asks for a "short comment".
inline constexpr std::size_t kMaxCommentLength = 500;

/// \brief Step 1: document type, issuing country and number are mandatory; the number must be the
/// national number when the document carries one; validity is none, only "from", or both, with
/// "from" not after "until" (past and future dates are fine); one to four pages.
ValidationMessages validateDocumentStep(const Request& request);

/// \brief Step 2, given today's date.
///
/// Mandatory: surname, birth date with at least its year, and sex (which may be "unknown").
/// Optional, because documents often lack them: given names (mononyms), birth place and birth
/// country (machine readable zones carry neither), nationality (driving licences do not print it;
/// stateless persons and refugees have no country code). Optional fields are still checked when
/// filled in. Partly unknown birth dates are accepted; a birth date after `today` is not.
ValidationMessages validatePersonStep(const Request& request, const PartialDate& today);

/// \brief Step 3: a residential address is mandatory (in Belgium with number and a 4-digit postal
/// code 1000-9999); a contact address is optional, must lie in Belgium, and is allowed only when
/// the residence is abroad.
ValidationMessages validateAddressStep(const Request& request);

/// \brief Step 4: a valid e-mail address, an optional comment of at most kMaxCommentLength
/// characters, and a known requester.
ValidationMessages validateSendStep(const Request& request);

/// \brief All four steps, in step order.
ValidationMessages validateRequest(const Request& request, const PartialDate& today);

/// \brief True for a Belgian postal code: 4 ASCII digits, 1000 to 9999.
bool isBelgianPostalCode(std::string_view code);

/// \brief True when `code` is an ISO 3166-1 alpha-2 code of a known country.
bool isKnownCountry(std::string_view code);

}  // namespace balie::core
