// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteRequestStore: round trips, outbox, overview paging, status changes, retention, schema.
#include "balie/sync/sqlite_request_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "balie/core/request_lifecycle.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

using core::Errc;
using core::RequestStatus;
using namespace std::chrono_literals;

class SqliteRequestStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        options_ = storeOptionsIn(dir_.path());
        auto opened = sync::SqliteRequestStore::open(options_);
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        store_ = std::move(*opened);
    }

    core::Request submitted(core::Request draft = fullDraft(), std::size_t pages = 2,
                            std::chrono::system_clock::time_point now = exampleSubmitTime()) {
        auto stored = store_->submit(std::move(draft), examplePages(pages), now);
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

TEST_F(SqliteRequestStoreTest, SubmitQueuesTheRequestWithNewIds) {
    const auto stored = submitted();

    EXPECT_TRUE(std::regex_match(
        stored.localId,
        std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    EXPECT_EQ(stored.status, RequestStatus::Queued);
    EXPECT_EQ(stored.submittedAt, exampleSubmitTime());
    ASSERT_EQ(stored.pages.size(), 2u);
    EXPECT_EQ(stored.pages[0].pageId, "page-1");
    EXPECT_EQ(stored.pages[1].pageId, "page-2");
    EXPECT_EQ(stored.pages[0].width, 1280);
    EXPECT_EQ(stored.pages[0].sizeBytes, 2048u);

    auto outbox = store_->outbox();
    ASSERT_TRUE(outbox.has_value()) << outbox.error().message;
    ASSERT_EQ(outbox->size(), 1u);
    EXPECT_EQ((*outbox)[0].localId, stored.localId);
    EXPECT_EQ((*outbox)[0].idempotencyKey.size(), 36u);
    EXPECT_NE((*outbox)[0].idempotencyKey, stored.localId);
    EXPECT_EQ((*outbox)[0].attempts, 0);
    EXPECT_EQ((*outbox)[0].lastError, "");
    EXPECT_EQ((*outbox)[0].nextAttemptAt, exampleSubmitTime());
}

TEST_F(SqliteRequestStoreTest, RoundTripsAFullRequest) {
    auto draft = fullDraft();
    draft.submittedAt = exampleSubmitTime() - 5min;
    const auto pages = examplePages(3);
    auto stored = store_->submit(draft, pages, exampleSubmitTime());
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
    EXPECT_EQ(stored->submittedAt, exampleSubmitTime() - 5min);

    auto expected = draft;
    expected.localId = stored->localId;
    expected.status = RequestStatus::Queued;
    expected.pages = stored->pages;
    EXPECT_EQ(*stored, expected);

    auto loaded = store_->load(stored->localId);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    EXPECT_EQ(*loaded, expected);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        auto image = store_->loadPage(stored->localId, stored->pages[i].pageId);
        ASSERT_TRUE(image.has_value()) << image.error().message;
        EXPECT_EQ(*image, pages[i].encoded);
    }
}

TEST_F(SqliteRequestStoreTest, RoundTripsARequestWithEmptyOptionalFields) {
    core::Request draft;
    draft.requester = {"agent-1", ""};
    auto stored = store_->submit(draft, examplePages(1), exampleSubmitTime());
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
    auto loaded = store_->load(stored->localId);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    EXPECT_EQ(*loaded, *stored);
    EXPECT_FALSE(loaded->document.type.has_value());
    EXPECT_FALSE(loaded->contactAddress.has_value());
    EXPECT_FALSE(loaded->person.sex.has_value());
}

TEST_F(SqliteRequestStoreTest, SubmitRefusesWhatIsNotADraftAndStoresNothing) {
    auto notDraft = fullDraft();
    notDraft.status = RequestStatus::Queued;
    auto result = store_->submit(notDraft, examplePages(1), exampleSubmitTime());
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, Errc::InvalidState);

    for (std::size_t pages : {0u, 5u}) {
        result = store_->submit(fullDraft(), examplePages(pages), exampleSubmitTime());
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().code, Errc::InvalidArgument);
        EXPECT_NE(result.error().message.find("1 to 4 page images"), std::string::npos);
    }

    auto emptyPage = examplePages(1);
    emptyPage[0].encoded.clear();
    result = store_->submit(fullDraft(), emptyPage, exampleSubmitTime());
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, Errc::InvalidArgument);

    EXPECT_EQ(count("requests"), 0);
    EXPECT_EQ(count("outbox"), 0);
    EXPECT_EQ(count("page_images"), 0);
}

