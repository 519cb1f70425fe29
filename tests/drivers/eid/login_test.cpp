// SPDX-License-Identifier: GPL-3.0-or-later
// The login flow on an in-memory card: PIN tries, last-try confirmation, proof, LOG OFF.
#include "balie/drivers/eid/login.h"

#include <gtest/gtest.h>

#include "scripted_transport.h"
#include "test_pki.h"

namespace balie::drivers::eid {
namespace {

using test::MemoryCard;
using test::TestIdentity;
using KeyType = TestIdentity::KeyType;

const Bytes kAtr18 = test::hex("3B 7F 96 00 00 80 31 80 65 B0 85 04 01 20 12 0F FF 82 90 00");
const Bytes kAtr17 = test::hex("3B 98 13 40 0A A5 03 01 01 01 AD 13 11");

class LoginTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        root_ = new TestIdentity(TestIdentity::root(KeyType::EcP384, "Login Root"));
        ca_ = new TestIdentity(root_->issue(KeyType::EcP384, "Citizen CA", true));
        ecAuth_ = new TestIdentity(
            ca_->issue(KeyType::EcP384, "Agent (Authentication)", false, "93051822361"));
        rsaAuth_ = new TestIdentity(
            ca_->issue(KeyType::Rsa2048, "Agent (Authentication)", false, "93051822361"));
    }
    static void TearDownTestSuite() {
        for (TestIdentity* identity : {root_, ca_, ecAuth_, rsaAuth_}) {
            delete identity;
        }
    }

    /// A card with the files and keys a login needs.
    void setUpCard(MemoryCard& card, const TestIdentity& auth) {
        card.setFile(0x5038, auth.certificate());
        card.setFile(0x503A, ca_->certificate());
        card.setPin("1234", 3);
        card.setSigner([&auth](ByteView input) { return auth.signLikeCard(input); });
    }

    LoginOptions options(bool confirm = false) {
        LoginOptions result;
        result.trustAnchorsPem = root_->certificatePem();
        result.confirmLastTry = [this, confirm] {
            ++confirmations_;
            return confirm;
        };
        return result;
    }

    Pin pin(std::string_view digits) { return std::move(*Pin::create(digits)); }

    int confirmations_ = 0;
    static TestIdentity* root_;
    static TestIdentity* ca_;
    static TestIdentity* ecAuth_;
    static TestIdentity* rsaAuth_;
};

TestIdentity* LoginTest::root_ = nullptr;
TestIdentity* LoginTest::ca_ = nullptr;
TestIdentity* LoginTest::ecAuth_ = nullptr;
TestIdentity* LoginTest::rsaAuth_ = nullptr;

TEST_F(LoginTest, LogsInWithTheRightPinOnApplet18AndLogsOffAtTheEnd) {
    MemoryCard memory(0x18);
    setUpCard(memory, *ecAuth_);
    auto card = EidCard::open(memory, kAtr18);
    ASSERT_TRUE(card.has_value());
    auto outcome = login(*card, pin("1234"), "93051822361", options());
    ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
    EXPECT_TRUE(outcome->ok) << outcome->error;
    EXPECT_TRUE(outcome->error.empty());
    EXPECT_EQ(outcome->pin.triesLeft, 3);
    ASSERT_TRUE(outcome->session.has_value());
    EXPECT_TRUE(outcome->session->isActive());
    EXPECT_TRUE(memory.pinVerified());
    EXPECT_TRUE(outcome->session->end().has_value());
    EXPECT_FALSE(outcome->session->isActive());
    EXPECT_FALSE(memory.pinVerified());
    EXPECT_EQ(memory.logOffCount(), 1);
}

TEST_F(LoginTest, LogsInOnApplet17WithRsa) {
    MemoryCard memory(0x17);
    setUpCard(memory, *rsaAuth_);
    auto card = EidCard::open(memory, kAtr17);
    ASSERT_TRUE(card.has_value());
    {
        auto outcome = login(*card, pin("1234"), "93051822361", options());
        ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
        EXPECT_TRUE(outcome->ok) << outcome->error;
    }
    EXPECT_EQ(memory.logOffCount(), 1) << "the session logs off when it goes";
}

TEST_F(LoginTest, CountsWrongPinsDownToBlocked) {
    MemoryCard memory(0x18);
    setUpCard(memory, *ecAuth_);
    auto card = EidCard::open(memory, kAtr18);
    ASSERT_TRUE(card.has_value());
    auto first = login(*card, pin("0000"), "93051822361", options(true));
    ASSERT_TRUE(first.has_value());
    EXPECT_FALSE(first->ok);
    EXPECT_EQ(first->error, "wrong PIN");
    EXPECT_EQ(first->pin.triesLeft, 2);
    EXPECT_FALSE(first->session.has_value());
    auto second = login(*card, pin("0000"), "93051822361", options(true));
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->pin.triesLeft, 1);
    EXPECT_EQ(confirmations_, 0);
    auto third = login(*card, pin("0000"), "93051822361", options(true));
    ASSERT_TRUE(third.has_value());
    EXPECT_EQ(confirmations_, 1);
    EXPECT_TRUE(third->pin.blocked);
    EXPECT_EQ(third->pin.triesLeft, 0);
    const int verifies = memory.verifyCount();
    auto blocked = login(*card, pin("1234"), "93051822361", options(true));
    ASSERT_TRUE(blocked.has_value());
    EXPECT_FALSE(blocked->ok);
    EXPECT_TRUE(blocked->pin.blocked);
    EXPECT_EQ(memory.verifyCount(), verifies) << "a blocked PIN is not tried";
}

