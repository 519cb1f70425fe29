// SPDX-License-Identifier: GPL-3.0-or-later
// balie-kiosk's digital key login against the real balie-central: username and password typed
// on the on-screen keyboard, the authenticator app's security code on the numeric pad, a wrong
// code refused on screen, the right one opening a session that no card holds; and the demo's key,
// shown on its start screen.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "balie/sync/crypto/totp.h"
#include "central_server.h"
#include "process.h"
#include "xvfb.h"

namespace balie::test {
namespace {

namespace fs = std::filesystem;
namespace totp = sync::totp;

constexpr const char* kNationalNumber = "85073003328";  // Els Peeters, on the access list
constexpr const char* kUsername = "els";
constexpr const char* kPassword = "tulpen2024";
constexpr std::chrono::seconds kRunTimeout{300};

// Taps that type \a text on the on-screen keyboard (lower-case letters and digits).
std::string typeOnKeyboard(const std::string& text) {
    std::string taps;
    for (char c : text) {
        taps += "tap key." + std::string(1, c) + "\n";
    }
    return taps;
}

std::string typeOnPad(const std::string& digits) {
    std::string taps;
    for (char c : digits) {
        taps += "tap pad." + std::string(1, c) + "\n";
    }
    return taps;
}

class KioskDigitalKeyTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        xvfb_ = Xvfb::start(1920, 1080, error);
        ASSERT_NE(xvfb_, nullptr) << error;
        central_ = std::make_unique<CentralServer>(CentralServer::start());
        const ProcessResult issued =
            runProcess(centralProgram(),
                       {"access", "grant", kNationalNumber, "--company", central_->company(),
                        "--username", kUsername, "--db", central_->databaseUrl()},
                       std::string(kPassword) + "\n");
        ASSERT_EQ(issued.exitCode, 0) << issued.err;
        std::istringstream lines(issued.out);
        for (std::string line; std::getline(lines, line);) {
            if (line.starts_with("secret: ")) {
                secret_ = totp::fromBase32(line.substr(8)).value_or("");
            }
        }
        ASSERT_EQ(secret_.size(), totp::kSecretBytes) << issued.out;

        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        work_ = fs::path(::testing::TempDir()) / ("balie-digital-key-" + std::string(info->name()));
        fs::remove_all(work_);
        fs::create_directories(work_ / "state");
        fs::create_directories(kScreenshots);
        std::ofstream(work_ / "central.token") << central_->token() << '\n';
        std::ofstream(work_ / "kiosk.conf")
            << "language = en\n"
            << "state-dir = " << (work_ / "state").string() << "\n"
            << "central-url = " << central_->url() << "\n"
            << "central-token-file = " << (work_ / "central.token").string() << "\n";
    }

    void TearDown() override {
        if (!::testing::Test::HasFailure()) {
            fs::remove_all(work_);
        }
    }

    static constexpr const char* kScreenshots = BALIE_SCREENSHOT_DIR;
    std::unique_ptr<Xvfb> xvfb_;
    std::unique_ptr<CentralServer> central_;
    std::string secret_;
    fs::path work_;
};

