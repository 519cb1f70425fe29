// SPDX-License-Identifier: GPL-3.0-or-later
// Specimen machine readable zones used as test vectors: the ICAO 9303 "Utopia" specimens of
// Parts 4-7, the Belgian specimen card with a 12-digit number, and the German specimen card.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace balie::test {

using MrzLines = std::vector<std::string>;

// ICAO 9303 Part 4, TD3 passport.
inline const MrzLines kTd3Specimen = {
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
};

// ICAO 9303 Part 5, TD1 card.
inline const MrzLines kTd1Specimen = {
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
};

// ICAO 9303 Part 6, TD2 card.
inline const MrzLines kTd2Specimen = {
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
};

// ICAO 9303 Part 7, MRV-A visa.
inline const MrzLines kMrvASpecimen = {
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
};

// ICAO 9303 Part 7, MRV-B visa.
inline const MrzLines kMrvBSpecimen = {
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "L8988901C4XXX4009078F9612109<<<<<<<<",
};

// Belgian identity card specimen: the 12-digit card number 000001115702 overflows into the
// optional data; its check digit 7 leaves out the '<' at position 15 (with it, it would be 1).
// Line 2 carries the national register number in its optional data.
inline const MrzLines kBelgianSpecimen = {
    "IDBEL000001115<7027<<<<<<<<<<<",
    "9502286F3001064BEL950228998747",
    "SPECIMEN<<SPECIMEN<<<<<<<<<<<<",
};

// German identity card specimen: state and nationality "D<<", sex unspecified.
inline const MrzLines kGermanSpecimen = {
    "IDD<<T010089212<<<<<<<<<<<<<<<",
    "6408125<2010315D<<<<<<<<<<<<<6",
    "MUSTERMANN<<ERIKA<<<<<<<<<<<<<",
};

inline std::string joinLines(const MrzLines& lines, const std::string& separator = "\n") {
    std::string text;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        text += (i == 0 ? "" : separator) + lines[i];
    }
    return text;
}

}  // namespace balie::test
