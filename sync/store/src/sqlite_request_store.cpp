// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteRequestStore: the kiosk's request store and outbox in one SQLite file, encrypted at rest.
#include "balie/sync/sqlite_request_store.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include "balie/core/document.h"
#include "balie/core/request_lifecycle.h"
#include "balie/core/request_status.h"
#include "balie/sync/crypto/key_file.h"
#include "request_codec.h"
#include "schema.h"
#include "sqlite.h"
#include "store_rows.h"

namespace balie::sync {
namespace {

using core::Errc;
using core::Result;

// How long a write waits for another process (the CLI, a second kiosk program) to release the lock.
constexpr int kBusyTimeoutMs = 5000;

constexpr std::string_view kKeyCheckName = "key_check";
constexpr std::string_view kKeyCheckContext = "balie/store/key-check";
constexpr std::string_view kKeyCheckText = "balie request store";

Result<void> configure(Database& db, const StoreOptions& options) {
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
    // secure_delete overwrites freed content, so purged ciphertext does not linger in free pages.
    auto pragmas = db.exec("PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON");
    if (!pragmas.has_value()) {
        return pragmas;
    }
    auto journal = db.prepare("PRAGMA journal_mode = WAL");
    if (!journal.has_value()) {
        return tl::unexpected(journal.error());
    }
    auto row = journal->step();
    if (!row.has_value()) {
        return tl::unexpected(row.error());
    }
    if (!*row || journal->textAt(0) != "wal") {
        return core::fail(Errc::Storage, "the database cannot use write-ahead logging");
    }
    // FULL syncs the WAL on every commit: an acknowledged request survives a power cut.
    auto synchronous = db.exec("PRAGMA synchronous = FULL");
    if (!synchronous.has_value()) {
        return synchronous;
    }
    if (options.maxDatabaseBytes > 0) {
        auto pageSize = db.queryInt("PRAGMA page_size");
        if (!pageSize.has_value()) {
            return tl::unexpected(pageSize.error());
        }
        const auto pages = std::max<std::uint64_t>(
            1, options.maxDatabaseBytes / static_cast<std::uint64_t>(*pageSize));
        auto limited = db.exec("PRAGMA max_page_count = " + std::to_string(pages));
        if (!limited.has_value()) {
            return limited;
        }
    }
    return {};
}

Result<std::optional<std::vector<std::uint8_t>>> readKeyCheck(Database& db) {
    auto statement = db.prepare("SELECT value FROM meta WHERE name = ?1");
    if (!statement.has_value()) {
        return tl::unexpected(statement.error());
    }
    statement->bind(1, kKeyCheckName);
    auto row = statement->step();
    if (!row.has_value()) {
        return tl::unexpected(row.error());
    }
    if (!*row) {
        return std::optional<std::vector<std::uint8_t>>();
    }
    return std::optional(statement->blobAt(0));
}

// Proves at open time that the key is the one the data was written with, so a wrong key fails
// with one clear message instead of every request failing to decrypt later.
Result<void> checkKey(Database& db, const SecretKey& key, const StoreOptions& options) {
    auto stored = readKeyCheck(db);
    if (!stored.has_value()) {
        return tl::unexpected(stored.error());
    }
    if (!stored->has_value()) {
        auto insert = db.prepare("INSERT OR IGNORE INTO meta (name, value) VALUES (?1, ?2)");
        if (!insert.has_value()) {
            return tl::unexpected(insert.error());
        }
        insert->bind(1, kKeyCheckName);
        insert->bind(2, seal(key, bytesOf(kKeyCheckText), kKeyCheckContext));
        auto inserted = insert->run();
        if (!inserted.has_value()) {
            return inserted;
        }
        // Another process may have stored its check first: verify whatever is stored now.
        stored = readKeyCheck(db);
        if (!stored.has_value()) {
            return tl::unexpected(stored.error());
        }
    }
    if (!stored->has_value() || !unseal(key, **stored, kKeyCheckContext).has_value()) {
        return core::fail(Errc::Config, "key file " + options.keyPath.string() +
                                            " does not match the database " +
                                            options.databasePath.string() +
                                            " (wrong key): its requests cannot be read with it");
    }
    return {};
}

Result<std::unique_ptr<SecretKey>> obtainKey(Database& db, const StoreOptions& options) {
    std::error_code error;
    // symlink_status: a dangling link is "present" and readKeyFile() refuses it, instead of a new
    // key being created wherever the link points.
    const bool exists =
        std::filesystem::exists(std::filesystem::symlink_status(options.keyPath, error));
    if (exists) {
        return readKeyFile(options.keyPath);
    }
    auto keyCheck = readKeyCheck(db);
    if (!keyCheck.has_value()) {
        return tl::unexpected(keyCheck.error());
    }
    // A new key would make every stored request unreadable; say so instead.
    if (keyCheck->has_value()) {
        return core::fail(Errc::Config, "key file " + options.keyPath.string() +
                                            " is missing, but the database " +
                                            options.databasePath.string() +
                                            " holds data encrypted with it: restore the key file");
    }
    return createKeyFile(options.keyPath);
}

Result<std::vector<core::OutboxItem>> readOutbox(Database& db, std::optional<TimePoint> dueBy,
                                                 std::size_t limit) {
    auto statement = db.prepare(
        "SELECT o.local_id, o.idempotency_key, o.attempts, o.last_error, o.next_attempt_at "
        "FROM outbox o JOIN requests r ON r.local_id = o.local_id "
        "WHERE ?1 IS NULL OR o.next_attempt_at <= ?1 ORDER BY r.seq LIMIT ?2");
    if (!statement.has_value()) {
        return failDuring(statement.error(), "reading the outbox", false);
    }
    if (dueBy.has_value()) {
        statement->bind(1, toNanos(*dueBy));
    } else {
        statement->bindNull(1);
    }
    statement->bind(2, static_cast<std::int64_t>(
                           std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max())));
    std::vector<core::OutboxItem> items;
    while (true) {
        auto row = statement->step();
        if (!row.has_value()) {
            return failDuring(row.error(), "reading the outbox", false);
        }
        if (!*row) {
            return items;
        }
        items.push_back(core::OutboxItem{statement->textAt(0), statement->textAt(1),
                                         static_cast<int>(statement->int64At(2)),
                                         statement->textAt(3), fromNanos(statement->int64At(4))});
    }
}

}  // namespace

