// SPDX-License-Identifier: GPL-3.0-or-later
// The applet protocol on recorded exchanges and on an in-memory card.
#include "balie/drivers/eid/eid_card.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "scripted_transport.h"

namespace balie::drivers::eid {
namespace {

using test::hex;
using test::MemoryCard;
using test::ScriptedTransport;

const Bytes kAtr17 = hex("3B 98 13 40 0A A5 03 01 01 01 AD 13 11");
const Bytes kAtr18 = hex("3B 7F 96 00 00 80 31 80 65 B0 85 04 01 20 12 0F FF 82 90 00");

std::string cardDataHex(std::uint8_t version, std::size_t size, int tries = 3) {
    Bytes data(size, 0);
    data[21] = version;
    data[27] = 0x0F;
    if (size > 28) {
        data[28] = static_cast<std::uint8_t>(tries);
    }
    return toHex(data) + "9000";
}

std::string filler(std::size_t size, char digit = 'A') {
    return std::string(size * 2, digit);
}

/// eid-mw's 252-byte chunks keep the recorded exchanges apart from the 256 of Le=00.
EidCard openCard(CardTransport& transport, std::uint8_t version = 0x17) {
    ReadOptions options;
    options.chunkSize = 252;
    options.glitchPause = std::chrono::milliseconds(0);
    auto card = EidCard::open(transport, version == 0x18 ? kAtr18 : kAtr17, options);
    EXPECT_TRUE(card.has_value()) << card.error().message;
    return std::move(*card);
}

TEST(EidCardTest, RecognisesTheCardWithGetCardData) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    auto card = EidCard::open(transport, kAtr17);
    ASSERT_TRUE(card.has_value());
    EXPECT_EQ(card->cardData().appletVersionText(), "1.7");
    EXPECT_EQ(card->stats().apdus, 1u);
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, ResendsGetCardDataWithTheExactLength) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", "6C 1F").expect("80 E4 00 00 1F", cardDataHex(0x18, 31));
    auto card = EidCard::open(transport, kAtr18);
    ASSERT_TRUE(card.has_value());
    EXPECT_TRUE(card->cardData().isEcc());
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, SelectsTheAppletWhenTheDefaultOneDoesNotAnswer) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", "6D 00")
        .expect("00 A4 04 0C 0F A0 00 00 00 30 29 05 70 00 AD 13 10 01 01 FF", "90 00")
        .expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EXPECT_TRUE(EidCard::open(transport, kAtr17).has_value());
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, ReportsACardThatWasNeverActivated) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", "6D 00")
        .expect("00 A4 04 0C 0F A0 00 00 00 30 29 05 70 00 AD 13 10 01 01 FF", "90 00")
        .expect("80 E4 00 00 1C", "6D 00");
    auto card = EidCard::open(transport, kAtr17);
    ASSERT_FALSE(card.has_value());
    EXPECT_EQ(card.error().code, core::Errc::Card);
    EXPECT_NE(card.error().message.find("not activated"), std::string::npos);
}

TEST(EidCardTest, RejectsACardWithoutTheApplet) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", "6E 00")
        .expect("00 A4 04 0C 0F A0 00 00 00 30 29 05 70 00 AD 13 10 01 01 FF", "6A 82");
    auto card = EidCard::open(transport, kAtr17);
    ASSERT_FALSE(card.has_value());
    EXPECT_NE(card.error().message.find("not a Belgian eID"), std::string::npos);
}

TEST(EidCardTest, RejectsAnUnknownAtrWithoutTalkingToTheCard) {
    ScriptedTransport transport;
    auto card = EidCard::open(transport, hex("3B 8F 80 01 80 4F 0C A0 00 00 03 06"));
    ASSERT_FALSE(card.has_value());
    EXPECT_NE(card.error().message.find("not a Belgian eID"), std::string::npos);
    EXPECT_TRUE(transport.sent().empty());
}

