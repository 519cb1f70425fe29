// SPDX-License-Identifier: GPL-3.0-or-later
// The BELPIC applet model, APDU in and APDU out.
#include "beid_applet.h"

#include <gtest/gtest.h>

#include "crypto.h"
#include "sim_test_support.h"

namespace balie::test {
namespace {

using cardsim::BeidApplet;
using cardsim::Glitch;
using cardsim::HashAlgorithm;

const Bytes kSelectIdentity = apdu({0x00, 0xA4, 0x08, 0x0C, 0x04, 0xDF, 0x01, 0x40, 0x31});
const Bytes kSelectAuthCertificate = apdu({0x00, 0xA4, 0x08, 0x0C, 0x04, 0xDF, 0x00, 0x50, 0x38});
// PIN blocks ([R18] 3.2): 1234 (demo and nl personas) and 5678 (fr persona).
const Bytes kVerify1234 =
    apdu({0x00, 0x20, 0x00, 0x01, 0x08, 0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF});
const Bytes kVerify9999 =
    apdu({0x00, 0x20, 0x00, 0x01, 0x08, 0x24, 0x99, 0x99, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF});
const Bytes kPinStatus = apdu({0x00, 0x20, 0x00, 0x01});

Bytes mseSet(int algorithm, int key) {
    return apdu({0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x80, algorithm, 0x84, key});
}

Bytes pso(const Bytes& input) {
    Bytes command = apdu({0x00, 0x2A, 0x9E, 0x9A, static_cast<int>(input.size())});
    command.insert(command.end(), input.begin(), input.end());
    return command;
}

// Fetches the response announced by 61xx.
Bytes fetch(BeidApplet& applet, const Bytes& announcement) {
    EXPECT_EQ(statusWord(announcement) & 0xFF00, 0x6100);
    Bytes response = applet.transmit(apdu({0x00, 0xC0, 0x00, 0x00, announcement.back()}));
    EXPECT_EQ(statusWord(response), 0x9000);
    return dataOf(response);
}

std::uint16_t sw(BeidApplet& applet, const Bytes& command) {
    return statusWord(applet.transmit(command));
}

TEST(BeidAppletTest, AnswersWithTheRealAtrOfEachAppletVersion) {
    BeidApplet v17(loadImage("nl-citizen-17"));
    BeidApplet v18(loadImage("demo-agent"));
    EXPECT_EQ(v17.atr(),
              apdu({0x3B, 0x98, 0x13, 0x40, 0x0A, 0xA5, 0x03, 0x01, 0x01, 0x01, 0xAD, 0x13, 0x11}));
    EXPECT_EQ(v18.atr(), apdu({0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0x80, 0x65, 0xB0,
                               0x85, 0x04, 0x01, 0x20, 0x12, 0x0F, 0xFF, 0x82, 0x90, 0x00}));
}

TEST(BeidAppletTest, SelectsByAidPathAndFileIdentifier) {
    BeidApplet applet(loadImage("demo-agent"));
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x04, 0x0C, 0x0F, 0xA0, 0x00, 0x00, 0x00, 0x30,
                               0x29, 0x05, 0x70, 0x00, 0xAD, 0x13, 0x10, 0x01, 0x01, 0xFF})),
              0x9000);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x04, 0x00, 0x03, 0xA0, 0x00, 0x01})), 0x6A82);
    EXPECT_EQ(sw(applet, kSelectIdentity), 0x9000);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x02, 0x0C, 0x02, 0x40, 0x35})), 0x9000)
        << "a sibling EF by FID";
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x02, 0x0C, 0x02, 0x50, 0x38})), 0x6A82)
        << "an EF of DF00 while DF01 is current";
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x02, 0x0C, 0x02, 0xDF, 0x00})), 0x9000);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x02, 0x0C, 0x02, 0x50, 0x38})), 0x9000);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x08, 0x0C, 0x06, 0x3F, 0x00, 0xDF, 0x01, 0x40, 0x33})),
              0x9000)
        << "a path that starts with 3F00";
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x08, 0x0C, 0x04, 0xDF, 0x01, 0x50, 0x38})), 0x6A82);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x08, 0x0C, 0x03, 0xDF, 0x01, 0x40})), 0x6A87);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x02, 0x0C, 0x01, 0x40})), 0x6A87);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x08, 0x04, 0x04, 0xDF, 0x01, 0x40, 0x31})), 0x6A86);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x03, 0x0C, 0x02, 0xDF, 0x01})), 0x6A86);
}

