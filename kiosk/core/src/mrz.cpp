// SPDX-License-Identifier: GPL-3.0-or-later
// MRZ formats and the parsed zone's derived values.
#include "balie/core/mrz.h"

#include <algorithm>

namespace balie::core {

std::string_view mrzFormatName(MrzFormat format) {
    switch (format) {
        case MrzFormat::Td1:
            return "TD1";
        case MrzFormat::Td2:
            return "TD2";
        case MrzFormat::Td3:
            return "TD3";
        case MrzFormat::MrvA:
            return "MRVA";
        case MrzFormat::MrvB:
            return "MRVB";
    }
    return "TD3";
}

int mrzLineCount(MrzFormat format) {
    return format == MrzFormat::Td1 ? 3 : 2;
}

int mrzLineLength(MrzFormat format) {
    switch (format) {
        case MrzFormat::Td1:
            return 30;
        case MrzFormat::Td2:
        case MrzFormat::MrvB:
            return 36;
        case MrzFormat::Td3:
        case MrzFormat::MrvA:
            return 44;
    }
    return 44;
}

bool Mrz::valid() const {
    return std::all_of(checks.begin(), checks.end(),
                       [](const MrzCheck& check) { return check.passed; });
}

namespace {

std::string joinWithSpaces(const std::vector<std::string>& components) {
    std::string text;
    for (const std::string& component : components) {
        if (!text.empty()) {
            text += ' ';
        }
        text += component;
    }
    return text;
}

}  // namespace

std::string Mrz::surname() const {
    return joinWithSpaces(primaryIdentifier);
}

std::string Mrz::givenNames() const {
    return joinWithSpaces(secondaryIdentifier);
}

}  // namespace balie::core
