// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteRequestStore: the kiosk's request store and outbox in one SQLite file, encrypted at rest.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/request_store.h"
#include "balie/core/sync_service.h"
#include "balie/sync/delivery.h"

namespace balie::sync {

class Database;
class SecretKey;

/// \brief Where the store keeps its data and key.
struct StoreOptions {
    std::filesystem::path databasePath;
    /// Key file for the encryption at rest: 32 bytes, mode 0600, outside the database's backups.
    /// Created when missing (and the database holds no encrypted data yet).
    std::filesystem::path keyPath;
    /// Upper bound for the database file in bytes, so the queue cannot fill the disk the system
    /// needs; 0 leaves only the disk itself as the limit. Reaching it reports "disk full".
    std::uint64_t maxDatabaseBytes = 0;
};

/// \brief RequestStore in SQLite (WAL, synchronous=FULL, one connection, BEGIN IMMEDIATE for every
/// write), with personal fields and page images encrypted by XChaCha20-Poly1305.
///
/// Page images live in the database, one row per page, so a request, its pages and its outbox
/// entry commit atomically. Retention: page images are deleted when the request reaches a final
/// status, everything of a request is deleted when it is deleted; secure_delete overwrites the
/// freed content, so no VACUUM (which needs free space the size of the file) is run.
///
/// Thread-safe: calls are serialised on one connection. Other processes may open the same file;
/// they wait up to five seconds for the write lock.
class SqliteRequestStore final : public core::RequestStore {
public:
    /// \brief Opens or creates the store, migrating its schema to the current version.
    /// \return Errc::Config when the key file is missing while the database holds data, has a
    /// mode wider than 0600, has the wrong size, or does not match the database (wrong key);
    /// Errc::Storage when the database cannot be opened, is damaged or comes from a newer Balie.
    [[nodiscard]] static core::Result<std::unique_ptr<SqliteRequestStore>> open(
        const StoreOptions& options);

    ~SqliteRequestStore() override;
    SqliteRequestStore(const SqliteRequestStore&) = delete;
    SqliteRequestStore& operator=(const SqliteRequestStore&) = delete;

    [[nodiscard]] core::Result<core::Request> submit(
        core::Request draft, std::vector<core::PageImage> pages,
        std::chrono::system_clock::time_point now) override;
    [[nodiscard]] core::Result<core::Request> load(std::string_view localId) override;
    [[nodiscard]] core::Result<std::vector<std::uint8_t>> loadPage(
        std::string_view localId, std::string_view pageId) override;
    [[nodiscard]] core::Result<core::RequestList> list(const core::RequestQuery& query) override;
    [[nodiscard]] core::Result<void> update(const core::Request& request) override;
    [[nodiscard]] core::Result<std::vector<core::OutboxItem>> dueOutbox(
        std::chrono::system_clock::time_point now, std::size_t limit) override;
    [[nodiscard]] core::Result<std::vector<core::OutboxItem>> outbox() override;
    [[nodiscard]] core::Result<void> recordAttempt(
        std::string_view localId, std::string error,
        std::chrono::system_clock::time_point nextAttemptAt) override;

    /// \brief submit() that also keeps the machine readable zone read from the document, which
    /// the central service checks the typed data against. Kept encrypted, purged with the images.
    [[nodiscard]] core::Result<core::Request> submit(core::Request draft,
                                                     std::vector<core::PageImage> pages,
                                                     std::chrono::system_clock::time_point now,
                                                     const std::vector<std::string>& mrzLines);

    /// \brief The machine readable zone stored with a request; empty when none was read (or it
    /// was purged).
    [[nodiscard]] core::Result<std::vector<std::string>> mrzLines(std::string_view localId);

    // Delivery to the central service, for the sync engine. Every call is one transaction.

    /// \brief The delivery state of a queued request. Errc::NotFound when it has no outbox entry.
    [[nodiscard]] core::Result<Delivery> delivery(std::string_view localId);

    /// \brief The central service acknowledged the request (or its new document) under `ticket`:
    /// stores the ticket and moves to the Pages stage with every page at 0.
    [[nodiscard]] core::Result<void> recordTicket(std::string_view localId,
                                                  std::string_view ticket);

