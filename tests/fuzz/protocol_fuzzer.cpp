// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes every decoder of the sync protocol and checks their properties, not only that they
// survive: a body that decodes encodes to one that decodes to the same value, and a refusal
// always names what is wrong.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"
#include "balie/sync/protocol/timestamp.h"

namespace {

namespace protocol = balie::sync::protocol;

void require(bool condition, const char* property) {
    if (!condition) {
        std::fprintf(stderr, "protocol property violated: %s\n", property);
        std::abort();
    }
}

// Decode, and when that works, encode and decode again: the value must survive unchanged.
template <typename Decode>
void roundTrip(std::string_view input, Decode decode, const char* name) {
    auto first = decode(input);
    if (!first.has_value()) {
        require(!first.error().message.empty(), "a refusal has a message");
        require(first.error().message.find(": ") != std::string::npos,
                "a refusal names its field or the body");
        return;
    }
    const std::string encoded = protocol::encode(*first);
    auto second = decode(encoded);
    require(second.has_value(), name);
    require(*second == *first, name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    roundTrip(input, protocol::decodeCreateRequest, "create request round trip");
    roundTrip(input, protocol::decodeDocumentUpload, "document upload round trip");
    roundTrip(input, protocol::decodeRequestResource, "resource round trip");
    roundTrip(input, protocol::decodePageUploadResult, "page result round trip");
    roundTrip(input, protocol::decodeChangesPage, "changes round trip");
    roundTrip(input, protocol::decodeHistoryPage, "history round trip");
    roundTrip(input, protocol::decodeAgentVerifyRequest, "agent verify round trip");
    roundTrip(input, protocol::decodeAgentVerifyResponse, "agent answer round trip");
    roundTrip(input, protocol::decodeNotificationsPage, "notifications round trip");
    roundTrip(input, protocol::decodeErrorBody, "error body round trip");
    (void)protocol::decodeAgentList(input);
    (void)protocol::bodyFingerprint(input);
    if (auto time = protocol::parseTimestamp(input); time.has_value()) {
        require(protocol::parseTimestamp(protocol::formatTimestamp(*time)) == time,
                "timestamp round trip");
    }
    (void)protocol::parseUploadOffset(input);
    (void)protocol::tokenFromAuthorization(input);
    return 0;
}
