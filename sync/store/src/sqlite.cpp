// SPDX-License-Identifier: GPL-3.0-or-later
// Thin RAII wrappers for SQLite: connection, prepared statement and write transaction.
#include "sqlite.h"

#include <cstdint>

namespace balie::sync {
namespace {

// SQLITE_TRANSIENT is a C cast of -1; spelled out here so the warnings stay clean. SQLite copies
// the value, so a caller may bind a temporary.
const sqlite3_destructor_type kTransient =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));

// What a technician should understand, by primary result code; SQLite's text follows as detail.
std::string_view explain(int rc) {
    switch (rc & 0xff) {
        case SQLITE_FULL:
            return "disk full";
        case SQLITE_IOERR:
            return "I/O error";
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "database busy (another program holds the lock)";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return "database file damaged or not a Balie database";
        case SQLITE_READONLY:
            return "database is read-only";
        case SQLITE_CANTOPEN:
            return "cannot open the database file";
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return "permission denied";
        case SQLITE_NOMEM:
            return "out of memory";
        default:
            return "database error";
    }
}

}  // namespace

core::Error sqliteError(int rc, std::string_view detail) {
    std::string message(explain(rc));
    message += " (sqlite: ";
    message += detail;
    message += ")";
    return core::Error{core::Errc::Storage, std::move(message), rc};
}

void Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_.get(), index, value);
}

void Statement::bind(int index, std::string_view text) {
    // An empty view may carry a null pointer, which SQLite would store as NULL.
    sqlite3_bind_text64(statement_.get(), index, text.empty() ? "" : text.data(), text.size(),
                        kTransient, SQLITE_UTF8);
}

void Statement::bind(int index, std::span<const std::uint8_t> blob) {
    if (blob.empty()) {
        sqlite3_bind_zeroblob(statement_.get(), index, 0);
        return;
    }
    sqlite3_bind_blob64(statement_.get(), index, blob.data(), blob.size(), kTransient);
}

void Statement::bindNull(int index) {
    sqlite3_bind_null(statement_.get(), index);
}

core::Result<bool> Statement::step() {
    const int rc = sqlite3_step(statement_.get());
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    sqlite3* db = sqlite3_db_handle(statement_.get());
    return tl::unexpected(sqliteError(sqlite3_extended_errcode(db), sqlite3_errmsg(db)));
}

core::Result<void> Statement::run() {
    while (true) {
        auto row = step();
        if (!row.has_value()) {
            return tl::unexpected(row.error());
        }
        if (!*row) {
            return {};
        }
    }
}

void Statement::reset() {
    sqlite3_reset(statement_.get());
    sqlite3_clear_bindings(statement_.get());
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::int64At(int column) const {
    return sqlite3_column_int64(statement_.get(), column);
}

std::string Statement::textAt(int column) const {
    const unsigned char* text = sqlite3_column_text(statement_.get(), column);
    const int size = sqlite3_column_bytes(statement_.get(), column);
    if (text == nullptr) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::vector<std::uint8_t> Statement::blobAt(int column) const {
    const auto* data =
        static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_.get(), column));
    const int size = sqlite3_column_bytes(statement_.get(), column);
    if (data == nullptr) {
        return {};
    }
    return std::vector<std::uint8_t>(data, data + size);
}

core::Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& path) {
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    // SQLite hands out a handle even on failure; it must be closed either way.
    std::unique_ptr<Database> db(new Database(raw));
    if (rc != SQLITE_OK) {
        return tl::unexpected(
            sqliteError(rc, raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    sqlite3_extended_result_codes(raw, 1);
    return db;
}

core::Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* raw = nullptr;
    const int rc =
        sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    Statement statement(raw);
    if (rc != SQLITE_OK) {
        return tl::unexpected(sqliteError(rc, sqlite3_errmsg(db_.get())));
    }
    return statement;
}

core::Result<void> Database::exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return tl::unexpected(sqliteError(sqlite3_extended_errcode(db_.get()), detail));
    }
    return {};
}

core::Result<std::int64_t> Database::queryInt(std::string_view sql) {
    auto statement = prepare(sql);
    if (!statement.has_value()) {
        return tl::unexpected(statement.error());
    }
    auto row = statement->step();
    if (!row.has_value()) {
        return tl::unexpected(row.error());
    }
    if (!*row) {
        return tl::unexpected(sqliteError(SQLITE_ERROR, "no row from " + std::string(sql)));
    }
    return statement->int64At(0);
}

std::int64_t Database::changes() const {
    return sqlite3_changes64(db_.get());
}

bool Database::inTransaction() const {
    return sqlite3_get_autocommit(db_.get()) == 0;
}

core::Result<Transaction> Transaction::begin(Database& db) {
    auto begun = db.exec("BEGIN IMMEDIATE");
    if (!begun.has_value()) {
        return tl::unexpected(begun.error());
    }
    return Transaction(db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(other.db_), open_(other.open_) {
    other.open_ = false;
}

Transaction::~Transaction() {
    // SQLite rolls back by itself after some errors (SQLITE_FULL among them); only roll back a
    // transaction that is still open.
    if (open_ && db_->inTransaction()) {
        static_cast<void>(db_->exec("ROLLBACK"));
    }
}

core::Result<void> Transaction::commit() {
    auto committed = db_->exec("COMMIT");
    if (!committed.has_value()) {
        return committed;
    }
    open_ = false;
    return {};
}

}  // namespace balie::sync