TEST(BeidAppletTest, ReadBinaryHonoursOffsetAndExpectedLength) {
    cardsim::CardImage image = loadImage("demo-agent");
    Bytes photo = image.files[0xDF01][0x4035];
    ASSERT_GT(photo.size(), 300u);
    BeidApplet applet(std::move(image));
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, 0x00, 0x00, 0x10})), 0x6986) << "no EF selected";
    ASSERT_EQ(sw(applet, apdu({0x00, 0xA4, 0x08, 0x0C, 0x04, 0xDF, 0x01, 0x40, 0x35})), 0x9000);

    Bytes first = applet.transmit(apdu({0x00, 0xB0, 0x00, 0x00, 0x00}));
    ASSERT_EQ(statusWord(first), 0x9000);
    EXPECT_EQ(dataOf(first), Bytes(photo.begin(), photo.begin() + 256)) << "Le 00 means 256";
    Bytes middle = applet.transmit(apdu({0x00, 0xB0, 0x01, 0x00, 0x10}));
    EXPECT_EQ(dataOf(middle), Bytes(photo.begin() + 256, photo.begin() + 272));

    std::size_t tailOffset = photo.size() - 5;
    int high = static_cast<int>(tailOffset >> 8);
    int low = static_cast<int>(tailOffset & 0xFF);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, high, low, 0xFC})), 0x6C05) << "exact length to ask";
    EXPECT_EQ(dataOf(applet.transmit(apdu({0x00, 0xB0, high, low, 0x05}))),
              Bytes(photo.end() - 5, photo.end()));
    int endHigh = static_cast<int>(photo.size() >> 8);
    int endLow = static_cast<int>(photo.size() & 0xFF);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, endHigh, endLow, 0x10})), 0x6B00) << "at the end";
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, 0x7F, 0x00, 0x10})), 0x6B00) << "past the end";
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, 0x00, 0x00})), 0x6700) << "no Le";
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, 0x85, 0x00, 0x10})), 0x6A86) << "short EF id";
    EXPECT_EQ(readWholeFile(applet, 0xDF01, 0x4035), photo);
}

TEST(BeidAppletTest, WrongLengthGlitchAppliesOnce) {
    BeidApplet applet(loadImage("demo-agent"));
    ASSERT_EQ(sw(applet, kSelectAuthCertificate), 0x9000);
    applet.armGlitch(Glitch::WrongLength);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, 0x00, 0x00, 0x04})), 0x6C04);
    Bytes again = applet.transmit(apdu({0x00, 0xB0, 0x00, 0x00, 0x04}));
    EXPECT_EQ(statusWord(again), 0x9000);
    EXPECT_EQ(again[0], 0x30) << "a DER certificate starts with SEQUENCE";
}

TEST(BeidAppletTest, GetResponseGlitchHandsOutDataInPieces) {
    cardsim::CardImage image = loadImage("demo-agent");
    Bytes certificate = image.files[0xDF00][0x5038];
    BeidApplet applet(std::move(image));
    ASSERT_EQ(sw(applet, kSelectAuthCertificate), 0x9000);
    applet.armGlitch(Glitch::GetResponse);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, 0x00, 0x00, 0xFC})), 0x6180);
    Bytes first = applet.transmit(apdu({0x00, 0xC0, 0x00, 0x00, 0x80}));
    EXPECT_EQ(statusWord(first), 0x617C) << "124 of the 252 bytes are left";
    EXPECT_EQ(sw(applet, apdu({0x00, 0xC0, 0x00, 0x00, 0xFF})), 0x6C7C) << "too long a Le";
    Bytes second = applet.transmit(apdu({0x00, 0xC0, 0x00, 0x00, 0x7C}));
    EXPECT_EQ(statusWord(second), 0x9000);
    Bytes joined = dataOf(first);
    Bytes tail = dataOf(second);
    joined.insert(joined.end(), tail.begin(), tail.end());
    EXPECT_EQ(joined, Bytes(certificate.begin(), certificate.begin() + 252));
    EXPECT_EQ(sw(applet, apdu({0x00, 0xC0, 0x00, 0x00, 0x10})), 0x6985) << "nothing pending";
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, 0x00, 0x00, 0x10})), 0x9000) << "only once";
}

