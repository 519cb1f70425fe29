// SPDX-License-Identifier: GPL-3.0-or-later
// Status changes applied to a request, keeping its status and the data that goes with it in step.
#pragma once

#include <string>

#include "balie/core/error.h"
#include "balie/core/request.h"

namespace balie::core {

/// \brief Moves `request` to `to`, a status that carries no data (Queued, Sent, PendingOperator,
/// Failed, Deleted). Leaving ActionExpected clears the action reason.
/// \return Errc::InvalidState when the transition table forbids the change;
/// Errc::InvalidArgument for Identified or ActionExpected, which need markIdentified() or
/// markActionExpected(). The request is unchanged on error.
[[nodiscard]] Result<void> changeStatus(Request& request, RequestStatus to);

/// \brief Records the final answer "identified" with the person's INSZ (11 digits).
/// \return Errc::InvalidState when the request cannot become identified from its status;
/// Errc::InvalidFormat when `insz` is not 11 digits. The request is unchanged on error.
[[nodiscard]] Result<void> markIdentified(Request& request, std::string insz);

/// \brief Records that the central service expects an action from the agent, and why.
/// \return Errc::InvalidState when the transition table forbids it; the request is unchanged.
[[nodiscard]] Result<void> markActionExpected(Request& request, ActionReason reason);

}  // namespace balie::core
