// SPDX-License-Identifier: GPL-3.0-or-later
// Every protocol body survives a round trip; every kind of bad body is refused with its field.
#include "balie/sync/protocol/codec.h"

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "wire_examples.h"

namespace balie::sync::protocol {
namespace {

using nlohmann::json;
using test::exampleCreateRequest;

// Encodes, edits the JSON with `edit`, and returns the text, to build one bad body at a time.
template <typename Body, typename Edit>
std::string edited(const Body& body, Edit edit) {
    json value = json::parse(encode(body));
    edit(value);
    return value.dump();
}

void expectRefused(const core::Result<CreateRequest>& result, const std::string& field) {
    ASSERT_FALSE(result.has_value()) << "expected '" << field << "' to be refused";
    EXPECT_EQ(result.error().code, core::Errc::InvalidFormat);
    EXPECT_EQ(errorField(result.error()), field) << result.error().message;
}

TEST(CodecTest, CreateRequestRoundTrip) {
    const CreateRequest body = exampleCreateRequest();
    auto decoded = decodeCreateRequest(encode(body));
    ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
    EXPECT_EQ(*decoded, body);
}

TEST(CodecTest, CreateRequestWithoutOptionalPartsRoundTrip) {
    CreateRequest body = exampleCreateRequest();
    body.mrz.reset();
    body.request.contactAddress.reset();
    body.request.document.validFrom.reset();
    body.request.document.validUntil.reset();
    body.request.document.nationalNumber.clear();
    body.request.person.nationality.clear();
    body.request.person.birthCountry.clear();
    body.request.person.birthDate = {1990, 0, 0};
    body.request.person.sex = core::Sex::Unknown;
    body.request.autoFilled.clear();
    body.request.comment.clear();
    auto decoded = decodeCreateRequest(encode(body));
    ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
    EXPECT_EQ(*decoded, body);
}

TEST(CodecTest, CreateRequestWireFormatFollowsTheProtocol) {
    const json wire = json::parse(encode(exampleCreateRequest()));
    EXPECT_EQ(wire["document"]["type"], "passport");
    EXPECT_EQ(wire["document"]["issuing_country"], "POL");
    EXPECT_EQ(wire["document"]["valid_until"], "2030-02-28");
    EXPECT_TRUE(wire["document"]["national_number"].is_null());
    EXPECT_EQ(wire["document"]["mrz"].size(), 2u);
    EXPECT_EQ(wire["person"]["sex"], "F");
    EXPECT_EQ(wire["person"]["nationality"], "POL");
    EXPECT_EQ(wire["residence"]["postal_code"], "31-147");
    EXPECT_EQ(wire["contact_address"]["country"], "BEL");
    EXPECT_EQ(wire["submitted_at"], "2026-12-02T10:00:00Z");
    EXPECT_EQ(wire["auto_filled"], json::array({"surname", "birth_date"}));
    EXPECT_EQ(wire["pages"][1]["index"], 1);
    EXPECT_EQ(wire["pages"][1]["media_type"], "image/jpeg");
    EXPECT_FALSE(wire.contains("ticket"));
    EXPECT_FALSE(wire.contains("insz"));
}

TEST(CodecTest, DocumentUploadRoundTrip) {
    DocumentUpload body;
    body.document = exampleCreateRequest().request.document;
    body.document.nationalNumber = "90041712345";
    body.document.number = "90041712345";
    body.pages = {test::examplePageManifest(0)};
    auto decoded = decodeDocumentUpload(encode(body));
    ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
    EXPECT_EQ(*decoded, body);
}

TEST(CodecTest, ResourceRoundTrips) {
    for (const auto& resource : {test::exampleResource(), test::exampleActionResource()}) {
        auto decoded = decodeRequestResource(encode(resource));
        ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
        EXPECT_EQ(*decoded, resource);
    }
    RequestResource sent = test::exampleResource();
    sent.state = core::RequestStatus::Sent;
    sent.insz.clear();
    sent.personCompleted.reset();
    sent.pagesMissing = {0, 2};
    const json wire = json::parse(encode(sent));
    EXPECT_TRUE(wire["insz"].is_null());
    EXPECT_TRUE(wire["person_completed"].is_null());
    EXPECT_EQ(wire["pages_missing"], json::array({0, 2}));
    EXPECT_EQ(wire["state"], "sent");
}

TEST(CodecTest, PageUploadResultRoundTrip) {
    const PageUploadResult body{1, 262'144, false, test::exampleResource()};
    auto decoded = decodePageUploadResult(encode(body));
    ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
    EXPECT_EQ(*decoded, body);
}

TEST(CodecTest, ListsRoundTrip) {
    auto changes = decodeChangesPage(encode(test::exampleChanges()));
    ASSERT_TRUE(changes.has_value()) << changes.error().message;
    EXPECT_EQ(*changes, test::exampleChanges());

    auto history = decodeHistoryPage(encode(test::exampleHistory()));
    ASSERT_TRUE(history.has_value()) << history.error().message;
    EXPECT_EQ(*history, test::exampleHistory());

    auto notifications = decodeNotificationsPage(encode(test::exampleNotifications()));
    ASSERT_TRUE(notifications.has_value()) << notifications.error().message;
    EXPECT_EQ(*notifications, test::exampleNotifications());
}

TEST(CodecTest, AgentsAndErrorsRoundTrip) {
    const AgentVerifyRequest verify{"85073003328"};
    EXPECT_EQ(decodeAgentVerifyRequest(encode(verify)).value(), verify);
    const AgentVerifyResponse answer{"agent-7", "Els Peeters", true};
    EXPECT_EQ(decodeAgentVerifyResponse(encode(answer)).value(), answer);
    const DigitalKeyLogin login{"els.peeters", "tulpen-2024", "094287"};
    EXPECT_EQ(decodeDigitalKeyLogin(encode(login)).value(), login);
    auto noCode = decodeDigitalKeyLogin(R"({"username": "els", "password": "x", "code": ""})");
    ASSERT_FALSE(noCode.has_value());
    EXPECT_EQ(errorField(noCode.error()), "code");

    AgentList list;
    list.agents = {{"agent-7", "Els Peeters"}, {"agent-8", "Jan Janssens"}};
    auto decodedList = decodeAgentList(encode(list));
    ASSERT_TRUE(decodedList.has_value());
    ASSERT_EQ(decodedList->agents.size(), 2u);
    EXPECT_EQ(decodedList->agents[1].displayName, "Jan Janssens");

    const ErrorBody error{"invalid_request", "surname is missing", "person.surname"};
    EXPECT_EQ(decodeErrorBody(encode(error)).value(), error);
    const ErrorBody plain{"not_found", "no such ticket", std::nullopt};
    EXPECT_EQ(decodeErrorBody(encode(plain)).value(), plain);
    EXPECT_FALSE(json::parse(encode(plain))["error"].contains("field"));
}

TEST(CodecTest, NotJsonIsRefusedForTheWholeBody) {
    for (const char* text : {"", "{", "not json", "{\"a\":1,}", "\xff\xfe"}) {
        auto decoded = decodeCreateRequest(text);
        ASSERT_FALSE(decoded.has_value()) << text;
        EXPECT_EQ(decoded.error().message, "(body): not valid JSON");
        EXPECT_EQ(errorField(decoded.error()), "");
    }
    EXPECT_FALSE(decodeRequestResource("[]").has_value());
    EXPECT_FALSE(decodeChangesPage("null").has_value());
    EXPECT_FALSE(decodeErrorBody("42").has_value());
}

TEST(CodecTest, MissingFieldsAreNamed) {
    const CreateRequest body = exampleCreateRequest();
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v.erase("local_id"); })),
                  "local_id");
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v["person"].erase("surname"); })),
                  "person.surname");
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v.erase("pages"); })), "pages");
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v["pages"][1].erase("sha256"); })),
                  "pages[1].sha256");
    expectRefused(
        decodeCreateRequest(edited(body, [](json& v) { v["residence"].erase("country"); })),
        "residence.country");
}

