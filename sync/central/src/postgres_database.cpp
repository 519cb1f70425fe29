// SPDX-License-Identifier: GPL-3.0-or-later
// The PostgreSQL backend (libpq): a small pool of connections, statements in the shared SQL with
// '?' placeholders turned into $n, transient conflicts retried.
#include <condition_variable>
#include <mutex>
#include <unordered_map>

#include <libpq-fe.h>

#include "balie/sync/central/database.h"
#include "schema.h"

namespace balie::sync::central {
namespace {

constexpr std::size_t kPoolSize = 4;
constexpr int kMaxAttempts = 8;
// Any fixed number: the key of the advisory lock that serialises allocations and change order.
constexpr std::int64_t kAllocationLockKey = 0x62616c6965;
// Type oids of the columns read back (pg_type.h).
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kByteaOid = 17;

struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using ResultHandle = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnectionDeleter {
    void operator()(PGconn* connection) const { PQfinish(connection); }
};
using ConnectionHandle = std::unique_ptr<PGconn, ConnectionDeleter>;

// Serialisation failures and deadlocks are retried; a lost connection is worth a 503.
bool isRetryable(const char* sqlState) {
    return sqlState != nullptr &&
           (std::string_view(sqlState) == "40001" || std::string_view(sqlState) == "40P01");
}

core::Error postgresError(PGconn* connection, const PGresult* result) {
    std::string detail = result != nullptr ? PQresultErrorMessage(result) : "";
    if (detail.empty()) {
        detail = PQerrorMessage(connection);
    }
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) {
        detail.pop_back();
    }
    if (const auto newline = detail.find('\n'); newline != std::string::npos) {
        detail.resize(newline);
    }
    const char* sqlState =
        result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const bool transient = PQstatus(connection) != CONNECTION_OK || isRetryable(sqlState) ||
                           (sqlState != nullptr && std::string_view(sqlState).starts_with("08"));
    return core::Error{core::Errc::Storage, "database error (postgresql: " + detail + ")",
                       transient ? kTransientStorageError : 0};
}

std::string numbered(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int next = 1;
    for (char c : sql) {
        if (c == '?') {
            out += '$';
            out += std::to_string(next++);
        } else {
            out += c;
        }
    }
    return out;
}

std::string unescapeBytea(const char* text) {
    std::size_t length = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
    if (bytes == nullptr) {
        return {};
    }
    std::string value(reinterpret_cast<const char*>(bytes), length);
    PQfreemem(bytes);
    return value;
}

// Statements prepared on one connection, by their SQL: each is parsed and planned once per
// connection instead of on every call.
using PreparedStatements = std::unordered_map<std::string, std::string>;

class PostgresSession final : public Session {
public:
    PostgresSession(PGconn* connection, PreparedStatements& prepared)
        : connection_(connection), prepared_(prepared) {}

    core::Result<Rows> query(std::string_view sql, std::span<const Param> params) override {
        auto name = prepare(sql, params.size());
        if (!name.has_value()) {
            return tl::unexpected(name.error());
        }
        std::vector<std::string> integers(params.size());
        std::vector<const char*> values(params.size());
        std::vector<int> lengths(params.size());
        std::vector<int> formats(params.size());
        for (std::size_t i = 0; i < params.size(); ++i) {
            const Param& param = params[i];
            switch (param.kind) {
                case Param::Kind::Null:
                    values[i] = nullptr;
                    break;
                case Param::Kind::Integer:
                    integers[i] = std::to_string(param.integer);
                    values[i] = integers[i].c_str();
                    break;
                case Param::Kind::Text:
                    values[i] = param.bytes.c_str();
                    break;
                case Param::Kind::Blob:
                    values[i] = param.bytes.data();
                    lengths[i] = static_cast<int>(param.bytes.size());
                    formats[i] = 1;
                    break;
            }
        }
        ResultHandle result(PQexecPrepared(connection_, name->c_str(),
                                           static_cast<int>(params.size()), values.data(),
                                           lengths.data(), formats.data(), 0));
        const ExecStatusType status = PQresultStatus(result.get());
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            return tl::unexpected(postgresError(connection_, result.get()));
        }
        Rows rows;
        const int rowCount = PQntuples(result.get());
        const int columns = PQnfields(result.get());
        rows.reserve(static_cast<std::size_t>(rowCount));
        for (int row = 0; row < rowCount; ++row) {
            std::vector<Row::Value> cells;
            cells.reserve(static_cast<std::size_t>(columns));
            for (int column = 0; column < columns; ++column) {
                if (PQgetisnull(result.get(), row, column) != 0) {
                    cells.emplace_back(std::monostate{});
                    continue;
                }
                const char* cell = PQgetvalue(result.get(), row, column);
                const Oid type = PQftype(result.get(), column);
                if (type == kInt8Oid || type == kInt4Oid || type == kInt2Oid) {
                    cells.emplace_back(static_cast<std::int64_t>(std::strtoll(cell, nullptr, 10)));
                } else if (type == kByteaOid) {
                    cells.emplace_back(unescapeBytea(cell));
                } else {
                    cells.emplace_back(std::string(
                        cell, static_cast<std::size_t>(PQgetlength(result.get(), row, column))));
                }
            }
            rows.emplace_back(std::move(cells));
        }
        return rows;
    }

    Dialect dialect() const override { return Dialect::Postgres; }

    core::Result<void> lockAllocations() override {
        const std::array<Param, 1> key{Param::of(kAllocationLockKey)};
        return exec("SELECT pg_advisory_xact_lock(?)", key);
    }

