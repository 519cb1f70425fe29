// SPDX-License-Identifier: GPL-3.0-or-later
// An X server of its own for each UI test, and balie-kiosk run against it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace balie::test {

/// \brief A private Xvfb on a display number it picks itself (-displayfd), stopped by its pid
/// when the object goes.
class Xvfb {
public:
    /// \brief Starts Xvfb with one \a width x \a height x 24 screen. \return nullptr (and the
    /// reason in \a error) when it does not come up within 10 seconds.
    static std::unique_ptr<Xvfb> start(int width, int height, std::string& error);

    Xvfb(const Xvfb&) = delete;
    Xvfb& operator=(const Xvfb&) = delete;
    ~Xvfb();

    /// \brief The DISPLAY value, ":N".
    const std::string& display() const { return display_; }

private:
    Xvfb(pid_t pid, std::string display) : pid_(pid), display_(std::move(display)) {}
    pid_t pid_;
    std::string display_;
};

struct KioskRun {
    int exitCode = -1;      ///< exit status, or 128 + signal number
    bool timedOut = false;  ///< killed because it ran longer than allowed
    std::string out;
    std::string err;
};

/// \brief Runs balie-kiosk with \a args and DISPLAY set to \a display (nullopt: no DISPLAY at
/// all), capturing its output; kills it by pid after \a timeout.
KioskRun runKiosk(std::optional<std::string> display, const std::vector<std::string>& args,
                  std::chrono::seconds timeout = std::chrono::seconds(90));

/// \brief Called with the kiosk's pid for each line it prints on standard output, as it comes.
using KioskLineHandler = std::function<void(pid_t pid, const std::string& line)>;

/// \brief runKiosk() that also hands each output line to \a onLine while the kiosk runs.
KioskRun runKiosk(std::optional<std::string> display, const std::vector<std::string>& args,
                  std::chrono::seconds timeout, const KioskLineHandler& onLine);

}  // namespace balie::test
