// SPDX-License-Identifier: GPL-3.0-or-later
// SyncService: the port through which the kiosk talks to the central service, whatever the
// network does.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/request.h"
#include "balie/core/request_store.h"

namespace balie::core {

/// \brief An agent on the company's access list, as the central service knows them.
struct AgentAccess {
    std::string agentId;  ///< opaque; what requests carry as Requester::agentId
    std::string displayName;
};

/// \brief A digital key as the agent typed it. All three are secrets: never log them.
struct DigitalKey {
    std::string username;
    std::string password;
    std::string code;  ///< the 6-digit security code of the agent's authenticator app
};

/// \brief What the kiosk shows about the link to the central service.
struct SyncStatus {
    bool online = false;     ///< the last exchange with the central service succeeded
    std::size_t queued = 0;  ///< requests (and deletions) still to send
    std::string lastError;   ///< why the last exchange failed; empty when online
    std::optional<std::chrono::system_clock::time_point> lastContact;
    bool retrying = false;  ///< the agent asked to try again and that attempt has not ended

    bool operator==(const SyncStatus&) const = default;
};

/// \brief One request of the company's history, as the central service lists it.
struct HistoryEntry {
    std::string ticketNumber;
    std::string localId;  ///< empty when another kiosk filed it
    RequestStatus status = RequestStatus::Sent;
    std::string insz;
    Requester requester;
    std::string surname;
    std::string givenNames;
    std::optional<std::chrono::system_clock::time_point> submittedAt;
};

/// \brief Which part of the company's history to fetch: newest first, one page at a time.
struct HistoryQuery {
    std::optional<std::string> requesterAgentId;  ///< only this agent's requests
    std::optional<std::string> beforeTicket;      ///< "load older"
    std::size_t limit = 20;
};

struct HistoryPage {
    std::vector<HistoryEntry> entries;
    bool hasOlder = false;
};

/// \brief Sends the store's outbox to the central service and brings its answers back into the
/// store, in the background. The kiosk submits requests to the RequestStore first (so nothing is
/// lost offline), then wakes the service.
///
/// Implementations run their network work on their own thread; every call here returns quickly,
/// except the two that ask the central service a question (verifyAgent, history), which wait at
/// most a few seconds and report Errc::Network when it cannot be reached.
class SyncService {
public:
    virtual ~SyncService() = default;

    /// \brief Called on the service's thread whenever a stored request changed (sent, answered,
    /// deleted) or the status changed; it must only note the change and wake the UI.
    using ChangeListener = std::function<void()>;

    /// \brief Starts the background work. Calling it twice does nothing.
    virtual void start(ChangeListener listener) = 0;

    /// \brief Stops the background work, cancelling any transfer; waits for the thread to end.
    virtual void stop() = 0;

    /// \brief Sends what is due now rather than at the next scheduled attempt (after a submit).
    virtual void wake() = 0;

    /// \brief The agent asks to try every waiting request now: deliveries and deletions count
    /// as due whatever their backoff, and the wait after network failures starts over. Requests
    /// the central service refused stay parked. SyncStatus::retrying tells when the try ended.
    virtual void retryNow() = 0;

    virtual SyncStatus status() const = 0;

    /// \brief Asks the central service whether the person with this national number may log in.
    /// Errc::PermissionDenied when they are not on the access list. When the central service
    /// cannot be reached, a person it allowed earlier on this kiosk is allowed again (offline
    /// first); anyone else gets Errc::Network.
    [[nodiscard]] virtual Result<AgentAccess> verifyAgent(std::string_view nationalNumber) = 0;

    /// \brief Asks the central service whose digital key this is. Errc::PermissionDenied when
    /// the username, password or code is wrong (which one is not said) or the agent is no longer
    /// on the access list; Errc::InvalidState while too many failed attempts lock the username;
    /// Errc::Network when the central service cannot be reached: a digital key, unlike the eID
    /// card, is never checked offline.
    [[nodiscard]] virtual Result<AgentAccess> loginWithDigitalKey(const DigitalKey& key) = 0;

    /// \brief Deletes a request that is not final: at once in the store (its data is purged), and
    /// at the central service as soon as it can be reached.
    [[nodiscard]] virtual Result<void> deleteRequest(std::string_view localId) = 0;

    /// \brief Replaces the document of a request in ActionExpected by new pages and queues it
    /// again.
    [[nodiscard]] virtual Result<void> resubmitDocument(std::string_view localId, Document document,
                                                        std::vector<PageImage> pages) = 0;

    /// \brief The company's requests from the central service, all kiosks included.
    [[nodiscard]] virtual Result<HistoryPage> history(const HistoryQuery& query) = 0;
};

}  // namespace balie::core
