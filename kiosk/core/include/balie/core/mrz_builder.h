// SPDX-License-Identifier: GPL-3.0-or-later
// Builds ICAO 9303 machine readable zones from fields: check digits, fillers, names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/mrz.h"

namespace balie::core {

/// \brief What a machine readable zone holds, before encoding.
///
/// Codes, numbers, dates and optional data are given in MRZ characters ('A'-'Z', '0'-'9', '<');
/// shorter values are padded with fillers. Names are free text in UTF-8 and get transliterated.
struct MrzFields {
    MrzFormat format = MrzFormat::Td3;
    std::string documentCode;  ///< 1-2 characters allowed by the format: "P", "ID", "V", ...
    std::string issuingState;  ///< up to 3 letters: "BEL", "D" (printed "D<<")
    /// Up to 9 characters; in TD1 and TD2 longer numbers overflow into the optional data
    /// (ICAO 9303 Part 5 note j, Part 6 note j).
    std::string documentNumber;
    std::string birthDate;   ///< "YYMMDD"; "<<" for an unknown year, month or day
    char sex = '<';          ///< 'M', 'F', or '<' / 'X' for unspecified
    std::string expiryDate;  ///< "YYMMDD"
    std::string nationality;
    std::string surname;     ///< UTF-8; goes in the primary identifier
    std::string givenNames;  ///< UTF-8; goes in the secondary identifier, may be empty
    std::string optionalData;
    std::string optionalData2;  ///< TD1 line 2 only
    /// TD3 only, with empty optional data: print its check digit as '<' instead of '0' (both
    /// are allowed, at the issuer's choice).
    bool emptyPersonalNumberCheckIsFiller = false;
};

/// \brief Encodes fields as the lines of a machine readable zone, with every check digit.
///
/// Names are transliterated (transliterateName()) and shortened to fit (encodeMrzName()).
///
/// \return the lines, or Errc::InvalidArgument naming the field that cannot be encoded (a
/// character outside its set, too long, a date that is not YYMMDD, an empty surname, a document
/// code the format forbids).
Result<std::vector<std::string>> buildMrz(const MrzFields& fields);

/// \brief The fields of a parsed zone, such that buildMrz() gives back its lines when the zone
/// is valid.
MrzFields fieldsOf(const Mrz& mrz);

/// \brief Writes a name in the MRZ alphabet: components upper case and separated by '<'.
///
/// Latin letters with diacritics follow the ICAO 9303 Part 3 transliteration table: most lose
/// the mark (É -> E, Ł -> L, Ç -> C); Ä -> AE, Å -> AA, Æ -> AE, Ö -> OE, Ø -> OE, Œ -> OE,
/// Ü -> UE, ß -> SS, Þ -> TH, Ĳ -> IJ. Apostrophes are removed; spaces and hyphens separate
/// components; other ASCII punctuation is dropped.
///
/// \param[in] utf8 a surname or given names as written ("Müller-Lüdenscheidt", "D'Hondt")
/// \return "MUELLER<LUEDENSCHEIDT", "DHONDT"; Errc::InvalidArgument for a digit, a letter of
/// another script, a combining mark or bytes that are not UTF-8.
Result<std::string> transliterateName(std::string_view utf8);

/// \brief A name field: the characters to print and whether the name had to be shortened.
struct MrzNameField {
    std::string text;  ///< exactly the field width, padded with fillers
    bool truncated = false;
};

/// \brief Encodes a name into a field of \a width characters: primary identifier, "<<",
/// secondary identifier.
///
/// A name that does not fit is shortened as ICAO 9303 requires: the primary identifier is
/// shortened until it, "<<" and at least the first letter of the secondary identifier fit; then
/// the secondary identifier is shortened into the space left. Shortening keeps as many leading
/// components as can get an initial each and takes letters off the last components first
/// ("ANNA<MARIA" in 5 characters is "ANN<M"). The field then ends with a letter, which readers
/// take as "possibly truncated" (only a name of many initials can miss that by one filler).
///
/// \return the field; Errc::InvalidArgument when transliteration fails or the surname is empty.
Result<MrzNameField> encodeMrzName(std::string_view surname, std::string_view givenNames,
                                   int width);

}  // namespace balie::core
