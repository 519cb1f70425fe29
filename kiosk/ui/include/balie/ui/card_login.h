// SPDX-License-Identifier: GPL-3.0-or-later
// What the login screens need from an eID card, whichever driver provides it.
#pragma once

#include <functional>

#include "balie/ui/pin_buffer.h"

namespace balie::ui {

enum class CardState {
    ReaderUnavailable,  ///< no reader, or its service is not running
    NoCard,             ///< a reader without a card
    CardInserted,
};

/// \brief How a PIN login ended.
struct LoginResult {
    enum class Outcome {
        LoggedIn,
        WrongPin,  ///< triesLeft says how many attempts remain
        PinBlocked,
        NoCard,  ///< the card was taken out, or never inserted
        ReaderUnavailable,
    };
    Outcome outcome = Outcome::ReaderUnavailable;
    int triesLeft = 0;
};

/// \brief The card reader seen from the UI: its state, and a PIN login that runs off the UI
/// thread.
class CardLogin {
public:
    virtual ~CardLogin() = default;

    /// \brief The reader's current state. Cheap: the UI calls it every frame it draws.
    virtual CardState state() const = 0;

    /// \brief Starts verifying \a pin with the card and returns at once. \a done is called exactly
    /// once, on any thread, with the result; it must only store it and wake the UI.
    virtual void login(PinBuffer pin, std::function<void(LoginResult)> done) = 0;
};

/// \brief The card login of a kiosk whose card reader is not available: reports so, and never
/// pretends a login succeeded.
class UnavailableCardReader final : public CardLogin {
public:
    CardState state() const override { return CardState::ReaderUnavailable; }
    void login(PinBuffer pin, std::function<void(LoginResult)> done) override;
};

}  // namespace balie::ui
