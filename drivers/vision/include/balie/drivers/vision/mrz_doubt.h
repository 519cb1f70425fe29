// SPDX-License-Identifier: GPL-3.0-or-later
// How far an OCR'd zone can be trusted where a misread would pass every check digit.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "balie/core/mrz.h"
#include "balie/drivers/vision/ocr_engine.h"

namespace balie::drivers::vision {

struct MrzDoubt {
    /// The engine's lowest confidence in a character no check digit watches (names, codes, sex;
    /// core::mrzCheckedPlaces()).
    float weakestUnguarded = 1.0F;
    /// The engine's highest confidence in another character that no check digit would tell from
    /// the one read: any runner-up where no check digit watches, and where one does, a runner-up
    /// whose value is the same modulo 10 (O and Y, 8 and S).
    float strongestRival = 0.0F;
};

/// \brief The doubt of the zone \a lines of \a format, corrected (correctMrzLines()) from what
/// the engine read as \a reads, one per line. A runner-up is first corrected as its place's
/// slot would correct it (a B in a digit slot counts as the 8 it would become). A line whose
/// length the correction changed has lost its places: all its characters count as unwatched.
MrzDoubt mrzDoubt(core::MrzFormat format, std::span<const OcrLine> reads,
                  const std::vector<std::string>& lines);

}  // namespace balie::drivers::vision
