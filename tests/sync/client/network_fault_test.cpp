// SPDX-License-Identifier: GPL-3.0-or-later
// `balie sync` on a kiosk with its own network namespace, talking to the real balie-central over
// a veth pair: a slow link (tc tbf) where one large page must neither start over nor hold up the
// other requests, and a link that drops everything (nftables) and comes back.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <optional>
#include <thread>

#include "balie/sync/client/http_client.h"
#include "balie/sync/protocol/endpoints.h"
#include "balie/sync/sqlite_request_store.h"
#include "client_fixture.h"
#include "kiosk_network.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kLargePageBytes = 4'000'000;
constexpr std::size_t kSmallPageBytes = 20'000;

// Polls `done` until it holds or `limit` passes; the limit only stops a broken run.
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

class NetworkFaultTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string whyNot;
        network_ = KioskNetwork::create(whyNot);
        if (network_ == nullptr) {
            GTEST_SKIP() << whyNot;
        }
        CentralServerOptions options;
        options.listenHost = network_->hostAddress();
        server_.emplace(CentralServer::start(options));
        storeDir_ = dir_.path() / "kiosk";
        std::filesystem::create_directories(storeDir_);
        tokenFile_ = dir_.path() / "token";
        std::ofstream(tokenFile_) << server_->token() << '\n';
    }

    void TearDown() override {
        if (syncPid_ > 0) {
            ::kill(syncPid_, SIGKILL);
            ::waitpid(syncPid_, nullptr, 0);
        }
        server_.reset();
        network_.reset();
    }

    std::string submit(const std::string& surname, std::size_t pageBytes) {
        auto store =
            sync::SqliteRequestStore::open({storeDir_ / "requests.db", storeDir_ / "store.key", 0});
        EXPECT_TRUE(store.has_value()) << store.error().message;
        if (!store.has_value()) {
            return {};
        }
        auto stored =
            (*store)->submit(newPersonDraft(server_->agentId(), surname),
                             examplePages(1, pageBytes), std::chrono::system_clock::now());
        EXPECT_TRUE(stored.has_value()) << stored.error().message;
        return stored.has_value() ? stored->localId : std::string();
    }

    std::vector<std::string> syncArguments() const {
        return {"sync",         "--store",      storeDir_.string(), "--central",
                server_->url(), "--token-file", tokenFile_.string()};
    }

    ProcessResult syncOnce() const {
        auto arguments = syncArguments();
        arguments.push_back("--once");
        return network_->run(BALIE_CLI_PATH, arguments);
    }

    void startSync() { syncPid_ = network_->spawn(BALIE_CLI_PATH, syncArguments()); }

    void killSync() {
        ::kill(syncPid_, SIGKILL);
        ::waitpid(syncPid_, nullptr, 0);
        syncPid_ = -1;
    }

    // The central service's entry for a request, once it has one.
    std::optional<nlohmann::json> centralEntry(const std::string& localId) const {
        const auto entries = centralEntriesFor(*server_, localId);
        return entries.empty() ? std::nullopt : std::optional(entries.front());
    }

    bool arrivedComplete(const std::string& localId) const {
        const auto entry = centralEntry(localId);
        return entry.has_value() && entry->value("state", "") != "sent";
    }

    // What the central service holds of the request's first page (asked from the host side).
    std::uint64_t centralPageOffset(const std::string& localId) const {
        const auto entry = centralEntry(localId);
        if (!entry.has_value()) {
            return 0;
        }
        sync::client::ConnectionOptions connection;
        connection.baseUrl = server_->url();
        connection.token = server_->token();
        sync::client::HttpClient http(connection);
        auto head = http.send({sync::client::HttpMethod::Head,
                               sync::protocol::pagePath(entry->value("ticket", ""), 0),
                               {},
                               {},
                               {}});
        if (!head.has_value() || head->status != 200) {
            return 0;
        }
        return std::stoull("0" + head->header("upload-offset"));
    }

    TempDir dir_;
    std::unique_ptr<KioskNetwork> network_;
    std::optional<CentralServer> server_;
    std::filesystem::path storeDir_;
    std::filesystem::path tokenFile_;
    pid_t syncPid_ = -1;
};

TEST_F(NetworkFaultTest, ALargePageOnASlowLinkResumesAndDoesNotHoldUpSmallRequests) {
    ASSERT_TRUE(network_->limitUploadRate("1mbit"));
    const std::string large = submit("LARGEPAGE", kLargePageBytes);
    startSync();
    ASSERT_TRUE(waitFor([&] { return centralPageOffset(large) > 0; }, 60s))
        << "the large page never started";

    // Requests filed while the large page is on its way still go out first.
    const std::string small1 = submit("SMALLA", kSmallPageBytes);
    const std::string small2 = submit("SMALLB", kSmallPageBytes);
    ASSERT_TRUE(waitFor([&] { return arrivedComplete(small1) && arrivedComplete(small2); }, 120s));
    EXPECT_LT(centralPageOffset(large), kLargePageBytes)
        << "the small requests waited for the large page";

    // The link is cut mid-page (the program dies); the upload resumes where the service is.
    killSync();
    const std::uint64_t offsetAtCut = centralPageOffset(large);
    ASSERT_GT(offsetAtCut, 0u);
    ASSERT_LT(offsetAtCut, kLargePageBytes);
    const std::uint64_t sentBefore = network_->bytesFromKiosk();
    ProcessResult last;
    for (int attempt = 0; attempt < 5 && last.exitCode != 0; ++attempt) {
        last = syncOnce();
    }
    ASSERT_EQ(last.exitCode, 0) << last.err;
    const std::uint64_t sentAfterCut = network_->bytesFromKiosk() - sentBefore;
    const std::uint64_t rest = kLargePageBytes - offsetAtCut;
    EXPECT_LT(sentAfterCut, rest + rest / 10 + 64 * 1024)
        << "the page was sent again from the start instead of from offset " << offsetAtCut;

    for (const auto& localId : {large, small1, small2}) {
        EXPECT_EQ(centralEntriesFor(*server_, localId).size(), 1u) << localId;
        EXPECT_TRUE(arrivedComplete(localId)) << localId;
    }
}

TEST_F(NetworkFaultTest, ACutLinkTimesOutKeepsTheRequestAndDeliversItOnceWhenBack) {
    const std::string localId = submit("CUTOFF", kSmallPageBytes);
    ASSERT_TRUE(network_->cutOff());

    const auto cut = syncOnce();
    EXPECT_EQ(cut.exitCode, 1) << cut.out << cut.err;
    EXPECT_NE(cut.err.find("central service unreachable"), std::string::npos) << cut.err;
    EXPECT_NE(cut.err.find("Timeout was reached"), std::string::npos) << cut.err;

    const auto listed =
        runProcess(BALIE_CLI_PATH, {"queue", "list", "--json", "--store", storeDir_.string()});
    ASSERT_EQ(listed.exitCode, 0) << listed.err;
    const auto queue = nlohmann::json::parse(listed.out, nullptr, false);
    ASSERT_TRUE(queue.is_array() && queue.size() == 1) << listed.out;
    EXPECT_EQ(queue[0]["state"], "queued");
    EXPECT_EQ(queue[0]["attempts"], 1);
    EXPECT_TRUE(centralEntriesFor(*server_, localId).empty());

    ASSERT_TRUE(network_->reconnect());
    const auto back = syncOnce();
    EXPECT_EQ(back.exitCode, 0) << back.err;
    EXPECT_EQ(centralEntriesFor(*server_, localId).size(), 1u);
    EXPECT_TRUE(arrivedComplete(localId));
}

}  // namespace
}  // namespace balie::test
