// SPDX-License-Identifier: GPL-3.0-or-later
// The whole request flow of balie-kiosk as an agent walks it: card login, the wizard with the
// replay camera whose machine readable zone fills the fields, the fields the zone lacks typed on
// the on-screen keyboard and pads, sending to the real balie-central and its answer; offline
// sending, an operator asking for a new document, and deleting a request.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "balie/core/insz.h"
#include "balie/sync/sqlite_request_store.h"
#include "central_server.h"
#include "client_fixture.h"
#include "screenshot_image.h"
#include "virtual_card_rig.h"
#include "xvfb.h"

namespace balie::test {
namespace {

namespace fs = std::filesystem;

const std::string kPersona = BALIE_TEST_DATA_DIR "/eid/personas/demo-agent.json";
const fs::path kDemoDocuments = BALIE_TEST_DATA_DIR "/vision/demo";
constexpr const char* kNationalNumber = "90072104503";  // the persona's
constexpr const char* kAgentName = "Demo Agent Specimen";
const std::vector<std::string> kLanguageCodes = {"nl", "fr", "de", "en"};

// The replayed passport's holder (tests/data/vision/demo/truth.txt): DE JONG ALI, born
// 1950-11-04, Italian, passport PD1471782 issued by Portugal.
constexpr const char* kHolderInsz = "50110400235";
constexpr const char* kDocumentNumber = "PD1471782";
// A registry entry one letter away from the holder: the central service asks an operator.
constexpr const char* kNearNameInsz = "50110400433";

// Bounds against a hang, not measures of speed: one login takes 15 s on a loaded machine and
// the camera's reader and the software renderer share the same two cores.
constexpr std::chrono::seconds kRunTimeout{600};
constexpr std::chrono::seconds kLongRunTimeout{1200};
constexpr std::chrono::seconds kWaitBound{300};
// The longest wait the sync engine's backoff draws for a request (its cap).
constexpr std::chrono::minutes kLongestBackoff{5};
// The end of a script that keeps the kiosk running until the test takes the card out.
const std::string kUntilCardTakenOut = "await start 900\nquit\n";

// A known person of the central service's registry, in its import format.
std::string registryEntry(const std::string& insz, const std::string& surname) {
    return R"({"insz": ")" + insz + R"(", "surname": ")" + surname +
           R"(", "given_names": "ALI", "birth_date": "1950-11-04", "birth_place": "Roma", )"
           R"("birth_country": "ITA", "nationality": "ITA", "sex": "F", "national_number": "", )"
           R"("documents": [{"issuing_country": "PRT", "number": "PD1471782"}]})";
}

/// \brief Script lines that type \a text on the on-screen keyboard, as a finger would.
std::string typed(std::string_view text) {
    std::string lines;
    for (char c : text) {
        if (c == ' ') {
            lines += "tap key.space\n";
        } else if (c >= 'A' && c <= 'Z') {
            lines +=
                "tap key.shift\ntap key." + std::string(1, static_cast<char>(c - 'A' + 'a')) + "\n";
        } else {
            lines += "tap key." + std::string(1, c) + "\n";
        }
    }
    return lines;
}

/// \brief Script lines that type \a digits on the numeric pad.
std::string padded(std::string_view digits) {
    std::string lines;
    for (char digit : digits) {
        lines += "tap pad." + std::string(1, digit) + "\n";
    }
    return lines;
}

/// \brief One text field filled in: tapped, typed, closed.
std::string filled(const std::string& field, std::string_view text) {
    return "tap field." + field + "\n" + typed(text) + "tap key.done\n";
}

/// \brief Language, start, PIN and the tour to the overview, each screen photographed.
std::string login(const std::string& language, const std::string& tag) {
    return "expect language\ntap language." + language + "\nexpect start\nscreenshot " + tag +
           "-start\ntap start.pin\nexpect pin\n" + padded("1234") + "screenshot " + tag +
           "-pin\ntap pad.confirm\nexpect tour\nscreenshot " + tag +
           "-tour\ntap tour.close\nexpect overview\nscreenshot " + tag + "-overview\n";
}

