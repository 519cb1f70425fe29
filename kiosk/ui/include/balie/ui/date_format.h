// SPDX-License-Identifier: GPL-3.0-or-later
// Dates as Belgians write them in each of the kiosk's languages.
#pragma once

#include <string>

#include "balie/core/date.h"
#include "balie/core/language.h"

namespace balie::ui {

enum class DateStyle {
    /// Day and month with two digits, year with four: "18/05/1993" (nl, fr, en), "18.05.1993"
    /// (de). Four digits because birth dates span centuries, like on the eID card.
    Numeric,
    /// CLDR's long Belgian form: "18 mei 1993", "18 mai 1993", "18. Mai 1993", "18 May 1993".
    Long,
};

/// \brief Formats a date whose day, or day and month, may be unknown.
///
/// Unknown parts are left out: "05/1993" or "mei 1993" without a day, "1993" without a month.
/// An unknown year gives an empty string: the caller shows its own "unknown".
std::string formatDate(const core::PartialDate& date, core::Language language, DateStyle style);

}  // namespace balie::ui
