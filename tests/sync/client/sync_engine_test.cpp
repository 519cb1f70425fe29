// SPDX-License-Identifier: GPL-3.0-or-later
// SyncEngine against the real balie-central over HTTP on loopback: delivery, answers, changes,
// deletion, new documents, resumable uploads cut in the middle, server errors and closed
// connections (through a fault proxy), parked rejections, agent checks and the background thread.
#include "balie/sync/client/sync_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <thread>

#include "balie/core/request_lifecycle.h"
#include "client_fixture.h"
#include "fault_proxy.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

using core::Errc;
using core::RequestStatus;
using sync::client::EngineOptions;
using sync::client::SyncEngine;

class SyncEngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sync::SqliteRequestStore::open(storeOptionsIn(dir_.path()));
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        store_ = std::move(*opened);
    }

    std::unique_ptr<SyncEngine> engineFor(const std::string& url,
                                          std::size_t chunkBytes = 256 * 1024) {
        EngineOptions options;
        options.connection.baseUrl = url;
        options.connection.token = server_.token();
        options.backoff.base = std::chrono::milliseconds(10);
        options.backoff.cap = std::chrono::milliseconds(200);
        options.chunkBytes = chunkBytes;
        options.pollInterval = std::chrono::milliseconds(200);
        return std::make_unique<SyncEngine>(*store_, clock_, options);
    }

    core::Request submit(core::Request draft, std::vector<std::string> mrz = {},
                         std::size_t pages = 2, std::size_t bytes = 4096) {
        auto stored =
            store_->submit(std::move(draft), examplePages(pages, bytes), clock_.now(), mrz);
        EXPECT_TRUE(stored.has_value()) << stored.error().message;
        return stored.value_or(core::Request{});
    }

    sync::client::PassReport runOnce(SyncEngine& engine) {
        auto report = engine.runOnce(true);
        EXPECT_TRUE(report.has_value()) << report.error().message;
        return report.value_or(sync::client::PassReport{});
    }

    core::Request stored(const std::string& localId) {
        auto loaded = store_->load(localId);
        EXPECT_TRUE(loaded.has_value()) << loaded.error().message;
        return loaded.value_or(core::Request{});
    }

    TempDir dir_;
    WallClock clock_;
    std::unique_ptr<sync::SqliteRequestStore> store_;
    CentralServer server_ = CentralServer::start();
};

TEST_F(SyncEngineTest, AKnownPersonIsIdentifiedAndTheImagesArePurged) {
    auto engine = engineFor(server_.url());
    const auto request = submit(knownPersonDraft(server_.agentId()), knownPersonMrz());

    const auto report = runOnce(*engine);
    EXPECT_EQ(report.delivered, 1u);
    EXPECT_EQ(report.remaining, 0u);
    EXPECT_TRUE(report.problems.empty()) << report.problems.front();

    const auto answered = stored(request.localId);
    EXPECT_EQ(answered.status, RequestStatus::Identified);
    EXPECT_EQ(answered.insz, "90441701227");
    EXPECT_FALSE(answered.ticketNumber.empty());
    EXPECT_EQ(store_->loadPage(request.localId, "page-1").error().code, Errc::NotFound);
    EXPECT_TRUE(store_->mrzLines(request.localId).value().empty());
    EXPECT_TRUE(store_->answerDetails(request.localId).value().empty()) << "nothing to complete";
    EXPECT_TRUE(store_->outbox().value().empty());

    const auto central = centralEntriesFor(server_, request.localId);
    ASSERT_EQ(central.size(), 1u);
    EXPECT_EQ(central[0]["ticket"], answered.ticketNumber);
    EXPECT_EQ(central[0]["state"], "identified");
    EXPECT_TRUE(engine->status().online);
    EXPECT_EQ(engine->status().queued, 0u);
}

TEST_F(SyncEngineTest, TheFieldsTheRegistryCompletedAreKeptWithTheAnswer) {
    auto engine = engineFor(server_.url());
    auto draft = knownPersonDraft(server_.agentId());
    draft.person.birthPlace.clear();
    const auto request = submit(draft, knownPersonMrz());
    runOnce(*engine);
    ASSERT_EQ(stored(request.localId).status, RequestStatus::Identified);
    const auto details = store_->answerDetails(request.localId);
    ASSERT_TRUE(details.has_value()) << details.error().message;
    EXPECT_EQ(details->personCompleted,
              (std::map<std::string, std::string>{{"birth_place", "Kraków"}}));
}

