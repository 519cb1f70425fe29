// SPDX-License-Identifier: GPL-3.0-or-later
// The UI thread's wait: SDL_WaitEventTimeout, woken by input, deadlines or worker threads.
#include "balie/ui/event_loop.h"

#include <algorithm>
#include <climits>

namespace balie::ui {

core::Result<EventLoop> EventLoop::create() {
    Uint32 type = SDL_RegisterEvents(1);
    if (type == static_cast<Uint32>(-1)) {
        return core::fail(core::Errc::Config, "SDL has no event type left for wake-ups");
    }
    return EventLoop(type);
}

void EventLoop::wake() const {
    SDL_Event event{};
    event.type = wakeType_;
    SDL_PushEvent(&event);
}

void EventLoop::wakeForOneFrame() const {
    SDL_Event event{};
    event.type = wakeType_;
    event.user.code = kOneFrameCode;
    SDL_PushEvent(&event);
}

bool EventLoop::wait(std::optional<Clock::time_point> deadline,
                     std::vector<SDL_Event>& events) const {
    SDL_Event event;
    int received = 0;
    while (true) {
        if (!deadline) {
            received = SDL_WaitEvent(&event);
            break;
        }
        // Round up, so that the wait never ends just before the deadline and spins once more.
        auto remaining = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
        if (remaining.count() <= 0) {
            received = SDL_PollEvent(&event);
            break;
        }
        received = SDL_WaitEventTimeout(
            &event, static_cast<int>(std::min<long long>(remaining.count(), INT_MAX)));
        // SDL counts whole milliseconds of its own clock and may return a little early.
        if (received != 0) {
            break;
        }
    }
    if (received == 0) {
        return false;
    }
    events.push_back(event);
    poll(events);
    return true;
}

void EventLoop::poll(std::vector<SDL_Event>& events) const {
    SDL_Event event;
    while (SDL_PollEvent(&event) != 0) {
        events.push_back(event);
    }
}

}  // namespace balie::ui
