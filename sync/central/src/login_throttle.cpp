// SPDX-License-Identifier: GPL-3.0-or-later
// Failed login attempts per username, in memory.
#include "balie/sync/central/login_throttle.h"

namespace balie::sync::central {

std::optional<std::chrono::seconds> LoginThrottle::lockedFor(const std::string& username,
                                                             Clock::time_point now) {
    std::lock_guard lock(mutex_);
    const auto found = attempts_.find(username);
    if (found == attempts_.end() || found->second.lockedUntil <= now) {
        return std::nullopt;
    }
    // Rounded up, so that a client waiting this long finds the lock gone.
    return std::chrono::ceil<std::chrono::seconds>(found->second.lockedUntil - now);
}

void LoginThrottle::failed(const std::string& username, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (attempts_.size() >= policy_.maxTracked && !attempts_.contains(username)) {
        forgetExpired(now);
    }
    Attempts& attempts = attempts_[username];
    if (attempts.lockedUntil != Clock::time_point{} && attempts.lockedUntil <= now) {
        attempts = Attempts{};
    }
    if (++attempts.failures >= policy_.maxFailures) {
        attempts.failures = 0;
        attempts.lockedUntil = now + policy_.lockout;
    }
}

void LoginThrottle::succeeded(const std::string& username) {
    std::lock_guard lock(mutex_);
    attempts_.erase(username);
}

void LoginThrottle::forgetExpired(Clock::time_point now) {
    std::erase_if(attempts_, [now](const auto& entry) { return entry.second.lockedUntil <= now; });
}

}  // namespace balie::sync::central
