// SPDX-License-Identifier: GPL-3.0-or-later
// Belgian INSZ numbers (national register numbers and BIS numbers): validation, printing,
// allocation.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "balie/core/date.h"
#include "balie/core/error.h"

namespace balie::core {

// Validation policy (reference insz.md §6).
//
// Hard rules, in both modes: after removing '.', '-' and ' ' the input is 11 digits; the check
// digits are 97 - (first 9 digits mod 97) ("1900 rule") or the same over "2" + the first 9 digits
// ("2000 rule"); the month is 00-12 (national number), 20-32 (BIS, sex unknown) or 40-52 (BIS, sex
// known); the encoded birth date is not after `today`.
//
// Strict mode, for numbers typed or OCR'd at the kiosk, also rejects what public libraries disagree
// on, because a typing or reading error is far likelier there than a real oddity:
//   - serial 000 or 999 (only 001-997 and 002-998 are ever assigned);
//   - a day that does not exist in the month (31 April, 29 February of a common year, day 32+);
//   - day 00 with a known month;
//   - BIS month + 60 ("self-assigned", months 60-72: no official source describes it).
// Lenient mode, for numbers from the central service or a chip, accepts those and lists them in
// Insz::suspicious() for an operator to look at. An impossible or 00 day is then reported as
// unknown, and a + 60 number as a BIS without sex, so that nothing is read from it that no rule
// defines.
//
// Century. 2 000 000 000 mod 97 = 68, so the two rules never give the same check digits: the rule
// that matches fixes the century, and the year digits are never used to guess it. When the
// matching rule puts the birth date after `today` (e.g. the 2000 rule on "30.01.01-..." before
// 2030) the number is rejected in both modes: no number is issued before its holder is born, and
// reading it as a 1900 birth would contradict its check digits.
//
// A known weakness of the scheme itself: mod 97 catches every single-digit error and every swap of
// two adjacent digits within one century rule, but a few errors give a valid number of the other
// century: the second year digit changed by 6 ("01.05.18-223.01" <-> "07.05.18-223.01"), swapped
// month digits that differ by 2 ("02" <-> "20") and swapped day digits that differ by 6 ("06" <->
// "60"). No validator can catch them all; showing the decoded birth date back to the user does.
//
// Unknown birth dates (reference §4-5): month 00 (BIS 20/40) leaves month and day unknown, the day
// digits then being a counter for exhausted serial ranges; the fictitious dates 000001, 002001
// and 004001 leave the whole date unknown, year included.

/// \brief Whether an INSZ is a national register number or a BIS number.
enum class InszKind { NationalNumber, Bis };

/// \brief The sex an INSZ encodes (odd serial = male); absent when the number does not encode one.
enum class InszSex { Male, Female };

/// \brief Which validation rules apply: see the policy above.
enum class InszMode { Strict, Lenient };

/// \brief Why a number is not a valid INSZ (or, in lenient mode, why it is suspicious).
enum class InszError {
    InvalidCharacter,  ///< a character other than a digit, '.', '-' or ' '
    WrongLength,       ///< not 11 digits
    CheckDigits,       ///< neither the 1900 nor the 2000 rule matches
    MonthOutOfRange,   ///< the month fits no kind
    FutureBirthDate,   ///< the birth date is after today
    SelfAssigned,      ///< month + 60 (strict only)
    ImpossibleDate,    ///< the day does not exist in that month (strict only)
    UnknownDay,        ///< day 00 with a known month (strict only)
    Serial,            ///< serial 000 or 999 (strict only)
};

/// \brief A short English sentence for \a error, e.g. "check digits do not match".
std::string_view inszErrorMessage(InszError error);

/// \brief What a new number is to encode.
struct InszFields {
    InszKind kind = InszKind::Bis;
    /// 0 for unknown parts. A known month with an unknown day is encoded as a known year only,
    /// because strict validation rejects day 00 with a known month. An unknown year needs the
    /// whole date unknown and gives the fictitious date.
    PartialDate birthDate;
    /// Required for a national number; for a BIS, absent gives month + 20 and present month + 40.
    std::optional<InszSex> sex;
    /// 1-998: odd for a man, even for a woman, any when the sex is unknown.
    int serial = 0;
};

/// \brief A valid INSZ and what it encodes. Created only by parse() or compose().
///
/// Personal data: log masked() only, never digits() or formatted().
class Insz {
public:
    /// \brief Validates \a text under \a mode.
    /// \param[in] text the number, possibly with '.', '-' and ' ' between digits
    /// \param[in] today the current date (complete); later birth dates are rejected
    [[nodiscard]] static tl::expected<Insz, InszError> parse(std::string_view text, InszMode mode,
                                                             const PartialDate& today);

    /// \brief Builds the number that encodes \a fields; it always passes strict validation.
    /// \return an error (InvalidArgument, OutOfRange) when \a fields cannot be encoded: birth date
    /// not a calendar date, after \a today or outside 1900-2099, serial out of range or of the
    /// wrong parity for the sex, or a national number without a sex
    [[nodiscard]] static Result<Insz> compose(const InszFields& fields, const PartialDate& today);

    /// \brief The 11 digits, e.g. "93051822361".
    const std::string& digits() const { return digits_; }
    InszKind kind() const { return kind_; }
    /// \brief 1900 or 2000, as the matching check rule says.
    int century() const { return century_; }
    /// \brief The birth date, 0 for parts the number does not encode.
    const PartialDate& birthDate() const { return birthDate_; }
    std::optional<InszSex> sex() const { return sex_; }
    /// \brief Digits 7-9: 0-999.
    int serial() const { return serial_; }
    /// \brief Strict-mode rules this number breaks; always empty for a strictly parsed number.
    const std::vector<InszError>& suspicious() const { return suspicious_; }

    /// \brief "YY.MM.DD-SSS.CC", e.g. "93.05.18-223.61".
    std::string formatted() const;
    /// \brief The printed form with serial and check digits hidden, for logs: "93.05.18-***.**".
    std::string masked() const;

    bool operator==(const Insz& other) const { return digits_ == other.digits_; }

private:
    Insz() = default;

    std::string digits_;
    InszKind kind_ = InszKind::NationalNumber;
    int century_ = 1900;
    PartialDate birthDate_;
    std::optional<InszSex> sex_;
    int serial_ = 0;
    std::vector<InszError> suspicious_;
};

/// \brief Allocates a new BIS number: the lowest serial for this birth date and sex (1, 3, ... 997
/// for a man; 2, 4, ... 998 for a woman; 1-998 when the sex is unknown) whose number is not taken.
/// \param[in] isTaken true for a number already assigned, now or ever (numbers are never reused)
/// \return the number, an error from Insz::compose(), or OutOfRange when every serial is taken
[[nodiscard]] Result<Insz> allocateBis(const PartialDate& birthDate, std::optional<InszSex> sex,
                                       const PartialDate& today,
                                       const std::function<bool(const Insz&)>& isTaken);

}  // namespace balie::core