TEST_F(SyncEngineTest, AnOperatorsAnswerArrivesThroughTheChanges) {
    auto engine = engineFor(server_.url());
    const auto request = submit(newPersonDraft(server_.agentId(), "NOWAK"));
    runOnce(*engine);
    const auto pending = stored(request.localId);
    ASSERT_EQ(pending.status, RequestStatus::PendingOperator) << "no MRZ: an operator decides";

    const auto approved = server_.command({"operator", "approve", pending.ticketNumber});
    ASSERT_EQ(approved.exitCode, 0) << approved.err;
    runOnce(*engine);
    const auto answered = stored(request.localId);
    EXPECT_EQ(answered.status, RequestStatus::Identified);
    EXPECT_EQ(answered.insz.size(), 11u);
    EXPECT_EQ(centralEntriesFor(server_, request.localId).at(0)["insz"], answered.insz);
}

TEST_F(SyncEngineTest, ANewDocumentAfterAnActionReachesTheSameTicket) {
    auto engine = engineFor(server_.url());
    const auto request = submit(newPersonDraft(server_.agentId(), "JANSSENS"));
    runOnce(*engine);
    const auto ticket = stored(request.localId).ticketNumber;
    const auto asked = server_.command(
        {"operator", "ask-document", ticket, "--reason", "bad_quality", "--detail", "blurred"});
    ASSERT_EQ(asked.exitCode, 0) << asked.err;
    runOnce(*engine);
    auto waiting = stored(request.localId);
    ASSERT_EQ(waiting.status, RequestStatus::ActionExpected);
    EXPECT_EQ(waiting.actionReason, core::ActionReason::BadQuality);
    EXPECT_EQ(store_->answerDetails(request.localId).value().actionDetail, "blurred");

    auto document = waiting.document;
    document.number = "XY99887766";
    ASSERT_TRUE(
        engine->resubmitDocument(request.localId, document, examplePages(1, 9000)).has_value());
    EXPECT_EQ(stored(request.localId).status, RequestStatus::Queued);
    EXPECT_TRUE(store_->answerDetails(request.localId).value().empty())
        << "answered by the new one";
    const auto report = runOnce(*engine);
    EXPECT_EQ(report.remaining, 0u) << (report.problems.empty() ? "" : report.problems.front());

    const auto again = stored(request.localId);
    EXPECT_EQ(again.status, RequestStatus::PendingOperator);
    EXPECT_EQ(again.ticketNumber, ticket);
    EXPECT_EQ(centralEntriesFor(server_, request.localId).size(), 1u);
}

TEST_F(SyncEngineTest, ADeletionReachesTheCentralService) {
    auto engine = engineFor(server_.url());
    const auto request = submit(newPersonDraft(server_.agentId(), "PEETERS"));
    runOnce(*engine);
    ASSERT_EQ(stored(request.localId).status, RequestStatus::PendingOperator);

    ASSERT_TRUE(engine->deleteRequest(request.localId).has_value());
    EXPECT_EQ(store_->load(request.localId).error().code, Errc::NotFound);
    EXPECT_EQ(engine->status().queued, 1u);
    const auto report = runOnce(*engine);
    EXPECT_EQ(report.remaining, 0u);
    EXPECT_EQ(centralEntriesFor(server_, request.localId).at(0)["state"], "deleted");
}

TEST_F(SyncEngineTest, ADeletionReachesTheCentralServiceWhenTheAnswerToTheCreateWasLost) {
    FaultProxy proxy(server_.port());
    // The central service stores the request, but its answer (and libcurl's retry's) never
    // arrives: the kiosk does not know the ticket.
    proxy.add({Fault::Kind::LoseAnswer, "POST /v1/requests", 2});
    auto engine = engineFor(proxy.url());
    const auto request = submit(newPersonDraft(server_.agentId(), "JANSSENS"));
    auto report = runOnce(*engine);
    ASSERT_EQ(report.remaining, 1u);
    ASSERT_TRUE(stored(request.localId).ticketNumber.empty());
    ASSERT_EQ(centralEntriesFor(server_, request.localId).size(), 1u);

    ASSERT_TRUE(engine->deleteRequest(request.localId).has_value());
    EXPECT_EQ(engine->status().queued, 1u) << "the central service may hold it";
    report = runOnce(*engine);
    EXPECT_EQ(report.remaining, 0u);
    EXPECT_EQ(centralEntriesFor(server_, request.localId).at(0)["state"], "deleted");
}

