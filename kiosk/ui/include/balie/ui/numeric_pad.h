// SPDX-License-Identifier: GPL-3.0-or-later
// A numeric pad for PINs and dates.
#pragma once

#include <imgui.h>

#include <optional>
#include <string_view>
#include <vector>

#include "balie/ui/keyboard.h"
#include "balie/ui/widgets.h"

namespace balie::ui {

/// \brief What a tap on the numeric pad asks for.
struct PadKey {
    enum class Kind { Digit, Erase, Confirm };
    Kind kind = Kind::Digit;
    char digit = 0;  ///< '0'-'9' for Kind::Digit
};

/// \brief The pad's keys in the rectangle at \a origin of \a size: 1 2 3 / 4 5 6 / 7 8 9 in
/// three columns and a wide 0 below them, erase and confirm stacked in a wider fourth column;
/// named "pad.0"-"pad.9", "pad.erase" and "pad.confirm".
std::vector<KeyCap> numericPadKeys(ImVec2 origin, ImVec2 size);

/// \brief Draws the pad at the cursor, \a size large, with \a confirmLabel on the confirm key;
/// the confirm key is disabled unless \a canConfirm. \return the key tapped this frame.
std::optional<PadKey> numericPad(Ui& ui, ImVec2 size, const char* confirmLabel, bool canConfirm);

}  // namespace balie::ui
