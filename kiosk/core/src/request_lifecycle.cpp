// SPDX-License-Identifier: GPL-3.0-or-later
// Status changes of a request.
#include "balie/core/request_lifecycle.h"

#include <algorithm>
#include <utility>

namespace balie::core {

namespace {

// Moves the status and keeps the action reason in step with it.
void enter(Request& request, RequestStatus to) {
    request.status = to;
    if (to != RequestStatus::ActionExpected) {
        request.actionReason.reset();
    }
}

}  // namespace

Result<void> changeStatus(Request& request, RequestStatus to) {
    if (to == RequestStatus::Identified) {
        return fail(Errc::InvalidArgument, "an identified request needs its INSZ");
    }
    if (to == RequestStatus::ActionExpected) {
        return fail(Errc::InvalidArgument, "an expected action needs its reason");
    }
    auto allowed = checkTransition(request.status, to);
    if (!allowed.has_value()) {
        return tl::unexpected(std::move(allowed.error()));
    }
    enter(request, to);
    return {};
}

Result<void> markIdentified(Request& request, std::string insz) {
    auto allowed = checkTransition(request.status, RequestStatus::Identified);
    if (!allowed.has_value()) {
        return tl::unexpected(std::move(allowed.error()));
    }
    // The check digits are the INSZ module's business at the edge that receives the number; here
    // only the machine form is enforced, so nothing else lands in the record.
    if (insz.size() != 11 ||
        !std::all_of(insz.begin(), insz.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return fail(Errc::InvalidFormat, "an INSZ is 11 digits");
    }
    enter(request, RequestStatus::Identified);
    request.insz = std::move(insz);
    return {};
}

Result<void> markActionExpected(Request& request, ActionReason reason) {
    auto allowed = checkTransition(request.status, RequestStatus::ActionExpected);
    if (!allowed.has_value()) {
        return tl::unexpected(std::move(allowed.error()));
    }
    enter(request, RequestStatus::ActionExpected);
    request.actionReason = reason;
    return {};
}

}  // namespace balie::core
