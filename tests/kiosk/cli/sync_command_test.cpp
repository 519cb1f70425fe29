// SPDX-License-Identifier: GPL-3.0-or-later
// `balie sync` and `balie queue list` against the real balie-central: --once exit codes and
// reasons, the queue's JSON and text, and the background mode stopped by SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "central_server.h"
#include "process.h"

namespace balie::test {
namespace {

class SyncCommandTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "balie-cli-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        std::ofstream(dir_ / "front.jpg", std::ios::binary) << std::string(300'000, 'p');
        std::ofstream(dir_ / "token") << server_.token() << '\n';
        const nlohmann::json request = {
            {"requester", {{"agent_id", server_.agentId()}, {"display_name", "Els Peeters"}}},
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
             {{"street", "Rue Neuve"},
              {"number", "12"},
              {"postal_code", "1000"},
              {"municipality", "Bruxelles"},
              {"country", "BE"}}},
            {"email", "hr@example.be"},
            {"pages", {"front.jpg"}}};
        std::ofstream(dir_ / "request.json") << request.dump();
    }

    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::vector<std::string> withStore(std::vector<std::string> words) {
        words.insert(words.end(), {"--store", (dir_ / "store").string()});
        return words;
    }

    std::vector<std::string> syncWords(const std::string& url) {
        return withStore({"sync", "--central", url, "--token-file", (dir_ / "token").string()});
    }

    std::string submit() {
        const auto result = runProcess(
            BALIE_CLI_PATH, withStore({"request", "submit", (dir_ / "request.json").string()}));
        EXPECT_EQ(result.exitCode, 0) << result.err;
        return result.out.substr(0, 36);
    }

    nlohmann::json queue() {
        const auto listed = runProcess(BALIE_CLI_PATH, withStore({"queue", "list", "--json"}));
        EXPECT_EQ(listed.exitCode, 0) << listed.err;
        return nlohmann::json::parse(listed.out, nullptr, false);
    }

    CentralServer server_ = CentralServer::start();
    std::filesystem::path dir_;
};

TEST_F(SyncCommandTest, OnceSendsTheQueueAndSaysNothingIsLeft) {
    const auto localId = submit();
    auto words = syncWords(server_.url());
    words.push_back("--once");
    const auto result = runProcess(BALIE_CLI_PATH, words);
    EXPECT_EQ(result.exitCode, 0) << result.err;

    const auto listed = queue();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["local_id"], localId);
    EXPECT_EQ(listed[0]["state"], "pending_operator") << "no MRZ in the file: an operator decides";
    EXPECT_TRUE(listed[0]["ticket"].is_string());

    const auto text = runProcess(BALIE_CLI_PATH, withStore({"queue", "list"}));
    EXPECT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find(localId + "  pending_operator  B-"), std::string::npos) << text.out;
}

TEST_F(SyncCommandTest, OnceExitsOneWithTheReasonWhenTheCentralServiceIsDown) {
    const auto localId = submit();
    server_.stop();
    auto words = syncWords(server_.url());
    words.push_back("--once");
    const auto result = runProcess(BALIE_CLI_PATH, words);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.err.find("central service unreachable"), std::string::npos) << result.err;
    const auto listed = queue();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["state"], "queued");
    EXPECT_EQ(listed[0]["attempts"], 1);
    EXPECT_NE(listed[0]["last_error"].get<std::string>().find("unreachable"), std::string::npos);
}

TEST_F(SyncCommandTest, WithoutCentralOrTokenItIsAUsageError) {
    const auto noUrl = runProcess(BALIE_CLI_PATH, withStore({"sync", "--once"}));
    EXPECT_EQ(noUrl.exitCode, 2);
    EXPECT_NE(noUrl.err.find("--central"), std::string::npos) << noUrl.err;
    const auto noToken =
        runProcess(BALIE_CLI_PATH, withStore({"sync", "--once", "--central", server_.url()}));
    EXPECT_EQ(noToken.exitCode, 2);
    EXPECT_NE(noToken.err.find("token"), std::string::npos) << noToken.err;
}

TEST_F(SyncCommandTest, RunsInTheBackgroundUntilTerminated) {
    const auto localId = submit();
    std::vector<std::string> words = syncWords(server_.url());
    std::vector<char*> argv{const_cast<char*>(BALIE_CLI_PATH)};
    for (auto& word : words) {
        argv.push_back(word.data());
    }
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execv(BALIE_CLI_PATH, argv.data());
        ::_exit(127);
    }
    ASSERT_GT(pid, 0);
    for (int i = 0; i < 600 && queue().at(0)["state"] == "queued"; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status)) << "stopped cleanly by SIGTERM";
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_EQ(queue()[0]["state"], "pending_operator");
}

}  // namespace
}  // namespace balie::test
