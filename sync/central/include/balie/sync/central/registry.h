// SPDX-License-Identifier: GPL-3.0-or-later
// The registry of known persons (standing in for the Crossroads Bank registers) and the decision
// the central service takes when a request is complete.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/person.h"
#include "balie/core/request.h"
#include "balie/sync/protocol/messages.h"

namespace balie::sync::central {

/// \brief A document the registry knows a person by.
struct KnownDocument {
    std::string issuingCountry;  ///< core code (alpha-2)
    std::string number;

    bool operator==(const KnownDocument&) const = default;
};

/// \brief A person the registry knows, with their INSZ.
struct KnownPerson {
    std::string insz;  ///< 11 digits
    core::Person person;
    /// A national number of the person's own country (PESEL, BSN, ...), as documents carry it.
    std::string nationalNumber;
    std::vector<KnownDocument> documents;

    bool operator==(const KnownPerson&) const = default;
};

/// \brief Reads a registry file: a JSON list of persons with "insz", "surname", "given_names",
/// "birth_date", "birth_place", "birth_country", "nationality", "sex", "national_number" and
/// "documents" ([{"issuing_country", "number"}]); countries, dates and sex as on the wire.
/// Errc::InvalidFormat naming the entry and field on a bad file.
[[nodiscard]] core::Result<std::vector<KnownPerson>> parseRegistry(std::string_view json);
std::string encodeKnownPerson(const KnownPerson& person);
[[nodiscard]] core::Result<KnownPerson> decodeKnownPerson(std::string_view json);

/// \brief The key under which a document is looked up: "PL:EA1234567" (number normalised).
std::string documentKey(std::string_view issuingCountry, std::string_view number);

/// \brief A name reduced for comparison: upper case, Latin diacritics folded ("Łódź" -> "LODZ"),
/// separators turned into single spaces.
std::string normalizeName(std::string_view name);

/// \brief Levenshtein distance in bytes.
std::size_t editDistance(std::string_view a, std::string_view b);

/// \brief Why a request goes to an operator, or that it does not.
struct ConsistencyProblem {
    std::string note;  ///< for the operator, without personal data
};

/// \brief Checks the machine readable zone against the typed data: present, readable, check
/// digits, and document number, birth date, nationality, sex and names agreeing.
std::optional<ConsistencyProblem> checkConsistency(
    const core::Request& request, const std::optional<std::vector<std::string>>& mrz);

enum class DecisionKind {
    Identified,  ///< exact match: the registry's INSZ
    Operator,    ///< an operator must look at it
    NewBis,      ///< nobody known: allocate a new BIS number
};

struct Decision {
    DecisionKind kind = DecisionKind::NewBis;
    std::string insz;                       ///< Identified only
    protocol::PersonCompletion completion;  ///< Identified only: fields the registry filled in
    std::string note;                       ///< Operator only: why
};

/// \brief Decides on a complete request given the registry's candidates (persons sharing its
/// birth date, national number or document): consistency first, then exact match, near match,
/// new person.
Decision decide(const core::Request& request, const std::optional<std::vector<std::string>>& mrz,
                const std::vector<KnownPerson>& candidates);

}  // namespace balie::sync::central
