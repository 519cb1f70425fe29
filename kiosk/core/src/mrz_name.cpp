// SPDX-License-Identifier: GPL-3.0-or-later
// Names in machine readable zones: transliteration to the MRZ alphabet and shortening to fit.
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/mrz_builder.h"
#include "balie/core/mrz_check_digit.h"

namespace balie::core {

namespace {

// ICAO 9303 Part 3 transliteration of Latin-1 Supplement and Latin Extended-A letters, indexed
// from U+00C0 to U+017F. Empty entries are not letters (× ÷) or have no recommendation Balie
// follows (ĸ, ŉ, ſ): they are refused rather than guessed.
// clang-format off
constexpr std::string_view kLatin[] = {
    // U+00C0 ÀÁÂÃÄÅÆÇ ÈÉÊË ÌÍÎÏ
    "A", "A", "A", "A", "AE", "AA", "AE", "C",  "E", "E", "E", "E",  "I", "I", "I", "I",
    // U+00D0 ÐÑÒÓÔÕÖ× ØÙÚÛÜÝÞß
    "D", "N", "O", "O", "O",  "O",  "OE", "",   "OE", "U", "U", "U", "UE", "Y", "TH", "SS",
    // U+00E0 àáâãäåæç èéêë ìíîï
    "A", "A", "A", "A", "AE", "AA", "AE", "C",  "E", "E", "E", "E",  "I", "I", "I", "I",
    // U+00F0 ðñòóôõö÷ øùúûüýþÿ
    "D", "N", "O", "O", "O",  "O",  "OE", "",   "OE", "U", "U", "U", "UE", "Y", "TH", "Y",
    // U+0100 ĀāĂăĄąĆć ĈĉĊċČčĎď
    "A", "A", "A", "A", "A",  "A",  "C",  "C",  "C", "C", "C", "C",  "C", "C", "D", "D",
    // U+0110 ĐđĒēĔĕĖė ĘęĚěĜĝĞğ
    "D", "D", "E", "E", "E",  "E",  "E",  "E",  "E", "E", "E", "E",  "G", "G", "G", "G",
    // U+0120 ĠġĢģĤĥĦħ ĨĩĪīĬĭĮį
    "G", "G", "G", "G", "H",  "H",  "H",  "H",  "I", "I", "I", "I",  "I", "I", "I", "I",
    // U+0130 İıĲĳĴĵĶķ ĸĹĺĻļĽľĿ
    "I", "I", "IJ","IJ","J",  "J",  "K",  "K",  "",  "L", "L", "L",  "L", "L", "L", "L",
    // U+0140 ŀŁłŃńŅņŇ ňŉŊŋŌōŎŏ
    "L", "L", "L", "N", "N",  "N",  "N",  "N",  "N", "",  "N", "N",  "O", "O", "O", "O",
    // U+0150 ŐőŒœŔŕŖŗ ŘřŚśŜŝŞş
    "O", "O", "OE","OE","R",  "R",  "R",  "R",  "R", "R", "S", "S",  "S", "S", "S", "S",
    // U+0160 ŠšŢţŤťŦŧ ŨũŪūŬŭŮů
    "S", "S", "T", "T", "T",  "T",  "T",  "T",  "U", "U", "U", "U",  "U", "U", "U", "U",
    // U+0170 ŰűŲųŴŵŶŷ ŸŹźŻżŽžſ
    "U", "U", "U", "U", "W",  "W",  "Y",  "Y",  "Y", "Z", "Z", "Z",  "Z", "Z", "Z", "",
};
// clang-format on
static_assert(std::size(kLatin) == 0x180 - 0xC0);

std::string_view transliterate(char32_t codePoint) {
    if (codePoint >= 0xC0 && codePoint < 0x180) {
        return kLatin[codePoint - 0xC0];
    }
    switch (codePoint) {
        // Romanian comma-below letters, written with the cedilla forms above on older systems.
        case 0x218:
        case 0x219:
            return "S";
        case 0x21A:
        case 0x21B:
            return "T";
        default:
            return {};
    }
}

bool isApostrophe(char32_t codePoint) {
    // ' ` and the typographic forms: left and right single quotes, modifier apostrophe, acute.
    return codePoint == U'\'' || codePoint == U'`' || codePoint == 0x2018 || codePoint == 0x2019 ||
           codePoint == 0x2BC || codePoint == 0xB4;
}

bool isSeparator(char32_t codePoint) {
    // Space, tab, no-break space, hyphen-minus and the Unicode hyphens.
    return codePoint == U' ' || codePoint == U'\t' || codePoint == 0xA0 || codePoint == U'-' ||
           codePoint == 0x2010 || codePoint == 0x2011;
}

bool isAsciiPunctuation(char32_t codePoint) {
    return (codePoint >= 0x21 && codePoint <= 0x2F) || (codePoint >= 0x3A && codePoint <= 0x40) ||
           (codePoint >= 0x5B && codePoint <= 0x60) || (codePoint >= 0x7B && codePoint <= 0x7E);
}

// Decodes one UTF-8 sequence at \a pos and advances it; nullopt on malformed input (overlong
// forms, surrogates and values above U+10FFFF included).
std::optional<char32_t> decodeUtf8(std::string_view text, std::size_t& pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    int extra = 0;
    char32_t value = 0;
    if (lead < 0x80) {
        ++pos;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        extra = 1;
        value = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2;
        value = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3;
        value = lead & 0x07u;
    } else {
        return std::nullopt;
    }
    if (text.size() - pos <= static_cast<std::size_t>(extra)) {
        return std::nullopt;
    }
    for (int i = 1; i <= extra; ++i) {
        const auto byte = static_cast<unsigned char>(text[pos + static_cast<std::size_t>(i)]);
        if ((byte & 0xC0) != 0x80) {
            return std::nullopt;
        }
        value = (value << 6) | (byte & 0x3Fu);
    }
    static constexpr char32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    if (value < kSmallest[extra] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return std::nullopt;
    }
    pos += static_cast<std::size_t>(extra) + 1;
    return value;
}

std::string codePointName(char32_t codePoint) {
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(codePoint));
    return text;
}

std::vector<std::string> splitComponents(std::string_view text) {
    std::vector<std::string> components;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find(kMrzFiller, start), text.size());
        if (end > start) {
            components.emplace_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return components;
}

std::size_t joinedLength(const std::vector<std::string>& components) {
    std::size_t length = components.empty() ? 0 : components.size() - 1;
    for (const std::string& component : components) {
        length += component.size();
    }
    return length;
}

std::string join(const std::vector<std::string>& components) {
    std::string text;
    for (const std::string& component : components) {
        if (!text.empty()) {
            text += kMrzFiller;
        }
        text += component;
    }
    return text;
}

// Fits components into \a limit characters (\a limit >= 1): keeps as many leading components as
// can get at least an initial each, then takes letters off the last component that has more
// than one, so that the result fills \a limit and ends with a letter whenever it can.
void shorten(std::vector<std::string>& components, std::size_t limit) {
    if (joinedLength(components) <= limit) {
        return;
    }
    components.resize(std::min(components.size(), (limit + 1) / 2));
    while (joinedLength(components) > limit) {
        auto longer =
            std::find_if(components.rbegin(), components.rend(),
                         [](const std::string& component) { return component.size() > 1; });
        longer->pop_back();
    }
}

}  // namespace

