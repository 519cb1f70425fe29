// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's screens and the frame they share: a top bar and a body with margins.
#pragma once

#include <memory>

#include "balie/ui/navigator.h"
#include "balie/ui/screen_context.h"

namespace balie::ui {

/// \brief Choose NL, FR, DE or EN; the kiosk's home screen.
std::unique_ptr<Screen> makeLanguageScreen();

/// \brief "Insert your eID card", with the card reader's state (and the demo PIN in --demo).
std::unique_ptr<Screen> makeStartScreen();

/// \brief PIN entry on the numeric pad, digits masked, login through CardLogin.
std::unique_ptr<Screen> makePinScreen();

/// \brief Draws the bar across the top of a screen: a back button ("nav.back") when \a withBack,
/// \a title, and one button per language ("lang.nl" ...) that switches the language at once.
/// \return true when back was tapped.
bool topBar(ScreenContext& context, const char* title, bool withBack);

/// \brief Opens the area below the top bar, with the screen margins; close with endBody().
void beginBody();
void endBody();

}  // namespace balie::ui
