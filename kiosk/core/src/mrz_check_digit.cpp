// SPDX-License-Identifier: GPL-3.0-or-later
// The 7-3-1 check digit of ICAO 9303 Part 3 §4.9.
#include "balie/core/mrz_check_digit.h"

namespace balie::core {

std::optional<char> mrzCheckDigit(std::string_view text) {
    static constexpr int kWeights[] = {7, 3, 1};
    int sum = 0;
    int position = 0;
    for (char c : text) {
        const std::optional<int> value = mrzCharacterValue(c);
        if (!value) {
            return std::nullopt;
        }
        sum = (sum + *value * kWeights[position]) % 10;
        position = (position + 1) % 3;
    }
    return static_cast<char>('0' + sum);
}

}  // namespace balie::core