Result<std::string> transliterateName(std::string_view utf8) {
    std::string out;
    bool pendingSeparator = false;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const std::size_t at = pos;
        const std::optional<char32_t> codePoint = decodeUtf8(utf8, pos);
        if (!codePoint) {
            return fail(Errc::InvalidArgument,
                        "name is not UTF-8 (byte " + std::to_string(at + 1) + ")");
        }
        const char32_t c = *codePoint;
        std::string_view letters;
        char upper = 0;
        if ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) {
            upper = static_cast<char>(c >= U'a' ? c - U'a' + U'A' : c);
            letters = std::string_view(&upper, 1);
        } else if (isSeparator(c)) {
            pendingSeparator = !out.empty();
            continue;
        } else if (isApostrophe(c) || isAsciiPunctuation(c)) {
            continue;
        } else if (c >= U'0' && c <= U'9') {
            return fail(Errc::InvalidArgument, "a name cannot hold the digit '" +
                                                   std::string(1, static_cast<char>(c)) + "'");
        } else {
            letters = transliterate(c);
            if (letters.empty()) {
                return fail(Errc::InvalidArgument,
                            "no MRZ transliteration for " + codePointName(c) + " in a name");
            }
        }
        if (pendingSeparator) {
            out += kMrzFiller;
            pendingSeparator = false;
        }
        out += letters;
    }
    return out;
}

Result<MrzNameField> encodeMrzName(std::string_view surname, std::string_view givenNames,
                                   int width) {
    if (width < 4) {
        return fail(Errc::InvalidArgument, "a name field needs at least 4 characters");
    }
    Result<std::string> primaryText = transliterateName(surname);
    if (!primaryText.has_value()) {
        return tl::unexpected(primaryText.error());
    }
    Result<std::string> secondaryText = transliterateName(givenNames);
    if (!secondaryText.has_value()) {
        return tl::unexpected(secondaryText.error());
    }
    std::vector<std::string> primary = splitComponents(*primaryText);
    std::vector<std::string> secondary = splitComponents(*secondaryText);
    if (primary.empty()) {
        return fail(Errc::InvalidArgument, "the surname has no letters");
    }
    const auto limit = static_cast<std::size_t>(width);
    const std::size_t full =
        joinedLength(primary) + (secondary.empty() ? 0 : 2 + joinedLength(secondary));
    MrzNameField field;
    if (full > limit) {
        field.truncated = true;
        if (secondary.empty()) {
            shorten(primary, limit);
        } else {
            shorten(primary, limit - 3);
            shorten(secondary, limit - 2 - joinedLength(primary));
        }
    }
    field.text = join(primary);
    if (!secondary.empty()) {
        field.text += "<<" + join(secondary);
    }
    field.text.resize(limit, kMrzFiller);
    return field;
}

}  // namespace balie::core
