// SPDX-License-Identifier: GPL-3.0-or-later
// Starts Xvfb and balie-kiosk as child processes and stops them by pid.
#include "xvfb.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

extern char** environ;

namespace balie::test {

namespace {

// The environment of a child: ours, with DISPLAY replaced (or removed) and SDL on X11.
std::vector<std::string> childEnvironment(const std::optional<std::string>& display) {
    std::vector<std::string> variables;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string_view variable(*entry);
        if (variable.starts_with("DISPLAY=") || variable.starts_with("WAYLAND_DISPLAY=") ||
            variable.starts_with("SDL_VIDEODRIVER=") || variable.starts_with("LSAN_OPTIONS=")) {
            continue;
        }
        variables.emplace_back(variable);
    }
    if (display) {
        variables.push_back("DISPLAY=" + *display);
    }
    variables.emplace_back("SDL_VIDEODRIVER=x11");
    // Only read by sanitizer builds. SDL's D-Bus connection and Mesa's DRI driver, unloaded
    // before the leak check, keep allocations LeakSanitizer cannot name to suppress. Memory
    // errors still stop the kiosk; the widget tests in this binary check leaks of our code.
    variables.emplace_back("LSAN_OPTIONS=detect_leaks=0");
    return variables;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> result;
    for (std::string& text : strings) {
        result.push_back(text.data());
    }
    result.push_back(nullptr);
    return result;
}

void stop(pid_t pid, int signal) {
    ::kill(pid, signal);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
}

}  // namespace

std::unique_ptr<Xvfb> Xvfb::start(int width, int height, std::string& error) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        error = "pipe2 failed";
        return nullptr;
    }
    std::vector<std::string> args = {
        BALIE_XVFB,  "-displayfd", "3",
        "-screen",   "0",          std::to_string(width) + "x" + std::to_string(height) + "x24",
        "-nolisten", "tcp"};
    std::vector<char*> argv = pointers(args);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], 3);  // dup2 clears close-on-exec on the copy
        int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(fds[1]);
    if (pid < 0) {
        ::close(fds[0]);
        error = "fork failed";
        return nullptr;
    }
    std::string number;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (number.empty() || number.back() != '\n') {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd poll{fds[0], POLLIN, 0};
        char c = 0;
        if (left.count() <= 0 || ::poll(&poll, 1, static_cast<int>(left.count())) <= 0 ||
            ::read(fds[0], &c, 1) != 1) {
            ::close(fds[0]);
            stop(pid, SIGKILL);
            error = "Xvfb did not report a display number";
            return nullptr;
        }
        number.push_back(c);
    }
    ::close(fds[0]);
    number.pop_back();
    return std::unique_ptr<Xvfb>(new Xvfb(pid, ":" + number));
}

Xvfb::~Xvfb() {
    stop(pid_, SIGTERM);
}

KioskRun runKiosk(std::optional<std::string> display, const std::vector<std::string>& args,
                  std::chrono::seconds timeout) {
    return runKiosk(std::move(display), args, timeout, {});
}

KioskRun runKiosk(std::optional<std::string> display, const std::vector<std::string>& args,
                  std::chrono::seconds timeout, const KioskLineHandler& onLine) {
    KioskRun run;
    std::size_t handedOut = 0;  // bytes of run.out already given to onLine
    int out[2];
    int err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        run.err = "pipe2 failed";
        return run;
    }
    std::vector<std::string> argStrings = {BALIE_KIOSK_PATH};
    argStrings.insert(argStrings.end(), args.begin(), args.end());
    std::vector<char*> argv = pointers(argStrings);
    std::vector<std::string> envStrings = childEnvironment(display);
    std::vector<char*> envp = pointers(envStrings);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    std::array<int, 2> open = {out[0], err[0]};
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (open[0] >= 0 || open[1] >= 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            run.timedOut = true;
            ::kill(pid, SIGKILL);
            break;
        }
        std::array<pollfd, 2> polls{{{open[0], POLLIN, 0}, {open[1], POLLIN, 0}}};
        if (::poll(polls.data(), polls.size(), static_cast<int>(left.count())) < 0 &&
            errno != EINTR) {
            break;
        }
        for (std::size_t i = 0; i < 2; ++i) {
            if (open[i] < 0 || polls[i].revents == 0) {
                continue;
            }
            char buffer[4096];
            ssize_t n = ::read(open[i], buffer, sizeof buffer);
            if (n <= 0) {
                ::close(open[i]);
                open[i] = -1;
            } else {
                (i == 0 ? run.out : run.err).append(buffer, static_cast<std::size_t>(n));
            }
            while (onLine) {
                std::size_t end = run.out.find('\n', handedOut);
                if (end == std::string::npos) {
                    break;
                }
                onLine(pid, run.out.substr(handedOut, end - handedOut));
                handedOut = end + 1;
            }
        }
    }
    for (int fd : open) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

}  // namespace balie::test
