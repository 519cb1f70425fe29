// SPDX-License-Identifier: GPL-3.0-or-later
// CentralService: the protocol's behaviour over the storage interface.
#include "balie/sync/central/service.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "balie/core/insz.h"
#include "balie/core/request_lifecycle.h"
#include "balie/core/validation.h"
#include "balie/sync/protocol/checksum.h"
#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"

namespace balie::sync::central {
namespace {

namespace error_code = protocol::error_code;
using nlohmann::json;
using Params = std::vector<Param>;

constexpr std::size_t kDefaultListLimit = 100;
constexpr std::size_t kNotificationsLimit = 200;

std::int64_t nowNanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

protocol::Timestamp fromNanos(std::int64_t nanos) {
    return protocol::Timestamp{
        std::chrono::duration_cast<protocol::Timestamp::duration>(std::chrono::nanoseconds{nanos})};
}

std::int64_t toNanos(protocol::Timestamp time) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

core::PartialDate today() {
    const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day date{day};
    return {int(date.year()), static_cast<int>(unsigned(date.month())),
            static_cast<int>(unsigned(date.day()))};
}

std::string randomHex(std::size_t bytes) {
    std::vector<unsigned char> buffer(bytes);
    RAND_bytes(buffer.data(), static_cast<int>(buffer.size()));
    return protocol::sha256Hex(
               std::string_view(reinterpret_cast<const char*>(buffer.data()), buffer.size()))
        .substr(0, bytes * 2);
}

// Agents' national numbers are kept only as this key; the company acts as salt.
std::string personKey(const std::string& company, const std::string& nationalNumber) {
    return protocol::sha256Hex("balie-agent\n" + company + "\n" + nationalNumber);
}

ApiError apiError(int status, std::string_view code, std::string message,
                  std::optional<std::string> field = std::nullopt) {
    return ApiError{status,           std::string(code), std::move(message),
                    std::move(field), std::nullopt,      std::nullopt};
}

ApiError notFound(std::string_view ticket) {
    return apiError(404, error_code::kNotFound, "no request with ticket " + std::string(ticket));
}

// A decoder's error as 422 with its field, or 400 when the body is not JSON at all.
ApiError bodyError(const core::Error& error) {
    const std::string field = protocol::errorField(error);
    if (field.empty()) {
        return apiError(400, error_code::kBadRequest, error.message);
    }
    return apiError(422, error_code::kInvalidRequest, error.message, field);
}

std::string encodeCompletion(const std::optional<protocol::PersonCompletion>& completion) {
    if (!completion.has_value()) {
        return {};
    }
    json object = json::object();
    for (const auto& [field, value] : *completion) {
        object[field] = value;
    }
    return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<protocol::PersonCompletion> decodeCompletion(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    const json object = json::parse(text, nullptr, false);
    if (!object.is_object()) {
        return std::nullopt;
    }
    protocol::PersonCompletion completion;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().is_string()) {
            completion[it.key()] = it.value().get<std::string>();
        }
    }
    return completion;
}

// One row of `requests`, as the service works with it.
struct StoredRequest {
    std::int64_t id = 0;
    std::string kioskId;
    std::string company;
    std::string localId;
    core::RequestStatus state = core::RequestStatus::Sent;
    std::string insz;
    std::optional<core::ActionReason> actionReason;
    std::optional<std::string> actionDetail;
    std::optional<protocol::PersonCompletion> completion;
    std::int64_t submittedAt = 0;
    std::int64_t updatedAt = 0;
    std::string body;
    std::string requesterAgentId;
    std::string idempotencyKey;
    std::string fingerprint;
    std::string operatorNote;
};

constexpr std::string_view kRequestColumns =
    "id, kiosk_id, company, local_id, state, insz, action_reason, action_detail, person_completed, "
    "submitted_at, updated_at, body, requester_agent_id, idempotency_key, fingerprint, "
    "operator_note";

StoredRequest readRequest(const Row& row) {
    StoredRequest stored;
    stored.id = row.integer(0);
    stored.kioskId = row.text(1);
    stored.company = row.text(2);
    stored.localId = row.text(3);
    stored.state = core::statusFromKey(row.text(4)).value_or(core::RequestStatus::Sent);
    stored.insz = row.text(5);
    if (!row.isNull(6)) {
        stored.actionReason = core::actionReasonFromKey(row.text(6));
    }
    if (!row.isNull(7)) {
        stored.actionDetail = row.text(7);
    }
    stored.completion = decodeCompletion(row.text(8));
    stored.submittedAt = row.integer(9);
    stored.updatedAt = row.integer(10);
    stored.body = row.text(11);
    stored.requesterAgentId = row.text(12);
    stored.idempotencyKey = row.text(13);
    stored.fingerprint = row.text(14);
    stored.operatorNote = row.text(15);
    return stored;
}

core::Result<std::optional<StoredRequest>> loadRequest(Session& session, std::int64_t id) {
    const std::string sql = "SELECT " + std::string(kRequestColumns) +
                            " FROM requests WHERE id = ?" + std::string(session.forUpdate());
    auto rows = session.query(sql, Params{Param::of(id)});
    if (!rows.has_value()) {
        return tl::unexpected(rows.error());
    }
    if (rows->empty()) {
        return std::optional<StoredRequest>();
    }
    return std::optional<StoredRequest>(readRequest(rows->front()));
}

core::Result<protocol::RequestResource> buildResource(Session& session,
                                                      const StoredRequest& stored) {
    protocol::RequestResource resource;
    resource.ticket = ticketOf(stored.id);
    resource.localId = stored.localId;
    resource.kioskId = stored.kioskId;
    resource.state = stored.state;
    resource.insz = stored.insz;
    resource.actionReason = stored.actionReason;
    resource.actionDetail = stored.actionDetail;
    resource.personCompleted = stored.completion;
    resource.submittedAt = fromNanos(stored.submittedAt);
    resource.updatedAt = fromNanos(stored.updatedAt);
    auto missing = session.query(
        "SELECT page_index FROM pages WHERE request_id = ? AND complete = 0 ORDER BY page_index",
        Params{Param::of(stored.id)});
    if (!missing.has_value()) {
        return tl::unexpected(missing.error());
    }
    for (const Row& row : *missing) {
        resource.pagesMissing.push_back(static_cast<int>(row.integer(0)));
    }
    return resource;
}

bool isAnswer(core::RequestStatus state) {
    return state == core::RequestStatus::Identified || state == core::RequestStatus::Failed ||
           state == core::RequestStatus::ActionExpected;
}

// Everything a state change writes, in the caller's transaction: the request, the kiosk's change
// feed, the requester's notification and the e-mail saying that news is waiting.
struct StateChange {
    core::RequestStatus to = core::RequestStatus::Sent;
    std::string insz;
    std::optional<core::ActionReason> actionReason;
    std::optional<std::string> actionDetail;
    std::optional<protocol::PersonCompletion> completion;
    std::string operatorNote;
};

core::Result<void> applyChange(Session& session, StoredRequest& stored, const StateChange& change) {
    const std::int64_t now = nowNanos();
    stored.state = change.to;
    stored.insz = change.insz;
    stored.actionReason = change.actionReason;
    stored.actionDetail = change.actionDetail;
    stored.completion = change.completion;
    stored.operatorNote = change.operatorNote;
    stored.updatedAt = std::max(now, stored.updatedAt);
    const Param reason = change.actionReason.has_value()
                             ? Param::text(std::string(core::actionReasonKey(*change.actionReason)))
                             : Param::null();
    const Param detail =
        change.actionDetail.has_value() ? Param::text(*change.actionDetail) : Param::null();
    const std::string state(core::statusKey(change.to));
    auto updated = session.exec(
        "UPDATE requests SET state = ?, insz = ?, action_reason = ?, action_detail = ?, "
        "person_completed = ?, operator_note = ?, updated_at = ? WHERE id = ?",
        Params{Param::text(state), Param::textOrNull(change.insz), reason, detail,
               Param::textOrNull(encodeCompletion(change.completion)),
               Param::text(change.operatorNote), Param::of(stored.updatedAt),
               Param::of(stored.id)});
    if (!updated.has_value()) {
        return updated;
    }
    auto logged = session.exec(
        "INSERT INTO changes (request_id, kiosk_id, state, insz, action_reason, action_detail, "
        "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        Params{Param::of(stored.id), Param::text(stored.kioskId), Param::text(state),
               Param::textOrNull(change.insz), reason, detail, Param::of(stored.updatedAt)});
    if (!logged.has_value()) {
        return logged;
    }
    if (core::isFinal(change.to)) {
        // Document images are needed only until the answer; nothing personal is kept longer
        // than that in page form.
        auto purged = session.exec("DELETE FROM page_chunks WHERE request_id = ?",
                                   Params{Param::of(stored.id)});
        if (!purged.has_value()) {
            return purged;
        }
    }
    if (!isAnswer(change.to)) {
        return {};
    }
    const std::string kind(
        protocol::notificationKindKey(change.to == core::RequestStatus::ActionExpected
                                          ? protocol::NotificationKind::ActionExpected
                                          : protocol::NotificationKind::FinalAnswer));
    auto notified = session.exec(
        "INSERT INTO notifications (request_id, company, agent_id, kind, state, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        Params{Param::of(stored.id), Param::text(stored.company),
               Param::text(stored.requesterAgentId), Param::text(kind), Param::text(state),
               Param::of(stored.updatedAt)});
    if (!notified.has_value()) {
        return notified;
    }
    auto body = protocol::decodeCreateRequest(stored.body);
    if (!body.has_value() || body->request.email.empty()) {
        return {};
    }
    return session.exec(
        "INSERT INTO mail_outbox (request_id, recipient, next_attempt_at) VALUES (?, ?, ?)",
        Params{Param::of(stored.id), Param::text(body->request.email), Param::of(now)});
}