TEST(BeidAppletTest, MidFileEndGlitchHitsTheFirstReadInsideTheFile) {
    BeidApplet applet(loadImage("demo-agent"));
    ASSERT_EQ(sw(applet, kSelectAuthCertificate), 0x9000);
    applet.armGlitch(Glitch::EndOfFileMidFile);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, 0x00, 0x00, 0xFC})), 0x9000) << "first chunk is fine";
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, 0x00, 0xFC, 0xFC})), 0x6B00);
    EXPECT_EQ(sw(applet, apdu({0x00, 0xB0, 0x00, 0xFC, 0xFC})), 0x9000) << "retry succeeds";
}

TEST(BeidAppletTest, GetCardDataReportsAppletVersionAndPinTries) {
    BeidApplet v17(loadImage("nl-citizen-17"));
    Bytes data17 = v17.transmit(apdu({0x80, 0xE4, 0x00, 0x00, 0x1C}));
    ASSERT_EQ(statusWord(data17), 0x9000);
    ASSERT_EQ(data17.size(), 30u);
    EXPECT_EQ(data17[21], 0x17);
    EXPECT_EQ(data17[27], 0x0F) << "personalised";
    EXPECT_EQ(Bytes(data17.begin(), data17.begin() + 16),
              *cardsim::fromHex("534C494E33660013930C0A1F2F0E1F0C"))
        << "serial = chip number";
    EXPECT_EQ(sw(v17, apdu({0x80, 0xE4, 0x00, 0x01, 0x1F})), 0x6A86) << "1.7 has no P2 01";
    EXPECT_EQ(sw(v17, apdu({0x80, 0xE4, 0x00, 0x00, 0x10})), 0x6C1C);

    BeidApplet v18(loadImage("demo-agent"));
    EXPECT_EQ(sw(v18, kVerify9999), 0x63C2);
    Bytes data18 = v18.transmit(apdu({0x80, 0xE4, 0x00, 0x01, 0x1F}));
    ASSERT_EQ(statusWord(data18), 0x9000);
    EXPECT_EQ(data18[21], 0x18);
    EXPECT_EQ(data18[28], 2) << "PIN tries left";
    EXPECT_EQ(sw(v18, apdu({0x00, 0xE4, 0x00, 0x00, 0x1C})), 0x6E00) << "wrong class";
}

