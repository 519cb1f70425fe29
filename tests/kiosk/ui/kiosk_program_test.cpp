// SPDX-License-Identifier: GPL-3.0-or-later
// balie-kiosk as a user meets it: a real window on a private Xvfb, taps entering through SDL's
// event queue, and screenshots of its framebuffer checked here and kept for people to look at.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "process.h"
#include "screenshot_image.h"
#include "xvfb.h"

namespace balie::test {
namespace {

const std::vector<std::string> kLanguageCodes = {"nl", "fr", "de", "en"};

class KioskProgramTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        xvfb_ = Xvfb::start(1920, 1080, error);
        ASSERT_NE(xvfb_, nullptr) << error;
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        work_ =
            std::filesystem::path(::testing::TempDir()) / ("balie-ui-" + std::string(info->name()));
        std::filesystem::remove_all(work_);
        std::filesystem::create_directories(work_);
        std::filesystem::create_directories(kScreenshots);
    }

    void TearDown() override { std::filesystem::remove_all(work_); }

    /// \brief Runs the kiosk with \a script, screenshots going to the shared folder.
    KioskRun play(const std::string& script, std::vector<std::string> args = {}) {
        std::filesystem::path file = work_ / "script.txt";
        std::ofstream(file) << script;
        args.insert(args.end(), {"--script", file.string(), "--screenshot-dir", kScreenshots});
        return runKiosk(xvfb_->display(), args);
    }

    std::filesystem::path writeConfig(const std::string& text) {
        std::filesystem::path file = work_ / "kiosk.conf";
        std::ofstream(file) << text;
        return file;
    }

    /// \brief A screenshot the last run wrote; fails the test when it is missing or blank.
    Image screenshot(const std::string& name, int width = 1920, int height = 1080) {
        std::optional<Image> image =
            loadImage(std::filesystem::path(kScreenshots) / (name + ".png"));
        EXPECT_TRUE(image.has_value()) << name << ".png was not written";
        if (!image) {
            return {};
        }
        EXPECT_EQ(image->width, width) << name;
        EXPECT_EQ(image->height, height) << name;
        // Text, buttons and the theme's colours, not an empty or single-colour frame.
        EXPECT_GT(distinctColours(*image), 8U) << name << ".png looks blank";
        return *image;
    }

    static constexpr const char* kScreenshots = BALIE_SCREENSHOT_DIR;
    std::unique_ptr<Xvfb> xvfb_;
    std::filesystem::path work_;
};

TEST_F(KioskProgramTest, ShowsEveryFirstScreenInEveryLanguage) {
    std::ostringstream script;
    for (const std::string& code : kLanguageCodes) {
        script << "expect language\n"
               << "tap language." << code << "\n"
               << "expect start\n"
               << "screenshot start-" << code << "\n"
               << "tap start.pin\n"
               << "expect pin\n"
               << "screenshot pin-" << code << "\n"
               << "tap nav.back\n"
               << "expect start\n"
               << "tap nav.back\n"
               << "expect language\n"
               << "screenshot language-" << code << "\n";
    }
    script << "quit\n";
    KioskRun run = play(script.str());
    ASSERT_FALSE(run.timedOut);
    ASSERT_EQ(run.exitCode, 0) << run.err;

    for (const std::string screen : {"language", "start", "pin"}) {
        std::vector<Image> images;
        for (const std::string& code : kLanguageCodes) {
            images.push_back(screenshot(screen + "-" + code));
        }
        // The language screen shows all four languages and marks the current one; the others
        // are in the chosen language only. Either way no two languages look the same.
        for (std::size_t a = 0; a < images.size(); ++a) {
            for (std::size_t b = a + 1; b < images.size(); ++b) {
                EXPECT_NE(images[a], images[b])
                    << screen << " looks the same in " << kLanguageCodes[a] << " and "
                    << kLanguageCodes[b];
            }
        }
    }
}

