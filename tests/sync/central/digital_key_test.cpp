// SPDX-License-Identifier: GPL-3.0-or-later
// The digital key over HTTP against the real balie-central: issued with `access grant
// --username` (password on standard input, secret shown once), then POST /v1/agents/login with
// the current security code, refused alike for every wrong part, never twice with one code,
// locked after repeated failures, gone after `access revoke`.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "balie/sync/crypto/totp.h"
#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"
#include "central_fixture.h"
#include "process.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;
namespace totp = sync::totp;

constexpr const char* kNationalNumber = "85073003328";  // Els Peeters, on the access list
constexpr const char* kPassword = "tulpen-2024";

class DigitalKeyTest : public CentralTest {
protected:
    // `balie-central access grant ... --username` with the password on standard input.
    ProcessResult grant(const std::string& nationalNumber, const std::string& username,
                        const std::string& passwordInput) {
        return runProcess(centralProgram(),
                          {"access", "grant", nationalNumber, "--company", server_->company(),
                           "--username", username, "--db", server_->databaseUrl()},
                          passwordInput);
    }

    // Issues Els's key and keeps its secret, as her authenticator app would.
    void issueKey() {
        const ProcessResult issued =
            grant(kNationalNumber, "Els.Peeters", std::string(kPassword) + "\n");
        ASSERT_EQ(issued.exitCode, 0) << issued.err;
        std::istringstream lines(issued.out);
        std::string line;
        while (std::getline(lines, line)) {
            if (line.starts_with("secret: ")) {
                auto bytes = totp::fromBase32(line.substr(8));
                ASSERT_TRUE(bytes.has_value()) << line;
                secret_ = *bytes;
            }
        }
        ASSERT_EQ(secret_.size(), totp::kSecretBytes) << issued.out;
    }

    std::string currentCode(std::int64_t offset = 0) const {
        return totp::code(secret_, totp::stepAt(std::chrono::system_clock::now()) + offset);
    }

    // The current code with its last digit changed: wrong now.
    std::string wrongCode() const {
        std::string code = currentCode();
        code.back() = static_cast<char>('0' + (code.back() - '0' + 1) % 10);
        return code;
    }

    HttpAnswer login(const std::string& username, const std::string& password,
                     const std::string& code) {
        return client_->post(std::string(protocol::kAgentsLoginPath),
                             protocol::encode(protocol::DigitalKeyLogin{username, password, code}));
    }

    std::string secret_;
};

TEST_F(DigitalKeyTest, GrantPrintsTheSecretOnceAndTheKeyLogsTheAgentIn) {
    issueKey();
    const ProcessResult issued =
        grant(kNationalNumber, "els.peeters", std::string(kPassword) + "\n");
    ASSERT_EQ(issued.exitCode, 0) << issued.err;
    EXPECT_NE(issued.out.find("otpauth://totp/Balie:els.peeters?secret="), std::string::npos)
        << issued.out;
    // Issuing again replaced the key: the first secret is worthless now.
    EXPECT_EQ(login("els.peeters", kPassword, currentCode()).status, 403);
    std::istringstream lines(issued.out);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.starts_with("secret: ")) {
            secret_ = totp::fromBase32(line.substr(8)).value_or("");
        }
    }

    const HttpAnswer answer = login("Els.Peeters", kPassword, currentCode());
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto agent = protocol::decodeAgentVerifyResponse(answer.body);
    ASSERT_TRUE(agent.has_value()) << answer.body;
    EXPECT_EQ(agent->agentId, server_->agentId());
    EXPECT_EQ(agent->displayName, "Els Peeters");
    EXPECT_TRUE(agent->allowed);

    // Granting without --username later leaves the key alone and prints no secret.
    const ProcessResult plain =
        server_->command({"access", "grant", kNationalNumber, "--company", server_->company()});
    EXPECT_EQ(plain.exitCode, 0) << plain.err;
    EXPECT_EQ(plain.out.find("secret"), std::string::npos);
    EXPECT_EQ(server_->log().find(kPassword), std::string::npos);
}

TEST_F(DigitalKeyTest, EveryWrongPartGetsTheSameRefusal) {
    issueKey();
    const HttpAnswer wrongPassword = login("els.peeters", "tulpen-2025", currentCode());
    const HttpAnswer badCode = login("els.peeters", kPassword, wrongCode());
    const HttpAnswer unknownUser = login("jan.janssens", kPassword, currentCode());
    for (const HttpAnswer* answer : {&wrongPassword, &badCode, &unknownUser}) {
        EXPECT_EQ(answer->status, 403) << answer->body;
        EXPECT_EQ(answer->errorCode(), "access_denied");
        EXPECT_EQ(answer->body, wrongPassword.body);
    }
    // A refused attempt did not spend the code.
    EXPECT_EQ(login("els.peeters", kPassword, currentCode()).status, 200);
}

