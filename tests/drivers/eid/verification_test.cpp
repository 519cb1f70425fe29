// SPDX-License-Identifier: GPL-3.0-or-later
// Photo hash, National Register signatures, certificate chains and login signatures.
#include "balie/drivers/eid/verification.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "scripted_transport.h"
#include "test_pki.h"

namespace balie::drivers::eid {
namespace {

using test::TestIdentity;
using KeyType = TestIdentity::KeyType;

Bytes bytesOf(std::string_view text) {
    return Bytes(text.begin(), text.end());
}

/// One PKI for the whole suite: key generation is the slow part.
class VerificationTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        rsaRoot_ = new TestIdentity(TestIdentity::root(KeyType::Rsa2048, "Test Root RSA"));
        ecRoot_ = new TestIdentity(TestIdentity::root(KeyType::EcP384, "Test Root EC"));
        rsaRrn_ = new TestIdentity(rsaRoot_->issue(KeyType::Rsa2048, "RRN", false));
        ecRrn_ = new TestIdentity(ecRoot_->issue(KeyType::EcP384, "RRN", false));
        ecCa_ = new TestIdentity(ecRoot_->issue(KeyType::EcP384, "Citizen CA", true));
        ecAuth_ = new TestIdentity(
            ecCa_->issue(KeyType::EcP384, "Alice Specimen (Authentication)", false, "93051822361"));
        rsaAuth_ =
            new TestIdentity(rsaRoot_->issue(KeyType::Rsa2048, "Bob (Authentication)", false));
    }
    static void TearDownTestSuite() {
        for (TestIdentity* identity :
             {rsaRoot_, ecRoot_, rsaRrn_, ecRrn_, ecCa_, ecAuth_, rsaAuth_}) {
            delete identity;
        }
    }

    static TestIdentity* rsaRoot_;
    static TestIdentity* ecRoot_;
    static TestIdentity* rsaRrn_;
    static TestIdentity* ecRrn_;
    static TestIdentity* ecCa_;
    static TestIdentity* ecAuth_;
    static TestIdentity* rsaAuth_;
};

TestIdentity* VerificationTest::rsaRoot_ = nullptr;
TestIdentity* VerificationTest::ecRoot_ = nullptr;
TestIdentity* VerificationTest::rsaRrn_ = nullptr;
TestIdentity* VerificationTest::ecRrn_ = nullptr;
TestIdentity* VerificationTest::ecCa_ = nullptr;
TestIdentity* VerificationTest::ecAuth_ = nullptr;
TestIdentity* VerificationTest::rsaAuth_ = nullptr;

TEST_F(VerificationTest, ChecksThePhotoHashWithTheAlgorithmItsLengthNames) {
    const Bytes photo = bytesOf("\xFF\xD8 a tiny JPEG \xFF\xD9");
    EXPECT_TRUE(photoHashMatches(photo, digest(HashAlgorithm::Sha1, photo)));
    EXPECT_TRUE(photoHashMatches(photo, digest(HashAlgorithm::Sha256, photo)));
    EXPECT_TRUE(photoHashMatches(photo, digest(HashAlgorithm::Sha384, photo)));
    Bytes wrong = digest(HashAlgorithm::Sha384, photo);
    wrong[0] ^= 1;
    EXPECT_FALSE(photoHashMatches(photo, wrong));
    EXPECT_FALSE(photoHashMatches(photo, Bytes(16, 0)));
    EXPECT_EQ(hashForLength(64), std::nullopt);
}

TEST_F(VerificationTest, VerifiesAZeroPaddedEcIdentitySignature) {
    const Bytes identity = bytesOf(
        "\x01\x03"
        "ABC\x06\x0B"
        "93051822361");
    Bytes signatureFile = ecRrn_->sign(HashAlgorithm::Sha384, identity);
    signatureFile.resize(112, 0);
    EXPECT_TRUE(verifyIdentitySignature(identity, signatureFile, ecRrn_->certificate(),
                                        HashAlgorithm::Sha384)
                    .has_value());
    Bytes tampered = identity;
    tampered[3] ^= 0x20;
    auto result = verifyIdentitySignature(tampered, signatureFile, ecRrn_->certificate(),
                                          HashAlgorithm::Sha384);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, core::Errc::Card);
}