TEST_F(SqliteRequestStoreTest, UnknownRequestsAndPagesAreNotFound) {
    const auto stored = submitted();
    auto missing = store_->load("no-such-request");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, Errc::NotFound);

    auto page = store_->loadPage(stored.localId, "page-9");
    ASSERT_FALSE(page.has_value());
    EXPECT_EQ(page.error().code, Errc::NotFound);

    auto attempt = store_->recordAttempt("no-such-request", "timeout", exampleSubmitTime());
    ASSERT_FALSE(attempt.has_value());
    EXPECT_EQ(attempt.error().code, Errc::NotFound);

    auto ghost = stored;
    ghost.localId = "no-such-request";
    auto update = store_->update(ghost);
    ASSERT_FALSE(update.has_value());
    EXPECT_EQ(update.error().code, Errc::NotFound);
}

TEST_F(SqliteRequestStoreTest, ListsNewestFirstOnePageAtATime) {
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        ids.push_back(submitted(fullDraft(), 1).localId);
    }

    auto first = store_->list({std::nullopt, std::nullopt, 2});
    ASSERT_TRUE(first.has_value()) << first.error().message;
    ASSERT_EQ(first->requests.size(), 2u);
    EXPECT_EQ(first->requests[0].localId, ids[4]);
    EXPECT_EQ(first->requests[1].localId, ids[3]);
    EXPECT_TRUE(first->hasOlder);
    EXPECT_EQ(first->requests[0].person.surname, "KOWALSKA");

    auto second = store_->list({std::nullopt, first->requests.back().localId, 2});
    ASSERT_TRUE(second.has_value()) << second.error().message;
    ASSERT_EQ(second->requests.size(), 2u);
    EXPECT_EQ(second->requests[0].localId, ids[2]);
    EXPECT_EQ(second->requests[1].localId, ids[1]);
    EXPECT_TRUE(second->hasOlder);

    auto last = store_->list({std::nullopt, second->requests.back().localId, 2});
    ASSERT_TRUE(last.has_value()) << last.error().message;
    ASSERT_EQ(last->requests.size(), 1u);
    EXPECT_EQ(last->requests[0].localId, ids[0]);
    EXPECT_FALSE(last->hasOlder);

    auto unknown = store_->list({std::nullopt, std::string("no-such-request"), 2});
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, Errc::NotFound);
}

TEST_F(SqliteRequestStoreTest, ListFiltersByRequester) {
    auto other = fullDraft();
    other.requester = {"agent-9", "Jan Janssens"};
    const auto mine = submitted();
    const auto theirs = submitted(other);

    auto listed = store_->list({std::string("agent-9"), std::nullopt, 20});
    ASSERT_TRUE(listed.has_value()) << listed.error().message;
    ASSERT_EQ(listed->requests.size(), 1u);
    EXPECT_EQ(listed->requests[0].localId, theirs.localId);
    EXPECT_EQ(listed->requests[0].requester.displayName, "Jan Janssens");
    EXPECT_FALSE(listed->hasOlder);

    auto all = store_->list({});
    ASSERT_TRUE(all.has_value()) << all.error().message;
    EXPECT_EQ(all->requests.size(), 2u);
    EXPECT_EQ(all->requests[1].localId, mine.localId);
}

TEST_F(SqliteRequestStoreTest, RecordedAttemptsPostponeTheOutboxEntry) {
    const auto early = submitted(fullDraft(), 1, exampleSubmitTime());
    const auto late = submitted(fullDraft(), 1, exampleSubmitTime() + 1h);

    auto due = store_->dueOutbox(exampleSubmitTime(), 10);
    ASSERT_TRUE(due.has_value()) << due.error().message;
    ASSERT_EQ(due->size(), 1u);
    EXPECT_EQ((*due)[0].localId, early.localId);

    const auto key = (*due)[0].idempotencyKey;
    ASSERT_TRUE(
        store_->recordAttempt(early.localId, "HTTP 503", exampleSubmitTime() + 2h).has_value());
    ASSERT_TRUE(
        store_->recordAttempt(early.localId, "timeout", exampleSubmitTime() + 3h).has_value());

    due = store_->dueOutbox(exampleSubmitTime() + 1h, 10);
    ASSERT_TRUE(due.has_value()) << due.error().message;
    ASSERT_EQ(due->size(), 1u);
    EXPECT_EQ((*due)[0].localId, late.localId);

    due = store_->dueOutbox(exampleSubmitTime() + 3h, 10);
    ASSERT_TRUE(due.has_value()) << due.error().message;
    ASSERT_EQ(due->size(), 2u);
    EXPECT_EQ((*due)[0].localId, early.localId);
    EXPECT_EQ((*due)[0].attempts, 2);
    EXPECT_EQ((*due)[0].lastError, "timeout");
    EXPECT_EQ((*due)[0].idempotencyKey, key);
    EXPECT_EQ((*due)[0].nextAttemptAt, exampleSubmitTime() + 3h);

    due = store_->dueOutbox(exampleSubmitTime() + 3h, 1);
    ASSERT_TRUE(due.has_value()) << due.error().message;
    EXPECT_EQ(due->size(), 1u);
}

