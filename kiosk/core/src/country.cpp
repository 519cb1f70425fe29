// SPDX-License-Identifier: GPL-3.0-or-later
// Country lookups: binary searches over the table generated from Debian's iso-codes.
#include "balie/core/country.h"

#include <algorithm>
#include <cstdint>

#include "country_table.h"

namespace balie::core {
namespace {

using detail::kCountryTable;

// ICAO 9303 Part 3 writes Germany as "D" (padded to "D<<") instead of its alpha-3 code.
constexpr std::string_view kGermanyMrzCode = "D";
constexpr std::string_view kGermanyAlpha3 = "DEU";

// Searches positions sorted by `key` for the entry whose key equals `wanted`.
template <typename Key, typename Value>
const Country* findIndexed(std::span<const std::uint16_t> positions, Key key, const Value& wanted) {
    const auto countries = kCountryTable.countries;
    const auto found = std::lower_bound(positions.begin(), positions.end(), wanted,
                                        [&](std::uint16_t position, const Value& value) {
                                            return key(countries[position]) < value;
                                        });
    if (found == positions.end() || key(countries[*found]) != wanted) {
        return nullptr;
    }
    return &countries[*found];
}

}  // namespace

std::span<const Country> allCountries() {
    return kCountryTable.countries;
}

const Country* countryByAlpha2(std::string_view alpha2) {
    if (alpha2.size() != 2) {
        return nullptr;
    }
    const auto iso = kCountryTable.countries.first(kCountryTable.isoCount);
    const auto found = std::lower_bound(
        iso.begin(), iso.end(), alpha2,
        [](const Country& country, std::string_view code) { return country.alpha2 < code; });
    if (found == iso.end() || found->alpha2 != alpha2) {
        return nullptr;
    }
    return &*found;
}

const Country* countryByAlpha3(std::string_view alpha3) {
    if (alpha3.size() != 3) {
        return nullptr;
    }
    return findIndexed(
        kCountryTable.byAlpha3, [](const Country& country) { return country.alpha3; }, alpha3);
}

const Country* countryByMrzCode(std::string_view code) {
    if (code.size() > 3) {
        return nullptr;
    }
    // Fillers pad short codes on the right ("D<<"); a filler anywhere else is no code.
    const auto last = code.find_last_not_of('<');
    if (last == std::string_view::npos) {
        return nullptr;
    }
    code = code.substr(0, last + 1);
    if (code == kGermanyMrzCode) {
        return countryByAlpha3(kGermanyAlpha3);
    }
    return countryByAlpha3(code);
}

const Country* countryByNis(int nis) {
    return findIndexed(
        kCountryTable.byNis, [](const Country& country) { return country.nis; }, nis);
}

}  // namespace balie::core
