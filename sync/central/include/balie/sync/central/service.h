// SPDX-License-Identifier: GPL-3.0-or-later
// CentralService: the central service's behaviour (authentication, requests, pages, decisions,
// operators, lists, notifications and the mail outbox) over a Database, without HTTP.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <tl/expected.hpp>

#include "balie/core/error.h"
#include "balie/sync/central/database.h"
#include "balie/sync/central/registry.h"
#include "balie/sync/protocol/messages.h"

namespace balie::sync::central {

/// \brief A refusal as the protocol answers it: HTTP status, error body and extra headers.
struct ApiError {
    int status = 500;
    std::string code;
    std::string message;
    std::optional<std::string> field;
    std::optional<std::uint64_t> uploadOffset;  ///< sent as Upload-Offset (409, 422 checksum)
    std::optional<int> retryAfterSeconds;       ///< sent as Retry-After (503)
};

template <typename T>
using Outcome = tl::expected<T, ApiError>;

/// \brief Who is calling: the kiosk a credential belongs to, and its company.
struct KioskIdentity {
    std::string kioskId;
    std::string company;
};

/// \brief The answer to POST /v1/requests: the resource, and whether it was created now (201)
/// or is the replay of an earlier identical request (200).
struct CreateOutcome {
    protocol::RequestResource resource;
    bool created = false;
};

/// \brief One row of `balie-central list`.
struct RequestRow {
    std::string ticket;
    core::RequestStatus state = core::RequestStatus::Sent;
    std::string insz;
    std::string idempotencyKey;
    std::string kioskId;
    std::string localId;
    std::string company;
};

/// \brief What an operator sees of a request.
struct OperatorView {
    protocol::RequestResource resource;
    std::string company;
    std::string note;  ///< why it waits for an operator
    protocol::CreateRequest request;
};

/// \brief An e-mail waiting in the outbox: only the recipient and the ticket, nothing personal.
struct MailItem {
    std::int64_t id = 0;
    std::string recipient;
    std::string ticket;
    int attempts = 0;
};

class CentralService {
public:
    using Clock = std::chrono::system_clock;

    explicit CentralService(std::unique_ptr<Database> database);

    Database& database() { return *database_; }

    // --- administration (command line) -------------------------------------------------------

    /// \brief Registers a kiosk and returns its new token (shown once; only its SHA-256 is kept).
    /// Errc::InvalidState when the kiosk id exists.
    [[nodiscard]] core::Result<std::string> addKiosk(const std::string& kioskId,
                                                     const std::string& company);
    /// \brief Puts a person on the company's access list; returns their agent id.
    [[nodiscard]] core::Result<std::string> grantAccess(const std::string& company,
                                                        const std::string& nationalNumber,
                                                        const std::string& displayName);
    /// \brief The agent id of a person on the company's access list; nullopt when they are not
    /// on it. Errc::InvalidArgument for a malformed national number.
    [[nodiscard]] core::Result<std::optional<std::string>> findAgent(
        const std::string& company, const std::string& nationalNumber);
    /// \brief Removes a person; Errc::NotFound when they were not on the list.
    [[nodiscard]] core::Result<void> revokeAccess(const std::string& company,
                                                  const std::string& nationalNumber);
    /// \brief Adds or replaces known persons; returns how many.
    [[nodiscard]] core::Result<std::size_t> importRegistry(const std::vector<KnownPerson>& persons);
    [[nodiscard]] core::Result<std::vector<RequestRow>> listRequests();

    // --- operators (command line) ------------------------------------------------------------

