// SPDX-License-Identifier: GPL-3.0-or-later
// DigitalKeys: agents' digital keys (username, password, authenticator app) at the central
// service: issuing them, and the login that checks all three.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "balie/core/error.h"
#include "balie/sync/central/database.h"
#include "balie/sync/central/login_throttle.h"
#include "balie/sync/central/service.h"
#include "balie/sync/crypto/key_file.h"
#include "balie/sync/protocol/messages.h"

namespace balie::sync::central {

/// \brief Shortest password a digital key accepts.
inline constexpr std::size_t kMinPasswordLength = 8;
/// \brief Longest password: longer input is refused before it reaches the hash function.
inline constexpr std::size_t kMaxPasswordLength = 128;
/// \brief Shortest authenticator secret given to issue(): RFC 4226's 128 bits.
inline constexpr std::size_t kMinSecretBytes = 16;

/// \brief An Argon2id hash of \a password in libsodium's string form (algorithm, parameters and
/// salt included). Errc::Storage when the hash cannot be computed (out of memory).
[[nodiscard]] core::Result<std::string> hashPassword(std::string_view password);
/// \brief Whether \a password is the one \a hash was made of.
bool passwordMatches(const std::string& hash, std::string_view password);

/// \brief Whether \a username (3-64 of a-z 0-9 . _ - @, after lower-casing) and \a password
/// (8-128 bytes) may make a digital key; Errc::InvalidArgument saying why not.
[[nodiscard]] core::Result<void> checkNewKey(std::string_view username, std::string_view password);

/// \brief The key that seals the authenticator secrets stored in \a database: read from \a keyFile,
/// or created there (mode 0600) when the file is missing and no secret is stored yet.
/// Errc::Config when the file is missing while secrets are stored, can be read by others than its
/// owner, or is not the key the stored secrets were sealed with.
[[nodiscard]] core::Result<std::unique_ptr<SecretKey>> openSecretsKey(
    Database& database, const std::filesystem::path& keyFile);

/// \brief A digital key as it is handed to the agent, once: the secret is not shown again.
struct IssuedKey {
    std::string username;
    std::string secretBase32;  ///< for typing into an authenticator app
    std::string otpauthUri;    ///< for a QR code
};

class DigitalKeys {
public:
    /// \brief Authenticator secrets are stored sealed with \a secretsKey (XChaCha20-Poly1305,
    /// bound to their agent and username).
    DigitalKeys(Database& database, const SecretKey& secretsKey, ThrottlePolicy policy = {});

    /// \brief Gives agent \a agentId of \a company the digital key \a username (lower-cased)
    /// with \a password and \a secret (raw bytes; empty: a new random one); replaces the agent's
    /// earlier key. Errc::InvalidArgument as checkNewKey() or for a secret shorter than 16 bytes;
    /// Errc::InvalidState when another agent of the company has the username.
    [[nodiscard]] core::Result<IssuedKey> issue(const std::string& company,
                                                const std::string& agentId,
                                                const std::string& username,
                                                std::string_view password,
                                                std::string_view secret = {});

    /// \brief The agent of \a company whose digital key is \a username (any case); nullopt when
    /// the username is free.
    [[nodiscard]] core::Result<std::optional<std::string>> owner(const std::string& company,
                                                                 const std::string& username);

    /// \brief POST /v1/agents/login: the agent of the kiosk's company whose username, password
    /// and current security code these are. Refusals are 403 whatever was wrong, 429 with
    /// Retry-After while the username is locked after too many failures.
    [[nodiscard]] Outcome<protocol::AgentVerifyResponse> login(const KioskIdentity& kiosk,
                                                               std::string_view body);

private:
    Database& database_;
    const SecretKey& secretsKey_;
    LoginThrottle throttle_;
};

}  // namespace balie::sync::central