SqliteRequestStore::SqliteRequestStore(std::unique_ptr<Database> db, std::unique_ptr<SecretKey> key)
    : db_(std::move(db)), key_(std::move(key)) {
}

SqliteRequestStore::~SqliteRequestStore() = default;

Result<std::unique_ptr<SqliteRequestStore>> SqliteRequestStore::open(const StoreOptions& options) {
    auto sodium = initSodium();
    if (!sodium.has_value()) {
        return tl::unexpected(sodium.error());
    }
    const std::string action = "opening the request store " + options.databasePath.string();
    auto db = Database::open(options.databasePath);
    if (!db.has_value()) {
        return failDuring(db.error(), action, false);
    }
    auto configured = configure(**db, options);
    if (!configured.has_value()) {
        return failDuring(configured.error(), action, false);
    }
    auto migrated = migrate(**db);
    if (!migrated.has_value()) {
        return failDuring(migrated.error(), action, false);
    }
    auto key = obtainKey(**db, options);
    if (!key.has_value()) {
        return tl::unexpected(key.error());
    }
    auto checked = checkKey(**db, **key, options);
    if (!checked.has_value()) {
        return checked.error().code == Errc::Storage ? failDuring(checked.error(), action, false)
                                                     : tl::unexpected(checked.error());
    }
    return std::unique_ptr<SqliteRequestStore>(
        new SqliteRequestStore(std::move(*db), std::move(*key)));
}

Result<core::Request> SqliteRequestStore::submit(core::Request draft,
                                                 std::vector<core::PageImage> pages,
                                                 TimePoint now) {
    std::vector<std::string> mrzLines = std::move(draft.document.mrzLines);
    draft.document.mrzLines.clear();
    return submit(std::move(draft), std::move(pages), now, mrzLines);
}

