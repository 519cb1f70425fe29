// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 3339 times: what the protocol writes, what it accepts and what it refuses.
#include "balie/sync/protocol/timestamp.h"

#include <gtest/gtest.h>

#include "wire_examples.h"

namespace balie::sync::protocol {
namespace {

TEST(TimestampTest, WritesWholeSecondsWithoutFraction) {
    EXPECT_EQ(formatTimestamp(test::exampleTime()), "2026-12-02T10:00:00Z");
    EXPECT_EQ(formatTimestamp(Timestamp{}), "1970-01-01T00:00:00Z");
}

TEST(TimestampTest, FractionsRoundTripExactly) {
    const Timestamp time = test::exampleTime() + std::chrono::milliseconds{250};
    EXPECT_EQ(formatTimestamp(time), "2026-12-02T10:00:00.25Z");
    EXPECT_EQ(parseTimestamp(formatTimestamp(time)), time);
    const Timestamp nanos = test::exampleTime() + std::chrono::nanoseconds{123456789};
    EXPECT_EQ(parseTimestamp(formatTimestamp(nanos)), nanos);
}

TEST(TimestampTest, AcceptsOffsetsAndLowerCase) {
    EXPECT_EQ(parseTimestamp("2026-12-02T11:30:00+01:30"), test::exampleTime());
    EXPECT_EQ(parseTimestamp("2026-12-02t10:00:00z"), test::exampleTime());
    EXPECT_EQ(parseTimestamp("2026-12-02T05:00:00-05:00"), test::exampleTime());
}

TEST(TimestampTest, RefusesWhatIsNotRfc3339) {
    for (const char* text :
         {"", "2026-12-02", "2026-12-02T10:00:00", "2026-12-02T10:00Z", "2026-13-02T10:00:00Z",
          "2026-02-30T10:00:00Z", "2026-12-02T24:00:00Z", "2026-12-02T10:00:00.Z",
          "2026-12-02T10:00:00.1234567891Z", "1969-12-31T23:59:59Z", "2262-06-01T00:00:00Z", "2026-12-02T10:00:00+1:00",
          "2026-12-02T10:00:00Zjunk", "２026-12-02T10:00:00Z"}) {
        EXPECT_FALSE(parseTimestamp(text).has_value()) << text;
    }
}

}  // namespace
}  // namespace balie::sync::protocol
