// SPDX-License-Identifier: GPL-3.0-or-later
// Calendar dates whose month or day may be unknown, as on identity documents of some countries.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace balie::core {

/// \brief A Gregorian date with possibly unknown parts; 0 marks an unknown year, month or day.
///
/// Identity documents and INSZ/BIS numbers may leave the day, or the day and month, of a birth date
/// unknown. A date with a known day but unknown month is not representable on purpose: no document
/// writes one.
struct PartialDate {
    int year = 0;
    int month = 0;
    int day = 0;

    bool isComplete() const { return year != 0 && month != 0 && day != 0; }

    /// \brief True when every known part fits the calendar (month 1-12, day within that month,
    /// 29 February only in leap years) and no known day follows an unknown month.
    bool isPlausible() const;

    /// \brief "YYYY-MM-DD" with "00" for unknown parts ("0000" for an unknown year).
    std::string iso() const;

    /// \brief Parses "YYYY-MM-DD" with "00" for unknown parts; nullopt when it is not that shape
    /// or not plausible.
    static std::optional<PartialDate> fromIso(std::string_view text);

    auto operator<=>(const PartialDate&) const = default;
};

bool isLeapYear(int year);

/// \brief Number of days in a month of a year; 0 for a month outside 1-12.
int daysInMonth(int year, int month);

}  // namespace balie::core
