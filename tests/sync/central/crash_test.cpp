// SPDX-License-Identifier: GPL-3.0-or-later
// balie-central killed with SIGKILL again and again while a kiosk files requests and uploads
// pages: after every restart nothing is lost and nothing is there twice.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "balie/sync/protocol/endpoints.h"
#include "central_fixture.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;

constexpr int kRequests = 24;
constexpr int kKills = 8;
constexpr std::size_t kChunk = 32 * 1024;

// Retries an exchange until the server answers (it may be down for a restart).
template <typename Exchange>
HttpAnswer untilAnswered(Exchange exchange) {
    for (int attempt = 0; attempt < 3000; ++attempt) {
        HttpAnswer answer = exchange();
        if (answer.status != 0 && answer.status != 503) {
            return answer;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return {};
}

class CrashTest : public CentralTest {};

TEST_F(CrashTest, KillDuringUploadsLosesAndDuplicatesNothing) {
    std::atomic<bool> done{false};
    std::atomic<int> kills{0};
    std::atomic<bool> firstFiled{false};
    std::thread killer([&] {
        std::mt19937 random(42);
        // The first kill comes as soon as a request is filed, so that a fast machine that files
        // everything between two random kills still sees the server die at least once.
        while (!done && !firstFiled) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        while (!done && kills < kKills) {
            if (kills > 0) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 400));
            }
            if (done) {
                break;
            }
            server_->kill();
            server_->restart();
            ++kills;
        }
    });

    // Stops the killer however the loop below ends, so a failed assertion reports instead of
    // aborting on a joinable thread.
    struct StopKiller {
        std::atomic<bool>& done;
        std::thread& thread;
        ~StopKiller() {
            done = true;
            if (thread.joinable()) {
                thread.join();
            }
        }
    } stopKiller{done, killer};

    std::map<std::string, std::string> keyToTicket;
    for (int i = 0; i < kRequests; ++i) {
        const auto pages = std::vector{pageBytes(150'000 + static_cast<std::size_t>(i) * 1000, i),
                                       pageBytes(40'000, 100 + i)};
        const auto request = newPersonRequest(server_->agentId(), pages,
                                              "Crash" + std::string(1, static_cast<char>('A' + i)),
                                              "Test", {1970 + i, 1 + i % 12, 1 + i % 28});
        const std::string key = newKey();
        // A kiosk that lost the answer sends the same request again with the same key.
        HttpAnswer created = untilAnswered([&] { return client_->create(request, key); });
        ASSERT_TRUE(created.status == 201 || created.status == 200) << created.body;
        const std::string ticket = created.json()["ticket"];
        keyToTicket[key] = ticket;
        firstFiled = true;
        for (int index = 0; index < 2; ++index) {
            const std::string& page = pages[static_cast<std::size_t>(index)];
            bool complete = false;
            while (!complete) {
                const HttpAnswer offsetAnswer =
                    untilAnswered([&] { return client_->head(ticket, index); });
                ASSERT_EQ(offsetAnswer.status, 200);
                const std::size_t offset = std::stoull(offsetAnswer.header("Upload-Offset"));
                if (offset == page.size()) {
                    break;
                }
                const HttpAnswer answer =
                    client_->patch(ticket, index, offset, page.substr(offset, kChunk));
                if (answer.status == 200) {
                    complete = answer.json()["complete"];
                } else {
                    ASSERT_TRUE(answer.status == 0 || answer.status == 409 || answer.status == 503)
                        << answer.status << " " << answer.body;
                }
            }
        }
    }
    done = true;
    killer.join();
    EXPECT_GE(kills.load(), 1);

    const auto listed = server_->command({"list", "--json"});
    ASSERT_EQ(listed.exitCode, 0) << listed.err;
    const auto rows = nlohmann::json::parse(listed.out);
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(kRequests));
    std::set<std::string> numbers;
    for (const auto& row : rows) {
        const std::string key = row["idempotency_key"];
        ASSERT_TRUE(keyToTicket.count(key)) << key;
        EXPECT_EQ(row["ticket"], keyToTicket[key]);
        EXPECT_EQ(row["state"], "identified") << row.dump();
        if (row["insz"].is_string()) {
            numbers.insert(row["insz"].get<std::string>());
        }
    }
    EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kRequests));
}

}  // namespace
}  // namespace balie::test
