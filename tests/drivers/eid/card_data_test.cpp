// SPDX-License-Identifier: GPL-3.0-or-later
// Recognising a Belgian eID: ATRs and GET CARD DATA; APDU encoding; the PIN block.
#include "balie/drivers/eid/card_data.h"

#include <gtest/gtest.h>

#include <array>

#include "balie/drivers/eid/apdu.h"
#include "balie/drivers/eid/pin.h"
#include "scripted_transport.h"

namespace balie::drivers::eid {
namespace {

using test::hex;

TEST(AtrTest, RecognisesTheBelgianEidAtrs) {
    EXPECT_EQ(recogniseAtr(hex("3B 98 13 40 0A A5 03 01 01 01 AD 13 11")), AtrMatch::Applet1x);
    EXPECT_EQ(recogniseAtr(hex("3B 98 94 40 0A A5 03 01 01 01 AD 13 10")), AtrMatch::Applet1x);
    EXPECT_EQ(recogniseAtr(hex("3B 98 94 40 FF A5 03 01 01 01 AD 13 10")), AtrMatch::Applet1x);
    EXPECT_EQ(recogniseAtr(hex("3B 7F 96 00 00 80 31 80 65 B0 85 04 01 20 12 0F FF 82 90 00")),
              AtrMatch::Applet18);
    EXPECT_EQ(recogniseAtr(hex("3B 98 95 40 FF D0 00 48 01 01 AD 13 21")), AtrMatch::TestCard);
}

TEST(AtrTest, RejectsOtherCards) {
    // Same first 14 bytes as the 1.8 ATR: a Slovenian health card must not pass.
    EXPECT_EQ(recogniseAtr(hex("3B 7F 96 00 00 80 31 80 65 B0 85 04 01 20 12 0F FF 82 90 01")),
              AtrMatch::NotBelgianEid);
    EXPECT_EQ(recogniseAtr(hex("3B 98 13 40 0A A5 03 01 01 01 AD 14 11")), AtrMatch::NotBelgianEid);
    EXPECT_EQ(recogniseAtr(hex("3B 8F 80 01 80 4F 0C A0 00 00 03 06")), AtrMatch::NotBelgianEid);
    EXPECT_EQ(recogniseAtr({}), AtrMatch::NotBelgianEid);
}

Bytes cardDataBytes(std::uint8_t appletVersion, std::size_t size) {
    Bytes data(size, 0);
    for (std::size_t i = 0; i < 16; ++i) {
        data[i] = static_cast<std::uint8_t>(0xA0 + i);
    }
    data[21] = appletVersion;
    data[22] = 0x01;
    data[23] = 0x02;
    if (size > 27) {
        data[27] = 0x0F;
    }
    return data;
}

TEST(CardDataTest, ReadsAppletVersionAndSerial) {
    auto data = parseCardData(cardDataBytes(0x17, 28));
    ASSERT_TRUE(data.has_value());
    EXPECT_EQ(data->appletVersion, 0x17);
    EXPECT_EQ(data->appletVersionText(), "1.7");
    EXPECT_FALSE(data->isEcc());
    EXPECT_EQ(data->serial.size(), 16u);
    EXPECT_EQ(data->serial[15], 0xAF);
    EXPECT_EQ(data->globalOsVersion, 0x0102);
    EXPECT_EQ(data->lifeCycle, 0x0F);
    EXPECT_FALSE(data->pinTriesLeft.has_value());
}

TEST(CardDataTest, ReadsPinTriesOfApplet18) {
    Bytes bytes = cardDataBytes(0x18, 31);
    bytes[28] = 2;
    auto data = parseCardData(bytes);
    ASSERT_TRUE(data.has_value());
    EXPECT_TRUE(data->isEcc());
    EXPECT_EQ(data->appletVersionText(), "1.8");
    EXPECT_EQ(data->pinTriesLeft, 2);
}

TEST(CardDataTest, RejectsShortOrForeignAnswers) {
    EXPECT_FALSE(parseCardData(cardDataBytes(0x17, 27)).has_value());
    auto other = parseCardData(cardDataBytes(0x25, 28));
    ASSERT_FALSE(other.has_value());
    EXPECT_EQ(other.error().code, core::Errc::Card);
}

TEST(ApduTest, SplitsDataAndStatusWord) {
    auto response = parseResponse(hex("01 02 90 00"));
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->data, hex("01 02"));
    EXPECT_TRUE(response->isOk());
    auto onlyStatus = parseResponse(hex("6C 10"));
    ASSERT_TRUE(onlyStatus.has_value());
    EXPECT_EQ(onlyStatus->sw1(), 0x6C);
    EXPECT_EQ(onlyStatus->sw2(), 0x10);
    EXPECT_FALSE(parseResponse(hex("90")).has_value());
}

TEST(ApduTest, DescribesStatusWords) {
    EXPECT_EQ(describeStatus(0x6A82), "6A82 file not found");
    EXPECT_EQ(describeStatus(0x63C2), "63C2 wrong PIN");
    EXPECT_EQ(describeStatus(0x1234), "1234");
}

TEST(ApduTest, EncodesTheAppletCommands) {
    const std::array<std::uint16_t, 2> path{0xDF01, 0x4031};
    EXPECT_EQ(command::selectPath(path), hex("00 A4 08 0C 04 DF 01 40 31"));
    EXPECT_EQ(command::selectApplet(),
              hex("00 A4 04 0C 0F A0 00 00 00 30 29 05 70 00 AD 13 10 01 01 FF"));
    EXPECT_EQ(command::readBinary(0x01F8, 252), hex("00 B0 01 F8 FC"));
    EXPECT_EQ(command::readBinary(0, 256), hex("00 B0 00 00 00"));
    EXPECT_EQ(command::getResponse(0x80), hex("00 C0 00 00 80"));
    EXPECT_EQ(command::getCardData(false), hex("80 E4 00 00 1C"));
    EXPECT_EQ(command::getCardData(true), hex("80 E4 00 01 1F"));
    EXPECT_EQ(command::pinState(), hex("00 20 00 01"));
    EXPECT_EQ(command::manageSecurityEnvironment(0x02, 0x82), hex("00 22 41 B6 05 04 80 02 84 82"));
    EXPECT_EQ(command::computeSignature(hex("01 02 03")), hex("00 2A 9E 9A 03 01 02 03"));
    EXPECT_EQ(command::logOff(), hex("80 E6 00 00"));
}

TEST(PinTest, WritesTheVerifyBlock) {
    std::array<std::uint8_t, 8> block{};
    auto pin = Pin::create("1234");
    ASSERT_TRUE(pin.has_value());
    pin->writeBlock(block);
    EXPECT_EQ(Bytes(block.begin(), block.end()), hex("24 12 34 FF FF FF FF FF"));
    auto odd = Pin::create("12345");
    ASSERT_TRUE(odd.has_value());
    odd->writeBlock(block);
    EXPECT_EQ(Bytes(block.begin(), block.end()), hex("25 12 34 5F FF FF FF FF"));
    auto longest = Pin::create("123456789012");
    ASSERT_TRUE(longest.has_value());
    longest->writeBlock(block);
    EXPECT_EQ(Bytes(block.begin(), block.end()), hex("2C 12 34 56 78 90 12 FF"));
}

TEST(PinTest, RejectsWhatIsNotAPin) {
    EXPECT_EQ(Pin::create("123").error().code, core::Errc::InvalidArgument);
    EXPECT_EQ(Pin::create("1234567890123").error().code, core::Errc::InvalidArgument);
    EXPECT_EQ(Pin::create("12a4").error().code, core::Errc::InvalidArgument);
    EXPECT_EQ(Pin::create("").error().code, core::Errc::InvalidArgument);
}

TEST(PinTest, LeavesNothingBehindWhenMoved) {
    auto pin = Pin::create("9876");
    ASSERT_TRUE(pin.has_value());
    Pin moved = std::move(*pin);
    EXPECT_EQ(moved.length(), 4u);
    EXPECT_EQ(pin->length(), 0u);  // NOLINT(bugprone-use-after-move): checking the wipe
}

TEST(PinTest, WipesMemory) {
    char secret[] = "2468";
    secureWipe(secret, sizeof secret);
    for (char c : secret) {
        EXPECT_EQ(c, '\0');
    }
}

}  // namespace
}  // namespace balie::drivers::eid