TEST_F(SyncEngineTest, ADeletionOfARequestNeverSentStaysOnTheKiosk) {
    FaultProxy proxy(server_.port());
    auto engine = engineFor(proxy.url());
    const auto request = submit(newPersonDraft(server_.agentId(), "MAES"));
    ASSERT_TRUE(engine->deleteRequest(request.localId).has_value());
    EXPECT_EQ(engine->status().queued, 0u);
    runOnce(*engine);
    EXPECT_TRUE(centralEntriesFor(server_, request.localId).empty());
    for (const auto& line : proxy.requests()) {
        EXPECT_FALSE(line.starts_with("DELETE ")) << line;
    }
}

TEST_F(SyncEngineTest, ADeletionByKeyOfARequestTheCentralServiceNeverGotIsDone) {
    FaultProxy proxy(server_.port());
    // The create never reaches the central service, yet the kiosk cannot know that.
    proxy.add({Fault::Kind::Drop, "POST /v1/requests", 2});
    auto engine = engineFor(proxy.url());
    const auto request = submit(newPersonDraft(server_.agentId(), "WOUTERS"));
    runOnce(*engine);
    ASSERT_TRUE(centralEntriesFor(server_, request.localId).empty());

    ASSERT_TRUE(engine->deleteRequest(request.localId).has_value());
    EXPECT_EQ(engine->status().queued, 1u);
    const auto report = runOnce(*engine);
    EXPECT_EQ(report.remaining, 0u);
    EXPECT_TRUE(centralEntriesFor(server_, request.localId).empty());
}

TEST_F(SyncEngineTest, AnUploadCutInTheMiddleResumesWhereTheServerStopped) {
    FaultProxy proxy(server_.port());
    // Cut the third chunk, and libcurl's own retry of it on a fresh connection.
    proxy.add({Fault::Kind::CutBody, "PATCH ", 2, 0, -1, 1000, 2});
    auto engine = engineFor(proxy.url(), 64 * 1024);
    const auto request = submit(knownPersonDraft(server_.agentId()), knownPersonMrz(), 1, 300'000);

    auto report = runOnce(*engine);
    EXPECT_EQ(report.remaining, 1u);
    EXPECT_FALSE(report.reachable);
    EXPECT_EQ(stored(request.localId).status, RequestStatus::Queued);
    const auto progress = store_->delivery(request.localId).value().pages;
    ASSERT_EQ(progress.size(), 1u);
    EXPECT_EQ(progress[0].received, 2u * 64 * 1024) << "two chunks arrived before the cut";

    report = runOnce(*engine);
    EXPECT_EQ(report.remaining, 0u) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(stored(request.localId).status, RequestStatus::Identified);
    const auto lines = proxy.requests();
    EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const std::string& line) {
        return line.starts_with("HEAD ");
    })) << "the upload resumes at the offset the server reports";
    EXPECT_EQ(centralEntriesFor(server_, request.localId).size(), 1u);
}

