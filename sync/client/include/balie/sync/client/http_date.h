// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP-date (RFC 9110 section 5.6.7): the preferred IMF-fixdate and the two obsolete forms that
// recipients must still accept.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace balie::sync::client {

/// \brief "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT" or
/// "Sun Nov  6 08:49:37 1994" as a UTC time; nullopt for anything else. Names are the English
/// ones of the standard, whatever the process's locale.
std::optional<std::chrono::sys_seconds> parseHttpDate(std::string_view text);

}  // namespace balie::sync::client
