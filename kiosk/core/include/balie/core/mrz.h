// SPDX-License-Identifier: GPL-3.0-or-later
// Machine readable zones of ICAO 9303 travel documents: formats and the parser.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"

namespace balie::core {

/// \brief The five ICAO 9303 layouts: TD1 cards (3 x 30), TD2 cards (2 x 36), TD3 passports
/// (2 x 44), and the visas MRV-A (2 x 44) and MRV-B (2 x 36).
enum class MrzFormat { Td1, Td2, Td3, MrvA, MrvB };

/// \brief "TD1", "TD2", "TD3", "MRVA" or "MRVB".
std::string_view mrzFormatName(MrzFormat format);

/// \brief Number of lines of a format: 3 for TD1, 2 otherwise.
int mrzLineCount(MrzFormat format);

/// \brief Characters per line of a format: 30, 36 or 44.
int mrzLineLength(MrzFormat format);

/// \brief One check digit of a zone: the field it protects and whether the printed digit matches.
struct MrzCheck {
    /// "document_number", "birth_date", "expiry_date", "optional_data" (the TD3 personal
    /// number) or "composite".
    std::string_view name;
    bool passed = false;

    bool operator==(const MrzCheck&) const = default;
};

/// \brief For each line of \a format, the places a check digit watches: the characters some
/// check digit sums (the composite included) and the check digits themselves. Misreading such a
/// character as one whose value differs by other than a multiple of 10 fails a check; codes,
/// sex, names and visa optional data are watched by none.
std::vector<std::vector<bool>> mrzCheckedPlaces(MrzFormat format);

/// \brief A machine readable zone read field by field, as printed.
///
/// Codes, numbers and optional data lose their trailing fillers and nothing else; dates stay
/// "YYMMDD" with '<' for unknown parts. No field is corrected and no century is guessed.
struct Mrz {
    MrzFormat format = MrzFormat::Td3;
    std::vector<std::string> lines;  ///< the zone's lines, without surrounding whitespace

    std::string documentCode;    ///< "P", "ID", "V", ... ("P<" reads "P")
    std::string issuingState;    ///< "UTO", "BEL"; "D<<" reads "D" (Germany)
    std::string documentNumber;  ///< a TD1/TD2 number longer than 9 characters is joined whole
    std::string birthDate;       ///< "YYMMDD" as printed, "<<" for an unknown part
    char sex = '<';              ///< 'M', 'F' or '<' (unspecified)
    std::string expiryDate;      ///< "YYMMDD" as printed
    std::string nationality;     ///< as issuingState

    std::vector<std::string> primaryIdentifier;    ///< surname components
    std::vector<std::string> secondaryIdentifier;  ///< given-name components
    /// The name field ends with a letter: the issuer may have shortened the name to fit. A name
    /// that exactly fills the field looks the same (ICAO 9303 Part 5 examples).
    bool namePossiblyTruncated = false;

    /// Optional data: TD1 line 1 (after a long document number's overflow), TD2 and visa line 2,
    /// the TD3 personal number.
    std::string optionalData;
    std::string optionalData2;  ///< TD1 line 2 optional data; empty in the other formats

    /// Every check digit of the format in the order printed: document_number, birth_date,
    /// expiry_date, then optional_data (TD3 only) and composite (TD1, TD2, TD3; visas have none).
    std::vector<MrzCheck> checks;

    /// \brief True when every check digit matches. Check digits miss substitutions between
    /// characters whose values differ by a multiple of 10, and no check digit covers the name,
    /// sex or codes: "valid" rejects some misreads, it does not prove a read right.
    bool valid() const;

    /// \brief The surname components separated by single spaces ("VAN DER VELDEN").
    std::string surname() const;

    /// \brief The given-name components separated by single spaces ("ANNA MARIA").
    std::string givenNames() const;
};

/// \brief Parses a machine readable zone given as text, one MRZ line per text line.
///
/// Surrounding whitespace of each line, CR of CRLF line ends and blank lines before and after
/// the zone are ignored. Nothing else is: a line of the wrong length, a character outside
/// 'A'-'Z', '0'-'9' and '<' (lower case included), a blank line inside the zone, a layout that
/// is none of the five formats, a document code the format forbids, or a field holding
/// characters its definition excludes (a letter in a date, a digit in a name) make it
/// "not an MRZ".
///
/// A check digit that does not match is not an error: it is reported in Mrz::checks.
///
/// \return the zone, or Errc::InvalidFormat with a one-line reason ("line 2 has 43 characters,
/// expected 44").
Result<Mrz> parseMrz(std::string_view text);

/// \brief As parseMrz(std::string_view), with the lines already split.
Result<Mrz> parseMrzLines(std::span<const std::string> lines);

}  // namespace balie::core
