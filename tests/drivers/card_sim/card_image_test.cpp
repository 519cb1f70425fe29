// SPDX-License-Identifier: GPL-3.0-or-later
// The files of a virtual card: TLV contents, hashes, RRN signatures and certificates.
#include "card_image.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "crypto.h"
#include "persona.h"
#include "sim_test_support.h"
#include "virtual_card_rig.h"

namespace balie::test {
namespace {

using cardsim::CardImage;
using cardsim::HashAlgorithm;

Bytes readPhoto() {
    std::ifstream file(std::string(BALIE_TEST_DATA_DIR) + "/eid/photos/specimen.jpg",
                       std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// Data signatures as eid-viewer checks them: identity, then address without its zero padding
// followed by the identity signature file.
void expectValidDataSignatures(CardImage& image, HashAlgorithm hash) {
    const Bytes& rrn = image.files[0xDF00][0x503C];
    const Bytes& identity = image.files[0xDF01][0x4031];
    const Bytes& identitySignature = image.files[0xDF01][0x4032];
    EXPECT_TRUE(verifyWithCertificate(rrn, hash, identity, identitySignature));
    Bytes address = image.files[0xDF01][0x4033];
    while (!address.empty() && address.back() == 0x00) {
        address.pop_back();
    }
    Bytes signedAddress = address;
    signedAddress.insert(signedAddress.end(), identitySignature.begin(), identitySignature.end());
    EXPECT_TRUE(verifyWithCertificate(rrn, hash, signedAddress, image.files[0xDF01][0x4034]));
    EXPECT_FALSE(verifyWithCertificate(rrn, hash, address, image.files[0xDF01][0x4034]))
        << "the identity signature is part of what the address signature covers";
}

TEST(CardImageTest, IdentityFileCarriesThePersonaFieldsInTagOrder) {
    CardImage image = loadImage("nl-citizen-17");
    const Bytes& identity = image.files[0xDF01][0x4031];
    auto fields = parseTlv(identity);
    EXPECT_EQ(fields[0x01], text("591123456753"));
    EXPECT_EQ(fields[0x02], *cardsim::fromHex("534C494E33660013930C0A1F2F0E1F0C"));
    EXPECT_EQ(fields[0x03], text("15.03.2019"));
    EXPECT_EQ(fields[0x04], text("15.03.2029"));
    EXPECT_EQ(fields[0x05], text("Gent"));
    EXPECT_EQ(fields[0x06], text("93051822460"));
    EXPECT_EQ(fields[0x07], text("Specimen"));
    EXPECT_EQ(fields[0x08], text("Anna Geldigekaart"));
    EXPECT_EQ(fields[0x09], text("J"));
    EXPECT_EQ(fields[0x0A], text("Belg"));
    EXPECT_EQ(fields[0x0B], text("Gent"));
    EXPECT_EQ(fields[0x0C], text("18 MEI 1993"));
    EXPECT_EQ(fields[0x0D], text("V"));
    EXPECT_TRUE(fields.count(0x0E) == 1 && fields[0x0E].empty()) << "empty noble condition";
    EXPECT_EQ(fields[0x0F], text("1"));
    EXPECT_EQ(fields[0x10], text("0"));
    EXPECT_EQ(fields.count(0x1A), 0u) << "no basic key on 1.7";
    // Tags ascend from 00, each record right after the previous one.
    std::size_t i = 0;
    int previous = -1;
    while (i < identity.size()) {
        int tag = identity[i];
        EXPECT_GT(tag, previous);
        previous = tag;
        i += 2 + std::size_t{identity[i + 1]};
    }
    EXPECT_EQ(i, identity.size()) << "no padding after the last record";
}

TEST(CardImageTest, BirthDatesAreWrittenAsPrintedInEachLanguage) {
    EXPECT_EQ(parseTlv(loadImage("fr-citizen-18").files[0xDF01][0x4031])[0x0C],
              text("03 AOUT 1985"));
    CardImage german = loadImage("de-citizen-17");
    Bytes birthDate = parseTlv(german.files[0xDF01][0x4031])[0x0C];
    EXPECT_EQ(birthDate, text("12.M\xC3\x84R.1979"));
    EXPECT_EQ(birthDate.size(), 12u) << "MÄR takes two bytes for Ä; 12 is the maximum";
    EXPECT_EQ(parseTlv(german.files[0xDF01][0x4031])[0x0D], text("W"));
}

TEST(CardImageTest, PhotoHashFollowsTheCardGeneration) {
    Bytes photo = readPhoto();
    ASSERT_GT(photo.size(), 0u);
    CardImage sha1 = loadImage("nl-citizen-17");
    CardImage sha256 = loadImage("de-citizen-17");
    CardImage sha384 = loadImage("fr-citizen-18");
    EXPECT_EQ(sha1.files[0xDF01][0x4035], photo);
    EXPECT_EQ(parseTlv(sha1.files[0xDF01][0x4031])[0x11],
              cardsim::digest(HashAlgorithm::Sha1, photo));
    EXPECT_EQ(parseTlv(sha256.files[0xDF01][0x4031])[0x11],
              cardsim::digest(HashAlgorithm::Sha256, photo));
    EXPECT_EQ(parseTlv(sha384.files[0xDF01][0x4031])[0x11],
              cardsim::digest(HashAlgorithm::Sha384, photo));
}

TEST(CardImageTest, RrnSignaturesVerifyOnBothGenerations) {
    CardImage v17 = loadImage("nl-citizen-17");
    EXPECT_EQ(v17.files[0xDF01][0x4032].size(), 256u) << "RSA-2048, no padding";
    expectValidDataSignatures(v17, HashAlgorithm::Sha1);
    CardImage v17Sha256 = loadImage("de-citizen-17");
    expectValidDataSignatures(v17Sha256, HashAlgorithm::Sha256);

    CardImage v18 = loadImage("fr-citizen-18");
    const Bytes& signature = v18.files[0xDF01][0x4032];
    EXPECT_EQ(signature.size(), cardsim::kEcSignatureFileSize) << "DER, zero-padded";
    EXPECT_EQ(signature[0], 0x30);
    expectValidDataSignatures(v18, HashAlgorithm::Sha384);
}

TEST(CardImageTest, AddressFileIsZeroPaddedTlv) {
    CardImage image = loadImage("fr-citizen-18");
    const Bytes& address = image.files[0xDF01][0x4033];
    EXPECT_EQ(address.size(), cardsim::kAddressFileSize);
    EXPECT_EQ(address.back(), 0x00);
    auto fields = parseTlv(address);
    EXPECT_EQ(fields[0x01], text("Rue de l'Exemple 7 bte 2"));
    EXPECT_EQ(fields[0x02], text("4000"));
    EXPECT_EQ(fields[0x03], text("Liège"));
}

TEST(CardImageTest, BasicPublicKeyHashIsInTheIdentityFile) {
    CardImage image = loadImage("demo-agent");
    const Bytes& basicKey = image.files[0xDF01][0x4040];
    const unsigned char* in = basicKey.data();
    cardsim::EvpPkeyPtr key(d2i_PUBKEY(nullptr, &in, static_cast<long>(basicKey.size())));
    ASSERT_TRUE(key) << "4040 is a SubjectPublicKeyInfo";
    EXPECT_EQ(cardsim::keyBits(key.get()), 384);
    EXPECT_EQ(parseTlv(image.files[0xDF01][0x4031])[0x1A],
              cardsim::digest(HashAlgorithm::Sha384, basicKey));
}

TEST(CardImageTest, ForeignerCardHasBlankBirthDayAndResidenceFields) {
    CardImage image = loadImage("foreigner-18");
    auto fields = parseTlv(image.files[0xDF01][0x4031]);
    EXPECT_EQ(fields[0x0C], text("   OKT 1980"));
    EXPECT_EQ(fields[0x06], text("80100016236"));
    EXPECT_EQ(fields[0x0F], text("11")) << "card A";
    EXPECT_EQ(fields[0x12], text("01"));
    EXPECT_EQ(fields[0x16], text("8"));
    EXPECT_EQ(fields[0x17], text("0403.170.701"));
    EXPECT_EQ(fields.count(0x14), 0u) << "not a member of family";
    EXPECT_EQ(fields[0x0B], text("S\xC3\xA3o Paulo"));
    const unsigned char* in = image.files[0xDF00][0x503A].data();
    cardsim::X509Ptr certificate(
        d2i_X509(nullptr, &in, static_cast<long>(image.files[0xDF00][0x503A].size())));
    ASSERT_TRUE(certificate);
    char name[256];
    X509_NAME_oneline(X509_get_subject_name(certificate.get()), name, sizeof name);
    EXPECT_NE(std::string(name).find("Foreigner CA"), std::string::npos) << name;
}

TEST(CardImageTest, CertificatesArePaddedAndChainToTheRoot) {
    CardImage image = loadImage("nl-citizen-17");
    auto& df00 = image.files[0xDF00];
    for (std::uint16_t id : {std::uint16_t{0x5038}, std::uint16_t{0x5039}, std::uint16_t{0x503A},
                             std::uint16_t{0x503B}, std::uint16_t{0x503C}}) {
        const Bytes& file = df00[id];
        EXPECT_EQ(file.size() % 256, 0u) << std::hex << id;
        EXPECT_GE(file.size(), cardsim::kCertificateFileSize);
        EXPECT_EQ(file.back(), 0x00) << "zero padding after the DER";
    }
    auto parse = [](const Bytes& file) {
        const unsigned char* in = file.data();
        return cardsim::X509Ptr(d2i_X509(nullptr, &in, static_cast<long>(file.size())));
    };
    cardsim::X509Ptr authentication = parse(df00[0x5038]);
    cardsim::X509Ptr signing = parse(df00[0x5039]);
    cardsim::X509Ptr ca = parse(df00[0x503A]);
    cardsim::X509Ptr root = parse(df00[0x503B]);
    cardsim::X509Ptr rrn = parse(df00[0x503C]);
    ASSERT_TRUE(authentication && signing && ca && root && rrn);
    EXPECT_EQ(X509_verify(authentication.get(), X509_get0_pubkey(ca.get())), 1);
    EXPECT_EQ(X509_verify(signing.get(), X509_get0_pubkey(ca.get())), 1);
    EXPECT_EQ(X509_verify(ca.get(), X509_get0_pubkey(root.get())), 1);
    EXPECT_EQ(X509_verify(rrn.get(), X509_get0_pubkey(root.get())), 1);
    EXPECT_EQ(X509_verify(root.get(), X509_get0_pubkey(root.get())), 1) << "self-signed";
    EXPECT_EQ(cardsim::keyBits(X509_get0_pubkey(authentication.get())), 2048) << "RSA on 1.7";
}

TEST(CardImageTest, RefusesKeysThatDoNotFitTheApplet) {
    std::string error;
    std::string rsaPki = makeTestPki(personaPath("nl-citizen-17"), &error);
    ASSERT_FALSE(rsaPki.empty()) << error;
    std::string pki = makeTestPki(personaPath("demo-agent"), &error);
    ASSERT_FALSE(pki.empty()) << error;
    auto persona = cardsim::loadPersona(personaPath("demo-agent"));
    ASSERT_TRUE(persona.has_value());
    persona->pki.authenticationKey = rsaPki + "/nl-citizen-17/authentication.key";
    auto image = cardsim::buildCardImage(*persona, pki);
    ASSERT_FALSE(image.has_value());
    EXPECT_EQ(image.error().code, core::Errc::Config);
    EXPECT_NE(image.error().message.find("EC P-384"), std::string::npos) << image.error().message;
}

TEST(CardImageTest, ReportsMissingKeysCertificatesAndPhoto) {
    auto persona = cardsim::loadPersona(personaPath("demo-agent"));
    ASSERT_TRUE(persona.has_value());
    auto noPki = cardsim::buildCardImage(*persona, "/nonexistent-pki");
    ASSERT_FALSE(noPki.has_value());
    EXPECT_NE(noPki.error().message.find("/nonexistent-pki/demo-agent/authentication.key"),
              std::string::npos)
        << noPki.error().message;

    std::string error;
    std::string pki = makeTestPki(personaPath("demo-agent"), &error);
    ASSERT_FALSE(pki.empty()) << error;
    cardsim::Persona noPhoto = *persona;
    noPhoto.photoPath = "/nonexistent/photo.jpg";
    auto image = cardsim::buildCardImage(noPhoto, pki);
    ASSERT_FALSE(image.has_value());
    EXPECT_NE(image.error().message.find("photo"), std::string::npos) << image.error().message;

    cardsim::Persona noCertificate = *persona;
    noCertificate.pki.rootCertificate = "missing.pem";
    image = cardsim::buildCardImage(noCertificate, pki);
    ASSERT_FALSE(image.has_value());
    EXPECT_NE(image.error().message.find("missing.pem"), std::string::npos)
        << image.error().message;
}

}  // namespace
}  // namespace balie::test
