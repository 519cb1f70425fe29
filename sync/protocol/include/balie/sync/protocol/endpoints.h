// SPDX-License-Identifier: GPL-3.0-or-later
// Paths, header names, media types, limits and error codes of the Balie sync protocol v1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace balie::sync::protocol {

inline constexpr std::string_view kBasePath = "/v1";

// Endpoint paths; {ticket} and {index} are filled in by the path builders below.
inline constexpr std::string_view kAgentsVerifyPath = "/v1/agents/verify";
inline constexpr std::string_view kAgentsLoginPath = "/v1/agents/login";
inline constexpr std::string_view kAgentsPath = "/v1/agents";
inline constexpr std::string_view kRequestsPath = "/v1/requests";
inline constexpr std::string_view kChangesPath = "/v1/changes";
inline constexpr std::string_view kHistoryPath = "/v1/history";
inline constexpr std::string_view kNotificationsPath = "/v1/notifications";

// Header names as sent; HTTP compares them case-insensitively.
inline constexpr std::string_view kAuthorizationHeader = "Authorization";
inline constexpr std::string_view kBearerPrefix = "Bearer ";
inline constexpr std::string_view kIdempotencyKeyHeader = "Idempotency-Key";
inline constexpr std::string_view kUploadOffsetHeader = "Upload-Offset";
inline constexpr std::string_view kRetryAfterHeader = "Retry-After";
inline constexpr std::string_view kContentTypeHeader = "Content-Type";
/// Query parameter naming a request by the Idempotency-Key of its create.
inline constexpr std::string_view kIdempotencyKeyParameter = "idempotency_key";

inline constexpr std::string_view kJsonMediaType = "application/json";
/// Body of a page PATCH: the next bytes of the page, starting at Upload-Offset.
inline constexpr std::string_view kOffsetOctetStreamMediaType = "application/offset+octet-stream";

/// A page (one encoded image) may not declare more bytes than this; larger is 413.
inline constexpr std::uint64_t kMaxPageBytes = 20ull * 1024 * 1024;
/// Longest Idempotency-Key accepted.
inline constexpr std::size_t kMaxIdempotencyKeyLength = 255;
/// Largest `limit` of the paged lists (changes, history); larger values are clamped.
inline constexpr std::size_t kMaxPageLimit = 500;

// Error codes of the error body ({"error": {"code", "message", "field"}}).
namespace error_code {
inline constexpr std::string_view kBadRequest = "bad_request";                    // 400
inline constexpr std::string_view kUnauthorized = "unauthorized";                 // 401
inline constexpr std::string_view kAccessDenied = "access_denied";                // 403
inline constexpr std::string_view kNotFound = "not_found";                        // 404
inline constexpr std::string_view kIdempotencyConflict = "idempotency_conflict";  // 409
inline constexpr std::string_view kOffsetMismatch = "offset_mismatch";            // 409
inline constexpr std::string_view kAlreadyFinal = "already_final";                // 409
inline constexpr std::string_view kInvalidState = "invalid_state";                // 409
inline constexpr std::string_view kPageTooLarge = "page_too_large";               // 413
inline constexpr std::string_view kInvalidRequest = "invalid_request";            // 422
inline constexpr std::string_view kChecksumMismatch = "checksum_mismatch";        // 422
inline constexpr std::string_view kTooManyRequests = "too_many_requests";         // 429
inline constexpr std::string_view kUnavailable = "unavailable";                   // 503
inline constexpr std::string_view kInternal = "internal_error";                   // 500
}  // namespace error_code

/// \brief "/v1/requests/B-000123".
std::string requestPath(std::string_view ticket);
/// \brief "/v1/requests?idempotency_key=...": the request this kiosk created with that key (for a
/// DELETE when the answer to the create, and so the ticket, was lost).
std::string requestByKeyTarget(std::string_view idempotencyKey);
/// \brief "/v1/requests/B-000123/pages/0".
std::string pagePath(std::string_view ticket, int index);
/// \brief "/v1/requests/B-000123/documents".
std::string documentsPath(std::string_view ticket);

/// \brief "/v1/changes?since=...&limit=N"; an empty cursor is left out (from the start).
std::string changesTarget(std::string_view sinceCursor, std::size_t limit);
/// \brief "/v1/history?requester=...&before=...&limit=N"; absent parts are left out.
std::string historyTarget(const std::optional<std::string>& requesterAgentId,
                          const std::optional<std::string>& beforeTicket, std::size_t limit);
/// \brief "/v1/notifications?agent=...&since=..."; an empty cursor is left out.
std::string notificationsTarget(std::string_view agentId, std::string_view sinceCursor);

/// \brief Percent-encodes everything but RFC 3986 unreserved characters, for query values.
std::string percentEncode(std::string_view text);

/// \brief "Bearer <token>" for the Authorization header.
std::string bearer(std::string_view token);

/// \brief The token of an Authorization header value "Bearer <token>"; nullopt for any other
/// scheme or an empty token.
std::optional<std::string> tokenFromAuthorization(std::string_view headerValue);

/// \brief Reads an Upload-Offset header value: decimal digits only, no sign, no overflow.
std::optional<std::uint64_t> parseUploadOffset(std::string_view headerValue);

}  // namespace balie::sync::protocol
