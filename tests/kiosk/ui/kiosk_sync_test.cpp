// SPDX-License-Identifier: GPL-3.0-or-later
// balie-kiosk against the real balie-central: the agent is checked by the central service's
// access list, a queued request is sent and comes back identified with its INSZ, and a kiosk
// configured with a client certificate is let in by a central service asking for mutual TLS.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "balie/sync/sqlite_request_store.h"
#include "central_server.h"
#include "client_fixture.h"
#include "test_ca.h"
#include "virtual_card_rig.h"
#include "xvfb.h"

namespace balie::test {
namespace {

namespace fs = std::filesystem;

const std::string kPersona = BALIE_TEST_DATA_DIR "/eid/personas/demo-agent.json";
constexpr const char* kNationalNumber = "90072104503";   // the persona's
constexpr const char* kKnownPersonInsz = "90441701227";  // KOWALSKA's, in the registry fixture
// Bounds against a hang, not measures of speed: a login alone takes 15 s on a loaded machine.
constexpr std::chrono::seconds kRunTimeout{300};
constexpr std::chrono::seconds kWaitBound{120};

class KioskSyncTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        rig_ = VirtualCardRig::start(kPersona, &error);
        ASSERT_NE(rig_, nullptr) << error;
        xvfb_ = Xvfb::start(1920, 1080, error);
        ASSERT_NE(xvfb_, nullptr) << error;
        CentralServerOptions options;
        options.agents = {{kNationalNumber, "Demo Agent Specimen"}};
        central_ = std::make_unique<CentralServer>(CentralServer::start(options));
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        work_ = fs::path(::testing::TempDir()) / ("balie-sync-" + std::string(info->name()));
        fs::remove_all(work_);
        fs::create_directories(work_ / "state");
        fs::create_directories(kScreenshots);
        std::ofstream(work_ / "central.token") << central_->token() << '\n';
        std::ofstream(work_ / "kiosk.conf")
            << "language = en\n"
            << "state-dir = " << (work_ / "state").string() << "\n"
            << "eid-trust = " << rig_->pkiDir() << "/root.pem\n"
            << "central-url = " << central_->url() << "\n"
            << "central-token-file = " << (work_ / "central.token").string() << "\n";
    }

    void TearDown() override {
        if (!::testing::Test::HasFailure()) {
            fs::remove_all(work_);
        }
    }

    std::unique_ptr<sync::SqliteRequestStore> openStore() {
        auto store = sync::SqliteRequestStore::open(
            sync::StoreOptions{work_ / "state" / "requests.db", work_ / "state" / "store.key", 0});
        EXPECT_TRUE(store.has_value()) << store.error().message;
        return store.has_value() ? std::move(*store) : nullptr;
    }

    static constexpr const char* kScreenshots = BALIE_SCREENSHOT_DIR;
    std::unique_ptr<VirtualCardRig> rig_;
    std::unique_ptr<Xvfb> xvfb_;
    std::unique_ptr<CentralServer> central_;
    fs::path work_;
};