    /// \brief The create of a request is about to be sent: from now on the central service may
    /// hold it even if no answer (no ticket) comes back, so deleting it must reach there too.
    [[nodiscard]] core::Result<void> recordAnnouncing(std::string_view localId);

    /// \brief Stores how much of one page the central service has received.
    [[nodiscard]] core::Result<void> recordPageProgress(std::string_view localId,
                                                        const PageProgress& progress);

    /// \brief The central service has all of a queued request: stores its answer (`answered`'s
    /// status is Sent or one that may follow Sent) and drops the outbox entry; a final answer
    /// purges the images. Errc::InvalidState when the stored request is not Queued.
    [[nodiscard]] core::Result<void> recordDelivered(const core::Request& answered);

    /// \brief Replaces the document and page images of a request in ActionExpected and queues it
    /// again (a new outbox entry, in the Create stage, keeping the ticket).
    /// \return the stored request; Errc::InvalidState when it is not in ActionExpected,
    /// Errc::InvalidArgument for a wrong number of pages, Errc::NotFound when it is not stored.
    [[nodiscard]] core::Result<core::Request> replaceDocument(
        std::string_view localId, core::Document document, std::vector<core::PageImage> pages,
        std::chrono::system_clock::time_point now, const std::vector<std::string>& mrzLines = {});

    /// \brief Deletes a request that is not final: everything of it is purged here and, when the
    /// central service knows it or may know it (it has a ticket, or its create was sent), its
    /// deletion there is queued.
    /// Errc::InvalidState for a final request, Errc::NotFound when it is not stored.
    [[nodiscard]] core::Result<void> deleteRequest(std::string_view localId,
                                                   std::chrono::system_clock::time_point now);

    /// \brief Deletions still to send, oldest first; only the due ones when `dueBy` is given.
    [[nodiscard]] core::Result<std::vector<RemoteDelete>> remoteDeletes(
        std::optional<std::chrono::system_clock::time_point> dueBy = std::nullopt);
    [[nodiscard]] core::Result<void> recordRemoteDeleteAttempt(
        std::string_view localId, std::string error,
        std::chrono::system_clock::time_point nextAttemptAt);
    /// \brief The central service confirmed the deletion.
    [[nodiscard]] core::Result<void> finishRemoteDelete(std::string_view localId);

    /// \brief Keeps the central service's answer details of a stored request (sealed; replaced by
    /// the next answer, dropped when the request is queued again with a new document and with the
    /// request). load() and list() carry them as the request's actionDetail (while it is
    /// ActionExpected) and personCompleted (while it is Identified), and open them only then.
    /// Errc::NotFound when the request is not stored.
    [[nodiscard]] core::Result<void> recordAnswerDetails(std::string_view localId,
                                                         const AnswerDetails& details);
    /// \brief The answer details kept for a request; empty when there are none.
    [[nodiscard]] core::Result<AnswerDetails> answerDetails(std::string_view localId);

    /// \brief Where the next pull of the central service's changes starts; empty at first.
    [[nodiscard]] core::Result<std::string> changesCursor();
    [[nodiscard]] core::Result<void> setChangesCursor(std::string_view cursor);

    /// \brief Remembers that the person with this national number may log in, so a login works
    /// offline. Only a keyed hash of the number is stored.
    [[nodiscard]] core::Result<void> cacheAgent(std::string_view nationalNumber,
                                                const core::AgentAccess& agent,
                                                std::chrono::system_clock::time_point now);
    /// \brief Forgets a person the central service no longer allows.
    [[nodiscard]] core::Result<void> forgetAgent(std::string_view nationalNumber);
    /// \brief The cached access of this person; nullopt when none is cached.
    [[nodiscard]] core::Result<std::optional<core::AgentAccess>> cachedAgent(
        std::string_view nationalNumber);

private:
    SqliteRequestStore(std::unique_ptr<Database> db, std::unique_ptr<SecretKey> key);

    std::mutex mutex_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<SecretKey> key_;
};

}  // namespace balie::sync
