// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 3339 UTC timestamps as the sync protocol writes them.
#include "balie/sync/protocol/timestamp.h"

#include <cstdint>
#include <cstdio>

namespace balie::sync::protocol {
namespace {

using std::chrono::days;
using std::chrono::nanoseconds;
using std::chrono::seconds;

bool readDigits(std::string_view text, std::size_t at, std::size_t count, int& value) {
    if (at + count > text.size()) {
        return false;
    }
    value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    return true;
}

}  // namespace

std::string formatTimestamp(Timestamp time) {
    const auto sinceEpoch = std::chrono::duration_cast<nanoseconds>(time.time_since_epoch());
    const auto day = std::chrono::floor<days>(sinceEpoch);
    const std::chrono::year_month_day date{std::chrono::sys_days{day}};
    auto rest = sinceEpoch - day;
    const auto hours = std::chrono::duration_cast<std::chrono::hours>(rest);
    rest -= hours;
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(rest);
    rest -= minutes;
    const auto secs = std::chrono::duration_cast<seconds>(rest);
    rest -= secs;

    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02lld", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), static_cast<int>(hours.count()),
                  static_cast<int>(minutes.count()), static_cast<long long>(secs.count()));
    std::string text = buffer;
    if (rest.count() != 0) {
        std::snprintf(buffer, sizeof buffer, ".%09lld", static_cast<long long>(rest.count()));
        std::string fraction = buffer;
        while (fraction.back() == '0') {
            fraction.pop_back();
        }
        text += fraction;
    }
    text += 'Z';
    return text;
}

std::optional<Timestamp> parseTimestamp(std::string_view text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 20 || !readDigits(text, 0, 4, year) || text[4] != '-' ||
        !readDigits(text, 5, 2, month) || text[7] != '-' || !readDigits(text, 8, 2, day) ||
        (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !readDigits(text, 11, 2, hour) ||
        text[13] != ':' || !readDigits(text, 14, 2, minute) || text[16] != ':' ||
        !readDigits(text, 17, 2, second)) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    // A leap second (60) is folded into the next second's start, as POSIX time does.
    // Nanoseconds since 1970 in 64 bits reach April 2262.
    if (year < 1970 || year > 2261 || !date.ok() || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    std::size_t at = 19;
    std::int64_t fractionNanos = 0;
    if (text[at] == '.') {
        ++at;
        int digitCount = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            if (digitCount >= 9) {
                return std::nullopt;
            }
            fractionNanos = fractionNanos * 10 + (text[at] - '0');
            ++digitCount;
            ++at;
        }
        if (digitCount == 0) {
            return std::nullopt;
        }
        for (int i = digitCount; i < 9; ++i) {
            fractionNanos *= 10;
        }
    }
    int offsetMinutes = 0;
    const std::string_view zone = text.substr(at);
    if (zone == "Z" || zone == "z") {
        offsetMinutes = 0;
    } else {
        int offsetHours = 0, offsetMins = 0;
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') ||
            !readDigits(zone, 1, 2, offsetHours) || zone[3] != ':' ||
            !readDigits(zone, 4, 2, offsetMins) || offsetHours > 23 || offsetMins > 59) {
            return std::nullopt;
        }
        offsetMinutes = (offsetHours * 60 + offsetMins) * (zone[0] == '-' ? -1 : 1);
    }
    const auto sinceEpoch = std::chrono::sys_days{date}.time_since_epoch() +
                            std::chrono::hours{hour} + std::chrono::minutes{minute} +
                            seconds{second} - std::chrono::minutes{offsetMinutes} +
                            nanoseconds{fractionNanos};
    return Timestamp{std::chrono::duration_cast<Timestamp::duration>(sinceEpoch)};
}

}  // namespace balie::sync::protocol
