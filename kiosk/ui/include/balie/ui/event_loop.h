// SPDX-License-Identifier: GPL-3.0-or-later
// Blocking event wait with a wake-up that worker threads can post.
#pragma once

#include <SDL.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "balie/core/error.h"

namespace balie::ui {

using Clock = std::chrono::steady_clock;

/// \brief Waits in SDL's event queue without spinning.
///
/// The UI thread sleeps in SDL_WaitEventTimeout until input arrives, a worker posts a wake-up
/// or the next deadline passes; it never polls in a loop.
class EventLoop {
public:
    /// \brief Registers the wake-up event type. SDL's event subsystem must be initialised.
    /// \return Errc::Config when SDL has no user event types left.
    static core::Result<EventLoop> create();

    /// \brief Makes wait() return. Thread-safe; for workers whose results the screen must show.
    void wake() const;

    /// \brief wake() for news that one frame shows in full, such as a new camera picture in a
    /// preview whose layout stays as it is.
    void wakeForOneFrame() const;

    /// \brief True for the events wake() and wakeForOneFrame() post.
    bool isWake(const SDL_Event& event) const { return event.type == wakeType_; }

    /// \brief True for the events wakeForOneFrame() posts.
    bool isOneFrameWake(const SDL_Event& event) const {
        return isWake(event) && event.user.code == kOneFrameCode;
    }

    /// \brief The event type of wake-ups, for posting one that carries a marker in user.code.
    std::uint32_t wakeType() const { return wakeType_; }

    /// \brief Blocks until an event arrives or \a deadline passes (nullopt: no deadline), then
    /// appends every queued event to \a events. \return false when it timed out without events.
    bool wait(std::optional<Clock::time_point> deadline, std::vector<SDL_Event>& events) const;

    /// \brief Appends every queued event to \a events without blocking.
    void poll(std::vector<SDL_Event>& events) const;

private:
    // user.code of a wakeForOneFrame() event; wake() posts 0, a script player its own marker.
    static constexpr std::int32_t kOneFrameCode = -1;

    explicit EventLoop(std::uint32_t wakeType) : wakeType_(wakeType) {}
    std::uint32_t wakeType_;
};

}  // namespace balie::ui