TEST_F(LoginTest, DoesNotSpendTheLastTryWithoutConfirmation) {
    MemoryCard memory(0x17);
    setUpCard(memory, *rsaAuth_);
    memory.setPin("1234", 1);
    auto card = EidCard::open(memory, kAtr17);
    ASSERT_TRUE(card.has_value());
    auto outcome = login(*card, pin("1234"), "93051822361", options(false));
    ASSERT_TRUE(outcome.has_value());
    EXPECT_FALSE(outcome->ok);
    EXPECT_EQ(outcome->pin.triesLeft, 1);
    EXPECT_EQ(confirmations_, 1);
    EXPECT_EQ(memory.verifyCount(), 0);
    EXPECT_EQ(memory.triesLeft(), 1);
    auto confirmed = login(*card, pin("1234"), "93051822361", options(true));
    ASSERT_TRUE(confirmed.has_value());
    EXPECT_TRUE(confirmed->ok) << confirmed->error;
}

TEST_F(LoginTest, RefusesACertificateFromAnotherRootAndLogsOff) {
    MemoryCard memory(0x18);
    TestIdentity otherRoot = TestIdentity::root(KeyType::EcP384, "Other Root");
    TestIdentity otherAuth = otherRoot.issue(KeyType::EcP384, "Mallory", false, "93051822361");
    setUpCard(memory, otherAuth);
    auto card = EidCard::open(memory, kAtr18);
    ASSERT_TRUE(card.has_value());
    auto outcome = login(*card, pin("1234"), "93051822361", options());
    ASSERT_TRUE(outcome.has_value());
    EXPECT_FALSE(outcome->ok);
    EXPECT_NE(outcome->error.find("certificate"), std::string::npos) << outcome->error;
    EXPECT_EQ(memory.logOffCount(), 1);
    EXPECT_FALSE(memory.pinVerified());
}

TEST_F(LoginTest, RefusesASignatureByAnotherKey) {
    MemoryCard memory(0x18);
    setUpCard(memory, *ecAuth_);
    TestIdentity impostor = ca_->issue(KeyType::EcP384, "Impostor", false);
    memory.setSigner([&impostor](ByteView input) { return impostor.signLikeCard(input); });
    auto card = EidCard::open(memory, kAtr18);
    ASSERT_TRUE(card.has_value());
    auto outcome = login(*card, pin("1234"), "93051822361", options());
    ASSERT_TRUE(outcome.has_value());
    EXPECT_FALSE(outcome->ok);
    EXPECT_EQ(outcome->error, "the login signature does not match");
    EXPECT_EQ(memory.logOffCount(), 1);
}

TEST_F(LoginTest, RefusesACertificateOfAnotherPerson) {
    MemoryCard memory(0x18);
    setUpCard(memory, *ecAuth_);
    auto card = EidCard::open(memory, kAtr18);
    ASSERT_TRUE(card.has_value());
    auto outcome = login(*card, pin("1234"), "85073100143", options());
    ASSERT_TRUE(outcome.has_value());
    EXPECT_FALSE(outcome->ok);
    EXPECT_NE(outcome->error.find("another person"), std::string::npos);
}

TEST_F(LoginTest, ReportsACardWithoutAuthenticationCertificate) {
    MemoryCard memory(0x18);
    setUpCard(memory, *ecAuth_);
    memory.setFile(0x5038, Bytes(1024, 0));
    auto card = EidCard::open(memory, kAtr18);
    ASSERT_TRUE(card.has_value());
    auto outcome = login(*card, pin("1234"), "93051822361", options());
    ASSERT_TRUE(outcome.has_value());
    EXPECT_FALSE(outcome->ok);
    EXPECT_EQ(outcome->error, "the card has no authentication certificate");
}

TEST_F(LoginTest, PassesOnACardFailureAfterVerifyAndLogsOff) {
    MemoryCard memory(0x18);
    setUpCard(memory, *ecAuth_);
    // A certificate file that ends long before its DER length: the card fails the read, which
    // is an error of the card, not an outcome of the login.
    memory.setFile(0x5038, test::hex("30 82 10 00"));
    auto card = EidCard::open(memory, kAtr18);
    ASSERT_TRUE(card.has_value());
    auto outcome = login(*card, pin("1234"), "93051822361", options());
    ASSERT_FALSE(outcome.has_value());
    EXPECT_EQ(memory.logOffCount(), 1) << "the PIN rights are dropped all the same";
}

}  // namespace
}  // namespace balie::drivers::eid
