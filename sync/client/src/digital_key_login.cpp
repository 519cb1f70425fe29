// SPDX-License-Identifier: GPL-3.0-or-later
// The digital key login: a question to the central service, never answered offline.
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "balie/sync/client/sync_engine.h"
#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"
#include "exchange.h"

namespace balie::sync::client {
namespace {

constexpr const char* kNeedsCentralService =
    "the digital key needs the central service; use your eID card";

// The body holds the password: it is overwritten before its memory is given back.
class SecretBytes {
public:
    explicit SecretBytes(std::string text) : bytes_(text.begin(), text.end()) {
        std::fill(text.begin(), text.end(), '\0');
    }
    ~SecretBytes() {
        volatile std::uint8_t* data = bytes_.data();
        for (std::size_t i = 0; i < bytes_.size(); ++i) {
            data[i] = 0;
        }
    }
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;

    std::span<const std::uint8_t> span() const { return bytes_; }

private:
    std::vector<std::uint8_t> bytes_;
};

}  // namespace

core::Result<core::AgentAccess> SyncEngine::loginWithDigitalKey(const core::DigitalKey& key) {
    auto http = questionClient();
    const SecretBytes body(
        protocol::encode(protocol::DigitalKeyLogin{key.username, key.password, key.code}));
    auto response = http.send({HttpMethod::Post,
                               std::string(protocol::kAgentsLoginPath),
                               {},
                               body.span(),
                               std::string(protocol::kJsonMediaType)});
    if (!response.has_value()) {
        return core::fail(core::Errc::Network, std::string(kNeedsCentralService) + " (" +
                                                   response.error().message + ")");
    }
    if (response->status == 403) {
        return core::fail(core::Errc::PermissionDenied,
                          "username, password or security code not accepted");
    }
    if (response->status == 429) {
        return core::fail(core::Errc::InvalidState,
                          "too many failed attempts with this username; try again later");
    }
    if (response->status != 200) {
        return core::fail(core::Errc::Network, std::string(kNeedsCentralService) + " (" +
                                                   describeError(*response) + ")");
    }
    auto decoded = protocol::decodeAgentVerifyResponse(response->body);
    if (!decoded.has_value()) {
        return core::fail(core::Errc::Network,
                          std::string(kNeedsCentralService) + " (unreadable answer)");
    }
    if (!decoded->allowed) {
        return core::fail(core::Errc::PermissionDenied,
                          "this person is not on the company's access list");
    }
    return core::AgentAccess{decoded->agentId, decoded->displayName};
}

}  // namespace balie::sync::client
