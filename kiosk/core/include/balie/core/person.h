// SPDX-License-Identifier: GPL-3.0-or-later
// The person to identify (wizard step 2), as written on the document.
#pragma once

#include <optional>
#include <string>

#include "balie/core/date.h"

namespace balie::core {

/// \brief Sex as on the document. Unknown is an answer ("X" or "<" in a machine readable zone);
/// "not answered yet" is an empty optional in Person.
enum class Sex { Male, Female, Unknown };

struct Person {
    std::string surname;
    std::string givenNames;  ///< all given names, space separated; empty for a mononym
    /// Year, month and day; 0 marks a part the document leaves unknown.
    PartialDate birthDate;
    std::string birthPlace;
    std::string birthCountry;  ///< ISO 3166-1 alpha-2, or empty
    std::string nationality;   ///< ISO 3166-1 alpha-2, or empty
    std::optional<Sex> sex;

    bool operator==(const Person&) const = default;
};

}  // namespace balie::core