/// \brief From the overview through the four wizard steps to the answer; a tap on a field of
/// the next step fails the script when the wizard did not move on.
std::string fileRequest(const std::string& tag) {
    return "tap overview.new\nexpect wizard\nscreenshot " + tag +
           "-1-camera\n"
           // A second of camera pictures, each drawn over the last frame where it shows.
           "wait 1000\nscreenshot " +
           tag +
           "-1-live\n"
           // The replay camera shows the passport steadily: the page is captured by itself once
           // its zone is read on agreeing frames.
           "await page.1 120\nscreenshot " +
           tag + "-1-read\n" + "tap field.document.valid_from\n" + padded("19092027") +
           "tap pad.confirm\ntap wizard.next\n" + "tap field.person.birth_place\n" + typed("Roma") +
           "tap key.done\nscreenshot " + tag + "-2-person\ntap wizard.next\n" +
           "tap field.address.residence.country\n" + typed("ita") + "tap country.IT\n" +
           filled("address.residence.street", "Via Appia") +
           filled("address.residence.number", "12") +
           filled("address.residence.municipality", "Roma") + "tap choice.address.contact.add\n" +
           filled("address.contact.street", "Rue Neuve") + filled("address.contact.number", "5") +
           filled("address.contact.postal_code", "1000") +
           filled("address.contact.municipality", "Bruxelles") + "screenshot " + tag +
           "-3-address\ntap wizard.next\n" + filled("send.email", "hr@example.be") + "screenshot " +
           tag + "-4-summary\ntap wizard.send\n" +
           // The answer screen waits for the central service before a script goes on.
           "expect answer\nscreenshot " + tag + "-answer\ntap answer.overview\nexpect overview\n";
}

// The wizard's title bar with the language buttons, in screenshot rows at 1920x1080.
constexpr int kHeaderRows = 160;

// Rows [first, last) of \a image.
Image rows(const Image& image, int first, int last) {
    Image part;
    part.width = image.width;
    part.height = std::clamp(last, 0, image.height) - std::clamp(first, 0, image.height);
    const auto rowBytes = static_cast<std::ptrdiff_t>(image.width) * 3;
    if (part.height > 0) {
        part.rgb.assign(image.rgb.begin() + first * rowBytes,
                        image.rgb.begin() + (first + part.height) * rowBytes);
    }
    return part;
}

std::vector<std::string> flowScreens(const std::string& tag) {
    std::vector<std::string> names;
    for (const char* screen : {"start", "pin", "tour", "overview", "1-camera", "1-live", "1-read",
                               "2-person", "3-address", "4-summary", "answer"}) {
        names.push_back(tag + "-" + screen);
    }
    return names;
}

class KioskRequestFlowTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        rig_ = VirtualCardRig::start(kPersona, &error);
        ASSERT_NE(rig_, nullptr) << error;
        xvfb_ = Xvfb::start(1920, 1080, error);
        ASSERT_NE(xvfb_, nullptr) << error;
        CentralServerOptions options;
        options.agents = {{kNationalNumber, kAgentName}};
        central_ = std::make_unique<CentralServer>(CentralServer::start(options));
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        work_ = fs::path(::testing::TempDir()) / ("balie-flow-" + std::string(info->name()));
        fs::remove_all(work_);
        fs::create_directories(work_ / "state");
        fs::create_directories(kScreenshots);
        // Only the passport's frames: a document that never moves is captured exactly once.
        fs::create_directories(work_ / "camera");
        for (const auto& entry : fs::directory_iterator(kDemoDocuments)) {
            if (entry.path().filename().string().starts_with("passport-")) {
                fs::copy_file(entry.path(), work_ / "camera" / entry.path().filename());
            }
        }
        std::ofstream(work_ / "central.token") << central_->token() << '\n';
        std::ofstream(work_ / "kiosk.conf")
            << "language = en\n"
            << "idle-timeout = 600\n"
            << "state-dir = " << (work_ / "state").string() << "\n"
            << "eid-trust = " << rig_->pkiDir() << "/root.pem\n"
            << "camera = replay:" << (work_ / "camera").string() << "\n"
            << "central-url = " << central_->url() << "\n"
            << "central-token-file = " << (work_ / "central.token").string() << "\n";
    }

    void TearDown() override {
        if (!::testing::Test::HasFailure()) {
            fs::remove_all(work_);
        }
    }

    void importRegistry(const std::string& insz, const std::string& surname) {
        fs::path file = work_ / "registry.json";
        std::ofstream(file) << "[" << registryEntry(insz, surname) << "]\n";
        ProcessResult imported = central_->command({"registry", "import", file.string()});
        ASSERT_EQ(imported.exitCode, 0) << imported.err;
    }

    KioskRun play(const std::string& script, std::chrono::seconds timeout = kRunTimeout) {
        static int number = 0;
        fs::path file = work_ / ("script-" + std::to_string(++number) + ".txt");
        std::ofstream(file) << script;
        return runKiosk(xvfb_->display(),
                        {"--config", (work_ / "kiosk.conf").string(), "--script", file.string(),
                         "--screenshot-dir", kScreenshots},
                        timeout);
    }

    /// \brief Plays \a script on a thread; the test goes on beside it.
    std::thread playBeside(const std::string& script, KioskRun& run,
                           std::chrono::seconds timeout = kRunTimeout) {
        return std::thread([this, script, &run, timeout] { run = play(script, timeout); });
    }

    std::unique_ptr<sync::SqliteRequestStore> openStore() {
        auto store = sync::SqliteRequestStore::open(
            sync::StoreOptions{work_ / "state" / "requests.db", work_ / "state" / "store.key", 0});
        EXPECT_TRUE(store.has_value()) << store.error().message;
        return store.has_value() ? std::move(*store) : nullptr;
    }

    std::vector<core::Request> storedRequests() {
        auto store = openStore();
        if (store == nullptr) {
            return {};
        }
        auto list = store->list({});
        return list.has_value() ? list->requests : std::vector<core::Request>{};
    }

    /// \brief The only request of the store, once there is exactly one.
    std::optional<core::Request> onlyRequest() {
        std::vector<core::Request> requests = storedRequests();
        return requests.size() == 1 ? std::optional(requests.front()) : std::nullopt;
    }

    /// \brief The central service's state of \a localId; empty while it does not have it.
    std::string centralState(const std::string& localId) {
        std::vector<nlohmann::json> entries = centralEntriesFor(*central_, localId);
        return entries.size() == 1 ? entries.front().value("state", "") : "";
    }

    /// \brief Polls \a done until it holds or kWaitBound passed.
    static bool waitFor(const std::function<bool()>& done) {
        auto deadline = std::chrono::steady_clock::now() + kWaitBound;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        }
        return true;
    }

    /// \brief Whether the kiosk wrote the screenshot \a name: its script got that far.
    bool screenshotWritten(const std::string& name) {
        return fs::exists(fs::path(kScreenshots) / (name + ".png"));
    }

    Image screenshot(const std::string& name) {
        std::optional<Image> image = loadImage(fs::path(kScreenshots) / (name + ".png"));
        EXPECT_TRUE(image.has_value()) << name << ".png was not written";
        if (!image) {
            return {};
        }
        EXPECT_EQ(image->width, 1920) << name;
        EXPECT_EQ(image->height, 1080) << name;
        EXPECT_GT(distinctColours(*image), 8U) << name << ".png looks blank";
        return *image;
    }

    void removeScreenshots(const std::vector<std::string>& names) {
        for (const std::string& name : names) {
            fs::remove(fs::path(kScreenshots) / (name + ".png"));
        }
    }

    static constexpr const char* kScreenshots = BALIE_SCREENSHOT_DIR;
    std::unique_ptr<VirtualCardRig> rig_;
    std::unique_ptr<Xvfb> xvfb_;
    std::unique_ptr<CentralServer> central_;
    fs::path work_;
};

