// SPDX-License-Identifier: GPL-3.0-or-later
// Corrects OCR output with the structure of a machine readable zone: lengths, digits, letters.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "balie/core/mrz.h"

namespace balie::drivers::vision {

/// \brief What one position of an MRZ line may hold (ICAO 9303 Parts 4-7).
enum class MrzSlot {
    Letter,          ///< 'A'-'Z' (state and nationality codes, first document code letter)
    LetterOrFiller,  ///< 'A'-'Z' or '<' (names, the rest of codes)
    Digit,           ///< '0'-'9' (expiry dates, check digits)
    DigitOrFiller,   ///< '0'-'9' or '<' (birth dates, check digits that may be '<')
    Sex,             ///< 'M', 'F' or '<'
    Any,             ///< any MRZ character (document numbers, optional data)
};

/// \brief The format a read zone most likely has, from its line count, line lengths and first
/// character (a 'V' makes a two-line zone a visa); nullopt for neither 2 nor 3 lines, or lines
/// too far (more than 3 characters) from 30, 36 or 44.
std::optional<core::MrzFormat> guessMrzFormat(std::span<const std::string> lines);

/// \brief The slot of each position of line \a lineIndex (0-based) of \a format; empty for a
/// line the format does not have.
std::vector<MrzSlot> mrzSlots(core::MrzFormat format, int lineIndex);

/// \brief \a c as a character of \a slot: a look-alike of the slot's class in place of one
/// outside it (see correctMrzLines()); \a c itself when it fits.
char correctMrzCharacter(char c, MrzSlot slot);

/// \brief Lines corrected by the zone's structure, and how many characters that changed.
struct MrzCorrection {
    std::vector<std::string> lines;
    int changes = 0;  ///< characters replaced, inserted or removed
};

/// \brief Fixes what an OCR engine typically gets wrong in an MRZ, knowing its format.
///
/// Characters outside the MRZ alphabet are dropped. A line one to three characters too long or
/// short is brought to length by shrinking or growing its longest run of three or more fillers
/// (where an OCR engine most often drops or doubles a '<'), padding or cutting at the end
/// otherwise; a line still of the wrong length is left as it is. Then, in lines of the right
/// length, look-alikes are swapped per slot: in digit slots O, Q, D, U, C to 0, I and L to 1,
/// Z to 2, S to 5, G to 6, T to 7, B to 8; in letter slots 0 to O, 1 to I, 2 to Z, 4 to A, 5 to
/// S, 6 to G, 7 to T, 8 to B; a K in a filler-or-digit slot becomes '<' (the classic misread of
/// the filler), as do K and X in the sex slot. Last, O and 0 are swapped where they mix with
/// other letters and digits under a check digit that fails (a document number, the TD3 personal
/// number; optional data under the composite check) when exactly one swap makes it pass: OCR-B
/// barely tells them apart, and a check digit always sees the swap. Otherwise check digits do
/// not pick characters: a failing check stays failing.
MrzCorrection correctMrzLines(core::MrzFormat format, std::span<const std::string> lines);

}  // namespace balie::drivers::vision
