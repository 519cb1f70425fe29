// SPDX-License-Identifier: GPL-3.0-or-later
// ATR matching and GET CARD DATA parsing.
#include "balie/drivers/eid/card_data.h"

#include <algorithm>
#include <array>

namespace balie::drivers::eid {

namespace {

using Atr13 = std::array<std::uint8_t, 13>;

// eid.md §2: the 1.x ATR with the Windows minidriver's mask, and the full ATRs of 1.8 and of
// the test card.
constexpr Atr13 kApplet1xAtr = {0x3B, 0x98, 0x13, 0x40, 0x0A, 0xA5, 0x03,
                                0x01, 0x01, 0x01, 0xAD, 0x13, 0x11};
constexpr Atr13 kApplet1xMask = {0xFF, 0xFF, 0x00, 0xFF, 0x00, 0xFF, 0xFF,
                                 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
constexpr Atr13 kTestCardAtr = {0x3B, 0x98, 0x95, 0x40, 0xFF, 0xD0, 0x00,
                                0x48, 0x01, 0x01, 0xAD, 0x13, 0x21};
constexpr std::array<std::uint8_t, 20> kApplet18Atr = {0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31,
                                                       0x80, 0x65, 0xB0, 0x85, 0x04, 0x01, 0x20,
                                                       0x12, 0x0F, 0xFF, 0x82, 0x90, 0x00};

constexpr std::size_t kCardDataSize = 28;
constexpr std::size_t kPinTriesIndex = 28;

}  // namespace

AtrMatch recogniseAtr(ByteView atr) {
    if (std::ranges::equal(atr, kApplet18Atr)) {
        return AtrMatch::Applet18;
    }
    if (std::ranges::equal(atr, kTestCardAtr)) {
        return AtrMatch::TestCard;
    }
    if (atr.size() == kApplet1xAtr.size()) {
        bool matches = true;
        for (std::size_t i = 0; i < atr.size(); ++i) {
            matches =
                matches && (atr[i] & kApplet1xMask[i]) == (kApplet1xAtr[i] & kApplet1xMask[i]);
        }
        if (matches) {
            return AtrMatch::Applet1x;
        }
    }
    return AtrMatch::NotBelgianEid;
}

std::string CardData::appletVersionText() const {
    return std::to_string(appletVersion >> 4) + '.' + std::to_string(appletVersion & 0x0F);
}

core::Result<CardData> parseCardData(ByteView data) {
    if (data.size() < kCardDataSize) {
        return core::fail(core::Errc::Card, "GET CARD DATA answered " +
                                                std::to_string(data.size()) + " bytes, not 28");
    }
    CardData card;
    card.serial.assign(data.begin(), data.begin() + 16);
    card.componentCode = data[16];
    card.osNumber = data[17];
    card.osVersion = data[18];
    card.softmaskNumber = data[19];
    card.softmaskVersion = data[20];
    card.appletVersion = data[21];
    card.globalOsVersion = static_cast<std::uint16_t>((data[22] << 8) | data[23]);
    card.appletInterfaceVersion = data[24];
    card.pkcs1Support = data[25];
    card.keyExchangeVersion = data[26];
    card.lifeCycle = data[27];
    if (data.size() > kPinTriesIndex) {
        card.pinTriesLeft = data[kPinTriesIndex];
    }
    if ((card.appletVersion >> 4) != 1) {
        return core::fail(core::Errc::Card,
                          "not a Belgian eID card: applet version " + card.appletVersionText());
    }
    return card;
}

}  // namespace balie::drivers::eid
