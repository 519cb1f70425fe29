// SPDX-License-Identifier: GPL-3.0-or-later
// Agent login with the eID card: PIN, a signed fresh challenge, and the session it opens.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "balie/core/error.h"
#include "balie/drivers/eid/eid_card.h"
#include "balie/drivers/eid/pin.h"

namespace balie::drivers::eid {

/// \brief An agent's logged-in card session. Ends with LOG OFF, at the latest on destruction,
/// so the card never keeps PIN rights after the agent has gone. Borrows the card.
class AgentSession {
public:
    explicit AgentSession(EidCard& card) : card_(&card) {}
    AgentSession(AgentSession&& other) noexcept;
    AgentSession& operator=(AgentSession&& other) noexcept;
    AgentSession(const AgentSession&) = delete;
    AgentSession& operator=(const AgentSession&) = delete;
    ~AgentSession();

    bool isActive() const { return card_ != nullptr; }

    /// \brief Sends LOG OFF once and ends the session. A card that is gone has already lost the
    /// PIN rights: the session ends all the same, and the transport's error is returned.
    core::Result<void> end();

    /// \brief Ends the session without talking to the card, for a card known to be removed.
    void cardRemoved() { card_ = nullptr; }

private:
    EidCard* card_;
};

/// \brief Inputs of a login besides the PIN.
struct LoginOptions {
    /// PEM text of the trust anchors for the authentication certificate chain.
    std::string trustAnchorsPem;
    /// Size of the random challenge in bytes.
    std::size_t challengeSize = 32;
    /// Called when only one PIN try is left, before the PIN is sent; false stops the login
    /// without spending it. Empty means no confirmation: the login stops.
    std::function<bool()> confirmLastTry;
};

/// \brief How a login ended when the card answered throughout.
struct LoginOutcome {
    bool ok = false;
    PinStatus pin;                        ///< the state after the attempt
    std::string error;                    ///< why not ok: wrong PIN, blocked, bad signature...
    std::optional<AgentSession> session;  ///< set when ok
};

/// \brief Logs an agent in: checks the PIN state, asks for confirmation on the last try,
/// VERIFY, signs a fresh random challenge with the authentication key and verifies it with the
/// authentication certificate, chained through the card's CA certificate to a trust anchor. The
/// certificate's subject serial number, when present, must be \a nationalNumber.
///
/// A login that fails after the VERIFY logs off before returning.
/// \return the outcome, or an error when the card or reader failed (card removed, ...).
core::Result<LoginOutcome> login(EidCard& card, const Pin& pin, std::string_view nationalNumber,
                                 const LoginOptions& options);

}  // namespace balie::drivers::eid
