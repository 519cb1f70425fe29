// SPDX-License-Identifier: GPL-3.0-or-later
// MRZ formats and the parsed zone's derived values.
#include "balie/core/mrz.h"

#include <algorithm>

#include "mrz_layout.h"

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

std::vector<std::vector<bool>> mrzCheckedPlaces(MrzFormat format) {
    const auto& layout = mrz::layoutOf(format);
    std::vector<std::vector<bool>> places(
        static_cast<std::size_t>(mrzLineCount(format)),
        std::vector<bool>(static_cast<std::size_t>(mrzLineLength(format)), false));
    const auto watch = [&places](const mrz::FieldSpan& span) {
        auto& line = places[static_cast<std::size_t>(span.line)];
        for (int column = span.column; column < span.column + span.length; ++column) {
            line[static_cast<std::size_t>(column)] = true;
        }
    };
    for (const mrz::FieldSpan& span :
         {layout.documentNumber, layout.documentNumberCheck, layout.birthDate,
          layout.birthDateCheck, layout.expiryDate, layout.expiryDateCheck, layout.composite}) {
        watch(span);
    }
    if (layout.optionalDataCheck.exists()) {
        watch(layout.optionalData);
        watch(layout.optionalDataCheck);
    }
    for (const mrz::FieldSpan& span : layout.compositeSources) {
        watch(span);
    }
    return places;
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
