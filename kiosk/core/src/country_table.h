// SPDX-License-Identifier: GPL-3.0-or-later
// The generated country table and its sorted indexes (private to balie_core).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "balie/core/country.h"

namespace balie::core::detail {

/// \brief Every entry of allCountries() with the indexes the lookups search. Written by
/// kiosk/core/gen/generate_countries.py into the build directory.
struct CountryTable {
    /// The ISO 3166-1 countries sorted by alpha-2, then the MRZ-only codes.
    std::span<const Country> countries;
    /// How many entries at the front of `countries` are ISO 3166-1 countries.
    std::size_t isoCount = 0;
    /// Positions in `countries`, sorted by alpha-3 code.
    std::span<const std::uint16_t> byAlpha3;
    /// Positions in `countries` of the entries with a NIS code, sorted by NIS code.
    std::span<const std::uint16_t> byNis;
};

extern const CountryTable kCountryTable;

}  // namespace balie::core::detail