    core::Result<void> command(const char* sql) {
        ResultHandle result(PQexec(connection_, sql));
        if (PQresultStatus(result.get()) != PGRES_COMMAND_OK &&
            PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
            return tl::unexpected(postgresError(connection_, result.get()));
        }
        return {};
    }

private:
    core::Result<std::string> prepare(std::string_view sql, std::size_t parameterCount) {
        const std::string key(sql);
        if (const auto found = prepared_.find(key); found != prepared_.end()) {
            return found->second;
        }
        std::string name = "balie_" + std::to_string(prepared_.size());
        ResultHandle result(PQprepare(connection_, name.c_str(), numbered(sql).c_str(),
                                      static_cast<int>(parameterCount), nullptr));
        if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
            return tl::unexpected(postgresError(connection_, result.get()));
        }
        prepared_.emplace(key, name);
        return name;
    }

    PGconn* connection_;
    PreparedStatements& prepared_;
};

class PostgresDatabase final : public Database {
public:
    explicit PostgresDatabase(std::string url) : url_(std::move(url)) {}

    core::Result<void> connect() {
        for (std::size_t i = 0; i < kPoolSize; ++i) {
            ConnectionHandle connection(PQconnectdb(url_.c_str()));
            if (PQstatus(connection.get()) != CONNECTION_OK) {
                std::string detail = PQerrorMessage(connection.get());
                if (const auto newline = detail.find('\n'); newline != std::string::npos) {
                    detail.resize(newline);
                }
                return core::fail(core::Errc::Storage,
                                  "cannot connect to PostgreSQL (" + detail + ")",
                                  kTransientStorageError);
            }
            PQsetNoticeProcessor(
                connection.get(), [](void*, const char*) {}, nullptr);
            prepared_[connection.get()];
            idle_.push_back(std::move(connection));
        }
        return {};
    }

    core::Result<void> transaction(
        const std::function<core::Result<void>(Session&)>& work) override {
        ConnectionHandle connection = acquire();
        core::Result<void> outcome;
        for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
            PreparedStatements& prepared = prepared_.at(connection.get());
            if (PQstatus(connection.get()) != CONNECTION_OK) {
                PQreset(connection.get());
                prepared.clear();  // a new server session knows none of them
            }
            PostgresSession session(connection.get(), prepared);
            outcome = session.command("BEGIN");
            if (outcome.has_value()) {
                outcome = work(session);
                if (outcome.has_value()) {
                    outcome = session.command("COMMIT");
                }
            }
            if (outcome.has_value()) {
                break;
            }
            (void)session.command("ROLLBACK");
            if (outcome.error().native != kTransientStorageError ||
                PQstatus(connection.get()) != CONNECTION_OK) {
                break;
            }
        }
        release(std::move(connection));
        return outcome;
    }

    Dialect dialect() const override { return Dialect::Postgres; }

    core::Result<void> migrate() {
        const auto steps = migrations(Dialect::Postgres);
        return transaction([&](Session& session) -> core::Result<void> {
            auto& postgres = static_cast<PostgresSession&>(session);
            // Two servers starting on a new database must not both migrate it.
            if (auto locked = postgres.command("SELECT pg_advisory_xact_lock(4242)");
                !locked.has_value()) {
                return locked;
            }
            if (auto created = postgres.command(
                    "CREATE TABLE IF NOT EXISTS balie_schema (version BIGINT NOT NULL)");
                !created.has_value()) {
                return created;
            }
            auto rows = session.query("SELECT version FROM balie_schema", {});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            std::int64_t version = rows->empty() ? 0 : rows->front().integer(0);
            if (version > static_cast<std::int64_t>(steps.size())) {
                return core::fail(core::Errc::Storage,
                                  "database schema version " + std::to_string(version) +
                                      " is newer than this balie-central understands (" +
                                      std::to_string(steps.size()) + ")");
            }
            for (; version < static_cast<std::int64_t>(steps.size()); ++version) {
                if (auto migrated =
                        postgres.command(steps[static_cast<std::size_t>(version)].c_str());
                    !migrated.has_value()) {
                    return migrated;
                }
            }
            if (auto cleared = postgres.command("DELETE FROM balie_schema"); !cleared.has_value()) {
                return cleared;
            }
            const std::array<Param, 1> stamp{Param::of(version)};
            return session.exec("INSERT INTO balie_schema (version) VALUES (?)", stamp);
        });
    }

private:
    ConnectionHandle acquire() {
        std::unique_lock lock(mutex_);
        available_.wait(lock, [&] { return !idle_.empty(); });
        ConnectionHandle connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
    }

    void release(ConnectionHandle connection) {
        {
            std::lock_guard lock(mutex_);
            idle_.push_back(std::move(connection));
        }
        available_.notify_one();
    }

    std::string url_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<ConnectionHandle> idle_;
    // One entry per pooled connection, made when connecting; used only by the connection's holder.
    std::unordered_map<PGconn*, PreparedStatements> prepared_;
};

}  // namespace

core::Result<std::unique_ptr<Database>> openPostgres(const std::string& url) {
    auto database = std::make_unique<PostgresDatabase>(url);
    if (auto connected = database->connect(); !connected.has_value()) {
        return tl::unexpected(connected.error());
    }
    if (auto migrated = database->migrate(); !migrated.has_value()) {
        return tl::unexpected(migrated.error());
    }
    return std::unique_ptr<Database>(std::move(database));
}

bool hasPostgresSupport() {
    return true;
}

}  // namespace balie::sync::central