TEST(EidCardTest, ReadsAFileInChunksAndStopsAfterTheExactLength) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("00 A4 08 0C 04 DF 01 40 31", "90 00")
        .expect("00 B0 00 00 FC", filler(252) + "9000")
        .expect("00 B0 00 FC FC", "6C 30")
        .expect("00 B0 00 FC 30", filler(48, 'B') + "9000");
    auto file = card.readFile(EidFile::Identity);
    ASSERT_TRUE(file.has_value()) << file.error().message;
    EXPECT_EQ(file->size(), 300u);
    EXPECT_EQ((*file)[299], 0xBB);
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, ReadsWholeChunksOf256ByDefault) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    auto card = EidCard::open(transport, kAtr17);
    ASSERT_TRUE(card.has_value());
    transport.expect("00 A4 08 0C 04 DF 01 40 35", "90 00")
        .expect("00 B0 00 00 00", filler(256) + "9000")
        .expect("00 B0 01 00 00", "6C FB")
        .expect("00 B0 01 00 FB", filler(251) + "9000");
    auto file = card->readFile(EidFile::Photo);
    ASSERT_TRUE(file.has_value()) << file.error().message;
    EXPECT_EQ(file->size(), 507u);
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, StopsOnAShortChunk) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("00 A4 08 0C 04 DF 01 40 33", "90 00")
        .expect("00 B0 00 00 FC", filler(117) + "9000");
    auto file = card.readFile(EidFile::Address);
    ASSERT_TRUE(file.has_value());
    EXPECT_EQ(file->size(), 117u);
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, CollectsDataAnnouncedWith61xx) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("00 A4 08 0C 04 DF 01 40 33", "90 00")
        .expect("00 B0 00 00 FC", "61 40")
        .expect("00 C0 00 00 40", filler(64) + "61 10")
        .expect("00 C0 00 00 10", filler(16) + "90 00");
    auto file = card.readFile(EidFile::Address);
    ASSERT_TRUE(file.has_value());
    EXPECT_EQ(file->size(), 80u);
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, TakesA6B00AfterAFullChunkAsTheEndOnceConfirmed) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("00 A4 08 0C 04 DF 01 40 32", "90 00")
        .expect("00 B0 00 00 FC", filler(252) + "9000")
        .expect("00 B0 00 FC FC", "6B 00")
        .expect("00 A4 08 0C 04 DF 01 40 32", "90 00")
        .expect("00 B0 00 FC FC", "6B 00");
    auto file = card.readFile(EidFile::IdentitySignature);
    ASSERT_TRUE(file.has_value());
    EXPECT_EQ(file->size(), 252u);
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, RetriesTheOffsetAfterASpurious6B00) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("00 A4 08 0C 04 DF 01 40 35", "90 00")
        .expect("00 B0 00 00 FC", filler(252) + "9000")
        .expect("00 B0 00 FC FC", "6B 00")
        .expect("00 A4 08 0C 04 DF 01 40 35", "90 00")
        .expect("00 B0 00 FC FC", filler(252, 'C') + "9000")
        .expect("00 B0 01 F8 FC", filler(10, 'D') + "9000");
    auto file = card.readFile(EidFile::Photo);
    ASSERT_TRUE(file.has_value());
    EXPECT_EQ(file->size(), 514u);
    EXPECT_EQ((*file)[300], 0xCC);
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, RecoversFromTheMidFileErrorsOfCheapReaders) {
    Bytes photo(3000);
    for (std::size_t i = 0; i < photo.size(); ++i) {
        photo[i] = static_cast<std::uint8_t>(i * 7);
    }
    MemoryCard memory(0x18);
    memory.setFile(0x4035, photo);
    EidCard card = openCard(memory, 0x18);
    memory.injectMidFile("69 86");
    memory.injectMidFile("90 00");
    memory.injectMidFile("6B 00");
    auto file = card.readFile(EidFile::Photo);
    ASSERT_TRUE(file.has_value()) << file.error().message;
    EXPECT_EQ(*file, photo);
}

