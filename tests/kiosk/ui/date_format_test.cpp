// SPDX-License-Identifier: GPL-3.0-or-later
// Belgian date formats in the kiosk's four languages.
#include "balie/ui/date_format.h"

#include <gtest/gtest.h>

namespace balie::ui {
namespace {

using core::Language;
using core::PartialDate;

TEST(DateFormatTest, WritesNumericDatesWithFourDigitYears) {
    PartialDate date{1993, 5, 18};
    EXPECT_EQ(formatDate(date, Language::Dutch, DateStyle::Numeric), "18/05/1993");
    EXPECT_EQ(formatDate(date, Language::French, DateStyle::Numeric), "18/05/1993");
    EXPECT_EQ(formatDate(date, Language::German, DateStyle::Numeric), "18.05.1993");
    EXPECT_EQ(formatDate(date, Language::English, DateStyle::Numeric), "18/05/1993");
    EXPECT_EQ(formatDate({2026, 2, 6}, Language::Dutch, DateStyle::Numeric), "06/02/2026");
}

TEST(DateFormatTest, WritesLongDatesWithLocalMonthNames) {
    PartialDate date{2026, 2, 6};
    EXPECT_EQ(formatDate(date, Language::Dutch, DateStyle::Long), "6 februari 2026");
    EXPECT_EQ(formatDate(date, Language::French, DateStyle::Long), "6 février 2026");
    EXPECT_EQ(formatDate(date, Language::German, DateStyle::Long), "6. Februar 2026");
    EXPECT_EQ(formatDate(date, Language::English, DateStyle::Long), "6 February 2026");
    EXPECT_EQ(formatDate({1993, 5, 18}, Language::Dutch, DateStyle::Long), "18 mei 1993");
    EXPECT_EQ(formatDate({1970, 8, 1}, Language::French, DateStyle::Long), "1 août 1970");
    EXPECT_EQ(formatDate({1970, 3, 31}, Language::German, DateStyle::Long), "31. März 1970");
}

TEST(DateFormatTest, LeavesOutUnknownParts) {
    EXPECT_EQ(formatDate({1980, 7, 0}, Language::Dutch, DateStyle::Numeric), "07/1980");
    EXPECT_EQ(formatDate({1980, 7, 0}, Language::German, DateStyle::Numeric), "07.1980");
    EXPECT_EQ(formatDate({1980, 7, 0}, Language::French, DateStyle::Long), "juillet 1980");
    EXPECT_EQ(formatDate({1980, 0, 0}, Language::English, DateStyle::Numeric), "1980");
    EXPECT_EQ(formatDate({1980, 0, 0}, Language::German, DateStyle::Long), "1980");
    EXPECT_EQ(formatDate({0, 0, 0}, Language::Dutch, DateStyle::Long), "");
}

}  // namespace
}  // namespace balie::ui
