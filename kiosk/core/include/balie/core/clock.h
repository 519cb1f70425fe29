// SPDX-License-Identifier: GPL-3.0-or-later
// Clock: the port through which the core learns the date and time, so it never reads the system
// clock.
#pragma once

#include <chrono>

#include "balie/core/date.h"

namespace balie::core {

/// \brief Source of the current date and time. Rules that depend on "today" (a birth date may not
/// lie in the future) ask a Clock, so tests and the demo mode can pin the date.
///
/// Implementations must be callable from any thread.
class Clock {
public:
    virtual ~Clock() = default;

    /// \brief The kiosk's local calendar date; always a complete date.
    virtual PartialDate today() const = 0;

    /// \brief The current instant, for time stamps such as the moment a request was submitted.
    virtual std::chrono::system_clock::time_point now() const = 0;
};

/// \brief A clock that shows the date and time it is given: for tests, the demo mode and the
/// screen gallery, whose output must not change from one day to the next.
class FixedClock final : public Clock {
public:
    FixedClock(PartialDate today, std::chrono::system_clock::time_point now)
        : today_(today), now_(now) {}

    PartialDate today() const override { return today_; }
    std::chrono::system_clock::time_point now() const override { return now_; }

    void set(PartialDate today, std::chrono::system_clock::time_point now) {
        today_ = today;
        now_ = now;
    }

private:
    PartialDate today_;
    std::chrono::system_clock::time_point now_;
};

}  // namespace balie::core
