// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the practical e-mail address check.
#include "balie/core/email_address.h"

#include <gtest/gtest.h>

#include <string>

namespace balie::core {
namespace {

TEST(EmailAddressTest, AcceptsEverydayAddresses) {
    for (const char* address :
         {"hr@example.be", "els.peeters@interim.example.com", "onboarding+kiosk@example.be",
          "o'brien@example.ie", "x@b.co", "A.B@Example.BE", "ops@mail-1.example.be",
          "ops@123.example.com", "ops@example.xn--p1ai"}) {
        EXPECT_TRUE(isValidEmailAddress(address)) << address;
    }
}

TEST(EmailAddressTest, RejectsAddressesWithoutOneAt) {
    EXPECT_FALSE(isValidEmailAddress("hr.example.be"));
    EXPECT_FALSE(isValidEmailAddress("hr@@example.be"));
    EXPECT_FALSE(isValidEmailAddress("hr@team@example.be"));
    EXPECT_FALSE(isValidEmailAddress(""));
}

TEST(EmailAddressTest, RejectsBadLocalParts) {
    EXPECT_FALSE(isValidEmailAddress("@example.be"));
    EXPECT_FALSE(isValidEmailAddress(".hr@example.be"));
    EXPECT_FALSE(isValidEmailAddress("hr.@example.be"));
    EXPECT_FALSE(isValidEmailAddress("h..r@example.be"));
    EXPECT_FALSE(isValidEmailAddress("h r@example.be"));
    EXPECT_FALSE(isValidEmailAddress("\"h r\"@example.be")) << "quoted local parts are refused";
    EXPECT_FALSE(isValidEmailAddress("h(r)@example.be"));
    EXPECT_FALSE(isValidEmailAddress(std::string(65, 'a') + "@example.be"));
    EXPECT_TRUE(isValidEmailAddress(std::string(64, 'a') + "@example.be"));
}

TEST(EmailAddressTest, RejectsBadDomains) {
    EXPECT_FALSE(isValidEmailAddress("hr@"));
    EXPECT_FALSE(isValidEmailAddress("hr@localhost")) << "one label cannot be reached from outside";
    EXPECT_FALSE(isValidEmailAddress("hr@example..be"));
    EXPECT_FALSE(isValidEmailAddress("hr@.example.be"));
    EXPECT_FALSE(isValidEmailAddress("hr@example.be."));
    EXPECT_FALSE(isValidEmailAddress("hr@-example.be"));
    EXPECT_FALSE(isValidEmailAddress("hr@example-.be"));
    EXPECT_FALSE(isValidEmailAddress("hr@exa_mple.be"));
    EXPECT_FALSE(isValidEmailAddress("hr@192.168.1.1"));
    EXPECT_FALSE(isValidEmailAddress("hr@[192.168.1.1]"));
    EXPECT_FALSE(isValidEmailAddress("hr@" + std::string(64, 'a') + ".be"));
    EXPECT_TRUE(isValidEmailAddress("hr@" + std::string(63, 'a') + ".be"));
}

TEST(EmailAddressTest, RejectsSurroundingSpacesAndNonAscii) {
    EXPECT_FALSE(isValidEmailAddress(" hr@example.be"));
    EXPECT_FALSE(isValidEmailAddress("hr@example.be "));
    EXPECT_FALSE(isValidEmailAddress("jürgen@example.de"));
    EXPECT_FALSE(isValidEmailAddress("hr@müller.de"));
}

TEST(EmailAddressTest, RejectsAddressesLongerThanSmtpAllows) {
    // 64 + 1 + 189 = 254 characters: the longest an SMTP path allows.
    const std::string local(64, 'a');
    const std::string domain =
        std::string(63, 'b') + "." + std::string(63, 'c') + "." + std::string(58, 'd') + ".be";
    ASSERT_EQ(local.size() + 1 + domain.size(), 254u);
    EXPECT_TRUE(isValidEmailAddress(local + "@" + domain));
    EXPECT_FALSE(isValidEmailAddress(local + "@x" + domain));
}

}  // namespace
}  // namespace balie::core
