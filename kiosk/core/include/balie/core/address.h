// SPDX-License-Identifier: GPL-3.0-or-later
// Postal addresses of a request (wizard step 3): the residence, possibly abroad, and a Belgian
// contact address.
#pragma once

#include <string>

namespace balie::core {

/// \brief A postal address in the parts of the Belgian legal format ("street number box",
/// "postal code municipality", then the country when abroad).
struct Address {
    std::string street;
    std::string number;  ///< house number, "21/27" for a range
    std::string box;     ///< box ("bus"/"boîte") number, without the word
    std::string postalCode;
    std::string municipality;
    std::string country;  ///< ISO 3166-1 alpha-2; "BE" for Belgium

    bool isInBelgium() const { return country == "BE"; }

    bool operator==(const Address&) const = default;
};

}  // namespace balie::core
