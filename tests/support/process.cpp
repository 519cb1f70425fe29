// SPDX-License-Identifier: GPL-3.0-or-later
#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <string_view>

namespace balie::test {

namespace {

struct Pipe {
    int fds[2] = {-1, -1};
    Pipe() {
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            throw std::runtime_error("pipe2 failed");
        }
    }
    ~Pipe() {
        closeRead();
        closeWrite();
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    void closeRead() {
        if (fds[0] >= 0) {
            ::close(fds[0]);
            fds[0] = -1;
        }
    }
    void closeWrite() {
        if (fds[1] >= 0) {
            ::close(fds[1]);
            fds[1] = -1;
        }
    }
};

}  // namespace

ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::string& input) {
    Pipe in, out, err;
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const std::string& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);

    pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        ::dup2(in.fds[0], STDIN_FILENO);
        ::dup2(out.fds[1], STDOUT_FILENO);
        ::dup2(err.fds[1], STDERR_FILENO);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    in.closeRead();
    out.closeWrite();
    err.closeWrite();

    // Feed stdin and drain both outputs together, so that a large output cannot deadlock us.
    ::signal(SIGPIPE, SIG_IGN);
    std::string_view pending = input;
    if (pending.empty()) {
        in.closeWrite();
    }
    ProcessResult result;
    while (out.fds[0] >= 0 || err.fds[0] >= 0) {
        std::array<pollfd, 3> polls{{{out.fds[0], POLLIN, 0},
                                     {err.fds[0], POLLIN, 0},
                                     {in.fds[1], POLLOUT, 0}}};
        if (::poll(polls.data(), polls.size(), -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::runtime_error("poll failed");
        }
        if (polls[2].revents != 0) {
            ssize_t written = ::write(in.fds[1], pending.data(), pending.size());
            if (written <= 0) {
                pending = {};
            } else {
                pending.remove_prefix(static_cast<size_t>(written));
            }
            if (pending.empty()) {
                in.closeWrite();
            }
        }
        for (int i = 0; i < 2; ++i) {
            if (polls[static_cast<size_t>(i)].revents == 0) {
                continue;
            }
            Pipe& pipe = i == 0 ? out : err;
            std::string& sink = i == 0 ? result.out : result.err;
            char buffer[4096];
            ssize_t n = ::read(pipe.fds[0], buffer, sizeof buffer);
            if (n <= 0) {
                pipe.closeRead();
            } else {
                sink.append(buffer, static_cast<size_t>(n));
            }
        }
    }
    in.closeWrite();

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

}  // namespace balie::test