TEST_F(SyncEngineTest, ServerErrorsAndClosedConnectionsAreRetriedWithoutDuplicates) {
    FaultProxy proxy(server_.port());
    proxy.add({Fault::Kind::Answer, "POST /v1/requests", 1, 503, 0, 0});
    proxy.add({Fault::Kind::Drop, "POST /v1/requests", 1, 0, -1, 0});
    proxy.add({Fault::Kind::Answer, "PATCH ", 1, 500, -1, 0});
    proxy.add({Fault::Kind::Answer, "PATCH ", 1, 429, 0, 0});
    proxy.add({Fault::Kind::Drop, "HEAD ", 1, 0, -1, 0});
    proxy.add({Fault::Kind::Drop, "GET /v1/changes", 1, 0, -1, 0});
    auto engine = engineFor(proxy.url(), 1024);
    std::vector<core::Request> requests;
    for (const char* surname : {"ALPHA", "BRAVO", "CHARLIE"}) {
        requests.push_back(submit(newPersonDraft(server_.agentId(), surname), {}, 2, 3000));
    }

    std::size_t remaining = requests.size();
    for (int pass = 0; pass < 20 && remaining > 0; ++pass) {
        remaining = runOnce(*engine).remaining;
    }
    EXPECT_EQ(remaining, 0u);
    EXPECT_EQ(proxy.faultsApplied(), 6);
    for (const auto& request : requests) {
        EXPECT_EQ(stored(request.localId).status, RequestStatus::PendingOperator);
        EXPECT_EQ(centralEntriesFor(server_, request.localId).size(), 1u);
    }
}

TEST_F(SyncEngineTest, ARefusedRequestIsParkedAndDoesNotBlockOthers) {
    FaultProxy proxy(server_.port());
    auto engine = engineFor(proxy.url());
    auto invalid = newPersonDraft(server_.agentId(), "");
    invalid.person.givenNames.clear();
    const auto refused = submit(invalid);
    const auto fine = submit(newPersonDraft(server_.agentId(), "GOOD"));

    auto report = runOnce(*engine);
    EXPECT_EQ(report.remaining, 1u);
    EXPECT_EQ(report.rejected, 1u);
    EXPECT_EQ(stored(fine.localId).status, RequestStatus::PendingOperator);
    const auto outbox = store_->outbox().value();
    ASSERT_EQ(outbox.size(), 1u);
    EXPECT_EQ(outbox[0].localId, refused.localId);
    EXPECT_NE(outbox[0].lastError.find("HTTP 422"), std::string::npos) << outbox[0].lastError;

    const auto posts = proxy.requests().size();
    report = runOnce(*engine);
    EXPECT_EQ(report.rejected, 1u);
    const auto lines = proxy.requests();
    EXPECT_TRUE(std::none_of(lines.begin() + static_cast<std::ptrdiff_t>(posts), lines.end(),
                             [](const std::string& line) { return line.starts_with("POST "); }))
        << "a refused request is not sent again unchanged";
}

TEST_F(SyncEngineTest, AgentsAreCheckedOnlineAndRememberedForOfflineLogins) {
    auto engine = engineFor(server_.url());
    auto agent = engine->verifyAgent("85073003328");
    ASSERT_TRUE(agent.has_value()) << agent.error().message;
    EXPECT_EQ(agent->agentId, server_.agentId());
    EXPECT_EQ(agent->displayName, "Els Peeters");
    auto stranger = engine->verifyAgent("79463000707");
    ASSERT_FALSE(stranger.has_value());
    EXPECT_EQ(stranger.error().code, Errc::PermissionDenied);

    server_.stop();
    auto offline = engine->verifyAgent("85073003328");
    ASSERT_TRUE(offline.has_value()) << offline.error().message;
    EXPECT_EQ(offline->agentId, server_.agentId());
    auto unknownOffline = engine->verifyAgent("79463000707");
    ASSERT_FALSE(unknownOffline.has_value());
    EXPECT_EQ(unknownOffline.error().code, Errc::Network);
}

TEST_F(SyncEngineTest, TheBackgroundThreadSendsWhatIsSubmittedWhileOffline) {
    server_.stop();
    auto engine = engineFor(server_.url());
    std::atomic<int> notified{0};
    engine->start([&] { ++notified; });
    const auto request = submit(knownPersonDraft(server_.agentId()), knownPersonMrz());
    engine->wake();
    server_.restart();
    engine->wake();
    // Waits for the outcome, not for a time: generous for a loaded machine.
    for (int i = 0; i < 600 && stored(request.localId).status != RequestStatus::Identified; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    engine->stop();
    EXPECT_EQ(stored(request.localId).status, RequestStatus::Identified);
    EXPECT_GT(notified.load(), 0);
    EXPECT_EQ(centralEntriesFor(server_, request.localId).size(), 1u);
}

}  // namespace
}  // namespace balie::test
