// SPDX-License-Identifier: GPL-3.0-or-later
// Backoff: full jitter within a doubling, capped ceiling; Retry-After as a lower bound.
#include "balie/sync/client/backoff.h"

#include <gtest/gtest.h>

#include <set>

namespace balie::test {
namespace {

using namespace std::chrono_literals;
using sync::client::backoffDelay;
using sync::client::BackoffPolicy;
using sync::client::parseRetryAfter;

TEST(BackoffTest, DelaysStayWithinTheDoublingCeilingAndTheCap) {
    const BackoffPolicy policy{1000ms, 300'000ms};
    std::mt19937_64 random(42);
    for (int failures = 1; failures < 40; ++failures) {
        std::chrono::milliseconds longest{0};
        for (int i = 0; i < 200; ++i) {
            const auto delay = backoffDelay(policy, failures, std::nullopt, random);
            EXPECT_GE(delay, 0ms);
            longest = std::max(longest, delay);
        }
        const auto ceiling = failures > 20 ? 300'000ms
                                           : std::min<std::chrono::milliseconds>(
                                                 300'000ms, 1000ms * (1LL << (failures - 1)));
        EXPECT_LE(longest, ceiling) << failures;
        EXPECT_GT(longest, ceiling / 2) << "jitter spreads over the whole range";
    }
}

TEST(BackoffTest, FirstRetryIsJitteredToo) {
    const BackoffPolicy policy{1000ms, 300'000ms};
    std::mt19937_64 random(7);
    std::set<long long> seen;
    for (int i = 0; i < 50; ++i) {
        seen.insert(backoffDelay(policy, 1, std::nullopt, random).count());
    }
    EXPECT_GT(seen.size(), 10u);
}

TEST(BackoffTest, RetryAfterIsALowerBoundUpToTheCap) {
    const BackoffPolicy policy{1000ms, 60'000ms};
    std::mt19937_64 random(1);
    for (int i = 0; i < 100; ++i) {
        EXPECT_GE(backoffDelay(policy, 1, 30s, random), 30'000ms);
        EXPECT_EQ(backoffDelay(policy, 1, 3600s, random), 60'000ms);
    }
}

TEST(BackoffTest, RetryAfterAcceptsOnlySeconds) {
    EXPECT_EQ(parseRetryAfter("120"), 120s);
    EXPECT_EQ(parseRetryAfter("0"), 0s);
    EXPECT_FALSE(parseRetryAfter("").has_value());
    EXPECT_FALSE(parseRetryAfter("-5").has_value());
    EXPECT_FALSE(parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT").has_value());
    EXPECT_FALSE(parseRetryAfter("12s").has_value());
}

}  // namespace
}  // namespace balie::test
