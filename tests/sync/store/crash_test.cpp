// SPDX-License-Identifier: GPL-3.0-or-later
// Crash consistency: a writer killed with SIGKILL at random moments loses no acknowledged request
// and leaves no half-written one.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "balie/sync/sqlite_request_store.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

constexpr int kRounds = 15;

// Writes requests until killed; after each commit, writes the request's comment (unique per
// request) to `ackFd`: the request is acknowledged from then on.
[[noreturn]] void writeForever(const sync::StoreOptions& options, int round, int ackFd) {
    auto store = sync::SqliteRequestStore::open(options);
    if (!store.has_value()) {
        ::_exit(2);
    }
    for (int i = 0;; ++i) {
        auto draft = fullDraft();
        draft.comment = "round " + std::to_string(round) + " request " + std::to_string(i);
        auto stored = (*store)->submit(
            draft, examplePages(static_cast<std::size_t>(1 + i % 2), 4096), exampleSubmitTime());
        if (!stored.has_value()) {
            ::_exit(3);
        }
        const std::string line = draft.comment + "\n";
        if (::write(ackFd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
            ::_exit(4);
        }
    }
}

// Appends everything readable from `fd` until end of file.
void readAll(int fd, std::string& text) {
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0) {
        text.append(buffer, static_cast<std::size_t>(got));
    }
}

std::vector<std::string> completeLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(text.substr(start, end - start));
    }
    return lines;
}

TEST(StoreCrashTest, KillNineDuringWritesLosesNoAcknowledgedRequest) {
    TempDir dir;
    const auto options = storeOptionsIn(dir.path());
    std::mt19937 random(20250615);
    std::uniform_int_distribution<int> delayMs(0, 60);
    std::vector<std::string> acknowledged;

    for (int round = 0; round < kRounds; ++round) {
        int ack[2];
        ASSERT_EQ(::pipe(ack), 0);
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            ::close(ack[0]);
            writeForever(options, round, ack[1]);
        }
        ::close(ack[1]);
        std::string received;
        // Most rounds wait for the first acknowledgement, so the kill lands among writes even on a
        // slow (sanitizer) build; every fourth round may also hit the opening and migration.
        if (round % 4 != 0) {
            char buffer[4096];
            const ssize_t got = ::read(ack[0], buffer, sizeof buffer);
            if (got > 0) {
                received.append(buffer, static_cast<std::size_t>(got));
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs(random)));
        ASSERT_EQ(::kill(child, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        ASSERT_TRUE(WIFSIGNALED(status))
            << "the writer stopped by itself with exit code " << WEXITSTATUS(status);
        readAll(ack[0], received);
        const auto lines = completeLines(received);
        ::close(ack[0]);
        acknowledged.insert(acknowledged.end(), lines.begin(), lines.end());

        ASSERT_EQ(integrityCheck(options.databasePath), "ok") << "round " << round;
        auto store = sync::SqliteRequestStore::open(options);
        ASSERT_TRUE(store.has_value()) << store.error().message;
        auto listed = (*store)->list({std::nullopt, std::nullopt, 1'000'000});
        ASSERT_TRUE(listed.has_value()) << listed.error().message;
        std::map<std::string, int> copies;
        for (const auto& request : listed->requests) {
            ++copies[request.comment];
            // Every stored request is whole: its pages and its outbox entry came with it.
            EXPECT_TRUE((*store)->loadPage(request.localId, "page-1").has_value());
        }
        for (const auto& comment : acknowledged) {
            EXPECT_EQ(copies[comment], 1) << comment << " (round " << round << ")";
        }
        // At most one request beyond the acknowledged ones: committed, killed before the ack.
        EXPECT_LE(listed->requests.size(),
                  acknowledged.size() + static_cast<std::size_t>(round + 1));
        auto outbox = (*store)->outbox();
        ASSERT_TRUE(outbox.has_value()) << outbox.error().message;
        EXPECT_EQ(outbox->size(), listed->requests.size());
    }
    EXPECT_GT(acknowledged.size(), static_cast<std::size_t>(kRounds))
        << "the writer should have stored requests in most rounds";
}

}  // namespace
}  // namespace balie::test
