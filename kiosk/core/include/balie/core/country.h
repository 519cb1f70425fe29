// SPDX-License-Identifier: GPL-3.0-or-later
// Countries and the other state codes of identity documents, with their names in Balie's languages.
#pragma once

#include <span>
#include <string_view>

#include "balie/core/language.h"

namespace balie::core {

/// \brief A country of ISO 3166-1, or a code that only machine readable zones use (ICAO 9303
/// Part 3: "D" for Germany, British nationality categories, UN and EU codes, stateless and refugee
/// codes, the specimen state "UTO").
struct Country {
    std::string_view alpha2;  ///< ISO 3166-1 alpha-2 ("BE"); empty for an MRZ-only code
    std::string_view alpha3;  ///< ISO 3166-1 alpha-3 ("BEL"), or the MRZ code ("XXA", "GBD")
    int numeric = 0;          ///< ISO 3166-1 numeric (56); 0 for an MRZ-only code
    int nis = 0;              ///< Belgian NIS country code (Statbel, 150 for Belgium); 0 when unknown
    std::string_view names[4];  ///< indexed by Language

    std::string_view name(Language language) const {
        return names[static_cast<int>(language)];
    }
    bool isIso() const { return !alpha2.empty(); }
};

/// \brief Every known code: the ISO 3166-1 countries, then the MRZ-only codes.
std::span<const Country> allCountries();

/// \brief Looks up an ISO 3166-1 alpha-2 code ("BE"); nullptr when unknown. Upper case only.
const Country* countryByAlpha2(std::string_view alpha2);

/// \brief Looks up an ISO 3166-1 alpha-3 code ("BEL"), or an MRZ-only code ("XXA"); nullptr when
/// unknown.
const Country* countryByAlpha3(std::string_view alpha3);

/// \brief Looks up a state code as printed in a machine readable zone, fillers included:
/// "BEL", "D<<" and "D" (Germany), "GBD", "XXA", "UTO"; nullptr when unknown.
const Country* countryByMrzCode(std::string_view code);

/// \brief Looks up a Belgian NIS country code (150 = Belgium); nullptr when unknown.
const Country* countryByNis(int nis);

}  // namespace balie::core
