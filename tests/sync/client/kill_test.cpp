// SPDX-License-Identifier: GPL-3.0-or-later
// Crash consistency of the whole path: `balie sync` and balie-central run as processes and one
// of them is killed with SIGKILL at random moments, round after round, while requests keep
// being queued. Afterwards every request must be at the central service exactly once.
// BALIE_KILL_ROUNDS sets the number of rounds (default 30; the benchmark run uses 100+).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "balie/sync/sqlite_request_store.h"
#include "client_fixture.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

int roundsFromEnvironment() {
    const char* value = std::getenv("BALIE_KILL_ROUNDS");
    const int rounds = value == nullptr ? 0 : std::atoi(value);
    return rounds > 0 ? rounds : 30;
}

pid_t spawn(const std::vector<std::string>& arguments) {
    std::vector<char*> argv;
    for (const auto& argument : arguments) {
        argv.push_back(const_cast<char*>(argument.c_str()));
    }
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

void killAndReap(pid_t pid) {
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
}

TEST(SyncKillTest, EveryRequestArrivesExactlyOnceWhateverIsKilled) {
    TempDir dir;
    auto server = CentralServer::start();
    const auto storeDir = dir.path() / "kiosk";
    std::filesystem::create_directories(storeDir);
    const auto tokenFile = dir.path() / "token";
    std::ofstream(tokenFile) << server.token() << '\n';
    const sync::StoreOptions storeOptions{storeDir / "requests.db", storeDir / "store.key", 0};
    const std::vector<std::string> syncCommand{
        BALIE_CLI_PATH, "sync",       "--store",      storeDir.string(),
        "--central",    server.url(), "--token-file", tokenFile.string()};

    std::mt19937 random(std::random_device{}());
    std::vector<std::string> submitted;
    auto submitOne = [&] {
        auto store = sync::SqliteRequestStore::open(storeOptions);
        ASSERT_TRUE(store.has_value()) << store.error().message;
        auto stored = (*store)->submit(
            newPersonDraft(server.agentId(), "KILL" + std::to_string(submitted.size())),
            examplePages(2, 400'000), std::chrono::system_clock::now());
        ASSERT_TRUE(stored.has_value()) << stored.error().message;
        submitted.push_back(stored->localId);
    };
    for (int i = 0; i < 3; ++i) {
        submitOne();
    }

    const int rounds = roundsFromEnvironment();
    for (int round = 0; round < rounds; ++round) {
        if (round % 2 == 0) {
            submitOne();
        }
        const pid_t sync = spawn(syncCommand);
        ASSERT_GT(sync, 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 300));
        if (random() % 3 == 0) {
            server.kill();
            std::this_thread::sleep_for(std::chrono::milliseconds(random() % 100));
            server.restart();
            std::this_thread::sleep_for(std::chrono::milliseconds(random() % 200));
        }
        killAndReap(sync);
    }

    // Let the kiosk finish with a live central service; each run says what is left.
    ProcessResult last;
    for (int attempt = 0; attempt < 30; ++attempt) {
        std::vector<std::string> once(syncCommand.begin() + 1, syncCommand.end());
        once.push_back("--once");
        last = runProcess(BALIE_CLI_PATH, once);
        if (last.exitCode == 0) {
            break;
        }
    }
    ASSERT_EQ(last.exitCode, 0) << last.err;

    std::map<std::string, int> arrivals;
    std::map<std::string, std::string> centralTickets;
    for (const auto& entry : centralRequests(server)) {
        const std::string localId = entry.value("local_id", "");
        ++arrivals[localId];
        centralTickets[localId] = entry.value("ticket", "");
    }
    EXPECT_EQ(arrivals.size(), submitted.size());
    for (const auto& localId : submitted) {
        EXPECT_EQ(arrivals[localId], 1) << localId << " after " << rounds << " rounds";
    }

    const auto listed =
        runProcess(BALIE_CLI_PATH, {"queue", "list", "--json", "--store", storeDir.string()});
    ASSERT_EQ(listed.exitCode, 0) << listed.err;
    const auto queue = nlohmann::json::parse(listed.out);
    ASSERT_EQ(queue.size(), submitted.size());
    for (const auto& entry : queue) {
        EXPECT_EQ(entry["state"], "pending_operator") << entry.dump();
        EXPECT_EQ(entry["ticket"], centralTickets[entry["local_id"].get<std::string>()]);
    }
}

}  // namespace
}  // namespace balie::test
