// SPDX-License-Identifier: GPL-3.0-or-later
// balie-kiosk with a real card: a private pcscd, vpcd and balie-card-sim playing the demo agent,
// the request store in a temporary directory, taps entering through SDL's event queue.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "balie/core/request_lifecycle.h"
#include "balie/sync/sqlite_request_store.h"
#include "screenshot_image.h"
#include "virtual_card_rig.h"
#include "xvfb.h"

namespace balie::test {
namespace {

namespace fs = std::filesystem;

const std::string kPersona = BALIE_TEST_DATA_DIR "/eid/personas/demo-agent.json";
constexpr const char* kNationalNumber = "90072104503";  // the persona's, in the access list
constexpr const char* kAgentId = "agent-demo";
const std::vector<std::string> kLanguageCodes = {"nl", "fr", "de", "en"};
// A generous bound for runs with four logins on a loaded machine: a hang, not slowness, fails.
constexpr std::chrono::seconds kRunTimeout{400};

std::string sha256Hex(const std::string& text) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr);
    std::string hex;
    for (unsigned int i = 0; i < size; ++i) {
        static constexpr char kHex[] = "0123456789abcdef";
        hex.push_back(kHex[digest[i] >> 4]);
        hex.push_back(kHex[digest[i] & 0x0F]);
    }
    return hex;
}

core::Request draft(const std::string& surname, const std::string& givenNames,
                    const std::string& agentId) {
    core::Request request;
    request.requester = core::Requester{agentId, agentId == kAgentId ? "Demo Agent" : "Colleague"};
    request.document.type = core::DocumentType::Passport;
    request.document.issuingCountry = "PL";
    request.document.number = "EK1234567";
    request.person.surname = surname;
    request.person.givenNames = givenNames;
    request.person.birthDate = core::PartialDate{1990, 3, 14};
    request.person.nationality = "PL";
    request.person.birthCountry = "PL";
    request.person.birthPlace = "Kraków";
    request.person.sex = core::Sex::Female;
    request.residence.country = "PL";
    request.email = "worker@example.org";
    return request;
}

class KioskLoginTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        rig_ = VirtualCardRig::start(kPersona, &error);
        ASSERT_NE(rig_, nullptr) << error;
        xvfb_ = Xvfb::start(1920, 1080, error);
        ASSERT_NE(xvfb_, nullptr) << error;
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        work_ = fs::path(::testing::TempDir()) / ("balie-login-" + std::string(info->name()));
        fs::remove_all(work_);
        fs::create_directories(work_ / "state");
        fs::create_directories(kScreenshots);
        std::ofstream(work_ / "agents.list")
            << "# the demo agent\n"
            << sha256Hex(kNationalNumber) << " " << kAgentId << " Demo Agent Specimen\n";
        std::ofstream(work_ / "kiosk.conf")
            << "language = en\n"
            << "state-dir = " << (work_ / "state").string() << "\n"
            << "eid-trust = " << rig_->pkiDir() << "/root.pem\n"
            << "access-list = " << (work_ / "agents.list").string() << "\n";
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

    /// \brief Queued, sent, identified, failed and action-expected requests, oldest first.
    void fillStore() {
        auto store = openStore();
        ASSERT_NE(store, nullptr);
        auto now = std::chrono::system_clock::now();
        using Step = std::function<void(core::Request&)>;
        auto add = [&](core::Request request, std::vector<Step> change) {
            auto stored = store->submit(
                std::move(request), {core::PageImage{4, 4, std::vector<std::uint8_t>(64, 7)}}, now);
            ASSERT_TRUE(stored.has_value()) << stored.error().message;
            // The store takes one life-cycle step at a time, as the sync service brings them.
            for (auto& step : change) {
                step(*stored);
                auto updated = store->update(*stored);
                ASSERT_TRUE(updated.has_value()) << updated.error().message;
            }
        };
        auto sent = [](const std::string& ticket) {
            return [ticket](core::Request& r) {
                r.ticketNumber = ticket;
                ASSERT_TRUE(core::changeStatus(r, core::RequestStatus::Sent).has_value());
            };
        };
        add(draft("Kowalska", "Anna", kAgentId),
            {sent("B-000101"), [](core::Request& r) {
                 ASSERT_TRUE(core::markIdentified(r, "90031412345").has_value());
             }});
        add(draft("Nowak", "Piotr", "agent-colleague"), {sent("B-000102")});
        add(draft("Popescu", "Ion", kAgentId),
            {sent("B-000103"), [](core::Request& r) {
                 ASSERT_TRUE(core::changeStatus(r, core::RequestStatus::Failed).has_value());
             }});
        add(draft("Horváth", "Éva", kAgentId),
            {sent("B-000104"), [](core::Request& r) {
                 ASSERT_TRUE(
                     core::markActionExpected(r, core::ActionReason::ExpiredDocument).has_value());
             }});
        add(draft("Dvořák", "Jiří", kAgentId), {});
    }

    KioskRun play(const std::string& script) {
        fs::path file = work_ / "script.txt";
        std::ofstream(file) << script;
        return runKiosk(xvfb_->display(),
                        {"--config", (work_ / "kiosk.conf").string(), "--script", file.string(),
                         "--screenshot-dir", kScreenshots},
                        kRunTimeout);
    }

    Image screenshot(const std::string& name) {
        std::optional<Image> image = loadImage(fs::path(kScreenshots) / (name + ".png"));
        EXPECT_TRUE(image.has_value()) << name << ".png was not written";
        if (!image) {
            return {};
        }
        EXPECT_GT(distinctColours(*image), 8U) << name << ".png looks blank";
        return *image;
    }

    static std::string login(const std::string& language, const std::string& pin = "1234") {
        std::string script = "tap language." + language + "\nexpect start\ntap start.pin\n";
        for (char digit : pin) {
            script += std::string("tap pad.") + digit + "\n";
        }
        return script + "tap pad.confirm\n";
    }

    static constexpr const char* kScreenshots = BALIE_SCREENSHOT_DIR;
    std::unique_ptr<VirtualCardRig> rig_;
    std::unique_ptr<Xvfb> xvfb_;
    fs::path work_;
};

