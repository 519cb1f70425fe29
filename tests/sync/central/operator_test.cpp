// SPDX-License-Identifier: GPL-3.0-or-later
// Operators decide on pending requests; every state change reaches the change feed, the
// requester's notifications and an e-mail without personal data. Deleting stops all processing.
#include <gtest/gtest.h>

#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"
#include "central_fixture.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;
using nlohmann::json;

class OperatorTest : public CentralTest {
protected:
    // A request without machine readable zone: it waits for an operator.
    std::string pendingRequest(int seed) {
        const auto pages = std::vector{pageBytes(4000, seed)};
        auto request =
            newPersonRequest(server_->agentId(), pages, "Ferreira", "Ana", {1987, 2, 14});
        request.mrz.reset();
        const json resource = fileRequest(request, pages);
        EXPECT_EQ(resource["state"], "pending_operator");
        return resource.value("ticket", "");
    }

    json changes(const std::string& since = "") {
        const HttpAnswer answer = client_->get(protocol::changesTarget(since, 100));
        EXPECT_EQ(answer.status, 200) << answer.body;
        return answer.json();
    }

    json notifications(const std::string& since = "") {
        const HttpAnswer answer =
            client_->get(protocol::notificationsTarget(server_->agentId(), since));
        EXPECT_EQ(answer.status, 200) << answer.body;
        return answer.json();
    }

    // The e-mail says that news is waiting, with the ticket, and nothing about the person.
    void expectMailFor(const std::string& ticket, std::size_t count) {
        const auto messages = smtp_->waitForMessages(count, std::chrono::seconds(60));
        ASSERT_GE(messages.size(), count);
        const SmtpMessage& message = messages[count - 1];
        EXPECT_EQ(message.recipients, std::vector<std::string>{"hr@example.be"});
        EXPECT_EQ(message.from, "balie@example.test");
        EXPECT_NE(message.data.find(ticket), std::string::npos);
        for (const char* personal :
             {"Ferreira", "FERREIRA", "Ana ", "1987", "Storgatan", "Göteborg", "85073003328"}) {
            EXPECT_EQ(message.data.find(personal), std::string::npos) << personal;
        }
    }
};

TEST_F(OperatorTest, ApproveGivesANumberAndTellsEveryone) {
    const std::string ticket = pendingRequest(30);
    const auto shown = server_->command({"operator", "show", ticket});
    ASSERT_EQ(shown.exitCode, 0) << shown.err;
    EXPECT_NE(shown.out.find("no machine readable zone"), std::string::npos);

    const auto approved = server_->command({"operator", "approve", ticket});
    ASSERT_EQ(approved.exitCode, 0) << approved.err;
    const HttpAnswer resource = client_->get(protocol::requestPath(ticket));
    EXPECT_EQ(resource.json()["state"], "identified");
    EXPECT_EQ(resource.json()["insz"].get<std::string>().size(), 11u);

    const json feed = changes();
    std::vector<std::string> states;
    for (const auto& change : feed["changes"]) {
        states.push_back(change["state"]);
    }
    EXPECT_EQ(states, (std::vector<std::string>{"sent", "pending_operator", "identified"}));
    EXPECT_EQ(feed["changes"][2]["insz"], resource.json()["insz"]);
    EXPECT_EQ(changes(feed["next_cursor"])["changes"].size(), 0u);

    const json news = notifications();
    ASSERT_EQ(news["notifications"].size(), 1u);
    EXPECT_EQ(news["notifications"][0]["kind"], "final_answer");
    EXPECT_EQ(news["notifications"][0]["ticket"], ticket);
    EXPECT_EQ(notifications(news["next_cursor"])["notifications"].size(), 0u);
    expectMailFor(ticket, 1);

    // Decided once: a second decision is refused.
    EXPECT_EQ(server_->command({"operator", "reject", ticket, "--reason", "late"}).exitCode, 1);
}

TEST_F(OperatorTest, ApproveWithAGivenNumber) {
    const std::string ticket = pendingRequest(31);
    EXPECT_EQ(server_->command({"operator", "approve", ticket, "--insz", "12345"}).exitCode, 1);
    ASSERT_EQ(
        server_->command({"operator", "approve", ticket, "--insz", "87.42.14-002.50"}).exitCode, 0);
    EXPECT_EQ(client_->get(protocol::requestPath(ticket)).json()["insz"], "87421400250");
}