TEST_F(SqliteRequestStoreTest, ServerAnswersAreStoredAndFinalAnswersPurgeImages) {
    auto request = submitted();

    ASSERT_TRUE(core::changeStatus(request, RequestStatus::Sent).has_value());
    request.ticketNumber = "T-2025-000042";
    ASSERT_TRUE(store_->update(request).has_value());
    auto outbox = store_->outbox();
    ASSERT_TRUE(outbox.has_value()) << outbox.error().message;
    EXPECT_TRUE(outbox->empty());
    EXPECT_TRUE(store_->loadPage(request.localId, "page-1").has_value());

    ASSERT_TRUE(core::markIdentified(request, "90041712345").has_value());
    ASSERT_TRUE(store_->update(request).has_value());

    auto loaded = store_->load(request.localId);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    EXPECT_EQ(loaded->status, RequestStatus::Identified);
    EXPECT_EQ(loaded->insz, "90041712345");
    EXPECT_EQ(loaded->ticketNumber, "T-2025-000042");
    EXPECT_EQ(loaded->pages.size(), 2u);  // references stay for the detail view

    auto purged = store_->loadPage(request.localId, "page-1");
    ASSERT_FALSE(purged.has_value());
    EXPECT_EQ(purged.error().code, Errc::NotFound);
    EXPECT_NE(purged.error().message.find("purged"), std::string::npos);
    EXPECT_EQ(count("page_images"), 0);
}

TEST_F(SqliteRequestStoreTest, FailedRequestLosesItsImages) {
    auto request = submitted();
    const auto other = submitted();
    ASSERT_TRUE(core::changeStatus(request, RequestStatus::Sent).has_value());
    ASSERT_TRUE(store_->update(request).has_value());
    ASSERT_TRUE(core::changeStatus(request, RequestStatus::Failed).has_value());
    ASSERT_TRUE(store_->update(request).has_value());

    EXPECT_FALSE(store_->loadPage(request.localId, "page-1").has_value());
    EXPECT_TRUE(store_->loadPage(other.localId, "page-1").has_value());
    EXPECT_EQ(count("page_images"), 2);
}

TEST_F(SqliteRequestStoreTest, DeletingPurgesEverythingOfTheRequest) {
    auto request = submitted();
    const auto other = submitted();
    ASSERT_TRUE(core::changeStatus(request, RequestStatus::Deleted).has_value());
    ASSERT_TRUE(store_->update(request).has_value());

    auto loaded = store_->load(request.localId);
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().code, Errc::NotFound);
    EXPECT_EQ(count("requests"), 1);
    EXPECT_EQ(count("outbox"), 1);
    EXPECT_EQ(count("page_images"), 2);
    EXPECT_EQ(
        rawQueryInt(options_.databasePath,
                    "SELECT count(*) FROM page_images WHERE local_id = '" + request.localId + "'"),
        0);
    EXPECT_TRUE(store_->load(other.localId).has_value());
}

TEST_F(SqliteRequestStoreTest, RefusesStatusChangesTheLifeCycleForbids) {
    auto request = submitted();
    auto stale = request;
    ASSERT_TRUE(core::changeStatus(request, RequestStatus::Sent).has_value());
    ASSERT_TRUE(store_->update(request).has_value());
    ASSERT_TRUE(core::markIdentified(request, "90041712345").has_value());
    ASSERT_TRUE(store_->update(request).has_value());

    // A stale copy still says Queued; Queued -> Sent is allowed, but not from the stored
    // Identified.
    ASSERT_TRUE(core::changeStatus(stale, RequestStatus::Sent).has_value());
    auto result = store_->update(stale);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, Errc::InvalidState);
    EXPECT_NE(result.error().message.find("from identified to sent"), std::string::npos);

    auto loaded = store_->load(request.localId);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    EXPECT_EQ(loaded->status, RequestStatus::Identified);
}

