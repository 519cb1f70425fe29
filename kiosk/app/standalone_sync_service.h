// SPDX-License-Identifier: GPL-3.0-or-later
// The sync service of a kiosk that has no central service configured: agents come from a local
// access list, requests stay queued in the store until a central service is configured.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "balie/core/request_store.h"
#include "balie/core/sync_service.h"

namespace balie::app {

/// \brief One agent of a local access list.
struct LocalAgent {
    std::string nationalNumberHash;  ///< SHA-256 of the 11 digits, lower-case hex
    core::AgentAccess access;
};

/// \brief Reads an access list file: one agent per line, "SHA256-HEX AGENT-ID display name",
/// '#' comments. The file holds no national number, only the SHA-256 of its 11 digits.
/// \return Errc::Config naming the first bad line, or when the file cannot be read.
core::Result<std::vector<LocalAgent>> loadAccessList(const std::filesystem::path& file);

/// \brief SHA-256 of \a text in lower-case hex, as access lists hold national numbers.
std::string sha256Hex(std::string_view text);

/// \brief core::SyncService for a kiosk without network: nothing is ever sent, deletions happen
/// in the store only, and the company's history is not available.
class StandaloneSyncService final : public core::SyncService {
public:
    StandaloneSyncService(core::RequestStore& store, std::vector<LocalAgent> agents)
        : store_(store), agents_(std::move(agents)) {}

    void start(ChangeListener listener) override { listener_ = std::move(listener); }
    void stop() override {}
    void wake() override {}
    /// \brief Nothing waits for a network here, so there is nothing to try again.
    void retryNow() override {}
    core::SyncStatus status() const override;
    [[nodiscard]] core::Result<core::AgentAccess> verifyAgent(
        std::string_view nationalNumber) override;
    /// \brief Always Errc::Network: a digital key is checked only by a central service.
    [[nodiscard]] core::Result<core::AgentAccess> loginWithDigitalKey(
        const core::DigitalKey& key) override;
    [[nodiscard]] core::Result<void> deleteRequest(std::string_view localId) override;
    [[nodiscard]] core::Result<void> resubmitDocument(std::string_view localId,
                                                      core::Document document,
                                                      std::vector<core::PageImage> pages) override;
    [[nodiscard]] core::Result<core::HistoryPage> history(const core::HistoryQuery& query) override;

private:
    core::RequestStore& store_;
    std::vector<LocalAgent> agents_;
    ChangeListener listener_;
};

}  // namespace balie::app
