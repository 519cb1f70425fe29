// SPDX-License-Identifier: GPL-3.0-or-later
// The central service's behaviour over its storage interface, the same tests on SQLite and on
// PostgreSQL: both backends must behave alike.
#include "balie/sync/central/service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <thread>

#include "balie/core/insz.h"
#include "balie/sync/protocol/checksum.h"
#include "balie/sync/protocol/codec.h"
#include "central_fixture.h"
#include "postgres_server.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;
using sync::central::CentralService;
using sync::central::Database;
using sync::central::KioskIdentity;

class ServiceTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        std::string url;
        if (GetParam() == "postgresql") {
            if (!PostgresServer::available()) {
                GTEST_SKIP() << PostgresServer::unavailableReason();
            }
            postgres_.emplace(PostgresServer::start());
            url = postgres_->url();
        } else {
            char pattern[] = "/tmp/balie-service-XXXXXX";
            ASSERT_NE(::mkdtemp(pattern), nullptr);
            directory_ = pattern;
            url = "sqlite:" + (directory_ / "central.sqlite").string();
        }
        auto database = Database::open(url);
        ASSERT_TRUE(database.has_value()) << database.error().message;
        service_ = std::make_unique<CentralService>(std::move(*database));
        ASSERT_TRUE(service_->addKiosk("kiosk-1", "acme").has_value());
        auto agent = service_->grantAccess("acme", "85073003328", "Els Peeters");
        ASSERT_TRUE(agent.has_value()) << agent.error().message;
        agentId_ = *agent;
        std::ifstream file(knownPersonsFixture());
        std::string text;
        std::getline(file, text, '\0');
        auto persons = sync::central::parseRegistry(text);
        ASSERT_TRUE(persons.has_value()) << persons.error().message;
        ASSERT_TRUE(service_->importRegistry(*persons).has_value());
    }

    void TearDown() override {
        service_.reset();
        postgres_.reset();
        if (!directory_.empty()) {
            std::filesystem::remove_all(directory_);
        }
    }

    // Files a request and uploads its pages in one piece each; returns the last resource.
    protocol::RequestResource file(const protocol::CreateRequest& request,
                                   const std::vector<std::string>& pages,
                                   const std::string& key = newKey()) {
        auto created = service_->createRequest(kiosk_, key, protocol::encode(request));
        EXPECT_TRUE(created.has_value()) << (created ? "" : created.error().message);
        if (!created.has_value()) {
            return {};
        }
        protocol::RequestResource resource = created->resource;
        for (std::size_t i = 0; i < pages.size(); ++i) {
            auto appended =
                service_->appendPage(kiosk_, resource.ticket, static_cast<int>(i), 0, pages[i]);
            EXPECT_TRUE(appended.has_value()) << (appended ? "" : appended.error().message);
            if (appended.has_value()) {
                resource = appended->request;
            }
        }
        return resource;
    }

    std::optional<PostgresServer> postgres_;
    std::filesystem::path directory_;
    std::unique_ptr<CentralService> service_;
    KioskIdentity kiosk_{"kiosk-1", "acme"};
    std::string agentId_;
};

TEST_P(ServiceTest, IdempotentCreateNeverMakesTwoRows) {
    const auto pages = std::vector{pageBytes(1000, 1)};
    const auto request = newPersonRequest(agentId_, pages);
    const std::string key = newKey();
    auto first = service_->createRequest(kiosk_, key, protocol::encode(request));
    ASSERT_TRUE(first.has_value()) << first.error().message;
    EXPECT_TRUE(first->created);
    auto again = service_->createRequest(kiosk_, key, protocol::encode(request));
    ASSERT_TRUE(again.has_value());
    EXPECT_FALSE(again->created);
    EXPECT_EQ(again->resource.ticket, first->resource.ticket);
    auto changed = request;
    changed.request.email = "other@example.be";
    auto conflict = service_->createRequest(kiosk_, key, protocol::encode(changed));
    ASSERT_FALSE(conflict.has_value());
    EXPECT_EQ(conflict.error().status, 409);
    EXPECT_EQ(service_->listRequests().value().size(), 1u);
}