TEST(EidCardTest, GivesUpWhenTheReaderKeepsFailing) {
    MemoryCard memory(0x18);
    memory.setFile(0x4035, Bytes(3000, 0x55));
    EidCard card = openCard(memory, 0x18);
    for (int i = 0; i < 6; ++i) {
        memory.injectMidFile("69 86");
    }
    auto file = card.readFile(EidFile::Photo);
    ASSERT_FALSE(file.has_value());
    EXPECT_EQ(file.error().code, core::Errc::Card);
    EXPECT_NE(file.error().message.find("offset 252"), std::string::npos);
}

TEST(EidCardTest, ReportsAnEmptyFile) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("00 A4 08 0C 04 DF 01 40 33", "90 00").expect("00 B0 00 00 FC", "6B 00");
    auto file = card.readFile(EidFile::Address);
    ASSERT_FALSE(file.has_value());
    EXPECT_EQ(file.error().code, core::Errc::Card);
}

TEST(EidCardTest, ReportsAMissingFile) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("00 A4 08 0C 04 DF 01 40 40", "6A 82");
    auto file = card.readFile(EidFile::BasicPublicKey);
    ASSERT_FALSE(file.has_value());
    EXPECT_EQ(file.error().code, core::Errc::NotFound);
}

TEST(EidCardTest, ReadsOnlyTheDerPartOfACertificateFile) {
    Bytes certificate = hex("30 82 04 AC");
    certificate.resize(4 + 0x4AC, 0x42);
    Bytes file = certificate;
    file.resize(2048, 0);
    MemoryCard memory(0x17);
    memory.setFile(0x503C, file);
    EidCard card = openCard(memory);
    const std::size_t before = memory.transmissions();
    auto read = card.readFile(EidFile::RrnCertificate);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(*read, certificate);
    EXPECT_EQ(memory.transmissions() - before, minimumApdusForFile(certificate.size(), 252, true));
}

TEST(EidCardTest, ReportsACertificateFileWithoutCertificate) {
    MemoryCard memory(0x18);
    memory.setFile(0x5038, Bytes(1024, 0));
    EidCard card = openCard(memory, 0x18);
    auto read = card.readFile(EidFile::AuthenticationCertificate);
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error().code, core::Errc::NotFound);
}

TEST(EidCardTest, PassesOnTheTransportErrorOfARemovedCard) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("00 A4 08 0C 04 DF 01 40 35", "90 00")
        .expect("00 B0 00 00 FC", filler(252) + "9000")
        .expectFailure("00 B0 00 FC FC", core::Error{core::Errc::Card, "card removed", 0x80100069});
    auto file = card.readFile(EidFile::Photo);
    ASSERT_FALSE(file.has_value());
    EXPECT_EQ(file.error().message, "card removed");
    EXPECT_EQ(file.error().native, 0x80100069);
}

TEST(EidCardTest, ReadsThePinStateWithoutSpendingATry) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("00 20 00 01", "63 C2")
        .expect("00 20 00 01", "69 83")
        .expect("00 20 00 01", "90 00");
    auto two = card.pinStatus();
    ASSERT_TRUE(two.has_value());
    EXPECT_EQ(two->triesLeft, 2);
    EXPECT_FALSE(two->blocked);
    auto blocked = card.pinStatus();
    ASSERT_TRUE(blocked.has_value());
    EXPECT_TRUE(blocked->blocked);
    auto verified = card.pinStatus();
    ASSERT_TRUE(verified.has_value());
    EXPECT_TRUE(verified->verified);
}

