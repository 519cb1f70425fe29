// SPDX-License-Identifier: GPL-3.0-or-later
// Capped exponential backoff with full jitter, and Retry-After.
#include "balie/sync/client/backoff.h"

#include <algorithm>
#include <charconv>

#include "balie/sync/client/http_date.h"

namespace balie::sync::client {

std::chrono::milliseconds backoffDelay(const BackoffPolicy& policy, int failures,
                                       std::optional<std::chrono::seconds> retryAfter,
                                       std::mt19937_64& random) {
    // Doubling stops once the cap is reached, so no overflow whatever the count.
    std::chrono::milliseconds ceiling = std::max(policy.base, std::chrono::milliseconds(1));
    for (int i = 1; i < failures && ceiling < policy.cap; ++i) {
        ceiling *= 2;
    }
    ceiling = std::min(ceiling, policy.cap);
    std::uniform_int_distribution<std::chrono::milliseconds::rep> pick(0, ceiling.count());
    std::chrono::milliseconds delay(pick(random));
    if (retryAfter.has_value()) {
        delay = std::max(delay, std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::min<std::chrono::milliseconds>(*retryAfter, policy.cap)));
    }
    return delay;
}

std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value) {
    long long seconds = 0;
    const auto* end = value.data() + value.size();
    const auto [next, error] = std::from_chars(value.data(), end, seconds);
    if (value.empty() || error != std::errc() || next != end || seconds < 0) {
        return std::nullopt;
    }
    return std::chrono::seconds(seconds);
}

std::optional<std::chrono::seconds> retryAfterWait(std::string_view retryAfter,
                                                   std::string_view responseDate,
                                                   std::chrono::system_clock::time_point now) {
    if (auto seconds = parseRetryAfter(retryAfter); seconds.has_value()) {
        return seconds;
    }
    const auto until = parseHttpDate(retryAfter);
    if (!until.has_value()) {
        return std::nullopt;
    }
    const auto serverNow = parseHttpDate(responseDate);
    const auto from =
        serverNow.has_value() ? *serverNow : std::chrono::floor<std::chrono::seconds>(now);
    return std::max(std::chrono::seconds(0), *until - from);
}

}  // namespace balie::sync::client
