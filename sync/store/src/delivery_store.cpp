// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteRequestStore's delivery state: stages, page progress, remote deletions, the changes cursor
// and the agents' access cache.
#include <utility>

#include "balie/core/document.h"
#include "balie/core/request_lifecycle.h"
#include "balie/core/request_status.h"
#include "balie/sync/crypto/key_file.h"
#include "balie/sync/sqlite_request_store.h"
#include "sqlite.h"
#include "store_rows.h"

namespace balie::sync {
namespace {

using core::Errc;
using core::Result;

constexpr std::string_view kChangesCursorName = "changes_cursor";
constexpr std::string_view kStageCreate = "create";
// The create was sent at least once: the central service may hold the request without the kiosk
// knowing its ticket.
constexpr std::string_view kStageAnnounced = "announced";
constexpr std::string_view kStagePages = "pages";

std::string agentContext(std::string_view agentId) {
    return "balie/agent/" + std::string(agentId);
}

// A keyed hash: the cache finds a person by national number without storing the number, and the
// hashes mean nothing without the store's key.
std::vector<std::uint8_t> nationalNumberHash(const SecretKey& key, std::string_view number) {
    const std::string message = "balie/agent-national-number/" + std::string(number);
    std::vector<std::uint8_t> hash(crypto_generichash_BYTES);
    crypto_generichash(hash.data(), hash.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       key.bytes().data(), key.bytes().size());
    return hash;
}

// Runs one write statement whose values `bind` supplies.
template <typename Bind>
Result<void> runWrite(Database& db, std::string_view sql, std::string_view action, Bind bind) {
    auto statement = db.prepare(sql);
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, true);
    }
    bind(*statement);
    auto done = statement->run();
    if (!done.has_value()) {
        return failDuring(done.error(), action, true);
    }
    return {};
}

Result<core::Request> loadRow(Database& db, const SecretKey& key, std::string_view localId,
                              std::string_view action) {
    auto statement =
        db.prepare("SELECT " + std::string(kRequestColumns) + " FROM requests WHERE local_id = ?1");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, false);
    }
    statement->bind(1, localId);
    auto row = statement->step();
    if (!row.has_value()) {
        return failDuring(row.error(), action, false);
    }
    if (!*row) {
        return core::fail(Errc::NotFound, "no request " + std::string(localId) + " is stored");
    }
    return readRequest(*statement, key);
}

// The idempotency key of a request whose create was sent but not acknowledged; empty otherwise.
Result<std::string> announcedIdempotencyKey(Database& db, std::string_view localId,
                                            std::string_view action) {
    auto statement =
        db.prepare("SELECT idempotency_key FROM outbox WHERE local_id = ?1 AND stage = ?2");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, false);
    }
    statement->bind(1, localId);
    statement->bind(2, kStageAnnounced);
    auto row = statement->step();
    if (!row.has_value()) {
        return failDuring(row.error(), action, false);
    }
    return *row ? statement->textAt(0) : std::string();
}

template <typename Work>
Result<void> inTransaction(Database& db, std::string_view action, Work work) {
    auto transaction = Transaction::begin(db);
    if (!transaction.has_value()) {
        return failDuring(transaction.error(), action, true);
    }
    auto done = work();
    if (!done.has_value()) {
        return done;
    }
    auto committed = transaction->commit();
    if (!committed.has_value()) {
        return failDuring(committed.error(), action, true);
    }
    return {};
}

}  // namespace

Result<Delivery> SqliteRequestStore::delivery(std::string_view localId) {
    const std::string action = "reading the delivery of request " + std::string(localId);
    std::lock_guard lock(mutex_);
    auto statement = db_->prepare(
        "SELECT o.idempotency_key, o.attempts, o.last_error, o.next_attempt_at, o.stage, r.ticket "
        "FROM outbox o JOIN requests r ON r.local_id = o.local_id WHERE o.local_id = ?1");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, false);
    }
    statement->bind(1, localId);
    auto row = statement->step();
    if (!row.has_value()) {
        return failDuring(row.error(), action, false);
    }
    if (!*row) {
        return core::fail(Errc::NotFound,
                          "request " + std::string(localId) + " has no entry in the outbox");
    }
    Delivery delivery;
    delivery.item = core::OutboxItem{std::string(localId), statement->textAt(0),
                                     static_cast<int>(statement->int64At(1)), statement->textAt(2),
                                     fromNanos(statement->int64At(3))};
    delivery.stage =
        statement->textAt(4) == kStagePages ? DeliveryStage::Pages : DeliveryStage::Create;
    delivery.ticket = statement->textAt(5);

    auto pages = db_->prepare(
        "SELECT page_index, received, complete FROM outbox_pages WHERE local_id = ?1 "
        "ORDER BY page_index");
    if (!pages.has_value()) {
        return failDuring(pages.error(), action, false);
    }
    pages->bind(1, localId);
    while (true) {
        auto page = pages->step();
        if (!page.has_value()) {
            return failDuring(page.error(), action, false);
        }
        if (!*page) {
            return delivery;
        }
        delivery.pages.push_back(PageProgress{static_cast<int>(pages->int64At(0)),
                                              static_cast<std::uint64_t>(pages->int64At(1)),
                                              pages->int64At(2) != 0});
    }
}

