// SPDX-License-Identifier: GPL-3.0-or-later
// mrzDoubt: confidences and runners-up weighed by what the check digits would notice.
#include "balie/drivers/vision/mrz_doubt.h"

#include <algorithm>
#include <cstddef>

#include "balie/core/mrz_check_digit.h"
#include "balie/drivers/vision/mrz_correction.h"

namespace balie::drivers::vision {
namespace {

// A check digit cannot tell two characters apart whose values differ by a multiple of 10.
bool sameModuloTen(char a, char b) {
    const auto first = core::mrzCharacterValue(a);
    const auto second = core::mrzCharacterValue(b);
    return first.has_value() && second.has_value() && (*first - *second) % 10 == 0;
}

}  // namespace

MrzDoubt mrzDoubt(core::MrzFormat format, std::span<const OcrLine> reads,
                  const std::vector<std::string>& lines) {
    MrzDoubt doubt;
    const auto watched = core::mrzCheckedPlaces(format);
    for (std::size_t index = 0; index < lines.size() && index < reads.size(); ++index) {
        const OcrLine& read = reads[index];
        const std::string& line = lines[index];
        const bool placed = read.text.size() == line.size() && index < watched.size() &&
                            watched[index].size() == line.size();
        const auto slots = mrzSlots(format, static_cast<int>(index));
        for (std::size_t i = 0; i < read.text.size(); ++i) {
            const bool checked = placed && watched[index][i];
            if (!checked && i < read.confidences.size()) {
                doubt.weakestUnguarded = std::min(doubt.weakestUnguarded, read.confidences[i]);
            }
            if (i >= read.alternatives.size()) {
                continue;
            }
            for (const OcrAlternative& alternative : read.alternatives[i]) {
                if (placed) {
                    const char rival = correctMrzCharacter(alternative.character, slots[i]);
                    if (rival == line[i] || (checked && !sameModuloTen(rival, line[i]))) {
                        continue;
                    }
                }
                doubt.strongestRival = std::max(doubt.strongestRival, alternative.confidence);
            }
        }
    }
    return doubt;
}

}  // namespace balie::drivers::vision
