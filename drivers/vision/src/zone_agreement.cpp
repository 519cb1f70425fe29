// SPDX-License-Identifier: GPL-3.0-or-later
// ZoneAgreement: confirmations, doubts and contradictions counted over a window of frames.
#include "balie/drivers/vision/zone_agreement.h"

#include <algorithm>
#include <bit>
#include <utility>

namespace balie::drivers::vision {

ZoneAgreement::ZoneAgreement(AgreementRules rules) : rules_(rules) {
    rules_.agreeingFrames = std::max(rules_.agreeingFrames, 1);
    rules_.window = std::max(rules_.window, rules_.agreeingFrames);
}

ZoneAgreement::Verdict ZoneAgreement::add(std::optional<ZoneRead> read) {
    if (static_cast<int>(window_.size()) >= rules_.window) {
        window_.pop_front();
    }
    window_.push_back(std::move(read));
    const auto& newest = window_.back();
    if (!newest.has_value() || !newest->confirms) {
        return {};
    }
    int confirmations = 0;
    int doubts = 0;
    int contradictions = 0;
    unsigned cuts = 0;
    for (const auto& recent : window_) {
        if (!recent.has_value()) {
            continue;
        }
        if (recent->lines != newest->lines) {
            contradictions += recent->confirms ? 1 : 0;
        } else if (recent->confirms) {
            ++confirmations;
            cuts |= 1U << static_cast<unsigned>(recent->cut);
        } else {
            ++doubts;
        }
    }
    // Two zones that both pass every check, read from the same document moments apart: at least
    // one is a misread, and only a clear majority of sure reads tells which.
    const bool contradicted = confirmations < rules_.outnumbering * contradictions;
    const bool agreed = !contradicted && doubts <= rules_.toleratedDoubts &&
                        confirmations >= rules_.agreeingFrames &&
                        std::popcount(cuts) >= std::min(rules_.agreeingCuts, rules_.agreeingFrames);
    return {confirmations, agreed};
}

void ZoneAgreement::clear() {
    window_.clear();
}

}  // namespace balie::drivers::vision