core::Result<std::vector<KnownPerson>> loadCandidates(Session& session,
                                                      const core::Request& request) {
    char from[16];
    char to[16];
    std::snprintf(from, sizeof from, "%04d-", request.person.birthDate.year);
    std::snprintf(to, sizeof to, "%04d-", request.person.birthDate.year + 1);
    const std::string nationalNumber =
        core::normalizeDocumentNumber(request.document.nationalNumber);
    auto rows = session.query(
        "SELECT data FROM registry WHERE (birth_date >= ? AND birth_date < ?) "
        "OR (national_number <> '' AND national_number = ?) "
        "OR insz IN (SELECT insz FROM registry_documents WHERE document_key = ?) ORDER BY insz",
        Params{Param::text(from), Param::text(to), Param::text(nationalNumber),
               Param::text(documentKey(request.document.issuingCountry, request.document.number))});
    if (!rows.has_value()) {
        return tl::unexpected(rows.error());
    }
    std::vector<KnownPerson> candidates;
    for (const Row& row : *rows) {
        if (auto known = decodeKnownPerson(row.text(0)); known.has_value()) {
            candidates.push_back(std::move(*known));
        }
    }
    return candidates;
}

core::Result<bool> isInszTaken(Session& session, const std::string& insz) {
    auto rows = session.query(
        "SELECT 1 FROM assigned_insz WHERE insz = ? UNION ALL SELECT 1 FROM registry WHERE insz = "
        "?",
        Params{Param::text(insz), Param::text(insz)});
    if (!rows.has_value()) {
        return tl::unexpected(rows.error());
    }
    return !rows->empty();
}

core::Result<void> recordAssigned(Session& session, const std::string& insz) {
    return session.exec(
        "INSERT INTO assigned_insz (insz, assigned_at) VALUES (?, ?) ON CONFLICT (insz) DO NOTHING",
        Params{Param::text(insz), Param::of(nowNanos())});
}

// A new BIS number for the person, unique across everything ever assigned and the registry.
core::Result<std::string> allocateNumber(Session& session, const core::Person& person) {
    if (auto locked = session.lockAllocations(); !locked.has_value()) {
        return tl::unexpected(locked.error());
    }
    std::optional<core::InszSex> sex;
    if (person.sex == core::Sex::Male) {
        sex = core::InszSex::Male;
    } else if (person.sex == core::Sex::Female) {
        sex = core::InszSex::Female;
    }
    std::optional<core::Error> lookupError;
    auto number = core::allocateBis(person.birthDate, sex, today(), [&](const core::Insz& insz) {
        auto taken = isInszTaken(session, insz.digits());
        if (!taken.has_value()) {
            lookupError = taken.error();
            return true;
        }
        return *taken;
    });
    if (lookupError.has_value()) {
        return tl::unexpected(*lookupError);
    }
    if (!number.has_value()) {
        return tl::unexpected(number.error());
    }
    if (auto recorded = recordAssigned(session, number->digits()); !recorded.has_value()) {
        return tl::unexpected(recorded.error());
    }
    return number->digits();
}

// The request's last page is in: identify, send to an operator, or allocate a BIS number.
core::Result<void> decideOn(Session& session, StoredRequest& stored) {
    auto body = protocol::decodeCreateRequest(stored.body);
    if (!body.has_value()) {
        return applyChange(session, stored,
                           {core::RequestStatus::PendingOperator,
                            {},
                            {},
                            {},
                            {},
                            "stored request could not be read again"});
    }
    auto candidates = loadCandidates(session, body->request);
    if (!candidates.has_value()) {
        return tl::unexpected(candidates.error());
    }
    const Decision decision = decide(body->request, body->mrz, *candidates);
    switch (decision.kind) {
        case DecisionKind::Identified: {
            if (auto recorded = recordAssigned(session, decision.insz); !recorded.has_value()) {
                return recorded;
            }
            return applyChange(
                session, stored,
                {core::RequestStatus::Identified, decision.insz, {}, {}, decision.completion, {}});
        }
        case DecisionKind::Operator:
            return applyChange(
                session, stored,
                {core::RequestStatus::PendingOperator, {}, {}, {}, {}, decision.note});
        case DecisionKind::NewBis:
            break;
    }
    auto number = allocateNumber(session, body->request.person);
    if (!number.has_value()) {
        if (number.error().code == core::Errc::Storage) {
            return tl::unexpected(number.error());
        }
        return applyChange(session, stored,
                           {core::RequestStatus::PendingOperator,
                            {},
                            {},
                            {},
                            {},
                            "no BIS number could be allocated: " + number.error().message});
    }
    return applyChange(session, stored,
                       {core::RequestStatus::Identified, *number, {}, {}, std::nullopt, {}});
}

// Validation the decoder does not do: page manifest shape and size, the core's rules.
std::optional<ApiError> validatePages(const std::vector<protocol::PageManifest>& pages) {
    if (pages.empty() || pages.size() > core::kMaxDocumentPages) {
        return apiError(422, error_code::kInvalidRequest, "a document has 1 to 4 pages", "pages");
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::string field = "pages[" + std::to_string(i) + "]";
        if (pages[i].index != static_cast<int>(i)) {
            return apiError(422, error_code::kInvalidRequest,
                            "page indexes must be 0, 1, ... in order", field + ".index");
        }
        if (pages[i].bytes == 0) {
            return apiError(422, error_code::kInvalidRequest, "a page cannot be empty",
                            field + ".bytes");
        }
        if (pages[i].bytes > protocol::kMaxPageBytes) {
            return apiError(
                413, error_code::kPageTooLarge,
                "a page may have at most " + std::to_string(protocol::kMaxPageBytes) + " bytes",
                field + ".bytes");
        }
    }
    return std::nullopt;
}