TEST_F(KioskRequestFlowTest, FilesARequestInEveryLanguageAndShowsTheTicketAndInsz) {
    importRegistry(kHolderInsz, "DE JONG");
    std::string script;
    std::vector<std::string> screens;
    for (const std::string& code : kLanguageCodes) {
        const std::string tag = "flow-" + code;
        // The answer's detail shows what the registry added to the request: the birth country.
        script += login(code, tag) + fileRequest(tag) + "screenshot " + tag +
                  "-overview-answered\n" +
                  "tap notification.answer.0\nexpect request\nawait request.completed 5\n"
                  "screenshot " +
                  tag + "-detail\ntap nav.back\nexpect overview\n" +
                  "tap nav.menu\nexpect menu\ntap menu.logout\nexpect start\n"
                  "tap nav.back\nexpect language\n";
        std::vector<std::string> names = flowScreens(tag);
        names.push_back(tag + "-overview-answered");
        names.push_back(tag + "-detail");
        screens.insert(screens.end(), names.begin(), names.end());
    }
    removeScreenshots(screens);
    KioskRun run = play(script + "quit\n", kLongRunTimeout);
    ASSERT_FALSE(run.timedOut) << run.err;
    ASSERT_EQ(run.exitCode, 0) << run.err << central_->log();

    for (const std::string& name : screens) {
        screenshot(name);
    }
    for (const std::string& code : kLanguageCodes) {
        // The live preview before the capture, the fields filled in by the zone after it.
        EXPECT_NE(screenshot("flow-" + code + "-1-camera"), screenshot("flow-" + code + "-1-read"));
        // While the camera brings pictures only the preview is drawn again: the rest of the
        // screen must still be whole, as the step's first frame drew it.
        const Image first = screenshot("flow-" + code + "-1-camera");
        const Image later = screenshot("flow-" + code + "-1-live");
        const Image header = rows(first, 0, kHeaderRows);
        EXPECT_EQ(header, rows(later, 0, kHeaderRows)) << code;
        EXPECT_GT(distinctColours(header), 8U) << code;
    }
    EXPECT_NE(screenshot("flow-nl-answer"), screenshot("flow-fr-answer"));

    std::vector<core::Request> requests = storedRequests();
    ASSERT_EQ(requests.size(), kLanguageCodes.size());
    nlohmann::json central = centralRequests(*central_);
    EXPECT_EQ(central.size(), kLanguageCodes.size());
    for (const core::Request& request : requests) {
        SCOPED_TRACE(request.localId);
        EXPECT_EQ(request.status, core::RequestStatus::Identified);
        EXPECT_EQ(request.insz, kHolderInsz);
        EXPECT_FALSE(request.ticketNumber.empty());
        EXPECT_EQ(request.requester.displayName, kAgentName);
        // Read from the zone, not typed.
        EXPECT_EQ(request.person.surname, "DE JONG");
        EXPECT_EQ(request.person.givenNames, "ALI");
        EXPECT_EQ(request.person.birthDate, (core::PartialDate{1950, 11, 4}));
        EXPECT_EQ(request.person.nationality, "IT");
        EXPECT_EQ(request.document.type, core::DocumentType::Passport);
        EXPECT_EQ(request.document.issuingCountry, "PT");
        EXPECT_EQ(request.document.number, kDocumentNumber);
        EXPECT_EQ(request.document.validUntil, (core::PartialDate{2037, 9, 18}));
        // Typed on the pad and the keyboard.
        EXPECT_EQ(request.document.validFrom, (core::PartialDate{2027, 9, 19}));
        EXPECT_EQ(request.person.birthPlace, "Roma");
        EXPECT_EQ(request.residence.country, "IT");
        EXPECT_EQ(request.residence.street, "Via Appia");
        ASSERT_TRUE(request.contactAddress.has_value());
        EXPECT_EQ(request.contactAddress->municipality, "Bruxelles");
        EXPECT_EQ(request.email, "hr@example.be");
        EXPECT_EQ(request.pages.size(), 1U);
        // Left empty in the wizard, known to the registry.
        EXPECT_EQ(request.person.birthCountry, "");
        EXPECT_EQ(request.personCompleted.birthCountry, "IT");

        std::vector<nlohmann::json> entries = centralEntriesFor(*central_, request.localId);
        ASSERT_EQ(entries.size(), 1U) << "sent more or less than once";
        EXPECT_EQ(entries.front().value("state", ""), "identified");
        EXPECT_EQ(entries.front().value("ticket", ""), request.ticketNumber);
        EXPECT_EQ(entries.front().value("insz", ""), kHolderInsz);
    }
}

