// SPDX-License-Identifier: GPL-3.0-or-later
// RequestStore: the port through which the kiosk keeps requests, their page images and the outbox.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/request.h"

namespace balie::core {

/// \brief One scanned page as the scanner encoded it (JPEG, PNG, ...), handed to the store once.
struct PageImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> encoded;

    bool operator==(const PageImage&) const = default;
};

/// \brief A request waiting to be sent to the central service.
struct OutboxItem {
    std::string localId;
    /// Created with the request, sent with every attempt, so the central service can recognise a
    /// retry of a request it already received.
    std::string idempotencyKey;
    int attempts = 0;
    std::string lastError;  ///< why the last attempt failed; empty before the first attempt
    std::chrono::system_clock::time_point nextAttemptAt;

    bool operator==(const OutboxItem&) const = default;
};

/// \brief Which requests the overview asks for: newest first, one page at a time.
struct RequestQuery {
    /// Only the requests of this agent (Requester::agentId); all agents when empty.
    std::optional<std::string> requesterAgentId;
    /// "Load older": only requests stored before this one (the last local id of the previous page).
    std::optional<std::string> olderThan;
    std::size_t limit = 20;
};

/// \brief One page of the overview.
struct RequestList {
    std::vector<Request> requests;  ///< newest first; pages carry references, never image bytes
    bool hasOlder = false;          ///< true when "load older" would return more
};

/// \brief Keeps requests on the kiosk until the central service has answered, and the outbox of
/// requests still to send. Personal data and page images are protected at rest by the
/// implementation; callers only ever see plain values.
///
/// Every write is atomic: after an error (disk full, I/O error) nothing of that write is stored and
/// everything stored before is intact. Implementations must be callable from any thread.
class RequestStore {
public:
    virtual ~RequestStore() = default;

    /// \brief Stores a validated draft with its page images and creates its outbox entry, all in
    /// one transaction.
    /// \param[in] draft the wizard's request; its status must be Draft. Its `pages` are replaced by
    /// references to `pages`; its document's `mrzLines` are kept apart, with the images, and are
    /// not part of the returned or loaded request.
    /// \param[in] pages the scanned pages, in order (1 to kMaxDocumentPages).
    /// \param[in] now the submission time; also the outbox entry's first attempt time.
    /// \return the stored request: a new local id, status Queued, submittedAt set (kept when the
    /// draft had one), pages filled in. Errc::InvalidState for a request that is not a draft,
    /// Errc::InvalidArgument for a wrong number of pages, Errc::Storage when it could not be saved.
    [[nodiscard]] virtual Result<Request> submit(Request draft, std::vector<PageImage> pages,
                                                 std::chrono::system_clock::time_point now) = 0;

    /// \brief The request with this local id, pages as references. Errc::NotFound when there is
    /// none (never stored, or deleted).
    [[nodiscard]] virtual Result<Request> load(std::string_view localId) = 0;

    /// \brief The encoded bytes of one page of a request. Errc::NotFound when the request or the
    /// page does not exist, or the image was purged because the request reached a final status.
    [[nodiscard]] virtual Result<std::vector<std::uint8_t>> loadPage(std::string_view localId,
                                                                     std::string_view pageId) = 0;

    /// \brief Requests for the overview, newest first (by order of storing, not by clock).
    /// Errc::NotFound when `olderThan` names no stored request.
    [[nodiscard]] virtual Result<RequestList> list(const RequestQuery& query) = 0;

    /// \brief Stores a status change made with the core's life-cycle functions (changeStatus,
    /// markIdentified, markActionExpected) together with the ticket number and INSZ.
    ///
    /// Leaving Queued removes the outbox entry (the central service has the request); a final
    /// status purges the page images; Deleted purges everything of the request. Errc::InvalidState
    /// when the stored status cannot change to the new one (for example a stale copy),
    /// Errc::NotFound when the request is not stored.
    [[nodiscard]] virtual Result<void> update(const Request& request) = 0;

    /// \brief Outbox entries whose next attempt is due (nextAttemptAt <= now), oldest first.
    [[nodiscard]] virtual Result<std::vector<OutboxItem>> dueOutbox(
        std::chrono::system_clock::time_point now, std::size_t limit) = 0;

    /// \brief Every outbox entry, oldest first, due or not.
    [[nodiscard]] virtual Result<std::vector<OutboxItem>> outbox() = 0;

    /// \brief Records a failed send attempt: attempts + 1, the error, and when to try again.
    /// Errc::NotFound when the request has no outbox entry.
    [[nodiscard]] virtual Result<void> recordAttempt(
        std::string_view localId, std::string error,
        std::chrono::system_clock::time_point nextAttemptAt) = 0;
};

}  // namespace balie::core
