// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real balie-central as a child process on a free loopback port.
#include "central_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace balie::test {
namespace {

// Generous: under the sanitizers on a loaded machine the first start migrates a new database.
constexpr int kStartTimeoutMs = 60'000;
constexpr auto kStopTimeout = std::chrono::seconds(10);

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

int waitExit(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (done < 0 && errno != EINTR) {
            return -1;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return -2;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace

std::string centralProgram() {
    return BALIE_CENTRAL_PATH;
}

std::string knownPersonsFixture() {
    return std::string(BALIE_SOURCE_DIR) + "/sync/central/fixtures/known_persons.json";
}

CentralServer::CentralServer(CentralServerOptions options) : options_(std::move(options)) {
    char pattern[] = "/tmp/balie-central-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
        throw std::runtime_error("CentralServer: mkdtemp failed");
    }
    directory_ = pattern;
    databaseUrl_ = options_.database.empty() ? "sqlite:" + (directory_ / "central.sqlite").string()
                                             : options_.database;
}

CentralServer::CentralServer(CentralServer&& other) noexcept
    : options_(std::move(other.options_)),
      directory_(std::move(other.directory_)),
      databaseUrl_(std::move(other.databaseUrl_)),
      token_(std::move(other.token_)),
      agentIds_(std::move(other.agentIds_)),
      url_(std::move(other.url_)),
      port_(other.port_),
      pid_(other.pid_) {
    other.pid_ = -1;
    other.directory_.clear();
}

CentralServer::~CentralServer() {
    if (pid_ > 0) {
        stop();
    }
    if (!directory_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }
}

CentralServer CentralServer::start(const CentralServerOptions& options) {
    CentralServer server(options);
    auto check = [](const ProcessResult& result, const std::string& what) {
        if (result.exitCode != 0) {
            throw std::runtime_error("balie-central " + what + " failed: " + trimmed(result.err));
        }
        return trimmed(result.out);
    };
    server.token_ =
        check(server.command({"kiosk", "add", options.kioskId, "--company", options.company}),
              "kiosk add");
    for (const auto& [number, name] : options.agents) {
        server.agentIds_[number] = check(server.command({"access", "grant", number, "--company",
                                                         options.company, "--name", name}),
                                         "access grant");
    }
    if (options.importKnownPersons) {
        check(server.command({"registry", "import", knownPersonsFixture()}), "registry import");
    }
    server.launch(0);
    return server;
}

std::string CentralServer::agentId() const {
    if (options_.agents.empty()) {
        return {};
    }
    return agentIds_.at(options_.agents.front().first);
}

void CentralServer::launch(int port) {
    const std::string listen = options_.listenHost + ":" + std::to_string(port);
    std::vector<std::string> arguments{centralProgram(), "serve", "--listen",
                                       listen,           "--db",  databaseUrl_};
    if (!options_.smtpUrl.empty()) {
        arguments.insert(arguments.end(),
                         {"--smtp", options_.smtpUrl, "--mail-from", options_.mailFrom});
    }
    arguments.insert(arguments.end(), options_.extraServeArguments.begin(),
                     options_.extraServeArguments.end());
    const std::vector<std::string> keyFile = keyFileArguments();
    arguments.insert(arguments.end(), keyFile.begin(), keyFile.end());
    std::vector<char*> argv;
    for (std::string& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);

    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        throw std::runtime_error("CentralServer: pipe failed");
    }
    const std::string logPath = (directory_ / "central.log").string();
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("CentralServer: fork failed");
    }
    if (pid == 0) {
        const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        ::dup2(out[1], STDOUT_FILENO);
        if (log >= 0) {
            ::dup2(log, STDERR_FILENO);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    pid_ = pid;

    // The first line says where it listens; later output is not read (the pipe stays open so
    // the server never meets a broken pipe, and is closed when the first line is in).
    std::string first;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
    while (first.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd fd{out[0], POLLIN, 0};
        if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
            break;
        }
        char buffer[256];
        const ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n <= 0) {
            break;
        }
        first.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    const std::string prefix = "listening on " + options_.listenHost + ":";
    if (!first.starts_with(prefix)) {
        kill();
        throw std::runtime_error("balie-central serve did not start: " + trimmed(log()));
    }
    port_ = std::stoi(first.substr(prefix.size()));
    const bool tls =
        std::find(options_.extraServeArguments.begin(), options_.extraServeArguments.end(),
                  "--tls-cert") != options_.extraServeArguments.end();
    url_ = (tls ? "https://" : "http://") + options_.listenHost + ":" + std::to_string(port_);
}

int CentralServer::stop() {
    if (pid_ <= 0) {
        return -1;
    }
    ::kill(pid_, SIGTERM);
    int code = waitExit(pid_, kStopTimeout);
    if (code == -2) {
        ::kill(pid_, SIGKILL);
        code = waitExit(pid_, kStopTimeout);
    }
    pid_ = -1;
    return code;
}

void CentralServer::kill() {
    if (pid_ <= 0) {
        return;
    }
    ::kill(pid_, SIGKILL);
    waitExit(pid_, kStopTimeout);
    pid_ = -1;
}

void CentralServer::restart() {
    if (pid_ > 0) {
        stop();
    }
    launch(port_);
}

ProcessResult CentralServer::command(std::vector<std::string> arguments) const {
    arguments.push_back("--db");
    arguments.push_back(databaseUrl_);
    const std::vector<std::string> keyFile = keyFileArguments();
    arguments.insert(arguments.end(), keyFile.begin(), keyFile.end());
    return runProcess(centralProgram(), arguments);
}

std::vector<std::string> CentralServer::keyFileArguments() const {
    // An SQLite database has its key file next to it by default; other databases need one named.
    if (options_.database.empty()) {
        return {};
    }
    return {"--key-file", (directory_ / "central.key").string()};
}

std::string CentralServer::addKiosk(const std::string& kioskId, const std::string& company) const {
    const ProcessResult result = command({"kiosk", "add", kioskId, "--company", company});
    if (result.exitCode != 0) {
        throw std::runtime_error("balie-central kiosk add failed: " + trimmed(result.err));
    }
    return trimmed(result.out);
}

std::string CentralServer::log() const {
    std::ifstream file(directory_ / "central.log");
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

}  // namespace balie::test
