// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteRequestStore: the kiosk's request store and outbox in one SQLite file, encrypted at rest.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/request_store.h"

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

private:
    SqliteRequestStore(std::unique_ptr<Database> db, std::unique_ptr<SecretKey> key);

    std::mutex mutex_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<SecretKey> key_;
};

}  // namespace balie::sync
