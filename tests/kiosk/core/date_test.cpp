// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/core/date.h"

#include <gtest/gtest.h>

namespace balie::core {
namespace {

TEST(PartialDateTest, WritesUnknownPartsAsZeros) {
    EXPECT_EQ((PartialDate{1993, 5, 18}).iso(), "1993-05-18");
    EXPECT_EQ((PartialDate{1993, 5, 0}).iso(), "1993-05-00");
    EXPECT_EQ((PartialDate{1993, 0, 0}).iso(), "1993-00-00");
}

TEST(PartialDateTest, ReadsIsoDatesWithUnknownParts) {
    EXPECT_EQ(PartialDate::fromIso("2000-02-29"), (PartialDate{2000, 2, 29}));
    EXPECT_EQ(PartialDate::fromIso("1980-00-00"), (PartialDate{1980, 0, 0}));
    EXPECT_EQ(PartialDate::fromIso("1980-07-00"), (PartialDate{1980, 7, 0}));
}

TEST(PartialDateTest, RejectsImpossibleCalendarDates) {
    EXPECT_FALSE(PartialDate::fromIso("1900-02-29"));
    EXPECT_FALSE(PartialDate::fromIso("2023-04-31"));
    EXPECT_FALSE(PartialDate::fromIso("2023-13-01"));
    EXPECT_FALSE(PartialDate::fromIso("1980-00-05")) << "a known day needs a known month";
    EXPECT_FALSE(PartialDate::fromIso("1980-1-05"));
    EXPECT_FALSE(PartialDate::fromIso("19800105"));
    EXPECT_FALSE(PartialDate::fromIso("198a-01-05"));
    EXPECT_FALSE(PartialDate::fromIso(""));
}

TEST(PartialDateTest, KnowsLeapYears) {
    EXPECT_TRUE(isLeapYear(2000));
    EXPECT_TRUE(isLeapYear(2024));
    EXPECT_FALSE(isLeapYear(1900));
    EXPECT_FALSE(isLeapYear(2023));
    EXPECT_EQ(daysInMonth(2024, 2), 29);
    EXPECT_EQ(daysInMonth(2023, 2), 28);
    EXPECT_EQ(daysInMonth(2023, 0), 0);
}

TEST(PartialDateTest, OrdersCompleteDatesChronologically) {
    EXPECT_LT((PartialDate{2020, 12, 31}), (PartialDate{2021, 1, 1}));
    EXPECT_LT((PartialDate{2021, 1, 1}), (PartialDate{2021, 1, 2}));
}

}  // namespace
}  // namespace balie::core
