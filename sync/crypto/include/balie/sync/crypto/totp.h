// SPDX-License-Identifier: GPL-3.0-or-later
// Time-based one-time passwords (RFC 6238 over RFC 4226, HMAC-SHA1): the security codes of a
// digital key, and the base32 and otpauth:// forms authenticator apps read their secret from.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace balie::sync::totp {

inline constexpr std::chrono::seconds kStep{30};
inline constexpr int kDigits = 6;
/// Bytes of a new secret: the 160 bits RFC 4226 recommends for HMAC-SHA1.
inline constexpr std::size_t kSecretBytes = 20;

/// \brief The time step \a time falls in: whole periods of kStep since the Unix epoch.
std::int64_t stepAt(std::chrono::system_clock::time_point time);

/// \brief The code of \a secret (raw bytes) for \a step, \a digits long with leading zeros.
std::string code(std::string_view secret, std::int64_t step, int digits = kDigits);

/// \brief The step \a typed is the code of, looking at \a currentStep and one step either side
/// (clocks drift, people type slowly), and only at steps after \a lastAcceptedStep so that an
/// accepted code is never accepted again. nullopt when it matches none.
std::optional<std::int64_t> acceptedStep(std::string_view secret, std::string_view typed,
                                         std::int64_t currentStep, std::int64_t lastAcceptedStep);

/// \brief RFC 4648 base32 without padding, as authenticator apps take secrets.
std::string toBase32(std::string_view bytes);
/// \brief The bytes of base32 text (upper or lower case, padding and spaces ignored); nullopt
/// for any other character.
std::optional<std::string> fromBase32(std::string_view text);

/// \brief
/// "otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30".
std::string otpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view base32Secret);

}  // namespace balie::sync::totp