TEST_F(KioskProgramTest, SwitchingLanguageChangesTheText) {
    KioskRun run = play(
        "tap language.nl\n"
        "screenshot switch-nl\n"
        "tap lang.de\n"
        "expect start\n"
        "screenshot switch-de\n"
        "tap lang.nl\n"
        "screenshot switch-nl-again\n"
        "quit\n");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    Image dutch = screenshot("switch-nl");
    Image german = screenshot("switch-de");
    EXPECT_NE(dutch, german);
    // Switching back redraws everything in Dutch: nothing of the German text is left.
    EXPECT_EQ(screenshot("switch-nl-again"), dutch);
}

TEST_F(KioskProgramTest, PinPadMasksDigits) {
    KioskRun run = play(
        "tap language.en\n"
        "tap start.pin\n"
        "expect pin\n"
        "screenshot pin-empty\n"
        "tap pad.1\ntap pad.2\ntap pad.3\n"
        "screenshot pin-three-digits\n"
        "tap pad.4\n"
        "screenshot pin-1234\n"
        "tap pad.erase\ntap pad.erase\ntap pad.erase\ntap pad.erase\n"
        "screenshot pin-erased\n"
        "tap pad.5\ntap pad.6\ntap pad.7\ntap pad.8\n"
        "screenshot pin-5678\n"
        "quit\n");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    Image first = screenshot("pin-1234");
    // Different digits of the same length look exactly alike: no digit is ever drawn.
    EXPECT_EQ(screenshot("pin-5678"), first);
    // But the number of digits typed shows.
    EXPECT_NE(screenshot("pin-three-digits"), first);
    EXPECT_NE(screenshot("pin-empty"), first);
    EXPECT_EQ(screenshot("pin-erased"), screenshot("pin-empty"));
}

TEST_F(KioskProgramTest, ConfirmingAPinWithoutCardReaderSaysSoAndStaysOnThePinScreen) {
    KioskRun run = play(
        "tap language.en\n"
        "tap start.pin\n"
        "tap pad.1\ntap pad.2\ntap pad.3\ntap pad.4\n"
        "screenshot pin-before-confirm\n"
        "tap pad.confirm\n"
        "expect pin\n"
        "screenshot pin-reader-unavailable\n"
        "tap pad.confirm\n"
        "screenshot pin-confirm-again\n"
        "quit\n");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    Image confirmed = screenshot("pin-reader-unavailable");
    EXPECT_NE(confirmed, screenshot("pin-before-confirm"));
    // The PIN left the screen with the login attempt: confirm is disabled, a tap changes nothing.
    EXPECT_EQ(screenshot("pin-confirm-again"), confirmed);
}

TEST_F(KioskProgramTest, IdlesWithoutDrawingFrames) {
    KioskRun run = play(
        "tap language.fr\n"
        "wait 300\n"
        "frames\n"
        "wait 1500\n"
        "frames\n"
        "quit\n");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    std::istringstream lines(run.out);
    std::string word;
    long before = -1;
    long after = -1;
    lines >> word >> before >> word >> after;
    ASSERT_GT(before, 0) << run.out;
    EXPECT_LE(after - before, 2) << "frames drawn during 1.5 s without input";
}

TEST_F(KioskProgramTest, IdleTimeoutReturnsToTheLanguageChoiceAndDropsThePin) {
    // Long enough for the taps below on a loaded machine with a software renderer.
    std::filesystem::path config = writeConfig("language = nl\nidle-timeout = 4\n");
    KioskRun run = play(
        "screenshot home\n"
        "tap language.fr\n"
        "tap start.pin\n"
        "screenshot pin-before-timeout\n"
        "tap pad.1\ntap pad.2\n"
        "expect pin\n"
        "wait 5000\n"
        "expect language\n"
        "screenshot home-after-timeout\n"
        "tap language.fr\n"
        "tap start.pin\n"
        "screenshot pin-after-timeout\n"
        "quit\n",
        {"--config", config.string()});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    // Back to the configured language, and a fresh PIN screen without the digits typed before.
    EXPECT_EQ(screenshot("home-after-timeout"), screenshot("home"));
    EXPECT_EQ(screenshot("pin-after-timeout"), screenshot("pin-before-timeout"));
}

