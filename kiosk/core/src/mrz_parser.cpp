// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the lines of an ICAO 9303 machine readable zone into fields and check-digit results.
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/mrz.h"
#include "balie/core/mrz_check_digit.h"
#include "mrz_layout.h"

namespace balie::core {

namespace {

using mrz::FieldSpan;
using mrz::Layout;
using mrz::layoutOf;

constexpr std::string_view kWhitespace = " \t\r\v\f";

std::string_view trimWhitespace(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(kWhitespace);
    if (begin == std::string_view::npos) {
        return {};
    }
    return text.substr(begin, text.find_last_not_of(kWhitespace) - begin + 1);
}

// Quotes a character for a one-line message; bytes that may not print are shown in hex.
std::string describeCharacter(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
        return std::string("'") + c + "'";
    }
    char text[16];
    std::snprintf(text, sizeof text, "byte 0x%02X", static_cast<unsigned>(byte));
    return text;
}

tl::unexpected<Error> notAnMrz(std::string message) {
    return fail(Errc::InvalidFormat, std::move(message));
}

// Drops surrounding whitespace of each line and blank lines around the zone.
Result<std::vector<std::string>> zoneLines(std::span<const std::string> raw) {
    std::size_t first = 0;
    std::size_t last = raw.size();
    while (first < last && trimWhitespace(raw[first]).empty()) {
        ++first;
    }
    while (last > first && trimWhitespace(raw[last - 1]).empty()) {
        --last;
    }
    std::vector<std::string> lines;
    for (std::size_t i = first; i < last; ++i) {
        std::string_view line = trimWhitespace(raw[i]);
        if (line.empty()) {
            return notAnMrz("line " + std::to_string(lines.size() + 1) +
                            " is blank: an MRZ has no blank line between its lines");
        }
        lines.emplace_back(line);
    }
    return lines;
}

Result<MrzFormat> detectFormat(const std::vector<std::string>& lines) {
    if (lines.empty()) {
        return notAnMrz("no MRZ lines in the input");
    }
    if (lines.size() != 2 && lines.size() != 3) {
        return notAnMrz(std::to_string(lines.size()) + (lines.size() == 1 ? " line" : " lines") +
                        "; an MRZ has 2 or 3 lines");
    }
    for (std::size_t l = 0; l < lines.size(); ++l) {
        for (std::size_t i = 0; i < lines[l].size(); ++i) {
            if (!isMrzCharacter(lines[l][i])) {
                return notAnMrz("line " + std::to_string(l + 1) + " position " +
                                std::to_string(i + 1) + ": " + describeCharacter(lines[l][i]) +
                                " is not an MRZ character (A-Z, 0-9, <)");
            }
        }
    }
    const std::size_t width = lines[0].size();
    if (lines.size() == 3) {
        for (std::size_t l = 0; l < 3; ++l) {
            if (lines[l].size() != 30) {
                return notAnMrz("line " + std::to_string(l + 1) + " has " +
                                std::to_string(lines[l].size()) +
                                " characters, expected 30 (3 lines: TD1)");
            }
        }
        return MrzFormat::Td1;
    }
    if (width != 36 && width != 44) {
        return notAnMrz("line 1 has " + std::to_string(width) + " characters, expected 36 or 44");
    }
    if (lines[1].size() != width) {
        return notAnMrz("line 2 has " + std::to_string(lines[1].size()) + " characters, expected " +
                        std::to_string(width));
    }
    const bool visa = lines[0][0] == 'V';
    if (width == 44) {
        return visa ? MrzFormat::MrvA : MrzFormat::Td3;
    }
    if (visa) {
        return MrzFormat::MrvB;
    }
    // The French identity card of 1994-2021 is 2 x 36 too but is not TD2: no expiry date and
    // other fields in other places. Its card number puts digits where TD2 has the nationality.
    const std::string_view nationality = std::string_view(lines[1]).substr(10, 3);
    if (lines[0].starts_with("IDFRA") && !mrz::isLettersOrFillers(nationality)) {
        return notAnMrz("French identity card of 1994-2021: its layout is not ICAO 9303");
    }
    return MrzFormat::Td2;
}

// True when \a check is the check digit of \a text.
bool checkDigitMatches(std::string_view text, char check) {
    return mrzCheckDigit(text) == check;
}

// Why a field whose characters are restricted by definition (codes, dates, sex, name) breaks
// that rule; no check digit protects codes, sex and name, and a date letter could pass its check
// digit ('S' counts like '8').
std::optional<std::string> fieldProblem(const Layout& layout,
                                        const std::vector<std::string>& lines) {
    auto quoted = [&](const FieldSpan& span) { return "\"" + std::string(span.in(lines)) + "\""; };
    if (!mrz::isLettersOrFillers(layout.issuingState.in(lines))) {
        return layout.issuingState.describe() + ": issuing state " + quoted(layout.issuingState) +
               " must be letters";
    }
    if (!mrz::isLettersOrFillers(layout.nationality.in(lines))) {
        return layout.nationality.describe() + ": nationality " + quoted(layout.nationality) +
               " must be letters";
    }
    if (!mrz::isMrzDate(layout.birthDate.in(lines))) {
        return layout.birthDate.describe() + ": birth date " + quoted(layout.birthDate) +
               " is not YYMMDD (digits, << for an unknown part)";
    }
    if (!mrz::isMrzDate(layout.expiryDate.in(lines))) {
        return layout.expiryDate.describe() + ": expiry date " + quoted(layout.expiryDate) +
               " is not YYMMDD (digits, << for an unknown part)";
    }
    if (!mrz::isMrzSex(layout.sex.in(lines)[0])) {
        return layout.sex.describe() + ": sex " + quoted(layout.sex) + " is not M, F or <";
    }
    if (!mrz::splitNameField(layout.name.in(lines))) {
        return layout.name.describe() + ": name " + quoted(layout.name) +
               " is not SURNAME<<GIVEN<NAMES (letters, single < between components)";
    }
    return std::nullopt;
}

// Reads the document number and its check; TD1 and TD2 numbers longer than 9 characters put a
// filler in the check-digit place and continue in the optional data, followed by their check
// digit and a filler (ICAO 9303 Part 5 note j, Part 6 note j). That check digit covers the 9
// characters and the continuation, not the filler between them.
void readDocumentNumber(const Layout& layout, const std::vector<std::string>& lines, Mrz& zone) {
    const std::string_view number = layout.documentNumber.in(lines);
    const char check = layout.documentNumberCheck.in(lines)[0];
    const std::string_view optional = layout.optionalData.in(lines);
    if (check != kMrzFiller || !layout.allowsLongDocumentNumber) {
        zone.documentNumber = mrz::trimFillers(number);
        zone.checks.push_back({"document_number", checkDigitMatches(number, check)});
        zone.optionalData = mrz::trimFillers(optional);
        return;
    }
    const std::size_t end = std::min(optional.find(kMrzFiller), optional.size());
    const std::string_view overflow = optional.substr(0, end);
    if (overflow.size() < 2) {
        // Not even one continuation character and a check digit: the number has no check digit.
        zone.documentNumber = mrz::trimFillers(number);
        zone.checks.push_back({"document_number", false});
        zone.optionalData = mrz::trimFillers(optional);
        return;
    }
    zone.documentNumber =
        std::string(number) + std::string(overflow.substr(0, overflow.size() - 1));
    zone.checks.push_back(
        {"document_number", checkDigitMatches(zone.documentNumber, overflow.back())});
    zone.optionalData = end < optional.size() ? mrz::trimFillers(optional.substr(end + 1)) : "";
}

Mrz readFields(MrzFormat format, std::vector<std::string> lines) {
    const Layout& layout = layoutOf(format);
    Mrz zone;
    zone.format = format;
    zone.documentCode = mrz::trimFillers(layout.documentCode.in(lines));
    zone.issuingState = mrz::trimFillers(layout.issuingState.in(lines));
    zone.nationality = mrz::trimFillers(layout.nationality.in(lines));
    zone.birthDate = layout.birthDate.in(lines);
    zone.expiryDate = layout.expiryDate.in(lines);
    zone.sex = layout.sex.in(lines)[0];
    mrz::SplitName name = *mrz::splitNameField(layout.name.in(lines));
    zone.primaryIdentifier = std::move(name.primary);
    zone.secondaryIdentifier = std::move(name.secondary);
    zone.namePossiblyTruncated = layout.name.in(lines).back() != kMrzFiller;

    readDocumentNumber(layout, lines, zone);
    zone.checks.push_back({"birth_date", checkDigitMatches(layout.birthDate.in(lines),
                                                           layout.birthDateCheck.in(lines)[0])});
    zone.checks.push_back({"expiry_date", checkDigitMatches(layout.expiryDate.in(lines),
                                                            layout.expiryDateCheck.in(lines)[0])});
    if (layout.optionalDataCheck.exists()) {
        // A TD3 personal number of fillers only may have '<' as its check digit (ICAO 9303
        // Part 4 note); '0' is what the computation gives.
        const std::string_view optional = layout.optionalData.in(lines);
        const char check = layout.optionalDataCheck.in(lines)[0];
        const bool empty = mrz::trimFillers(optional).empty();
        zone.checks.push_back({"optional_data", checkDigitMatches(optional, check) ||
                                                    (empty && check == kMrzFiller)});
    }
    if (layout.optionalData2.exists()) {
        zone.optionalData2 = mrz::trimFillers(layout.optionalData2.in(lines));
    }
    if (layout.composite.exists()) {
        std::string covered;
        for (const FieldSpan& span : layout.compositeSources) {
            if (span.exists()) {
                covered += span.in(lines);
            }
        }
        zone.checks.push_back(
            {"composite", checkDigitMatches(covered, layout.composite.in(lines)[0])});
    }
    zone.lines = std::move(lines);
    return zone;
}

}  // namespace

Result<Mrz> parseMrzLines(std::span<const std::string> raw) {
    Result<std::vector<std::string>> lines = zoneLines(raw);
    if (!lines.has_value()) {
        return tl::unexpected(lines.error());
    }
    Result<MrzFormat> format = detectFormat(*lines);
    if (!format.has_value()) {
        return tl::unexpected(format.error());
    }
    const Layout& layout = layoutOf(*format);
    if (auto problem = mrz::documentCodeProblem(*format, layout.documentCode.in(*lines))) {
        return notAnMrz(layout.documentCode.describe() + ": " + *problem);
    }
    if (auto problem = fieldProblem(layout, *lines)) {
        return notAnMrz(*problem);
    }
    return readFields(*format, std::move(*lines));
}

Result<Mrz> parseMrz(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parseMrzLines(lines);
}

}  // namespace balie::core