std::optional<ApiError> firstValidationError(const core::ValidationMessages& messages) {
    if (messages.empty()) {
        return std::nullopt;
    }
    const auto message = messages.front();
    return apiError(422, error_code::kInvalidRequest,
                    "request does not validate: " + std::string(core::messageKey(message)),
                    std::string(core::messageField(message)));
}

core::Result<void> insertPages(Session& session, std::int64_t requestId,
                               const std::vector<protocol::PageManifest>& pages) {
    for (const auto& page : pages) {
        auto inserted = session.exec(
            "INSERT INTO pages (request_id, page_index, bytes, sha256, media_type, width, height) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            Params{Param::of(requestId), Param::of(page.index),
                   Param::of(static_cast<std::int64_t>(page.bytes)), Param::text(page.sha256),
                   Param::text(page.mediaType), Param::of(page.width), Param::of(page.height)});
        if (!inserted.has_value()) {
            return inserted;
        }
    }
    return {};
}

std::optional<std::int64_t> parseCursor(std::string_view text) {
    if (text.empty()) {
        return 0;
    }
    auto value = protocol::parseUploadOffset(text);
    if (!value.has_value() || *value > static_cast<std::uint64_t>(INT64_MAX)) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*value);
}

// Runs `work` in a transaction; a storage failure becomes 500/503, a refusal passes through.
template <typename T, typename Work>
Outcome<T> inTransaction(Database& database, Work&& work) {
    std::optional<Outcome<T>> outcome;
    auto done = database.transaction([&](Session& session) -> core::Result<void> {
        auto result = work(session);
        if (!result.has_value()) {
            return tl::unexpected(result.error());
        }
        outcome = std::move(*result);
        return {};
    });
    if (!done.has_value()) {
        return tl::unexpected(storageFailure(done.error()));
    }
    return std::move(*outcome);
}

// Loads a request of the caller's company; other companies' requests do not exist for it.
core::Result<Outcome<StoredRequest>> loadOwned(Session& session, const KioskIdentity& kiosk,
                                               std::string_view ticket) {
    const auto id = ticketId(ticket);
    if (!id.has_value()) {
        return Outcome<StoredRequest>(tl::unexpected(notFound(ticket)));
    }
    auto stored = loadRequest(session, *id);
    if (!stored.has_value()) {
        return tl::unexpected(stored.error());
    }
    if (!stored->has_value() || (*stored)->company != kiosk.company) {
        return Outcome<StoredRequest>(tl::unexpected(notFound(ticket)));
    }
    return Outcome<StoredRequest>(std::move(**stored));
}

core::Result<StoredRequest> loadForOperator(Session& session, const std::string& ticket) {
    const auto id = ticketId(ticket);
    if (!id.has_value()) {
        return core::fail(core::Errc::NotFound, "'" + ticket + "' is not a ticket (B-000123)");
    }
    auto stored = loadRequest(session, *id);
    if (!stored.has_value()) {
        return tl::unexpected(stored.error());
    }
    if (!stored->has_value()) {
        return core::fail(core::Errc::NotFound, "no request with ticket " + ticket);
    }
    return std::move(**stored);
}

}  // namespace

std::string ticketOf(std::int64_t id) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "B-%06lld", static_cast<long long>(id));
    return buffer;
}

std::optional<std::int64_t> ticketId(std::string_view ticket) {
    if (!ticket.starts_with("B-") || ticket.size() < 3 || ticket.size() > 20) {
        return std::nullopt;
    }
    auto value = protocol::parseUploadOffset(ticket.substr(2));
    if (!value.has_value() || *value == 0 || *value > static_cast<std::uint64_t>(INT64_MAX)) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*value);
}

ApiError storageFailure(const core::Error& error) {
    if (error.native == kTransientStorageError) {
        ApiError busy = apiError(503, error_code::kUnavailable,
                                 "the central service is busy; try again shortly");
        busy.retryAfterSeconds = 1;
        return busy;
    }
    return apiError(500, error_code::kInternal, "the central service failed to store the change");
}

CentralService::CentralService(std::unique_ptr<Database> database)
    : database_(std::move(database)) {
}

core::Result<std::string> CentralService::addKiosk(const std::string& kioskId,
                                                   const std::string& company) {
    if (kioskId.empty() || company.empty()) {
        return core::fail(core::Errc::InvalidArgument, "kiosk id and company must not be empty");
    }
    const std::string token = randomHex(32);
    return database_->transact<std::string>([&](Session& session) -> core::Result<std::string> {
        auto existing =
            session.query("SELECT 1 FROM kiosks WHERE kiosk_id = ?", Params{Param::text(kioskId)});
        if (!existing.has_value()) {
            return tl::unexpected(existing.error());
        }
        if (!existing->empty()) {
            return core::fail(core::Errc::InvalidState, "kiosk " + kioskId + " already exists");
        }
        auto inserted = session.exec(
            "INSERT INTO kiosks (kiosk_id, company, token_sha256, created_at) VALUES (?, ?, ?, ?)",
            Params{Param::text(kioskId), Param::text(company),
                   Param::text(protocol::sha256Hex(token)), Param::of(nowNanos())});
        if (!inserted.has_value()) {
            return tl::unexpected(inserted.error());
        }
        return token;
    });
}

core::Result<std::string> CentralService::grantAccess(const std::string& company,
                                                      const std::string& nationalNumber,
                                                      const std::string& displayName) {
    auto number = core::Insz::parse(nationalNumber, core::InszMode::Lenient, today());
    if (!number.has_value()) {
        return core::fail(
            core::Errc::InvalidArgument,
            "not a valid national number: " + std::string(core::inszErrorMessage(number.error())));
    }
    const std::string key = personKey(company, number->digits());
    const std::string name = displayName.empty() ? number->masked() : displayName;
    return database_->transact<std::string>([&](Session& session) -> core::Result<std::string> {
        auto existing =
            session.query("SELECT agent_id FROM agents WHERE company = ? AND person_key = ?",
                          Params{Param::text(company), Param::text(key)});
        if (!existing.has_value()) {
            return tl::unexpected(existing.error());
        }
        if (!existing->empty()) {
            const std::string agentId = existing->front().text(0);
            if (!displayName.empty()) {
                auto renamed = session.exec("UPDATE agents SET display_name = ? WHERE agent_id = ?",
                                            Params{Param::text(name), Param::text(agentId)});
                if (!renamed.has_value()) {
                    return tl::unexpected(renamed.error());
                }
            }
            return agentId;
        }
        const std::string agentId = "A-" + randomHex(8);
        auto inserted = session.exec(
            "INSERT INTO agents (agent_id, company, person_key, display_name) VALUES (?, ?, ?, ?)",
            Params{Param::text(agentId), Param::text(company), Param::text(key),
                   Param::text(name)});
        if (!inserted.has_value()) {
            return tl::unexpected(inserted.error());
        }
        return agentId;
    });
}

