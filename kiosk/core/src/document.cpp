// SPDX-License-Identifier: GPL-3.0-or-later
// Document numbers and the national-number rule.
#include "balie/core/document.h"

namespace balie::core {

std::string normalizeDocumentNumber(std::string_view number) {
    std::string normalized;
    normalized.reserve(number.size());
    for (char c : number) {
        if (c == ' ' || c == '-' || c == '.' || c == '/') {
            continue;
        }
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
        normalized.push_back(c);
    }
    return normalized;
}

bool usesNationalNumber(const Document& document) {
    if (normalizeDocumentNumber(document.nationalNumber).empty()) {
        return true;
    }
    return normalizeDocumentNumber(document.number) ==
           normalizeDocumentNumber(document.nationalNumber);
}

}  // namespace balie::core