TEST(EidCardTest, ReadsThePinTriesOfApplet18FromGetCardData) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x18, 28));
    EidCard card = openCard(transport, 0x18);
    transport.expect("80 E4 00 01 1F", cardDataHex(0x18, 31, 1));
    auto status = card.pinStatus();
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(status->triesLeft, 1);
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, VerifiesThePin) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    auto pin = Pin::create("1234");
    ASSERT_TRUE(pin.has_value());
    transport.expect("00 20 00 01 08 24 12 34 FF FF FF FF FF", "63 C1")
        .expect("00 20 00 01 08 24 12 34 FF FF FF FF FF", "90 00")
        .expect("00 20 00 01 08 24 12 34 FF FF FF FF FF", "69 83")
        .expect("00 20 00 01 08 24 12 34 FF FF FF FF FF", "6A 88");
    auto wrong = card.verifyPin(*pin);
    ASSERT_TRUE(wrong.has_value());
    EXPECT_FALSE(wrong->verified);
    EXPECT_EQ(wrong->triesLeft, 1);
    auto right = card.verifyPin(*pin);
    ASSERT_TRUE(right.has_value());
    EXPECT_TRUE(right->verified);
    auto blocked = card.verifyPin(*pin);
    ASSERT_TRUE(blocked.has_value());
    EXPECT_TRUE(blocked->blocked);
    EXPECT_FALSE(card.verifyPin(*pin).has_value());
}

TEST(EidCardTest, SignsWithTheAuthenticationKey) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x18, 28));
    EidCard card = openCard(transport, 0x18);
    const std::string hash = filler(48, '1');
    transport.expect("00 A4 08 0C 02 DF 00", "90 00")
        .expect("00 22 41 B6 05 04 80 02 84 82", "90 00")
        .expect("00 2A 9E 9A 30" + hash, "61 60")
        .expect("00 C0 00 00 60", filler(96, '7') + "90 00");
    auto signature = card.signWithAuthenticationKey(hex(hash));
    ASSERT_TRUE(signature.has_value()) << signature.error().message;
    EXPECT_EQ(signature->size(), 96u);
    EXPECT_TRUE(transport.finished());
}

TEST(EidCardTest, SignsDigestInfoWithPkcs1OnApplet17) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    const std::string input = filler(51, '3');
    transport.expect("00 A4 08 0C 02 DF 00", "90 00")
        .expect("00 22 41 B6 05 04 80 01 84 82", "90 00")
        .expect("00 2A 9E 9A 33" + input, filler(256, '9') + "90 00");
    auto signature = card.signWithAuthenticationKey(hex(input));
    ASSERT_TRUE(signature.has_value());
    EXPECT_EQ(signature->size(), 256u);
}

TEST(EidCardTest, RefusesToSignWithoutPin) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("00 A4 08 0C 02 DF 00", "90 00")
        .expect("00 22 41 B6 05 04 80 01 84 82", "90 00")
        .expect("00 2A 9E 9A 02 01 02", "69 82");
    auto signature = card.signWithAuthenticationKey(hex("01 02"));
    ASSERT_FALSE(signature.has_value());
    EXPECT_EQ(signature.error().code, core::Errc::InvalidState);
}

TEST(EidCardTest, LogsOff) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    transport.expect("80 E6 00 00", "90 00").expect("80 E6 00 00", "6D 00");
    EXPECT_TRUE(card.logOff().has_value());
    EXPECT_FALSE(card.logOff().has_value());
}

TEST(EidCardTest, CountsApdusAndBytes) {
    ScriptedTransport transport;
    transport.expect("80 E4 00 00 1C", cardDataHex(0x17, 28));
    EidCard card = openCard(transport);
    EXPECT_EQ(card.stats().apdus, 1u);
    EXPECT_EQ(card.stats().bytesSent, 5u);
    EXPECT_EQ(card.stats().bytesReceived, 30u);
}

TEST(EidCardTest, KnowsTheMinimumApduCountOfAFile) {
    EXPECT_EQ(minimumApdusForFile(300, 252, false), 3u);
    EXPECT_EQ(minimumApdusForFile(504, 252, false), 4u);
    EXPECT_EQ(minimumApdusForFile(504, 252, true), 3u);
    EXPECT_EQ(minimumApdusForFile(100, 252, true), 2u);
}

}  // namespace
}  // namespace balie::drivers::eid
