// SPDX-License-Identifier: GPL-3.0-or-later
// SyncEngine: the kiosk's SyncService over the request store, the sync protocol and libcurl.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "balie/core/clock.h"
#include "balie/core/sync_service.h"
#include "balie/sync/client/backoff.h"
#include "balie/sync/client/http_client.h"
#include "balie/sync/sqlite_request_store.h"

namespace balie::sync::client {

struct EngineOptions {
    ConnectionOptions connection;
    BackoffPolicy backoff;
    /// Bytes per PATCH of a page upload.
    std::size_t chunkBytes = 256 * 1024;
    /// How long one request may upload before the other queued requests get their turn.
    std::chrono::milliseconds uploadSlice{std::chrono::seconds(5)};
    /// How often to try again after the central service refused the kiosk's credential (401):
    /// slowly, since only a new credential helps.
    std::chrono::milliseconds credentialRetry{std::chrono::minutes(5)};
    /// How often the idle engine asks the central service for news about sent requests.
    std::chrono::milliseconds pollInterval{std::chrono::seconds(30)};
};

/// \brief What one pass left behind.
struct PassReport {
    std::size_t delivered = 0;          ///< requests the central service now has completely
    std::size_t remaining = 0;          ///< deliveries and deletions still to send
    std::size_t rejected = 0;           ///< of those, requests the central service refused (parked)
    std::vector<std::string> problems;  ///< one line per thing that failed in this pass
    bool reachable = true;              ///< false when the central service could not be reached
    bool credentialRefused = false;     ///< the central service refused the kiosk's credential
};

/// \brief Sends the outbox in steps that survive a crash at any point (the store is the only
/// state): the request under its idempotency key, then each page as a resumable upload in
/// chunks; then deletions; then pulls the central service's changes into the store.
///
/// A failure postpones only the item that failed, with exponential backoff and full jitter (at
/// least Retry-After); an item the central service refuses as invalid (422) is parked with the
/// reason and not retried until a technician acts.
class SyncEngine final : public core::SyncService {
public:
    SyncEngine(SqliteRequestStore& store, const core::Clock& clock, EngineOptions options);
    ~SyncEngine() override;
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    void start(ChangeListener listener) override;
    void stop() override;
    void wake() override;
    void retryNow() override;
    core::SyncStatus status() const override;
    [[nodiscard]] core::Result<core::AgentAccess> verifyAgent(
        std::string_view nationalNumber) override;
    [[nodiscard]] core::Result<core::AgentAccess> loginWithDigitalKey(
        const core::DigitalKey& key) override;
    [[nodiscard]] core::Result<void> deleteRequest(std::string_view localId) override;
    [[nodiscard]] core::Result<void> resubmitDocument(std::string_view localId,
                                                      core::Document document,
                                                      std::vector<core::PageImage> pages) override;
    [[nodiscard]] core::Result<core::HistoryPage> history(const core::HistoryQuery& query) override;

    /// \brief One pass on the calling thread, for the command line: every delivery and deletion
    /// that is not parked (due or not, when `ignoreSchedule`), then the changes. Must not be
    /// called while the background thread runs.
    [[nodiscard]] core::Result<PassReport> runOnce(bool ignoreSchedule);

private:
    core::Result<PassReport> pass(bool ignoreSchedule);
    std::chrono::milliseconds nextWait(const PassReport& report);
    void loop();
    void noteExchange(bool reachable, const std::string& error, bool retried);
    HttpClient questionClient() const;

    SqliteRequestStore& store_;
    const core::Clock& clock_;
    EngineOptions options_;

    std::atomic<bool> stopping_{false};
    std::mutex passMutex_;
    HttpClient http_;
    std::mt19937_64 random_;
    int networkFailures_ = 0;

    mutable std::mutex stateMutex_;
    std::condition_variable wakeUp_;
    bool woken_ = false;
    bool retryRequested_ = false;
    core::SyncStatus status_;
    ChangeListener listener_;
    std::thread thread_;
};

}  // namespace balie::sync::client
