// SPDX-License-Identifier: GPL-3.0-or-later
// A kiosk on its own: local access list, requests kept queued.
#include "standalone_sync_service.h"

#include <openssl/evp.h>

#include <array>
#include <cctype>
#include <fstream>
#include <sstream>

#include "balie/core/request_lifecycle.h"

namespace balie::app {

namespace {

constexpr std::string_view kNoCentralService = "no central service is configured";

bool isHexDigest(std::string_view text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

std::string sha256Hex(std::string_view text) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < size; ++i) {
        hex.push_back(kHex[digest[i] >> 4]);
        hex.push_back(kHex[digest[i] & 0x0F]);
    }
    return hex;
}

core::Result<std::vector<LocalAgent>> loadAccessList(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        return core::fail(core::Errc::Config, "cannot read access list " + file.string());
    }
    std::vector<LocalAgent> agents;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        line = line.substr(0, line.find('#'));
        std::istringstream words(line);
        std::string hash;
        std::string agentId;
        if (!(words >> hash)) {
            continue;
        }
        std::string displayName;
        words >> agentId >> std::ws;
        std::getline(words, displayName);
        while (!displayName.empty() &&
               std::isspace(static_cast<unsigned char>(displayName.back()))) {
            displayName.pop_back();
        }
        if (!isHexDigest(hash) || agentId.empty() || displayName.empty()) {
            return core::fail(core::Errc::Config,
                              file.string() + ": line " + std::to_string(number) +
                                  ": expected SHA-256 (lower-case hex), agent id, display name");
        }
        agents.push_back(LocalAgent{hash, core::AgentAccess{agentId, displayName}});
    }
    return agents;
}

core::SyncStatus StandaloneSyncService::status() const {
    core::SyncStatus status;
    status.online = false;
    status.lastError = std::string(kNoCentralService);
    if (auto outbox = store_.outbox()) {
        status.queued = outbox->size();
    }
    return status;
}

core::Result<core::AgentAccess> StandaloneSyncService::verifyAgent(
    std::string_view nationalNumber) {
    std::string hash = sha256Hex(nationalNumber);
    for (const LocalAgent& agent : agents_) {
        if (agent.nationalNumberHash == hash) {
            return agent.access;
        }
    }
    return core::fail(core::Errc::PermissionDenied, "not on the kiosk's access list");
}

core::Result<core::AgentAccess> StandaloneSyncService::loginWithDigitalKey(
    const core::DigitalKey& /*key*/) {
    return core::fail(core::Errc::Network,
                      "the digital key needs the central service; use your eID card");
}

core::Result<void> StandaloneSyncService::deleteRequest(std::string_view localId) {
    auto request = store_.load(localId);
    if (!request) {
        return tl::unexpected(request.error());
    }
    if (auto changed = core::changeStatus(*request, core::RequestStatus::Deleted); !changed) {
        return changed;
    }
    if (auto updated = store_.update(*request); !updated) {
        return updated;
    }
    if (listener_) {
        listener_();
    }
    return {};
}

core::Result<void> StandaloneSyncService::resubmitDocument(std::string_view /*localId*/,
                                                           core::Document /*document*/,
                                                           std::vector<core::PageImage> /*pages*/) {
    return core::fail(core::Errc::Network, std::string(kNoCentralService));
}

core::Result<core::HistoryPage> StandaloneSyncService::history(
    const core::HistoryQuery& /*query*/) {
    return core::fail(core::Errc::Network, std::string(kNoCentralService));
}

}  // namespace balie::app
