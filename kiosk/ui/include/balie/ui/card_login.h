// SPDX-License-Identifier: GPL-3.0-or-later
// What the login screens need from an eID card, whichever driver provides it.
#pragma once

#include <functional>
#include <optional>

#include "balie/core/sync_service.h"
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
        LoggedIn,  ///< the card proved the PIN and the central service let the agent in
        WrongPin,  ///< triesLeft says how many attempts remain
        LastTry,   ///< one try left: nothing was sent; login again with the agent's consent
        PinBlocked,
        NoCard,  ///< the card was taken out, or never inserted
        ReaderUnavailable,
        CardUnreadable,      ///< not a Belgian eID card, or its login proof failed
        AccessDenied,        ///< the card holder is not on the company's access list
        ServiceUnreachable,  ///< the central service could not be asked
    };
    Outcome outcome = Outcome::ReaderUnavailable;
    int triesLeft = 0;
    /// Set for LoggedIn: who the central service says the agent is.
    std::optional<core::AgentAccess> agent;
};

/// \brief The card reader seen from the UI: its state, and a PIN login that runs off the UI
/// thread.
class CardLogin {
public:
    virtual ~CardLogin() = default;

    /// \brief Starts watching the reader; \a changed is called on a worker thread whenever the
    /// state changed (it must only wake the UI). A later call replaces \a changed; an empty
    /// function stops the calls (before whatever it wakes goes away).
    virtual void watch(std::function<void()> changed) { static_cast<void>(changed); }

    /// \brief The reader's current state. Cheap: the UI calls it every frame it draws.
    virtual CardState state() const = 0;

    /// \brief How many times a card was inserted so far, so the kiosk notices that the agent's
    /// card was swapped for another between two frames.
    virtual unsigned insertions() const { return 0; }

    /// \brief Starts verifying \a pin with the card and returns at once. \a done is called exactly
    /// once, on any thread, with the result; it must only store it and wake the UI. With
    /// \a spendLastTry false a card with one try left is not asked (Outcome::LastTry).
    virtual void login(PinBuffer pin, bool spendLastTry, std::function<void(LoginResult)> done) = 0;
};

/// \brief The card login of a kiosk whose card reader is not available: reports so, and never
/// pretends a login succeeded.
class UnavailableCardReader final : public CardLogin {
public:
    CardState state() const override { return CardState::ReaderUnavailable; }
    void login(PinBuffer pin, bool spendLastTry, std::function<void(LoginResult)> done) override;
};

}  // namespace balie::ui
