// SPDX-License-Identifier: GPL-3.0-or-later
// Path builders and header helpers of the sync protocol.
#include "balie/sync/protocol/endpoints.h"

#include <limits>

namespace balie::sync::protocol {

std::string percentEncode(std::string_view text) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(text.size());
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += kDigits[byte >> 4];
            encoded += kDigits[byte & 0x0f];
        }
    }
    return encoded;
}

std::string requestPath(std::string_view ticket) {
    return std::string(kRequestsPath) + "/" + percentEncode(ticket);
}

std::string requestByKeyTarget(std::string_view idempotencyKey) {
    return std::string(kRequestsPath) + "?" + std::string(kIdempotencyKeyParameter) + "=" +
           percentEncode(idempotencyKey);
}

std::string pagePath(std::string_view ticket, int index) {
    return requestPath(ticket) + "/pages/" + std::to_string(index);
}

std::string documentsPath(std::string_view ticket) {
    return requestPath(ticket) + "/documents";
}

namespace {

// Appends "name=value" with the right separator.
void appendQuery(std::string& target, std::string_view name, std::string_view value) {
    target += target.find('?') == std::string::npos ? '?' : '&';
    target += name;
    target += '=';
    target += percentEncode(value);
}

}  // namespace

std::string changesTarget(std::string_view sinceCursor, std::size_t limit) {
    std::string target(kChangesPath);
    if (!sinceCursor.empty()) {
        appendQuery(target, "since", sinceCursor);
    }
    appendQuery(target, "limit", std::to_string(limit));
    return target;
}

std::string historyTarget(const std::optional<std::string>& requesterAgentId,
                          const std::optional<std::string>& beforeTicket, std::size_t limit) {
    std::string target(kHistoryPath);
    if (requesterAgentId.has_value()) {
        appendQuery(target, "requester", *requesterAgentId);
    }
    if (beforeTicket.has_value()) {
        appendQuery(target, "before", *beforeTicket);
    }
    appendQuery(target, "limit", std::to_string(limit));
    return target;
}

std::string notificationsTarget(std::string_view agentId, std::string_view sinceCursor) {
    std::string target(kNotificationsPath);
    appendQuery(target, "agent", agentId);
    if (!sinceCursor.empty()) {
        appendQuery(target, "since", sinceCursor);
    }
    return target;
}

std::string bearer(std::string_view token) {
    return std::string(kBearerPrefix) + std::string(token);
}

std::optional<std::string> tokenFromAuthorization(std::string_view headerValue) {
    // The scheme name is case-insensitive (RFC 9110 §11.1).
    if (headerValue.size() <= kBearerPrefix.size()) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < kBearerPrefix.size(); ++i) {
        const char expected = kBearerPrefix[i];
        char got = headerValue[i];
        if (got >= 'A' && got <= 'Z') {
            got = static_cast<char>(got - 'A' + 'a');
        }
        const char want =
            expected >= 'A' && expected <= 'Z' ? static_cast<char>(expected - 'A' + 'a') : expected;
        if (got != want) {
            return std::nullopt;
        }
    }
    std::string_view token = headerValue.substr(kBearerPrefix.size());
    while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) {
        token.remove_prefix(1);
    }
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) {
        token.remove_suffix(1);
    }
    if (token.empty()) {
        return std::nullopt;
    }
    return std::string(token);
}

std::optional<std::uint64_t> parseUploadOffset(std::string_view headerValue) {
    if (headerValue.empty() || headerValue.size() > 20) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (char c : headerValue) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
            return std::nullopt;
        }
        value = value * 10 + digit;
    }
    return value;
}

}  // namespace balie::sync::protocol
