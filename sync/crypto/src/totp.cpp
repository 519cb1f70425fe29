// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 6238 TOTP with OpenSSL's HMAC-SHA1, and the base32 and URI forms of a secret.
#include "balie/sync/crypto/totp.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cctype>

#include "balie/sync/protocol/endpoints.h"

namespace balie::sync::totp {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::uint32_t powerOfTen(int digits) {
    std::uint32_t value = 1;
    for (int i = 0; i < digits; ++i) {
        value *= 10;
    }
    return value;
}

}  // namespace

std::int64_t stepAt(std::chrono::system_clock::time_point time) {
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
    return seconds >= 0 ? seconds / kStep.count() : (seconds - kStep.count() + 1) / kStep.count();
}

std::string code(std::string_view secret, std::int64_t step, int digits) {
    // RFC 4226 5.3: HMAC over the 8-byte big-endian counter, dynamic truncation, modulo 10^digits.
    std::array<unsigned char, 8> counter{};
    auto value = static_cast<std::uint64_t>(step);
    for (int i = 7; i >= 0; --i) {
        counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(value & 0xff);
        value >>= 8;
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int macLength = 0;
    HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter.data(), counter.size(),
         mac.data(), &macLength);
    const unsigned offset = mac[macLength - 1] & 0x0f;
    const std::uint32_t truncated = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                                    (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                                    (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                                    static_cast<std::uint32_t>(mac[offset + 3]);
    std::string text = std::to_string(truncated % powerOfTen(digits));
    return std::string(static_cast<std::size_t>(digits) - text.size(), '0') + text;
}

std::optional<std::int64_t> acceptedStep(std::string_view secret, std::string_view typed,
                                         std::int64_t currentStep, std::int64_t lastAcceptedStep) {
    if (typed.size() != static_cast<std::size_t>(kDigits)) {
        return std::nullopt;
    }
    std::optional<std::int64_t> accepted;
    // Every candidate is computed and compared in constant time, so timing does not tell which
    // step matched.
    for (std::int64_t step = currentStep - 1; step <= currentStep + 1; ++step) {
        const std::string expected = code(secret, step);
        const bool same = CRYPTO_memcmp(expected.data(), typed.data(), expected.size()) == 0;
        if (same && step > lastAcceptedStep && !accepted.has_value()) {
            accepted = step;
        }
    }
    return accepted;
}

std::string toBase32(std::string_view bytes) {
    std::string text;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char character : bytes) {
        const auto byte = static_cast<unsigned char>(character);
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            text += kBase32Alphabet[(buffer >> (bits - 5)) & 0x1f];
            bits -= 5;
        }
    }
    if (bits > 0) {
        text += kBase32Alphabet[(buffer << (5 - bits)) & 0x1f];
    }
    return text;
}

std::optional<std::string> fromBase32(std::string_view text) {
    std::string bytes;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=' || c == ' ') {
            continue;
        }
        const auto at =
            kBase32Alphabet.find(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        if (at == std::string_view::npos) {
            return std::nullopt;
        }
        buffer = (buffer << 5) | static_cast<std::uint32_t>(at);
        bits += 5;
        if (bits >= 8) {
            bytes += static_cast<char>((buffer >> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return bytes;
}

std::string otpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view base32Secret) {
    const std::string encodedIssuer = protocol::percentEncode(issuer);
    return "otpauth://totp/" + encodedIssuer + ":" + protocol::percentEncode(account) +
           "?secret=" + std::string(base32Secret) + "&issuer=" + encodedIssuer +
           "&algorithm=SHA1&digits=" + std::to_string(kDigits) +
           "&period=" + std::to_string(kStep.count());
}

}  // namespace balie::sync::totp
