// SPDX-License-Identifier: GPL-3.0-or-later
// A throwaway PostgreSQL server for tests: initdb and postgres from Debian's PostgreSQL 15 in a
// temporary directory, run as the postgres user, reachable on a unix socket in that directory.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace balie::test {

class PostgresServer {
public:
    /// \brief True when the PostgreSQL 15 server programs and the postgres user exist.
    static bool available();
    /// \brief Why available() is false, for GTEST_SKIP.
    static std::string unavailableReason();

    /// \brief Creates a cluster and starts it; throws std::runtime_error with the server's words.
    /// \param durable keep fsync on (benchmarks); tests run faster without.
    static PostgresServer start(bool durable = false);

    PostgresServer(PostgresServer&& other) noexcept;
    PostgresServer& operator=(PostgresServer&&) = delete;
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;
    /// \brief Stops the server by its process id (fast shutdown, then SIGKILL) and removes it.
    ~PostgresServer();

    /// \brief "postgresql:///postgres?host=DIR&user=postgres": what balie-central --db takes.
    std::string url() const;

private:
    PostgresServer() = default;

    std::filesystem::path directory_;
    pid_t pid_ = -1;
};

}  // namespace balie::test
