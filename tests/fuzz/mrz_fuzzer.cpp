// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the MRZ parser and builder and checks their properties, not only that they survive:
// the parser accepts only well-shaped zones of MRZ characters, copied from the input unchanged,
// and every valid zone rebuilds to the same lines; whatever the builder makes parses as valid.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/mrz.h"
#include "balie/core/mrz_builder.h"
#include "balie/core/mrz_check_digit.h"

namespace {

using balie::core::Mrz;
using balie::core::MrzFields;
using balie::core::MrzFormat;

void require(bool condition, const char* property) {
    if (!condition) {
        std::fprintf(stderr, "MRZ property violated: %s\n", property);
        std::abort();
    }
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) {
        text += line + '\n';
    }
    return text;
}

std::size_t expectedChecks(MrzFormat format) {
    switch (format) {
        case MrzFormat::Td1:
        case MrzFormat::Td2:
            return 4;
        case MrzFormat::Td3:
            return 5;
        case MrzFormat::MrvA:
        case MrzFormat::MrvB:
            return 3;
    }
    return 0;
}

void requireWellShaped(const Mrz& mrz) {
    require(mrz.lines.size() == static_cast<std::size_t>(balie::core::mrzLineCount(mrz.format)),
            "line count fits the format");
    for (const std::string& line : mrz.lines) {
        require(line.size() == static_cast<std::size_t>(balie::core::mrzLineLength(mrz.format)),
                "line length fits the format");
        for (char c : line) {
            require(balie::core::isMrzCharacter(c), "only A-Z, 0-9 and < in an accepted line");
        }
    }
    require(mrz.checks.size() == expectedChecks(mrz.format), "one check per check digit");
}

void fuzzParser(std::string_view text) {
    balie::core::Result<Mrz> mrz = balie::core::parseMrz(text);
    if (!mrz.has_value()) {
        require(!mrz.error().message.empty(), "a refusal says why");
        require(mrz.error().message.find('\n') == std::string::npos, "the reason is one line");
        return;
    }
    requireWellShaped(*mrz);
    for (const std::string& line : mrz->lines) {
        require(text.find(line) != std::string_view::npos, "lines are taken from the input as is");
    }
    balie::core::Result<Mrz> again = balie::core::parseMrz(joined(mrz->lines));
    require(again.has_value(), "a parsed zone parses again");
    require(again->checks == mrz->checks && again->documentNumber == mrz->documentNumber,
            "parsing is repeatable");
    if (mrz->valid()) {
        balie::core::Result<std::vector<std::string>> rebuilt =
            balie::core::buildMrz(balie::core::fieldsOf(*mrz));
        require(rebuilt.has_value(), "a valid zone's fields can be built");
        require(*rebuilt == mrz->lines, "a valid zone rebuilds to the same lines");
    }
}

// Builder input: FORMAT|code|state|number|birth|sex|expiry|nationality|surname|given names|
// optional|optional 2|F (a filler check digit for an empty TD3 personal number).
void fuzzBuilder(std::string_view text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (parts.size() < 13) {
        const std::size_t end = text.find('|', start);
        parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    if (parts.size() < 12) {
        return;
    }
    MrzFields fields;
    const std::string& format = parts[0];
    if (format == "TD1") {
        fields.format = MrzFormat::Td1;
    } else if (format == "TD2") {
        fields.format = MrzFormat::Td2;
    } else if (format == "TD3") {
        fields.format = MrzFormat::Td3;
    } else if (format == "MRVA") {
        fields.format = MrzFormat::MrvA;
    } else if (format == "MRVB") {
        fields.format = MrzFormat::MrvB;
    } else {
        return;
    }
    fields.documentCode = parts[1];
    fields.issuingState = parts[2];
    fields.documentNumber = parts[3];
    fields.birthDate = parts[4];
    fields.sex = parts[5].empty() ? '<' : parts[5][0];
    fields.expiryDate = parts[6];
    fields.nationality = parts[7];
    fields.surname = parts[8];
    fields.givenNames = parts[9];
    fields.optionalData = parts[10];
    fields.optionalData2 = parts[11];
    fields.emptyPersonalNumberCheckIsFiller = parts.size() > 12 && parts[12] == "F";

    balie::core::Result<std::vector<std::string>> lines = balie::core::buildMrz(fields);
    if (!lines.has_value()) {
        require(!lines.error().message.empty(), "a refusal says why");
        return;
    }
    balie::core::Result<Mrz> mrz = balie::core::parseMrzLines(*lines);
    require(mrz.has_value(), "whatever the builder makes parses");
    requireWellShaped(*mrz);
    require(mrz->format == fields.format, "the format survives");
    require(mrz->valid(), "whatever the builder makes is valid");
    require(mrz->birthDate == fields.birthDate && mrz->expiryDate == fields.expiryDate,
            "dates survive");
    balie::core::Result<std::vector<std::string>> rebuilt =
        balie::core::buildMrz(balie::core::fieldsOf(*mrz));
    require(rebuilt.has_value() && *rebuilt == *lines, "a built zone rebuilds to itself");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fuzzParser(text);
    fuzzBuilder(text);
    return 0;
}
