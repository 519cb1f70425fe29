// SPDX-License-Identifier: GPL-3.0-or-later
// Where the delivery of a request to the central service stands, as the store keeps it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "balie/core/request_store.h"

namespace balie::sync {

/// \brief The steps of a delivery: the request itself, then its pages, one resumable upload each.
enum class DeliveryStage {
    Create,  ///< the central service has not acknowledged the request (no ticket for it yet)
    Pages,   ///< acknowledged with a ticket; pages are being uploaded
};

/// \brief How much of one page the central service has received.
struct PageProgress {
    int index = 0;  ///< 0-based, the page's position in the request
    std::uint64_t received = 0;
    bool complete = false;

    bool operator==(const PageProgress&) const = default;
};

/// \brief One outbox entry with its delivery state. A request whose ticket is known at the start
/// of the Create stage was queued again with a new document (re-upload after "action expected").
struct Delivery {
    core::OutboxItem item;
    std::string ticket;
    DeliveryStage stage = DeliveryStage::Create;
    std::vector<PageProgress> pages;  ///< only pages with progress; others start at 0

    bool operator==(const Delivery&) const = default;
};

/// \brief A request deleted on the kiosk whose deletion the central service has not confirmed.
/// Without a ticket the central service may still hold it (the answer to its create was lost):
/// it is named by the create's idempotency key instead.
struct RemoteDelete {
    std::string localId;
    std::string ticket;
    int attempts = 0;
    std::string lastError;
    std::chrono::system_clock::time_point nextAttemptAt;
    std::string idempotencyKey;  ///< set when the ticket is empty

    bool operator==(const RemoteDelete&) const = default;
};

/// \brief What the central service answered about a request beyond its status.
struct AnswerDetails {
    std::string actionDetail;  ///< with "action expected": what the operator asks for, in words
    /// Person fields the registry completed for a known person, by wire name ("birth_place").
    std::map<std::string, std::string> personCompleted;

    bool empty() const { return actionDetail.empty() && personCompleted.empty(); }
    bool operator==(const AnswerDetails&) const = default;
};

}  // namespace balie::sync