TEST_F(DigitalKeyTest, AnAcceptedCodeIsNotAcceptedAgain) {
    issueKey();
    const std::string code = currentCode();
    ASSERT_EQ(login("els.peeters", kPassword, code).status, 200);
    const HttpAnswer replayed = login("els.peeters", kPassword, code);
    EXPECT_EQ(replayed.status, 403) << replayed.body;
    // Nor an earlier one, though it is still inside the tolerance.
    EXPECT_EQ(login("els.peeters", kPassword, currentCode(-1)).status, 403);
}

TEST_F(DigitalKeyTest, RevokedAgentsCannotLogInWithTheirKey) {
    issueKey();
    const ProcessResult revoked =
        server_->command({"access", "revoke", kNationalNumber, "--company", server_->company()});
    ASSERT_EQ(revoked.exitCode, 0) << revoked.err;
    const HttpAnswer answer = login("els.peeters", kPassword, currentCode());
    EXPECT_EQ(answer.status, 403) << answer.body;
    // Granted again without a key, the old one stays gone.
    ASSERT_EQ(
        server_->command({"access", "grant", kNationalNumber, "--company", server_->company()})
            .exitCode,
        0);
    EXPECT_EQ(login("els.peeters", kPassword, currentCode()).status, 403);
}

TEST_F(DigitalKeyTest, FiveFailuresLockTheUsernameEvenForTheRightKey) {
    issueKey();
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(login("els.peeters", "guess-" + std::to_string(i), currentCode()).status, 403);
    }
    const HttpAnswer locked = login("els.peeters", kPassword, currentCode());
    EXPECT_EQ(locked.status, 429) << locked.body;
    EXPECT_EQ(locked.errorCode(), "too_many_requests");
    EXPECT_GT(std::stoi(locked.header("Retry-After")), 0);
    // Unknown usernames are locked alike, so a lock says nothing about who exists.
    for (int i = 0; i < 5; ++i) {
        login("nobody", "guess-" + std::to_string(i), currentCode());
    }
    EXPECT_EQ(login("nobody", kPassword, currentCode()).status, 429);
}

TEST_F(DigitalKeyTest, GrantWithoutAPasswordOnStandardInputGrantsNothing) {
    const ProcessResult empty = grant("90010100123", "jan.janssens", "");
    EXPECT_NE(empty.exitCode, 0);
    EXPECT_NE(empty.err.find("standard input"), std::string::npos) << empty.err;
    const ProcessResult shortPassword = grant("90010100123", "jan.janssens", "kort\n");
    EXPECT_NE(shortPassword.exitCode, 0);
    EXPECT_NE(shortPassword.err.find("8 to 128"), std::string::npos) << shortPassword.err;
    const HttpAnswer agents = client_->get(std::string(protocol::kAgentsPath));
    EXPECT_EQ(agents.json()["agents"].size(), 1U) << agents.body;
}

TEST_F(DigitalKeyTest, AUsernameBelongsToOneAgentOfTheCompany) {
    issueKey();
    const ProcessResult taken = grant("90010100123", "els.peeters", std::string(kPassword) + "\n");
    EXPECT_NE(taken.exitCode, 0);
    EXPECT_NE(taken.err.find("another agent"), std::string::npos) << taken.err;
    // The refused grant changed nothing: the person is not on the access list, Els's key works.
    const HttpAnswer agents = client_->get(std::string(protocol::kAgentsPath));
    EXPECT_EQ(agents.json()["agents"].size(), 1U) << agents.body;
    EXPECT_EQ(login("els.peeters", kPassword, currentCode()).status, 200);
}

