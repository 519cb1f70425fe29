// SPDX-License-Identifier: GPL-3.0-or-later
// When the kiosk was last touched, and when to give up on an abandoned session.
#pragma once

#include <chrono>
#include <optional>

#include "balie/ui/event_loop.h"

namespace balie::ui {

/// \brief Fires once after \a timeout without input, while armed.
///
/// The kiosk arms it away from the start screen; when it fires, the kiosk returns to the start
/// screen and drops the screens left behind, with any draft in them.
class IdleTimer {
public:
    explicit IdleTimer(std::chrono::milliseconds timeout) : timeout_(timeout) {}

    /// \brief Records input at \a now and arms the timer.
    void touch(Clock::time_point now) { deadline_ = now + timeout_; }

    /// \brief Stops the timer until the next touch().
    void disarm() { deadline_.reset(); }

    /// \brief When it fires; nullopt when disarmed. For the event loop's wait.
    std::optional<Clock::time_point> deadline() const { return deadline_; }

    /// \brief True once \a now reaches the deadline; disarms the timer then.
    bool expire(Clock::time_point now) {
        if (!deadline_ || now < *deadline_) {
            return false;
        }
        deadline_.reset();
        return true;
    }

    std::chrono::milliseconds timeout() const { return timeout_; }

private:
    std::chrono::milliseconds timeout_;
    std::optional<Clock::time_point> deadline_;
};

}  // namespace balie::ui