TEST_F(OperatorTest, RejectIsAFinalAnswer) {
    const std::string ticket = pendingRequest(32);
    ASSERT_EQ(
        server_->command({"operator", "reject", ticket, "--reason", "document forged"}).exitCode,
        0);
    const json resource = client_->get(protocol::requestPath(ticket)).json();
    EXPECT_EQ(resource["state"], "failed");
    EXPECT_EQ(resource["action_detail"], "document forged");
    EXPECT_EQ(notifications()["notifications"][0]["state"], "failed");
    expectMailFor(ticket, 1);
    const HttpAnswer deleted = client_->del(protocol::requestPath(ticket));
    EXPECT_EQ(deleted.status, 409);
    EXPECT_EQ(deleted.errorCode(), "already_final");
}

TEST_F(OperatorTest, AskDocumentThenReuploadGoesBackToTheDecision) {
    const std::string ticket = pendingRequest(33);
    EXPECT_EQ(server_->command({"operator", "ask-document", ticket, "--reason", "blurry"}).exitCode,
              2);
    ASSERT_EQ(server_
                  ->command({"operator", "ask-document", ticket, "--reason", "bad_quality",
                             "--detail", "glare on page 1"})
                  .exitCode,
              0);
    json resource = client_->get(protocol::requestPath(ticket)).json();
    EXPECT_EQ(resource["state"], "action_expected");
    EXPECT_EQ(resource["action_reason"], "bad_quality");
    EXPECT_EQ(resource["action_detail"], "glare on page 1");
    const json news = notifications();
    ASSERT_EQ(news["notifications"].size(), 1u);
    EXPECT_EQ(news["notifications"][0]["kind"], "action_expected");
    expectMailFor(ticket, 1);

    // The new document, this time with its zone: decided at once when its page is in.
    const auto pages = std::vector{pageBytes(6000, 34)};
    const auto fresh =
        newPersonRequest(server_->agentId(), pages, "Ferreira", "Ana", {1987, 2, 14});
    const protocol::DocumentUpload upload{fresh.request.document, fresh.mrz, fresh.pages};
    HttpAnswer answer = client_->post(protocol::documentsPath(ticket), protocol::encode(upload));
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["state"], "sent");
    EXPECT_EQ(answer.json()["pages_missing"], json::array({0}));
    EXPECT_TRUE(answer.json()["action_reason"].is_null());
    // A retry of the same upload answers the same.
    EXPECT_EQ(client_->post(protocol::documentsPath(ticket), protocol::encode(upload)).status, 200);

    answer = client_->upload(ticket, 0, pages[0]);
    ASSERT_EQ(answer.status, 200);
    EXPECT_EQ(answer.json()["request"]["state"], "identified");
    EXPECT_EQ(notifications(news["next_cursor"])["notifications"][0]["kind"], "final_answer");

    // Not waiting for a document any more.
    answer = client_->post(protocol::documentsPath(ticket), protocol::encode(upload));
    EXPECT_EQ(answer.status, 409);
    EXPECT_EQ(answer.errorCode(), "invalid_state");
}

TEST_F(OperatorTest, DeleteStopsAllProcessing) {
    const std::string ticket = pendingRequest(35);
    HttpAnswer deleted = client_->del(protocol::requestPath(ticket));
    ASSERT_EQ(deleted.status, 200) << deleted.body;
    EXPECT_EQ(deleted.json()["state"], "deleted");
    // Deleting again answers the same.
    EXPECT_EQ(client_->del(protocol::requestPath(ticket)).json(), deleted.json());

    const auto approve = server_->command({"operator", "approve", ticket});
    EXPECT_EQ(approve.exitCode, 1);
    EXPECT_NE(approve.err.find("deleted"), std::string::npos);
    EXPECT_EQ(server_->command({"operator", "list"}).out.find(ticket), std::string::npos);

    // A request still uploading stops taking pages.
    const auto pages = std::vector{pageBytes(9000, 36)};
    const HttpAnswer created =
        client_->create(newPersonRequest(server_->agentId(), pages), newKey());
    const std::string uploading = created.json()["ticket"];
    ASSERT_EQ(client_->patch(uploading, 0, 0, pages[0].substr(0, 1000)).status, 200);
    ASSERT_EQ(client_->del(protocol::requestPath(uploading)).status, 200);
    const HttpAnswer refused = client_->patch(uploading, 0, 1000, pages[0].substr(1000));
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(refused.errorCode(), "invalid_state");
    EXPECT_EQ(client_->get(protocol::requestPath(uploading)).json()["state"], "deleted");
    EXPECT_EQ(changes()["changes"].back()["state"], "deleted");
}

}  // namespace
}  // namespace balie::test
