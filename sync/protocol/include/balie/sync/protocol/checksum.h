// SPDX-License-Identifier: GPL-3.0-or-later
// SHA-256 as the sync protocol uses it: page checksums and the fingerprints of request bodies.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace balie::sync::protocol {

/// \brief SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256Hex(std::span<const std::uint8_t> bytes);
std::string sha256Hex(std::string_view bytes);

/// \brief True for 64 hex digits (either case).
bool isSha256Hex(std::string_view text);

/// \brief SHA-256 over data that arrives in pieces (a page received chunk by chunk).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::span<const std::uint8_t> bytes);
    /// \brief The digest as 64 lower-case hex digits; the hasher then starts again empty.
    std::string finishHex();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace balie::sync::protocol
