// SPDX-License-Identifier: GPL-3.0-or-later
// Belgian INSZ numbers: check digits, decoding of birth date and sex, strict and lenient rules.
#include "balie/core/insz.h"

#include <cstdio>
#include <utility>

namespace balie::core {

namespace {

// The 2000 rule computes the check over "2" followed by the 9 digits.
constexpr long long kYear2000Prefix = 2'000'000'000;

constexpr int kHighestSerial = 998;

int checkValue(long long base) {
    return 97 - static_cast<int>(base % 97);
}

int decimal(std::string_view digits) {
    int value = 0;
    for (char c : digits) {
        value = value * 10 + (c - '0');
    }
    return value;
}

tl::expected<std::string, InszError> stripSeparators(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (c == '.' || c == '-' || c == ' ') {
            continue;
        }
        if (c < '0' || c > '9') {
            return tl::unexpected(InszError::InvalidCharacter);
        }
        digits.push_back(c);
    }
    if (digits.size() != 11) {
        return tl::unexpected(InszError::WrongLength);
    }
    return digits;
}

// What the month digits say: the kind, the offset added to the month, and whether the serial's
// parity is the sex.
struct MonthMeaning {
    InszKind kind;
    int offset;
    bool encodesSex;
};

std::optional<MonthMeaning> monthMeaning(int month) {
    if (month <= 12) {
        return MonthMeaning{InszKind::NationalNumber, 0, true};
    }
    if (month >= 20 && month <= 32) {
        return MonthMeaning{InszKind::Bis, 20, false};
    }
    if (month >= 40 && month <= 52) {
        return MonthMeaning{InszKind::Bis, 40, true};
    }
    if (month >= 60 && month <= 72) {
        return MonthMeaning{InszKind::Bis, 60, false};
    }
    return std::nullopt;
}

// Unknown parts count as the earliest they could be, so that only a date that is certainly later
// than today is refused.
bool isAfter(const PartialDate& birthDate, const PartialDate& today) {
    if (birthDate.year == 0) {
        return false;
    }
    PartialDate earliest{birthDate.year, birthDate.month == 0 ? 1 : birthDate.month,
                         birthDate.day == 0 ? 1 : birthDate.day};
    return earliest > today;
}

}  // namespace

std::string_view inszErrorMessage(InszError error) {
    switch (error) {
        case InszError::InvalidCharacter:
            return "only digits, '.', '-' and spaces are allowed";
        case InszError::WrongLength:
            return "an INSZ has 11 digits";
        case InszError::CheckDigits:
            return "check digits do not match";
        case InszError::MonthOutOfRange:
            return "month is not 00-12 (national number), 20-32 or 40-52 (BIS number)";
        case InszError::FutureBirthDate:
            return "birth date is in the future";
        case InszError::SelfAssigned:
            return "month + 60 marks a self-assigned number, not an INSZ";
        case InszError::ImpossibleDate:
            return "birth day does not exist in that month";
        case InszError::UnknownDay:
            return "day 00 with a known month";
        case InszError::Serial:
            return "serial 000 and 999 are never assigned";
    }
    return "invalid INSZ";
}

tl::expected<Insz, InszError> Insz::parse(std::string_view text, InszMode mode,
                                          const PartialDate& today) {
    auto digits = stripSeparators(text);
    if (!digits.has_value()) {
        return tl::unexpected(digits.error());
    }
    std::string_view view = *digits;
    long long base = decimal(view.substr(0, 9));
    int check = decimal(view.substr(9, 2));
    int century = 0;
    if (checkValue(base) == check) {
        century = 1900;
    } else if (checkValue(kYear2000Prefix + base) == check) {
        century = 2000;
    } else {
        return tl::unexpected(InszError::CheckDigits);
    }

    int monthDigits = decimal(view.substr(2, 2));
    auto meaning = monthMeaning(monthDigits);
    if (!meaning.has_value()) {
        return tl::unexpected(InszError::MonthOutOfRange);
    }

    Insz number;
    number.digits_ = *digits;
    number.kind_ = meaning->kind;
    number.century_ = century;
    number.serial_ = decimal(view.substr(6, 3));
    if (meaning->offset == 60) {
        number.suspicious_.push_back(InszError::SelfAssigned);
    }

    std::string_view datePart = view.substr(0, 6);
    bool fictitious = datePart == "000001" || datePart == "002001" || datePart == "004001";
    if (!fictitious) {
        PartialDate& date = number.birthDate_;
        date.year = century + decimal(view.substr(0, 2));
        int month = monthDigits - meaning->offset;
        int day = decimal(view.substr(4, 2));
        // With the month unknown the day digits count exhausted serial ranges, not days.
        if (month != 0) {
            date.month = month;
            if (day == 0) {
                number.suspicious_.push_back(InszError::UnknownDay);
            } else if (day > daysInMonth(date.year, month)) {
                number.suspicious_.push_back(InszError::ImpossibleDate);
            } else {
                date.day = day;
            }
        }
    }
    if (number.serial_ == 0 || number.serial_ == 999) {
        number.suspicious_.push_back(InszError::Serial);
    }
    if (meaning->encodesSex) {
        number.sex_ = number.serial_ % 2 == 1 ? InszSex::Male : InszSex::Female;
    }

    if (isAfter(number.birthDate_, today)) {
        return tl::unexpected(InszError::FutureBirthDate);
    }
    if (mode == InszMode::Strict && !number.suspicious_.empty()) {
        return tl::unexpected(number.suspicious_.front());
    }
    return number;
}