TEST_F(KioskProgramTest, OpensAWindowOfTheRequestedSizeForDevelopment) {
    KioskRun run = play("screenshot window-1024x600\nquit\n", {"--window", "1024x600", "--demo"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    screenshot("window-1024x600", 1024, 600);
}

TEST_F(KioskProgramTest, ShowsTheDemoPinInDemoMode) {
    KioskRun demo = play("tap language.en\nscreenshot start-demo\nquit\n", {"--demo"});
    ASSERT_EQ(demo.exitCode, 0) << demo.err;
    KioskRun plain = play("tap language.en\nscreenshot start-no-demo\nquit\n");
    ASSERT_EQ(plain.exitCode, 0) << plain.err;
    EXPECT_NE(screenshot("start-demo"), screenshot("start-no-demo"));
}

TEST_F(KioskProgramTest, StopsWhenAScriptTapsATargetThatIsNotShown) {
    KioskRun run = play("tap pad.1\nquit\n");
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.err, "balie-kiosk: script line 1: no target 'pad.1' on screen 'language'\n");
}

TEST_F(KioskProgramTest, StopsWhenAScriptExpectsAnotherScreen) {
    KioskRun run = play("expect pin\n");
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.err,
              "balie-kiosk: script line 1: expected screen 'pin' but 'language' is shown\n");
}

TEST(KioskProgramStartTest, FailsInOneLineWithoutADisplay) {
    KioskRun run = runKiosk(std::nullopt, {});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.err.starts_with("balie-kiosk: no display: ")) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
}

TEST(KioskProgramStartTest, RejectsUnknownArguments) {
    ProcessResult result = runProcess(BALIE_KIOSK_PATH, {"--fullscreen"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.starts_with("balie-kiosk: unknown argument '--fullscreen'\n"))
        << result.err;
}

TEST(KioskProgramStartTest, RejectsABadWindowSize) {
    ProcessResult result = runProcess(BALIE_KIOSK_PATH, {"--window", "800by600"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.starts_with("balie-kiosk: --window needs WIDTHxHEIGHT")) << result.err;
}

TEST(KioskProgramStartTest, RejectsAnOptionWithoutItsValue) {
    ProcessResult result = runProcess(BALIE_KIOSK_PATH, {"--config"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.starts_with("balie-kiosk: --config needs a value\n")) << result.err;
}

TEST(KioskProgramStartTest, RejectsABadConfigurationFile) {
    std::filesystem::path file = std::filesystem::path(::testing::TempDir()) / "bad-kiosk.conf";
    std::ofstream(file) << "# kiosk\nlanguage = nl\ncolour = blue\n";
    ProcessResult result = runProcess(BALIE_KIOSK_PATH, {"--config", file.string()});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.err,
              "balie-kiosk: " + file.string() + ": config line 3: unknown key 'colour'\n");
    std::filesystem::remove(file);
}

TEST(KioskProgramStartTest, RejectsAMissingConfigurationFile) {
    ProcessResult result = runProcess(BALIE_KIOSK_PATH, {"--config", "/nonexistent/kiosk.conf"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.err, "balie-kiosk: cannot read config file /nonexistent/kiosk.conf\n");
}

TEST(KioskProgramStartTest, RejectsABadScriptBeforeOpeningAWindow) {
    std::filesystem::path file = std::filesystem::path(::testing::TempDir()) / "bad-script.txt";
    std::ofstream(file) << "tap language.nl\nswipe left\n";
    KioskRun run = runKiosk(std::nullopt, {"--script", file.string()});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.err, "balie-kiosk: " + file.string() +
                           ": script line 2: unknown command 'swipe' with 1 argument(s)\n");
    std::filesystem::remove(file);
}

TEST(KioskProgramStartTest, PrintsUsageOnHelp) {
    ProcessResult result = runProcess(BALIE_KIOSK_PATH, {"--help"});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.starts_with("usage: balie-kiosk [--demo]")) << result.out;
}

}  // namespace
}  // namespace balie::test