core::Result<std::optional<std::string>> CentralService::findAgent(
    const std::string& company, const std::string& nationalNumber) {
    auto number = core::Insz::parse(nationalNumber, core::InszMode::Lenient, today());
    if (!number.has_value()) {
        return core::fail(
            core::Errc::InvalidArgument,
            "not a valid national number: " + std::string(core::inszErrorMessage(number.error())));
    }
    const std::string key = personKey(company, number->digits());
    return database_->transact<std::optional<std::string>>(
        [&](Session& session) -> core::Result<std::optional<std::string>> {
            auto rows =
                session.query("SELECT agent_id FROM agents WHERE company = ? AND person_key = ?",
                              Params{Param::text(company), Param::text(key)});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            if (rows->empty()) {
                return std::optional<std::string>();
            }
            return std::optional<std::string>(rows->front().text(0));
        });
}

core::Result<void> CentralService::revokeAccess(const std::string& company,
                                                const std::string& nationalNumber) {
    auto number = core::Insz::parse(nationalNumber, core::InszMode::Lenient, today());
    if (!number.has_value()) {
        return core::fail(
            core::Errc::InvalidArgument,
            "not a valid national number: " + std::string(core::inszErrorMessage(number.error())));
    }
    const std::string key = personKey(company, number->digits());
    return database_->transaction([&](Session& session) -> core::Result<void> {
        auto existing =
            session.query("SELECT agent_id FROM agents WHERE company = ? AND person_key = ?",
                          Params{Param::text(company), Param::text(key)});
        if (!existing.has_value()) {
            return tl::unexpected(existing.error());
        }
        if (existing->empty()) {
            return core::fail(core::Errc::NotFound,
                              number->masked() + " is not on the access list of " + company);
        }
        auto keyRemoved = session.exec("DELETE FROM digital_keys WHERE agent_id = ?",
                                       Params{Param::text(existing->front().text(0))});
        if (!keyRemoved.has_value()) {
            return keyRemoved;
        }
        return session.exec("DELETE FROM agents WHERE company = ? AND person_key = ?",
                            Params{Param::text(company), Param::text(key)});
    });
}

core::Result<std::size_t> CentralService::importRegistry(const std::vector<KnownPerson>& persons) {
    return database_->transact<std::size_t>([&](Session& session) -> core::Result<std::size_t> {
        for (const KnownPerson& known : persons) {
            auto upserted = session.exec(
                "INSERT INTO registry (insz, birth_date, national_number, data) VALUES (?, ?, ?, "
                "?) "
                "ON CONFLICT (insz) DO UPDATE SET birth_date = excluded.birth_date, "
                "national_number = excluded.national_number, data = excluded.data",
                Params{Param::text(known.insz), Param::text(known.person.birthDate.iso()),
                       Param::text(core::normalizeDocumentNumber(known.nationalNumber)),
                       Param::text(encodeKnownPerson(known))});
            if (!upserted.has_value()) {
                return tl::unexpected(upserted.error());
            }
            auto cleared = session.exec("DELETE FROM registry_documents WHERE insz = ?",
                                        Params{Param::text(known.insz)});
            if (!cleared.has_value()) {
                return tl::unexpected(cleared.error());
            }
            for (const KnownDocument& document : known.documents) {
                auto added = session.exec(
                    "INSERT INTO registry_documents (document_key, insz) VALUES (?, ?) "
                    "ON CONFLICT DO NOTHING",
                    Params{Param::text(documentKey(document.issuingCountry, document.number)),
                           Param::text(known.insz)});
                if (!added.has_value()) {
                    return tl::unexpected(added.error());
                }
            }
        }
        return persons.size();
    });
}

core::Result<std::vector<RequestRow>> CentralService::listRequests() {
    return database_->transact<std::vector<RequestRow>>(
        [&](Session& session) -> core::Result<std::vector<RequestRow>> {
            auto rows = session.query(
                "SELECT id, state, insz, idempotency_key, kiosk_id, local_id, company "
                "FROM requests ORDER BY id",
                {});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            std::vector<RequestRow> list;
            for (const Row& row : *rows) {
                list.push_back(
                    {ticketOf(row.integer(0)),
                     core::statusFromKey(row.text(1)).value_or(core::RequestStatus::Sent),
                     row.text(2), row.text(3), row.text(4), row.text(5), row.text(6)});
            }
            return list;
        });
}

core::Result<std::vector<OperatorView>> CentralService::pendingForOperator() {
    return database_->transact<std::vector<OperatorView>>(
        [&](Session& session) -> core::Result<std::vector<OperatorView>> {
            auto rows = session.query("SELECT " + std::string(kRequestColumns) +
                                          " FROM requests WHERE state = ? ORDER BY id",
                                      Params{Param::text("pending_operator")});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            std::vector<OperatorView> views;
            for (const Row& row : *rows) {
                StoredRequest stored = readRequest(row);
                auto resource = buildResource(session, stored);
                if (!resource.has_value()) {
                    return tl::unexpected(resource.error());
                }
                OperatorView view{*resource, stored.company, stored.operatorNote, {}};
                if (auto body = protocol::decodeCreateRequest(stored.body); body.has_value()) {
                    view.request = std::move(*body);
                }
                views.push_back(std::move(view));
            }
            return views;
        });
}

core::Result<OperatorView> CentralService::show(const std::string& ticket) {
    return database_->transact<OperatorView>([&](Session& session) -> core::Result<OperatorView> {
        auto stored = loadForOperator(session, ticket);
        if (!stored.has_value()) {
            return tl::unexpected(stored.error());
        }
        auto resource = buildResource(session, *stored);
        if (!resource.has_value()) {
            return tl::unexpected(resource.error());
        }
        OperatorView view{*resource, stored->company, stored->operatorNote, {}};
        if (auto body = protocol::decodeCreateRequest(stored->body); body.has_value()) {
            view.request = std::move(*body);
        }
        return view;
    });
}

namespace {

// The operator commands share this: load, check the request waits for an operator, change it.
template <typename Change>
core::Result<protocol::RequestResource> operatorAction(Database& database,
                                                       const std::string& ticket, Change change) {
    return database.transact<protocol::RequestResource>(
        [&](Session& session) -> core::Result<protocol::RequestResource> {
            if (auto locked = session.lockAllocations(); !locked.has_value()) {
                return tl::unexpected(locked.error());
            }
            auto stored = loadForOperator(session, ticket);
            if (!stored.has_value()) {
                return tl::unexpected(stored.error());
            }
            if (stored->state != core::RequestStatus::PendingOperator) {
                return core::fail(core::Errc::InvalidState,
                                  ticket + " is " + std::string(core::statusKey(stored->state)) +
                                      ", not pending_operator");
            }
            if (auto changed = change(session, *stored); !changed.has_value()) {
                return tl::unexpected(changed.error());
            }
            return buildResource(session, *stored);
        });
}

}  // namespace

core::Result<protocol::RequestResource> CentralService::approve(
    const std::string& ticket, const std::optional<std::string>& insz) {
    std::optional<std::string> given;
    if (insz.has_value()) {
        auto number = core::Insz::parse(*insz, core::InszMode::Lenient, today());
        if (!number.has_value()) {
            return core::fail(
                core::Errc::InvalidArgument,
                "not a valid INSZ: " + std::string(core::inszErrorMessage(number.error())));
        }
        given = number->digits();
    }
    return operatorAction(*database_, ticket, [&](Session& session, StoredRequest& stored) {
        std::string number;
        if (given.has_value()) {
            number = *given;
            if (auto recorded = recordAssigned(session, number); !recorded.has_value()) {
                return recorded;
            }
        } else {
            auto body = protocol::decodeCreateRequest(stored.body);
            if (!body.has_value()) {
                return core::Result<void>(tl::unexpected(body.error()));
            }
            auto allocated = allocateNumber(session, body->request.person);
            if (!allocated.has_value()) {
                return core::Result<void>(tl::unexpected(allocated.error()));
            }
            number = *allocated;
        }
        return applyChange(session, stored,
                           {core::RequestStatus::Identified, number, {}, {}, std::nullopt, {}});
    });
}

