// SPDX-License-Identifier: GPL-3.0-or-later
// The character set of machine readable zones and their 7-3-1 check digit (ICAO 9303 Part 3).
#pragma once

#include <optional>
#include <string_view>

namespace balie::core {

/// \brief The filler character of machine readable zones.
inline constexpr char kMrzFiller = '<';

/// \brief True for the 37 characters a machine readable zone may hold: 'A'-'Z', '0'-'9' and '<'.
constexpr bool isMrzCharacter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == kMrzFiller;
}

/// \brief The value a character adds to a check digit: digits their value, 'A'-'Z' 10-35, '<' 0;
/// nullopt for a character outside the MRZ alphabet.
constexpr std::optional<int> mrzCharacterValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 10;
    }
    if (c == kMrzFiller) {
        return 0;
    }
    return std::nullopt;
}

/// \brief The check digit ('0'-'9') of \a text: each character's value times the weights 7, 3, 1
/// repeating from the left, summed modulo 10 (ICAO 9303 Part 3 §4.9).
///
/// Characters whose values differ by a multiple of 10 give the same digit in any position (for
/// example '<', 'A', 'K', 'U' and '0'; '8', 'I', 'S'): a check digit cannot tell them apart.
///
/// \return nullopt when \a text holds a character outside the MRZ alphabet.
std::optional<char> mrzCheckDigit(std::string_view text);

}  // namespace balie::core