Result<void> SqliteRequestStore::recordTicket(std::string_view localId, std::string_view ticket) {
    const std::string action = "recording the ticket of request " + std::string(localId);
    std::lock_guard lock(mutex_);
    return inTransaction(*db_, action, [&]() -> Result<void> {
        auto staged = runWrite(*db_, "UPDATE outbox SET stage = ?2 WHERE local_id = ?1", action,
                               [&](Statement& s) {
                                   s.bind(1, localId);
                                   s.bind(2, kStagePages);
                               });
        if (!staged.has_value()) {
            return staged;
        }
        if (db_->changes() == 0) {
            return core::fail(Errc::NotFound,
                              "request " + std::string(localId) + " has no entry in the outbox");
        }
        auto cleared = runWrite(*db_, "DELETE FROM outbox_pages WHERE local_id = ?1", action,
                                [&](Statement& s) { s.bind(1, localId); });
        if (!cleared.has_value()) {
            return cleared;
        }
        return runWrite(*db_, "UPDATE requests SET ticket = ?2 WHERE local_id = ?1", action,
                        [&](Statement& s) {
                            s.bind(1, localId);
                            s.bind(2, ticket);
                        });
    });
}

Result<void> SqliteRequestStore::recordAnnouncing(std::string_view localId) {
    std::lock_guard lock(mutex_);
    return runWrite(*db_, "UPDATE outbox SET stage = ?2 WHERE local_id = ?1 AND stage = ?3",
                    "recording the sending of request " + std::string(localId), [&](Statement& s) {
                        s.bind(1, localId);
                        s.bind(2, kStageAnnounced);
                        s.bind(3, kStageCreate);
                    });
}

Result<void> SqliteRequestStore::recordPageProgress(std::string_view localId,
                                                    const PageProgress& progress) {
    const std::string action = "recording the upload of page " + std::to_string(progress.index) +
                               " of request " + std::string(localId);
    std::lock_guard lock(mutex_);
    return runWrite(*db_,
                    "INSERT INTO outbox_pages (local_id, page_index, received, complete) "
                    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (local_id, page_index) DO UPDATE SET "
                    "received = excluded.received, complete = excluded.complete",
                    action, [&](Statement& s) {
                        s.bind(1, localId);
                        s.bind(2, std::int64_t{progress.index});
                        s.bind(3, static_cast<std::int64_t>(progress.received));
                        s.bind(4, std::int64_t{progress.complete ? 1 : 0});
                    });
}

Result<void> SqliteRequestStore::recordDelivered(const core::Request& answered) {
    const std::string action = "recording the delivery of request " + answered.localId;
    std::lock_guard lock(mutex_);
    return inTransaction(*db_, action, [&]() {
        return writeRequestUpdate(*db_, *key_, answered, UpdateRule::Delivered);
    });
}

