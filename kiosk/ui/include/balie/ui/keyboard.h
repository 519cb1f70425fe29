// SPDX-License-Identifier: GPL-3.0-or-later
// The on-screen keyboard: Belgian AZERTY, QWERTY and QWERTZ, with a page of accented letters.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/ui/widgets.h"

namespace balie::ui {

enum class KeyboardLayout { AzertyBelgian, Qwerty, Qwertz };

/// \brief "azerty-be", "qwerty" or "qwertz" (configuration values and the layout key's label).
std::string_view keyboardLayoutName(KeyboardLayout layout);
std::optional<KeyboardLayout> keyboardLayoutFromName(std::string_view name);

enum class KeyboardPage {
    Letters,  ///< digits and the layout's letters
    Accents,  ///< accented and other Latin letters of European names
};

enum class KeyAction { Insert, Backspace, Shift, Page, Layout, Done };

/// \brief One key as laid out: what it does and where it is.
struct KeyCap {
    std::string name;   ///< target name: "key.a", "key.é", "key.space", "key.shift", ...
    std::string label;  ///< what is printed on it
    std::string text;   ///< what KeyAction::Insert types (UTF-8)
    KeyAction action = KeyAction::Insert;
    ImVec2 min;
    ImVec2 max;
};

/// \brief The keys of \a page in \a layout inside the rectangle at \a origin of \a size, in rows
/// from top to bottom. \a shift gives capitals. The done key's label is left empty for the
/// caller's translated word.
std::vector<KeyCap> keyboardKeys(KeyboardLayout layout, KeyboardPage page, bool shift,
                                 ImVec2 origin, ImVec2 size);

/// \brief An on-screen keyboard that edits a UTF-8 string.
///
/// Shift is one-shot: it applies to the next letter, as on phones. The page key switches between
/// letters and accented letters; the layout key cycles AZERTY-BE, QWERTY and QWERTZ.
class OnScreenKeyboard {
public:
    explicit OnScreenKeyboard(KeyboardLayout layout) : layout_(layout) {}

    /// \brief Draws the keyboard at the cursor, \a size large, and applies the key tapped to
    /// \a text; \a doneLabel is printed on the done key. \return true on the frame the done key
    /// is tapped.
    bool draw(Ui& ui, std::string& text, ImVec2 size, const char* doneLabel);

    KeyboardLayout layout() const { return layout_; }
    KeyboardPage page() const { return page_; }
    bool shift() const { return shift_; }

private:
    KeyboardLayout layout_;
    KeyboardPage page_ = KeyboardPage::Letters;
    bool shift_ = false;
};

/// \brief Removes the last UTF-8 character (not byte) of \a text.
void eraseLastCharacter(std::string& text);

}  // namespace balie::ui
