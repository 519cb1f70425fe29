// SPDX-License-Identifier: GPL-3.0-or-later
// The request life cycle's transition table and status names.
#include "balie/core/request_status.h"

#include <algorithm>
#include <array>
#include <string>

namespace balie::core {

namespace {

using enum RequestStatus;

constexpr StatusTransition kTransitions[] = {
    {Draft, Queued},
    {Queued, Sent},
    {Queued, Deleted},
    {Sent, Identified},
    {Sent, PendingOperator},
    {Sent, ActionExpected},
    {Sent, Failed},
    {Sent, Deleted},
    {PendingOperator, Identified},
    {PendingOperator, ActionExpected},
    {PendingOperator, Failed},
    {PendingOperator, Deleted},
    {ActionExpected, Queued},
    {ActionExpected, Deleted},
};

struct StatusName {
    RequestStatus status;
    std::string_view key;
};

constexpr std::array<StatusName, 8> kStatusNames{{
    {Draft, "draft"},
    {Queued, "queued"},
    {Sent, "sent"},
    {Identified, "identified"},
    {PendingOperator, "pending_operator"},
    {ActionExpected, "action_expected"},
    {Failed, "failed"},
    {Deleted, "deleted"},
}};

struct ReasonName {
    ActionReason reason;
    std::string_view key;
};

constexpr std::array<ReasonName, 3> kReasonNames{{
    {ActionReason::BadQuality, "bad_quality"},
    {ActionReason::ExpiredDocument, "expired_document"},
    {ActionReason::Other, "other"},
}};

}  // namespace

std::span<const StatusTransition> allowedTransitions() {
    return kTransitions;
}

bool isTransitionAllowed(RequestStatus from, RequestStatus to) {
    return std::any_of(std::begin(kTransitions), std::end(kTransitions),
                       [&](const StatusTransition& t) { return t.from == from && t.to == to; });
}

Result<RequestStatus> checkTransition(RequestStatus from, RequestStatus to) {
    if (!isTransitionAllowed(from, to)) {
        return fail(Errc::InvalidState, "a request cannot go from " + std::string(statusKey(from)) +
                                            " to " + std::string(statusKey(to)));
    }
    return to;
}

bool isFinal(RequestStatus status) {
    return status == Identified || status == Failed || status == Deleted;
}

bool canDelete(RequestStatus status) {
    return isTransitionAllowed(status, Deleted);
}

std::optional<OverviewSymbol> overviewSymbol(RequestStatus status) {
    switch (status) {
        case Draft:
        case Deleted:
            return std::nullopt;
        case Queued:
            return OverviewSymbol::QueuedNotSent;
        case Sent:
        case PendingOperator:
        case ActionExpected:
            return OverviewSymbol::InProgress;
        case Identified:
            return OverviewSymbol::Identified;
        case Failed:
            return OverviewSymbol::Failed;
    }
    return std::nullopt;
}

std::string_view statusKey(RequestStatus status) {
    for (const auto& name : kStatusNames) {
        if (name.status == status) {
            return name.key;
        }
    }
    return {};
}

std::optional<RequestStatus> statusFromKey(std::string_view key) {
    for (const auto& name : kStatusNames) {
        if (name.key == key) {
            return name.status;
        }
    }
    return std::nullopt;
}

std::string_view actionReasonKey(ActionReason reason) {
    for (const auto& name : kReasonNames) {
        if (name.reason == reason) {
            return name.key;
        }
    }
    return {};
}

std::optional<ActionReason> actionReasonFromKey(std::string_view key) {
    for (const auto& name : kReasonNames) {
        if (name.key == key) {
            return name.reason;
        }
    }
    return std::nullopt;
}

}  // namespace balie::core