TEST_F(VerificationTest, VerifiesAnRsaIdentitySignatureWithThePhotoHashAlgorithm) {
    const Bytes identity = bytesOf(
        "\x01\x03"
        "DEF");
    const Bytes signature = rsaRrn_->sign(HashAlgorithm::Sha1, identity);
    EXPECT_TRUE(
        verifyIdentitySignature(identity, signature, rsaRrn_->certificate(), HashAlgorithm::Sha1)
            .has_value());
    EXPECT_FALSE(
        verifyIdentitySignature(identity, signature, ecRrn_->certificate(), HashAlgorithm::Sha1)
            .has_value())
        << "another key must not verify";
}

TEST_F(VerificationTest, AcceptsResignedCardsThatMixSha1AndSha256) {
    const Bytes identity = bytesOf(
        "\x01\x03"
        "GHI");
    const Bytes signature = rsaRrn_->sign(HashAlgorithm::Sha256, identity);
    EXPECT_TRUE(
        verifyIdentitySignature(identity, signature, rsaRrn_->certificate(), HashAlgorithm::Sha1)
            .has_value());
}

TEST_F(VerificationTest, RejectsAnUnreadableCertificateOrSignature) {
    const Bytes identity = bytesOf("x");
    auto badCertificate =
        verifyIdentitySignature(identity, Bytes(96, 1), Bytes(64, 0), HashAlgorithm::Sha384);
    ASSERT_FALSE(badCertificate.has_value());
    EXPECT_EQ(badCertificate.error().code, core::Errc::InvalidFormat);
    auto badSignature = verifyIdentitySignature(identity, Bytes(96, 0), ecRrn_->certificate(),
                                                HashAlgorithm::Sha384);
    ASSERT_FALSE(badSignature.has_value());
    EXPECT_EQ(badSignature.error().code, core::Errc::InvalidFormat);
}

TEST_F(VerificationTest, VerifiesTheAddressSignatureOverAddressAndIdentitySignature) {
    const Bytes address = bytesOf(
        "\x01\x10Rue de la Loi 16\x02\x04"
        "1000");
    Bytes addressFile = address;
    addressFile.resize(address.size() + 30, 0);
    Bytes identitySignature = ecRrn_->sign(HashAlgorithm::Sha384, bytesOf("identity"));
    identitySignature.resize(112, 0);
    Bytes signedData = address;
    signedData.insert(signedData.end(), identitySignature.begin(), identitySignature.end());
    Bytes addressSignature = ecRrn_->sign(HashAlgorithm::Sha384, signedData);
    addressSignature.resize(112, 0);
    EXPECT_TRUE(verifyAddressSignature(addressFile, addressSignature, identitySignature,
                                       ecRrn_->certificate(), HashAlgorithm::Sha384)
                    .has_value());
    Bytes otherIdentitySignature = identitySignature;
    otherIdentitySignature[10] ^= 1;
    EXPECT_FALSE(verifyAddressSignature(addressFile, addressSignature, otherIdentitySignature,
                                        ecRrn_->certificate(), HashAlgorithm::Sha384)
                     .has_value());
    Bytes movedAddress = addressFile;
    movedAddress[5] = 'X';
    EXPECT_FALSE(verifyAddressSignature(movedAddress, addressSignature, identitySignature,
                                        ecRrn_->certificate(), HashAlgorithm::Sha384)
                     .has_value());
}

TEST_F(VerificationTest, AcceptsAnAddressSignatureOverTheTrimmedIdentitySignature) {
    const Bytes address = bytesOf(
        "\x01\x03"
        "Weg");
    const Bytes identitySignature = ecRrn_->sign(HashAlgorithm::Sha384, bytesOf("identity"));
    Bytes signedData = address;
    signedData.insert(signedData.end(), identitySignature.begin(), identitySignature.end());
    const Bytes addressSignature = ecRrn_->sign(HashAlgorithm::Sha384, signedData);
    Bytes paddedIdentitySignature = identitySignature;
    paddedIdentitySignature.resize(112, 0);
    EXPECT_TRUE(verifyAddressSignature(address, addressSignature, paddedIdentitySignature,
                                       ecRrn_->certificate(), HashAlgorithm::Sha384)
                    .has_value());
}

