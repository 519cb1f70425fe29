// SPDX-License-Identifier: GPL-3.0-or-later
// The agent's "send now": a request that backs off while the central service is down is sent
// as soon as it is asked for once the service is back, not when its backoff ends.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "balie/sync/client/sync_engine.h"
#include "client_fixture.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

using core::RequestStatus;
using sync::client::EngineOptions;
using sync::client::SyncEngine;
using TimePoint = std::chrono::system_clock::time_point;

class RetryNowTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sync::SqliteRequestStore::open(storeOptionsIn(dir_.path()));
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        store_ = std::move(*opened);
        EngineOptions options;
        options.connection.baseUrl = server_.url();
        options.connection.token = server_.token();
        // Long enough that only a retry asked for can explain a delivery within the test.
        options.backoff.base = std::chrono::hours(1);
        options.backoff.cap = std::chrono::hours(1);
        options.pollInterval = std::chrono::milliseconds(200);
        engine_ = std::make_unique<SyncEngine>(*store_, clock_, options);
    }

    core::Request submitKnownPerson() {
        auto stored = store_->submit(knownPersonDraft(server_.agentId()), examplePages(2, 4096),
                                     clock_.now(), knownPersonMrz());
        EXPECT_TRUE(stored.has_value()) << stored.error().message;
        return stored.value_or(core::Request{});
    }

    TimePoint nextAttemptAt() {
        auto outbox = store_->outbox();
        EXPECT_TRUE(outbox.has_value() && outbox->size() == 1u);
        return outbox.has_value() && !outbox->empty() ? outbox->front().nextAttemptAt : TimePoint{};
    }

    // Waits for a condition, not for a time: generous for a loaded machine.
    template <typename Condition>
    bool eventually(Condition condition) {
        for (int i = 0; i < 300 && !condition(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return condition();
    }

    RequestStatus statusOf(const std::string& localId) {
        auto loaded = store_->load(localId);
        EXPECT_TRUE(loaded.has_value()) << loaded.error().message;
        return loaded.has_value() ? loaded->status : RequestStatus::Queued;
    }

    TempDir dir_;
    WallClock clock_;
    std::unique_ptr<sync::SqliteRequestStore> store_;
    CentralServer server_ = CentralServer::start();
    std::unique_ptr<SyncEngine> engine_;
};

TEST_F(RetryNowTest, ARequestThatBacksOffIsSentAtOnceWhenTheAgentAsks) {
    server_.stop();
    const auto request = submitKnownPerson();
    // Full jitter may draw a short wait: fail again until the next attempt is far away.
    for (int i = 0; i < 30 && nextAttemptAt() - clock_.now() < std::chrono::minutes(30); ++i) {
        ASSERT_TRUE(engine_->runOnce(true).has_value());
    }
    const TimePoint backoffEnds = nextAttemptAt();
    ASSERT_GE(backoffEnds - clock_.now(), std::chrono::minutes(30));
    ASSERT_FALSE(engine_->status().online);

    server_.restart();
    engine_->start([] {});
    // Back online, the engine leaves the request to its backoff...
    ASSERT_TRUE(eventually([&] { return engine_->status().online; }));
    EXPECT_EQ(statusOf(request.localId), RequestStatus::Queued);
    EXPECT_EQ(engine_->status().queued, 1u);

    // ...until the agent asks.
    engine_->retryNow();
    EXPECT_TRUE(eventually([&] { return statusOf(request.localId) == RequestStatus::Identified; }));
    EXPECT_LT(clock_.now(), backoffEnds);
    EXPECT_TRUE(eventually([&] { return !engine_->status().retrying; }));
    engine_->stop();
    EXPECT_EQ(engine_->status().queued, 0u);
    EXPECT_EQ(centralEntriesFor(server_, request.localId).size(), 1u);
}

TEST_F(RetryNowTest, ARetryWhileTheCentralServiceIsDownEndsAndKeepsTheRequest) {
    server_.stop();
    const auto request = submitKnownPerson();
    engine_->start([] {});
    ASSERT_TRUE(eventually([&] { return !engine_->status().lastError.empty(); }));

    engine_->retryNow();
    EXPECT_TRUE(eventually([&] { return !engine_->status().retrying; }));
    engine_->stop();
    const auto status = engine_->status();
    EXPECT_FALSE(status.online);
    EXPECT_EQ(status.queued, 1u);
    EXPECT_EQ(statusOf(request.localId), RequestStatus::Queued);
}

}  // namespace
}  // namespace balie::test
