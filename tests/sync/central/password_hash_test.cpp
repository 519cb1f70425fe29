// SPDX-License-Identifier: GPL-3.0-or-later
// Digital key passwords are kept as Argon2id hashes: the right password matches, nothing else.
#include <gtest/gtest.h>

#include "balie/sync/central/digital_keys.h"

namespace balie::sync::central {
namespace {

TEST(PasswordHashTest, TheRightPasswordMatchesAndOthersDoNot) {
    auto hash = hashPassword("tulpen-2024");
    ASSERT_TRUE(hash.has_value()) << hash.error().message;
    EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
    EXPECT_EQ(hash->find("tulpen"), std::string::npos);
    EXPECT_TRUE(passwordMatches(*hash, "tulpen-2024"));
    EXPECT_FALSE(passwordMatches(*hash, "Tulpen-2024"));
    EXPECT_FALSE(passwordMatches(*hash, "tulpen-202"));
    EXPECT_FALSE(passwordMatches(*hash, ""));
    EXPECT_FALSE(passwordMatches("", "tulpen-2024"));
    EXPECT_FALSE(passwordMatches("not a hash", "tulpen-2024"));
}

TEST(PasswordHashTest, TheSamePasswordHashesDifferentlyEachTime) {
    auto first = hashPassword("tulpen-2024");
    auto second = hashPassword("tulpen-2024");
    ASSERT_TRUE(first.has_value() && second.has_value());
    EXPECT_NE(*first, *second);
    EXPECT_TRUE(passwordMatches(*second, "tulpen-2024"));
}

TEST(PasswordHashTest, NewKeysNeedAUsableUsernameAndALongEnoughPassword) {
    EXPECT_TRUE(checkNewKey("els.peeters", "tulpen-2024").has_value());
    EXPECT_TRUE(checkNewKey("Els@Acme.be", "12345678").has_value());
    EXPECT_FALSE(checkNewKey("el", "tulpen-2024").has_value());
    EXPECT_FALSE(checkNewKey("els peeters", "tulpen-2024").has_value());
    EXPECT_FALSE(checkNewKey("els", "short").has_value());
    EXPECT_FALSE(checkNewKey("els", std::string(129, 'x')).has_value());
}

}  // namespace
}  // namespace balie::sync::central
