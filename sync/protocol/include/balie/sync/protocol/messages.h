// SPDX-License-Identifier: GPL-3.0-or-later
// The bodies of the sync protocol v1 as plain values, in core types wherever the core has one.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "balie/core/document.h"
#include "balie/core/request.h"
#include "balie/core/request_status.h"
#include "balie/core/sync_service.h"
#include "balie/sync/protocol/timestamp.h"

namespace balie::sync::protocol {

/// \brief One page of a document as announced before its bytes are uploaded.
struct PageManifest {
    int index = 0;            ///< 0 to 3, in page order
    std::uint64_t bytes = 0;  ///< size of the encoded image; at most kMaxPageBytes
    std::string sha256;       ///< 64 hex digits of the encoded image
    std::string mediaType;    ///< "image/jpeg", "image/png", ...
    int width = 0;
    int height = 0;

    bool operator==(const PageManifest&) const = default;
};

/// \brief POST /v1/requests: a request as the kiosk files it.
///
/// Of `request` the wire carries localId, submittedAt, requester, document, person, residence,
/// contactAddress, email, comment and autoFilled; the status, ticket and INSZ belong to the
/// central service. Decoding fills request.pages from the manifest (pageId = the index as text).
struct CreateRequest {
    core::Request request;
    /// The machine readable zone's lines as read from the document; nullopt when none was read.
    std::optional<std::vector<std::string>> mrz;
    std::vector<PageManifest> pages;

    bool operator==(const CreateRequest&) const = default;
};

/// \brief POST /v1/requests/{ticket}/documents: a new document after "action expected".
struct DocumentUpload {
    core::Document document;
    std::optional<std::vector<std::string>> mrz;
    std::vector<PageManifest> pages;

    bool operator==(const DocumentUpload&) const = default;
};

/// \brief Person fields the registry filled in, by wire name ("birth_place" -> "Kraków"). Dates
/// are "YYYY-MM-DD", countries and sex as everywhere on the wire.
using PersonCompletion = std::map<std::string, std::string>;

/// \brief The request resource: what the central service knows about one request.
struct RequestResource {
    std::string ticket;
    std::string localId;
    std::string kioskId;
    core::RequestStatus state = core::RequestStatus::Sent;
    std::string insz;  ///< 11 digits once identified; empty is null on the wire
    std::optional<core::ActionReason> actionReason;
    std::optional<std::string> actionDetail;
    std::vector<int> pagesMissing;  ///< indexes of pages not yet completely received
    std::optional<PersonCompletion> personCompleted;
    Timestamp submittedAt;
    Timestamp updatedAt;

    bool operator==(const RequestResource&) const = default;
};

/// \brief 200 answer of PATCH /v1/requests/{ticket}/pages/{index}.
struct PageUploadResult {
    int index = 0;
    std::uint64_t received = 0;
    bool complete = false;
    RequestResource request;

    bool operator==(const PageUploadResult&) const = default;
};

/// \brief One state change of one of the kiosk's requests.
struct Change {
    std::string cursor;
    std::string ticket;
    std::string localId;
    core::RequestStatus state = core::RequestStatus::Sent;
    std::string insz;  ///< empty is null on the wire
    std::optional<core::ActionReason> actionReason;
    std::optional<std::string> actionDetail;
    Timestamp changedAt;

    bool operator==(const Change&) const = default;
};

/// \brief GET /v1/changes.
struct ChangesPage {
    std::vector<Change> changes;
    std::string nextCursor;  ///< pass as `since` next time; equals `since` when nothing is new

    bool operator==(const ChangesPage&) const = default;
};

/// \brief What the history list shows of a request's person and document.
struct HistorySummary {
    std::string surname;
    std::string givenNames;
    core::PartialDate birthDate;
    std::string nationality;  ///< core code (alpha-2), or empty
    std::optional<core::DocumentType> documentType;

    bool operator==(const HistorySummary&) const = default;
};

/// \brief One request of the company's history.
struct HistoryItem {
    std::string ticket;
    std::string localId;
    std::string kioskId;
    core::RequestStatus state = core::RequestStatus::Sent;
    std::string insz;  ///< empty is null on the wire
    core::Requester requester;
    HistorySummary summary;
    Timestamp submittedAt;
    Timestamp updatedAt;

    bool operator==(const HistoryItem&) const = default;
};

/// \brief GET /v1/history: newest first.
struct HistoryPage {
    std::vector<HistoryItem> requests;
    bool hasOlder = false;

    bool operator==(const HistoryPage&) const = default;
};

/// \brief POST /v1/agents/verify body. The national number is personal data: never log it.
struct AgentVerifyRequest {
    std::string nationalNumber;  ///< 11 digits

    bool operator==(const AgentVerifyRequest&) const = default;
};

/// \brief POST /v1/agents/verify answer.
struct AgentVerifyResponse {
    std::string agentId;
    std::string displayName;
    bool allowed = false;

    bool operator==(const AgentVerifyResponse&) const = default;
};

/// \brief POST /v1/agents/login body: a digital key. All three are secrets: never log them.
/// Answered with an AgentVerifyResponse, or 403 access_denied without saying which was wrong.
struct DigitalKeyLogin {
    std::string username;
    std::string password;
    std::string code;  ///< the 6-digit security code of the agent's authenticator app

    bool operator==(const DigitalKeyLogin&) const = default;
};

/// \brief GET /v1/agents: the company's access list, without national numbers.
struct AgentList {
    std::vector<core::AgentAccess> agents;
};

enum class NotificationKind {
    ActionExpected,  ///< the agent must act (e.g. upload a new document)
    FinalAnswer,     ///< the request is identified or failed
};

std::string_view notificationKindKey(NotificationKind kind);
std::optional<NotificationKind> notificationKindFromKey(std::string_view key);

struct Notification {
    std::string id;
    std::string ticket;
    NotificationKind kind = NotificationKind::FinalAnswer;
    core::RequestStatus state = core::RequestStatus::Sent;
    Timestamp createdAt;

    bool operator==(const Notification&) const = default;
};

/// \brief GET /v1/notifications.
struct NotificationsPage {
    std::vector<Notification> notifications;
    std::string nextCursor;

    bool operator==(const NotificationsPage&) const = default;
};

/// \brief Every error answer: {"error": {"code", "message", "field"}}.
struct ErrorBody {
    std::string code;  ///< one of protocol::error_code
    std::string message;
    std::optional<std::string> field;  ///< "person.surname", when one field is to blame

    bool operator==(const ErrorBody&) const = default;
};

}  // namespace balie::sync::protocol
