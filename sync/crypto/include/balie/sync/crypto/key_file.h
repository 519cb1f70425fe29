// SPDX-License-Identifier: GPL-3.0-or-later
// Encryption at rest with libsodium: the key file, sealing and opening blobs, random ids.
// Shared by the kiosk's request store and the central service.
#pragma once

#include <sodium.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"

namespace balie::sync {

/// \brief The store's key for XChaCha20-Poly1305, wiped from memory on destruction.
class SecretKey {
public:
    static constexpr std::size_t kSize = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;

    SecretKey() = default;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    ~SecretKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

    std::span<unsigned char, kSize> bytes() { return bytes_; }
    std::span<const unsigned char, kSize> bytes() const { return bytes_; }

private:
    std::array<unsigned char, kSize> bytes_{};
};

/// \brief Initialises libsodium once; Errc::Config when the library cannot start.
[[nodiscard]] core::Result<void> initSodium();

/// \brief Reads the key file. Errc::Config when it is missing, readable by anyone but its owner,
/// or not exactly SecretKey::kSize bytes.
[[nodiscard]] core::Result<std::unique_ptr<SecretKey>> readKeyFile(
    const std::filesystem::path& path);

/// \brief Creates a key file with fresh random bytes and mode 0600, durably (written to a
/// temporary file, synced, then linked into place so no half-written key is ever visible). When
/// another process created it first, that key is returned.
[[nodiscard]] core::Result<std::unique_ptr<SecretKey>> createKeyFile(
    const std::filesystem::path& path);

/// \brief Encrypts and authenticates `plain`, binding it to `context` (associated data): the
/// result is nonce followed by ciphertext and tag.
std::vector<std::uint8_t> seal(const SecretKey& key, std::span<const std::uint8_t> plain,
                               std::string_view context);

/// \brief Reverses seal(); nullopt when the key, the context or the bytes do not match.
std::optional<std::vector<std::uint8_t>> unseal(const SecretKey& key,
                                                std::span<const std::uint8_t> sealed,
                                                std::string_view context);

/// \brief A random (version 4) UUID in its usual lower-case text form.
std::string newUuid();

}  // namespace balie::sync
