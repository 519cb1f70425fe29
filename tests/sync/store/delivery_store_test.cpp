// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteRequestStore's delivery state: stages, page progress, answers after delivery, new
// documents, deletions to send, the changes cursor and the agents' cache, across reopening.
#include <gtest/gtest.h>

#include "balie/core/request_lifecycle.h"
#include "balie/sync/sqlite_request_store.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

using core::Errc;
using core::RequestStatus;
using namespace std::chrono_literals;

class DeliveryStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        options_ = storeOptionsIn(dir_.path());
        reopen();
    }

    void reopen() {
        store_.reset();
        auto opened = sync::SqliteRequestStore::open(options_);
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        store_ = std::move(*opened);
    }

    core::Request submitted() {
        auto stored = store_->submit(fullDraft(), examplePages(2), exampleSubmitTime());
        EXPECT_TRUE(stored.has_value()) << stored.error().message;
        return stored.value_or(core::Request{});
    }

    std::int64_t count(const std::string& table) {
        return rawQueryInt(options_.databasePath, "SELECT count(*) FROM " + table);
    }

    TempDir dir_;
    sync::StoreOptions options_;
    std::unique_ptr<sync::SqliteRequestStore> store_;
};

TEST_F(DeliveryStoreTest, ANewRequestWaitsToBeCreated) {
    const auto request = submitted();
    auto delivery = store_->delivery(request.localId);
    ASSERT_TRUE(delivery.has_value()) << delivery.error().message;
    EXPECT_EQ(delivery->stage, sync::DeliveryStage::Create);
    EXPECT_EQ(delivery->ticket, "");
    EXPECT_TRUE(delivery->pages.empty());
    EXPECT_EQ(delivery->item.idempotencyKey, store_->outbox().value().at(0).idempotencyKey);
}

TEST_F(DeliveryStoreTest, TicketAndPageProgressSurviveReopening) {
    const auto request = submitted();
    ASSERT_TRUE(store_->recordTicket(request.localId, "B-000042").has_value());
    ASSERT_TRUE(store_->recordPageProgress(request.localId, {0, 2048, true}).has_value());
    ASSERT_TRUE(store_->recordPageProgress(request.localId, {1, 512, false}).has_value());
    ASSERT_TRUE(store_->recordPageProgress(request.localId, {1, 1024, false}).has_value());
    reopen();

    auto delivery = store_->delivery(request.localId);
    ASSERT_TRUE(delivery.has_value()) << delivery.error().message;
    EXPECT_EQ(delivery->stage, sync::DeliveryStage::Pages);
    EXPECT_EQ(delivery->ticket, "B-000042");
    EXPECT_EQ(delivery->pages,
              (std::vector<sync::PageProgress>{{0, 2048, true}, {1, 1024, false}}));
    auto loaded = store_->load(request.localId);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->ticketNumber, "B-000042");
    EXPECT_EQ(loaded->status, RequestStatus::Queued) << "not sent before its pages are";
}

TEST_F(DeliveryStoreTest, AnAnswerWithTheLastPageDeliversAndPurgesInOneStep) {
    auto request = submitted();
    ASSERT_TRUE(store_->recordTicket(request.localId, "B-000043").has_value());
    ASSERT_TRUE(store_->recordPageProgress(request.localId, {0, 2048, true}).has_value());
    request.ticketNumber = "B-000043";
    request.status = RequestStatus::Identified;
    request.insz = "90041712345";

    ASSERT_TRUE(store_->recordDelivered(request).has_value());
    EXPECT_EQ(store_->load(request.localId).value().status, RequestStatus::Identified);
    EXPECT_EQ(store_->load(request.localId).value().insz, "90041712345");
    EXPECT_TRUE(store_->outbox().value().empty());
    EXPECT_EQ(count("outbox_pages"), 0);
    EXPECT_EQ(count("page_images"), 0);

    auto again = store_->recordDelivered(request);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, Errc::InvalidState);
}

