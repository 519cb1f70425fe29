// SPDX-License-Identifier: GPL-3.0-or-later
// The real balie-central on PostgreSQL over HTTP: filing, replay, resumable pages, decisions,
// operators and a crash, as on SQLite.
#include <gtest/gtest.h>

#include "balie/sync/protocol/endpoints.h"
#include "central_fixture.h"
#include "postgres_server.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;

class PostgresHttpTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!PostgresServer::available()) {
            GTEST_SKIP() << PostgresServer::unavailableReason();
        }
        postgres_.emplace(PostgresServer::start());
        CentralServerOptions options;
        options.database = postgres_->url();
        server_.emplace(CentralServer::start(options));
        client_ = std::make_unique<ProtocolClient>(server_->url(), server_->token());
    }

    void TearDown() override {
        if (client_) {
            for (const std::string& problem : client_->schemaProblems()) {
                ADD_FAILURE() << "answer does not follow openapi.json: " << problem;
            }
        }
        client_.reset();
        server_.reset();
        postgres_.reset();
    }

    std::optional<PostgresServer> postgres_;
    std::optional<CentralServer> server_;
    std::unique_ptr<ProtocolClient> client_;
};

TEST_F(PostgresHttpTest, FileReplayUploadAndDecide) {
    const auto pages = std::vector{pageBytes(120'000, 50)};
    const auto request = knownPersonRequest(server_->agentId(), pages);
    const std::string key = newKey();
    const HttpAnswer created = client_->create(request, key);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(client_->create(request, key).status, 200);
    const std::string ticket = created.json()["ticket"];

    ASSERT_EQ(client_->patch(ticket, 0, 0, pages[0].substr(0, 50'000)).status, 200);
    EXPECT_EQ(client_->patch(ticket, 0, 0, "x").header("Upload-Offset"), "50000");
    // A crash between two chunks loses nothing that was answered.
    server_->kill();
    server_->restart();
    EXPECT_EQ(client_->head(ticket, 0).header("Upload-Offset"), "50000");
    const HttpAnswer done = client_->patch(ticket, 0, 50'000, pages[0].substr(50'000));
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json()["request"]["state"], "identified");
    EXPECT_EQ(done.json()["request"]["insz"], "90441701227");

    const auto listed = nlohmann::json::parse(server_->command({"list", "--json"}).out);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["idempotency_key"], key);
}

TEST_F(PostgresHttpTest, OperatorDecidesAPendingRequest) {
    const auto pages = std::vector{pageBytes(4000, 51)};
    auto request = newPersonRequest(server_->agentId(), pages, "Ferreira", "Ana", {1987, 2, 14});
    request.mrz.reset();
    const HttpAnswer created = client_->create(request, newKey());
    const std::string ticket = created.json()["ticket"];
    const HttpAnswer uploaded = client_->upload(ticket, 0, pages[0]);
    EXPECT_EQ(uploaded.json()["request"]["state"], "pending_operator");
    ASSERT_EQ(server_->command({"operator", "approve", ticket}).exitCode, 0);
    const auto resource = client_->get(protocol::requestPath(ticket)).json();
    EXPECT_EQ(resource["state"], "identified");
    const auto feed = client_->get(protocol::changesTarget("", 10)).json();
    EXPECT_EQ(feed["changes"].size(), 3u);
    const auto news = client_->get(protocol::notificationsTarget(server_->agentId(), "")).json();
    EXPECT_EQ(news["notifications"].size(), 1u);
}

}  // namespace
}  // namespace balie::test