Result<Insz> Insz::compose(const InszFields& fields, const PartialDate& today) {
    const PartialDate& date = fields.birthDate;
    if (!date.isPlausible()) {
        return fail(Errc::InvalidArgument, "birth date " + date.iso() + " is not a calendar date");
    }
    if (date.year == 0 && date.month != 0) {
        return fail(Errc::InvalidArgument,
                    "a birth date with an unknown year must be entirely unknown");
    }
    if (date.year != 0 && (date.year < 1900 || date.year > 2099)) {
        return fail(Errc::OutOfRange, "birth year must be 1900-2099");
    }
    if (fields.kind == InszKind::NationalNumber && !fields.sex.has_value()) {
        return fail(Errc::InvalidArgument, "a national number always encodes the sex");
    }
    if (fields.serial < 1 || fields.serial > kHighestSerial) {
        return fail(Errc::OutOfRange, "serial must be 1-998");
    }
    if (fields.sex.has_value() && (fields.serial % 2 == 1) != (*fields.sex == InszSex::Male)) {
        return fail(Errc::InvalidArgument, *fields.sex == InszSex::Male
                                               ? "serial must be odd for a man"
                                               : "serial must be even for a woman");
    }

    int offset = 0;
    if (fields.kind == InszKind::Bis) {
        offset = fields.sex.has_value() ? 40 : 20;
    }
    int century = 1900;
    int year = 0;
    int month = offset;
    int day = 0;
    if (date.year == 0) {
        day = 1;  // the fictitious date: nothing known
    } else {
        century = date.year >= 2000 ? 2000 : 1900;
        year = date.year - century;
        if (date.day != 0) {
            month += date.month;
            day = date.day;
        }
    }
    long long base = ((year * 100LL + month) * 100 + day) * 1000 + fields.serial;
    int check = checkValue(century == 2000 ? kYear2000Prefix + base : base);
    char text[24];
    std::snprintf(text, sizeof text, "%09lld%02d", base, check);

    auto number = parse(text, InszMode::Strict, today);
    if (!number.has_value()) {
        return fail(Errc::OutOfRange, std::string(inszErrorMessage(number.error())));
    }
    return *std::move(number);
}

std::string Insz::formatted() const {
    return digits_.substr(0, 2) + '.' + digits_.substr(2, 2) + '.' + digits_.substr(4, 2) + '-' +
           digits_.substr(6, 3) + '.' + digits_.substr(9, 2);
}

std::string Insz::masked() const {
    return digits_.substr(0, 2) + '.' + digits_.substr(2, 2) + '.' + digits_.substr(4, 2) +
           "-***.**";
}

Result<Insz> allocateBis(const PartialDate& birthDate, std::optional<InszSex> sex,
                         const PartialDate& today,
                         const std::function<bool(const Insz&)>& isTaken) {
    int first = sex == InszSex::Female ? 2 : 1;
    int step = sex.has_value() ? 2 : 1;
    for (int serial = first; serial <= kHighestSerial; serial += step) {
        auto number = Insz::compose({InszKind::Bis, birthDate, sex, serial}, today);
        // A birth date that cannot be encoded fails the same way for every serial.
        if (!number.has_value() || !isTaken(*number)) {
            return number;
        }
    }
    return fail(Errc::OutOfRange, "every serial for this birth date and sex is taken");
}

}  // namespace balie::core
