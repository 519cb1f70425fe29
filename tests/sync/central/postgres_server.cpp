// SPDX-License-Identifier: GPL-3.0-or-later
// A throwaway PostgreSQL server for tests, run as the postgres user on a private unix socket.
#include "postgres_server.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "process.h"

namespace balie::test {
namespace {

const std::string kBin = "/usr/lib/postgresql/15/bin/";

// setpriv runs the program as postgres without forking (unlike runuser), so the pid we keep is
// the server's own and signals reach it directly.
std::vector<std::string> asPostgres(std::vector<std::string> command) {
    std::vector<std::string> full{"--reuid=postgres", "--regid=postgres", "--init-groups", "--"};
    full.insert(full.end(), command.begin(), command.end());
    return full;
}

int waitExit(pid_t pid, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno != EINTR)) {
            return 0;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
}

}  // namespace

bool PostgresServer::available() {
    return unavailableReason().empty();
}

std::string PostgresServer::unavailableReason() {
    for (const char* program : {"initdb", "postgres", "pg_isready"}) {
        if (::access((kBin + program).c_str(), X_OK) != 0) {
            return "PostgreSQL 15 server programs not found in " + kBin +
                   " (install the postgresql package)";
        }
    }
    if (::getpwnam("postgres") == nullptr) {
        return "no postgres user";
    }
    if (::access("/usr/bin/setpriv", X_OK) != 0) {
        return "setpriv (util-linux) not found";
    }
    return {};
}

PostgresServer PostgresServer::start(bool durable) {
    PostgresServer server;
    char pattern[] = "/tmp/balie-pg-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    server.directory_ = pattern;
    const passwd* user = ::getpwnam("postgres");
    if (user == nullptr || ::chown(pattern, user->pw_uid, user->pw_gid) != 0) {
        throw std::runtime_error("cannot hand the temporary directory to postgres");
    }
    const std::string data = (server.directory_ / "data").string();
    const ProcessResult initdb = runProcess(
        "/usr/bin/setpriv", asPostgres({kBin + "initdb", "-D", data, "-A", "trust", "-U",
                                        "postgres", "--no-sync", "-E", "UTF8", "--locale", "C"}));
    if (initdb.exitCode != 0) {
        throw std::runtime_error("initdb failed: " + initdb.err);
    }
    std::vector<std::string> arguments =
        asPostgres({kBin + "postgres", "-D", data, "-k", server.directory_.string(), "-c",
                    "listen_addresses=", "-c", "max_connections=40"});
    if (!durable) {
        arguments.insert(arguments.end(), {"-c", "fsync=off", "-c", "synchronous_commit=off"});
    }
    std::vector<char*> argv;
    std::string program = "/usr/bin/setpriv";
    argv.push_back(program.data());
    for (std::string& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    const std::string log = (server.directory_ / "postgres.log").string();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, STDOUT_FILENO);
            ::dup2(fd, STDERR_FILENO);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    server.pid_ = pid;
    for (int attempt = 0; attempt < 600; ++attempt) {
        const ProcessResult ready =
            runProcess(kBin + "pg_isready", {"-q", "-h", server.directory_.string()});
        if (ready.exitCode == 0) {
            return server;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("postgres did not become ready (see " + log + ")");
}

PostgresServer::PostgresServer(PostgresServer&& other) noexcept
    : directory_(std::move(other.directory_)), pid_(other.pid_) {
    other.pid_ = -1;
    other.directory_.clear();
}

PostgresServer::~PostgresServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGINT);  // fast shutdown
        if (waitExit(pid_, std::chrono::seconds(30)) != 0) {
            ::kill(pid_, SIGKILL);
            waitExit(pid_, std::chrono::seconds(10));
        }
    }
    if (!directory_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }
}

std::string PostgresServer::url() const {
    return "postgresql:///postgres?host=" + directory_.string() + "&user=postgres";
}

}  // namespace balie::test