TEST_F(DeliveryStoreTest, ANewDocumentQueuesTheRequestAgainWithItsTicket) {
    auto request = submitted();
    const auto firstKey = store_->outbox().value().at(0).idempotencyKey;
    request.ticketNumber = "B-000044";
    request.status = RequestStatus::Sent;
    ASSERT_TRUE(store_->recordDelivered(request).has_value());
    ASSERT_TRUE(core::markActionExpected(request, core::ActionReason::BadQuality).has_value());
    ASSERT_TRUE(store_->update(request).has_value());

    auto document = request.document;
    document.number = "EB7654321";
    auto replaced = store_->replaceDocument(request.localId, document, examplePages(1, 4096),
                                            exampleSubmitTime() + 1h);
    ASSERT_TRUE(replaced.has_value()) << replaced.error().message;
    EXPECT_EQ(replaced->status, RequestStatus::Queued);
    EXPECT_EQ(replaced->pages.size(), 1u);
    EXPECT_EQ(store_->load(request.localId).value(), *replaced);
    EXPECT_EQ(store_->loadPage(request.localId, "page-1").value().size(), 4096u);
    EXPECT_EQ(store_->loadPage(request.localId, "page-2").error().code, Errc::NotFound);

    auto delivery = store_->delivery(request.localId);
    ASSERT_TRUE(delivery.has_value()) << delivery.error().message;
    EXPECT_EQ(delivery->stage, sync::DeliveryStage::Create);
    EXPECT_EQ(delivery->ticket, "B-000044");
    EXPECT_NE(delivery->item.idempotencyKey, firstKey);
    EXPECT_EQ(delivery->item.nextAttemptAt, exampleSubmitTime() + 1h);

    auto twice =
        store_->replaceDocument(request.localId, document, examplePages(1), exampleSubmitTime());
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().code, Errc::InvalidState);
}

TEST_F(DeliveryStoreTest, DeletingAKnownRequestQueuesItsDeletionAtTheCentralService) {
    const auto unknown = submitted();
    ASSERT_TRUE(store_->deleteRequest(unknown.localId, exampleSubmitTime()).has_value());
    EXPECT_TRUE(store_->remoteDeletes().value().empty()) << "never reached the central service";

    const auto known = submitted();
    ASSERT_TRUE(store_->recordTicket(known.localId, "B-000045").has_value());
    ASSERT_TRUE(store_->deleteRequest(known.localId, exampleSubmitTime()).has_value());
    EXPECT_EQ(store_->load(known.localId).error().code, Errc::NotFound);
    EXPECT_EQ(count("page_images"), 0);
    EXPECT_EQ(count("outbox_pages"), 0);

    ASSERT_TRUE(store_
                    ->recordRemoteDeleteAttempt(known.localId, "central service unreachable",
                                                exampleSubmitTime() + 1min)
                    .has_value());
    reopen();
    EXPECT_TRUE(store_->remoteDeletes(exampleSubmitTime()).value().empty());
    auto pending = store_->remoteDeletes(exampleSubmitTime() + 1min);
    ASSERT_TRUE(pending.has_value()) << pending.error().message;
    EXPECT_EQ(*pending, (std::vector<sync::RemoteDelete>{{known.localId, "B-000045", 1,
                                                          "central service unreachable",
                                                          exampleSubmitTime() + 1min, ""}}));
    ASSERT_TRUE(store_->finishRemoteDelete(known.localId).has_value());
    EXPECT_TRUE(store_->remoteDeletes().value().empty());
}

TEST_F(DeliveryStoreTest, DeletingARequestWhoseCreateWasSentQueuesItsDeletionByKey) {
    const auto request = submitted();
    const auto key = store_->delivery(request.localId).value().item.idempotencyKey;
    ASSERT_TRUE(store_->recordAnnouncing(request.localId).has_value());
    EXPECT_EQ(store_->delivery(request.localId).value().stage, sync::DeliveryStage::Create);
    ASSERT_TRUE(store_->deleteRequest(request.localId, exampleSubmitTime()).has_value());
    reopen();
    EXPECT_EQ(
        store_->remoteDeletes().value(),
        (std::vector<sync::RemoteDelete>{{request.localId, "", 0, "", exampleSubmitTime(), key}}));
}

TEST_F(DeliveryStoreTest, AnswerDetailsAreKeptSealedAndGoWithTheRequest) {
    const auto request = submitted();
    EXPECT_TRUE(store_->answerDetails(request.localId).value().empty());
    const sync::AnswerDetails details{"the photo page is blurred, KOWALSKA must show it again",
                                      {{"birth_place", "Wieliczka"}}};
    ASSERT_TRUE(store_->recordAnswerDetails(request.localId, details).has_value());
    reopen();
    EXPECT_EQ(store_->answerDetails(request.localId).value(), details);
    const std::string bytes = readFileBytes(options_.databasePath) +
                              readFileBytes(options_.databasePath.string() + "-wal");
    EXPECT_EQ(bytes.find("Wieliczka"), std::string::npos) << "found in clear";
    EXPECT_EQ(bytes.find("blurred"), std::string::npos) << "found in clear";

    EXPECT_EQ(store_->recordAnswerDetails("no-such-request", details).error().code, Errc::NotFound);
    ASSERT_TRUE(store_->deleteRequest(request.localId, exampleSubmitTime()).has_value());
    EXPECT_EQ(count("request_answers"), 0);
}

