// SPDX-License-Identifier: GPL-3.0-or-later
// The sync engine's digital key login against the real balie-central: the agent whose key it
// is, refusals, the lock after repeated failures, and no login at all without the central
// service.
#include <gtest/gtest.h>

#include <sstream>

#include "balie/sync/client/sync_engine.h"
#include "balie/sync/crypto/totp.h"
#include "central_server.h"
#include "process.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

using core::Errc;
using sync::client::EngineOptions;
using sync::client::SyncEngine;
namespace totp = sync::totp;

constexpr const char* kPassword = "tulpen-2024";

class SystemClock final : public core::Clock {
public:
    core::PartialDate today() const override { return {2026, 12, 2}; }
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::now();
    }
};

class DigitalKeyLoginTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = sync::SqliteRequestStore::open(storeOptionsIn(dir_.path()));
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        store_ = std::move(*opened);
        const ProcessResult issued =
            runProcess(centralProgram(),
                       {"access", "grant", "85073003328", "--company", server_.company(),
                        "--username", "els.peeters", "--db", server_.databaseUrl()},
                       std::string(kPassword) + "\n");
        ASSERT_EQ(issued.exitCode, 0) << issued.err;
        std::istringstream lines(issued.out);
        for (std::string line; std::getline(lines, line);) {
            if (line.starts_with("secret: ")) {
                secret_ = totp::fromBase32(line.substr(8)).value_or("");
            }
        }
        ASSERT_EQ(secret_.size(), totp::kSecretBytes) << issued.out;
        EngineOptions options;
        options.connection.baseUrl = server_.url();
        options.connection.token = server_.token();
        engine_ = std::make_unique<SyncEngine>(*store_, clock_, options);
    }

    std::string currentCode() const {
        return totp::code(secret_, totp::stepAt(std::chrono::system_clock::now()));
    }

    TempDir dir_;
    SystemClock clock_;
    std::unique_ptr<sync::SqliteRequestStore> store_;
    CentralServer server_ = CentralServer::start();
    std::string secret_;
    std::unique_ptr<SyncEngine> engine_;
};

TEST_F(DigitalKeyLoginTest, TheCentralServiceSaysWhoseKeyItIs) {
    auto refused = engine_->loginWithDigitalKey({"els.peeters", "tulpen-2025", currentCode()});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, Errc::PermissionDenied);
    EXPECT_EQ(refused.error().message.find("tulpen"), std::string::npos);

    auto agent = engine_->loginWithDigitalKey({"els.peeters", kPassword, currentCode()});
    ASSERT_TRUE(agent.has_value()) << agent.error().message;
    EXPECT_EQ(agent->agentId, server_.agentId());
    EXPECT_EQ(agent->displayName, "Els Peeters");
}

TEST_F(DigitalKeyLoginTest, RepeatedFailuresLockTheUsername) {
    for (int i = 0; i < 5; ++i) {
        auto refused = engine_->loginWithDigitalKey({"els.peeters", kPassword, "000000"});
        ASSERT_FALSE(refused.has_value());
    }
    auto locked = engine_->loginWithDigitalKey({"els.peeters", kPassword, currentCode()});
    ASSERT_FALSE(locked.has_value());
    EXPECT_EQ(locked.error().code, Errc::InvalidState) << locked.error().message;
}

TEST_F(DigitalKeyLoginTest, WithoutTheCentralServiceTheCardIsTheWay) {
    ASSERT_TRUE(engine_->verifyAgent("85073003328").has_value());
    server_.stop();
    auto offline = engine_->loginWithDigitalKey({"els.peeters", kPassword, currentCode()});
    ASSERT_FALSE(offline.has_value());
    EXPECT_EQ(offline.error().code, Errc::Network);
    EXPECT_NE(offline.error().message.find(
                  "the digital key needs the central service; use your eID card"),
              std::string::npos)
        << offline.error().message;
}

}  // namespace
}  // namespace balie::test
