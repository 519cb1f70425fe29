// SPDX-License-Identifier: GPL-3.0-or-later
// fork/exec with the child tied to the kiosk, and stopping it by pid.
#include "child_process.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

namespace balie::app {

namespace {

std::vector<char*> argvOf(std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (std::string& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    return argv;
}

// Only async-signal-safe calls between fork and exec.
[[noreturn]] void childFailed(const char* what) {
    ssize_t ignored = ::write(STDERR_FILENO, what, __builtin_strlen(what));
    ignored = ::write(STDERR_FILENO, " failed\n", 8);
    static_cast<void>(ignored);
    ::_exit(127);
}

}  // namespace

core::Result<ChildProcess> ChildProcess::start(const std::vector<std::string>& args,
                                               const std::filesystem::path& logFile,
                                               const std::filesystem::path& privateRun) {
    std::vector<std::string> copy = args;
    std::vector<char*> argv = argvOf(copy);
    std::string log = logFile.string();
    std::string run = privateRun.string();
    pid_t pid = ::fork();
    if (pid < 0) {
        return core::fail(core::Errc::Config, "cannot start " + args.front());
    }
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (out < 0 || null < 0) {
            childFailed("open");
        }
        ::dup2(null, STDIN_FILENO);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(out, STDERR_FILENO);
        if (!run.empty()) {
            if (::unshare(CLONE_NEWNS) != 0 ||
                ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
                childFailed("a private mount namespace (needs root)");
            }
            if (::mkdir("/run/pcscd", 0755) != 0 && errno != EEXIST) {
                childFailed("mkdir /run/pcscd");
            }
            if (::mount(run.c_str(), "/run/pcscd", nullptr, MS_BIND, nullptr) != 0) {
                childFailed("bind mount on /run/pcscd");
            }
        }
        ::execv(argv[0], argv.data());
        childFailed("exec");
    }
    return ChildProcess(pid);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept : pid_(other.pid_) {
    other.pid_ = -1;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
    if (this != &other) {
        stop();
        pid_ = other.pid_;
        other.pid_ = -1;
    }
    return *this;
}

ChildProcess::~ChildProcess() {
    stop();
}

bool ChildProcess::running() {
    return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0;
}

void ChildProcess::stop() {
    if (pid_ <= 0) {
        return;
    }
    ::kill(pid_, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (std::chrono::steady_clock::now() < deadline) {
        pid_t done = ::waitpid(pid_, nullptr, WNOHANG);
        if (done == pid_ || (done < 0 && errno == ECHILD)) {
            pid_ = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

core::Result<std::string> runToEnd(const std::vector<std::string>& args, std::string_view input) {
    int in[2];
    int out[2];
    int err[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
        ::pipe2(err, O_CLOEXEC) != 0) {
        return core::fail(core::Errc::Config, "cannot create a pipe");
    }
    // Written whole before the program starts, so it can never meet a closed pipe.
    const bool written =
        ::write(in[1], input.data(), input.size()) == static_cast<ssize_t>(input.size());
    ::close(in[1]);
    if (!written) {
        ::close(in[0]);
        return core::fail(core::Errc::Config, "cannot pass the input of " + args.front());
    }
    std::vector<std::string> copy = args;
    std::vector<char*> argv = argvOf(copy);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    auto drain = [](int fd) {
        std::string text;
        char buffer[4096];
        ssize_t n = 0;
        while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
            text.append(buffer, static_cast<std::size_t>(n));
        }
        ::close(fd);
        return text;
    };
    // Outputs of these programs are small: standard output first, then the errors.
    std::string output = drain(out[0]);
    std::string errors = drain(err[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string first = errors.substr(0, errors.find('\n'));
        return core::fail(core::Errc::Config, args.front() + " failed: " + first);
    }
    return output;
}

}  // namespace balie::app
