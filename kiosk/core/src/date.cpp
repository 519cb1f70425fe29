// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/core/date.h"

#include <charconv>
#include <cstdio>

namespace balie::core {

bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return 0;
    }
    if (month == 2 && isLeapYear(year)) {
        return 29;
    }
    return kDays[month - 1];
}

bool PartialDate::isPlausible() const {
    if (year < 0 || year > 9999 || month < 0 || month > 12 || day < 0) {
        return false;
    }
    if (month == 0) {
        return day == 0;
    }
    if (day == 0) {
        return true;
    }
    // An unknown year cannot rule out 29 February: take a leap year.
    return day <= daysInMonth(year == 0 ? 2000 : year, month);
}

std::string PartialDate::iso() const {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

namespace {

std::optional<int> digits(std::string_view text) {
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::optional<PartialDate> PartialDate::fromIso(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    auto year = digits(text.substr(0, 4));
    auto month = digits(text.substr(5, 2));
    auto day = digits(text.substr(8, 2));
    if (!year || !month || !day) {
        return std::nullopt;
    }
    PartialDate date{*year, *month, *day};
    if (!date.isPlausible()) {
        return std::nullopt;
    }
    return date;
}

}  // namespace balie::core
