// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 3339 UTC timestamps as the sync protocol writes them ("2026-12-02T10:00:00Z").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace balie::sync::protocol {

using Timestamp = std::chrono::system_clock::time_point;

/// \brief "2026-12-02T10:00:00Z"; a fraction of a second is written only when there is one
/// ("2026-12-02T10:00:00.25Z"), so a time survives a round trip exactly.
std::string formatTimestamp(Timestamp time);

/// \brief Parses RFC 3339 date-time: "T" or "t" or a space between date and time, an optional
/// fraction of up to nine digits, and "Z" or a numeric offset; nullopt for anything else,
/// including impossible dates and years outside 1970-2261 (what the clock can hold).
std::optional<Timestamp> parseTimestamp(std::string_view text);

}  // namespace balie::sync::protocol
