// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a new password from standard input, never from the command line (where other users of
// the machine and the shell history would see it).
#pragma once

#include <string>

#include "balie/core/error.h"

namespace balie::sync::central {

/// \brief On a terminal: asks twice with echo off and checks both agree. Otherwise: the first
/// line of standard input. Errc::InvalidArgument when nothing was given or the two differ.
[[nodiscard]] core::Result<std::string> readNewPassword();

}  // namespace balie::sync::central
