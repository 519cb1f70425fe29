// SPDX-License-Identifier: GPL-3.0-or-later
// Digital keys on both storage backends: issued, used once per code, replaced, and removed with
// the agent's access.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <vector>

#include "balie/sync/central/digital_keys.h"
#include "balie/sync/crypto/totp.h"
#include "balie/sync/protocol/codec.h"
#include "postgres_server.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;
namespace totp = sync::totp;
using sync::central::CentralService;
using sync::central::Database;
using sync::central::DigitalKeys;
using sync::central::KioskIdentity;

class DigitalKeysBackendTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        std::string url;
        if (GetParam() == "postgresql" && !PostgresServer::available()) {
            GTEST_SKIP() << PostgresServer::unavailableReason();
        }
        char pattern[] = "/tmp/balie-digital-keys-XXXXXX";
        ASSERT_NE(::mkdtemp(pattern), nullptr);
        directory_ = pattern;
        if (GetParam() == "postgresql") {
            postgres_.emplace(PostgresServer::start());
            url = postgres_->url();
        } else {
            url = "sqlite:" + (directory_ / "central.sqlite").string();
        }
        auto database = Database::open(url);
        ASSERT_TRUE(database.has_value()) << database.error().message;
        service_ = std::make_unique<CentralService>(std::move(*database));
        auto agent = service_->grantAccess("acme", "85073003328", "Els Peeters");
        ASSERT_TRUE(agent.has_value()) << agent.error().message;
        agentId_ = *agent;
        auto secretsKey = sync::central::openSecretsKey(service_->database(), keyFile());
        ASSERT_TRUE(secretsKey.has_value()) << secretsKey.error().message;
        secretsKey_ = std::move(*secretsKey);
        keys_ = std::make_unique<DigitalKeys>(service_->database(), *secretsKey_);
    }

    void TearDown() override {
        keys_.reset();
        service_.reset();
        postgres_.reset();
        if (!directory_.empty()) {
            std::filesystem::remove_all(directory_);
        }
    }

    std::filesystem::path keyFile() const { return directory_ / "central.key"; }

    // The authenticator secrets as the database holds them.
    std::vector<std::string> storedSecrets() {
        auto rows =
            service_->database().transact<sync::central::Rows>([](sync::central::Session& session) {
                return session.query("SELECT totp_secret FROM digital_keys",
                                     std::vector<sync::central::Param>{});
            });
        EXPECT_TRUE(rows.has_value());
        std::vector<std::string> secrets;
        for (const auto& row : rows.value_or(sync::central::Rows{})) {
            secrets.push_back(row.text(0));
        }
        return secrets;
    }

    std::string issue() {
        auto issued = keys_->issue("acme", agentId_, "els.peeters", "tulpen-2024");
        EXPECT_TRUE(issued.has_value()) << (issued ? "" : issued.error().message);
        return issued ? totp::fromBase32(issued->secretBase32).value_or("") : "";
    }

    int login(const std::string& secret, std::int64_t stepOffset = 0) {
        const std::string code =
            totp::code(secret, totp::stepAt(std::chrono::system_clock::now()) + stepOffset);
        auto answer = keys_->login(kiosk_, protocol::encode(protocol::DigitalKeyLogin{
                                               "els.peeters", "tulpen-2024", code}));
        return answer.has_value() ? 200 : answer.error().status;
    }

    std::optional<PostgresServer> postgres_;
    std::filesystem::path directory_;
    std::unique_ptr<CentralService> service_;
    std::unique_ptr<sync::SecretKey> secretsKey_;
    std::unique_ptr<DigitalKeys> keys_;
    std::string agentId_;
    KioskIdentity kiosk_{"kiosk-1", "acme"};
};

TEST_P(DigitalKeysBackendTest, EachCodeOpensOnceAndLaterCodesStillDo) {
    const std::string secret = issue();
    EXPECT_EQ(login(secret), 200);
    EXPECT_EQ(login(secret), 403);
    EXPECT_EQ(login(secret, 1), 200);
    EXPECT_EQ(login(secret, 1), 403);
}

TEST_P(DigitalKeysBackendTest, ANewKeyReplacesTheOldAndRevokingRemovesIt) {
    const std::string first = issue();
    const std::string second = issue();
    EXPECT_EQ(login(first), 403);
    EXPECT_EQ(login(second), 200);
    ASSERT_TRUE(service_->revokeAccess("acme", "85073003328").has_value());
    EXPECT_EQ(login(second, 1), 403);
    auto orphan = keys_->issue("acme", agentId_, "els.peeters", "tulpen-2024");
    ASSERT_FALSE(orphan.has_value());
    EXPECT_EQ(orphan.error().code, core::Errc::NotFound);
}

TEST_P(DigitalKeysBackendTest, KeysAreKeptPerCompany) {
    const std::string secret = issue();
    kiosk_ = KioskIdentity{"kiosk-9", "globex"};
    EXPECT_EQ(login(secret), 403);
}

TEST_P(DigitalKeysBackendTest, TheSecretIsStoredSealedWithTheKeyFile) {
    const std::string secret = issue();
    const std::vector<std::string> stored = storedSecrets();
    ASSERT_EQ(stored.size(), 1U);
    EXPECT_EQ(stored.front().find(secret), std::string::npos);
    EXPECT_GT(stored.front().size(), secret.size());
    // The key file is the owner's alone.
    struct stat status {};
    ASSERT_EQ(::stat(keyFile().c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600U);
    // Opened again, the same key file opens the stored secret.
    auto again = sync::central::openSecretsKey(service_->database(), keyFile());
    ASSERT_TRUE(again.has_value()) << again.error().message;
    keys_ = std::make_unique<DigitalKeys>(service_->database(), **again);
    secretsKey_ = std::move(*again);
    EXPECT_EQ(login(secret), 200);
}

TEST_P(DigitalKeysBackendTest, AMissingOrWrongKeyFileIsRefusedOnceSecretsAreStored) {
    issue();
    const std::filesystem::path moved = directory_ / "central.key.saved";
    std::filesystem::rename(keyFile(), moved);
    auto missing = sync::central::openSecretsKey(service_->database(), keyFile());
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, core::Errc::Config);
    EXPECT_NE(missing.error().message.find("restore"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(keyFile()));

    const std::filesystem::path other = directory_ / "other.key";
    ASSERT_TRUE(sync::createKeyFile(other).has_value());
    auto wrong = sync::central::openSecretsKey(service_->database(), other);
    ASSERT_FALSE(wrong.has_value());
    EXPECT_NE(wrong.error().message.find("not the key"), std::string::npos);

    std::filesystem::permissions(moved, std::filesystem::perms::group_read,
                                 std::filesystem::perm_options::add);
    auto readable = sync::central::openSecretsKey(service_->database(), moved);
    ASSERT_FALSE(readable.has_value());
    EXPECT_NE(readable.error().message.find("chmod 600"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, DigitalKeysBackendTest,
                         ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& backend) {
                             return backend.param;
                         });

}  // namespace
}  // namespace balie::test