TEST_F(KioskSyncTest, AQueuedRequestIsSentAndAnsweredWithTheInsz) {
    std::string localId;
    {
        auto store = openStore();
        ASSERT_NE(store, nullptr);
        auto stored = store->submit(knownPersonDraft(central_->agentId()),
                                    {core::PageImage{4, 4, std::vector<std::uint8_t>(64, 7)}},
                                    std::chrono::system_clock::now(), knownPersonMrz());
        ASSERT_TRUE(stored.has_value()) << stored.error().message;
        localId = stored->localId;
    }
    fs::path marker = fs::path(kScreenshots) / "sync-overview.png";
    fs::remove(marker);
    // Logging in proves the central service's access list: the kiosk has no local one. The
    // kiosk then stays on the overview until this thread takes the card out.
    fs::path script = work_ / "script.txt";
    std::ofstream(script) << "tap language.en\nexpect start\ntap start.pin\n"
                          << "tap pad.1\ntap pad.2\ntap pad.3\ntap pad.4\ntap pad.confirm\n"
                          << "expect tour\ntap tour.close\nexpect overview\n"
                          << "screenshot sync-overview\nawait start\nquit\n";
    KioskRun run;
    std::thread kiosk([&] {
        run = runKiosk(xvfb_->display(),
                       {"--config", (work_ / "kiosk.conf").string(), "--script", script.string(),
                        "--screenshot-dir", kScreenshots},
                       kRunTimeout);
    });
    auto answered = [&] {
        auto store = openStore();
        if (store == nullptr) {
            return false;
        }
        auto request = store->load(localId);
        return request.has_value() && request->status == core::RequestStatus::Identified;
    };
    auto deadline = std::chrono::steady_clock::now() + kWaitBound;
    while (!(fs::exists(marker) && answered()) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    bool removed = rig_->removeCard();
    kiosk.join();
    ASSERT_TRUE(removed) << rig_->logs();
    ASSERT_EQ(run.exitCode, 0) << run.err << central_->log();

    auto store = openStore();
    ASSERT_NE(store, nullptr);
    auto request = store->load(localId);
    ASSERT_TRUE(request.has_value()) << request.error().message;
    EXPECT_EQ(request->status, core::RequestStatus::Identified) << central_->log();
    EXPECT_EQ(request->insz, kKnownPersonInsz);
    EXPECT_FALSE(request->ticketNumber.empty());
    auto entries = centralEntriesFor(*central_, localId);
    ASSERT_EQ(entries.size(), 1U);
    EXPECT_EQ(entries.front().value("state", ""), "identified");
    EXPECT_EQ(entries.front().value("insz", ""), kKnownPersonInsz);
    EXPECT_EQ(entries.front().value("ticket", ""), request->ticketNumber);
}

TEST_F(KioskSyncTest, ACentralServiceWithoutTokenIsRefusedWithAClearError) {
    std::ofstream(work_ / "kiosk.conf", std::ios::app)
        << "central-token-file = " << (work_ / "missing.token").string() << "\n";
    KioskRun run = runKiosk(xvfb_->display(), {"--config", (work_ / "kiosk.conf").string()});
    ASSERT_FALSE(run.timedOut);
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_NE(run.err.find("cannot read a token from " + (work_ / "missing.token").string()),
              std::string::npos)
        << run.err;
}

TEST_F(KioskSyncTest, WithMutualTlsTheKioskShowsItsConfiguredCertificate) {
    TestCa ca(work_, "balie-test-ca");
    ca.issue("server", "serverAuth");
    ca.issue("kiosk", "clientAuth");
    CentralServerOptions options;
    options.extraServeArguments = {"--tls-cert",     ca.pem("server"), "--tls-key",
                                   ca.key("server"), "--client-ca",    ca.certificate()};
    central_ = std::make_unique<CentralServer>(CentralServer::start(options));
    ASSERT_EQ(central_->url().rfind("https://", 0), 0U) << central_->url();
    std::ofstream(work_ / "central.token") << central_->token() << '\n';
    std::ofstream(work_ / "kiosk.conf", std::ios::app)
        << "central-url = " << central_->url() << "\n"
        << "central-ca = " << ca.certificate() << "\n"
        << "central-client-cert = " << ca.pem("kiosk") << "\n"
        << "central-client-key = " << ca.key("kiosk") << "\n";
    std::string localId;
    {
        auto store = openStore();
        ASSERT_NE(store, nullptr);
        auto stored = store->submit(knownPersonDraft(central_->agentId()),
                                    {core::PageImage{4, 4, std::vector<std::uint8_t>(64, 7)}},
                                    std::chrono::system_clock::now(), knownPersonMrz());
        ASSERT_TRUE(stored.has_value()) << stored.error().message;
        localId = stored->localId;
    }
    // The kiosk waits on its start screen while its sync engine works; this thread ends it once
    // the central service holds the request.
    fs::path script = work_ / "script.txt";
    std::ofstream(script) << "expect language\nframes\nawait nothing.here 280\n";
    std::atomic<pid_t> kioskPid{0};
    KioskRun run;
    std::thread kiosk([&] {
        run = runKiosk(xvfb_->display(),
                       {"--config", (work_ / "kiosk.conf").string(), "--script", script.string()},
                       kRunTimeout, [&](pid_t pid, const std::string&) { kioskPid = pid; });
    });
    const auto deadline = std::chrono::steady_clock::now() + kWaitBound;
    while (centralEntriesFor(*central_, localId).empty() &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    while (kioskPid == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (kioskPid != 0) {
        ::kill(kioskPid, SIGTERM);
    }
    kiosk.join();
    EXPECT_FALSE(run.timedOut) << run.err;
    EXPECT_EQ(centralEntriesFor(*central_, localId).size(), 1U) << run.err << central_->log();
}

TEST_F(KioskSyncTest, AClientCertificateWithoutItsKeyIsRefusedWithAClearError) {
    std::ofstream(work_ / "kiosk.conf", std::ios::app)
        << "central-client-cert = " << (work_ / "kiosk.pem").string() << "\n";
    KioskRun run = runKiosk(xvfb_->display(), {"--config", (work_ / "kiosk.conf").string()});
    ASSERT_FALSE(run.timedOut);
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_NE(run.err.find("central-client-cert and central-client-key go together"),
              std::string::npos)
        << run.err;
}

}  // namespace
}  // namespace balie::test
