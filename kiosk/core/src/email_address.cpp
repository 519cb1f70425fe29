// SPDX-License-Identifier: GPL-3.0-or-later
// A practical syntax check for e-mail addresses.
#include "balie/core/email_address.h"

#include <algorithm>
#include <cstddef>

namespace balie::core {

namespace {

// RFC 5321 limits: 64 for the local part, 255 for a domain, and a path of at most 256 including
// the angle brackets, which leaves 254 for the address.
constexpr std::size_t kMaxLocalPartLength = 64;
constexpr std::size_t kMaxAddressLength = 254;
constexpr std::size_t kMaxLabelLength = 63;

bool isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// "atext" of RFC 5322 section 3.2.3.
bool isAtext(char c) {
    static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
    return isLetter(c) || isDigit(c) || kSpecials.find(c) != std::string_view::npos;
}

// A dot-atom: atext runs separated by single dots, no dot at either end.
bool isDotAtom(std::string_view text) {
    if (text.empty() || text.front() == '.' || text.back() == '.' ||
        text.find("..") != std::string_view::npos) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) { return c == '.' || isAtext(c); });
}

// A DNS host name label (RFC 1035, relaxed by RFC 1123 to allow a leading digit).
bool isLabel(std::string_view label) {
    if (label.empty() || label.size() > kMaxLabelLength || label.front() == '-' ||
        label.back() == '-') {
        return false;
    }
    return std::all_of(label.begin(), label.end(),
                       [](char c) { return isLetter(c) || isDigit(c) || c == '-'; });
}

bool isMailDomain(std::string_view domain) {
    std::size_t labels = 0;
    std::string_view last;
    while (true) {
        const std::size_t dot = domain.find('.');
        last = domain.substr(0, dot);
        if (!isLabel(last)) {
            return false;
        }
        ++labels;
        if (dot == std::string_view::npos) {
            break;
        }
        domain.remove_prefix(dot + 1);
    }
    // An all-digit top-level label would make "192.168.1.1" look like a domain (RFC 3696 §2).
    return labels >= 2 && !std::all_of(last.begin(), last.end(), isDigit);
}

}  // namespace

bool isValidEmailAddress(std::string_view address) {
    if (address.size() > kMaxAddressLength) {
        return false;
    }
    const std::size_t at = address.find('@');
    // One '@' only: a second one would need a quoted local part, which is refused.
    if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const std::string_view local = address.substr(0, at);
    const std::string_view domain = address.substr(at + 1);
    return local.size() <= kMaxLocalPartLength && isDotAtom(local) && isMailDomain(domain);
}

}  // namespace balie::core