TEST_F(KioskRequestFlowTest, ARequestSentOfflineIsQueuedThenAnsweredWhenTheCentralIsBack) {
    {
        // The agent logged in here before, while the central service was reachable.
        auto store = openStore();
        ASSERT_NE(store, nullptr);
        auto cached = store->cacheAgent(kNationalNumber, {central_->agentId(), kAgentName},
                                        std::chrono::system_clock::now());
        ASSERT_TRUE(cached.has_value()) << cached.error().message;
    }
    ASSERT_EQ(central_->stop(), 0);
    const std::string tag = "flow-offline";
    std::vector<std::string> screens = flowScreens(tag);
    const std::string germanTag = tag + "-de";
    for (const char* screen : {"-overview-queued", "-overview-answered", "-answered"}) {
        screens.push_back(tag + screen);
    }
    for (const char* screen : {"-start", "-pin", "-tour", "-overview"}) {
        screens.push_back(germanTag + screen);
    }
    removeScreenshots(screens);

    // The queued request is shown with "Send now" in English and, after logging in again, in
    // German. Once the central service is back, the agent taps "Send now" and the overview
    // announces the answer in the same session.
    KioskRun run;
    std::thread kiosk = playBeside(
        login("en", tag) + fileRequest(tag) + "screenshot " + tag + "-overview-queued\n" +
            "tap nav.menu\nexpect menu\ntap menu.logout\nexpect start\ntap nav.back\n" +
            login("de", germanTag) +
            // The test starts the central service again once the German overview is written.
            "wait 10000\ntap overview.send-now\nawait notification.answer.0 120\nscreenshot " +
            tag + "-overview-answered\n" +
            "tap notification.answer.0\nexpect request\nscreenshot " + tag + "-answered\nquit\n",
        run, kLongRunTimeout);
    bool queuedShown = waitFor([&] { return screenshotWritten(germanTag + "-overview"); });
    std::optional<core::Request> queued = onlyRequest();
    // The backoff draws its longest wait, so that only the tap can send the request before the
    // wait ends.
    const auto backoffEnds = std::chrono::system_clock::now() + kLongestBackoff;
    if (queuedShown && queued.has_value()) {
        if (auto store = openStore()) {
            auto postponed = store->recordAttempt(queued->localId, "offline", backoffEnds);
            EXPECT_TRUE(postponed.has_value()) << postponed.error().message;
        }
        central_->restart();
    }
    kiosk.join();
    EXPECT_LT(std::chrono::system_clock::now(), backoffEnds) << "sent by the backoff, not the tap";
    ASSERT_TRUE(queuedShown) << run.err;
    ASSERT_TRUE(queued.has_value());
    EXPECT_EQ(queued->status, core::RequestStatus::Queued) << "the answer screen said queued";
    ASSERT_EQ(run.exitCode, 0) << run.err << central_->log();
    for (const std::string& name : screens) {
        screenshot(name);
    }

    std::optional<core::Request> request = onlyRequest();
    ASSERT_TRUE(request.has_value());
    EXPECT_EQ(request->status, core::RequestStatus::Identified);
    std::vector<nlohmann::json> entries = centralEntriesFor(*central_, request->localId);
    ASSERT_EQ(entries.size(), 1U) << "sent more or less than once";
    EXPECT_EQ(entries.front().value("state", ""), "identified");
    EXPECT_EQ(entries.front().value("ticket", ""), request->ticketNumber);
    // Nobody in the registry: the central service gave the holder a new BIS number.
    EXPECT_EQ(entries.front().value("insz", ""), request->insz);
    auto number =
        core::Insz::parse(request->insz, core::InszMode::Strict, core::PartialDate{2099, 12, 31});
    ASSERT_TRUE(number.has_value()) << request->insz;
    EXPECT_EQ(number->kind(), core::InszKind::Bis);
}

