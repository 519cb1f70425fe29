// SPDX-License-Identifier: GPL-3.0-or-later
// Belgian date formats per language: fixed numeric patterns and CLDR's long forms.
#include "balie/ui/date_format.h"

#include <array>
#include <string_view>

namespace balie::ui {

namespace {

using MonthNames = std::array<std::string_view, 12>;

constexpr MonthNames kDutchMonths = {"januari",   "februari", "maart",    "april",
                                     "mei",       "juni",     "juli",     "augustus",
                                     "september", "oktober",  "november", "december"};
constexpr MonthNames kFrenchMonths = {"janvier",   "février", "mars",     "avril",
                                      "mai",       "juin",    "juillet",  "août",
                                      "septembre", "octobre", "novembre", "décembre"};
constexpr MonthNames kGermanMonths = {"Januar",    "Februar", "März",     "April",
                                      "Mai",       "Juni",    "Juli",     "August",
                                      "September", "Oktober", "November", "Dezember"};
constexpr MonthNames kEnglishMonths = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

const MonthNames& monthNames(core::Language language) {
    switch (language) {
        case core::Language::Dutch:
            return kDutchMonths;
        case core::Language::French:
            return kFrenchMonths;
        case core::Language::German:
            return kGermanMonths;
        case core::Language::English:
            return kEnglishMonths;
    }
    return kEnglishMonths;
}

std::string twoDigits(int value) {
    return {static_cast<char>('0' + value / 10 % 10), static_cast<char>('0' + value % 10)};
}

}  // namespace

std::string formatDate(const core::PartialDate& date, core::Language language, DateStyle style) {
    if (date.year == 0) {
        return {};
    }
    std::string year = std::to_string(date.year);
    bool hasMonth = date.month >= 1 && date.month <= 12;
    bool hasDay = hasMonth && date.day != 0;
    if (style == DateStyle::Numeric) {
        std::string separator = language == core::Language::German ? "." : "/";
        std::string text;
        if (hasDay) {
            text += twoDigits(date.day) + separator;
        }
        if (hasMonth) {
            text += twoDigits(date.month) + separator;
        }
        return text + year;
    }
    std::string text;
    if (hasDay) {
        text += std::to_string(date.day) + (language == core::Language::German ? ". " : " ");
    }
    if (hasMonth) {
        text += std::string(monthNames(language)[static_cast<std::size_t>(date.month - 1)]) + " ";
    }
    return text + year;
}

}  // namespace balie::ui
