// SPDX-License-Identifier: GPL-3.0-or-later
// Agent login: PIN, challenge signature, verification, and the session's LOG OFF.
#include "balie/drivers/eid/login.h"

#include <array>
#include <utility>

#include "balie/drivers/eid/verification.h"

namespace balie::drivers::eid {

AgentSession::AgentSession(AgentSession&& other) noexcept
    : card_(std::exchange(other.card_, nullptr)) {
}

AgentSession& AgentSession::operator=(AgentSession&& other) noexcept {
    if (this != &other) {
        static_cast<void>(end());
        card_ = std::exchange(other.card_, nullptr);
    }
    return *this;
}

AgentSession::~AgentSession() {
    static_cast<void>(end());
}

core::Result<void> AgentSession::end() {
    EidCard* card = std::exchange(card_, nullptr);
    if (card == nullptr) {
        return {};
    }
    return card->logOff();
}

namespace {

LoginOutcome refused(PinStatus pin, std::string error) {
    LoginOutcome outcome;
    outcome.pin = pin;
    outcome.error = std::move(error);
    return outcome;
}

/// Checks that the card signs a fresh challenge with the key of a trusted authentication
/// certificate that belongs to the holder.
core::Result<std::string> proveKeyPossession(EidCard& card, std::string_view nationalNumber,
                                             const LoginOptions& options) {
    auto certificate = card.readFile(EidFile::AuthenticationCertificate);
    if (!certificate) {
        if (certificate.error().code == core::Errc::NotFound) {
            return std::string("the card has no authentication certificate");
        }
        return tl::unexpected(certificate.error());
    }
    auto ca = card.readFile(EidFile::CaCertificate);
    if (!ca) {
        return tl::unexpected(ca.error());
    }
    const std::array<Bytes, 1> intermediates{std::move(*ca)};
    if (auto chain = verifyCertificateChain(*certificate, intermediates, options.trustAnchorsPem);
        !chain) {
        return chain.error().message;
    }
    if (auto serial = certificateSubjectSerialNumber(*certificate);
        serial && *serial != nationalNumber) {
        return std::string("the authentication certificate belongs to another person");
    }
    auto challenge = randomChallenge(options.challengeSize);
    if (!challenge) {
        return tl::unexpected(challenge.error());
    }
    const Bytes input = loginSignatureInput(*challenge, card.cardData().isEcc());
    auto signature = card.signWithAuthenticationKey(input);
    if (!signature) {
        return tl::unexpected(signature.error());
    }
    if (auto verified = verifyLoginSignature(*challenge, *signature, *certificate); !verified) {
        return verified.error().message;
    }
    return std::string();
}

}  // namespace

core::Result<LoginOutcome> login(EidCard& card, const Pin& pin, std::string_view nationalNumber,
                                 const LoginOptions& options) {
    PinStatus before{false, 3, false};
    auto status = card.pinStatus();
    if (status) {
        before = *status;
    } else if (status.error().code != core::Errc::InvalidState) {
        return tl::unexpected(status.error());
    }
    if (before.blocked) {
        return refused(before, "the PIN is blocked");
    }
    if (status && before.triesLeft == 1 && !(options.confirmLastTry && options.confirmLastTry())) {
        return refused(before, "one PIN try left: not used without confirmation");
    }
    auto verified = card.verifyPin(pin);
    if (!verified) {
        return tl::unexpected(verified.error());
    }
    if (verified->blocked) {
        return refused(*verified, "wrong PIN: the PIN is now blocked");
    }
    if (!verified->verified) {
        return refused(*verified, "wrong PIN");
    }
    AgentSession session(card);
    auto proof = proveKeyPossession(card, nationalNumber, options);
    if (!proof) {
        // Log off all the same: a card that refused to sign still holds the PIN rights, and one
        // that is gone answers at once with an error that adds nothing.
        static_cast<void>(session.end());
        return tl::unexpected(proof.error());
    }
    if (!proof->empty()) {
        if (auto ended = session.end(); !ended) {
            return tl::unexpected(ended.error());
        }
        return refused(*verified, *proof);
    }
    LoginOutcome outcome;
    outcome.ok = true;
    outcome.pin = *verified;
    outcome.session.emplace(std::move(session));
    return outcome;
}

}  // namespace balie::drivers::eid
