// SPDX-License-Identifier: GPL-3.0-or-later
// Filing requests with the real balie-central: idempotency, validation, credentials, lists.
#include <gtest/gtest.h>

#include <thread>

#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"
#include "central_fixture.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;

class RequestsTest : public CentralTest {};

TEST_F(RequestsTest, NewRequestIsSentWithAllPagesMissing) {
    const auto pages = std::vector{pageBytes(1000, 1), pageBytes(2000, 2)};
    const HttpAnswer answer =
        client_->create(newPersonRequest(server_->agentId(), pages), newKey());
    ASSERT_EQ(answer.status, 201) << answer.body;
    const auto resource = answer.json();
    EXPECT_TRUE(resource["ticket"].get<std::string>().starts_with("B-"));
    EXPECT_EQ(resource["state"], "sent");
    EXPECT_EQ(resource["kiosk_id"], "kiosk-1");
    EXPECT_EQ(resource["pages_missing"], nlohmann::json::array({0, 1}));
    EXPECT_TRUE(resource["insz"].is_null());
    EXPECT_EQ(answer.header("Location"),
              protocol::requestPath(resource["ticket"].get<std::string>()));

    const HttpAnswer fetched =
        client_->get(protocol::requestPath(resource["ticket"].get<std::string>()));
    EXPECT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.json(), resource);
}

TEST_F(RequestsTest, ReplayWithTheSameKeyAndBodyGivesTheSameResource) {
    const auto pages = std::vector{pageBytes(500, 3)};
    const auto request = newPersonRequest(server_->agentId(), pages);
    const std::string key = newKey();
    const HttpAnswer first = client_->create(request, key);
    ASSERT_EQ(first.status, 201) << first.body;
    // The same body spaced and ordered differently is the same request.
    const std::string respaced = nlohmann::json::parse(protocol::encode(request)).dump(4);
    const HttpAnswer second =
        client_->post(std::string(protocol::kRequestsPath), respaced, {{"Idempotency-Key", key}});
    EXPECT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(second.json()["ticket"], first.json()["ticket"]);

    const auto listed = server_->command({"list", "--json"});
    ASSERT_EQ(listed.exitCode, 0) << listed.err;
    const auto rows = nlohmann::json::parse(listed.out);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["idempotency_key"], key);
    EXPECT_EQ(rows[0]["kiosk_id"], "kiosk-1");
    EXPECT_EQ(rows[0]["local_id"], request.request.localId);
    EXPECT_EQ(rows[0]["ticket"], first.json()["ticket"]);
    EXPECT_EQ(rows[0]["state"], "sent");
    EXPECT_TRUE(rows[0]["insz"].is_null());
}

TEST_F(RequestsTest, SameKeyWithAnotherBodyIsAConflict) {
    const auto pages = std::vector{pageBytes(500, 4)};
    auto request = newPersonRequest(server_->agentId(), pages);
    const std::string key = newKey();
    ASSERT_EQ(client_->create(request, key).status, 201);
    request.request.comment = "changed my mind";
    const HttpAnswer conflict = client_->create(request, key);
    EXPECT_EQ(conflict.status, 409);
    EXPECT_EQ(conflict.errorCode(), "idempotency_conflict");
    // Another kiosk may use the same key for its own request.
    const std::string otherToken = server_->addKiosk("kiosk-2", "acme");
    ProtocolClient other(server_->url(), otherToken);
    EXPECT_EQ(other.create(request, key).status, 201);
}

