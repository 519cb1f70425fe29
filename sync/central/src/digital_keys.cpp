// SPDX-License-Identifier: GPL-3.0-or-later
// Digital keys: Argon2id password hashes (libsodium), TOTP secrets sealed at rest, and the
// throttled login.
#include "balie/sync/central/digital_keys.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <span>
#include <vector>

#include "balie/sync/crypto/totp.h"
#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"

namespace balie::sync::central {
namespace {

namespace error_code = protocol::error_code;
using Params = std::vector<Param>;

constexpr std::string_view kIssuer = "Balie";
constexpr std::size_t kMinUsernameLength = 3;
constexpr std::size_t kMaxUsernameLength = 64;

// The key row a login looks at, with its agent's name.
struct StoredKey {
    std::string agentId;
    std::string displayName;
    std::string passwordHash;
    std::string sealedSecret;
};

// A sealed secret opens only in the row it was written to: moved to another agent or username it
// no longer authenticates.
std::string secretContext(const std::string& agentId, const std::string& username) {
    return "balie digital key\n" + agentId + "\n" + username;
}

std::span<const std::uint8_t> bytesOf(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::string sealSecret(const SecretKey& key, std::string_view secret, const std::string& agentId,
                       const std::string& username) {
    const std::vector<std::uint8_t> sealed =
        seal(key, bytesOf(secret), secretContext(agentId, username));
    return {sealed.begin(), sealed.end()};
}

std::optional<std::string> openSecret(const SecretKey& key, std::string_view sealed,
                                      const std::string& agentId, const std::string& username) {
    auto plain = unseal(key, bytesOf(sealed), secretContext(agentId, username));
    if (!plain.has_value()) {
        return std::nullopt;
    }
    std::string secret(plain->begin(), plain->end());
    sodium_memzero(plain->data(), plain->size());
    return secret;
}

std::string lowerCase(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

bool validUsername(std::string_view username) {
    return username.size() >= kMinUsernameLength && username.size() <= kMaxUsernameLength &&
           std::all_of(username.begin(), username.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                      c == '-' || c == '@';
           });
}

// One answer for every wrong part, so that a caller learns nothing about which one it was.
ApiError refused() {
    return ApiError{403,
                    std::string(error_code::kAccessDenied),
                    "username, password or security code not accepted",
                    std::nullopt,
                    std::nullopt,
                    std::nullopt};
}

ApiError locked(std::chrono::seconds remaining) {
    return ApiError{429,
                    std::string(error_code::kTooManyRequests),
                    "too many failed attempts with this username; try again later",
                    std::nullopt,
                    std::nullopt,
                    static_cast<int>(remaining.count())};
}

ApiError bodyError(const core::Error& error) {
    const std::string field = protocol::errorField(error);
    if (field.empty()) {
        return ApiError{400,           std::string(error_code::kBadRequest),
                        error.message, std::nullopt,
                        std::nullopt,  std::nullopt};
    }
    return ApiError{422,           std::string(error_code::kInvalidRequest),
                    error.message, field,
                    std::nullopt,  std::nullopt};
}

// Checked against when the username is unknown, so that such a refusal takes as long as one for
// a wrong password.
const std::string& unknownUserHash() {
    static const std::string hash = hashPassword("balie unknown user").value_or("");
    return hash;
}

}  // namespace

core::Result<std::string> hashPassword(std::string_view password) {
    if (sodium_init() < 0) {
        return core::fail(core::Errc::Storage, "libsodium cannot be initialised");
    }
    std::string hash(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str(hash.data(), password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return core::fail(core::Errc::Storage, "not enough memory to hash the password");
    }
    hash.resize(hash.find('\0'));
    return hash;
}

bool passwordMatches(const std::string& hash, std::string_view password) {
    return sodium_init() >= 0 && !hash.empty() &&
           crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

core::Result<void> checkNewKey(std::string_view username, std::string_view password) {
    if (!validUsername(lowerCase(username))) {
        return core::fail(core::Errc::InvalidArgument,
                          "a username is 3 to 64 of the characters a-z 0-9 . _ - @");
    }
    if (password.size() < kMinPasswordLength || password.size() > kMaxPasswordLength) {
        return core::fail(core::Errc::InvalidArgument,
                          "a password is " + std::to_string(kMinPasswordLength) + " to " +
                              std::to_string(kMaxPasswordLength) + " bytes long");
    }
    return {};
}

core::Result<std::unique_ptr<SecretKey>> openSecretsKey(Database& database,
                                                        const std::filesystem::path& keyFile) {
    if (auto sodium = initSodium(); !sodium.has_value()) {
        return tl::unexpected(sodium.error());
    }
    auto stored = database.transact<Rows>([](Session& session) {
        return session.query("SELECT agent_id, username, totp_secret FROM digital_keys LIMIT 1",
                             Params{});
    });
    if (!stored.has_value()) {
        return tl::unexpected(stored.error());
    }
    std::error_code error;
    // symlink_status: a dangling link counts as present and readKeyFile() refuses it, rather
    // than a new key being written wherever it points.
    if (!std::filesystem::exists(std::filesystem::symlink_status(keyFile, error))) {
        if (!stored->empty()) {
            return core::fail(core::Errc::Config,
                              "key file " + keyFile.string() +
                                  " is missing, but the database holds digital keys sealed "
                                  "with it: restore the key file");
        }
        return createKeyFile(keyFile);
    }
    auto key = readKeyFile(keyFile);
    if (!key.has_value() || stored->empty()) {
        return key;
    }
    const Row& row = stored->front();
    if (!openSecret(**key, row.text(2), row.text(0), row.text(1)).has_value()) {
        return core::fail(core::Errc::Config, "key file " + keyFile.string() +
                                                  " is not the key the database's digital keys "
                                                  "were sealed with");
    }
    return key;
}

DigitalKeys::DigitalKeys(Database& database, const SecretKey& secretsKey, ThrottlePolicy policy)
    : database_(database), secretsKey_(secretsKey), throttle_(policy) {
}

core::Result<IssuedKey> DigitalKeys::issue(const std::string& company, const std::string& agentId,
                                           const std::string& username, std::string_view password,
                                           std::string_view givenSecret) {
    if (auto valid = checkNewKey(username, password); !valid.has_value()) {
        return tl::unexpected(valid.error());
    }
    if (!givenSecret.empty() && givenSecret.size() < kMinSecretBytes) {
        return core::fail(
            core::Errc::InvalidArgument,
            "an authenticator secret is at least " + std::to_string(kMinSecretBytes) + " bytes");
    }
    const std::string name = lowerCase(username);
    auto hash = hashPassword(password);
    if (!hash.has_value()) {
        return tl::unexpected(hash.error());
    }
    std::string secret(givenSecret);
    if (secret.empty()) {
        secret.resize(totp::kSecretBytes);
        randombytes_buf(secret.data(), secret.size());
    }
    const std::string sealedSecret = sealSecret(secretsKey_, secret, agentId, name);
    auto stored = database_.transaction([&](Session& session) -> core::Result<void> {
        auto agent = session.query("SELECT 1 FROM agents WHERE agent_id = ? AND company = ?",
                                   Params{Param::text(agentId), Param::text(company)});
        if (!agent.has_value()) {
            return tl::unexpected(agent.error());
        }
        if (agent->empty()) {
            return core::fail(core::Errc::NotFound,
                              "agent " + agentId + " is not on the access list of " + company);
        }
        auto owner =
            session.query("SELECT agent_id FROM digital_keys WHERE company = ? AND username = ?",
                          Params{Param::text(company), Param::text(name)});
        if (!owner.has_value()) {
            return tl::unexpected(owner.error());
        }
        if (!owner->empty() && owner->front().text(0) != agentId) {
            return core::fail(core::Errc::InvalidState,
                              "username " + name + " belongs to another agent of " + company);
        }
        if (auto removed = session.exec("DELETE FROM digital_keys WHERE agent_id = ?",
                                        Params{Param::text(agentId)});
            !removed.has_value()) {
            return removed;
        }
        return session.exec(
            "INSERT INTO digital_keys (agent_id, company, username, password_hash, totp_secret, "
            "last_step) VALUES (?, ?, ?, ?, ?, ?)",
            Params{Param::text(agentId), Param::text(company), Param::text(name),
                   Param::text(*hash), Param::blob(sealedSecret), Param::of(-1)});
    });
    if (!stored.has_value()) {
        sodium_memzero(secret.data(), secret.size());
        return tl::unexpected(stored.error());
    }
    const std::string base32 = totp::toBase32(secret);
    sodium_memzero(secret.data(), secret.size());
    return IssuedKey{name, base32, totp::otpauthUri(kIssuer, name, base32)};
}

core::Result<std::optional<std::string>> DigitalKeys::owner(const std::string& company,
                                                            const std::string& username) {
    return database_.transact<std::optional<std::string>>(
        [&](Session& session) -> core::Result<std::optional<std::string>> {
            auto rows = session.query(
                "SELECT agent_id FROM digital_keys WHERE company = ? AND username = ?",
                Params{Param::text(company), Param::text(lowerCase(username))});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            if (rows->empty()) {
                return std::optional<std::string>();
            }
            return std::optional<std::string>(rows->front().text(0));
        });
}

Outcome<protocol::AgentVerifyResponse> DigitalKeys::login(const KioskIdentity& kiosk,
                                                          std::string_view body) {
    auto request = protocol::decodeDigitalKeyLogin(body);
    if (!request.has_value()) {
        return tl::unexpected(bodyError(request.error()));
    }
    const std::string username = lowerCase(request->username);
    const std::string throttleKey = kiosk.company + "\n" + username;
    const auto now = LoginThrottle::Clock::now();
    if (const auto remaining = throttle_.lockedFor(throttleKey, now); remaining.has_value()) {
        return tl::unexpected(locked(*remaining));
    }
    auto stored = database_.transact<std::optional<StoredKey>>(
        [&](Session& session) -> core::Result<std::optional<StoredKey>> {
            auto rows = session.query(
                "SELECT d.agent_id, a.display_name, d.password_hash, d.totp_secret "
                "FROM digital_keys d JOIN agents a ON a.agent_id = d.agent_id "
                "WHERE d.company = ? AND d.username = ?",
                Params{Param::text(kiosk.company), Param::text(username)});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            if (rows->empty()) {
                return std::optional<StoredKey>();
            }
            const Row& row = rows->front();
            return std::optional<StoredKey>(
                StoredKey{row.text(0), row.text(1), row.text(2), row.text(3)});
        });
    if (!stored.has_value()) {
        return tl::unexpected(storageFailure(stored.error()));
    }
    const bool passwordRight =
        request->password.size() <= kMaxPasswordLength &&
        passwordMatches(stored->has_value() ? (*stored)->passwordHash : unknownUserHash(),
                        request->password);
    if (!stored->has_value() || !passwordRight) {
        throttle_.failed(throttleKey, now);
        return tl::unexpected(refused());
    }
    const StoredKey& key = **stored;
    auto secret = openSecret(secretsKey_, key.sealedSecret, key.agentId, username);
    if (!secret.has_value()) {
        throttle_.failed(throttleKey, now);
        return tl::unexpected(refused());
    }
    const std::int64_t currentStep = totp::stepAt(std::chrono::system_clock::now());
    // Checked and spent in one transaction: two kiosks sending the same code at once cannot
    // both get in.
    auto accepted = database_.transact<bool>([&](Session& session) -> core::Result<bool> {
        auto rows = session.query("SELECT last_step FROM digital_keys WHERE agent_id = ?" +
                                      std::string(session.forUpdate()),
                                  Params{Param::text(key.agentId)});
        if (!rows.has_value()) {
            return tl::unexpected(rows.error());
        }
        if (rows->empty()) {
            return false;
        }
        const auto step =
            totp::acceptedStep(*secret, request->code, currentStep, rows->front().integer(0));
        if (!step.has_value()) {
            return false;
        }
        auto spent = session.exec("UPDATE digital_keys SET last_step = ? WHERE agent_id = ?",
                                  Params{Param::of(*step), Param::text(key.agentId)});
        if (!spent.has_value()) {
            return tl::unexpected(spent.error());
        }
        return true;
    });
    sodium_memzero(secret->data(), secret->size());
    if (!accepted.has_value()) {
        return tl::unexpected(storageFailure(accepted.error()));
    }
    if (!*accepted) {
        throttle_.failed(throttleKey, now);
        return tl::unexpected(refused());
    }
    throttle_.succeeded(throttleKey);
    return protocol::AgentVerifyResponse{key.agentId, key.displayName, true};
}

}  // namespace balie::sync::central
