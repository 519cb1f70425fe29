// SPDX-License-Identifier: GPL-3.0-or-later
// The company's history: newest first, paged, filtered by requester, across kiosks.
#include <gtest/gtest.h>

#include "balie/sync/protocol/endpoints.h"
#include "central_fixture.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;
using nlohmann::json;

class HistoryTest : public CentralTest {};

TEST_F(HistoryTest, NewestFirstInPagesWithTheRequesterFilter) {
    const std::string otherAgent = "A-other";
    const auto pages = std::vector{pageBytes(100, 40)};
    std::vector<std::string> tickets;
    for (int i = 0; i < 5; ++i) {
        auto request = newPersonRequest(i % 2 == 0 ? server_->agentId() : otherAgent, pages,
                                        "Person" + std::string(1, static_cast<char>('A' + i)),
                                        "Test", {1990, 1, 1 + i});
        const HttpAnswer answer = client_->create(request, newKey());
        ASSERT_EQ(answer.status, 201) << answer.body;
        tickets.push_back(answer.json()["ticket"]);
    }
    // Requests of another kiosk of the company are in the history too.
    ProtocolClient colleague(server_->url(), server_->addKiosk("kiosk-2", "acme"));
    const HttpAnswer fromColleague =
        colleague.create(newPersonRequest(otherAgent, pages, "Colleague", "Cora"), newKey());
    ASSERT_EQ(fromColleague.status, 201);
    tickets.push_back(fromColleague.json()["ticket"]);
    // And a deleted one is not.
    const HttpAnswer doomed =
        client_->create(newPersonRequest(otherAgent, pages, "Doomed", "Dora"), newKey());
    ASSERT_EQ(
        client_->del(protocol::requestPath(doomed.json()["ticket"].get<std::string>())).status,
        200);

    json page = client_->get(protocol::historyTarget(std::nullopt, std::nullopt, 4)).json();
    ASSERT_EQ(page["requests"].size(), 4u);
    EXPECT_EQ(page["has_older"], true);
    EXPECT_EQ(page["requests"][0]["ticket"], tickets[5]);
    EXPECT_EQ(page["requests"][0]["kiosk_id"], "kiosk-2");
    EXPECT_EQ(page["requests"][3]["ticket"], tickets[2]);
    EXPECT_EQ(page["requests"][1]["summary"]["surname"], "PersonE");
    EXPECT_EQ(page["requests"][1]["summary"]["nationality"], "SWE");
    EXPECT_EQ(page["requests"][1]["summary"]["document_type"], "passport");

    page = client_->get(protocol::historyTarget(std::nullopt, tickets[2], 4)).json();
    ASSERT_EQ(page["requests"].size(), 2u);
    EXPECT_EQ(page["has_older"], false);
    EXPECT_EQ(page["requests"][1]["ticket"], tickets[0]);

    page = client_->get(protocol::historyTarget(server_->agentId(), std::nullopt, 10)).json();
    ASSERT_EQ(page["requests"].size(), 3u);
    for (const auto& item : page["requests"]) {
        EXPECT_EQ(item["requester"]["agent_id"], server_->agentId());
    }

    // Another company sees nothing of it.
    ProtocolClient stranger(server_->url(), server_->addKiosk("kiosk-9", "globex"));
    EXPECT_EQ(stranger.get(protocol::historyTarget(std::nullopt, std::nullopt, 10))
                  .json()["requests"]
                  .size(),
              0u);
    EXPECT_EQ(client_->get("/v1/history?before=yesterday").status, 400);
    EXPECT_EQ(client_->get("/v1/history?limit=many").status, 400);
}

TEST_F(HistoryTest, ChangesAreOnlyThisKiosksAndCursorsAreChecked) {
    const auto pages = std::vector{pageBytes(100, 41)};
    ProtocolClient colleague(server_->url(), server_->addKiosk("kiosk-2", "acme"));
    ASSERT_EQ(colleague.create(newPersonRequest(server_->agentId(), pages), newKey()).status, 201);
    ASSERT_EQ(client_->create(newPersonRequest(server_->agentId(), pages, "Mine", "Mia"), newKey())
                  .status,
              201);
    const json feed = client_->get(protocol::changesTarget("", 10)).json();
    ASSERT_EQ(feed["changes"].size(), 1u);
    EXPECT_EQ(feed["changes"][0]["state"], "sent");
    EXPECT_EQ(client_->get("/v1/changes?since=abc").status, 400);
    EXPECT_EQ(client_->get("/v1/notifications").status, 400);
}

}  // namespace
}  // namespace balie::test