TEST(CodecTest, WrongTypesAreNamed) {
    const CreateRequest body = exampleCreateRequest();
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v["email"] = 5; })), "email");
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v["person"] = "x"; })), "person");
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v["pages"] = json::object(); })),
                  "pages");
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v["pages"][0]["bytes"] = -1; })),
                  "pages[0].bytes");
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v["pages"][0]["bytes"] = 1.5; })),
                  "pages[0].bytes");
    expectRefused(
        decodeCreateRequest(edited(body, [](json& v) { v["pages"][0]["width"] = "wide"; })),
        "pages[0].width");
    expectRefused(
        decodeCreateRequest(edited(body, [](json& v) { v["document"]["mrz"] = json::array({1}); })),
        "document.mrz[0]");
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v["requester"] = nullptr; })),
                  "requester");
}

TEST(CodecTest, BadFormatsAreNamed) {
    const CreateRequest body = exampleCreateRequest();
    expectRefused(decodeCreateRequest(
                      edited(body, [](json& v) { v["person"]["birth_date"] = "17/04/1990"; })),
                  "person.birth_date");
    expectRefused(decodeCreateRequest(
                      edited(body, [](json& v) { v["person"]["birth_date"] = "1990-02-30"; })),
                  "person.birth_date");
    expectRefused(
        decodeCreateRequest(edited(body, [](json& v) { v["submitted_at"] = "yesterday"; })),
        "submitted_at");
    expectRefused(
        decodeCreateRequest(edited(body, [](json& v) { v["pages"][0]["sha256"] = "abc"; })),
        "pages[0].sha256");
    expectRefused(
        decodeCreateRequest(edited(body, [](json& v) { v["pages"][0]["media_type"] = ""; })),
        "pages[0].media_type");
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v["local_id"] = ""; })),
                  "local_id");
    auto badNumber = decodeAgentVerifyRequest(R"({"national_number": "8507300332"})");
    ASSERT_FALSE(badNumber.has_value());
    EXPECT_EQ(errorField(badNumber.error()), "national_number");
}