Result<core::Request> SqliteRequestStore::submit(core::Request draft,
                                                 std::vector<core::PageImage> pages, TimePoint now,
                                                 const std::vector<std::string>& mrzLines) {
    if (draft.status != core::RequestStatus::Draft) {
        return core::fail(Errc::InvalidState, "only a draft can be submitted, this request is " +
                                                  std::string(core::statusKey(draft.status)));
    }
    if (pages.empty() || pages.size() > core::kMaxDocumentPages) {
        return core::fail(Errc::InvalidArgument,
                          "a request needs 1 to " + std::to_string(core::kMaxDocumentPages) +
                              " page images, not " + std::to_string(pages.size()));
    }
    for (const auto& page : pages) {
        if (page.encoded.empty()) {
            return core::fail(Errc::InvalidArgument, "a page image is empty");
        }
    }

    core::Request request = std::move(draft);
    request.localId = newUuid();
    request.status = core::RequestStatus::Queued;
    request.actionReason.reset();
    request.actionDetail.clear();
    request.personCompleted = {};
    request.submittedAt = request.submittedAt.value_or(now);
    request.pages.clear();
    // Encrypt before taking the write lock, so other writers wait only for the disk.
    std::vector<std::vector<std::uint8_t>> sealedPages;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        core::DocumentPage page{"page-" + std::to_string(i + 1), pages[i].width, pages[i].height,
                                pages[i].encoded.size()};
        sealedPages.push_back(
            seal(*key_, pages[i].encoded, pageContext(request.localId, page.pageId)));
        request.pages.push_back(std::move(page));
    }
    const auto personal = sealPersonal(request, *key_);
    const std::string action = "saving request " + request.localId;

    std::lock_guard lock(mutex_);
    auto transaction = Transaction::begin(*db_);
    if (!transaction.has_value()) {
        return failDuring(transaction.error(), action, true);
    }
    auto insertRequest = db_->prepare(
        "INSERT INTO requests (local_id, status, action_reason, ticket, requester_agent_id, "
        "submitted_at, payload_version, personal) VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7)");
    if (!insertRequest.has_value()) {
        return failDuring(insertRequest.error(), action, true);
    }
    insertRequest->bind(1, request.localId);
    insertRequest->bind(2, core::statusKey(request.status));
    insertRequest->bind(3, request.ticketNumber);
    insertRequest->bind(4, request.requester.agentId);
    insertRequest->bind(5, toNanos(*request.submittedAt));
    insertRequest->bind(6, std::int64_t{kPersonalPayloadVersion});
    insertRequest->bind(7, personal);
    auto inserted = insertRequest->run();
    if (!inserted.has_value()) {
        return failDuring(inserted.error(), action, true);
    }

    auto insertPage =
        db_->prepare("INSERT INTO page_images (local_id, page_id, image) VALUES (?1, ?2, ?3)");
    if (!insertPage.has_value()) {
        return failDuring(insertPage.error(), action, true);
    }
    for (std::size_t i = 0; i < sealedPages.size(); ++i) {
        insertPage->bind(1, request.localId);
        insertPage->bind(2, request.pages[i].pageId);
        insertPage->bind(3, sealedPages[i]);
        auto stored = insertPage->run();
        if (!stored.has_value()) {
            return failDuring(stored.error(), action, true);
        }
        insertPage->reset();
    }

    auto insertOutbox = db_->prepare(
        "INSERT INTO outbox (local_id, idempotency_key, next_attempt_at) VALUES (?1, ?2, ?3)");
    if (!insertOutbox.has_value()) {
        return failDuring(insertOutbox.error(), action, true);
    }
    insertOutbox->bind(1, request.localId);
    insertOutbox->bind(2, newUuid());
    insertOutbox->bind(3, toNanos(now));
    auto queued = insertOutbox->run();
    if (!queued.has_value()) {
        return failDuring(queued.error(), action, true);
    }
    auto mrz = writeMrz(*db_, *key_, request.localId, mrzLines);
    if (!mrz.has_value()) {
        return failDuring(mrz.error(), action, true);
    }
    auto committed = transaction->commit();
    if (!committed.has_value()) {
        return failDuring(committed.error(), action, true);
    }
    return request;
}

Result<core::Request> SqliteRequestStore::load(std::string_view localId) {
    const std::string action = "reading request " + std::string(localId);
    std::lock_guard lock(mutex_);
    auto statement = db_->prepare("SELECT " + std::string(kRequestColumns) +
                                  " FROM requests WHERE local_id = ?1");
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
    return readRequest(*statement, *key_);
}

Result<std::vector<std::uint8_t>> SqliteRequestStore::loadPage(std::string_view localId,
                                                               std::string_view pageId) {
    const std::string action =
        "reading page " + std::string(pageId) + " of request " + std::string(localId);
    std::lock_guard lock(mutex_);
    auto statement =
        db_->prepare("SELECT image FROM page_images WHERE local_id = ?1 AND page_id = ?2");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, false);
    }
    statement->bind(1, localId);
    statement->bind(2, pageId);
    auto row = statement->step();
    if (!row.has_value()) {
        return failDuring(row.error(), action, false);
    }
    if (!*row) {
        return core::fail(Errc::NotFound,
                          "no image of page " + std::string(pageId) + " of request " +
                              std::string(localId) +
                              " is stored (unknown page, or purged after the final answer)");
    }
    auto image = unseal(*key_, statement->blobAt(0), pageContext(localId, pageId));
    if (!image.has_value()) {
        return core::fail(Errc::Storage, "page " + std::string(pageId) + " of request " +
                                             std::string(localId) +
                                             " cannot be decrypted: its stored data was altered");
    }
    return std::move(*image);
}

