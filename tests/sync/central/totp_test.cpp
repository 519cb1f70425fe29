// SPDX-License-Identifier: GPL-3.0-or-later
// The security codes of a digital key against RFC 6238's published vectors, and the forms an
// authenticator app reads the secret in.
#include "balie/sync/crypto/totp.h"

#include <gtest/gtest.h>

namespace balie::sync::totp {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

// RFC 6238 Appendix B: the SHA-1 rows, 8 digits, seed "12345678901234567890".
constexpr std::string_view kRfcSecret = "12345678901234567890";

system_clock::time_point at(std::int64_t unixSeconds) {
    return system_clock::time_point(seconds(unixSeconds));
}

TEST(TotpTest, MatchesTheRfc6238Sha1Vectors) {
    const std::pair<std::int64_t, std::string_view> vectors[] = {
        {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
        {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
    };
    for (const auto& [time, expected] : vectors) {
        // The last time lies beyond what system_clock's nanoseconds hold: the step directly.
        EXPECT_EQ(code(kRfcSecret, time / 30, 8), expected) << "T = " << time;
    }
    EXPECT_EQ(stepAt(at(2000000000)), 0x3F940AA);
}

TEST(TotpTest, SixDigitCodesAreTheLastSixOfTheTruncation) {
    EXPECT_EQ(code(kRfcSecret, stepAt(at(59))), "287082");
    EXPECT_EQ(code(kRfcSecret, stepAt(at(1111111109))), "081804");
}

TEST(TotpTest, StepsAreThirtySecondsLong) {
    EXPECT_EQ(stepAt(at(0)), 0);
    EXPECT_EQ(stepAt(at(29)), 0);
    EXPECT_EQ(stepAt(at(30)), 1);
    EXPECT_EQ(stepAt(at(1111111109)), 0x23523EC);
}

TEST(TotpTest, AcceptsTheCodeOfTheStepBeforeAndAfterButNotFurther) {
    const std::int64_t now = stepAt(at(1234567890));
    EXPECT_EQ(acceptedStep(kRfcSecret, code(kRfcSecret, now), now, -1), now);
    EXPECT_EQ(acceptedStep(kRfcSecret, code(kRfcSecret, now - 1), now, -1), now - 1);
    EXPECT_EQ(acceptedStep(kRfcSecret, code(kRfcSecret, now + 1), now, -1), now + 1);
    EXPECT_EQ(acceptedStep(kRfcSecret, code(kRfcSecret, now - 2), now, -1), std::nullopt);
    EXPECT_EQ(acceptedStep(kRfcSecret, code(kRfcSecret, now + 2), now, -1), std::nullopt);
}

TEST(TotpTest, NeverAcceptsACodeOfAStepAlreadyAccepted) {
    const std::int64_t now = stepAt(at(1234567890));
    const std::string typed = code(kRfcSecret, now);
    EXPECT_EQ(acceptedStep(kRfcSecret, typed, now, now), std::nullopt);
    EXPECT_EQ(acceptedStep(kRfcSecret, code(kRfcSecret, now - 1), now, now), std::nullopt);
    EXPECT_EQ(acceptedStep(kRfcSecret, code(kRfcSecret, now + 1), now, now), now + 1);
}

TEST(TotpTest, RefusesCodesOfTheWrongLengthOrWithOtherCharacters) {
    const std::int64_t now = stepAt(at(1234567890));
    const std::string typed = code(kRfcSecret, now);
    EXPECT_EQ(acceptedStep(kRfcSecret, typed.substr(1), now, -1), std::nullopt);
    EXPECT_EQ(acceptedStep(kRfcSecret, typed + "0", now, -1), std::nullopt);
    EXPECT_EQ(acceptedStep(kRfcSecret, "", now, -1), std::nullopt);
    EXPECT_EQ(acceptedStep(kRfcSecret, "abcdef", now, -1), std::nullopt);
}

TEST(TotpTest, Base32FollowsRfc4648AndRoundTrips) {
    // RFC 4648 section 10, without padding.
    EXPECT_EQ(toBase32("foobar"), "MZXW6YTBOI");
    EXPECT_EQ(toBase32("f"), "MY");
    EXPECT_EQ(toBase32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    EXPECT_EQ(fromBase32("mzxw6ytboi"), "foobar");
    EXPECT_EQ(fromBase32("MZXW 6YTB OI======"), "foobar");
    EXPECT_EQ(fromBase32("MZXW1"), std::nullopt);
    const std::string bytes("\x00\xff\x10\x80 binary", 11);
    EXPECT_EQ(fromBase32(toBase32(bytes)), bytes);
}

TEST(TotpTest, TheUriNamesIssuerAccountAndParameters) {
    EXPECT_EQ(otpauthUri("Balie", "els.peeters", "GEZDGNBV"),
              "otpauth://totp/Balie:els.peeters?secret=GEZDGNBV&issuer=Balie&algorithm=SHA1&"
              "digits=6&period=30");
    EXPECT_EQ(otpauthUri("Balie", "els@acme.be", "GE").find("els%40acme.be"), 21U);
}

}  // namespace
}  // namespace balie::sync::totp