TEST(CodecTest, UnknownEnumValuesAreRefused) {
    const CreateRequest body = exampleCreateRequest();
    expectRefused(
        decodeCreateRequest(edited(body, [](json& v) { v["document"]["type"] = "library_card"; })),
        "document.type");
    expectRefused(decodeCreateRequest(edited(body, [](json& v) { v["person"]["sex"] = "male"; })),
                  "person.sex");
    expectRefused(
        decodeCreateRequest(edited(body, [](json& v) { v["person"]["nationality"] = "PL"; })),
        "person.nationality");
    expectRefused(decodeCreateRequest(
                      edited(body, [](json& v) { v["document"]["issuing_country"] = "XXA"; })),
                  "document.issuing_country");

    auto state = decodeRequestResource(
        edited(test::exampleResource(), [](json& v) { v["state"] = "archived"; }));
    ASSERT_FALSE(state.has_value());
    EXPECT_EQ(errorField(state.error()), "state");
    EXPECT_NE(state.error().message.find("archived"), std::string::npos);

    auto reason = decodeRequestResource(
        edited(test::exampleActionResource(), [](json& v) { v["action_reason"] = "lost"; }));
    ASSERT_FALSE(reason.has_value());
    EXPECT_EQ(errorField(reason.error()), "action_reason");

    auto kind = decodeNotificationsPage(
        edited(test::exampleNotifications(), [](json& v) { v["notifications"][1]["kind"] = "x"; }));
    ASSERT_FALSE(kind.has_value());
    EXPECT_EQ(errorField(kind.error()), "notifications[1].kind");
}

TEST(CodecTest, UnknownAutoFilledNamesAndUnknownKeysAreSkipped) {
    const std::string text = edited(exampleCreateRequest(), [](json& v) {
        v["auto_filled"].push_back("eye_colour");
        v["future_field"] = {{"anything", 1}};
        v["person"]["height_cm"] = 180;
    });
    auto decoded = decodeCreateRequest(text);
    ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
    EXPECT_EQ(*decoded, exampleCreateRequest());
}

TEST(CodecTest, NullableFieldsMayBeAbsent) {
    const std::string text = edited(exampleCreateRequest(), [](json& v) {
        v.erase("contact_address");
        v.erase("comment");
        v.erase("auto_filled");
        v["document"].erase("mrz");
        v["document"].erase("valid_from");
        v["document"].erase("valid_until");
    });
    auto decoded = decodeCreateRequest(text);
    ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
    EXPECT_FALSE(decoded->mrz.has_value());
    EXPECT_FALSE(decoded->request.contactAddress.has_value());
    EXPECT_TRUE(decoded->request.autoFilled.empty());
}

TEST(CodecTest, InvalidUtf8IsReplacedNotThrown) {
    CreateRequest body = exampleCreateRequest();
    body.request.comment = "bad \xC3\x28 byte";
    const std::string text = encode(body);
    auto decoded = decodeCreateRequest(text);
    ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
    EXPECT_EQ(decoded->request.comment, "bad \xEF\xBF\xBD( byte");
}

TEST(CodecTest, DecodedPagesBecomePageReferences) {
    auto decoded = decodeCreateRequest(encode(exampleCreateRequest()));
    ASSERT_TRUE(decoded.has_value());
    ASSERT_EQ(decoded->request.pages.size(), 2u);
    EXPECT_EQ(decoded->request.pages[1].pageId, "1");
    EXPECT_EQ(decoded->request.pages[1].sizeBytes, 180'000u);
}

TEST(CodecTest, FingerprintIgnoresKeyOrderAndWhiteSpace) {
    auto a = bodyFingerprint(R"({"b": 1, "a": [1, 2]})");
    auto b = bodyFingerprint("{\"a\":[1,2],\n \"b\":1}");
    auto c = bodyFingerprint(R"({"a": [2, 1], "b": 1})");
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_FALSE(bodyFingerprint("{").has_value());
}

TEST(CodecTest, CountriesConvertBothWays) {
    EXPECT_EQ(countryToWire("PL"), "POL");
    EXPECT_EQ(countryToWire("BE"), "BEL");
    EXPECT_EQ(countryToWire(""), "");
    EXPECT_EQ(countryFromWire("DEU"), "DE");
    EXPECT_EQ(countryFromWire(""), "");
    EXPECT_FALSE(countryFromWire("D").has_value());
    EXPECT_FALSE(countryFromWire("ZZZ").has_value());
}

}  // namespace
}  // namespace balie::sync::protocol
