// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing request rows, shared by the store's request and delivery operations.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/request.h"
#include "balie/sync/crypto/key_file.h"
#include "sqlite.h"

namespace balie::sync {

using TimePoint = std::chrono::system_clock::time_point;

/// \brief The columns readRequest() reads, for a query on `requests`; the last one is the sealed
/// answer details of the request, NULL when it has none.
inline constexpr std::string_view kRequestColumns =
    "local_id, status, action_reason, ticket, requester_agent_id, submitted_at, "
    "payload_version, personal, "
    "(SELECT details FROM request_answers WHERE request_answers.local_id = requests.local_id)";

std::int64_t toNanos(TimePoint time);
TimePoint fromNanos(std::int64_t nanos);

/// \brief Associated data for a page image: binds each blob to its row.
std::string pageContext(std::string_view localId, std::string_view pageId);

std::span<const std::uint8_t> bytesOf(std::string_view text);

/// \brief Puts what the store was doing into a SQLite error: "disk full while saving request X:
/// nothing was lost ... (sqlite: database or disk is full)".
core::Error during(core::Error error, std::string_view action, bool writing);
tl::unexpected<core::Error> failDuring(const core::Error& error, std::string_view action,
                                       bool writing);

/// \brief Reads one row selected with kRequestColumns and decrypts its personal part, and its
/// answer details where the request shows them (fillAnswerDetails()).
core::Result<core::Request> readRequest(const Statement& row, const SecretKey& key);

std::vector<std::uint8_t> sealPersonal(const core::Request& request, const SecretKey& key);

/// \brief Replaces the machine readable zone stored with a request (none when `lines` is empty),
/// inside the caller's write transaction.
[[nodiscard]] core::Result<void> writeMrz(Database& db, const SecretKey& key,
                                          std::string_view localId,
                                          const std::vector<std::string>& lines);
[[nodiscard]] core::Result<std::vector<std::string>> readMrz(Database& db, const SecretKey& key,
                                                             std::string_view localId);

/// \brief Which status changes writeRequestUpdate() accepts.
enum class UpdateRule {
    LifeCycle,  ///< only a transition of the life cycle
    /// the stored request is Queued and the central service has all of it: Queued -> Sent, or
    /// straight to the answer that may follow Sent, in one step
    Delivered,
};

/// \brief Writes a request's new status and data inside the caller's write transaction, with the
/// outbox and retention effects RequestStore::update() documents.
[[nodiscard]] core::Result<void> writeRequestUpdate(Database& db, const SecretKey& key,
                                                    const core::Request& request, UpdateRule rule);

}  // namespace balie::sync
