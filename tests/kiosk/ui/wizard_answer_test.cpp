// SPDX-License-Identifier: GPL-3.0-or-later
// The answer after "send": the request is in the store before anything else, the sync service is
// woken, and the screen shows what came back (ticket and INSZ, or ticket only), always with the
// next step; and a document uploaded again for a request that expects one.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "balie/core/request_lifecycle.h"
#include "balie/sync/sqlite_request_store.h"
#include "balie/ui/wizard_screens.h"
#include "wizard_fakes.h"
#include "wizard_harness.h"

namespace balie::test {
namespace {

class WizardAnswerTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = std::string(info->test_suite_name()) + "-" + info->name();
        std::replace(name.begin(), name.end(), '/', '-');
        work_ = std::filesystem::path(::testing::TempDir()) / ("balie-answer-" + name);
        std::filesystem::remove_all(work_);
        std::filesystem::create_directories(work_);
        auto store =
            sync::SqliteRequestStore::open({work_ / "requests.db", work_ / "requests.key", 0});
        ASSERT_TRUE(store.has_value()) << store.error().message;
        store_ = std::move(*store);
        core::DocumentReading reading;
        reading.type = core::DocumentType::Passport;
        reading.issuingCountry = "RO";
        reading.documentNumber = "051234567";
        reading.surname = "POPESCU";
        reading.givenNames = "ION";
        reading.birthDate = core::PartialDate{1990, 7, 21};
        reading.sex = core::Sex::Male;
        reading.nationality = "RO";
        camera_.reading = reading;
    }

    void TearDown() override {
        store_.reset();
        std::filesystem::remove_all(work_);
    }

    /// \brief Every step filled in: the page's MRZ, a residence in Bucharest, the e-mail.
    static void fillAndSend(ScreenHarness& kiosk) {
        kiosk.tap("camera.capture");
        kiosk.tap("wizard.next");
        kiosk.tap("wizard.next");
        kiosk.tap("field.address.residence.country");
        kiosk.type("rou");  // Romania's alpha-3 code, in every language
        kiosk.tap("country.RO");
        kiosk.tap("field.address.residence.street");
        kiosk.type("Strada Lipscani");
        kiosk.tap("key.done");
        kiosk.tap("field.address.residence.municipality");
        kiosk.type("Bucure");
        kiosk.tap("key.page");
        kiosk.tap("key.ș");
        kiosk.tap("key.page");
        kiosk.type("ti");
        kiosk.tap("key.done");
        kiosk.tap("wizard.next");
        kiosk.tap("field.send.email");
        kiosk.type("jobs@example.be");
        kiosk.tap("key.done");
        kiosk.tap("wizard.send");
    }

    std::filesystem::path work_;
    std::unique_ptr<sync::SqliteRequestStore> store_;
    FakeDocumentCamera camera_;
    core::FixedClock clock_{core::PartialDate{2026, 2, 6}, std::chrono::system_clock::now()};
};

class AnswerLanguageTest : public WizardAnswerTest,
                           public ::testing::WithParamInterface<core::Language> {};