TEST_F(KioskDigitalKeyTest, TheAgentLogsInWithUsernamePasswordAndTheAppsCode) {
    // The script is written before the kiosk starts, so it carries the code of the next time
    // step: the central service takes it from now until at least a minute later (one step of
    // tolerance either side). Starting early in a step makes that a minute and a half.
    using std::chrono::system_clock;
    auto into = system_clock::now().time_since_epoch() % totp::kStep;
    if (into > std::chrono::seconds(20)) {
        std::this_thread::sleep_for(totp::kStep - into);
    }
    const std::string code = totp::code(secret_, totp::stepAt(system_clock::now()) + 1);
    std::string wrong = code;
    wrong.back() = static_cast<char>('0' + (wrong.back() - '0' + 1) % 10);

    fs::path script = work_ / "script.txt";
    std::ofstream(script) << "tap language.en\nexpect start\nscreenshot digital-key-start\n"
                          << "tap start.digital-key\nexpect digital-key\n"
                          << typeOnKeyboard(kUsername) << "tap key.done\n"
                          << typeOnKeyboard(kPassword) << "screenshot digital-key-credentials\n"
                          << "tap digital-key.show-password\n"
                          << "screenshot digital-key-password-shown\n"
                          << "tap key.done\nexpect digital-key\n"
                          << typeOnPad(wrong) << "screenshot digital-key-code\n"
                          << "tap pad.confirm\nexpect digital-key\n"
                          << "screenshot digital-key-refused\n"
                          << typeOnPad(code) << "tap pad.confirm\n"
                          << "expect tour\ntap tour.close\nexpect overview\n"
                          // No card holds this session: it stays until the agent logs out.
                          << "wait 1500\nexpect overview\nscreenshot digital-key-overview\n"
                          << "tap nav.menu\nexpect menu\ntap menu.logout\nexpect start\nquit\n";
    KioskRun run = runKiosk(xvfb_->display(),
                            {"--config", (work_ / "kiosk.conf").string(), "--script",
                             script.string(), "--screenshot-dir", kScreenshots},
                            kRunTimeout);
    ASSERT_FALSE(run.timedOut) << run.err;
    ASSERT_EQ(run.exitCode, 0) << run.err << central_->log();
    for (const char* shot :
         {"digital-key-credentials", "digital-key-refused", "digital-key-overview"}) {
        EXPECT_TRUE(fs::exists(fs::path(kScreenshots) / (std::string(shot) + ".png"))) << shot;
    }
    // Nothing the agent typed reaches the kiosk's or the central service's output.
    for (const std::string& output : {run.out, run.err, central_->log()}) {
        EXPECT_EQ(output.find(kPassword), std::string::npos);
        EXPECT_EQ(output.find(code), std::string::npos);
    }
}

TEST_F(KioskDigitalKeyTest, WithoutTheCentralServiceTheScreenSaysToUseTheCard) {
    central_->stop();
    fs::path script = work_ / "script.txt";
    // In German, whose messages are the longest.
    std::ofstream(script)
        << "tap language.de\ntap start.digital-key\n"
        << typeOnKeyboard(kUsername) << "tap key.done\n"
        << typeOnKeyboard(kPassword) << "tap key.done\n"
        << typeOnPad("123456") << "tap pad.confirm\nexpect digital-key\n"
        << "screenshot digital-key-unreachable-de\n"
        << "tap digital-key.change\nscreenshot digital-key-credentials-de\nquit\n";
    KioskRun run = runKiosk(xvfb_->display(),
                            {"--config", (work_ / "kiosk.conf").string(), "--script",
                             script.string(), "--screenshot-dir", kScreenshots},
                            kRunTimeout);
    ASSERT_FALSE(run.timedOut) << run.err;
    EXPECT_EQ(run.exitCode, 0) << run.err;
}

// balie-kiosk --demo with the digital key its start screen shows: username "demo", password
// "demo1234" and the code of its fixed secret.
TEST(KioskDemoDigitalKeyTest, TheDemoAgentLogsInWithTheKeyTheStartScreenShows) {
    std::string error;
    std::unique_ptr<Xvfb> xvfb = Xvfb::start(1920, 1080, error);
    ASSERT_NE(xvfb, nullptr) << error;
    const fs::path work = fs::path(::testing::TempDir()) / "balie-demo-digital-key";
    fs::remove_all(work);
    fs::create_directories(work);
    fs::create_directories(BALIE_SCREENSHOT_DIR);

    // As above: the code of the next step, written before the demo starts.
    using std::chrono::system_clock;
    auto into = system_clock::now().time_since_epoch() % totp::kStep;
    if (into > std::chrono::seconds(15)) {
        std::this_thread::sleep_for(totp::kStep - into);
    }
    const std::string code =
        totp::code("balie-demo-secret-20", totp::stepAt(system_clock::now()) + 1);
    fs::path script = work / "script.txt";
    std::ofstream(script) << "tap language.en\nexpect start\nscreenshot demo-digital-key\n"
                          << "tap start.digital-key\nexpect digital-key\n"
                          << typeOnKeyboard("demo") << "tap key.done\n"
                          << typeOnKeyboard("demo1234") << "tap key.done\n"
                          << typeOnPad(code) << "tap pad.confirm\nexpect tour\nquit\n";
    KioskRun run =
        runKiosk(xvfb->display(),
                 {"--demo", "--script", script.string(), "--screenshot-dir", BALIE_SCREENSHOT_DIR},
                 kRunTimeout);
    ASSERT_FALSE(run.timedOut) << run.err;
    EXPECT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(fs::exists(fs::path(BALIE_SCREENSHOT_DIR) / "demo-digital-key.png"));
    fs::remove_all(work);
}

}  // namespace
}  // namespace balie::test