TEST_F(DigitalKeyTest, TheSecretIsSealedWithARootOnlyKeyFileNextToTheDatabase) {
    issueKey();
    const std::string databasePath =
        server_->databaseUrl().substr(std::string_view("sqlite:").size());
    const std::filesystem::path keyFile = databasePath + ".key";
    struct stat status {};
    ASSERT_EQ(::stat(keyFile.c_str(), &status), 0) << keyFile;
    EXPECT_EQ(status.st_mode & 0777, 0600U);
    for (const std::string suffix : {"", "-wal"}) {
        std::ifstream file(databasePath + suffix, std::ios::binary);
        std::ostringstream bytes;
        bytes << file.rdbuf();
        EXPECT_EQ(bytes.str().find(secret_), std::string::npos) << databasePath + suffix;
    }

    // Without its key, or with another, the service refuses to start rather than make a new key.
    server_->stop();
    const std::filesystem::path otherKey = server_->directory() / "other.key";
    const std::vector<std::string> serveWithOtherKey{"serve", "--listen", "127.0.0.1:0",
                                                     "--key-file", otherKey.string()};
    const ProcessResult missingKey = server_->command(serveWithOtherKey);
    EXPECT_NE(missingKey.exitCode, 0);
    EXPECT_NE(missingKey.err.find("restore the key file"), std::string::npos) << missingKey.err;
    EXPECT_FALSE(std::filesystem::exists(otherKey));
    std::ofstream(otherKey) << std::string(32, 'k');
    ::chmod(otherKey.c_str(), 0600);
    const ProcessResult wrongKey = server_->command(serveWithOtherKey);
    EXPECT_NE(wrongKey.exitCode, 0);
    EXPECT_NE(wrongKey.err.find("not the key"), std::string::npos) << wrongKey.err;
    // A wider mode is refused rather than used.
    ::chmod(keyFile.c_str(), 0644);
    const ProcessResult readable = server_->command({"serve", "--listen", "127.0.0.1:0"});
    EXPECT_NE(readable.exitCode, 0);
    EXPECT_NE(readable.err.find("chmod 600"), std::string::npos) << readable.err;
    ::chmod(keyFile.c_str(), 0600);
    server_->restart();
    EXPECT_EQ(login("els.peeters", kPassword, currentCode()).status, 200);
}

TEST_F(DigitalKeyTest, AGivenSecretFileIsTheKeysSecret) {
    const std::string secret = "12345678901234567890";
    const std::filesystem::path secretFile = server_->directory() / "secret.txt";
    std::ofstream(secretFile) << totp::toBase32(secret) << "\n";
    const ProcessResult issued = runProcess(
        centralProgram(),
        {"access", "grant", kNationalNumber, "--company", server_->company(), "--username",
         "els.peeters", "--secret-file", secretFile.string(), "--db", server_->databaseUrl()},
        std::string(kPassword) + "\n");
    ASSERT_EQ(issued.exitCode, 0) << issued.err;
    EXPECT_NE(issued.out.find("secret: " + totp::toBase32(secret)), std::string::npos);
    secret_ = secret;
    EXPECT_EQ(login("els.peeters", kPassword, currentCode()).status, 200);

    // A secret shorter than 128 bits grants nothing.
    std::ofstream(secretFile) << totp::toBase32("too short") << "\n";
    const ProcessResult shortSecret = runProcess(
        centralProgram(),
        {"access", "grant", "90010100123", "--company", server_->company(), "--username",
         "jan.janssens", "--secret-file", secretFile.string(), "--db", server_->databaseUrl()},
        std::string(kPassword) + "\n");
    EXPECT_NE(shortSecret.exitCode, 0);
    EXPECT_NE(shortSecret.err.find("at least 16 bytes"), std::string::npos) << shortSecret.err;
    const HttpAnswer agents = client_->get(std::string(protocol::kAgentsPath));
    EXPECT_EQ(agents.json()["agents"].size(), 1U) << agents.body;
}

TEST_F(DigitalKeyTest, APostgresqlDatabaseNeedsANamedKeyFile) {
    const ProcessResult grantedKey =
        runProcess(centralProgram(),
                   {"access", "grant", kNationalNumber, "--company", "acme", "--username",
                    "els.peeters", "--db", "postgresql://127.0.0.1:1/none"},
                   std::string(kPassword) + "\n");
    EXPECT_NE(grantedKey.exitCode, 0);
    const ProcessResult served =
        runProcess(centralProgram(),
                   {"serve", "--listen", "127.0.0.1:0", "--db", "postgresql://127.0.0.1:1/none"});
    EXPECT_NE(served.exitCode, 0);
    for (const ProcessResult* result : {&grantedKey, &served}) {
        EXPECT_NE(result->err.find("--key-file PATH is required"), std::string::npos)
            << result->err;
    }
}

TEST_F(DigitalKeyTest, BadBodiesAreRefusedAsSuch) {
    EXPECT_EQ(client_->post(std::string(protocol::kAgentsLoginPath), "{").status, 400);
    const HttpAnswer missing =
        client_->post(std::string(protocol::kAgentsLoginPath), R"({"username":"els"})");
    EXPECT_EQ(missing.status, 422) << missing.body;
}

}  // namespace
}  // namespace balie::test