TEST(BeidAppletTest, VerifyCountsTriesAndBlocks) {
    BeidApplet applet(loadImage("demo-agent"));
    EXPECT_EQ(sw(applet, kPinStatus), 0x63C3);
    EXPECT_EQ(sw(applet, kVerify9999), 0x63C2);
    EXPECT_EQ(sw(applet, kVerify9999), 0x63C1);
    EXPECT_EQ(sw(applet, kVerify1234), 0x9000);
    EXPECT_EQ(sw(applet, kPinStatus), 0x9000) << "verified";
    EXPECT_EQ(applet.pinTriesLeft(), 3) << "a good PIN resets the counter";
    EXPECT_EQ(sw(applet, apdu({0x00, 0x20, 0x00, 0x01, 0x08, 0x2A, 0x12, 0x34, 0xFF, 0xFF, 0xFF,
                               0xFF, 0xFF})),
              0x6A80)
        << "malformed block";
    EXPECT_EQ(sw(applet, apdu({0x00, 0x20, 0x00, 0x01, 0x04, 0x24, 0x12, 0x34, 0xFF})), 0x6700);
    EXPECT_EQ(sw(applet, apdu({0x00, 0x20, 0x00, 0x02, 0x08, 0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF,
                               0xFF, 0xFF})),
              0x6A88)
        << "unknown PIN reference";
    EXPECT_EQ(sw(applet, apdu({0x00, 0x20, 0x01, 0x01})), 0x6A86);
    EXPECT_EQ(applet.pinTriesLeft(), 3) << "errors of form spend no try";

    EXPECT_EQ(sw(applet, kVerify9999), 0x63C2);
    EXPECT_EQ(sw(applet, kPinStatus), 0x63C2) << "a wrong PIN drops the rights";
    EXPECT_EQ(sw(applet, kVerify9999), 0x63C1);
    EXPECT_EQ(sw(applet, kVerify9999), 0x63C0);
    EXPECT_EQ(sw(applet, kVerify1234), 0x6983) << "blocked, even with the right PIN";
    EXPECT_EQ(sw(applet, kPinStatus), 0x6983);
    applet.reset();
    EXPECT_EQ(sw(applet, kVerify1234), 0x6983) << "the counter survives a reset";
}

TEST(BeidAppletTest, RsaAuthenticationSignatureVerifiesWithTheCertificate) {
    cardsim::CardImage image = loadImage("nl-citizen-17");
    Bytes certificate = image.files[0xDF00][0x5038];
    BeidApplet applet(std::move(image));
    cardsim::EvpPkeyPtr key = certificateKey(certificate);
    ASSERT_TRUE(key);
    Bytes hash = cardsim::digest(HashAlgorithm::Sha256, text("server nonce"));

    EXPECT_EQ(sw(applet, mseSet(0x08, 0x82)), 0x9000);
    EXPECT_EQ(sw(applet, pso(hash)), 0x6982) << "no PIN yet";
    EXPECT_EQ(sw(applet, kVerify1234), 0x9000);
    Bytes signature = fetch(applet, applet.transmit(pso(hash)));
    EXPECT_EQ(signature.size(), 256u);
    EXPECT_TRUE(verifyPrehashed(key.get(), HashAlgorithm::Sha256, hash, signature));

    // Algorithm 01: the caller sends the DigestInfo itself.
    Bytes sha1 = cardsim::digest(HashAlgorithm::Sha1, text("nonce"));
    Bytes digestInfo = apdu(
        {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A, 0x05, 0x00, 0x04, 0x14});
    digestInfo.insert(digestInfo.end(), sha1.begin(), sha1.end());
    EXPECT_EQ(sw(applet, mseSet(0x01, 0x82)), 0x9000);
    signature = fetch(applet, applet.transmit(pso(digestInfo)));
    EXPECT_TRUE(verifyPrehashed(key.get(), HashAlgorithm::Sha1, sha1, signature));

    EXPECT_EQ(sw(applet, mseSet(0x20, 0x82)), 0x9000);
    signature = fetch(applet, applet.transmit(pso(hash)));
    EXPECT_TRUE(verifyPrehashed(key.get(), HashAlgorithm::Sha256, hash, signature, true))
        << "PSS with SHA-256";
    EXPECT_EQ(sw(applet, pso(sha1)), 0x6700) << "20 bytes for a SHA-256 algorithm";
}

