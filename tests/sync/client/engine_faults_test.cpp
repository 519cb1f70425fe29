// SPDX-License-Identifier: GPL-3.0-or-later
// SyncEngine against the real balie-central when the kiosk itself is at fault: a credential the
// central service refuses (revoked or replaced), a wall clock that jumps, a full disk.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "balie/sync/client/sync_engine.h"
#include "client_fixture.h"
#include "fault_vfs.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

using namespace std::chrono_literals;
using sync::client::EngineOptions;
using sync::client::SyncEngine;

// The system clock moved by an offset the test sets, as `date -s` or a bad NTP answer would.
class JumpingClock final : public core::Clock {
public:
    core::PartialDate today() const override { return {2026, 12, 2}; }
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::now() + offset.load();
    }
    std::atomic<std::chrono::system_clock::duration> offset{};
};

std::size_t countOf(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++count;
    }
    return count;
}

// The server logs a refusal just after answering it: wait until `at least` lines are there, then
// count them all.
std::size_t refusalsLogged(const CentralServer& server, std::size_t atLeast) {
    for (int i = 0; i < 50 && countOf(server.log(), "-> 401") < atLeast; ++i) {
        std::this_thread::sleep_for(100ms);
    }
    return countOf(server.log(), "-> 401");
}

class EngineFaultsTest : public ::testing::Test {
protected:
    void SetUp() override {
        installFaultVfs();
        auto opened = sync::SqliteRequestStore::open(storeOptionsIn(dir_.path()));
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        store_ = std::move(*opened);
    }

    std::unique_ptr<SyncEngine> engineWith(const std::string& token) {
        EngineOptions options;
        options.connection.baseUrl = server_.url();
        options.connection.token = token;
        options.backoff.base = 10ms;
        options.backoff.cap = 200ms;
        options.pollInterval = 200ms;
        options.credentialRetry = 1s;
        return std::make_unique<SyncEngine>(*store_, clock_, options);
    }

    std::string submit(const std::string& surname) {
        auto stored = store_->submit(newPersonDraft(server_.agentId(), surname),
                                     examplePages(1, 4096), clock_.now());
        EXPECT_TRUE(stored.has_value()) << stored.error().message;
        return stored.has_value() ? stored->localId : std::string();
    }

    void TearDown() override { armDiskFault(DiskFault::None); }

    TempDir dir_;
    JumpingClock clock_;
    std::unique_ptr<sync::SqliteRequestStore> store_;
    CentralServer server_ = CentralServer::start();
};

TEST_F(EngineFaultsTest, ARefusedCredentialStopsSendingAndSaysSo) {
    const std::string first = submit("REFUSEDA");
    const std::string second = submit("REFUSEDB");
    auto engine = engineWith("a-token-the-central-service-never-issued");

    auto report = engine->runOnce(false);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_TRUE(report->credentialRefused);
    EXPECT_EQ(report->remaining, 2u);
    EXPECT_EQ(report->rejected, 0u) << "the requests themselves are fine and must not be parked";
    const auto status = engine->status();
    EXPECT_FALSE(status.online);
    EXPECT_NE(status.lastError.find("the kiosk's credential was refused"), std::string::npos)
        << status.lastError;
    // One refusal is enough to stop: the second request was not sent, and neither request
    // counts an attempt or waits longer for it.
    EXPECT_EQ(refusalsLogged(server_, 1), 1u) << server_.log();
    auto outbox = store_->outbox();
    ASSERT_TRUE(outbox.has_value());
    for (const auto& item : *outbox) {
        EXPECT_EQ(item.attempts, 0) << item.localId;
    }

    // Left running, the engine asks again only every credentialRetry, not with fast backoff.
    engine->start([] {});
    std::this_thread::sleep_for(1500ms);
    engine->stop();
    EXPECT_LE(refusalsLogged(server_, 2), 3u) << server_.log();

    // With a new credential everything goes out.
    auto renewed = engineWith(server_.token());
    report = renewed->runOnce(false);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_FALSE(report->credentialRefused);
    EXPECT_EQ(report->remaining, 0u);
    EXPECT_EQ(centralEntriesFor(server_, first).size(), 1u);
    EXPECT_EQ(centralEntriesFor(server_, second).size(), 1u);
    EXPECT_TRUE(renewed->status().lastError.empty());
}

TEST_F(EngineFaultsTest, AClockSetBackDoesNotDelayTheRetry) {
    const std::string localId = submit("CLOCKBACK");
    auto engine = engineWith(server_.token());
    server_.kill();
    auto report = engine->runOnce(false);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    ASSERT_FALSE(report->reachable);

    // The retry was due within the backoff cap; then the clock is set back by three hours.
    clock_.offset = -std::chrono::hours(3);
    server_.restart();
    std::this_thread::sleep_for(300ms);
    report = engine->runOnce(false);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_EQ(report->remaining, 0u) << "the retry waited for the clock to catch up";
    EXPECT_EQ(centralEntriesFor(server_, localId).size(), 1u);
}

TEST_F(EngineFaultsTest, AClockSetForwardRetriesOnceAndSchedulesFromTheNewTime) {
    submit("CLOCKFWD");
    auto engine = engineWith(server_.token());
    server_.kill();
    ASSERT_TRUE(engine->runOnce(false).has_value());

    // Three hours later by the clock the item is due at once; its next attempt is then counted
    // from the new time, so later passes wait their backoff again.
    clock_.offset = std::chrono::hours(3);
    ASSERT_TRUE(engine->runOnce(false).has_value());
    auto outbox = store_->outbox();
    ASSERT_TRUE(outbox.has_value());
    ASSERT_EQ(outbox->size(), 1u);
    EXPECT_EQ(outbox->front().attempts, 2);
    EXPECT_GE(outbox->front().nextAttemptAt, clock_.now() - 1s);
}

TEST_F(EngineFaultsTest, ADiskFullWhileAnswersArriveLosesNothingAndResumes) {
    const std::string first = submit("DISKFULLA");
    const std::string second = submit("DISKFULLB");
    auto engine = engineWith(server_.token());

    // The central service answers, but the kiosk cannot write down what it answered.
    armDiskFault(DiskFault::Full);
    auto full = engine->runOnce(true);
    armDiskFault(DiskFault::None);
    const std::string problem =
        full.has_value() ? (full->problems.empty() ? std::string() : full->problems.front())
                         : full.error().message;
    EXPECT_NE(problem.find("disk full"), std::string::npos) << problem;
    for (const auto& localId : {first, second}) {
        auto request = store_->load(localId);
        ASSERT_TRUE(request.has_value()) << request.error().message;
        EXPECT_EQ(request->status, core::RequestStatus::Queued) << localId;
        EXPECT_EQ(store_->loadPage(localId, request->pages.front().pageId).value().size(), 4096u);
    }

    // Space is back: the same engine finishes, and the central service has each request once.
    auto resumed = engine->runOnce(true);
    ASSERT_TRUE(resumed.has_value()) << resumed.error().message;
    EXPECT_EQ(resumed->remaining, 0u);
    for (const auto& localId : {first, second}) {
        EXPECT_EQ(centralEntriesFor(server_, localId).size(), 1u) << localId;
        EXPECT_NE(store_->load(localId).value().status, core::RequestStatus::Queued) << localId;
    }
    EXPECT_TRUE(engine->status().lastError.empty()) << engine->status().lastError;
}

}  // namespace
}  // namespace balie::test
