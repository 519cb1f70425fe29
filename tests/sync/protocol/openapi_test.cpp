// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenAPI document and the encoders agree: every example body conforms to its schema, and
// every endpoint the library names is described.
#include <gtest/gtest.h>

#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"
#include "openapi_checker.h"
#include "wire_examples.h"

namespace balie::sync::protocol {
namespace {

using nlohmann::json;

void expectConforms(const test::OpenApi& openapi, std::string_view schema,
                    const std::string& body) {
    const auto problems = openapi.check(schema, json::parse(body));
    EXPECT_TRUE(problems.empty()) << schema << ": " << (problems.empty() ? "" : problems.front());
}

TEST(OpenApiTest, EveryEncodedBodyConformsToItsSchema) {
    const auto openapi = test::OpenApi::load();
    expectConforms(openapi, "CreateRequest", encode(test::exampleCreateRequest()));
    CreateRequest minimal = test::exampleCreateRequest();
    minimal.mrz.reset();
    minimal.request.contactAddress.reset();
    minimal.request.person.nationality.clear();
    expectConforms(openapi, "CreateRequest", encode(minimal));
    expectConforms(openapi, "DocumentUpload",
                   encode(DocumentUpload{minimal.request.document, std::nullopt, minimal.pages}));
    expectConforms(openapi, "RequestResource", encode(test::exampleResource()));
    expectConforms(openapi, "RequestResource", encode(test::exampleActionResource()));
    expectConforms(openapi, "PageUploadResult",
                   encode(PageUploadResult{0, 10, false, test::exampleResource()}));
    expectConforms(openapi, "ChangesPage", encode(test::exampleChanges()));
    expectConforms(openapi, "HistoryPage", encode(test::exampleHistory()));
    expectConforms(openapi, "NotificationsPage", encode(test::exampleNotifications()));
    expectConforms(openapi, "AgentVerifyRequest", encode(AgentVerifyRequest{"85073003328"}));
    expectConforms(openapi, "AgentVerifyResponse",
                   encode(AgentVerifyResponse{"A-1", "Els Peeters", true}));
    expectConforms(openapi, "DigitalKeyLogin",
                   encode(DigitalKeyLogin{"els.peeters", "tulpen-2024", "094287"}));
    expectConforms(openapi, "AgentList", encode(AgentList{{{"A-1", "Els Peeters"}}}));
    expectConforms(openapi, "Error", encode(ErrorBody{"invalid_request", "x", "person.surname"}));
}

TEST(OpenApiTest, TheCheckerCatchesWhatDoesNotConform) {
    const auto openapi = test::OpenApi::load();
    json resource = json::parse(encode(test::exampleResource()));
    resource["state"] = "archived";
    EXPECT_FALSE(openapi.check("RequestResource", resource).empty());
    resource = json::parse(encode(test::exampleResource()));
    resource.erase("ticket");
    EXPECT_FALSE(openapi.check("RequestResource", resource).empty());
    resource = json::parse(encode(test::exampleResource()));
    resource["ticket"] = nullptr;
    EXPECT_FALSE(openapi.check("RequestResource", resource).empty());
    resource = json::parse(encode(test::exampleResource()));
    resource["pages_missing"] = json::array({"0"});
    EXPECT_FALSE(openapi.check("RequestResource", resource).empty());
    resource = json::parse(encode(test::exampleResource()));
    resource["surprise"] = 1;
    EXPECT_FALSE(openapi.check("RequestResource", resource).empty());
}

TEST(OpenApiTest, EveryEndpointIsDescribedWithItsErrors) {
    const auto openapi = test::OpenApi::load();
    const json& paths = openapi.document()["paths"];
    for (std::string_view path : {kAgentsVerifyPath, kAgentsLoginPath, kAgentsPath, kRequestsPath,
                                  kChangesPath, kHistoryPath, kNotificationsPath}) {
        EXPECT_TRUE(paths.contains(std::string(path))) << path;
    }
    EXPECT_TRUE(paths.contains("/v1/requests/{ticket}"));
    EXPECT_TRUE(paths.contains("/v1/requests/{ticket}/pages/{index}"));
    EXPECT_TRUE(paths.contains("/v1/requests/{ticket}/documents"));
    const std::string errorBody = encode(ErrorBody{"offset_mismatch", "x", std::nullopt});
    EXPECT_TRUE(openapi.checkResponse("PATCH", pagePath("B-000001", 0), 409, errorBody).empty());
    EXPECT_TRUE(openapi.checkResponse("POST", kRequestsPath, 422, errorBody).empty());
    EXPECT_FALSE(openapi.checkResponse("POST", kRequestsPath, 418, errorBody).empty());
    EXPECT_FALSE(openapi.checkResponse("GET", "/v1/unknown", 200, "{}").empty());
}

}  // namespace
}  // namespace balie::sync::protocol
