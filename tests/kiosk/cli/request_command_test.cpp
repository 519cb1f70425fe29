// SPDX-License-Identifier: GPL-3.0-or-later
// `balie request submit FILE.json`, run as a technician would: the new local id, validation
// errors naming the field, unreadable files.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "process.h"

namespace balie::test {
namespace {

class RequestSubmitTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "balie-cli-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        std::ofstream(dir_ / "front.jpg", std::ios::binary) << std::string(5000, 'x');
        request_ = {{"requester", {{"agent_id", "agent-7"}, {"display_name", "Els Peeters"}}},
                    {"document",
                     {{"type", "passport"},
                      {"issuing_country", "PL"},
                      {"number", "EA1234567"},
                      {"valid_from", "2020-03-01"},
                      {"valid_until", "2030-02-28"}}},
                    {"person",
                     {{"surname", "KOWALSKA"},
                      {"given_names", "ANNA MARIA"},
                      {"birth_date", "1990-04-17"},
                      {"birth_place", "Kraków"},
                      {"birth_country", "PL"},
                      {"nationality", "PL"},
                      {"sex", "F"}}},
                    {"residence",
                     {{"street", "ul. Długa"},
                      {"number", "5"},
                      {"postal_code", "31-147"},
                      {"municipality", "Kraków"},
                      {"country", "PL"}}},
                    {"contact_address",
                     {{"street", "Rue Neuve"},
                      {"number", "12"},
                      {"postal_code", "1000"},
                      {"municipality", "Bruxelles"},
                      {"country", "BE"}}},
                    {"email", "hr@example.be"},
                    {"comment", "Seasonal worker"},
                    {"pages", {"front.jpg"}}};
    }

    void TearDown() override { std::filesystem::remove_all(dir_); }

    ProcessResult submit(const nlohmann::json& request) {
        std::ofstream(dir_ / "request.json") << request.dump(2);
        return runProcess(BALIE_CLI_PATH, {"request", "submit", (dir_ / "request.json").string(),
                                           "--store", (dir_ / "store").string()});
    }

    nlohmann::json queue() {
        const auto listed = runProcess(
            BALIE_CLI_PATH, {"queue", "list", "--json", "--store", (dir_ / "store").string()});
        EXPECT_EQ(listed.exitCode, 0) << listed.err;
        return nlohmann::json::parse(listed.out, nullptr, false);
    }

    std::filesystem::path dir_;
    nlohmann::json request_;
};

TEST_F(RequestSubmitTest, QueuesAValidRequestAndPrintsItsLocalId) {
    const auto result = submit(request_);
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_TRUE(std::regex_match(result.out, std::regex("[0-9a-f-]{36}\n"))) << result.out;
    const auto listed = queue();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["local_id"], result.out.substr(0, 36));
    EXPECT_EQ(listed[0]["state"], "queued");
    EXPECT_EQ(listed[0]["attempts"], 0);
    EXPECT_TRUE(listed[0]["ticket"].is_null());
}

TEST_F(RequestSubmitTest, ValidationErrorsNameTheFieldAndStoreNothing) {
    request_["person"]["birth_date"] = "2090-01-01";
    request_["email"] = "not an address";
    const auto result = submit(request_);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.err.find("person.birth_date"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("email"), std::string::npos) << result.err;
    EXPECT_TRUE(queue().empty());
}

TEST_F(RequestSubmitTest, MistakesInTheFileAreReportedOnOneLine) {
    request_["document"]["type"] = "library_card";
    auto result = submit(request_);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.err.find("document.type must be passport"), std::string::npos) << result.err;

    request_["document"]["type"] = "passport";
    request_["pages"] = {"missing.jpg"};
    result = submit(request_);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.err.find("pages[0]"), std::string::npos) << result.err;

    std::ofstream(dir_ / "broken.json") << "{ not json";
    result = runProcess(BALIE_CLI_PATH, {"request", "submit", (dir_ / "broken.json").string(),
                                         "--store", (dir_ / "store").string()});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("is not a JSON object"), std::string::npos) << result.err;

    result =
        runProcess(BALIE_CLI_PATH, {"request", "submit", "--store", (dir_ / "store").string()});
    EXPECT_EQ(result.exitCode, 2);
}

}  // namespace
}  // namespace balie::test
