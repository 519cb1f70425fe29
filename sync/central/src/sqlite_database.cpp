// SPDX-License-Identifier: GPL-3.0-or-later
// The SQLite backend: one connection, WAL, synchronous=FULL, every write in BEGIN IMMEDIATE.
#include <map>
#include <mutex>

#include <sqlite3.h>

#include "balie/sync/central/database.h"
#include "schema.h"

namespace balie::sync::central {
namespace {

// SQLite waits this long for another process's write lock (an operator command) before giving up.
constexpr int kBusyTimeoutMs = 5000;

// SQLITE_TRANSIENT is a C cast of -1; spelled out so the warnings stay clean.
const sqlite3_destructor_type kTransient =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));

core::Error sqliteError(sqlite3* db, int rc) {
    const int primary = rc & 0xff;
    const bool transient = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    std::string message = "database error (sqlite: ";
    message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    message += ")";
    return core::Error{core::Errc::Storage, std::move(message),
                       transient ? kTransientStorageError : rc};
}

struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

struct ConnectionCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

class SqliteSession final : public Session {
public:
    SqliteSession(sqlite3* db, std::map<std::string, StatementHandle, std::less<>>& cache)
        : db_(db), cache_(cache) {}

    core::Result<Rows> query(std::string_view sql, std::span<const Param> params) override {
        auto found = cache_.find(sql);
        if (found == cache_.end()) {
            sqlite3_stmt* raw = nullptr;
            const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                              SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
            if (rc != SQLITE_OK) {
                sqlite3_finalize(raw);
                return tl::unexpected(sqliteError(db_, rc));
            }
            found = cache_.emplace(std::string(sql), StatementHandle(raw)).first;
        }
        sqlite3_stmt* statement = found->second.get();
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
        int index = 1;
        for (const Param& param : params) {
            switch (param.kind) {
                case Param::Kind::Null:
                    sqlite3_bind_null(statement, index);
                    break;
                case Param::Kind::Integer:
                    sqlite3_bind_int64(statement, index, param.integer);
                    break;
                case Param::Kind::Text:
                    sqlite3_bind_text64(statement, index, param.bytes.data(), param.bytes.size(),
                                        kTransient, SQLITE_UTF8);
                    break;
                case Param::Kind::Blob:
                    sqlite3_bind_blob64(statement, index, param.bytes.data(), param.bytes.size(),
                                        kTransient);
                    break;
            }
            ++index;
        }
        Rows rows;
        while (true) {
            const int rc = sqlite3_step(statement);
            if (rc == SQLITE_DONE) {
                break;
            }
            if (rc != SQLITE_ROW) {
                auto error = sqliteError(db_, rc);
                sqlite3_reset(statement);
                return tl::unexpected(error);
            }
            const int columns = sqlite3_column_count(statement);
            std::vector<Row::Value> values;
            values.reserve(static_cast<std::size_t>(columns));
            for (int column = 0; column < columns; ++column) {
                switch (sqlite3_column_type(statement, column)) {
                    case SQLITE_NULL:
                        values.emplace_back(std::monostate{});
                        break;
                    case SQLITE_INTEGER:
                        values.emplace_back(sqlite3_column_int64(statement, column));
                        break;
                    default: {
                        const auto* data =
                            static_cast<const char*>(sqlite3_column_blob(statement, column));
                        const int size = sqlite3_column_bytes(statement, column);
                        values.emplace_back(
                            data == nullptr ? std::string()
                                            : std::string(data, static_cast<std::size_t>(size)));
                    }
                }
            }
            rows.emplace_back(std::move(values));
        }
        sqlite3_reset(statement);
        return rows;
    }

    Dialect dialect() const override { return Dialect::Sqlite; }
    core::Result<void> lockAllocations() override { return {}; }

private:
    sqlite3* db_;
    std::map<std::string, StatementHandle, std::less<>>& cache_;
};

class SqliteDatabase final : public Database {
public:
    explicit SqliteDatabase(sqlite3* db) : db_(db) {}

    core::Result<void> execScript(const std::string& sql) {
        char* message = nullptr;
        const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message);
        if (rc != SQLITE_OK) {
            std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
            sqlite3_free(message);
            return core::fail(core::Errc::Storage, "database error (sqlite: " + detail + ")",
                              (rc & 0xff) == SQLITE_BUSY ? kTransientStorageError : rc);
        }
        return {};
    }

    core::Result<void> transaction(
        const std::function<core::Result<void>(Session&)>& work) override {
        std::lock_guard lock(mutex_);
        auto begun = execScript("BEGIN IMMEDIATE");
        if (!begun.has_value()) {
            return begun;
        }
        SqliteSession session(db_.get(), cache_);
        auto done = work(session);
        if (!done.has_value()) {
            (void)execScript("ROLLBACK");
            return done;
        }
        auto committed = execScript("COMMIT");
        if (!committed.has_value()) {
            (void)execScript("ROLLBACK");
        }
        return committed;
    }

    Dialect dialect() const override { return Dialect::Sqlite; }

    core::Result<void> configure() {
        sqlite3_extended_result_codes(db_.get(), 1);
        sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
        return execScript(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
    }

    core::Result<void> migrate() {
        const auto steps = migrations(Dialect::Sqlite);
        while (true) {
            std::lock_guard lock(mutex_);
            // The version is read inside the write transaction: two processes opening a new file
            // at once must not both run the same migration.
            auto begun = execScript("BEGIN IMMEDIATE");
            if (!begun.has_value()) {
                return begun;
            }
            sqlite3_stmt* raw = nullptr;
            sqlite3_prepare_v2(db_.get(), "PRAGMA user_version", -1, &raw, nullptr);
            StatementHandle statement(raw);
            std::int64_t version = -1;
            if (statement != nullptr && sqlite3_step(statement.get()) == SQLITE_ROW) {
                version = sqlite3_column_int64(statement.get(), 0);
            }
            statement.reset();
            if (version == static_cast<std::int64_t>(steps.size())) {
                return execScript("COMMIT");
            }
            if (version < 0 || version > static_cast<std::int64_t>(steps.size())) {
                (void)execScript("ROLLBACK");
                return core::fail(core::Errc::Storage,
                                  "database schema version " + std::to_string(version) +
                                      " is newer than this balie-central understands (" +
                                      std::to_string(steps.size()) + ")");
            }
            auto migrated =
                execScript(steps[static_cast<std::size_t>(version)] +
                           "\nPRAGMA user_version = " + std::to_string(version + 1) + ";\nCOMMIT;");
            if (!migrated.has_value()) {
                (void)execScript("ROLLBACK");
                return migrated;
            }
        }
    }

private:
    std::unique_ptr<sqlite3, ConnectionCloser> db_;
    std::mutex mutex_;
    std::map<std::string, StatementHandle, std::less<>> cache_;
};

}  // namespace

core::Result<std::unique_ptr<Database>> openSqlite(const std::string& path) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(
        path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
        nullptr);
    auto database = std::make_unique<SqliteDatabase>(raw);
    if (rc != SQLITE_OK) {
        return core::fail(core::Errc::Storage,
                          "cannot open database file " + path + " (sqlite: " +
                              (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)) + ")");
    }
    if (auto configured = database->configure(); !configured.has_value()) {
        return tl::unexpected(configured.error());
    }
    if (auto migrated = database->migrate(); !migrated.has_value()) {
        return tl::unexpected(migrated.error());
    }
    return std::unique_ptr<Database>(std::move(database));
}

}  // namespace balie::sync::central
