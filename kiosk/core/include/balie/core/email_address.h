// SPDX-License-Identifier: GPL-3.0-or-later
// A practical syntax check for the e-mail address that receives a request's notifications.
#pragma once

#include <string_view>

namespace balie::core {

/// \brief True when `address` looks like an address the central service can mail to.
///
/// Accepts the everyday form "local@domain" of RFC 5321/5322: the local part a dot-atom (letters,
/// digits and !#$%&'*+-/=?^_`{|}~, dots only between characters, at most 64), the domain at least
/// two DNS labels (letters, digits and inner hyphens, 1-63 each) whose last one is not all digits,
/// at most 254 characters in all. Refuses on purpose what is legal but never typed for a company
/// mailbox and often undeliverable: quoted local parts, comments, IP-address literals, single-label
/// domains ("localhost") and non-ASCII addresses (these need SMTPUTF8 on every relay). Surrounding
/// spaces are refused, not trimmed: the address is shown back as typed.
bool isValidEmailAddress(std::string_view address);

}  // namespace balie::core
