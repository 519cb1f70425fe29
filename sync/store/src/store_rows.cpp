// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing request rows, shared by the store's request and delivery operations.
#include "store_rows.h"

#include "answer_codec.h"
#include "balie/core/request_lifecycle.h"
#include "balie/core/request_status.h"
#include "request_codec.h"

namespace balie::sync {

using core::Errc;
using core::Result;

std::int64_t toNanos(TimePoint time) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

TimePoint fromNanos(std::int64_t nanos) {
    return TimePoint(
        std::chrono::duration_cast<TimePoint::duration>(std::chrono::nanoseconds(nanos)));
}

namespace {

// Associated data binds each blob to its row: a blob copied into another row does not decrypt.
std::string requestContext(std::string_view localId) {
    return "balie/request/" + std::to_string(kPersonalPayloadVersion) + "/" + std::string(localId);
}

}  // namespace

std::string pageContext(std::string_view localId, std::string_view pageId) {
    return "balie/page/" + std::string(localId) + "/" + std::string(pageId);
}

std::span<const std::uint8_t> bytesOf(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

core::Error during(core::Error error, std::string_view action, bool writing) {
    std::string consequence;
    if (writing) {
        // A failed sync leaves the commit's frames in the WAL: recovery may still find them, so
        // the outcome of this change is unknown (the outbox's idempotency keys exist for this).
        consequence = error.native == SQLITE_IOERR_FSYNC
                          ? ": nothing stored before was lost; this change may not have been stored"
                          : ": nothing was lost, but this change was not stored";
    }
    const auto detail = error.message.find(" (sqlite: ");
    if (detail == std::string::npos) {
        error.message = std::string(action) + consequence + ": " + error.message;
    } else {
        error.message = error.message.substr(0, detail) + " while " + std::string(action) +
                        consequence + error.message.substr(detail);
    }
    return error;
}

tl::unexpected<core::Error> failDuring(const core::Error& error, std::string_view action,
                                       bool writing) {
    return tl::unexpected(during(error, action, writing));
}

Result<core::Request> readRequest(const Statement& row, const SecretKey& key) {
    core::Request request;
    request.localId = row.textAt(0);
    const auto status = core::statusFromKey(row.textAt(1));
    if (!status.has_value()) {
        return core::fail(Errc::Storage, "request " + request.localId + " has an unknown status '" +
                                             row.textAt(1) + "'");
    }
    request.status = *status;
    if (!row.isNull(2)) {
        request.actionReason = core::actionReasonFromKey(row.textAt(2));
    }
    request.ticketNumber = row.textAt(3);
    request.requester.agentId = row.textAt(4);
    if (!row.isNull(5)) {
        request.submittedAt = fromNanos(row.int64At(5));
    }
    if (row.int64At(6) != kPersonalPayloadVersion) {
        return core::fail(Errc::Storage, "request " + request.localId +
                                             " was stored by a newer Balie (payload version " +
                                             std::to_string(row.int64At(6)) + ")");
    }
    auto plain = unseal(key, row.blobAt(7), requestContext(request.localId));
    if (!plain.has_value()) {
        return core::fail(Errc::Storage, "request " + request.localId +
                                             " cannot be decrypted: its stored data was altered");
    }
    auto decoded = decodePersonal(
        std::string_view(reinterpret_cast<const char*>(plain->data()), plain->size()), request);
    sodium_memzero(plain->data(), plain->size());
    if (!decoded.has_value()) {
        return tl::unexpected(decoded.error());
    }
    if (!row.isNull(8)) {
        auto filled = fillAnswerDetails(key, row.blobAt(8), request);
        if (!filled.has_value()) {
            return tl::unexpected(filled.error());
        }
    }
    return request;
}

std::vector<std::uint8_t> sealPersonal(const core::Request& request, const SecretKey& key) {
    std::string plain = encodePersonal(request);
    auto sealed = seal(key, bytesOf(plain), requestContext(request.localId));
    sodium_memzero(plain.data(), plain.size());
    return sealed;
}

core::Result<void> writeRequestUpdate(Database& db, const SecretKey& key,
                                      const core::Request& request, UpdateRule rule) {
    const std::string action = "updating request " + request.localId;
    auto current = db.prepare("SELECT status FROM requests WHERE local_id = ?1");
    if (!current.has_value()) {
        return failDuring(current.error(), action, true);
    }
    current->bind(1, request.localId);
    auto row = current->step();
    if (!row.has_value()) {
        return failDuring(row.error(), action, true);
    }
    if (!*row) {
        return core::fail(Errc::NotFound, "no request " + request.localId + " is stored");
    }
    const auto stored = core::statusFromKey(current->textAt(0));
    if (!stored.has_value()) {
        return core::fail(Errc::Storage, "request " + request.localId + " has an unknown status '" +
                                             current->textAt(0) + "'");
    }
    const bool delivered = rule == UpdateRule::Delivered &&
                           *stored == core::RequestStatus::Queued &&
                           (request.status == core::RequestStatus::Sent ||
                            core::isTransitionAllowed(core::RequestStatus::Sent, request.status));
    if ((request.status != *stored || rule == UpdateRule::Delivered) && !delivered) {
        auto allowed = core::checkTransition(*stored, request.status);
        if (!allowed.has_value() || rule == UpdateRule::Delivered) {
            return core::fail(Errc::InvalidState,
                              "request " + request.localId + " cannot go from " +
                                  std::string(core::statusKey(*stored)) + " to " +
                                  std::string(core::statusKey(request.status)));
        }
    }

    std::vector<std::string> statements;
    if (request.status == core::RequestStatus::Deleted) {
        // Retention: nothing of a deleted request stays on the kiosk.
        statements = {"DELETE FROM page_images WHERE local_id = ?1",
                      "DELETE FROM outbox WHERE local_id = ?1",
                      "DELETE FROM requests WHERE local_id = ?1"};
    } else {
        auto write = db.prepare(
            "UPDATE requests SET status = ?2, action_reason = ?3, ticket = ?4, submitted_at = ?5, "
            "payload_version = ?6, personal = ?7 WHERE local_id = ?1");
        if (!write.has_value()) {
            return failDuring(write.error(), action, true);
        }
        write->bind(1, request.localId);
        write->bind(2, core::statusKey(request.status));
        if (request.actionReason.has_value()) {
            write->bind(3, core::actionReasonKey(*request.actionReason));
        } else {
            write->bindNull(3);
        }
        write->bind(4, request.ticketNumber);
        if (request.submittedAt.has_value()) {
            write->bind(5, toNanos(*request.submittedAt));
        } else {
            write->bindNull(5);
        }
        write->bind(6, std::int64_t{kPersonalPayloadVersion});
        write->bind(7, sealPersonal(request, key));
        auto written = write->run();
        if (!written.has_value()) {
            return failDuring(written.error(), action, true);
        }
        // The central service has the request once it leaves Queued; a request queued again
        // (new document after "action expected") is a new delivery with a new key.
        if (*stored == core::RequestStatus::Queued && request.status != *stored) {
            statements.emplace_back("DELETE FROM outbox WHERE local_id = ?1");
        }
        if (request.status == core::RequestStatus::Queued && *stored != request.status) {
            auto requeue = db.prepare(
                "INSERT INTO outbox (local_id, idempotency_key, next_attempt_at) "
                "VALUES (?1, ?2, 0)");
            if (!requeue.has_value()) {
                return failDuring(requeue.error(), action, true);
            }
            requeue->bind(1, request.localId);
            requeue->bind(2, newUuid());
            auto requeued = requeue->run();
            if (!requeued.has_value()) {
                return failDuring(requeued.error(), action, true);
            }
            // The previous answer's details (the operator's words) were about the old document.
            statements.emplace_back("DELETE FROM request_answers WHERE local_id = ?1");
        }
        // Retention: the images were only needed to identify the person.
        if (core::isFinal(request.status)) {
            statements.emplace_back("DELETE FROM page_images WHERE local_id = ?1");
            statements.emplace_back("DELETE FROM request_mrz WHERE local_id = ?1");
        }
    }
    for (const auto& sql : statements) {
        auto statement = db.prepare(sql);
        if (!statement.has_value()) {
            return failDuring(statement.error(), action, true);
        }
        statement->bind(1, request.localId);
        auto done = statement->run();
        if (!done.has_value()) {
            return failDuring(done.error(), action, true);
        }
    }
    return {};
}

namespace {

std::string mrzContext(std::string_view localId) {
    return "balie/mrz/" + std::string(localId);
}

}  // namespace

core::Result<void> writeMrz(Database& db, const SecretKey& key, std::string_view localId,
                            const std::vector<std::string>& lines) {
    auto cleared = db.prepare("DELETE FROM request_mrz WHERE local_id = ?1");
    if (!cleared.has_value()) {
        return tl::unexpected(cleared.error());
    }
    cleared->bind(1, localId);
    auto done = cleared->run();
    if (!done.has_value() || lines.empty()) {
        return done;
    }
    std::string joined;
    for (const auto& line : lines) {
        joined += line + "\n";
    }
    auto insert = db.prepare("INSERT INTO request_mrz (local_id, lines) VALUES (?1, ?2)");
    if (!insert.has_value()) {
        return tl::unexpected(insert.error());
    }
    insert->bind(1, localId);
    insert->bind(2, seal(key, bytesOf(joined), mrzContext(localId)));
    sodium_memzero(joined.data(), joined.size());
    return insert->run();
}

core::Result<std::vector<std::string>> readMrz(Database& db, const SecretKey& key,
                                               std::string_view localId) {
    auto statement = db.prepare("SELECT lines FROM request_mrz WHERE local_id = ?1");
    if (!statement.has_value()) {
        return tl::unexpected(statement.error());
    }
    statement->bind(1, localId);
    auto row = statement->step();
    if (!row.has_value()) {
        return tl::unexpected(row.error());
    }
    std::vector<std::string> lines;
    if (!*row) {
        return lines;
    }
    auto plain = unseal(key, statement->blobAt(0), mrzContext(localId));
    if (!plain.has_value()) {
        return core::fail(Errc::Storage, "the machine readable zone of request " +
                                             std::string(localId) +
                                             " cannot be decrypted: its stored data was altered");
    }
    std::string current;
    for (const auto byte : *plain) {
        if (byte == '\n') {
            lines.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(static_cast<char>(byte));
        }
    }
    sodium_memzero(plain->data(), plain->size());
    return lines;
}

}  // namespace balie::sync