TEST(BeidAppletTest, EcdsaAuthenticationSignatureIsRawAndVerifies) {
    cardsim::CardImage image = loadImage("fr-citizen-18");
    Bytes certificate = image.files[0xDF00][0x5038];
    BeidApplet applet(std::move(image));
    cardsim::EvpPkeyPtr key = certificateKey(certificate);
    ASSERT_TRUE(key);
    Bytes hash = cardsim::digest(HashAlgorithm::Sha384, text("server nonce"));
    const Bytes verify5678 =
        apdu({0x00, 0x20, 0x00, 0x01, 0x08, 0x24, 0x56, 0x78, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF});
    EXPECT_EQ(sw(applet, pso(hash)), 0x6985) << "no security environment";
    EXPECT_EQ(sw(applet, mseSet(0x02, 0x82)), 0x9000);
    EXPECT_EQ(sw(applet, verify5678), 0x9000);
    Bytes announcement = applet.transmit(pso(hash));
    EXPECT_EQ(statusWord(announcement), 0x6160) << "96 bytes r||s";
    Bytes signature = fetch(applet, announcement);
    EXPECT_TRUE(verifyPrehashed(key.get(), HashAlgorithm::Sha384, hash, signature));

    EXPECT_EQ(sw(applet, mseSet(0x40, 0x82)), 0x9000) << "hash not specified";
    Bytes sha256 = cardsim::digest(HashAlgorithm::Sha256, text("other"));
    signature = fetch(applet, applet.transmit(pso(sha256)));
    EXPECT_TRUE(verifyPrehashed(key.get(), HashAlgorithm::Sha256, sha256, signature));
    EXPECT_EQ(sw(applet, pso(apdu({1, 2, 3}))), 0x6700);

    EXPECT_EQ(sw(applet, mseSet(0x03, 0x82)), 0x6A80) << "unknown algorithm";
    EXPECT_EQ(sw(applet, mseSet(0x02, 0x85)), 0x6A88) << "unknown key";
    EXPECT_EQ(sw(applet, apdu({0x00, 0x22, 0x41, 0xB6, 0x03, 0x80, 0x02, 0x84})), 0x6A80);
    EXPECT_EQ(sw(applet, apdu({0x00, 0x22, 0x41, 0xA4, 0x05, 0x04, 0x80, 0x02, 0x84, 0x82})),
              0x6A86);
}

TEST(BeidAppletTest, NonRepudiationKeyNeedsAVerifyRightBefore) {
    cardsim::CardImage image = loadImage("demo-agent");
    Bytes certificate = image.files[0xDF00][0x5039];
    BeidApplet applet(std::move(image));
    Bytes hash = cardsim::digest(HashAlgorithm::Sha384, text("contract"));
    EXPECT_EQ(sw(applet, mseSet(0x02, 0x83)), 0x9000);
    EXPECT_EQ(sw(applet, kVerify1234), 0x9000);
    Bytes signature = fetch(applet, applet.transmit(pso(hash)));
    cardsim::EvpPkeyPtr key = certificateKey(certificate);
    EXPECT_TRUE(verifyPrehashed(key.get(), HashAlgorithm::Sha384, hash, signature));
    EXPECT_EQ(sw(applet, pso(hash)), 0x6982) << "one signature per VERIFY";

    EXPECT_EQ(sw(applet, mseSet(0x02, 0x82)), 0x9000);
    EXPECT_EQ(sw(applet, pso(hash)), 0x6982) << "authentication needs a fresh VERIFY too";
    EXPECT_EQ(sw(applet, kVerify1234), 0x9000);
    EXPECT_EQ(sw(applet, apdu({0x80, 0xE4, 0x00, 0x00, 0x1C})), 0x9000);
    EXPECT_EQ(sw(applet, mseSet(0x02, 0x83)), 0x9000);
    EXPECT_EQ(sw(applet, pso(hash)), 0x6982) << "another command came between VERIFY and PSO";
}

