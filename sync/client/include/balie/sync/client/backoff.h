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

/// \brief Reads a Retry-After value in seconds ("120"); nullopt for anything else (an HTTP date
/// depends on the kiosk's clock, which may be wrong, so the normal backoff applies instead).
std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value);

}  // namespace balie::sync::client