core::Result<protocol::RequestResource> CentralService::reject(const std::string& ticket,
                                                               const std::string& reason) {
    return operatorAction(*database_, ticket, [&](Session& session, StoredRequest& stored) {
        return applyChange(session, stored,
                           {core::RequestStatus::Failed, {}, {}, reason, std::nullopt, {}});
    });
}

core::Result<protocol::RequestResource> CentralService::askDocument(const std::string& ticket,
                                                                    core::ActionReason reason,
                                                                    const std::string& detail) {
    return operatorAction(*database_, ticket, [&](Session& session, StoredRequest& stored) {
        std::optional<std::string> shownDetail;
        if (!detail.empty()) {
            shownDetail = detail;
        }
        return applyChange(
            session, stored,
            {core::RequestStatus::ActionExpected, {}, reason, shownDetail, std::nullopt, {}});
    });
}

Outcome<KioskIdentity> CentralService::authenticate(std::string_view authorizationHeader) {
    auto token = protocol::tokenFromAuthorization(authorizationHeader);
    if (!token.has_value()) {
        return tl::unexpected(apiError(401, error_code::kUnauthorized,
                                       "missing or malformed Authorization: Bearer credential"));
    }
    const std::string digest = protocol::sha256Hex(*token);
    {
        std::lock_guard lock(credentialsMutex_);
        if (const auto known = credentials_.find(digest); known != credentials_.end()) {
            return known->second;
        }
    }
    auto identity = inTransaction<
        KioskIdentity>(*database_, [&](Session& session) -> core::Result<Outcome<KioskIdentity>> {
        auto rows = session.query("SELECT kiosk_id, company FROM kiosks WHERE token_sha256 = ?",
                                  Params{Param::text(digest)});
        if (!rows.has_value()) {
            return tl::unexpected(rows.error());
        }
        if (rows->empty()) {
            return Outcome<KioskIdentity>(tl::unexpected(
                apiError(401, error_code::kUnauthorized, "unknown kiosk credential")));
        }
        return Outcome<KioskIdentity>(KioskIdentity{rows->front().text(0), rows->front().text(1)});
    });
    if (identity.has_value()) {
        std::lock_guard lock(credentialsMutex_);
        credentials_.emplace(digest, *identity);
    }
    return identity;
}

Outcome<protocol::AgentVerifyResponse> CentralService::verifyAgent(const KioskIdentity& kiosk,
                                                                   std::string_view body) {
    auto request = protocol::decodeAgentVerifyRequest(body);
    if (!request.has_value()) {
        return tl::unexpected(bodyError(request.error()));
    }
    const std::string key = personKey(kiosk.company, request->nationalNumber);
    return inTransaction<protocol::AgentVerifyResponse>(
        *database_, [&](Session& session) -> core::Result<Outcome<protocol::AgentVerifyResponse>> {
            auto rows = session.query(
                "SELECT agent_id, display_name FROM agents WHERE company = ? AND person_key = ?",
                Params{Param::text(kiosk.company), Param::text(key)});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            if (rows->empty()) {
                return Outcome<protocol::AgentVerifyResponse>(
                    tl::unexpected(apiError(403, error_code::kAccessDenied,
                                            "this person is not on the company's access list")));
            }
            return Outcome<protocol::AgentVerifyResponse>(
                protocol::AgentVerifyResponse{rows->front().text(0), rows->front().text(1), true});
        });
}

Outcome<protocol::AgentList> CentralService::agents(const KioskIdentity& kiosk) {
    return inTransaction<protocol::AgentList>(
        *database_, [&](Session& session) -> core::Result<Outcome<protocol::AgentList>> {
            auto rows = session.query(
                "SELECT agent_id, display_name FROM agents WHERE company = ? "
                "ORDER BY display_name, agent_id",
                Params{Param::text(kiosk.company)});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            protocol::AgentList list;
            for (const Row& row : *rows) {
                list.agents.push_back({row.text(0), row.text(1)});
            }
            return Outcome<protocol::AgentList>(std::move(list));
        });
}

Outcome<CreateOutcome> CentralService::createRequest(const KioskIdentity& kiosk,
                                                     std::string_view idempotencyKey,
                                                     std::string_view body) {
    const bool keyPrintable = std::all_of(idempotencyKey.begin(), idempotencyKey.end(),
                                          [](char c) { return c > 0x20 && c < 0x7f; });
    if (idempotencyKey.empty() || idempotencyKey.size() > protocol::kMaxIdempotencyKeyLength ||
        !keyPrintable) {
        return tl::unexpected(apiError(400, error_code::kBadRequest,
                                       "Idempotency-Key header missing or malformed (1-255 "
                                       "visible ASCII characters, e.g. a UUID)",
                                       std::string(protocol::kIdempotencyKeyHeader)));
    }
    auto decoded = protocol::decodeCreateRequest(body);
    if (!decoded.has_value()) {
        return tl::unexpected(bodyError(decoded.error()));
    }
    if (auto invalid = validatePages(decoded->pages); invalid.has_value()) {
        return tl::unexpected(*invalid);
    }
    core::Request& request = decoded->request;
    if (auto invalid = firstValidationError(core::validateRequest(request, today()));
        invalid.has_value()) {
        return tl::unexpected(*invalid);
    }
    // The canonical encoding is what is stored and compared: the same request always has the
    // same fingerprint, however the kiosk spaced or ordered its JSON.
    const std::string canonical = protocol::encode(*decoded);
    const std::string fingerprint = protocol::sha256Hex(canonical);
    const std::int64_t now = nowNanos();
    // A kiosk whose clock runs ahead cannot file a request in the central service's future.
    const std::int64_t submittedAt =
        request.submittedAt.has_value() ? std::min(toNanos(*request.submittedAt), now) : now;
    return inTransaction<CreateOutcome>(
        *database_, [&](Session& session) -> core::Result<Outcome<CreateOutcome>> {
            if (auto locked = session.lockAllocations(); !locked.has_value()) {
                return tl::unexpected(locked.error());
            }
            auto existing = session.query(
                "SELECT id, fingerprint FROM requests WHERE kiosk_id = ? AND idempotency_key = ?",
                Params{Param::text(kiosk.kioskId), Param::text(std::string(idempotencyKey))});
            if (!existing.has_value()) {
                return tl::unexpected(existing.error());
            }
            if (!existing->empty()) {
                if (existing->front().text(1) != fingerprint) {
                    return Outcome<CreateOutcome>(tl::unexpected(apiError(
                        409, error_code::kIdempotencyConflict,
                        "this Idempotency-Key was used before with another request body")));
                }
                auto stored = loadRequest(session, existing->front().integer(0));
                if (!stored.has_value()) {
                    return tl::unexpected(stored.error());
                }
                auto resource = buildResource(session, **stored);
                if (!resource.has_value()) {
                    return tl::unexpected(resource.error());
                }
                return Outcome<CreateOutcome>(CreateOutcome{std::move(*resource), false});
            }
            auto inserted = session.query(
                "INSERT INTO requests (kiosk_id, company, idempotency_key, fingerprint, local_id, "
                "requester_agent_id, state, body, submitted_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                Params{Param::text(kiosk.kioskId), Param::text(kiosk.company),
                       Param::text(std::string(idempotencyKey)), Param::text(fingerprint),
                       Param::text(request.localId), Param::text(request.requester.agentId),
                       Param::text(std::string(core::statusKey(core::RequestStatus::Sent))),
                       Param::text(canonical), Param::of(submittedAt), Param::of(now)});
            if (!inserted.has_value()) {
                return tl::unexpected(inserted.error());
            }
            const std::int64_t id = inserted->front().integer(0);
            if (auto pages = insertPages(session, id, decoded->pages); !pages.has_value()) {
                return tl::unexpected(pages.error());
            }
            auto stored = loadRequest(session, id);
            if (!stored.has_value()) {
                return tl::unexpected(stored.error());
            }
            StoredRequest& row = **stored;
            if (auto changed = applyChange(
                    session, row, {core::RequestStatus::Sent, {}, {}, {}, std::nullopt, {}});
                !changed.has_value()) {
                return tl::unexpected(changed.error());
            }
            auto resource = buildResource(session, row);
            if (!resource.has_value()) {
                return tl::unexpected(resource.error());
            }
            return Outcome<CreateOutcome>(CreateOutcome{std::move(*resource), true});
        });
}

