// SPDX-License-Identifier: GPL-3.0-or-later
// Random but encodable MRZ fields of each format, for round-trip and substitution tests.
#pragma once

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

#include "balie/core/mrz_builder.h"

namespace balie::test {

class RandomMrzFields {
public:
    explicit RandomMrzFields(unsigned seed) : engine_(seed) {}

    core::MrzFields next(core::MrzFormat format) {
        using core::MrzFormat;
        core::MrzFields fields;
        fields.format = format;
        const bool card = format == MrzFormat::Td1 || format == MrzFormat::Td2;
        const bool visa = format == MrzFormat::MrvA || format == MrzFormat::MrvB;
        fields.documentCode = card ? cardCode() : std::string(visa ? "V" : "P") + codeLetter();
        fields.issuingState = stateCode();
        fields.nationality = stateCode();
        fields.birthDate = date();
        fields.expiryDate = date();
        fields.sex = pick("MF<");
        fields.surname = name(1 + below(3));
        fields.givenNames = below(5) == 0 ? std::string() : name(1 + below(3));

        const std::size_t optionalLength = optionalDataLength(format);
        const bool longNumber = card && below(3) == 0;
        if (longNumber) {
            // The overflow, its check digit and a filler share the optional data field.
            const std::size_t overflow = 1 + below(4);
            fields.documentNumber = text(9 + overflow, kAlphanumeric);
            fields.optionalData = optional(optionalLength - overflow - 2);
        } else {
            fields.documentNumber = text(1 + below(9), kAlphanumeric);
            fields.optionalData = optional(optionalLength);
        }
        if (format == MrzFormat::Td1) {
            fields.optionalData2 = optional(11);
        }
        if (format == MrzFormat::Td3 && fields.optionalData.empty()) {
            fields.emptyPersonalNumberCheckIsFiller = below(2) == 0;
        }
        return fields;
    }

    std::size_t below(std::size_t bound) {
        return std::uniform_int_distribution<std::size_t>(0, bound - 1)(engine_);
    }

private:
    static constexpr std::string_view kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static constexpr std::string_view kAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    static std::size_t optionalDataLength(core::MrzFormat format) {
        switch (format) {
            case core::MrzFormat::Td1:
                return 15;
            case core::MrzFormat::Td2:
                return 7;
            case core::MrzFormat::Td3:
                return 14;
            case core::MrzFormat::MrvA:
                return 16;
            case core::MrzFormat::MrvB:
                return 8;
        }
        return 0;
    }

    char pick(std::string_view from) { return from[below(from.size())]; }

    std::string text(std::size_t length, std::string_view from) {
        std::string out;
        for (std::size_t i = 0; i < length; ++i) {
            out += pick(from);
        }
        return out;
    }

    char codeLetter() { return below(4) == 0 ? '<' : pick(kLetters); }

    std::string cardCode() {
        const char first = pick("ACI");
        char second = codeLetter();
        while (second == 'V' || (first == 'A' && second == 'I')) {
            second = codeLetter();
        }
        return std::string(1, first) + second;
    }

    std::string stateCode() { return below(10) == 0 ? "D" : text(3, kLetters); }

    std::string date() {
        std::string out;
        for (int part = 0; part < 3; ++part) {
            out += below(10) == 0 ? std::string("<<") : text(2, "0123456789");
        }
        return out;
    }

    // Components of 1-12 letters separated by spaces; long ones will need shortening.
    std::string name(std::size_t components) {
        std::string out;
        for (std::size_t i = 0; i < components; ++i) {
            out += (i == 0 ? "" : " ") + text(1 + below(12), kLetters);
        }
        return out;
    }

    // Optional data that keeps its value through the trimming of trailing fillers.
    std::string optional(std::size_t maxLength) {
        std::string out = text(below(maxLength + 1), "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<");
        while (!out.empty() && out.back() == '<') {
            out.pop_back();
        }
        return out;
    }

    std::mt19937 engine_;
};

}  // namespace balie::test