TEST_F(RequestsTest, MalformedInputIsRefusedWithAClearError) {
    const auto pages = std::vector{pageBytes(500, 5)};
    const auto request = newPersonRequest(server_->agentId(), pages);
    const std::string path(protocol::kRequestsPath);

    HttpAnswer answer = client_->post(path, protocol::encode(request));
    EXPECT_EQ(answer.status, 400);
    EXPECT_EQ(answer.json()["error"]["field"], "Idempotency-Key");

    answer = client_->post(path, "{\"local_id\": ", {{"Idempotency-Key", newKey()}});
    EXPECT_EQ(answer.status, 400);
    EXPECT_EQ(answer.errorCode(), "bad_request");

    auto wire = nlohmann::json::parse(protocol::encode(request));
    wire["person"]["birth_date"] = "21/09/1993";
    answer = client_->post(path, wire.dump(), {{"Idempotency-Key", newKey()}});
    EXPECT_EQ(answer.status, 422);
    EXPECT_EQ(answer.errorCode(), "invalid_request");
    EXPECT_EQ(answer.json()["error"]["field"], "person.birth_date");

    auto invalid = request;
    invalid.request.person.surname.clear();
    answer = client_->create(invalid, newKey());
    EXPECT_EQ(answer.status, 422);
    EXPECT_EQ(answer.json()["error"]["field"], "person.surname");

    auto huge = request;
    huge.pages[0].bytes = protocol::kMaxPageBytes + 1;
    answer = client_->create(huge, newKey());
    EXPECT_EQ(answer.status, 413);
    EXPECT_EQ(answer.errorCode(), "page_too_large");

    auto tooMany = newPersonRequest(
        server_->agentId(),
        {pageBytes(9, 1), pageBytes(9, 2), pageBytes(9, 3), pageBytes(9, 4), pageBytes(9, 5)});
    answer = client_->create(tooMany, newKey());
    EXPECT_EQ(answer.status, 422);
    EXPECT_EQ(answer.json()["error"]["field"], "pages");

    EXPECT_EQ(nlohmann::json::parse(server_->command({"list", "--json"}).out).size(), 0u);
}

TEST_F(RequestsTest, CredentialsAndOwnership) {
    ProtocolClient stranger(server_->url(), "not-a-token");
    HttpAnswer answer = stranger.get(std::string(protocol::kAgentsPath));
    EXPECT_EQ(answer.status, 401);
    EXPECT_EQ(answer.errorCode(), "unauthorized");

    const auto pages = std::vector{pageBytes(100, 6)};
    const HttpAnswer created =
        client_->create(newPersonRequest(server_->agentId(), pages), newKey());
    const std::string ticket = created.json()["ticket"];

    // Another company's kiosk does not see the request at all.
    ProtocolClient otherCompany(server_->url(), server_->addKiosk("kiosk-9", "globex"));
    EXPECT_EQ(otherCompany.get(protocol::requestPath(ticket)).status, 404);
    EXPECT_EQ(otherCompany.patch(ticket, 0, 0, pages[0]).status, 404);
    // A kiosk of the same company does.
    ProtocolClient colleague(server_->url(), server_->addKiosk("kiosk-3", "acme"));
    EXPECT_EQ(colleague.get(protocol::requestPath(ticket)).status, 200);

    EXPECT_EQ(client_->get(protocol::requestPath("B-999999")).status, 404);
    EXPECT_EQ(client_->get(protocol::requestPath("nonsense")).status, 404);
    EXPECT_EQ(client_->get("/v1/unknown").status, 404);
}

TEST_F(RequestsTest, AgentsAreVerifiedAgainstTheAccessList) {
    HttpAnswer answer = client_->post(std::string(protocol::kAgentsVerifyPath),
                                      R"({"national_number": "85073003328"})");
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["agent_id"], server_->agentId());
    EXPECT_EQ(answer.json()["display_name"], "Els Peeters");
    EXPECT_EQ(answer.json()["allowed"], true);

    answer = client_->post(std::string(protocol::kAgentsVerifyPath),
                           R"({"national_number": "90020199751"})");
    EXPECT_EQ(answer.status, 403);
    EXPECT_EQ(answer.errorCode(), "access_denied");

    answer = client_->post(std::string(protocol::kAgentsVerifyPath), R"({"national_number": 5})");
    EXPECT_EQ(answer.status, 422);

    answer = client_->get(std::string(protocol::kAgentsPath));
    ASSERT_EQ(answer.status, 200);
    ASSERT_EQ(answer.json()["agents"].size(), 1u);
    EXPECT_EQ(answer.body.find("85073003328"), std::string::npos);

    ASSERT_EQ(server_->command({"access", "revoke", "85073003328", "--company", "acme"}).exitCode,
              0);
    EXPECT_EQ(client_
                  ->post(std::string(protocol::kAgentsVerifyPath),
                         R"({"national_number": "85073003328"})")
                  .status,
              403);
    // Nothing of the national number reaches the server's log.
    EXPECT_EQ(server_->log().find("85073003328"), std::string::npos);
}