TEST_P(ServiceTest, PagesDecisionsAndChecksums) {
    const auto pages = std::vector{pageBytes(3000, 2), pageBytes(2000, 3)};
    auto created = service_->createRequest(kiosk_, newKey(),
                                           protocol::encode(knownPersonRequest(agentId_, pages)));
    ASSERT_TRUE(created.has_value());
    const std::string ticket = created->resource.ticket;
    EXPECT_EQ(created->resource.pagesMissing, (std::vector<int>{0, 1}));

    auto part = service_->appendPage(kiosk_, ticket, 0, 0, pages[0].substr(0, 1000));
    ASSERT_TRUE(part.has_value());
    EXPECT_EQ(service_->pageOffset(kiosk_, ticket, 0).value(), 1000u);
    auto mismatch = service_->appendPage(kiosk_, ticket, 0, 500, "x");
    ASSERT_FALSE(mismatch.has_value());
    EXPECT_EQ(mismatch.error().uploadOffset, 1000u);

    std::string wrong = pages[0].substr(1000);
    wrong[0] = static_cast<char>(wrong[0] ^ 1);
    auto checksum = service_->appendPage(kiosk_, ticket, 0, 1000, wrong);
    ASSERT_FALSE(checksum.has_value());
    EXPECT_EQ(checksum.error().code, "checksum_mismatch");
    EXPECT_EQ(service_->pageOffset(kiosk_, ticket, 0).value(), 0u);

    ASSERT_TRUE(service_->appendPage(kiosk_, ticket, 0, 0, pages[0]).has_value());
    auto last = service_->appendPage(kiosk_, ticket, 1, 0, pages[1]);
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->request.state, core::RequestStatus::Identified);
    EXPECT_EQ(last->request.insz, "90441701227");
}

TEST_P(ServiceTest, OperatorFlowFeedsChangesAndNotifications) {
    const auto pages = std::vector{pageBytes(1000, 4)};
    auto request = newPersonRequest(agentId_, pages, "Ferreira", "Ana", {1987, 2, 14});
    request.mrz.reset();
    const auto pending = file(request, pages);
    ASSERT_EQ(pending.state, core::RequestStatus::PendingOperator);
    ASSERT_EQ(service_->pendingForOperator().value().size(), 1u);
    auto asked = service_->askDocument(pending.ticket, core::ActionReason::ExpiredDocument, "");
    ASSERT_TRUE(asked.has_value()) << asked.error().message;
    EXPECT_EQ(asked->state, core::RequestStatus::ActionExpected);

    auto feed = service_->changes(kiosk_, "", 0).value();
    ASSERT_EQ(feed.changes.size(), 3u);
    EXPECT_EQ(feed.changes[2].actionReason, core::ActionReason::ExpiredDocument);
    auto news = service_->notifications(kiosk_, agentId_, "").value();
    ASSERT_EQ(news.notifications.size(), 1u);
    EXPECT_EQ(news.notifications[0].kind, protocol::NotificationKind::ActionExpected);
    auto mails = service_->dueMails(10).value();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].ticket, pending.ticket);
    ASSERT_TRUE(service_->markMailSent(mails[0].id).has_value());
    EXPECT_TRUE(service_->dueMails(10).value().empty());

    auto deleted = service_->deleteRequest(kiosk_, pending.ticket);
    ASSERT_TRUE(deleted.has_value());
    EXPECT_EQ(deleted->state, core::RequestStatus::Deleted);
    EXPECT_FALSE(service_->approve(pending.ticket, std::nullopt).has_value());
    EXPECT_TRUE(service_->history(kiosk_, std::nullopt, std::nullopt, 10).value().requests.empty());
}

TEST_P(ServiceTest, ConcurrentNewPersonsGetDistinctBisNumbers) {
    constexpr int kThreads = 4;
    constexpr int kEach = 5;
    std::vector<std::thread> threads;
    std::mutex mutex;
    std::vector<std::string> numbers;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const auto pages = std::vector{pageBytes(200, t * 100 + i)};
                // Same birth date and sex for all: they compete for the same serials.
                const auto resource =
                    file(newPersonRequest(agentId_, pages,
                                          std::string("Twin") + static_cast<char>('A' + t) +
                                              static_cast<char>('a' + i),
                                          "Same", {1999, 12, 31}),
                         pages);
                std::lock_guard lock(mutex);
                numbers.push_back(resource.insz);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    const std::set<std::string> distinct(numbers.begin(), numbers.end());
    EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kThreads * kEach));
    EXPECT_EQ(distinct.count(""), 0u);
}

TEST_P(ServiceTest, AccessListKeepsNoNationalNumbers) {
    auto verified = service_->verifyAgent(kiosk_, R"({"national_number": "85073003328"})");
    ASSERT_TRUE(verified.has_value());
    EXPECT_EQ(verified->agentId, agentId_);
    EXPECT_EQ(service_->grantAccess("acme", "85073003328", "").value(), agentId_);
    EXPECT_FALSE(service_->grantAccess("acme", "85073003329", "x").has_value());
    ASSERT_TRUE(service_->revokeAccess("acme", "85073003328").has_value());
    EXPECT_EQ(service_->verifyAgent(kiosk_, R"({"national_number": "85073003328"})").error().status,
              403);
    EXPECT_FALSE(service_->revokeAccess("acme", "85073003328").has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, ServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& backend) {
                             return backend.param;
                         });

}  // namespace
}  // namespace balie::test