TEST_F(SqliteRequestStoreTest, QueuingAgainAfterAnActionCreatesANewOutboxEntry) {
    auto request = submitted();
    const auto firstKey = store_->outbox().value().at(0).idempotencyKey;
    ASSERT_TRUE(core::changeStatus(request, RequestStatus::Sent).has_value());
    ASSERT_TRUE(store_->update(request).has_value());
    ASSERT_TRUE(core::markActionExpected(request, core::ActionReason::BadQuality).has_value());
    ASSERT_TRUE(store_->update(request).has_value());

    auto loaded = store_->load(request.localId);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    EXPECT_EQ(loaded->actionReason, core::ActionReason::BadQuality);
    EXPECT_TRUE(store_->outbox().value().empty());

    ASSERT_TRUE(core::changeStatus(request, RequestStatus::Queued).has_value());
    ASSERT_TRUE(store_->update(request).has_value());
    auto outbox = store_->outbox();
    ASSERT_TRUE(outbox.has_value()) << outbox.error().message;
    ASSERT_EQ(outbox->size(), 1u);
    EXPECT_NE((*outbox)[0].idempotencyKey, firstKey);
    EXPECT_EQ(store_->dueOutbox(exampleSubmitTime(), 10).value().size(), 1u);
    EXPECT_FALSE(store_->load(request.localId).value().actionReason.has_value());
}

TEST_F(SqliteRequestStoreTest, NoPersonalDataInClearInTheFiles) {
    const auto request = submitted();
    ASSERT_TRUE(store_->load(request.localId).has_value());

    // While open, recent commits live in the WAL; after closing, SQLite folds them into the file.
    std::string bytes = readFileBytes(options_.databasePath) +
                        readFileBytes(options_.databasePath.string() + "-wal");
    for (std::string_view secret : std::initializer_list<std::string_view>{
             "KOWALSKA", "EA1234567", "90041712345", "hr@example.be", "Seasonal worker",
             "Els Peeters", kPageMarker}) {
        EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " found in clear";
    }
    // The non-personal columns are in clear: the search itself works.
    EXPECT_NE(bytes.find("agent-7"), std::string::npos);

    store_.reset();
    bytes = readFileBytes(options_.databasePath);
    EXPECT_EQ(bytes.find("KOWALSKA"), std::string::npos);
    EXPECT_EQ(bytes.find("EA1234567"), std::string::npos);
    EXPECT_EQ(bytes.find(kPageMarker), std::string::npos);
    EXPECT_NE(bytes.find(request.localId), std::string::npos);
}

TEST_F(SqliteRequestStoreTest, CreatesTheSchemaInANewFileInWalMode) {
    EXPECT_EQ(rawQueryInt(options_.databasePath, "PRAGMA user_version"), 3);
    EXPECT_EQ(count("requests"), 0);
    EXPECT_EQ(count("outbox"), 0);
    EXPECT_EQ(count("page_images"), 0);
    EXPECT_EQ(readFileBytes(options_.databasePath).substr(18, 2), std::string("\x02\x02", 2))
        << "the file header should say WAL";
}

TEST_F(SqliteRequestStoreTest, MigratesAnExistingEmptyFile) {
    TempDir other;
    const auto options = storeOptionsIn(other.path());
    { std::ofstream touch(options.databasePath); }
    ASSERT_EQ(std::filesystem::file_size(options.databasePath), 0u);

    auto opened = sync::SqliteRequestStore::open(options);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    EXPECT_EQ(rawQueryInt(options.databasePath, "PRAGMA user_version"), 3);
    EXPECT_TRUE((*opened)->submit(fullDraft(), examplePages(1), exampleSubmitTime()).has_value());
}

TEST_F(SqliteRequestStoreTest, ReopeningKeepsDataAndSchema) {
    const auto request = submitted();
    for (int i = 0; i < 2; ++i) {
        store_.reset();
        auto reopened = sync::SqliteRequestStore::open(options_);
        ASSERT_TRUE(reopened.has_value()) << reopened.error().message;
        store_ = std::move(*reopened);
        EXPECT_EQ(rawQueryInt(options_.databasePath, "PRAGMA user_version"), 3);
        auto loaded = store_->load(request.localId);
        ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
        EXPECT_EQ(*loaded, request);
    }
    EXPECT_EQ(count("requests"), 1);
}

TEST_F(SqliteRequestStoreTest, RefusesADatabaseFromANewerBalie) {
    store_.reset();
    ASSERT_TRUE(rawExec(options_.databasePath, "PRAGMA user_version = 99"));
    auto opened = sync::SqliteRequestStore::open(options_);
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, Errc::Storage);
    EXPECT_NE(opened.error().message.find("schema version 99 is newer"), std::string::npos)
        << opened.error().message;
}

TEST_F(SqliteRequestStoreTest, RefusesAFileThatIsNotADatabase) {
    TempDir other;
    auto options = storeOptionsIn(other.path());
    {
        std::ofstream out(options.databasePath);
        out << std::string(8192, 'x');
    }
    auto opened = sync::SqliteRequestStore::open(options);
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, Errc::Storage);
    EXPECT_EQ(opened.error().native & 0xff, 26);  // SQLITE_NOTADB
    EXPECT_NE(opened.error().message.find("not a Balie database while opening the request store"),
              std::string::npos)
        << opened.error().message;
}

}  // namespace
}  // namespace balie::test