Outcome<protocol::RequestResource> CentralService::getRequest(const KioskIdentity& kiosk,
                                                              std::string_view ticket) {
    return inTransaction<protocol::RequestResource>(
        *database_, [&](Session& session) -> core::Result<Outcome<protocol::RequestResource>> {
            auto stored = loadOwned(session, kiosk, ticket);
            if (!stored.has_value()) {
                return tl::unexpected(stored.error());
            }
            if (!stored->has_value()) {
                return Outcome<protocol::RequestResource>(tl::unexpected(stored->error()));
            }
            auto resource = buildResource(session, **stored);
            if (!resource.has_value()) {
                return tl::unexpected(resource.error());
            }
            return Outcome<protocol::RequestResource>(std::move(*resource));
        });
}

Outcome<std::uint64_t> CentralService::pageOffset(const KioskIdentity& kiosk,
                                                  std::string_view ticket, int index) {
    return inTransaction<std::uint64_t>(
        *database_, [&](Session& session) -> core::Result<Outcome<std::uint64_t>> {
            auto stored = loadOwned(session, kiosk, ticket);
            if (!stored.has_value()) {
                return tl::unexpected(stored.error());
            }
            if (!stored->has_value()) {
                return Outcome<std::uint64_t>(tl::unexpected(stored->error()));
            }
            auto page =
                session.query("SELECT received FROM pages WHERE request_id = ? AND page_index = ?",
                              Params{Param::of((*stored)->id), Param::of(index)});
            if (!page.has_value()) {
                return tl::unexpected(page.error());
            }
            if (page->empty()) {
                return Outcome<std::uint64_t>(tl::unexpected(
                    apiError(404, error_code::kNotFound,
                             std::string(ticket) + " has no page " + std::to_string(index))));
            }
            return Outcome<std::uint64_t>(static_cast<std::uint64_t>(page->front().integer(0)));
        });
}