TEST_F(DeliveryStoreTest, TheListingCarriesTheOperatorsWordsUntilANewDocumentIsQueued) {
    auto request = submitted();
    request.ticketNumber = "B-000045";
    request.status = RequestStatus::Sent;
    ASSERT_TRUE(store_->recordDelivered(request).has_value());
    ASSERT_TRUE(core::markActionExpected(request, core::ActionReason::Other).has_value());
    ASSERT_TRUE(store_->update(request).has_value());
    const std::string words = "Page 2 of the residence permit is missing; scan both sides.";
    ASSERT_TRUE(store_->recordAnswerDetails(request.localId, {words, {}}).has_value());
    reopen();

    auto listed = store_->list({});
    ASSERT_TRUE(listed.has_value()) << listed.error().message;
    ASSERT_EQ(listed->requests.size(), 1u);
    EXPECT_EQ(listed->requests[0].actionDetail, words);
    EXPECT_TRUE(listed->requests[0].personCompleted.empty());
    EXPECT_EQ(store_->load(request.localId).value().actionDetail, words);

    auto replaced = store_->replaceDocument(request.localId, request.document, examplePages(1),
                                            exampleSubmitTime() + 1h);
    ASSERT_TRUE(replaced.has_value()) << replaced.error().message;
    EXPECT_EQ(replaced->actionDetail, "");
    EXPECT_EQ(store_->list({}).value().requests.at(0).actionDetail, "");
    EXPECT_EQ(count("request_answers"), 0) << "dropped with the old document";
}

TEST_F(DeliveryStoreTest, QueuingAgainByUpdateDropsTheOperatorsWordsToo) {
    auto request = submitted();
    request.status = RequestStatus::Sent;
    ASSERT_TRUE(store_->recordDelivered(request).has_value());
    ASSERT_TRUE(core::markActionExpected(request, core::ActionReason::BadQuality).has_value());
    ASSERT_TRUE(store_->update(request).has_value());
    ASSERT_TRUE(store_->recordAnswerDetails(request.localId, {"blurred", {}}).has_value());
    ASSERT_TRUE(core::changeStatus(request, RequestStatus::Queued).has_value());
    ASSERT_TRUE(store_->update(request).has_value());
    EXPECT_EQ(count("request_answers"), 0);

    // Asked again, without words this time: the old words do not come back.
    request.status = RequestStatus::Sent;
    ASSERT_TRUE(store_->recordDelivered(request).has_value());
    ASSERT_TRUE(core::markActionExpected(request, core::ActionReason::BadQuality).has_value());
    ASSERT_TRUE(store_->update(request).has_value());
    EXPECT_EQ(store_->load(request.localId).value().actionDetail, "");
}

TEST_F(DeliveryStoreTest, TheListingCarriesTheFieldsTheRegistryCompleted) {
    auto request = submitted();
    request.ticketNumber = "B-000046";
    request.status = RequestStatus::Identified;
    request.insz = "85031234567";
    ASSERT_TRUE(store_->recordDelivered(request).has_value());
    const sync::AnswerDetails details{"",
                                      {{"given_names", "ANNA MARIA"},
                                       {"birth_date", "1985-03-12"},
                                       {"birth_place", "Wieliczka"},
                                       {"birth_country", "POL"},
                                       {"nationality", "POL"},
                                       {"sex", "F"},
                                       {"shoe_size", "38"}}};
    ASSERT_TRUE(store_->recordAnswerDetails(request.localId, details).has_value());
    reopen();

    core::PersonCompletion expected;
    expected.givenNames = "ANNA MARIA";
    expected.birthDate = core::PartialDate{1985, 3, 12};
    expected.birthPlace = "Wieliczka";
    expected.birthCountry = "PL";
    expected.nationality = "PL";
    expected.sex = core::Sex::Female;
    auto listed = store_->list({});
    ASSERT_TRUE(listed.has_value()) << listed.error().message;
    ASSERT_EQ(listed->requests.size(), 1u);
    EXPECT_EQ(listed->requests[0].personCompleted, expected)
        << "a field it does not know is left out";
    EXPECT_EQ(listed->requests[0].actionDetail, "");
    EXPECT_EQ(store_->load(request.localId).value().personCompleted, expected);
}

TEST_F(DeliveryStoreTest, OnlyTheRequestWithDetailsCarriesThemUntilItIsDeleted) {
    const auto plain = submitted();
    auto waiting = submitted();
    waiting.status = RequestStatus::Sent;
    ASSERT_TRUE(store_->recordDelivered(waiting).has_value());
    ASSERT_TRUE(core::markActionExpected(waiting, core::ActionReason::BadQuality).has_value());
    ASSERT_TRUE(store_->update(waiting).has_value());
    ASSERT_TRUE(store_->recordAnswerDetails(waiting.localId, {"blurred", {}}).has_value());

    auto listed = store_->list({});
    ASSERT_TRUE(listed.has_value()) << listed.error().message;
    ASSERT_EQ(listed->requests.size(), 2u);
    EXPECT_EQ(listed->requests[0].actionDetail, "blurred");
    EXPECT_EQ(listed->requests[1], plain);

    ASSERT_TRUE(store_->deleteRequest(waiting.localId, exampleSubmitTime()).has_value());
    EXPECT_EQ(store_->list({}).value().requests, std::vector<core::Request>{plain});
    EXPECT_EQ(count("request_answers"), 0) << "purged with the request";
}