Result<core::Request> SqliteRequestStore::replaceDocument(
    std::string_view localId, core::Document document, std::vector<core::PageImage> pages,
    TimePoint now, const std::vector<std::string>& mrzLines) {
    if (pages.empty() || pages.size() > core::kMaxDocumentPages) {
        return core::fail(Errc::InvalidArgument,
                          "a document needs 1 to " + std::to_string(core::kMaxDocumentPages) +
                              " page images, not " + std::to_string(pages.size()));
    }
    for (const auto& page : pages) {
        if (page.encoded.empty()) {
            return core::fail(Errc::InvalidArgument, "a page image is empty");
        }
    }
    const std::string action = "replacing the document of request " + std::string(localId);
    std::lock_guard lock(mutex_);
    auto request = loadRow(*db_, *key_, localId, action);
    if (!request.has_value()) {
        return tl::unexpected(request.error());
    }
    if (request->status != core::RequestStatus::ActionExpected) {
        return core::fail(Errc::InvalidState,
                          "only a request that waits for a new document can get one; request " +
                              std::string(localId) + " is " +
                              std::string(core::statusKey(request->status)));
    }
    auto queued = core::changeStatus(*request, core::RequestStatus::Queued);
    if (!queued.has_value()) {
        return tl::unexpected(queued.error());
    }
    // The operator's words were about the old document: the update below drops them.
    request->actionDetail.clear();
    request->document = std::move(document);
    request->pages.clear();
    std::vector<std::vector<std::uint8_t>> sealedPages;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        core::DocumentPage page{"page-" + std::to_string(i + 1), pages[i].width, pages[i].height,
                                pages[i].encoded.size()};
        sealedPages.push_back(seal(*key_, pages[i].encoded, pageContext(localId, page.pageId)));
        request->pages.push_back(std::move(page));
    }
    auto written = inTransaction(*db_, action, [&]() -> Result<void> {
        auto cleared = runWrite(*db_, "DELETE FROM page_images WHERE local_id = ?1", action,
                                [&](Statement& s) { s.bind(1, localId); });
        if (!cleared.has_value()) {
            return cleared;
        }
        for (std::size_t i = 0; i < sealedPages.size(); ++i) {
            auto stored = runWrite(
                *db_, "INSERT INTO page_images (local_id, page_id, image) VALUES (?1, ?2, ?3)",
                action, [&](Statement& s) {
                    s.bind(1, localId);
                    s.bind(2, request->pages[i].pageId);
                    s.bind(3, sealedPages[i]);
                });
            if (!stored.has_value()) {
                return stored;
            }
        }
        auto updated = writeRequestUpdate(*db_, *key_, *request, UpdateRule::LifeCycle);
        if (!updated.has_value()) {
            return updated;
        }
        auto mrz = writeMrz(*db_, *key_, localId, mrzLines);
        if (!mrz.has_value()) {
            return failDuring(mrz.error(), action, true);
        }
        return runWrite(*db_, "UPDATE outbox SET next_attempt_at = ?2 WHERE local_id = ?1", action,
                        [&](Statement& s) {
                            s.bind(1, localId);
                            s.bind(2, toNanos(now));
                        });
    });
    if (!written.has_value()) {
        return tl::unexpected(written.error());
    }
    return std::move(*request);
}

Result<void> SqliteRequestStore::deleteRequest(std::string_view localId, TimePoint now) {
    const std::string action = "deleting request " + std::string(localId);
    std::lock_guard lock(mutex_);
    auto request = loadRow(*db_, *key_, localId, action);
    if (!request.has_value()) {
        return tl::unexpected(request.error());
    }
    const std::string ticket = request->ticketNumber;
    auto announcedKey = ticket.empty() ? announcedIdempotencyKey(*db_, localId, action)
                                       : Result<std::string>(std::string());
    if (!announcedKey.has_value()) {
        return tl::unexpected(announcedKey.error());
    }
    auto deleted = core::changeStatus(*request, core::RequestStatus::Deleted);
    if (!deleted.has_value()) {
        return core::fail(Errc::InvalidState, "request " + std::string(localId) + " is " +
                                                  std::string(core::statusKey(request->status)) +
                                                  " and can no longer be deleted");
    }
    return inTransaction(*db_, action, [&]() -> Result<void> {
        auto purged = writeRequestUpdate(*db_, *key_, *request, UpdateRule::LifeCycle);
        if (!purged.has_value() || (ticket.empty() && announcedKey->empty())) {
            return purged;
        }
        return runWrite(*db_,
                        "INSERT OR IGNORE INTO remote_deletes (local_id, ticket, next_attempt_at, "
                        "idempotency_key) VALUES (?1, ?2, ?3, ?4)",
                        action, [&](Statement& s) {
                            s.bind(1, localId);
                            s.bind(2, ticket);
                            s.bind(3, toNanos(now));
                            s.bind(4, *announcedKey);
                        });
    });
}

Result<std::vector<RemoteDelete>> SqliteRequestStore::remoteDeletes(
    std::optional<TimePoint> dueBy) {
    const std::string action = "reading the deletions to send";
    std::lock_guard lock(mutex_);
    auto statement = db_->prepare(
        "SELECT local_id, ticket, attempts, last_error, next_attempt_at, idempotency_key "
        "FROM remote_deletes "
        "WHERE ?1 IS NULL OR next_attempt_at <= ?1 ORDER BY rowid");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, false);
    }
    if (dueBy.has_value()) {
        statement->bind(1, toNanos(*dueBy));
    } else {
        statement->bindNull(1);
    }
    std::vector<RemoteDelete> deletes;
    while (true) {
        auto row = statement->step();
        if (!row.has_value()) {
            return failDuring(row.error(), action, false);
        }
        if (!*row) {
            return deletes;
        }
        deletes.push_back(RemoteDelete{
            statement->textAt(0), statement->textAt(1), static_cast<int>(statement->int64At(2)),
            statement->textAt(3), fromNanos(statement->int64At(4)), statement->textAt(5)});
    }
}