TEST(BeidAppletTest, LogOffAndResetDropThePinRights) {
    BeidApplet applet(loadImage("demo-agent"));
    Bytes hash = cardsim::digest(HashAlgorithm::Sha384, text("nonce"));
    EXPECT_EQ(sw(applet, kVerify1234), 0x9000);
    EXPECT_EQ(sw(applet, mseSet(0x02, 0x82)), 0x9000);
    EXPECT_EQ(sw(applet, apdu({0x80, 0xE6, 0x00, 0x00})), 0x9000);
    EXPECT_EQ(sw(applet, pso(hash)), 0x6982);
    EXPECT_EQ(sw(applet, kPinStatus), 0x63C3);
    EXPECT_EQ(sw(applet, apdu({0x80, 0xE6, 0x01, 0x00})), 0x6A86);

    EXPECT_EQ(sw(applet, kVerify1234), 0x9000);
    applet.reset();
    EXPECT_EQ(sw(applet, pso(hash)), 0x6985) << "the security environment is gone";
    EXPECT_EQ(sw(applet, mseSet(0x02, 0x82)), 0x9000);
    EXPECT_EQ(sw(applet, pso(hash)), 0x6982) << "and so is the PIN";
}

TEST(BeidAppletTest, InternalAuthenticateSignsWithTheBasicKey) {
    cardsim::CardImage image = loadImage("fr-citizen-18");
    Bytes basicKeyFile = image.files[0xDF01][0x4040];
    BeidApplet applet(std::move(image));
    Bytes challenge = cardsim::digest(HashAlgorithm::Sha384, text("challenge"));
    Bytes command = apdu({0x00, 0x88, 0x02, 0x81, 0x32, 0x94, 0x30});
    command.insert(command.end(), challenge.begin(), challenge.end());
    Bytes signature = fetch(applet, applet.transmit(command));
    ASSERT_EQ(signature.size(), 96u);
    const unsigned char* in = basicKeyFile.data();
    cardsim::EvpPkeyPtr key(d2i_PUBKEY(nullptr, &in, static_cast<long>(basicKeyFile.size())));
    ASSERT_TRUE(key);
    EXPECT_TRUE(verifyPrehashed(key.get(), HashAlgorithm::Sha384, challenge, signature));
    EXPECT_EQ(sw(applet, apdu({0x00, 0x88, 0x02, 0x82, 0x02, 0x94, 0x00})), 0x6A86);
    EXPECT_EQ(sw(applet, apdu({0x00, 0x88, 0x02, 0x81, 0x02, 0x94, 0x00})), 0x6A80);

    BeidApplet v17(loadImage("nl-citizen-17"));
    EXPECT_EQ(sw(v17, command), 0x6D00) << "1.7 has no basic key";
}

TEST(BeidAppletTest, TamperingBreaksTheIdentitySignature) {
    cardsim::CardImage image = loadImage("demo-agent");
    Bytes rrn = image.files[0xDF00][0x503C];
    BeidApplet applet(std::move(image));
    Bytes identity = readWholeFile(applet, 0xDF01, 0x4031);
    Bytes signature = readWholeFile(applet, 0xDF01, 0x4032);
    ASSERT_TRUE(verifyWithCertificate(rrn, HashAlgorithm::Sha384, identity, signature));
    applet.tamperIdentity();
    Bytes tampered = readWholeFile(applet, 0xDF01, 0x4031);
    EXPECT_EQ(tampered.size(), identity.size());
    EXPECT_EQ(parseTlv(tampered)[0x07], text("Specimeo")) << "one bit of the surname";
    EXPECT_FALSE(verifyWithCertificate(rrn, HashAlgorithm::Sha384, tampered, signature));
}

TEST(BeidAppletTest, RefusesMalformedAndUnknownCommands) {
    BeidApplet applet(loadImage("demo-agent"));
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4})), 0x6700) << "shorter than a header";
    EXPECT_EQ(sw(applet, apdu({0x00, 0xA4, 0x08, 0x0C, 0x04, 0xDF, 0x01})), 0x6700)
        << "Lc larger than the data";
    EXPECT_EQ(sw(applet, apdu({0x00, 0x84, 0x00, 0x00, 0x08})), 0x6D00) << "GET CHALLENGE";
    EXPECT_EQ(sw(applet, apdu({0x80, 0xB0, 0x00, 0x00, 0x08})), 0x6E00);
    EXPECT_EQ(sw(applet, apdu({0x01, 0xB0, 0x00, 0x00, 0x08})), 0x6881) << "logical channel 1";
}

}  // namespace
}  // namespace balie::test
