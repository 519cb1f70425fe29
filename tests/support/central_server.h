// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real balie-central as a child process on a free loopback port, with a kiosk
// credential and an access list ready, for tests that talk HTTP to it.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "process.h"

namespace balie::test {

/// \brief The balie-central program of this build.
std::string centralProgram();
/// \brief sync/central/fixtures/known_persons.json.
std::string knownPersonsFixture();

struct CentralServerOptions {
    /// Database URL; empty: a new SQLite file in the server's own temporary directory.
    std::string database;
    std::string company = "acme";
    std::string kioskId = "kiosk-1";
    /// (national number, display name) put on the company's access list.
    std::vector<std::pair<std::string, std::string>> agents = {{"85073003328", "Els Peeters"}};
    bool importKnownPersons = true;  ///< import knownPersonsFixture() before serving
    std::string smtpUrl;             ///< "smtp://127.0.0.1:PORT" to send e-mail; empty: none
    std::string mailFrom = "balie@example.test";
    std::vector<std::string> extraServeArguments;  ///< e.g. --tls-cert F --tls-key F
    /// Address to listen on; another than loopback for clients in a network namespace.
    std::string listenHost = "127.0.0.1";
};

/// \brief One running balie-central. Destroying it stops the server (SIGTERM, then SIGKILL) and
/// removes its temporary directory. Failures to start throw std::runtime_error with the
/// program's own message.
class CentralServer {
public:
    /// \brief Prepares the database (kiosk, access list, registry) and starts serving.
    static CentralServer start(const CentralServerOptions& options = {});

    CentralServer(CentralServer&& other) noexcept;
    CentralServer& operator=(CentralServer&&) = delete;
    CentralServer(const CentralServer&) = delete;
    CentralServer& operator=(const CentralServer&) = delete;
    ~CentralServer();

    /// \brief "http://127.0.0.1:PORT" (https:// when TLS arguments were given).
    const std::string& url() const { return url_; }
    int port() const { return port_; }
    /// \brief The kiosk's bearer token.
    const std::string& token() const { return token_; }
    const std::string& databaseUrl() const { return databaseUrl_; }
    const std::string& company() const { return options_.company; }
    const std::string& kioskId() const { return options_.kioskId; }
    /// \brief Agent id given to each national number of the options' access list.
    const std::map<std::string, std::string>& agentIds() const { return agentIds_; }
    /// \brief The agent id of the first access list entry.
    std::string agentId() const;
    const std::filesystem::path& directory() const { return directory_; }
    pid_t pid() const { return pid_; }

    /// \brief Stops the server cleanly (SIGTERM; SIGKILL after 10 s); returns its exit code.
    int stop();
    /// \brief Kills the server with SIGKILL, as a crash would.
    void kill();
    /// \brief Starts the server again on the same database and the same port.
    void restart();
    bool running() const { return pid_ > 0; }

    /// \brief Runs `balie-central ARGS --db URL` on this server's database.
    ProcessResult command(std::vector<std::string> arguments) const;
    /// \brief Registers another kiosk and returns its token.
    std::string addKiosk(const std::string& kioskId, const std::string& company) const;
    /// \brief What the server wrote to standard error so far.
    std::string log() const;

private:
    explicit CentralServer(CentralServerOptions options);
    void launch(int port);
    std::vector<std::string> keyFileArguments() const;

    CentralServerOptions options_;
    std::filesystem::path directory_;
    std::string databaseUrl_;
    std::string token_;
    std::map<std::string, std::string> agentIds_;
    std::string url_;
    int port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace balie::test
