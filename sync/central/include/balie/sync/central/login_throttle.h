// SPDX-License-Identifier: GPL-3.0-or-later
// LoginThrottle: locks a username for a while after repeated failed logins, so that a password
// and a 6-digit code cannot be guessed by trying.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace balie::sync::central {

struct ThrottlePolicy {
    int maxFailures = 5;                    ///< failures in a row that lock the username
    std::chrono::seconds lockout{15 * 60};  ///< how long it stays locked
    std::size_t maxTracked = 10'000;        ///< usernames remembered before old ones go
};

/// \brief Failed attempts per username, known or not (an unknown username is locked alike, so
/// the answers do not tell which usernames exist). Thread-safe.
class LoginThrottle {
public:
    using Clock = std::chrono::steady_clock;

    explicit LoginThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}

    /// \brief How long \a username stays locked at \a now; nullopt when it may try.
    std::optional<std::chrono::seconds> lockedFor(const std::string& username,
                                                  Clock::time_point now);
    /// \brief Counts a failed attempt; the one that reaches maxFailures locks the username.
    void failed(const std::string& username, Clock::time_point now);
    /// \brief A successful login clears the count.
    void succeeded(const std::string& username);

private:
    struct Attempts {
        int failures = 0;
        Clock::time_point lockedUntil{};
    };

    void forgetExpired(Clock::time_point now);

    ThrottlePolicy policy_;
    std::mutex mutex_;
    std::unordered_map<std::string, Attempts> attempts_;
};

}  // namespace balie::sync::central