TEST_F(RequestsTest, CommandLineErrorsAreOneLineAndNonZero) {
    auto result = server_->command({"operator", "approve", "B-424242"});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.err.find("B-424242"), std::string::npos);
    result = runProcess(centralProgram(), {"list", "--db", "mysql://nowhere"});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.err.find("sqlite:PATH or postgresql://"), std::string::npos);
    result = runProcess(centralProgram(), {"frobnicate"});
    EXPECT_EQ(result.exitCode, 2);
    result = server_->command({"access", "grant", "12345", "--company", "acme"});
    EXPECT_EQ(result.exitCode, 1);
    result = server_->command({"kiosk", "add", "kiosk-1", "--company", "acme"});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.err.find("already exists"), std::string::npos);
}

TEST_F(RequestsTest, ARequestIsDeletedByTheKeyOfItsCreate) {
    const auto pages = std::vector{pageBytes(1000, 1)};
    const std::string key = newKey();
    const HttpAnswer created = client_->create(newPersonRequest(server_->agentId(), pages), key);
    ASSERT_EQ(created.status, 201) << created.body;

    const HttpAnswer deleted = client_->del(protocol::requestByKeyTarget(key));
    ASSERT_EQ(deleted.status, 200) << deleted.body;
    EXPECT_EQ(deleted.json()["ticket"], created.json()["ticket"]);
    EXPECT_EQ(deleted.json()["state"], "deleted");
    EXPECT_EQ(client_->del(protocol::requestByKeyTarget(key)).status, 200) << "idempotent";

    const HttpAnswer unknown = client_->del(protocol::requestByKeyTarget(newKey()));
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.errorCode(), "not_found");
    const HttpAnswer nameless = client_->del(std::string(protocol::kRequestsPath));
    EXPECT_EQ(nameless.status, 400);
    EXPECT_EQ(nameless.errorCode(), "bad_request");
    EXPECT_TRUE(client_->schemaProblems().empty()) << client_->schemaProblems().front();
}

TEST_F(RequestsTest, TheWorkerPoolSizeIsAServeOption) {
    CentralServerOptions options;
    options.extraServeArguments = {"--threads", "2"};
    auto small = CentralServer::start(options);
    // More kiosks at once than workers: each waits its turn, none is refused.
    std::vector<std::thread> kiosks;
    std::vector<int> statuses(6, 0);
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        kiosks.emplace_back([&, i] {
            ProtocolClient client(small.url(), small.token());
            const auto pages = std::vector{pageBytes(500, static_cast<int>(i))};
            statuses[i] = client
                              .create(newPersonRequest(small.agentId(), pages,
                                                       "Kiosk" + std::string(1, char('A' + i))),
                                      newKey())
                              .status;
        });
    }
    for (auto& kiosk : kiosks) {
        kiosk.join();
    }
    EXPECT_EQ(statuses, std::vector<int>(statuses.size(), 201));

    for (const std::string bad : {"0", "1025", "many"}) {
        const auto refused =
            runProcess(centralProgram(), {"serve", "--listen", "127.0.0.1:0", "--db",
                                          "sqlite:/nonexistent/db", "--threads", bad});
        EXPECT_EQ(refused.exitCode, 2) << bad;
        EXPECT_NE(refused.err.find("--threads must be 1 to 1024"), std::string::npos)
            << refused.err;
    }
}

}  // namespace
}  // namespace balie::test