Result<void> SqliteRequestStore::recordRemoteDeleteAttempt(std::string_view localId,
                                                           std::string error,
                                                           TimePoint nextAttemptAt) {
    const std::string action = "recording a deletion attempt of request " + std::string(localId);
    std::lock_guard lock(mutex_);
    return runWrite(*db_,
                    "UPDATE remote_deletes SET attempts = attempts + 1, last_error = ?2, "
                    "next_attempt_at = ?3 WHERE local_id = ?1",
                    action, [&](Statement& s) {
                        s.bind(1, localId);
                        s.bind(2, error);
                        s.bind(3, toNanos(nextAttemptAt));
                    });
}

Result<void> SqliteRequestStore::finishRemoteDelete(std::string_view localId) {
    const std::string action = "recording the deletion of request " + std::string(localId);
    std::lock_guard lock(mutex_);
    return runWrite(*db_, "DELETE FROM remote_deletes WHERE local_id = ?1", action,
                    [&](Statement& s) { s.bind(1, localId); });
}

Result<std::string> SqliteRequestStore::changesCursor() {
    const std::string action = "reading the changes cursor";
    std::lock_guard lock(mutex_);
    auto statement = db_->prepare("SELECT value FROM meta WHERE name = ?1");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, false);
    }
    statement->bind(1, kChangesCursorName);
    auto row = statement->step();
    if (!row.has_value()) {
        return failDuring(row.error(), action, false);
    }
    if (!*row) {
        return std::string();
    }
    const auto bytes = statement->blobAt(0);
    return std::string(bytes.begin(), bytes.end());
}

Result<void> SqliteRequestStore::setChangesCursor(std::string_view cursor) {
    std::lock_guard lock(mutex_);
    return runWrite(*db_, "INSERT OR REPLACE INTO meta (name, value) VALUES (?1, ?2)",
                    "saving the changes cursor", [&](Statement& s) {
                        s.bind(1, kChangesCursorName);
                        s.bind(2, bytesOf(cursor));
                    });
}

Result<void> SqliteRequestStore::cacheAgent(std::string_view nationalNumber,
                                            const core::AgentAccess& agent, TimePoint now) {
    std::lock_guard lock(mutex_);
    return runWrite(
        *db_,
        "INSERT OR REPLACE INTO agent_access (national_number_hash, agent_id, display_name, "
        "cached_at) VALUES (?1, ?2, ?3, ?4)",
        "caching an agent's access", [&](Statement& s) {
            s.bind(1, nationalNumberHash(*key_, nationalNumber));
            s.bind(2, agent.agentId);
            s.bind(3, seal(*key_, bytesOf(agent.displayName), agentContext(agent.agentId)));
            s.bind(4, toNanos(now));
        });
}

Result<void> SqliteRequestStore::forgetAgent(std::string_view nationalNumber) {
    std::lock_guard lock(mutex_);
    return runWrite(*db_, "DELETE FROM agent_access WHERE national_number_hash = ?1",
                    "forgetting an agent's access",
                    [&](Statement& s) { s.bind(1, nationalNumberHash(*key_, nationalNumber)); });
}

Result<std::optional<core::AgentAccess>> SqliteRequestStore::cachedAgent(
    std::string_view nationalNumber) {
    const std::string action = "reading the agents' access cache";
    std::lock_guard lock(mutex_);
    auto statement = db_->prepare(
        "SELECT agent_id, display_name FROM agent_access WHERE national_number_hash = ?1");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, false);
    }
    statement->bind(1, nationalNumberHash(*key_, nationalNumber));
    auto row = statement->step();
    if (!row.has_value()) {
        return failDuring(row.error(), action, false);
    }
    if (!*row) {
        return std::optional<core::AgentAccess>();
    }
    core::AgentAccess agent{statement->textAt(0), {}};
    auto name = unseal(*key_, statement->blobAt(1), agentContext(agent.agentId));
    if (!name.has_value()) {
        return core::fail(Errc::Storage, "the cached access of agent " + agent.agentId +
                                             " cannot be decrypted: its stored data was altered");
    }
    agent.displayName.assign(name->begin(), name->end());
    return std::optional(std::move(agent));
}

}  // namespace balie::sync
