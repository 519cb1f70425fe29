// SPDX-License-Identifier: GPL-3.0-or-later
// The sync engine and balie-central over HTTPS, with a throw-away CA the test makes with the
// openssl program: the kiosk sends only to a server its CA vouches for, and with mutual TLS the
// server takes only kiosks that show a certificate of the CA it trusts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "balie/sync/client/sync_engine.h"
#include "client_fixture.h"
#include "store_fixture.h"
#include "test_ca.h"

namespace balie::test {
namespace {

using sync::client::EngineOptions;
using sync::client::SyncEngine;

class TlsTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sync::SqliteRequestStore::open(storeOptionsIn(dir_.path()));
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        store_ = std::move(*opened);
        ca_.issue("server", "serverAuth");
        ca_.issue("kiosk", "clientAuth");
    }

    void startServer(bool mutual) {
        CentralServerOptions options;
        options.extraServeArguments = {"--tls-cert", ca_.pem("server"), "--tls-key",
                                       ca_.key("server")};
        if (mutual) {
            options.extraServeArguments.insert(options.extraServeArguments.end(),
                                               {"--client-ca", ca_.certificate()});
        }
        server_.emplace(CentralServer::start(options));
    }

    std::unique_ptr<SyncEngine> engine(const std::string& caFile, bool withClientCertificate) {
        EngineOptions options;
        options.connection.baseUrl = server_->url();
        options.connection.token = server_->token();
        options.connection.caFile = caFile;
        if (withClientCertificate) {
            options.connection.clientCertFile = ca_.pem("kiosk");
            options.connection.clientKeyFile = ca_.key("kiosk");
        }
        return std::make_unique<SyncEngine>(*store_, clock_, options);
    }

    std::string submit(const std::string& surname) {
        auto stored = store_->submit(newPersonDraft(server_->agentId(), surname),
                                     examplePages(1, 4096), clock_.now());
        EXPECT_TRUE(stored.has_value()) << stored.error().message;
        return stored.has_value() ? stored->localId : std::string();
    }

    TempDir dir_;
    WallClock clock_;
    TestCa ca_{dir_.path(), "balie-test-ca"};
    TestCa otherCa_{dir_.path(), "other-ca"};
    std::unique_ptr<sync::SqliteRequestStore> store_;
    std::optional<CentralServer> server_;
};

TEST_F(TlsTest, TheKioskSendsOnlyToAServerItsCaVouchesFor) {
    startServer(/*mutual=*/false);
    ASSERT_EQ(server_->url().rfind("https://", 0), 0u) << server_->url();
    const std::string localId = submit("TLSWRONGCA");

    auto wrong = engine(otherCa_.certificate(), false)->runOnce(true);
    ASSERT_TRUE(wrong.has_value()) << wrong.error().message;
    EXPECT_FALSE(wrong->reachable);
    ASSERT_FALSE(wrong->problems.empty());
    EXPECT_NE(wrong->problems.front().find("certificate"), std::string::npos)
        << wrong->problems.front();
    EXPECT_TRUE(centralEntriesFor(*server_, localId).empty()) << "something was sent";

    auto right = engine(ca_.certificate(), false)->runOnce(true);
    ASSERT_TRUE(right.has_value()) << right.error().message;
    EXPECT_EQ(right->remaining, 0u);
    EXPECT_EQ(centralEntriesFor(*server_, localId).size(), 1u);
}

TEST_F(TlsTest, WithMutualTlsAKioskWithoutCertificateIsRefused) {
    startServer(/*mutual=*/true);
    const std::string localId = submit("TLSMUTUAL");

    auto anonymous = engine(ca_.certificate(), false)->runOnce(true);
    ASSERT_TRUE(anonymous.has_value()) << anonymous.error().message;
    EXPECT_FALSE(anonymous->reachable);
    EXPECT_EQ(anonymous->remaining, 1u);
    EXPECT_TRUE(centralEntriesFor(*server_, localId).empty());

    auto identified = engine(ca_.certificate(), true)->runOnce(true);
    ASSERT_TRUE(identified.has_value()) << identified.error().message;
    EXPECT_EQ(identified->remaining, 0u);
    EXPECT_EQ(centralEntriesFor(*server_, localId).size(), 1u);
}

TEST_F(TlsTest, BalieSyncShowsItsCertificateWhenAsked) {
    startServer(/*mutual=*/true);
    // The store where `balie sync --store DIR` looks.
    const auto kioskDir = dir_.path() / "kiosk";
    std::filesystem::create_directories(kioskDir);
    std::string localId;
    {
        auto store =
            sync::SqliteRequestStore::open({kioskDir / "requests.db", kioskDir / "store.key", 0});
        ASSERT_TRUE(store.has_value()) << store.error().message;
        auto stored = (*store)->submit(newPersonDraft(server_->agentId(), "TLSCOMMAND"),
                                       examplePages(1, 4096), clock_.now());
        ASSERT_TRUE(stored.has_value()) << stored.error().message;
        localId = stored->localId;
    }
    const auto tokenFile = dir_.path() / "token";
    std::ofstream(tokenFile) << server_->token() << '\n';
    std::vector<std::string> arguments{
        "sync",      "--once",         "--store",      kioskDir.string(),
        "--central", server_->url(),   "--token-file", tokenFile.string(),
        "--ca",      ca_.certificate()};

    const auto anonymous = runProcess(BALIE_CLI_PATH, arguments);
    EXPECT_EQ(anonymous.exitCode, 1) << anonymous.err;
    EXPECT_TRUE(centralEntriesFor(*server_, localId).empty());

    arguments.insert(arguments.end(),
                     {"--client-cert", ca_.pem("kiosk"), "--client-key", ca_.key("kiosk")});
    const auto identified = runProcess(BALIE_CLI_PATH, arguments);
    EXPECT_EQ(identified.exitCode, 0) << identified.err;
    EXPECT_EQ(centralEntriesFor(*server_, localId).size(), 1u);
}

}  // namespace
}  // namespace balie::test