TEST_F(KioskLoginTest, RightPinOpensTheTourThenTheOverviewInEveryLanguage) {
    std::ostringstream script;
    for (const std::string& code : kLanguageCodes) {
        script << login(code) << "expect tour\n"
               << "screenshot login-tour-" << code << "\n"
               << "tap tour.close\nexpect overview\n"
               << "screenshot login-overview-" << code << "\n"
               << "tap nav.menu\nexpect menu\ntap menu.logout\nexpect start\n"
               << "tap nav.back\nexpect language\n";
    }
    script << "quit\n";
    KioskRun run = play(script.str());
    ASSERT_FALSE(run.timedOut);
    ASSERT_EQ(run.exitCode, 0) << run.err << rig_->logs();
    for (const std::string& code : kLanguageCodes) {
        screenshot("login-tour-" + code);
        screenshot("login-overview-" + code);
    }
    EXPECT_NE(screenshot("login-overview-nl"), screenshot("login-overview-fr"));
}

TEST_F(KioskLoginTest, WrongPinsShowTheTriesLeftThenAskBeforeTheLastTryAndBlock) {
    KioskRun run = play(login("en", "9999") + "expect pin\nscreenshot pin-wrong-2-left\n" +
                        "tap pad.9\ntap pad.9\ntap pad.9\ntap pad.9\ntap pad.confirm\n" +
                        "expect pin\nscreenshot pin-wrong-1-left\n" +
                        "tap pad.9\ntap pad.9\ntap pad.9\ntap pad.9\ntap pad.confirm\n" +
                        "expect pin\nscreenshot pin-last-try\n" + "tap pin.last-try\n" +
                        "tap pad.9\ntap pad.9\ntap pad.9\ntap pad.9\ntap pad.confirm\n" +
                        "expect pin\nscreenshot pin-blocked\n" +
                        // A blocked card lets nobody in, not even with its right PIN.
                        "tap pad.1\ntap pad.2\ntap pad.3\ntap pad.4\ntap pad.confirm\n" +
                        "expect pin\nscreenshot pin-blocked-again\nquit\n");
    ASSERT_FALSE(run.timedOut);
    ASSERT_EQ(run.exitCode, 0) << run.err << rig_->logs();
    Image twoLeft = screenshot("pin-wrong-2-left");
    Image oneLeft = screenshot("pin-wrong-1-left");
    Image lastTry = screenshot("pin-last-try");
    Image blocked = screenshot("pin-blocked");
    EXPECT_NE(twoLeft, oneLeft);
    EXPECT_NE(oneLeft, lastTry);
    EXPECT_NE(lastTry, blocked);
    EXPECT_EQ(screenshot("pin-blocked-again"), blocked);
}

TEST_F(KioskLoginTest, AnAgentNotOnTheAccessListIsDenied) {
    std::ofstream(work_ / "agents.list") << sha256Hex("85073003328") << " other Someone Else\n";
    KioskRun run = play(login("fr") + "expect access-denied\nscreenshot access-denied-fr\n" +
                        "tap access.back\nexpect start\nquit\n");
    ASSERT_EQ(run.exitCode, 0) << run.err << rig_->logs();
    screenshot("access-denied-fr");
}

