// SPDX-License-Identifier: GPL-3.0-or-later
// Paths, query strings and header values as the protocol spells them.
#include "balie/sync/protocol/endpoints.h"

#include <gtest/gtest.h>

#include "balie/sync/protocol/checksum.h"

namespace balie::sync::protocol {
namespace {

TEST(EndpointsTest, PathsFollowTheProtocol) {
    EXPECT_EQ(requestPath("B-000123"), "/v1/requests/B-000123");
    EXPECT_EQ(pagePath("B-000123", 2), "/v1/requests/B-000123/pages/2");
    EXPECT_EQ(documentsPath("B-000123"), "/v1/requests/B-000123/documents");
    EXPECT_EQ(requestPath("a/b c"), "/v1/requests/a%2Fb%20c");
}

TEST(EndpointsTest, QueriesLeaveOutAbsentParts) {
    EXPECT_EQ(changesTarget("", 100), "/v1/changes?limit=100");
    EXPECT_EQ(changesTarget("c 7", 10), "/v1/changes?since=c%207&limit=10");
    EXPECT_EQ(historyTarget(std::nullopt, std::nullopt, 20), "/v1/history?limit=20");
    EXPECT_EQ(historyTarget(std::string("agent-7"), std::string("B-000123"), 20),
              "/v1/history?requester=agent-7&before=B-000123&limit=20");
    EXPECT_EQ(notificationsTarget("agent-7", ""), "/v1/notifications?agent=agent-7");
    EXPECT_EQ(notificationsTarget("agent-7", "n9"), "/v1/notifications?agent=agent-7&since=n9");
}

TEST(EndpointsTest, BearerTokens) {
    EXPECT_EQ(bearer("abc"), "Bearer abc");
    EXPECT_EQ(tokenFromAuthorization("Bearer abc"), "abc");
    EXPECT_EQ(tokenFromAuthorization("bearer  abc "), "abc");
    EXPECT_FALSE(tokenFromAuthorization("Basic abc").has_value());
    EXPECT_FALSE(tokenFromAuthorization("Bearer ").has_value());
    EXPECT_FALSE(tokenFromAuthorization("").has_value());
}

TEST(EndpointsTest, UploadOffsets) {
    EXPECT_EQ(parseUploadOffset("0"), 0u);
    EXPECT_EQ(parseUploadOffset("262144"), 262144u);
    EXPECT_EQ(parseUploadOffset("18446744073709551615"), 18446744073709551615u);
    EXPECT_FALSE(parseUploadOffset("18446744073709551616").has_value());
    EXPECT_FALSE(parseUploadOffset("-1").has_value());
    EXPECT_FALSE(parseUploadOffset("").has_value());
    EXPECT_FALSE(parseUploadOffset("12a").has_value());
    EXPECT_FALSE(parseUploadOffset(" 12").has_value());
}

TEST(ChecksumTest, KnownDigests) {
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Sha256 pieces;
    pieces.update(std::span(reinterpret_cast<const std::uint8_t*>("ab"), 2));
    pieces.update(std::span(reinterpret_cast<const std::uint8_t*>("c"), 1));
    EXPECT_EQ(pieces.finishHex(), sha256Hex("abc"));
    EXPECT_TRUE(isSha256Hex(sha256Hex("abc")));
    EXPECT_FALSE(isSha256Hex("abc"));
}

}  // namespace
}  // namespace balie::sync::protocol