TEST_P(AnswerLanguageTest, ShowsTicketAndInszWhenThePersonIsIdentified) {
    AnsweringSyncService sync(*store_, AnsweringSyncService::Answer::Identified);
    ScreenHarness kiosk({store_.get(), &sync, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.setLanguage(GetParam());
    kiosk.show(ui::makeWizardScreen({}));
    fillAndSend(kiosk);
    ASSERT_EQ(kiosk.screenName(), "answer");
    EXPECT_EQ(sync.wakes, 1);
    kiosk.screenshot("answer-identified-" + std::string(core::languageCode(GetParam())));
    auto list = store_->list({});
    ASSERT_TRUE(list.has_value());
    ASSERT_EQ(list->requests.size(), 1U);
    EXPECT_EQ(list->requests.front().status, core::RequestStatus::Identified);
    EXPECT_EQ(list->requests.front().residence.municipality, "București");
}

TEST_P(AnswerLanguageTest, ShowsTheTicketOnlyWhenAnOperatorMustLook) {
    AnsweringSyncService sync(*store_, AnsweringSyncService::Answer::Operator);
    ScreenHarness kiosk({store_.get(), &sync, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.setLanguage(GetParam());
    kiosk.show(ui::makeWizardScreen({}));
    fillAndSend(kiosk);
    ASSERT_EQ(kiosk.screenName(), "answer");
    kiosk.screenshot("answer-operator-" + std::string(core::languageCode(GetParam())));
}

INSTANTIATE_TEST_SUITE_P(EveryLanguage, AnswerLanguageTest,
                         ::testing::Values(core::Language::Dutch, core::Language::French,
                                           core::Language::German, core::Language::English),
                         languageTestName);

TEST_F(WizardAnswerTest, SaysItIsSendingWhileTheCentralServiceHasNotAnswered) {
    AnsweringSyncService sync(*store_, AnsweringSyncService::Answer::Silent);
    ScreenHarness kiosk({store_.get(), &sync, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    fillAndSend(kiosk);
    ASSERT_EQ(kiosk.screenName(), "answer");
    kiosk.screenshot("answer-waiting");
    // The request is safe in the store while the screen waits.
    auto list = store_->list({});
    ASSERT_TRUE(list.has_value());
    ASSERT_EQ(list->requests.size(), 1U);
    EXPECT_EQ(list->requests.front().status, core::RequestStatus::Queued);
}

TEST_F(WizardAnswerTest, NewRequestStartsAnEmptyWizard) {
    ScreenHarness kiosk({store_.get(), nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({}));
    std::filesystem::path empty = kiosk.screenshot("wizard-new-before");
    fillAndSend(kiosk);
    ASSERT_EQ(kiosk.screenName(), "answer");
    kiosk.tap("answer.new");
    EXPECT_EQ(kiosk.screenName(), "wizard");
    EXPECT_TRUE(kiosk.shows("camera.capture"));
    // Nothing of the request just sent is left: the wizard looks as it did at first.
    EXPECT_EQ(pngPixels(kiosk.screenshot("wizard-new-after")), pngPixels(empty));
}

TEST_F(WizardAnswerTest, UploadsANewDocumentForARequestThatExpectsOne) {
    AnsweringSyncService sync(*store_, AnsweringSyncService::Answer::Silent);
    core::Request draft;
    draft.requester = {"agent-7", "An Agent"};
    draft.document.type = core::DocumentType::Passport;
    draft.document.issuingCountry = "RO";
    draft.document.number = "051234567";
    draft.person.surname = "POPESCU";
    draft.person.birthDate = {1990, 7, 21};
    draft.person.sex = core::Sex::Male;
    draft.residence = {"Strada Lipscani", "", "", "", "București", "RO"};
    draft.email = "jobs@example.be";
    auto submitted = store_->submit(draft, {core::PageImage{10, 10, {1, 2, 3}}},
                                    std::chrono::system_clock::now());
    ASSERT_TRUE(submitted.has_value()) << submitted.error().message;
    core::Request request = *submitted;
    ASSERT_TRUE(core::changeStatus(request, core::RequestStatus::Sent).has_value());
    request.ticketNumber = "BID-2026-000007";
    ASSERT_TRUE(store_->update(request).has_value());
    ASSERT_TRUE(core::markActionExpected(request, core::ActionReason::BadQuality).has_value());
    ASSERT_TRUE(store_->update(request).has_value());

    ScreenHarness kiosk({store_.get(), &sync, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({request.localId}));
    kiosk.screenshot("wizard-reupload");
    // Only step 1: no indicator of four steps, "send" right there.
    EXPECT_FALSE(kiosk.shows("wizard.step.2"));
    kiosk.tap("wizard.send");
    EXPECT_TRUE(sync.resubmitted.empty()) << "sent without a page";
    kiosk.tap("camera.capture");
    kiosk.tap("wizard.send");
    ASSERT_EQ(sync.resubmitted.size(), 1U);
    EXPECT_EQ(sync.resubmitted.front(), request.localId);
    EXPECT_EQ(sync.resubmittedPages, 1U);
    EXPECT_EQ(kiosk.screenName(), "answer");
    kiosk.screenshot("answer-reupload");
}

TEST_F(WizardAnswerTest, AReuploadOfAnUnknownRequestSaysSo) {
    ScreenHarness kiosk({store_.get(), nullptr, &camera_, &clock_});
    ASSERT_TRUE(kiosk.ready());
    kiosk.show(ui::makeWizardScreen({"no-such-request"}));
    kiosk.screenshot("wizard-reupload-unknown");
    EXPECT_FALSE(kiosk.shows("camera.capture"));
    kiosk.tap("wizard.overview");
    EXPECT_EQ(kiosk.screenName(), "overview");
}

}  // namespace
}  // namespace balie::test