TEST_F(KioskRequestFlowTest, AnOperatorAsksForANewDocumentAndTheKioskUploadsIt) {
    importRegistry(kNearNameInsz, "DE JONGH");
    const std::string tag = "flow-action";
    std::vector<std::string> screens = flowScreens(tag);
    for (const char* screen : {"-notification", "-detail", "-reupload-camera", "-reupload-read",
                               "-reupload-answer", "-overview-reuploaded"}) {
        screens.push_back(tag + screen);
    }
    removeScreenshots(screens);
    // Long enough to wrap in the notification and in the request's detail.
    const std::string words =
        "The photo page is blurred and the lower edge with the machine readable zone is cut off. "
        "Hold the passport flat under the camera, the whole page inside the frame, without a "
        "reflection on the photo.";

    // The operator's question reaches the kiosk with its next look for news; the notification
    // and the request's detail show the operator's words with it.
    const std::string readTheWords =
        "await notification.upload.0 300\n"
        "await notification.action.0.operator-words 5\n"
        "screenshot " +
        tag +
        "-notification\n"
        "tap notification.action.0\nexpect request\n"
        "await request.operator-words 5\n"
        "screenshot " +
        tag + "-detail\ntap nav.back\nexpect overview\n";

    KioskRun run;
    std::thread kiosk =
        playBeside(login("en", tag) + fileRequest(tag) + readTheWords +
                       "tap notification.upload.0\nexpect wizard\nscreenshot " + tag +
                       "-reupload-camera\nawait page.1 120\nscreenshot " + tag +
                       "-reupload-read\ntap wizard.send\nexpect answer\nscreenshot " + tag +
                       "-reupload-answer\ntap answer.overview\nexpect overview\nscreenshot " + tag +
                       "-overview-reuploaded\n" + kUntilCardTakenOut,
                   run);
    std::string ticket;
    std::string localId;
    bool pending = waitFor([&] {
        std::optional<core::Request> request = onlyRequest();
        if (!request || centralState(request->localId) != "pending_operator") {
            return false;
        }
        ticket = request->ticketNumber;
        localId = request->localId;
        return !ticket.empty();
    });
    ProcessResult asked;
    if (pending) {
        asked = central_->command(
            {"operator", "ask-document", ticket, "--reason", "bad_quality", "--detail", words});
    }
    bool reuploaded = pending && asked.exitCode == 0 && waitFor([&] {
                          return screenshotWritten(tag + "-overview-reuploaded") &&
                                 centralState(localId) == "pending_operator";
                      });
    bool removed = rig_->removeCard();
    kiosk.join();
    ASSERT_TRUE(pending) << run.err << central_->log();
    ASSERT_EQ(asked.exitCode, 0) << asked.err;
    ASSERT_TRUE(removed) << rig_->logs();
    ASSERT_EQ(run.exitCode, 0) << run.err;
    ASSERT_TRUE(reuploaded) << centralState(localId) << central_->log();
    for (const std::string& name : screens) {
        screenshot(name);
    }

    // The new page is in and the request waits for the operator again.
    ProcessResult shown = central_->command({"operator", "show", ticket, "--json"});
    ASSERT_EQ(shown.exitCode, 0) << shown.err;
    nlohmann::json resource = nlohmann::json::parse(shown.out, nullptr, false);
    EXPECT_EQ(resource.value("state", ""), "pending_operator") << shown.out;
    EXPECT_TRUE(resource["pages_missing"].empty()) << shown.out;
    EXPECT_TRUE(resource["action_reason"].is_null()) << shown.out;
    EXPECT_EQ(centralEntriesFor(*central_, localId).size(), 1U);
}

TEST_F(KioskRequestFlowTest, DeletingARequestStopsItsProcessingAtTheCentralService) {
    importRegistry(kNearNameInsz, "DE JONGH");
    const std::string tag = "flow-delete";
    std::vector<std::string> screens = flowScreens(tag);
    for (const char* screen : {"-detail", "-confirm", "-overview-deleted"}) {
        screens.push_back(tag + screen);
    }
    removeScreenshots(screens);

    KioskRun run;
    std::thread kiosk = playBeside(
        login("en", tag) + fileRequest(tag) + "tap request.0\nexpect request\nscreenshot " + tag +
            "-detail\ntap request.delete\nscreenshot " + tag +
            "-confirm\ntap request.delete.confirm\nexpect overview\nscreenshot " + tag +
            "-overview-deleted\n" + kUntilCardTakenOut,
        run);
    std::string localId;
    bool deleted = waitFor([&] {
        if (!screenshotWritten(tag + "-overview-deleted")) {
            return false;
        }
        nlohmann::json central = centralRequests(*central_);
        if (central.size() != 1) {
            return false;
        }
        localId = central.front().value("local_id", "");
        return central.front().value("state", "") == "deleted";
    });
    bool removed = rig_->removeCard();
    kiosk.join();
    ASSERT_TRUE(removed) << rig_->logs();
    ASSERT_EQ(run.exitCode, 0) << run.err;
    ASSERT_TRUE(deleted) << central_->log();
    for (const std::string& name : screens) {
        screenshot(name);
    }
    // Nothing is left for an operator to look at.
    ProcessResult pending = central_->command({"operator", "list", "--json"});
    ASSERT_EQ(pending.exitCode, 0) << pending.err;
    EXPECT_EQ(pending.out.find(localId), std::string::npos) << pending.out;
    // Gone from the kiosk, or kept only as deleted.
    for (const core::Request& request : storedRequests()) {
        EXPECT_EQ(request.status, core::RequestStatus::Deleted);
    }
}

}  // namespace
}  // namespace balie::test
