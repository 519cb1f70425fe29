// SPDX-License-Identifier: GPL-3.0-or-later
// Thin RAII wrappers for SQLite: connection, prepared statement and write transaction.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "balie/core/error.h"

namespace balie::sync {

/// \brief A Storage error for SQLite result code `rc`, with SQLite's own words as detail.
core::Error sqliteError(int rc, std::string_view detail);

/// \brief A prepared statement, finalised on destruction. Bind indexes start at 1, columns at 0.
class Statement {
public:
    Statement(Statement&&) noexcept = default;
    Statement& operator=(Statement&&) noexcept = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int index, std::int64_t value);
    void bind(int index, std::string_view text);
    void bind(int index, std::span<const std::uint8_t> blob);
    void bindNull(int index);

    /// \brief Runs one step: true when a row is available, false when done.
    [[nodiscard]] core::Result<bool> step();
    /// \brief Runs the statement to its end, for writes.
    [[nodiscard]] core::Result<void> run();
    /// \brief Makes the statement ready to run again, with no values bound.
    void reset();

    bool isNull(int column) const;
    std::int64_t int64At(int column) const;
    std::string textAt(int column) const;
    std::vector<std::uint8_t> blobAt(int column) const;

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
    };
    friend class Database;
    explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}

    std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
};

/// \brief One connection, closed on destruction.
class Database {
public:
    /// \brief Opens (creating if missing) the database file for reading and writing.
    [[nodiscard]] static core::Result<std::unique_ptr<Database>> open(
        const std::filesystem::path& path);

    [[nodiscard]] core::Result<Statement> prepare(std::string_view sql);
    /// \brief Runs one or more statements that return no rows of interest.
    [[nodiscard]] core::Result<void> exec(const std::string& sql);
    /// \brief Runs a statement returning one row with one integer column (a pragma).
    [[nodiscard]] core::Result<std::int64_t> queryInt(std::string_view sql);

    /// \brief Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;
    bool inTransaction() const;
    sqlite3* handle() const { return db_.get(); }

private:
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    explicit Database(sqlite3* db) : db_(db) {}

    std::unique_ptr<sqlite3, Closer> db_;
};

/// \brief A write transaction started with BEGIN IMMEDIATE, so it takes the write lock at once
/// (waiting up to the busy timeout) instead of failing halfway. Rolls back unless committed.
class Transaction {
public:
    [[nodiscard]] static core::Result<Transaction> begin(Database& db);

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    [[nodiscard]] core::Result<void> commit();

private:
    explicit Transaction(Database& db) : db_(&db) {}

    Database* db_;
    bool open_ = true;
};

}  // namespace balie::sync
