// SPDX-License-Identifier: GPL-3.0-or-later
// The central service's storage interface: SQL sessions in write transactions, over SQLite or
// PostgreSQL, so that both backends run the same statements and behave the same.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "balie/core/error.h"

namespace balie::sync::central {

/// \brief Error::native of storage errors that go away by themselves (a lock held too long, a
/// database server restarting): the HTTP layer answers 503 with Retry-After for them.
inline constexpr long kTransientStorageError = -503;

/// \brief One statement parameter. Statements use '?' placeholders in order.
struct Param {
    enum class Kind { Null, Integer, Text, Blob };
    Kind kind = Kind::Null;
    std::int64_t integer = 0;
    std::string bytes;

    static Param null() { return {}; }
    static Param of(std::int64_t value) { return {Kind::Integer, value, {}}; }
    static Param text(std::string value) { return {Kind::Text, 0, std::move(value)}; }
    static Param blob(std::string value) { return {Kind::Blob, 0, std::move(value)}; }
    /// \brief NULL for an empty string: optional text columns.
    static Param textOrNull(const std::string& value) {
        return value.empty() ? null() : text(value);
    }
};

/// \brief One result row; columns in SELECT order, from 0. Text and blobs both read as strings.
class Row {
public:
    using Value = std::variant<std::monostate, std::int64_t, std::string>;

    explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

    bool isNull(std::size_t column) const;
    std::int64_t integer(std::size_t column) const;
    /// \brief Text or blob bytes; empty for NULL.
    std::string text(std::size_t column) const;

private:
    std::vector<Value> values_;
};

using Rows = std::vector<Row>;

enum class Dialect { Sqlite, Postgres };

/// \brief A connection inside a write transaction.
class Session {
public:
    virtual ~Session() = default;

    [[nodiscard]] virtual core::Result<Rows> query(std::string_view sql,
                                                   std::span<const Param> params) = 0;
    [[nodiscard]] core::Result<void> exec(std::string_view sql, std::span<const Param> params);
    virtual Dialect dialect() const = 0;

    /// \brief Serialises the decisions that allocate numbers across concurrent transactions
    /// (PostgreSQL: a transaction-scoped advisory lock; SQLite: its one writer already does).
    [[nodiscard]] virtual core::Result<void> lockAllocations() = 0;
    /// \brief " FOR UPDATE" where rows read before a write must be locked; empty for SQLite,
    /// whose write transaction locks the whole database.
    std::string_view forUpdate() const {
        return dialect() == Dialect::Postgres ? " FOR UPDATE" : "";
    }
};

/// \brief A database: SQLite ("sqlite:PATH") or PostgreSQL ("postgresql://...").
class Database {
public:
    virtual ~Database() = default;

    /// \brief Opens the database named by `url` and migrates its schema to this version.
    /// Errc::Config for a URL of another kind, Errc::Storage when it cannot be opened or comes
    /// from a newer version.
    [[nodiscard]] static core::Result<std::unique_ptr<Database>> open(std::string_view url);

    /// \brief Runs `work` in one write transaction: committed when it succeeds, rolled back when it
    /// fails. Retried from the start a few times when the database reports a transient conflict
    /// (PostgreSQL serialisation failure or deadlock), so `work` must only touch the session.
    [[nodiscard]] virtual core::Result<void> transaction(
        const std::function<core::Result<void>(Session&)>& work) = 0;

    /// \brief Same, returning a value.
    template <typename T, typename Work>
    [[nodiscard]] core::Result<T> transact(Work&& work) {
        std::optional<T> value;
        auto done = transaction([&](Session& session) -> core::Result<void> {
            auto result = work(session);
            if (!result.has_value()) {
                return tl::unexpected(result.error());
            }
            value = std::move(*result);
            return {};
        });
        if (!done.has_value()) {
            return tl::unexpected(done.error());
        }
        return std::move(*value);
    }

    virtual Dialect dialect() const = 0;
};

/// \brief SQLite file at `path` (WAL, synchronous=FULL, BEGIN IMMEDIATE, one connection).
[[nodiscard]] core::Result<std::unique_ptr<Database>> openSqlite(const std::string& path);
/// \brief PostgreSQL at a libpq connection URL; a small pool of connections. Errc::Config when
/// this build has no PostgreSQL support.
[[nodiscard]] core::Result<std::unique_ptr<Database>> openPostgres(const std::string& url);

/// \brief True when this build can talk to PostgreSQL.
bool hasPostgresSupport();

}  // namespace balie::sync::central