Outcome<protocol::PageUploadResult> CentralService::appendPage(const KioskIdentity& kiosk,
                                                               std::string_view ticket, int index,
                                                               std::uint64_t offset,
                                                               std::string_view chunk) {
    using Result = Outcome<protocol::PageUploadResult>;
    return inTransaction<
        protocol::PageUploadResult>(*database_, [&](Session& session) -> core::Result<Result> {
        if (auto locked = session.lockAllocations(); !locked.has_value()) {
            return tl::unexpected(locked.error());
        }
        auto owned = loadOwned(session, kiosk, ticket);
        if (!owned.has_value()) {
            return tl::unexpected(owned.error());
        }
        if (!owned->has_value()) {
            return Result(tl::unexpected(owned->error()));
        }
        StoredRequest& stored = **owned;
        auto page = session.query(
            "SELECT bytes, sha256, received, complete FROM pages "
            "WHERE request_id = ? AND page_index = ?" +
                std::string(session.forUpdate()),
            Params{Param::of(stored.id), Param::of(index)});
        if (!page.has_value()) {
            return tl::unexpected(page.error());
        }
        if (page->empty()) {
            return Result(tl::unexpected(
                apiError(404, error_code::kNotFound,
                         std::string(ticket) + " has no page " + std::to_string(index))));
        }
        const auto bytes = static_cast<std::uint64_t>(page->front().integer(0));
        const std::string sha256 = page->front().text(1);
        auto received = static_cast<std::uint64_t>(page->front().integer(2));
        const bool complete = page->front().integer(3) != 0;

        auto answer = [&](std::uint64_t receivedNow, bool completeNow) -> core::Result<Result> {
            auto resource = buildResource(session, stored);
            if (!resource.has_value()) {
                return tl::unexpected(resource.error());
            }
            return Result(protocol::PageUploadResult{index, receivedNow, completeNow, *resource});
        };
        auto mismatch = [&](std::uint64_t expected) {
            ApiError error =
                apiError(409, error_code::kOffsetMismatch,
                         "Upload-Offset " + std::to_string(offset) + " does not match the " +
                             std::to_string(expected) + " bytes received");
            error.uploadOffset = expected;
            return Result(tl::unexpected(error));
        };
        if (complete) {
            // A retry of the last chunk whose answer was lost: the page is already there.
            if (offset == bytes && chunk.empty()) {
                return answer(bytes, true);
            }
            return mismatch(bytes);
        }
        if (stored.state != core::RequestStatus::Sent) {
            return Result(tl::unexpected(apiError(409, error_code::kInvalidState,
                                                  std::string(ticket) + " is " +
                                                      std::string(core::statusKey(stored.state)) +
                                                      " and takes no pages")));
        }
        if (offset != received) {
            return mismatch(received);
        }
        if (chunk.size() > bytes - received) {
            return Result(
                tl::unexpected(apiError(413, error_code::kPageTooLarge,
                                        "the chunk goes past the page's declared size of " +
                                            std::to_string(bytes) + " bytes")));
        }
        if (chunk.empty()) {
            return answer(received, false);
        }
        auto stored_chunk = session.exec(
            "INSERT INTO page_chunks (request_id, page_index, chunk_offset, data) "
            "VALUES (?, ?, ?, ?)",
            Params{Param::of(stored.id), Param::of(index),
                   Param::of(static_cast<std::int64_t>(received)),
                   Param::blob(std::string(chunk))});
        if (!stored_chunk.has_value()) {
            return tl::unexpected(stored_chunk.error());
        }
        received += chunk.size();
        bool nowComplete = false;
        if (received == bytes) {
            auto chunks = session.query(
                "SELECT data FROM page_chunks WHERE request_id = ? AND page_index = ? "
                "ORDER BY chunk_offset",
                Params{Param::of(stored.id), Param::of(index)});
            if (!chunks.has_value()) {
                return tl::unexpected(chunks.error());
            }
            protocol::Sha256 hasher;
            for (const Row& row : *chunks) {
                const std::string data = row.text(0);
                hasher.update(
                    std::span(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
            }
            if (hasher.finishHex() != sha256) {
                // The page starts over; the reset is committed with this answer.
                auto cleared =
                    session.exec("DELETE FROM page_chunks WHERE request_id = ? AND page_index = ?",
                                 Params{Param::of(stored.id), Param::of(index)});
                auto reset = session.exec(
                    "UPDATE pages SET received = 0 WHERE request_id = ? AND page_index = ?",
                    Params{Param::of(stored.id), Param::of(index)});
                if (!cleared.has_value() || !reset.has_value()) {
                    return tl::unexpected(!cleared.has_value() ? cleared.error() : reset.error());
                }
                ApiError error = apiError(422, error_code::kChecksumMismatch,
                                          "page " + std::to_string(index) +
                                              " does not match its SHA-256; send it again "
                                              "from offset 0");
                error.uploadOffset = 0;
                return Result(tl::unexpected(error));
            }
            nowComplete = true;
        }
        auto updated = session.exec(
            "UPDATE pages SET received = ?, complete = ? WHERE request_id = ? AND page_index = ?",
            Params{Param::of(static_cast<std::int64_t>(received)), Param::of(nowComplete ? 1 : 0),
                   Param::of(stored.id), Param::of(index)});
        if (!updated.has_value()) {
            return tl::unexpected(updated.error());
        }
        if (nowComplete) {
            auto missing =
                session.query("SELECT COUNT(*) FROM pages WHERE request_id = ? AND complete = 0",
                              Params{Param::of(stored.id)});
            if (!missing.has_value()) {
                return tl::unexpected(missing.error());
            }
            if (missing->front().integer(0) == 0) {
                if (auto decided = decideOn(session, stored); !decided.has_value()) {
                    return tl::unexpected(decided.error());
                }
            }
        }
        return answer(received, nowComplete);
    });
}

Outcome<protocol::RequestResource> CentralService::replaceDocument(const KioskIdentity& kiosk,
                                                                   std::string_view ticket,
                                                                   std::string_view body) {
    using Result = Outcome<protocol::RequestResource>;
    auto upload = protocol::decodeDocumentUpload(body);
    if (!upload.has_value()) {
        return tl::unexpected(bodyError(upload.error()));
    }
    if (auto invalid = validatePages(upload->pages); invalid.has_value()) {
        return tl::unexpected(*invalid);
    }
    return inTransaction<protocol::RequestResource>(
        *database_, [&](Session& session) -> core::Result<Result> {
            if (auto locked = session.lockAllocations(); !locked.has_value()) {
                return tl::unexpected(locked.error());
            }
            auto owned = loadOwned(session, kiosk, ticket);
            if (!owned.has_value()) {
                return tl::unexpected(owned.error());
            }
            if (!owned->has_value()) {
                return Result(tl::unexpected(owned->error()));
            }
            StoredRequest& stored = **owned;
            auto original = protocol::decodeCreateRequest(stored.body);
            if (!original.has_value()) {
                return tl::unexpected(original.error());
            }
            protocol::CreateRequest replaced = *original;
            replaced.request.document = upload->document;
            replaced.mrz = upload->mrz;
            replaced.pages = upload->pages;
            replaced.request.pages.clear();
            for (const auto& page : upload->pages) {
                replaced.request.pages.push_back(
                    {std::to_string(page.index), page.width, page.height, page.bytes});
            }
            const std::string canonical = protocol::encode(replaced);
            // A retry of an upload that was applied already answers the same.
            if (stored.state == core::RequestStatus::Sent && canonical == stored.body) {
                auto resource = buildResource(session, stored);
                if (!resource.has_value()) {
                    return tl::unexpected(resource.error());
                }
                return Result(std::move(*resource));
            }
            if (stored.state != core::RequestStatus::ActionExpected) {
                return Result(tl::unexpected(apiError(
                    409, error_code::kInvalidState,
                    std::string(ticket) + " is " + std::string(core::statusKey(stored.state)) +
                        "; a new document is taken only in action_expected")));
            }
            if (auto invalid = firstValidationError(core::validateDocumentStep(replaced.request));
                invalid.has_value()) {
                return Result(tl::unexpected(*invalid));
            }
            for (const char* sql : {"DELETE FROM page_chunks WHERE request_id = ?",
                                    "DELETE FROM pages WHERE request_id = ?"}) {
                if (auto deleted = session.exec(sql, Params{Param::of(stored.id)});
                    !deleted.has_value()) {
                    return tl::unexpected(deleted.error());
                }
            }
            if (auto pages = insertPages(session, stored.id, upload->pages); !pages.has_value()) {
                return tl::unexpected(pages.error());
            }
            auto rewritten = session.exec("UPDATE requests SET body = ? WHERE id = ?",
                                          Params{Param::text(canonical), Param::of(stored.id)});
            if (!rewritten.has_value()) {
                return tl::unexpected(rewritten.error());
            }
            stored.body = canonical;
            if (auto changed = applyChange(
                    session, stored, {core::RequestStatus::Sent, {}, {}, {}, std::nullopt, {}});
                !changed.has_value()) {
                return tl::unexpected(changed.error());
            }
            auto resource = buildResource(session, stored);
            if (!resource.has_value()) {
                return tl::unexpected(resource.error());
            }
            return Result(std::move(*resource));
        });
}

namespace {

// Marks a request deleted unless it is final; deleting it again answers the same.
core::Result<Outcome<protocol::RequestResource>> deleteStored(Session& session,
                                                              StoredRequest& stored) {
    using Result = Outcome<protocol::RequestResource>;
    if (stored.state == core::RequestStatus::Identified ||
        stored.state == core::RequestStatus::Failed) {
        return Result(tl::unexpected(apiError(409, error_code::kAlreadyFinal,
                                              ticketOf(stored.id) + " is " +
                                                  std::string(core::statusKey(stored.state)) +
                                                  " and can no longer be deleted")));
    }
    if (stored.state != core::RequestStatus::Deleted) {
        if (auto changed = applyChange(
                session, stored, {core::RequestStatus::Deleted, {}, {}, {}, std::nullopt, {}});
            !changed.has_value()) {
            return tl::unexpected(changed.error());
        }
    }
    auto resource = buildResource(session, stored);
    if (!resource.has_value()) {
        return tl::unexpected(resource.error());
    }
    return Result(std::move(*resource));
}

}  // namespace

Outcome<protocol::RequestResource> CentralService::deleteRequest(const KioskIdentity& kiosk,
                                                                 std::string_view ticket) {
    using Result = Outcome<protocol::RequestResource>;
    return inTransaction<protocol::RequestResource>(
        *database_, [&](Session& session) -> core::Result<Result> {
            if (auto locked = session.lockAllocations(); !locked.has_value()) {
                return tl::unexpected(locked.error());
            }
            auto owned = loadOwned(session, kiosk, ticket);
            if (!owned.has_value()) {
                return tl::unexpected(owned.error());
            }
            if (!owned->has_value()) {
                return Result(tl::unexpected(owned->error()));
            }
            return deleteStored(session, **owned);
        });
}

Outcome<protocol::RequestResource> CentralService::deleteRequestByKey(
    const KioskIdentity& kiosk, std::string_view idempotencyKey) {
    using Result = Outcome<protocol::RequestResource>;
    return inTransaction<protocol::RequestResource>(
        *database_, [&](Session& session) -> core::Result<Result> {
            if (auto locked = session.lockAllocations(); !locked.has_value()) {
                return tl::unexpected(locked.error());
            }
            auto found = session.query(
                "SELECT id FROM requests WHERE kiosk_id = ? AND idempotency_key = ?",
                Params{Param::text(kiosk.kioskId), Param::text(std::string(idempotencyKey))});
            if (!found.has_value()) {
                return tl::unexpected(found.error());
            }
            if (found->empty()) {
                return Result(tl::unexpected(
                    apiError(404, error_code::kNotFound,
                             "this kiosk created no request with this idempotency key")));
            }
            auto stored = loadRequest(session, found->front().integer(0));
            if (!stored.has_value()) {
                return tl::unexpected(stored.error());
            }
            return deleteStored(session, **stored);
        });
}

Outcome<protocol::ChangesPage> CentralService::changes(const KioskIdentity& kiosk,
                                                       std::string_view since, std::size_t limit) {
    const auto cursor = parseCursor(since);
    if (!cursor.has_value()) {
        return tl::unexpected(apiError(400, error_code::kBadRequest,
                                       "since must be a cursor this service gave out", "since"));
    }
    limit =
        std::clamp<std::size_t>(limit == 0 ? kDefaultListLimit : limit, 1, protocol::kMaxPageLimit);
    return inTransaction<protocol::ChangesPage>(
        *database_, [&](Session& session) -> core::Result<Outcome<protocol::ChangesPage>> {
            auto rows = session.query(
                "SELECT c.id, c.request_id, r.local_id, c.state, c.insz, c.action_reason, "
                "c.action_detail, c.changed_at FROM changes c JOIN requests r ON r.id = "
                "c.request_id WHERE c.kiosk_id = ? AND c.id > ? ORDER BY c.id LIMIT ?",
                Params{Param::text(kiosk.kioskId), Param::of(*cursor),
                       Param::of(static_cast<std::int64_t>(limit))});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            protocol::ChangesPage page;
            for (const Row& row : *rows) {
                protocol::Change change;
                change.cursor = std::to_string(row.integer(0));
                change.ticket = ticketOf(row.integer(1));
                change.localId = row.text(2);
                change.state = core::statusFromKey(row.text(3)).value_or(core::RequestStatus::Sent);
                change.insz = row.text(4);
                if (!row.isNull(5)) {
                    change.actionReason = core::actionReasonFromKey(row.text(5));
                }
                if (!row.isNull(6)) {
                    change.actionDetail = row.text(6);
                }
                change.changedAt = fromNanos(row.integer(7));
                page.changes.push_back(std::move(change));
            }
            page.nextCursor =
                page.changes.empty() ? std::string(since) : page.changes.back().cursor;
            return Outcome<protocol::ChangesPage>(std::move(page));
        });
}

Outcome<protocol::HistoryPage> CentralService::history(const KioskIdentity& kiosk,
                                                       const std::optional<std::string>& requester,
                                                       const std::optional<std::string>& before,
                                                       std::size_t limit) {
    std::int64_t beforeId = INT64_MAX;
    if (before.has_value() && !before->empty()) {
        auto id = ticketId(*before);
        if (!id.has_value()) {
            return tl::unexpected(
                apiError(400, error_code::kBadRequest, "before must be a ticket", "before"));
        }
        beforeId = *id;
    }
    limit = std::clamp<std::size_t>(limit == 0 ? 20 : limit, 1, protocol::kMaxPageLimit);
    return inTransaction<protocol::HistoryPage>(
        *database_, [&](Session& session) -> core::Result<Outcome<protocol::HistoryPage>> {
            const bool mine = requester.has_value() && !requester->empty();
            Params params{Param::text(kiosk.company), Param::of(beforeId)};
            std::string sql = "SELECT " + std::string(kRequestColumns) +
                              " FROM requests WHERE company = ? AND id < ? AND state <> 'deleted'";
            if (mine) {
                sql += " AND requester_agent_id = ?";
                params.push_back(Param::text(*requester));
            }
            sql += " ORDER BY id DESC LIMIT ?";
            params.push_back(Param::of(static_cast<std::int64_t>(limit + 1)));
            auto rows = session.query(sql, params);
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            protocol::HistoryPage page;
            page.hasOlder = rows->size() > limit;
            for (std::size_t i = 0; i < rows->size() && i < limit; ++i) {
                const StoredRequest stored = readRequest((*rows)[i]);
                protocol::HistoryItem item;
                item.ticket = ticketOf(stored.id);
                item.localId = stored.localId;
                item.kioskId = stored.kioskId;
                item.state = stored.state;
                item.insz = stored.insz;
                item.submittedAt = fromNanos(stored.submittedAt);
                item.updatedAt = fromNanos(stored.updatedAt);
                if (auto body = protocol::decodeCreateRequest(stored.body); body.has_value()) {
                    const core::Request& request = body->request;
                    item.requester = request.requester;
                    item.summary = {request.person.surname, request.person.givenNames,
                                    request.person.birthDate, request.person.nationality,
                                    request.document.type};
                } else {
                    item.requester.agentId = stored.requesterAgentId;
                }
                page.requests.push_back(std::move(item));
            }
            return Outcome<protocol::HistoryPage>(std::move(page));
        });
}

Outcome<protocol::NotificationsPage> CentralService::notifications(const KioskIdentity& kiosk,
                                                                   std::string_view agent,
                                                                   std::string_view since) {
    if (agent.empty()) {
        return tl::unexpected(apiError(400, error_code::kBadRequest, "agent is required", "agent"));
    }
    const auto cursor = parseCursor(since);
    if (!cursor.has_value()) {
        return tl::unexpected(apiError(400, error_code::kBadRequest,
                                       "since must be a cursor this service gave out", "since"));
    }
    return inTransaction<protocol::NotificationsPage>(
        *database_, [&](Session& session) -> core::Result<Outcome<protocol::NotificationsPage>> {
            auto rows = session.query(
                "SELECT id, request_id, kind, state, created_at FROM notifications "
                "WHERE company = ? AND agent_id = ? AND id > ? ORDER BY id LIMIT ?",
                Params{Param::text(kiosk.company), Param::text(std::string(agent)),
                       Param::of(*cursor),
                       Param::of(static_cast<std::int64_t>(kNotificationsLimit))});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            protocol::NotificationsPage page;
            for (const Row& row : *rows) {
                protocol::Notification notification;
                notification.id = std::to_string(row.integer(0));
                notification.ticket = ticketOf(row.integer(1));
                notification.kind = protocol::notificationKindFromKey(row.text(2))
                                        .value_or(protocol::NotificationKind::FinalAnswer);
                notification.state =
                    core::statusFromKey(row.text(3)).value_or(core::RequestStatus::Sent);
                notification.createdAt = fromNanos(row.integer(4));
                page.notifications.push_back(std::move(notification));
            }
            page.nextCursor =
                page.notifications.empty() ? std::string(since) : page.notifications.back().id;
            return Outcome<protocol::NotificationsPage>(std::move(page));
        });
}

core::Result<std::vector<MailItem>> CentralService::dueMails(std::size_t limit) {
    return database_->transact<std::vector<MailItem>>(
        [&](Session& session) -> core::Result<std::vector<MailItem>> {
            auto rows = session.query(
                "SELECT id, recipient, request_id, attempts FROM mail_outbox "
                "WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                Params{Param::of(nowNanos()), Param::of(static_cast<std::int64_t>(limit))});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            std::vector<MailItem> mails;
            for (const Row& row : *rows) {
                mails.push_back({row.integer(0), row.text(1), ticketOf(row.integer(2)),
                                 static_cast<int>(row.integer(3))});
            }
            return mails;
        });
}

core::Result<void> CentralService::markMailSent(std::int64_t id) {
    return database_->transaction([&](Session& session) {
        return session.exec("UPDATE mail_outbox SET sent_at = ? WHERE id = ?",
                            Params{Param::of(nowNanos()), Param::of(id)});
    });
}

core::Result<void> CentralService::markMailFailed(std::int64_t id, const std::string& error,
                                                  std::chrono::seconds retryIn) {
    const std::int64_t next =
        nowNanos() + std::chrono::duration_cast<std::chrono::nanoseconds>(retryIn).count();
    return database_->transaction([&](Session& session) {
        return session.exec(
            "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
            "WHERE id = ?",
            Params{Param::text(error), Param::of(next), Param::of(id)});
    });
}

}  // namespace balie::sync::central