TEST_F(KioskLoginTest, RemovingTheCardLocksTheKioskAtOnce) {
    fillStore();
    fs::path marker = fs::path(kScreenshots) / "card-removed-overview.png";
    fs::remove(marker);
    // The kiosk shows the overview, then waits for the card to go; this thread pulls it out.
    KioskRun run;
    std::thread kiosk([&] {
        run = play(login("en") + "expect tour\ntap tour.close\nexpect overview\n" +
                   "screenshot card-removed-overview\nawait start\n" +
                   "screenshot card-removed-start\nquit\n");
    });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!fs::exists(marker) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    bool removed = rig_->removeCard();
    kiosk.join();
    ASSERT_TRUE(removed) << rig_->logs();
    ASSERT_EQ(run.exitCode, 0) << run.err;
    // No personal data is left on the screen: it is the start screen of a kiosk with no card.
    EXPECT_NE(screenshot("card-removed-start"), screenshot("card-removed-overview"));
}

TEST_F(KioskLoginTest, OverviewListsTheStoredRequestsAndDeletesOne) {
    fillStore();
    KioskRun run = play(login("en") + "expect tour\ntap tour.close\nexpect overview\n" +
                        "screenshot overview-requests\n" +
                        "tap overview.mine\nscreenshot overview-only-mine\n" +
                        "tap overview.sort\nscreenshot overview-by-requester\n" +
                        "tap overview.sort\ntap overview.mine\n" +
                        // The newest request, still queued on the kiosk, comes first.
                        "tap request.0\nexpect request\nscreenshot request-queued\n" +
                        "tap request.delete\nscreenshot request-delete-confirm\n" +
                        "tap request.delete.confirm\nexpect overview\n" +
                        "screenshot overview-after-delete\nquit\n");
    ASSERT_EQ(run.exitCode, 0) << run.err << rig_->logs();
    EXPECT_NE(screenshot("overview-requests"), screenshot("overview-only-mine"));
    EXPECT_NE(screenshot("overview-requests"), screenshot("overview-by-requester"));
    EXPECT_NE(screenshot("overview-requests"), screenshot("overview-after-delete"));
    screenshot("request-queued");
    screenshot("request-delete-confirm");

    auto store = openStore();
    ASSERT_NE(store, nullptr);
    auto list = store->list(core::RequestQuery{});
    ASSERT_TRUE(list.has_value());
    ASSERT_EQ(list->requests.size(), 4U);  // one of five deleted
    for (const core::Request& request : list->requests) {
        EXPECT_NE(request.person.surname, "Dvořák");
    }
}

TEST_F(KioskLoginTest, TourMenuAndHelpCentreInEveryLanguage) {
    fillStore();
    std::ostringstream script;
    script << login("nl") << "expect tour\n";
    for (int page = 1; page <= 3; ++page) {
        script << "tap tour.info.0\nscreenshot tour-" << page << "-nl\n";
        if (page < 3) {
            script << "tap tour.next\n";
        }
    }
    script << "tap tour.dont-show\ntap tour.close\nexpect overview\n";
    for (const std::string& code : kLanguageCodes) {
        script << "tap nav.menu\nexpect menu\ntap menu.lang." << code << "\n"
               << "screenshot menu-" << code << "\n"
               << "tap menu.help\nexpect help\nscreenshot help-manual-" << code << "\n"
               << "tap help.topics\ntap help.topic.0\nscreenshot help-topics-" << code << "\n"
               << "tap nav.back\nexpect menu\ntap menu.tour\nexpect tour\n"
               << "screenshot tour-" << code << "\ntap tour.close\nexpect menu\n"
               << "tap menu.overview\nexpect overview\nscreenshot overview-" << code << "\n"
               << "tap request.0\nexpect request\nscreenshot request-" << code << "\n"
               << "tap nav.back\nexpect overview\n";
    }
    // The welcome message can be switched off.
    script << "tap nav.menu\ntap menu.welcome\ntap nav.back\nexpect overview\n"
           << "screenshot overview-without-welcome\n"
           << "tap nav.menu\ntap menu.logout\nexpect start\n"
           // "Don't show again": the next login goes straight to the overview.
           << "tap start.pin\ntap pad.1\ntap pad.2\ntap pad.3\ntap pad.4\ntap pad.confirm\n"
           << "expect overview\nquit\n";
    KioskRun run = play(script.str());
    ASSERT_FALSE(run.timedOut);
    ASSERT_EQ(run.exitCode, 0) << run.err << rig_->logs();
    for (const std::string screen :
         {"menu", "help-manual", "help-topics", "tour", "overview", "request"}) {
        std::vector<Image> images;
        for (const std::string& code : kLanguageCodes) {
            images.push_back(screenshot(screen + "-" + code));
        }
        for (std::size_t a = 0; a < images.size(); ++a) {
            for (std::size_t b = a + 1; b < images.size(); ++b) {
                EXPECT_NE(images[a], images[b])
                    << screen << " looks the same in " << kLanguageCodes[a] << " and "
                    << kLanguageCodes[b];
            }
        }
    }
    EXPECT_NE(screenshot("overview-without-welcome"), screenshot("overview-en"));
}

}  // namespace
}  // namespace balie::test
