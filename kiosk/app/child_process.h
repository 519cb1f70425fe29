// SPDX-License-Identifier: GPL-3.0-or-later
// Programs the demo mode starts and stops by process id.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"

namespace balie::app {

/// \brief A started program, stopped (SIGTERM, then SIGKILL after two seconds) when the object
/// goes. It also dies with the thread that started it, so a crashed kiosk leaves nothing behind.
class ChildProcess {
public:
    /// \brief Starts \a args[0] with \a args, standard input from /dev/null and both outputs
    /// appended to \a logFile. With \a privateRun, the program gets its own mount namespace in
    /// which \a privateRun is mounted on /run/pcscd (pcscd's fixed socket directory).
    static core::Result<ChildProcess> start(const std::vector<std::string>& args,
                                            const std::filesystem::path& logFile,
                                            const std::filesystem::path& privateRun = {});

    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&& other) noexcept;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess();

    pid_t pid() const { return pid_; }
    /// \brief True while the program has not ended.
    bool running();
    void stop();

private:
    explicit ChildProcess(pid_t pid) : pid_(pid) {}
    pid_t pid_ = -1;
};

/// \brief Runs a program to its end with \a input (small: it must fit a pipe's buffer) on its
/// standard input, and returns its standard output.
/// \return Errc::Config with the program's error output when it fails.
core::Result<std::string> runToEnd(const std::vector<std::string>& args,
                                   std::string_view input = {});

}  // namespace balie::app