Result<core::RequestList> SqliteRequestStore::list(const core::RequestQuery& query) {
    const std::string action = "listing requests";
    std::lock_guard lock(mutex_);
    std::int64_t olderThanSeq = std::numeric_limits<std::int64_t>::max();
    if (query.olderThan.has_value()) {
        auto cursor = db_->prepare("SELECT seq FROM requests WHERE local_id = ?1");
        if (!cursor.has_value()) {
            return failDuring(cursor.error(), action, false);
        }
        cursor->bind(1, *query.olderThan);
        auto row = cursor->step();
        if (!row.has_value()) {
            return failDuring(row.error(), action, false);
        }
        if (!*row) {
            return core::fail(Errc::NotFound, "no request " + *query.olderThan +
                                                  " is stored to list older requests from");
        }
        olderThanSeq = cursor->int64At(0);
    }
    auto statement = db_->prepare("SELECT " + std::string(kRequestColumns) +
                                  " FROM requests WHERE seq < ?1 AND (?2 IS NULL OR "
                                  "requester_agent_id = ?2) ORDER BY seq DESC LIMIT ?3");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, false);
    }
    statement->bind(1, olderThanSeq);
    if (query.requesterAgentId.has_value()) {
        statement->bind(2, *query.requesterAgentId);
    } else {
        statement->bindNull(2);
    }
    // One row more than asked tells whether "load older" has anything left.
    const auto limit = std::min<std::size_t>(query.limit, 100'000);
    statement->bind(3, static_cast<std::int64_t>(limit + 1));
    core::RequestList result;
    while (true) {
        auto row = statement->step();
        if (!row.has_value()) {
            return failDuring(row.error(), action, false);
        }
        if (!*row) {
            return result;
        }
        if (result.requests.size() == limit) {
            result.hasOlder = true;
            return result;
        }
        auto request = readRequest(*statement, *key_);
        if (!request.has_value()) {
            return tl::unexpected(request.error());
        }
        result.requests.push_back(std::move(*request));
    }
}

Result<void> SqliteRequestStore::update(const core::Request& request) {
    const std::string action = "updating request " + request.localId;
    std::lock_guard lock(mutex_);
    auto transaction = Transaction::begin(*db_);
    if (!transaction.has_value()) {
        return failDuring(transaction.error(), action, true);
    }
    auto written = writeRequestUpdate(*db_, *key_, request, UpdateRule::LifeCycle);
    if (!written.has_value()) {
        return written;
    }
    auto committed = transaction->commit();
    if (!committed.has_value()) {
        return failDuring(committed.error(), action, true);
    }
    return {};
}

Result<std::vector<core::OutboxItem>> SqliteRequestStore::dueOutbox(TimePoint now,
                                                                    std::size_t limit) {
    std::lock_guard lock(mutex_);
    return readOutbox(*db_, now, limit);
}

Result<std::vector<core::OutboxItem>> SqliteRequestStore::outbox() {
    std::lock_guard lock(mutex_);
    return readOutbox(*db_, std::nullopt, std::numeric_limits<std::size_t>::max());
}

Result<void> SqliteRequestStore::recordAttempt(std::string_view localId, std::string error,
                                               TimePoint nextAttemptAt) {
    const std::string action = "recording a send attempt of request " + std::string(localId);
    std::lock_guard lock(mutex_);
    // One statement is its own transaction and takes the write lock at once.
    auto statement = db_->prepare(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 "
        "WHERE local_id = ?1");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, true);
    }
    statement->bind(1, localId);
    statement->bind(2, error);
    statement->bind(3, toNanos(nextAttemptAt));
    auto done = statement->run();
    if (!done.has_value()) {
        return failDuring(done.error(), action, true);
    }
    if (db_->changes() == 0) {
        return core::fail(Errc::NotFound,
                          "request " + std::string(localId) + " has no entry in the outbox");
    }
    return {};
}

Result<std::vector<std::string>> SqliteRequestStore::mrzLines(std::string_view localId) {
    std::lock_guard lock(mutex_);
    return readMrz(*db_, *key_, localId);
}

}  // namespace balie::sync
