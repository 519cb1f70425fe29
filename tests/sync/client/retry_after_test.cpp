// SPDX-License-Identifier: GPL-3.0-or-later
// Retry-After as seconds or as an HTTP-date (all three forms of RFC 9110), measured from the
// server's Date header so that a kiosk clock that is off does not change the wait.
#include <gtest/gtest.h>

#include "balie/sync/client/backoff.h"
#include "balie/sync/client/http_date.h"

namespace balie::test {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using sync::client::parseHttpDate;
using sync::client::retryAfterWait;

constexpr sys_seconds kExample = sys_days(1994y / November / 6) + 8h + 49min + 37s;

TEST(HttpDateTest, ReadsAllThreeForms) {
    EXPECT_EQ(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), kExample);
    EXPECT_EQ(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), kExample);
    EXPECT_EQ(parseHttpDate("Sun Nov  6 08:49:37 1994"), kExample);
}

TEST(HttpDateTest, RefusesWhatIsNotADate) {
    for (const char* text :
         {"", "120", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 CET",
          "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
          "zo, 06 nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT trailing",
          "Sun, 6 Nov 1994 08:49:37 GMT"}) {
        EXPECT_FALSE(parseHttpDate(text).has_value()) << text;
    }
}

TEST(RetryAfterTest, SecondsAreTakenAsTheyAre) {
    EXPECT_EQ(retryAfterWait("120", "", system_clock::now()), 120s);
    EXPECT_FALSE(retryAfterWait("soon", "", system_clock::now()).has_value());
    EXPECT_FALSE(retryAfterWait("", "", system_clock::now()).has_value());
}

TEST(RetryAfterTest, ADateIsMeasuredFromTheServersDate) {
    // The kiosk's clock is three hours behind; the server asks for 90 seconds.
    const auto kioskNow = system_clock::time_point(kExample - 3h);
    EXPECT_EQ(
        retryAfterWait("Sun, 06 Nov 1994 08:51:07 GMT", "Sun, 06 Nov 1994 08:49:37 GMT", kioskNow),
        90s);
}

TEST(RetryAfterTest, ADateWithoutServerDateIsMeasuredFromTheKiosksClock) {
    const auto kioskNow = system_clock::time_point(kExample);
    EXPECT_EQ(retryAfterWait("Sun, 06 Nov 1994 08:50:37 GMT", "", kioskNow), 60s);
    EXPECT_EQ(retryAfterWait("Sun, 06 Nov 1994 08:50:37 GMT", "not a date", kioskNow), 60s);
}

TEST(RetryAfterTest, ADateInThePastMeansNoWait) {
    EXPECT_EQ(retryAfterWait("Sun, 06 Nov 1994 08:00:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMT",
                             system_clock::now()),
              0s);
}

}  // namespace
}  // namespace balie::test
