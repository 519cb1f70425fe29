// SPDX-License-Identifier: GPL-3.0-or-later
// APDU bytes, status words and the abstract card transport the eID protocol runs on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "balie/core/error.h"

namespace balie::drivers::eid {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

/// \brief Status words the Belgian eID applet answers ([R18] §6, ISO 7816-4).
namespace sw {
inline constexpr std::uint16_t kOk = 0x9000;
inline constexpr std::uint16_t kWrongLength = 0x6700;
inline constexpr std::uint16_t kSecurityStatus = 0x6982;
inline constexpr std::uint16_t kPinBlocked = 0x6983;
inline constexpr std::uint16_t kFileNotActivated = 0x6985;
inline constexpr std::uint16_t kNoCurrentEf = 0x6986;
inline constexpr std::uint16_t kFileNotFound = 0x6A82;
inline constexpr std::uint16_t kWrongP1P2 = 0x6A86;
inline constexpr std::uint16_t kOffsetBeyondEnd = 0x6B00;
inline constexpr std::uint16_t kWrongLifeCycle = 0x6D00;
inline constexpr std::uint8_t kMoreDataSw1 = 0x61;
inline constexpr std::uint8_t kExactLengthSw1 = 0x6C;
inline constexpr std::uint8_t kWrongPinSw1 = 0x63;
}  // namespace sw

/// \brief A response APDU split into its data and its status word.
struct ApduResponse {
    Bytes data;
    std::uint16_t sw = 0;

    std::uint8_t sw1() const { return static_cast<std::uint8_t>(sw >> 8); }
    std::uint8_t sw2() const { return static_cast<std::uint8_t>(sw & 0xFF); }
    bool isOk() const { return sw == sw::kOk; }
};

/// \brief Splits a raw R-APDU (data followed by SW1 SW2).
/// \return Errc::Card when fewer than two bytes arrived.
core::Result<ApduResponse> parseResponse(ByteView raw);

/// \brief A short text for a status word, for error messages ("6A82 file not found").
std::string describeStatus(std::uint16_t statusWord);

/// \brief Hex text of bytes, upper case, no separators ("3B98").
std::string toHex(ByteView bytes);

/// \brief Sends command APDUs to a card and returns its answers.
///
/// The PC/SC reader implements it for real cards; tests implement it with recorded exchanges.
/// A transport reports a card that is gone, a reader that is gone or a dead service as an error;
/// status words, whatever they are, are a successful transmission.
class CardTransport {
public:
    virtual ~CardTransport() = default;

    /// \brief Sends one command APDU and waits for its response APDU.
    virtual core::Result<ApduResponse> transmit(ByteView command) = 0;
};

/// \brief Command APDUs of the Belgian eID applet ([R18] §6, eid.md §2, §4, §7, §8).
namespace command {

/// \brief SELECT the BELPIC applet by its AID.
Bytes selectApplet();
/// \brief SELECT a file by its path from the MF, which the applet wants without 3F00.
Bytes selectPath(std::span<const std::uint16_t> path);
/// \brief READ BINARY at \a offset; \a length 256 is sent as Le=00.
Bytes readBinary(std::size_t offset, std::size_t length);
/// \brief GET RESPONSE for the \a length bytes a 61xx announced (0 means 256).
Bytes getResponse(std::uint8_t length);
/// \brief GET CARD DATA: 28 bytes, or 31 bytes with the PIN tries left on applet 1.8.
Bytes getCardData(bool withPinTries);
/// \brief VERIFY without data: asks the PIN state without spending a try (applet 1.7).
Bytes pinState();
/// \brief MSE SET for a signature with \a algorithm and \a keyReference (0x82 authentication).
Bytes manageSecurityEnvironment(std::uint8_t algorithm, std::uint8_t keyReference);
/// \brief PSO COMPUTE DIGITAL SIGNATURE over a hash or DigestInfo.
Bytes computeSignature(ByteView input);
/// \brief LOG OFF: drops the PIN rights of the card session.
Bytes logOff();

}  // namespace command

}  // namespace balie::drivers::eid
