// SPDX-License-Identifier: GPL-3.0-or-later
// Command APDUs as the card receives them (ISO 7816-4 short form) and response helpers.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace balie::cardsim {

using Bytes = std::vector<std::uint8_t>;

/// \brief ISO 7816-4 status words the simulated card answers.
namespace sw {
inline constexpr std::uint16_t kOk = 0x9000;
inline constexpr std::uint16_t kWrongLength = 0x6700;
inline constexpr std::uint16_t kLogicalChannelNotSupported = 0x6881;
inline constexpr std::uint16_t kSecurityStatusNotSatisfied = 0x6982;
inline constexpr std::uint16_t kPinBlocked = 0x6983;
inline constexpr std::uint16_t kConditionsNotSatisfied = 0x6985;
inline constexpr std::uint16_t kNoCurrentEf = 0x6986;
inline constexpr std::uint16_t kWrongData = 0x6A80;
inline constexpr std::uint16_t kFileNotFound = 0x6A82;
inline constexpr std::uint16_t kWrongP1P2 = 0x6A86;
inline constexpr std::uint16_t kLcInconsistent = 0x6A87;
inline constexpr std::uint16_t kReferenceNotFound = 0x6A88;
inline constexpr std::uint16_t kOffsetBeyondEnd = 0x6B00;
inline constexpr std::uint16_t kInsNotSupported = 0x6D00;
inline constexpr std::uint16_t kClaNotSupported = 0x6E00;
}  // namespace sw

/// \brief A parsed short command APDU: header, command data and expected length.
struct CommandApdu {
    std::uint8_t cla = 0;
    std::uint8_t ins = 0;
    std::uint8_t p1 = 0;
    std::uint8_t p2 = 0;
    Bytes data;
    /// Ne: absent for cases 1 and 3; Le byte 00 means 256.
    std::optional<std::size_t> le;

    /// \brief Splits \a raw into header, Lc/data and Le; nullopt when the lengths do not add up
    /// (the card answers 6700 then).
    static std::optional<CommandApdu> parse(const Bytes& raw);
};

/// \brief \a data followed by the two status bytes.
Bytes responseApdu(const Bytes& data, std::uint16_t statusWord);

/// \brief Just a status word.
Bytes statusOnly(std::uint16_t statusWord);

/// \brief Bytes of \a text as written on the card (UTF-8, no terminator).
Bytes toBytes(std::string_view text);

/// \brief Parses hexadecimal digits (either case, no separators); nullopt on anything else.
std::optional<Bytes> fromHex(std::string_view hex);

}  // namespace balie::cardsim
