// SPDX-License-Identifier: GPL-3.0-or-later
// Where each field sits in the five ICAO 9303 layouts, and the character rules the parser and the
// builder share, so that whatever one accepts the other can produce.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/mrz.h"
#include "balie/core/mrz_check_digit.h"

namespace balie::core::mrz {

/// \brief A field's place: 0-based line and column, and its length (0: the format has none).
struct FieldSpan {
    int line = 0;
    int column = 0;
    int length = 0;

    bool exists() const { return length > 0; }
    std::string_view in(const std::vector<std::string>& lines) const;
    /// \brief "line 2 positions 14-19" (1-based, as ICAO numbers them).
    std::string describe() const;
};

struct Layout {
    FieldSpan documentCode;
    FieldSpan issuingState;
    FieldSpan documentNumber;
    FieldSpan documentNumberCheck;
    FieldSpan birthDate;
    FieldSpan birthDateCheck;
    FieldSpan sex;
    FieldSpan expiryDate;
    FieldSpan expiryDateCheck;
    FieldSpan nationality;
    FieldSpan optionalData;       ///< also receives the overflow of a long TD1/TD2 document number
    FieldSpan optionalDataCheck;  ///< TD3 only
    FieldSpan optionalData2;      ///< TD1 only
    FieldSpan composite;
    std::array<FieldSpan, 4> compositeSources;  ///< unused entries have length 0
    FieldSpan name;
    /// TD1 and TD2 may carry document numbers longer than 9 characters.
    bool allowsLongDocumentNumber = false;
};

const Layout& layoutOf(MrzFormat format);

/// \brief Why a printed two-character document code is not allowed in \a format; nullopt when
/// it is.
std::optional<std::string> documentCodeProblem(MrzFormat format, std::string_view code);

/// \brief Letters and fillers only (codes of states and nationalities).
bool isLettersOrFillers(std::string_view text);

/// \brief "YYMMDD" where each of YY, MM and DD is two digits or "<<" (unknown).
bool isMrzDate(std::string_view text);

/// \brief 'M', 'F' or '<'.
bool isMrzSex(char c);

/// \brief \a text without its trailing fillers.
std::string_view trimFillers(std::string_view text);

struct SplitName {
    std::vector<std::string> primary;
    std::vector<std::string> secondary;
};

/// \brief Splits a printed name field into primary and secondary components.
/// \return nullopt when the field is not "A<B<<C<D" padded with fillers: empty, starting with a
/// filler, holding a non-letter, an empty component or more than one "<<".
std::optional<SplitName> splitNameField(std::string_view field);

}  // namespace balie::core::mrz