TEST_F(DeliveryStoreTest, AFinalRequestCannotBeDeleted) {
    auto request = submitted();
    request.status = RequestStatus::Failed;
    ASSERT_TRUE(store_->recordDelivered(request).has_value());
    auto deleted = store_->deleteRequest(request.localId, exampleSubmitTime());
    ASSERT_FALSE(deleted.has_value());
    EXPECT_EQ(deleted.error().code, Errc::InvalidState);
    EXPECT_EQ(store_->deleteRequest("no-such-request", exampleSubmitTime()).error().code,
              Errc::NotFound);
}

TEST_F(DeliveryStoreTest, ChangesCursorStartsEmptyAndIsKept) {
    EXPECT_EQ(store_->changesCursor().value(), "");
    ASSERT_TRUE(store_->setChangesCursor("c-17").has_value());
    ASSERT_TRUE(store_->setChangesCursor("c-18").has_value());
    reopen();
    EXPECT_EQ(store_->changesCursor().value(), "c-18");
}

TEST_F(DeliveryStoreTest, AgentCacheFindsAgentsWithoutKeepingTheirNumber) {
    const std::string number = "85073003328";
    EXPECT_FALSE(store_->cachedAgent(number).value().has_value());
    ASSERT_TRUE(
        store_->cacheAgent(number, {"agent-7", "Tine Peeters"}, exampleSubmitTime()).has_value());
    reopen();
    auto cached = store_->cachedAgent(number);
    ASSERT_TRUE(cached.has_value()) << cached.error().message;
    ASSERT_TRUE(cached->has_value());
    EXPECT_EQ((*cached)->agentId, "agent-7");
    EXPECT_EQ((*cached)->displayName, "Tine Peeters");
    EXPECT_FALSE(store_->cachedAgent("85073003329").value().has_value());

    store_.reset();
    const auto bytes = readFileBytes(options_.databasePath) +
                       readFileBytes(options_.databasePath.string() + "-wal");
    EXPECT_EQ(bytes.find(number), std::string::npos);
    EXPECT_EQ(bytes.find("Tine Peeters"), std::string::npos);
    reopen();
    ASSERT_TRUE(store_->forgetAgent(number).has_value());
    EXPECT_FALSE(store_->cachedAgent(number).value().has_value());
}

TEST_F(DeliveryStoreTest, TheDraftsMachineReadableZoneIsKeptApartFromTheRequest) {
    core::Request draft = fullDraft();
    draft.document.mrzLines = {"P<POLKOWALSKA<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                               "EA12345676POL9004171F3002289<<<<<<<<<<<<<<02"};
    core::RequestStore& port = *store_;
    auto request = port.submit(draft, examplePages(1), exampleSubmitTime());
    ASSERT_TRUE(request.has_value());
    EXPECT_TRUE(request->document.mrzLines.empty());
    EXPECT_EQ(store_->mrzLines(request->localId).value(), draft.document.mrzLines);
    EXPECT_EQ(store_->load(request->localId).value(), *request);
}

TEST_F(DeliveryStoreTest, TheMachineReadableZoneIsKeptSealedAndPurgedWithTheImages) {
    const std::vector<std::string> mrz{"P<POLKOWALSKA<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                       "EA12345676POL9004171F3002289<<<<<<<<<<<<<<02"};
    auto request = store_->submit(fullDraft(), examplePages(1), exampleSubmitTime(), mrz).value();
    reopen();
    EXPECT_EQ(store_->mrzLines(request.localId).value(), mrz);
    store_.reset();
    EXPECT_EQ(readFileBytes(options_.databasePath).find("KOWALSKA<<ANNA"), std::string::npos);
    EXPECT_EQ(readFileBytes(options_.databasePath.string() + "-wal").find("KOWALSKA<<ANNA"),
              std::string::npos);
    reopen();

    request.ticketNumber = "B-000046";
    request.status = RequestStatus::Identified;
    request.insz = "90441701227";
    ASSERT_TRUE(store_->recordDelivered(request).has_value());
    EXPECT_TRUE(store_->mrzLines(request.localId).value().empty());
    EXPECT_EQ(count("request_mrz"), 0);
}

}  // namespace
}  // namespace balie::test
