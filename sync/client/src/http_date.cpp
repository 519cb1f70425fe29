// SPDX-License-Identifier: GPL-3.0-or-later
// A strict HTTP-date reader that needs neither strptime nor the C locale.
#include "balie/sync/client/http_date.h"

#include <array>
#include <charconv>

namespace balie::sync::client {
namespace {

constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDays{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                    "Friday", "Saturday", "Sunday"};

// Reads the text from left to right; every step fails for good once one has failed.
class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    bool literal(std::string_view expected) {
        if (!ok_ || !text_.starts_with(expected)) {
            return ok_ = false;
        }
        text_.remove_prefix(expected.size());
        return true;
    }

    // Exactly `digits` digits (a leading space counts as a zero when `spacePadded`).
    int number(std::size_t digits, bool spacePadded = false) {
        if (spacePadded && text_.starts_with(' ')) {
            text_.remove_prefix(1);
            --digits;
        }
        int value = 0;
        if (!ok_ || text_.size() < digits) {
            ok_ = false;
            return 0;
        }
        const auto [end, error] = std::from_chars(text_.data(), text_.data() + digits, value);
        if (error != std::errc() || end != text_.data() + digits) {
            ok_ = false;
            return 0;
        }
        text_.remove_prefix(digits);
        return value;
    }

    template <std::size_t N>
    int oneOf(const std::array<std::string_view, N>& names) {
        for (std::size_t i = 0; ok_ && i < names.size(); ++i) {
            if (text_.starts_with(names[i])) {
                text_.remove_prefix(names[i].size());
                return static_cast<int>(i);
            }
        }
        ok_ = false;
        return -1;
    }

    bool finished() const { return ok_ && text_.empty(); }

private:
    std::string_view text_;
    bool ok_ = true;
};

struct Fields {
    int year = 0;
    int month = 0;  // 0-11
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
};

void readTime(Reader& reader, Fields& fields) {
    fields.hour = reader.number(2);
    reader.literal(":");
    fields.minute = reader.number(2);
    reader.literal(":");
    fields.second = reader.number(2);
}

std::optional<std::chrono::sys_seconds> toTime(const Fields& fields) {
    using namespace std::chrono;
    const year_month_day date{year{fields.year}, month{static_cast<unsigned>(fields.month + 1)},
                              day{static_cast<unsigned>(fields.day)}};
    // A leap second (":60") is allowed by the grammar and read as the next second.
    if (!date.ok() || fields.hour > 23 || fields.minute > 59 || fields.second > 60) {
        return std::nullopt;
    }
    return sys_days(date) + hours(fields.hour) + minutes(fields.minute) + seconds(fields.second);
}

}  // namespace

std::optional<std::chrono::sys_seconds> parseHttpDate(std::string_view text) {
    Fields fields;
    {
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
        Reader reader(text);
        reader.oneOf(kDays);
        reader.literal(", ");
        fields.day = reader.number(2);
        reader.literal(" ");
        fields.month = reader.oneOf(kMonths);
        reader.literal(" ");
        fields.year = reader.number(4);
        reader.literal(" ");
        readTime(reader, fields);
        reader.literal(" GMT");
        if (reader.finished()) {
            return toTime(fields);
        }
    }
    {
        // rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT"; a two-digit year that would lie more
        // than 50 years ahead is in the past century (RFC 9110 section 5.6.7).
        Reader reader(text);
        reader.oneOf(kLongDays);
        reader.literal(", ");
        fields.day = reader.number(2);
        reader.literal("-");
        fields.month = reader.oneOf(kMonths);
        reader.literal("-");
        const int shortYear = reader.number(2);
        reader.literal(" ");
        readTime(reader, fields);
        reader.literal(" GMT");
        if (reader.finished()) {
            const auto today = std::chrono::year_month_day(
                std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
            const int thisYear = static_cast<int>(today.year());
            fields.year = thisYear / 100 * 100 + shortYear;
            if (fields.year > thisYear + 50) {
                fields.year -= 100;
            }
            return toTime(fields);
        }
    }
    {
        // asctime-date: "Sun Nov  6 08:49:37 1994"
        Reader reader(text);
        reader.oneOf(kDays);
        reader.literal(" ");
        fields.month = reader.oneOf(kMonths);
        reader.literal(" ");
        fields.day = reader.number(2, /*spacePadded=*/true);
        reader.literal(" ");
        readTime(reader, fields);
        reader.literal(" ");
        fields.year = reader.number(4);
        if (reader.finished()) {
            return toTime(fields);
        }
    }
    return std::nullopt;
}

}  // namespace balie::sync::client