TEST_F(VerificationTest, ChainsACertificateToItsRoot) {
    const std::array<Bytes, 1> intermediates{ecCa_->certificate()};
    EXPECT_TRUE(
        verifyCertificateChain(ecAuth_->certificate(), intermediates, ecRoot_->certificatePem())
            .has_value());
    EXPECT_TRUE(
        verifyCertificateChain(ecRrn_->certificate(), {}, ecRoot_->certificatePem()).has_value());
    EXPECT_TRUE(verifyCertificateChain(ecAuth_->certificate(), {},
                                       rsaRoot_->certificatePem() + ecCa_->certificatePem())
                    .has_value())
        << "a configured intermediate CA is an anchor too";
}

TEST_F(VerificationTest, RejectsAChainToAnotherRoot) {
    const std::array<Bytes, 1> intermediates{ecCa_->certificate()};
    auto result =
        verifyCertificateChain(ecAuth_->certificate(), intermediates, rsaRoot_->certificatePem());
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, core::Errc::Card);
    EXPECT_FALSE(
        verifyCertificateChain(ecAuth_->certificate(), {}, ecRoot_->certificatePem()).has_value())
        << "the CA certificate is needed";
}

TEST_F(VerificationTest, RejectsAnExpiredCertificate) {
    TestIdentity expired = ecRoot_->issue(KeyType::EcP384, "Expired", false, std::nullopt, -1);
    auto result = verifyCertificateChain(expired.certificate(), {}, ecRoot_->certificatePem());
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().message.find("expired"), std::string::npos);
}

TEST_F(VerificationTest, NeedsATrustAnchor) {
    auto result = verifyCertificateChain(ecRrn_->certificate(), {}, "not a PEM file");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, core::Errc::Config);
    EXPECT_EQ(verifyCertificateChain(Bytes(10, 0), {}, ecRoot_->certificatePem()).error().code,
              core::Errc::InvalidFormat);
}

TEST_F(VerificationTest, VerifiesAnEcLoginSignatureGivenAsRawRAndS) {
    auto challenge = randomChallenge(32);
    ASSERT_TRUE(challenge.has_value());
    const Bytes input = loginSignatureInput(*challenge, true);
    ASSERT_EQ(input.size(), 48u);
    const Bytes signature = ecAuth_->signLikeCard(input);
    ASSERT_EQ(signature.size(), 96u);
    EXPECT_TRUE(verifyLoginSignature(*challenge, signature, ecAuth_->certificate()).has_value());
    auto otherChallenge = randomChallenge(32);
    ASSERT_TRUE(otherChallenge.has_value());
    EXPECT_NE(*challenge, *otherChallenge);
    EXPECT_EQ(verifyLoginSignature(*otherChallenge, signature, ecAuth_->certificate()).error().code,
              core::Errc::Card);
    EXPECT_EQ(verifyLoginSignature(*challenge, Bytes(95, 1), ecAuth_->certificate()).error().code,
              core::Errc::InvalidFormat);
}

TEST_F(VerificationTest, VerifiesAnRsaLoginSignatureOverADigestInfo) {
    auto challenge = randomChallenge(32);
    ASSERT_TRUE(challenge.has_value());
    const Bytes input = loginSignatureInput(*challenge, false);
    ASSERT_EQ(input.size(), 51u);
    const Bytes signature = rsaAuth_->signLikeCard(input);
    EXPECT_TRUE(verifyLoginSignature(*challenge, signature, rsaAuth_->certificate()).has_value());
    EXPECT_FALSE(verifyLoginSignature(*challenge, signature, ecAuth_->certificate()).has_value());
}

TEST_F(VerificationTest, ReadsTheSubjectSerialNumber) {
    EXPECT_EQ(certificateSubjectSerialNumber(ecAuth_->certificate()), "93051822361");
    EXPECT_EQ(certificateSubjectSerialNumber(rsaAuth_->certificate()), std::nullopt);
    EXPECT_EQ(certificateSubjectSerialNumber(Bytes(4, 0)), std::nullopt);
}

}  // namespace
}  // namespace balie::drivers::eid
