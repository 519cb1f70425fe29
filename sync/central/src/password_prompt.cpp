// SPDX-License-Identifier: GPL-3.0-or-later
// A password from standard input, with echo off on a terminal.
#include "password_prompt.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace balie::sync::central {
namespace {

// Turns the terminal's echo off for its lifetime.
class EchoOff {
public:
    EchoOff() {
        if (tcgetattr(STDIN_FILENO, &saved_) == 0) {
            termios quiet = saved_;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoOff() {
        if (active_) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
        }
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    termios saved_{};
    bool active_ = false;
};

std::string readLine() {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

std::string askQuietly(const char* prompt) {
    std::cerr << prompt << std::flush;
    EchoOff quiet;
    std::string line = readLine();
    std::cerr << "\n";
    return line;
}

}  // namespace

core::Result<std::string> readNewPassword() {
    std::string password;
    if (isatty(STDIN_FILENO) != 0) {
        password = askQuietly("Password of the digital key: ");
        if (askQuietly("The same password again: ") != password) {
            return core::fail(core::Errc::InvalidArgument, "the two passwords differ");
        }
    } else {
        password = readLine();
    }
    if (password.empty()) {
        return core::fail(core::Errc::InvalidArgument,
                          "no password on standard input (one line; it is never taken from the "
                          "command line)");
    }
    return password;
}

}  // namespace balie::sync::central
