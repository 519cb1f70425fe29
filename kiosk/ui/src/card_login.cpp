// SPDX-License-Identifier: GPL-3.0-or-later
// The card login of a kiosk without a card reader.
#include "balie/ui/card_login.h"

#include <utility>

namespace balie::ui {

void UnavailableCardReader::login(PinBuffer pin, bool /*spendLastTry*/,
                                  std::function<void(LoginResult)> done) {
    pin.clear();
    done(LoginResult{LoginResult::Outcome::ReaderUnavailable, 0, std::nullopt});
}

}  // namespace balie::ui
