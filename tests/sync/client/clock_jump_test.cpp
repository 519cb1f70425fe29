// SPDX-License-Identifier: GPL-3.0-or-later
// `balie sync` under libfaketime: the wall clock is set back by hours while a retry is pending
// (the monotonic clock runs on, as on a real machine). The retry must come after its backoff, not
// after the hours the clock went back.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "balie/sync/sqlite_request_store.h"
#include "client_fixture.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kFaketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";

bool waitFor(const std::function<bool()>& done, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) {
            return true;
        }
        std::this_thread::sleep_for(200ms);
    }
    return done();
}

// Starts `balie sync` whose wall clock is the real one moved by what `offsetFile` says.
pid_t spawnWithFakeClock(const std::vector<std::string>& arguments,
                         const std::filesystem::path& offsetFile) {
    std::vector<std::string> command{BALIE_CLI_PATH};
    command.insert(command.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& argument : command) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setenv("LD_PRELOAD", kFaketime, 1);
        ::setenv("FAKETIME_TIMESTAMP_FILE", offsetFile.c_str(), 1);
        ::setenv("FAKETIME_NO_CACHE", "1", 1);
        ::setenv("FAKETIME_DONT_FAKE_MONOTONIC", "1", 1);
        // Under AddressSanitizer the preloaded libfaketime comes before ASan's runtime, which
        // ASan refuses unless told that this order is meant.
        const char* sanitizer = std::getenv("ASAN_OPTIONS");
        const std::string options =
            std::string(sanitizer != nullptr ? sanitizer : "") + ":verify_asan_link_order=0";
        ::setenv("ASAN_OPTIONS", options.c_str(), 1);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

int attemptsOf(const std::filesystem::path& storeDir) {
    const auto listed =
        runProcess(BALIE_CLI_PATH, {"queue", "list", "--json", "--store", storeDir.string()});
    const auto queue = nlohmann::json::parse(listed.out, nullptr, false);
    if (!queue.is_array() || queue.empty()) {
        return -1;
    }
    return queue[0].value("attempts", -1);
}

TEST(ClockJumpTest, AWallClockSetBackDoesNotPostponeTheRetry) {
    if (!std::filesystem::exists(kFaketime)) {
        GTEST_SKIP() << "libfaketime is not installed (" << kFaketime << ")";
    }
    TempDir dir;
    auto server = CentralServer::start();
    const auto storeDir = dir.path() / "kiosk";
    std::filesystem::create_directories(storeDir);
    const auto tokenFile = dir.path() / "token";
    std::ofstream(tokenFile) << server.token() << '\n';
    const auto offsetFile = dir.path() / "clock-offset";
    std::ofstream(offsetFile) << "+0\n";

    std::string localId;
    {
        auto store =
            sync::SqliteRequestStore::open({storeDir / "requests.db", storeDir / "store.key", 0});
        ASSERT_TRUE(store.has_value()) << store.error().message;
        auto stored = (*store)->submit(newPersonDraft(server.agentId(), "CLOCKJUMP"),
                                       examplePages(1, 4096), std::chrono::system_clock::now());
        ASSERT_TRUE(stored.has_value()) << stored.error().message;
        localId = stored->localId;
    }

    // The central service is down: the first attempt fails and a retry is scheduled.
    server.kill();
    const pid_t sync = spawnWithFakeClock({"sync", "--store", storeDir.string(), "--central",
                                           server.url(), "--token-file", tokenFile.string()},
                                          offsetFile);
    ASSERT_GT(sync, 0);
    const bool attempted = waitFor([&] { return attemptsOf(storeDir) >= 1; }, 30s);

    // The kiosk's clock goes back three hours; the central service comes back.
    std::ofstream(offsetFile) << "-3h\n";
    server.restart();
    const bool delivered =
        attempted && waitFor([&] { return !centralEntriesFor(server, localId).empty(); }, 90s);
    ::kill(sync, SIGTERM);
    int status = 0;
    ::waitpid(sync, &status, 0);

    ASSERT_TRUE(attempted) << "balie sync never tried";
    EXPECT_TRUE(delivered) << "the retry waited for the clock to catch up";
    EXPECT_EQ(centralEntriesFor(server, localId).size(), 1u);
}

}  // namespace
}  // namespace balie::test
