// SPDX-License-Identifier: GPL-3.0-or-later
// The request wizard as an agent uses it: four steps filled in with taps on the on-screen
// keyboard and pads, a page captured by the camera whose MRZ fills the fields, refusals with
// their reasons, "back to overview", and sending into the real encrypted store.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "balie/sync/sqlite_request_store.h"
#include "balie/ui/wizard_screens.h"
#include "wizard_fakes.h"
#include "wizard_harness.h"

namespace balie::test {
namespace {

using core::AutoFilledField;

/// \brief What the camera's MRZ reader found on a Polish identity card with a PESEL.
core::DocumentReading polishIdentityCard() {
    core::DocumentReading reading;
    reading.type = core::DocumentType::IdentityCard;
    reading.issuingCountry = "PL";
    reading.documentNumber = "ABA300564";
    reading.nationalNumber = "85010112345";
    reading.validUntil = core::PartialDate{2031, 3, 14};
    reading.surname = "WOJCIK";
    reading.givenNames = "ZOFIA ANNA";
    reading.birthDate = core::PartialDate{1985, 1, 1};
    reading.sex = core::Sex::Female;
    reading.nationality = "PL";
    return reading;
}

class WizardScreenTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        work_ = std::filesystem::path(::testing::TempDir()) /
                ("balie-wizard-" + std::string(info->name()));
        std::filesystem::remove_all(work_);
        std::filesystem::create_directories(work_);
        camera_.reading = polishIdentityCard();
    }

    void TearDown() override { std::filesystem::remove_all(work_); }

    std::unique_ptr<sync::SqliteRequestStore> openStore(std::uint64_t maxBytes = 0) {
        auto store = sync::SqliteRequestStore::open(
            {work_ / "requests.db", work_ / "requests.key", maxBytes});
        EXPECT_TRUE(store.has_value()) << store.error().message;
        return store.has_value() ? std::move(*store) : nullptr;
    }

    std::vector<core::Request> stored(core::RequestStore& store) {
        auto list = store.list({});
        EXPECT_TRUE(list.has_value());
        return list.has_value() ? list->requests : std::vector<core::Request>{};
    }

    /// \brief Step 1 with the camera: one page captured, its MRZ fills the fields; the agent
    /// adds the "valid from" date the zone does not carry.
    static void documentStep(ScreenHarness& kiosk) {
        kiosk.tap("camera.capture");
        kiosk.tap("field.document.valid_from");
        kiosk.typeDigits("15032021");
        kiosk.tap("pad.confirm");
    }

    /// \brief Steps 2 and 3: the birth place, then a residence in Poland with a contact address
    /// in Brussels.
    static void personAndAddressSteps(ScreenHarness& kiosk) {
        kiosk.tap("field.person.birth_place");
        kiosk.type("Kraków");
        kiosk.tap("key.done");
        kiosk.tap("wizard.next");
        kiosk.tap("field.address.residence.country");
        kiosk.type("pol");
        kiosk.tap("country.PL");
        kiosk.tap("field.address.residence.street");
        kiosk.type("ulica Długa");
        kiosk.tap("key.done");
        kiosk.tap("field.address.residence.number");
        kiosk.type("12");
        kiosk.tap("key.done");
        kiosk.tap("field.address.residence.municipality");
        kiosk.type("Kraków");
        kiosk.tap("key.done");
        kiosk.tap("choice.address.contact.add");
        kiosk.tap("field.address.contact.street");
        kiosk.type("Rue Neuve");
        kiosk.tap("key.done");
        kiosk.tap("field.address.contact.number");
        kiosk.type("5");
        kiosk.tap("key.done");
        kiosk.tap("field.address.contact.postal_code");
        kiosk.type("1000");
        kiosk.tap("key.done");
        kiosk.tap("field.address.contact.municipality");
        kiosk.type("Bruxelles");
        kiosk.tap("key.done");
    }

    static void email(ScreenHarness& kiosk) {
        kiosk.tap("field.send.email");
        kiosk.type("hr@example.be");
        kiosk.tap("key.done");
    }

    /// \brief A whole request up to the summary.
    static void fillEverything(ScreenHarness& kiosk) {
        documentStep(kiosk);
        kiosk.tap("wizard.next");
        personAndAddressSteps(kiosk);
        kiosk.tap("wizard.next");
        email(kiosk);
    }

    std::filesystem::path work_;
    FakeDocumentCamera camera_;
    core::FixedClock clock_{core::PartialDate{2026, 2, 6}, std::chrono::system_clock::now()};
};

class WizardLanguageTest : public WizardScreenTest,
                           public ::testing::WithParamInterface<core::Language> {};

