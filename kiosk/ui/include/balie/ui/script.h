// SPDX-License-Identifier: GPL-3.0-or-later
// Test and demo scripts: taps and checks that enter the kiosk through SDL's event queue.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"

namespace balie::ui {

/// \brief One line of a script.
///
/// Script syntax, one command per line, '#' starts a comment:
///   tap NAME        tap the centre of touch target NAME ("language.fr", "pad.5")
///   tap X Y         tap at window pixel X, Y
///   wait MS         let MS milliseconds pass without input
///   screenshot NAME write the next frame to SCREENSHOT_DIR/NAME.png
///   expect SCREEN   stop with an error unless SCREEN ("start", "pin") is shown
///   await NAME [S]  wait until screen NAME is shown or touch target NAME is drawn (something
///                   outside the kiosk brings it: a card taken out, a camera capture, news from
///                   the central service); stop with an error after S seconds (default 60)
///   frames          print "frames N", the number of frames drawn so far, on standard output
///   quit            end the program with exit status 0
/// Every command waits until the previous one has been drawn and the screen has finished its own
/// work (a PIN check, for example).
struct ScriptStep {
    enum class Kind { TapTarget, TapPoint, Wait, Screenshot, Expect, Await, Frames, Quit };
    Kind kind = Kind::Quit;
    std::string argument;  ///< target, screenshot or screen name
    float x = 0;
    float y = 0;
    int milliseconds = 0;  ///< of a wait, or the most an await waits
    int line = 0;
};

/// \brief Parses a script. \return Errc::InvalidFormat naming the line of the first bad command.
core::Result<std::vector<ScriptStep>> parseScript(std::string_view text);

}  // namespace balie::ui
