// SPDX-License-Identifier: GPL-3.0-or-later
// Failed digital key logins lock the username for a while, and only that username.
#include "balie/sync/central/login_throttle.h"

#include <gtest/gtest.h>

namespace balie::sync::central {
namespace {

using namespace std::chrono_literals;
using Clock = LoginThrottle::Clock;

TEST(LoginThrottleTest, LocksTheUsernameAfterFiveFailuresForTheLockout) {
    LoginThrottle throttle(ThrottlePolicy{5, 900s, 100});
    const Clock::time_point start{};
    for (int i = 0; i < 4; ++i) {
        throttle.failed("acme\nels", start + std::chrono::seconds(i));
        EXPECT_EQ(throttle.lockedFor("acme\nels", start + 5s), std::nullopt) << i;
    }
    throttle.failed("acme\nels", start + 10s);
    EXPECT_EQ(throttle.lockedFor("acme\nels", start + 10s), 900s);
    EXPECT_EQ(throttle.lockedFor("acme\nels", start + 909s + 500ms), 1s);
    EXPECT_EQ(throttle.lockedFor("acme\nels", start + 910s), std::nullopt);
    EXPECT_EQ(throttle.lockedFor("acme\njan", start + 10s), std::nullopt);
}

TEST(LoginThrottleTest, ASuccessClearsTheCount) {
    LoginThrottle throttle(ThrottlePolicy{5, 900s, 100});
    const Clock::time_point start{};
    for (int i = 0; i < 4; ++i) {
        throttle.failed("acme\nels", start);
    }
    throttle.succeeded("acme\nels");
    throttle.failed("acme\nels", start);
    EXPECT_EQ(throttle.lockedFor("acme\nels", start), std::nullopt);
}

TEST(LoginThrottleTest, AfterTheLockoutTheCountStartsAgain) {
    LoginThrottle throttle(ThrottlePolicy{3, 60s, 100});
    const Clock::time_point start{};
    for (int i = 0; i < 3; ++i) {
        throttle.failed("acme\nels", start);
    }
    ASSERT_TRUE(throttle.lockedFor("acme\nels", start).has_value());
    throttle.failed("acme\nels", start + 61s);
    EXPECT_EQ(throttle.lockedFor("acme\nels", start + 61s), std::nullopt);
    throttle.failed("acme\nels", start + 62s);
    throttle.failed("acme\nels", start + 63s);
    EXPECT_EQ(throttle.lockedFor("acme\nels", start + 63s), 60s);
}

TEST(LoginThrottleTest, ManyUsernamesDoNotReleaseALockedOne) {
    LoginThrottle throttle(ThrottlePolicy{2, 60s, 10});
    const Clock::time_point start{};
    throttle.failed("acme\nels", start);
    throttle.failed("acme\nels", start);
    for (int i = 0; i < 50; ++i) {
        throttle.failed("acme\nguess" + std::to_string(i), start + 1s);
    }
    EXPECT_EQ(throttle.lockedFor("acme\nels", start + 1s), 59s);
}

}  // namespace
}  // namespace balie::sync::central
