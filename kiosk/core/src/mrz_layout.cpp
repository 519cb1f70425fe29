// SPDX-License-Identifier: GPL-3.0-or-later
// Field positions of ICAO 9303 Parts 4-7 and the character rules shared by parser and builder.
#include "mrz_layout.h"

#include <cstddef>

namespace balie::core::mrz {

std::string_view FieldSpan::in(const std::vector<std::string>& lines) const {
    return std::string_view(lines[static_cast<std::size_t>(line)])
        .substr(static_cast<std::size_t>(column), static_cast<std::size_t>(length));
}

std::string FieldSpan::describe() const {
    std::string text = "line " + std::to_string(line + 1);
    if (length == 1) {
        return text + " position " + std::to_string(column + 1);
    }
    return text + " positions " + std::to_string(column + 1) + "-" +
           std::to_string(column + length);
}

namespace {

// Line 1 of every two-line format: code, state, name to the end of the line.
constexpr FieldSpan kCode{0, 0, 2};
constexpr FieldSpan kState{0, 2, 3};

// Line 2 of every two-line format up to the optional data (ICAO 9303 Parts 4, 6, 7).
Layout twoLineLayout(int lineLength) {
    Layout layout;
    layout.documentCode = kCode;
    layout.issuingState = kState;
    layout.name = {0, 5, lineLength - 5};
    layout.documentNumber = {1, 0, 9};
    layout.documentNumberCheck = {1, 9, 1};
    layout.nationality = {1, 10, 3};
    layout.birthDate = {1, 13, 6};
    layout.birthDateCheck = {1, 19, 1};
    layout.sex = {1, 20, 1};
    layout.expiryDate = {1, 21, 6};
    layout.expiryDateCheck = {1, 27, 1};
    return layout;
}

Layout td1Layout() {
    Layout layout;
    layout.documentCode = kCode;
    layout.issuingState = kState;
    layout.documentNumber = {0, 5, 9};
    layout.documentNumberCheck = {0, 14, 1};
    layout.optionalData = {0, 15, 15};
    layout.birthDate = {1, 0, 6};
    layout.birthDateCheck = {1, 6, 1};
    layout.sex = {1, 7, 1};
    layout.expiryDate = {1, 8, 6};
    layout.expiryDateCheck = {1, 14, 1};
    layout.nationality = {1, 15, 3};
    layout.optionalData2 = {1, 18, 11};
    layout.composite = {1, 29, 1};
    layout.compositeSources = {FieldSpan{0, 5, 25}, FieldSpan{1, 0, 7}, FieldSpan{1, 8, 7},
                               FieldSpan{1, 18, 11}};
    layout.name = {2, 0, 30};
    layout.allowsLongDocumentNumber = true;
    return layout;
}

Layout td2Layout() {
    Layout layout = twoLineLayout(36);
    layout.optionalData = {1, 28, 7};
    layout.composite = {1, 35, 1};
    layout.compositeSources = {FieldSpan{1, 0, 10}, FieldSpan{1, 13, 7}, FieldSpan{1, 21, 14},
                               FieldSpan{}};
    layout.allowsLongDocumentNumber = true;
    return layout;
}

Layout td3Layout() {
    Layout layout = twoLineLayout(44);
    layout.optionalData = {1, 28, 14};
    layout.optionalDataCheck = {1, 42, 1};
    layout.composite = {1, 43, 1};
    layout.compositeSources = {FieldSpan{1, 0, 10}, FieldSpan{1, 13, 7}, FieldSpan{1, 21, 22},
                               FieldSpan{}};
    return layout;
}

// Visas have no composite check digit (ICAO 9303 Part 7).
Layout visaLayout(int lineLength) {
    Layout layout = twoLineLayout(lineLength);
    layout.optionalData = {1, 28, lineLength - 28};
    return layout;
}

bool isLetter(char c) {
    return c >= 'A' && c <= 'Z';
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

const Layout& layoutOf(MrzFormat format) {
    static const Layout kTd1 = td1Layout();
    static const Layout kTd2 = td2Layout();
    static const Layout kTd3 = td3Layout();
    static const Layout kMrvA = visaLayout(44);
    static const Layout kMrvB = visaLayout(36);
    switch (format) {
        case MrzFormat::Td1:
            return kTd1;
        case MrzFormat::Td2:
            return kTd2;
        case MrzFormat::Td3:
            return kTd3;
        case MrzFormat::MrvA:
            return kMrvA;
        case MrzFormat::MrvB:
            return kMrvB;
    }
    return kTd3;
}

std::optional<std::string> documentCodeProblem(MrzFormat format, std::string_view code) {
    const std::string quoted = "document code \"" + std::string(code) + "\"";
    if (code.size() != 2) {
        return quoted + " must have 1 or 2 characters";
    }
    if (!isLetter(code[1]) && code[1] != kMrzFiller) {
        return quoted + ": its second character must be a letter or <";
    }
    switch (format) {
        case MrzFormat::Td1:
        case MrzFormat::Td2:
            // ICAO 9303 Part 5 and Part 6, note a: A, C or I, never V second (that would be a
            // visa), and AI is excluded.
            if (code[0] != 'A' && code[0] != 'C' && code[0] != 'I') {
                return quoted + ": a " + std::string(mrzFormatName(format)) +
                       " card starts with A, C or I";
            }
            if (code[1] == 'V') {
                return quoted + ": the second letter of a card's code cannot be V";
            }
            if (code == "AI") {
                return quoted + " is not allowed";
            }
            return std::nullopt;
        case MrzFormat::Td3:
            if (code[0] != 'P') {
                return quoted + ": a 2 x 44 MRZ is a passport (P) or a visa (V)";
            }
            return std::nullopt;
        case MrzFormat::MrvA:
        case MrzFormat::MrvB:
            if (code[0] != 'V') {
                return quoted + ": a visa starts with V";
            }
            return std::nullopt;
    }
    return std::nullopt;
}

bool isLettersOrFillers(std::string_view text) {
    for (char c : text) {
        if (!isLetter(c) && c != kMrzFiller) {
            return false;
        }
    }
    return true;
}

bool isMrzDate(std::string_view text) {
    if (text.size() != 6) {
        return false;
    }
    for (std::size_t i = 0; i < 6; i += 2) {
        const bool digits = isDigit(text[i]) && isDigit(text[i + 1]);
        const bool unknown = text[i] == kMrzFiller && text[i + 1] == kMrzFiller;
        if (!digits && !unknown) {
            return false;
        }
    }
    return true;
}

bool isMrzSex(char c) {
    return c == 'M' || c == 'F' || c == kMrzFiller;
}

std::string_view trimFillers(std::string_view text) {
    const std::size_t end = text.find_last_not_of(kMrzFiller);
    return end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
}

namespace {

// Splits "A<B<C" into components; nullopt on an empty component or a non-letter.
std::optional<std::vector<std::string>> splitComponents(std::string_view text) {
    std::vector<std::string> components;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(kMrzFiller, start);
        std::string_view component = text.substr(start, end - start);
        if (component.empty()) {
            return std::nullopt;
        }
        for (char c : component) {
            if (!isLetter(c)) {
                return std::nullopt;
            }
        }
        components.emplace_back(component);
        if (end == std::string_view::npos) {
            return components;
        }
        start = end + 1;
    }
}

}  // namespace

std::optional<SplitName> splitNameField(std::string_view field) {
    const std::string_view name = trimFillers(field);
    if (name.empty()) {
        return std::nullopt;
    }
    const std::size_t separator = name.find("<<");
    auto primary = splitComponents(name.substr(0, separator));
    if (!primary) {
        return std::nullopt;
    }
    SplitName split{std::move(*primary), {}};
    if (separator != std::string_view::npos) {
        auto secondary = splitComponents(name.substr(separator + 2));
        if (!secondary) {
            return std::nullopt;
        }
        split.secondary = std::move(*secondary);
    }
    return split;
}

}  // namespace balie::core::mrz