    [[nodiscard]] core::Result<std::vector<OperatorView>> pendingForOperator();
    [[nodiscard]] core::Result<OperatorView> show(const std::string& ticket);
    /// \brief pending_operator -> identified with `insz` (lenient check) or a new BIS number.
    [[nodiscard]] core::Result<protocol::RequestResource> approve(
        const std::string& ticket, const std::optional<std::string>& insz);
    /// \brief pending_operator -> failed.
    [[nodiscard]] core::Result<protocol::RequestResource> reject(const std::string& ticket,
                                                                 const std::string& reason);
    /// \brief pending_operator -> action_expected.
    [[nodiscard]] core::Result<protocol::RequestResource> askDocument(const std::string& ticket,
                                                                      core::ActionReason reason,
                                                                      const std::string& detail);

    // --- the protocol --------------------------------------------------------------------------

    [[nodiscard]] Outcome<KioskIdentity> authenticate(std::string_view authorizationHeader);
    [[nodiscard]] Outcome<protocol::AgentVerifyResponse> verifyAgent(const KioskIdentity& kiosk,
                                                                     std::string_view body);
    [[nodiscard]] Outcome<protocol::AgentList> agents(const KioskIdentity& kiosk);
    [[nodiscard]] Outcome<CreateOutcome> createRequest(const KioskIdentity& kiosk,
                                                       std::string_view idempotencyKey,
                                                       std::string_view body);
    [[nodiscard]] Outcome<protocol::RequestResource> getRequest(const KioskIdentity& kiosk,
                                                                std::string_view ticket);
    [[nodiscard]] Outcome<std::uint64_t> pageOffset(const KioskIdentity& kiosk,
                                                    std::string_view ticket, int index);
    [[nodiscard]] Outcome<protocol::PageUploadResult> appendPage(const KioskIdentity& kiosk,
                                                                 std::string_view ticket, int index,
                                                                 std::uint64_t offset,
                                                                 std::string_view chunk);
    [[nodiscard]] Outcome<protocol::RequestResource> replaceDocument(const KioskIdentity& kiosk,
                                                                     std::string_view ticket,
                                                                     std::string_view body);
    [[nodiscard]] Outcome<protocol::RequestResource> deleteRequest(const KioskIdentity& kiosk,
                                                                   std::string_view ticket);
    /// \brief Deletes the request this kiosk created with `idempotencyKey`: for a kiosk that lost
    /// the answer to its create and so never learnt the ticket. 404 when there is none.
    [[nodiscard]] Outcome<protocol::RequestResource> deleteRequestByKey(
        const KioskIdentity& kiosk, std::string_view idempotencyKey);
    [[nodiscard]] Outcome<protocol::ChangesPage> changes(const KioskIdentity& kiosk,
                                                         std::string_view since, std::size_t limit);
    [[nodiscard]] Outcome<protocol::HistoryPage> history(
        const KioskIdentity& kiosk, const std::optional<std::string>& requester,
        const std::optional<std::string>& before, std::size_t limit);
    [[nodiscard]] Outcome<protocol::NotificationsPage> notifications(const KioskIdentity& kiosk,
                                                                     std::string_view agent,
                                                                     std::string_view since);

    // --- mail outbox ---------------------------------------------------------------------------

    [[nodiscard]] core::Result<std::vector<MailItem>> dueMails(std::size_t limit);
    [[nodiscard]] core::Result<void> markMailSent(std::int64_t id);
    [[nodiscard]] core::Result<void> markMailFailed(std::int64_t id, const std::string& error,
                                                    std::chrono::seconds retryIn);

private:
    std::unique_ptr<Database> database_;
    // Kiosk credentials never change once issued, so a token checked once is not looked up again
    // (every HTTP call carries one). Keyed by the token's SHA-256.
    std::mutex credentialsMutex_;
    std::unordered_map<std::string, KioskIdentity> credentials_;
};

/// \brief "B-000123" for request 123; nullopt from a string that is not a ticket.
std::string ticketOf(std::int64_t id);
std::optional<std::int64_t> ticketId(std::string_view ticket);

/// \brief The ApiError for a storage failure: 503 with Retry-After when transient, else 500.
ApiError storageFailure(const core::Error& error);

}  // namespace balie::sync::central
