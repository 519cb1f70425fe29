// SPDX-License-Identifier: GPL-3.0-or-later
// Recognising a Belgian eID card: its ATR and the answer to GET CARD DATA.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "balie/core/error.h"
#include "balie/drivers/eid/apdu.h"

namespace balie::drivers::eid {

/// \brief Whether an ATR is one of the Belgian eID ATRs of eid.md §2.
enum class AtrMatch {
    NotBelgianEid,
    Applet1x,  ///< 3B 98 .. 40 .. A5 03 01 01 01 AD 13 .., matched with the minidriver's mask
    Applet18,  ///< the full 1.8 ATR (its first 14 bytes alone also fit Slovenian health cards)
    TestCard,  ///< the virtual/test card ATR of pcsc-tools' list
};

/// \brief Matches an ATR against the known Belgian eID ATRs.
AtrMatch recogniseAtr(ByteView atr);

/// \brief The answer to GET CARD DATA ([R18] §6.14).
struct CardData {
    Bytes serial;  ///< bytes 0-15, the chip number
    std::uint8_t componentCode = 0;
    std::uint8_t osNumber = 0;
    std::uint8_t osVersion = 0;
    std::uint8_t softmaskNumber = 0;
    std::uint8_t softmaskVersion = 0;
    std::uint8_t appletVersion = 0;  ///< byte 21: 0x11, 0x17 or 0x18
    std::uint16_t globalOsVersion = 0;
    std::uint8_t appletInterfaceVersion = 0;
    std::uint8_t pkcs1Support = 0;
    std::uint8_t keyExchangeVersion = 0;
    std::uint8_t lifeCycle = 0;       ///< 0x07 selectable, 0x0F personalised
    std::optional<int> pinTriesLeft;  ///< byte 28 of the 31-byte answer (applet 1.8)

    /// \brief Applet 1.8 and later sign with ECDSA P-384; earlier ones with RSA.
    bool isEcc() const { return appletVersion >= 0x18; }

    /// \brief "1.7", "1.8": the two nibbles of the applet version byte.
    std::string appletVersionText() const;
};

/// \brief Parses a GET CARD DATA answer of 28 or more bytes.
/// \return Errc::Card when it is too short or names no 1.x applet.
core::Result<CardData> parseCardData(ByteView data);

}  // namespace balie::drivers::eid
