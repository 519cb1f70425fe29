// SPDX-License-Identifier: GPL-3.0-or-later
// The life cycle of an identification request: its states and the transitions between them.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "balie/core/error.h"

namespace balie::core {

/// \brief Where a request stands, from the wizard's draft to the central service's final answer.
enum class RequestStatus {
    Draft,            ///< being filled in by the wizard; never stored
    Queued,           ///< stored on the kiosk, not yet received by the central service
    Sent,             ///< received by the central service, no answer yet
    Identified,       ///< final: the person has an INSZ
    PendingOperator,  ///< an operator must look at it; the answer follows later
    ActionExpected,   ///< the agent must act, e.g. upload a new document (see ActionReason)
    Failed,           ///< final: the person could not be identified
    Deleted,          ///< final: the agent deleted the request; all processing stopped
};

/// \brief Why the central service expects an action from the agent.
enum class ActionReason {
    BadQuality,       ///< the document's images are not readable enough
    ExpiredDocument,  ///< the document was no longer valid
    Other,            ///< anything else; the detail view says what
};

/// \brief One allowed change of status.
struct StatusTransition {
    RequestStatus from;
    RequestStatus to;
};

/// \brief Every allowed transition; any pair not listed is forbidden.
///
/// A request is deletable while it is not final, also when it is queued and was never sent (the
/// outbox entry is dropped) and while it waits for an action. A draft is never deleted: it was not
/// stored, the wizard abandons it instead. Re-uploading a document after "action expected" queues
/// the request again.
std::span<const StatusTransition> allowedTransitions();

bool isTransitionAllowed(RequestStatus from, RequestStatus to);

/// \brief Checks one transition: `to` when allowed, Errc::InvalidState otherwise.
[[nodiscard]] Result<RequestStatus> checkTransition(RequestStatus from, RequestStatus to);

/// \brief Identified, Failed and Deleted: no transition leaves them.
bool isFinal(RequestStatus status);

/// \brief True when the agent may delete a request in this status (stored and not final).
bool canDelete(RequestStatus status);

/// \brief The symbol a request carries in the overview list.
enum class OverviewSymbol {
    Identified,     ///< green check with the INSZ
    Failed,         ///< grey cross
    InProgress,     ///< clock: at the central service, no final answer yet
    QueuedNotSent,  ///< kiosk only: stored here, waiting for the network
};

/// \brief The overview symbol of a status; nullopt for a draft or a deleted request, which the
/// overview does not list. A request that waits for an action is in progress (the action itself is
/// announced in the notifications above the list).
std::optional<OverviewSymbol> overviewSymbol(RequestStatus status);

/// \brief Stable lower-case name ("pending_operator") for storage and the wire protocol.
std::string_view statusKey(RequestStatus status);
std::optional<RequestStatus> statusFromKey(std::string_view key);

/// \brief Stable lower-case name ("bad_quality") for storage and the wire protocol.
std::string_view actionReasonKey(ActionReason reason);
std::optional<ActionReason> actionReasonFromKey(std::string_view key);

}  // namespace balie::core
