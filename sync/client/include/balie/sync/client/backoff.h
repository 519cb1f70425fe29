// SPDX-License-Identifier: GPL-3.0-or-later
// When to try again after a failure: capped exponential backoff with full jitter.
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace balie::sync::client {

struct BackoffPolicy {
    std::chrono::milliseconds base{1000};
    std::chrono::milliseconds cap{std::chrono::minutes(5)};
};

/// \brief The wait before attempt number `failures + 1`: a uniform random time between 0 and
/// min(cap, base * 2^(failures - 1)) ("full jitter"), so kiosks that lost the central service
/// together do not come back together; also the first retry is spread. When the server asked for
/// a wait (Retry-After), the result is at least that long, but never longer than the cap.
std::chrono::milliseconds backoffDelay(const BackoffPolicy& policy, int failures,
                                       std::optional<std::chrono::seconds> retryAfter,
                                       std::mt19937_64& random);

/// \brief Reads a Retry-After value in seconds ("120"); nullopt for anything else.
std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value);

/// \brief The wait a Retry-After header asks for: delay-seconds, or an HTTP-date. A date is
/// measured from the response's own Date header (the server's clock), so a kiosk whose clock is
/// wrong still waits what the server meant; from `now` only when the response has no Date. A
/// date in the past means no wait; nullopt for a value that is neither.
std::optional<std::chrono::seconds> retryAfterWait(std::string_view retryAfter,
                                                   std::string_view responseDate,
                                                   std::chrono::system_clock::time_point now);

}  // namespace balie::sync::client