TEST_P(WizardLanguageTest, WalksEveryStepAndQueuesTheRequestWithoutSyncService) {
    auto store = openStore();
    ASSERT_NE(store, nullptr);
    ScreenHarness kiosk({store.get(), nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    std::string language(core::languageCode(GetParam()));
    kiosk.setLanguage(GetParam());
    kiosk.show(ui::makeWizardScreen({}));
    EXPECT_EQ(kiosk.screenName(), "wizard");
    EXPECT_TRUE(camera_.streaming());
    kiosk.screenshot("wizard-1-empty-" + language);

    // Nothing filled in: the wizard stays on step 1 and says why, next to the fields.
    kiosk.tap("wizard.next");
    EXPECT_TRUE(kiosk.shows("camera.capture"));
    kiosk.screenshot("wizard-1-refused-" + language);

    kiosk.tap("camera.capture");
    kiosk.screenshot("wizard-1-read-" + language);
    kiosk.tap("field.document.valid_from");
    kiosk.typeDigits("1503");
    kiosk.screenshot("wizard-1-date-" + language);
    kiosk.typeDigits("2021");
    kiosk.tap("pad.confirm");
    kiosk.tap("info.document.number");
    kiosk.screenshot("wizard-1-help-" + language);
    kiosk.tap("help.close");
    kiosk.tap("wizard.next");

    ASSERT_TRUE(kiosk.shows("field.person.surname")) << "not on step 2";
    EXPECT_FALSE(camera_.streaming()) << "the camera runs on step 1 only";
    kiosk.screenshot("wizard-2-" + language);
    kiosk.tap("document.show");
    kiosk.screenshot("wizard-2-document-" + language);
    kiosk.tap("field.person.birth_place");
    kiosk.type("Kraków");
    kiosk.screenshot("wizard-2-keyboard-" + language);
    kiosk.tap("key.done");
    kiosk.tap("wizard.next");

    ASSERT_TRUE(kiosk.shows("field.address.residence.country")) << "not on step 3";
    kiosk.tap("field.address.residence.country");
    kiosk.type("pol");
    kiosk.screenshot("wizard-3-country-" + language);
    kiosk.tap("country.PL");
    kiosk.tap("field.address.residence.street");
    kiosk.type("ulica Długa");
    kiosk.tap("key.done");
    kiosk.tap("field.address.residence.number");
    kiosk.type("12");
    kiosk.tap("key.done");
    kiosk.tap("field.address.residence.municipality");
    kiosk.type("Kraków");
    kiosk.tap("key.done");
    kiosk.tap("choice.address.contact.add");
    kiosk.tap("field.address.contact.postal_code");
    kiosk.type("1000");
    kiosk.tap("key.done");
    kiosk.tap("wizard.next");
    EXPECT_TRUE(kiosk.shows("field.address.contact.street")) << "left step 3 incomplete";
    kiosk.screenshot("wizard-3-refused-" + language);
    kiosk.tap("field.address.contact.street");
    kiosk.type("Rue Neuve");
    kiosk.tap("key.done");
    kiosk.tap("field.address.contact.number");
    kiosk.type("5");
    kiosk.tap("key.done");
    kiosk.tap("field.address.contact.municipality");
    kiosk.type("Bruxelles");
    kiosk.tap("key.done");
    kiosk.screenshot("wizard-3-" + language);
    kiosk.tap("wizard.next");

    ASSERT_TRUE(kiosk.shows("field.send.email")) << "not on step 4";
    email(kiosk);
    kiosk.screenshot("wizard-4-" + language);
    kiosk.tap("wizard.send");

    EXPECT_EQ(kiosk.screenName(), "answer");
    kiosk.screenshot("answer-queued-" + language);
    std::vector<core::Request> requests = stored(*store);
    ASSERT_EQ(requests.size(), 1U);
    const core::Request& request = requests.front();
    EXPECT_EQ(request.status, core::RequestStatus::Queued);
    EXPECT_EQ(request.requester.agentId, "agent-7");
    EXPECT_EQ(request.document.type, core::DocumentType::IdentityCard);
    // The national number on the document became the document number, as the rule demands.
    EXPECT_EQ(request.document.number, "85010112345");
    EXPECT_EQ(request.document.validFrom, (core::PartialDate{2021, 3, 15}));
    EXPECT_EQ(request.person.surname, "WOJCIK");
    EXPECT_EQ(request.person.birthPlace, "Kraków");
    EXPECT_EQ(request.residence.street, "ulica Długa");
    ASSERT_TRUE(request.contactAddress.has_value());
    EXPECT_EQ(request.contactAddress->municipality, "Bruxelles");
    EXPECT_EQ(request.email, "hr@example.be");
    EXPECT_EQ(request.pages.size(), 1U);
    EXPECT_TRUE(request.autoFilled.contains(AutoFilledField::Surname));

    kiosk.tap("answer.overview");
    EXPECT_EQ(kiosk.screenName(), "overview");
}

INSTANTIATE_TEST_SUITE_P(EveryLanguage, WizardLanguageTest,
                         ::testing::Values(core::Language::Dutch, core::Language::French,
                                           core::Language::German, core::Language::English),
                         languageTestName);

TEST_F(WizardScreenTest, MarksFieldsReadFromTheDocumentUntilTheAgentCorrectsThem) {
    auto store = openStore();
    ScreenHarness kiosk({store.get(), nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    std::filesystem::path before = kiosk.screenshot("wizard-mark-before");
    kiosk.tap("camera.capture");
    std::filesystem::path read = kiosk.screenshot("wizard-mark-read");
    EXPECT_NE(pngPixels(read), pngPixels(before));

    // The agent corrects the national number the reader found: that mark goes, the others stay.
    kiosk.tap("field.document.national_number");
    kiosk.tap("key.erase");
    kiosk.type("6");
    kiosk.tap("key.done");
    kiosk.tap("field.document.number");
    kiosk.tap("key.erase");
    kiosk.type("6");
    kiosk.tap("key.done");
    kiosk.screenshot("wizard-mark-corrected");
    kiosk.tap("field.document.valid_from");
    kiosk.typeDigits("15032021");
    kiosk.tap("pad.confirm");
    kiosk.tap("wizard.next");
    personAndAddressSteps(kiosk);
    kiosk.tap("wizard.next");
    email(kiosk);
    kiosk.tap("wizard.send");
    ASSERT_EQ(kiosk.screenName(), "answer");
    std::vector<core::Request> requests = stored(*store);
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests.front().document.number, "85010112346");
    EXPECT_FALSE(requests.front().autoFilled.contains(AutoFilledField::NationalNumber));
    EXPECT_FALSE(requests.front().autoFilled.contains(AutoFilledField::DocumentNumber));
    EXPECT_TRUE(requests.front().autoFilled.contains(AutoFilledField::IssuingCountry));
    EXPECT_TRUE(requests.front().autoFilled.contains(AutoFilledField::BirthDate));
}

TEST_F(WizardScreenTest, RefusesAValidityUntilWithoutFromAndAFromAfterUntil) {
    ScreenHarness kiosk({nullptr, nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    kiosk.tap("camera.capture");
    // The zone gave only "valid until": not an accepted combination.
    kiosk.tap("wizard.next");
    EXPECT_TRUE(kiosk.shows("camera.capture"));
    kiosk.tap("field.document.valid_from");
    kiosk.typeDigits("01012032");
    kiosk.tap("pad.confirm");
    kiosk.tap("wizard.next");
    EXPECT_TRUE(kiosk.shows("camera.capture")) << "\"from\" after \"until\" was accepted";
    kiosk.screenshot("wizard-1-validity-refused");
    kiosk.tap("field.document.valid_until");
    kiosk.tap("editor.clear");
    kiosk.tap("wizard.next");
    EXPECT_TRUE(kiosk.shows("field.person.surname")) << "only \"from\" is accepted";
}

TEST_F(WizardScreenTest, AcceptsABirthDateWithUnknownDayAndMonth) {
    camera_.reading->birthDate.reset();
    ScreenHarness kiosk({nullptr, nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    documentStep(kiosk);
    kiosk.tap("wizard.next");
    kiosk.tap("wizard.next");
    EXPECT_TRUE(kiosk.shows("field.person.surname")) << "no birth date was accepted";
    kiosk.tap("field.person.birth_date");
    kiosk.typeDigits("00001985");
    kiosk.tap("pad.confirm");
    kiosk.screenshot("wizard-2-partial-birth-date");
    kiosk.tap("wizard.next");
    EXPECT_TRUE(kiosk.shows("field.address.residence.country"));
}

TEST_F(WizardScreenTest, BackToOverviewAsksFirstThenDiscardsTheDraft) {
    auto store = openStore();
    ScreenHarness kiosk({store.get(), nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    documentStep(kiosk);
    kiosk.tap("wizard.overview");
    EXPECT_TRUE(kiosk.shows("wizard.abandon.confirm"));
    kiosk.screenshot("wizard-abandon");
    kiosk.tap("wizard.abandon.cancel");
    // Nothing was lost: step 1 is complete and the wizard moves on.
    kiosk.tap("wizard.next");
    EXPECT_TRUE(kiosk.shows("field.person.surname"));

    kiosk.tap("wizard.overview");
    kiosk.tap("wizard.abandon.confirm");
    EXPECT_EQ(kiosk.screenName(), "overview");
    EXPECT_FALSE(camera_.streaming());
    EXPECT_TRUE(stored(*store).empty());
}

TEST_F(WizardScreenTest, WithoutCameraSaysSoKeepsTheFieldsUsableAndNeedsAPage) {
    ScreenHarness kiosk({nullptr, nullptr, nullptr, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    kiosk.screenshot("wizard-1-no-camera");
    kiosk.tap("choice.document.type.passport");
    kiosk.tap("field.document.number");
    kiosk.type("EK1234567");
    kiosk.tap("key.done");
    kiosk.tap("field.document.issuing_country");
    kiosk.type("rou");
    kiosk.tap("country.RO");
    kiosk.tap("wizard.next");
    EXPECT_TRUE(kiosk.shows("field.document.number")) << "a document without pages was accepted";
    kiosk.screenshot("wizard-1-no-camera-refused");
}

TEST_F(WizardScreenTest, AnUnpluggedCameraIsNamedAndItsReasonShown) {
    ScreenHarness kiosk({nullptr, nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    std::filesystem::path streaming = kiosk.screenshot("wizard-1-camera-streaming");
    camera_.unplug("The camera was unplugged.");
    std::filesystem::path unplugged = kiosk.screenshot("wizard-1-camera-unplugged");
    EXPECT_NE(pngPixels(unplugged), pngPixels(streaming));
    EXPECT_TRUE(kiosk.shows("field.document.number"));
}

TEST_F(WizardScreenTest, RetakesAPageAndStartsOverWithAnotherDocument) {
    auto store = openStore();
    ScreenHarness kiosk({store.get(), nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    for (int page = 0; page < 4; ++page) {
        kiosk.tap("camera.capture");
    }
    EXPECT_TRUE(kiosk.shows("page.4"));
    kiosk.screenshot("wizard-1-four-pages");
    kiosk.tap("page.2");
    kiosk.screenshot("wizard-1-retake");
    kiosk.tap("camera.capture");
    EXPECT_TRUE(kiosk.shows("page.4"));
    kiosk.tap("document.start_over");
    EXPECT_FALSE(kiosk.shows("page.1"));
    documentStep(kiosk);
    kiosk.tap("wizard.next");
    personAndAddressSteps(kiosk);
    kiosk.tap("wizard.next");
    email(kiosk);
    kiosk.tap("wizard.send");
    std::vector<core::Request> requests = stored(*store);
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests.front().pages.size(), 1U);
}

TEST_F(WizardScreenTest, ChangeOnTheSummaryGoesBackToThatStepAndReturns) {
    ScreenHarness kiosk({nullptr, nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    fillEverything(kiosk);
    kiosk.tap("change.2");
    EXPECT_TRUE(kiosk.shows("field.person.surname"));
    EXPECT_TRUE(kiosk.shows("wizard.summary"));
    kiosk.tap("field.person.given_names");
    for (int i = 0; i < 5; ++i) {
        kiosk.tap("key.erase");
    }
    kiosk.tap("key.done");
    kiosk.tap("wizard.summary");
    EXPECT_TRUE(kiosk.shows("field.send.email"));
    kiosk.screenshot("wizard-4-changed");
}

TEST_F(WizardScreenTest, AFullStoreIsShownInWordsAndTheDraftKeptForARetry) {
    // The store's limit is smaller than the request with its page: saving fails as on a full disk.
    camera_.pageBytes = 2 * 1024 * 1024;
    auto store = openStore(1024 * 1024);
    ASSERT_NE(store, nullptr);
    ScreenHarness kiosk({store.get(), nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    fillEverything(kiosk);
    kiosk.tap("wizard.send");
    EXPECT_EQ(kiosk.screenName(), "wizard");
    EXPECT_TRUE(kiosk.shows("wizard.send")) << "the summary with its data is gone";
    kiosk.screenshot("wizard-4-store-full");
    EXPECT_TRUE(stored(*store).empty());
}

TEST_F(WizardScreenTest, SendingWithoutLoginIsRefusedWithTheReason) {
    auto store = openStore();
    Services services{store.get(), nullptr, &camera_, &clock_};
    services.loggedIn = false;
    ScreenHarness kiosk(services);
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    fillEverything(kiosk);
    kiosk.tap("wizard.send");
    EXPECT_EQ(kiosk.screenName(), "wizard");
    EXPECT_TRUE(stored(*store).empty());
}

}  // namespace
}  // namespace balie::test
