// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the request wizard: gating, jumps from the summary, abandoning, pages, starting over
// with another document, automatic filling and the re-upload flow.
#include "balie/core/wizard.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "balie/core/validation.h"
#include "request_examples.h"

namespace balie::core {
namespace {

using test::keysOf;
using Keys = std::vector<std::string>;

class WizardTest : public testing::Test {
protected:
    // Fills every step with valid data and walks to the summary.
    void fillAndWalkToSummary() {
        ASSERT_TRUE(wizard_.setDocument(test::exampleDocument()).has_value());
        ASSERT_TRUE(wizard_.addPage(test::examplePage("page-1")).has_value());
        ASSERT_EQ(wizard_.next(), WizardStep::Person);
        ASSERT_TRUE(wizard_.setPerson(test::examplePerson()).has_value());
        ASSERT_EQ(wizard_.next(), WizardStep::Address);
        ASSERT_TRUE(wizard_.setResidence(test::exampleResidence()).has_value());
        ASSERT_TRUE(wizard_.setContactAddress(test::exampleBelgianAddress()).has_value());
        ASSERT_EQ(wizard_.next(), WizardStep::Summary);
        ASSERT_TRUE(wizard_.setEmail("hr@example.be").has_value());
    }

    FixedClock clock_ = test::exampleClock();
    Wizard wizard_{test::exampleRequester(), clock_};
};

// Checks that a refusal is a validation refusal with exactly these keys.
void expectInvalid(const tl::expected<WizardStep, Refusal>& moved, const Keys& keys) {
    ASSERT_FALSE(moved.has_value());
    EXPECT_EQ(moved.error().error.code, Errc::InvalidArgument);
    EXPECT_EQ(keysOf(moved.error().messages), keys);
}

// Checks that a refusal says the move is not possible here.
template <typename T>
void expectNotHere(const tl::expected<T, Refusal>& moved) {
    ASSERT_FALSE(moved.has_value());
    EXPECT_EQ(moved.error().error.code, Errc::InvalidState);
    EXPECT_TRUE(moved.error().messages.empty());
}

template <typename T>
void expectState(const Result<T>& result, Errc code = Errc::InvalidState) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, code);
}

TEST_F(WizardTest, StartsADraftOnTheDocumentStep) {
    EXPECT_EQ(wizard_.step(), WizardStep::Document);
    EXPECT_EQ(wizard_.state(), WizardState::Editing);
    EXPECT_FALSE(wizard_.isReupload());
    EXPECT_EQ(wizard_.request().status, RequestStatus::Draft);
    EXPECT_EQ(wizard_.request().requester, test::exampleRequester());
}

TEST_F(WizardTest, NextIsRefusedUntilTheStepValidates) {
    expectInvalid(wizard_.next(), {"document.type.missing", "document.issuing_country.missing",
                                   "document.number.missing", "document.pages.missing"});
    EXPECT_EQ(wizard_.step(), WizardStep::Document);

    ASSERT_TRUE(wizard_.setDocument(test::exampleDocument()).has_value());
    expectInvalid(wizard_.next(), {"document.pages.missing"});
    ASSERT_TRUE(wizard_.addPage(test::examplePage("page-1")).has_value());
    EXPECT_EQ(wizard_.next(), WizardStep::Person);

    expectInvalid(wizard_.next(),
                  {"person.surname.missing", "person.birth_date.missing", "person.sex.missing"});
    ASSERT_TRUE(wizard_.setPerson(test::examplePerson()).has_value());
    EXPECT_EQ(wizard_.next(), WizardStep::Address);

    expectInvalid(wizard_.next(),
                  {"address.residence.street.missing", "address.residence.municipality.missing",
                   "address.residence.country.missing"});
    ASSERT_TRUE(wizard_.setResidence(test::exampleResidence()).has_value());
    EXPECT_EQ(wizard_.next(), WizardStep::Summary);
}

TEST_F(WizardTest, ValidatesTheBirthDateAgainstTheClock) {
    ASSERT_TRUE(wizard_.setDocument(test::exampleDocument()).has_value());
    ASSERT_TRUE(wizard_.addPage(test::examplePage("page-1")).has_value());
    ASSERT_EQ(wizard_.next(), WizardStep::Person);
    Person person = test::examplePerson();
    person.birthDate = {2025, 6, 16};
    ASSERT_TRUE(wizard_.setPerson(person).has_value());
    expectInvalid(wizard_.next(), {"person.birth_date.in_future"});
    clock_.set({2025, 6, 16}, test::exampleNow());
    EXPECT_EQ(wizard_.next(), WizardStep::Address);
}

TEST_F(WizardTest, ShowsTheProblemsOfAnyStepWhileTyping) {
    EXPECT_EQ(keysOf(wizard_.validate(WizardStep::Summary)), Keys{"send.email.missing"});
    ASSERT_TRUE(wizard_.setEmail("hr@").has_value());
    EXPECT_EQ(keysOf(wizard_.validate(WizardStep::Summary)), Keys{"send.email.invalid"});
    EXPECT_EQ(wizard_.step(), WizardStep::Document) << "validating does not move";
}

TEST_F(WizardTest, SendsAQueuedRequestFromTheSummary) {
    fillAndWalkToSummary();
    ASSERT_TRUE(wizard_.setComment("Starts Monday at the Ghent site.").has_value());
    auto sent = wizard_.send();
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->status, RequestStatus::Queued);
    EXPECT_EQ(sent->submittedAt, test::exampleNow());
    EXPECT_EQ(sent->person, test::examplePerson());
    EXPECT_EQ(sent->email, "hr@example.be");
    EXPECT_EQ(sent->comment, "Starts Monday at the Ghent site.");
    EXPECT_EQ(sent->requester, test::exampleRequester());
    EXPECT_EQ(wizard_.state(), WizardState::Sent);
}

TEST_F(WizardTest, SendIsRefusedWhileAnyStepIsInvalid) {
    fillAndWalkToSummary();
    ASSERT_TRUE(wizard_.setEmail("").has_value());
    ASSERT_TRUE(wizard_.setComment(std::string(kMaxCommentLength + 1, 'x')).has_value());
    auto sent = wizard_.send();
    ASSERT_FALSE(sent.has_value());
    EXPECT_EQ(sent.error().error.code, Errc::InvalidArgument);
    EXPECT_EQ(keysOf(sent.error().messages), (Keys{"send.email.missing", "send.comment.too_long"}));
    EXPECT_EQ(wizard_.state(), WizardState::Editing);
    EXPECT_EQ(wizard_.request().status, RequestStatus::Draft);
}

TEST_F(WizardTest, SendOnlyFromTheSummary) {
    ASSERT_TRUE(wizard_.setDocument(test::exampleDocument()).has_value());
    expectNotHere(wizard_.send());
    EXPECT_EQ(wizard_.state(), WizardState::Editing);
}

TEST_F(WizardTest, NextStopsAtTheSummary) {
    fillAndWalkToSummary();
    expectNotHere(wizard_.next());
    EXPECT_EQ(wizard_.step(), WizardStep::Summary);
}

TEST_F(WizardTest, BackGoesToThePreviousStepWithoutValidating) {
    fillAndWalkToSummary();
    ASSERT_TRUE(wizard_.setEmail("").has_value());
    EXPECT_EQ(wizard_.back(), WizardStep::Address);
    EXPECT_EQ(wizard_.back(), WizardStep::Person);
    EXPECT_EQ(wizard_.back(), WizardStep::Document);
    expectState(wizard_.back());
    EXPECT_EQ(wizard_.step(), WizardStep::Document);
}

TEST_F(WizardTest, JumpsFromTheSummaryToAnyStepAndBack) {
    fillAndWalkToSummary();
    for (auto step : {WizardStep::Document, WizardStep::Person, WizardStep::Address}) {
        ASSERT_TRUE(wizard_.jumpTo(step).has_value());
        EXPECT_EQ(wizard_.step(), step);
        EXPECT_TRUE(wizard_.canReturnToSummary());
        EXPECT_EQ(wizard_.backToSummary(), WizardStep::Summary);
        EXPECT_FALSE(wizard_.canReturnToSummary());
    }
}

TEST_F(WizardTest, BackToSummaryIsGatedByTheCorrectedStep) {
    fillAndWalkToSummary();
    ASSERT_TRUE(wizard_.jumpTo(WizardStep::Person).has_value());
    Person person = test::examplePerson();
    person.surname.clear();
    ASSERT_TRUE(wizard_.setPerson(person).has_value());
    expectInvalid(wizard_.backToSummary(), {"person.surname.missing"});
    EXPECT_EQ(wizard_.step(), WizardStep::Person);
    person.surname = "KOWALSKA-NOWAK";
    ASSERT_TRUE(wizard_.setPerson(person).has_value());
    EXPECT_EQ(wizard_.backToSummary(), WizardStep::Summary);
    ASSERT_TRUE(wizard_.send().has_value());
    EXPECT_EQ(wizard_.request().person.surname, "KOWALSKA-NOWAK");
}

TEST_F(WizardTest, AJumpedStepCanAlsoWalkOnToTheSummary) {
    fillAndWalkToSummary();
    ASSERT_TRUE(wizard_.jumpTo(WizardStep::Person).has_value());
    EXPECT_EQ(wizard_.back(), WizardStep::Document);
    EXPECT_TRUE(wizard_.canReturnToSummary());
    EXPECT_EQ(wizard_.next(), WizardStep::Person);
    EXPECT_EQ(wizard_.next(), WizardStep::Address);
    EXPECT_EQ(wizard_.next(), WizardStep::Summary);
    EXPECT_FALSE(wizard_.canReturnToSummary());
    expectNotHere(wizard_.backToSummary());
}

TEST_F(WizardTest, JumpsOnlyFromTheSummary) {
    expectState(wizard_.jumpTo(WizardStep::Address));
    EXPECT_EQ(wizard_.step(), WizardStep::Document);
    expectNotHere(wizard_.backToSummary());
    fillAndWalkToSummary();
    expectState(wizard_.jumpTo(WizardStep::Summary), Errc::InvalidArgument);
}

TEST_F(WizardTest, AbandoningDiscardsTheDraftForGood) {
    fillAndWalkToSummary();
    ASSERT_TRUE(wizard_.abandon().has_value());
    EXPECT_EQ(wizard_.state(), WizardState::Abandoned);
    EXPECT_EQ(wizard_.request(), Request{}) << "no personal data left behind";

    expectNotHere(wizard_.next());
    expectNotHere(wizard_.send());
    expectNotHere(wizard_.backToSummary());
    expectState(wizard_.back());
    expectState(wizard_.jumpTo(WizardStep::Person));
    expectState(wizard_.setDocument(test::exampleDocument()));
    expectState(wizard_.setPerson(test::examplePerson()));
    expectState(wizard_.setResidence(test::exampleResidence()));
    expectState(wizard_.setContactAddress(std::nullopt));
    expectState(wizard_.setEmail("hr@example.be"));
    expectState(wizard_.setComment(""));
    expectState(wizard_.applyReading({}));
    expectState(wizard_.addPage(test::examplePage("page-2")));
    expectState(wizard_.retakePage(0, test::examplePage("page-1b")));
    expectState(wizard_.startOverWithAnotherDocument());
    auto again = wizard_.abandon();
    expectState(again);
    EXPECT_EQ(again.error().message, "the draft was abandoned and cannot be resumed");
}

TEST_F(WizardTest, NothingChangesAfterSending) {
    fillAndWalkToSummary();
    ASSERT_TRUE(wizard_.send().has_value());
    auto edit = wizard_.setEmail("other@example.be");
    expectState(edit);
    EXPECT_EQ(edit.error().message, "the request was already sent");
    expectNotHere(wizard_.send());
    expectState(wizard_.abandon());
    EXPECT_EQ(wizard_.request().email, "hr@example.be");
}

TEST_F(WizardTest, TakesOneToFourPagesOneByOne) {
    for (int i = 1; i <= 4; ++i) {
        ASSERT_TRUE(wizard_.addPage(test::examplePage("page-" + std::to_string(i))).has_value());
    }
    auto fifth = wizard_.addPage(test::examplePage("page-5"));
    expectState(fifth, Errc::OutOfRange);
    ASSERT_EQ(wizard_.request().pages.size(), 4u);
    EXPECT_EQ(wizard_.request().pages.back().pageId, "page-4");
}

TEST_F(WizardTest, RetakesAPage) {
    ASSERT_TRUE(wizard_.addPage(test::examplePage("page-1")).has_value());
    ASSERT_TRUE(wizard_.addPage(test::examplePage("page-2")).has_value());
    ASSERT_TRUE(wizard_.retakePage(1, test::examplePage("page-2-sharper")).has_value());
    EXPECT_EQ(wizard_.request().pages[0].pageId, "page-1");
    EXPECT_EQ(wizard_.request().pages[1].pageId, "page-2-sharper");
    auto missing = wizard_.retakePage(2, test::examplePage("page-3"));
    expectState(missing, Errc::OutOfRange);
    EXPECT_EQ(missing.error().message, "there is no page 3 to retake");
    EXPECT_EQ(wizard_.request().pages.size(), 2u);
}

DocumentReading passportReading() {
    DocumentReading reading;
    reading.type = DocumentType::Passport;
    reading.issuingCountry = "PL";
    reading.documentNumber = "EA1234567";
    reading.validUntil = PartialDate{2030, 2, 28};
    reading.surname = "KOWALSKA";
    reading.givenNames = "ANNA MARIA";
    reading.birthDate = PartialDate{1990, 4, 17};
    reading.sex = Sex::Female;
    reading.nationality = "PL";
    reading.mrzLines = {"P<POLKOWALSKA<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                        "EA12345676POL9004171F3002289<<<<<<<<<<<<<<02"};
    return reading;
}

TEST_F(WizardTest, FillsAndMarksWhatTheDocumentReadingFound) {
    ASSERT_TRUE(wizard_.applyReading(passportReading()).has_value());
    const Request& request = wizard_.request();
    EXPECT_EQ(request.document.type, DocumentType::Passport);
    EXPECT_EQ(request.document.number, "EA1234567");
    EXPECT_EQ(request.person.surname, "KOWALSKA");
    EXPECT_EQ(request.person.birthDate, (PartialDate{1990, 4, 17}));
    EXPECT_EQ(request.autoFilled,
              (std::set<AutoFilledField>{
                  AutoFilledField::DocumentType, AutoFilledField::IssuingCountry,
                  AutoFilledField::DocumentNumber, AutoFilledField::ValidUntil,
                  AutoFilledField::Surname, AutoFilledField::GivenNames, AutoFilledField::BirthDate,
                  AutoFilledField::Sex, AutoFilledField::Nationality}));
    EXPECT_TRUE(request.person.birthPlace.empty()) << "not read: left as it was";
    EXPECT_EQ(request.document.mrzLines, passportReading().mrzLines)
        << "the zone travels with the request, so the central service can compare it";
}

TEST_F(WizardTest, AReadExpiryDateStillNeedsTheIssueDate) {
    ASSERT_TRUE(wizard_.applyReading(passportReading()).has_value());
    ASSERT_TRUE(wizard_.addPage(test::examplePage("page-1")).has_value());
    expectInvalid(wizard_.next(), {"document.validity.until_without_from"});
    Document document = wizard_.request().document;
    document.validFrom = PartialDate{2020, 3, 1};
    ASSERT_TRUE(wizard_.setDocument(document).has_value());
    EXPECT_EQ(wizard_.next(), WizardStep::Person);
    EXPECT_TRUE(wizard_.request().autoFilled.contains(AutoFilledField::ValidUntil));
}

TEST_F(WizardTest, ANationalNumberReadFromTheDocumentBecomesTheDocumentNumber) {
    DocumentReading reading = passportReading();
    reading.nationalNumber = "90041712345";
    ASSERT_TRUE(wizard_.applyReading(reading).has_value());
    EXPECT_EQ(wizard_.request().document.number, "90041712345");
    EXPECT_EQ(wizard_.request().document.nationalNumber, "90041712345");
    EXPECT_TRUE(wizard_.request().autoFilled.contains(AutoFilledField::NationalNumber));
    EXPECT_TRUE(wizard_.request().autoFilled.contains(AutoFilledField::DocumentNumber));
}

TEST_F(WizardTest, ACorrectedFieldLosesItsAutomaticMark) {
    ASSERT_TRUE(wizard_.applyReading(passportReading()).has_value());
    Person person = wizard_.request().person;
    person.surname = "KOWALSKA-NOWAK";
    person.birthPlace = "Kraków";
    ASSERT_TRUE(wizard_.setPerson(person).has_value());
    Document document = wizard_.request().document;
    document.number = "EA1234568";
    ASSERT_TRUE(wizard_.setDocument(document).has_value());
    const auto& marks = wizard_.request().autoFilled;
    EXPECT_FALSE(marks.contains(AutoFilledField::Surname));
    EXPECT_FALSE(marks.contains(AutoFilledField::DocumentNumber));
    EXPECT_TRUE(marks.contains(AutoFilledField::GivenNames));
    EXPECT_TRUE(marks.contains(AutoFilledField::BirthDate));
    EXPECT_TRUE(marks.contains(AutoFilledField::IssuingCountry));
}

TEST_F(WizardTest, StartingOverForgetsTheOldDocument) {
    ASSERT_TRUE(wizard_.applyReading(passportReading()).has_value());
    ASSERT_TRUE(wizard_.addPage(test::examplePage("page-1")).has_value());
    ASSERT_TRUE(wizard_.addPage(test::examplePage("page-2")).has_value());
    Person person = wizard_.request().person;
    person.birthPlace = "Kraków";  // typed by the agent
    person.givenNames = "ANNA";    // corrected by the agent
    ASSERT_TRUE(wizard_.setPerson(person).has_value());

    ASSERT_TRUE(wizard_.startOverWithAnotherDocument().has_value());
    const Request& request = wizard_.request();
    EXPECT_TRUE(request.pages.empty());
    EXPECT_EQ(request.document, Document{});
    EXPECT_TRUE(request.person.surname.empty()) << "read from the old document";
    EXPECT_EQ(request.person.birthDate, PartialDate{});
    EXPECT_EQ(request.person.sex, std::nullopt);
    EXPECT_TRUE(request.person.nationality.empty());
    EXPECT_EQ(request.person.birthPlace, "Kraków") << "typed: kept";
    EXPECT_EQ(request.person.givenNames, "ANNA") << "corrected: kept";
    EXPECT_TRUE(request.autoFilled.empty());
    ASSERT_TRUE(wizard_.addPage(test::examplePage("other-1")).has_value()) << "room for 4 again";
}

// The re-upload flow.

Request actionExpectedRequest() {
    Request request = test::validRequest();
    request.localId = "req-42";
    request.ticketNumber = "T-2025-000123";
    request.status = RequestStatus::ActionExpected;
    request.actionReason = ActionReason::ExpiredDocument;
    request.submittedAt = test::exampleNow() - std::chrono::hours{48};
    request.pages = {test::examplePage("old-1"), test::examplePage("old-2")};
    return request;
}

TEST(WizardReuploadTest, ServesOnlyRequestsThatExpectAnAction) {
    FixedClock clock = test::exampleClock();
    for (auto status : {RequestStatus::Draft, RequestStatus::Queued, RequestStatus::Sent,
                        RequestStatus::PendingOperator, RequestStatus::Identified,
                        RequestStatus::Failed, RequestStatus::Deleted}) {
        Request request = actionExpectedRequest();
        request.status = status;
        auto wizard = Wizard::forReupload(request, clock);
        ASSERT_FALSE(wizard.has_value()) << statusKey(status);
        EXPECT_EQ(wizard.error().code, Errc::InvalidState);
    }
}

TEST(WizardReuploadTest, RedoesOnlyTheDocumentStep) {
    FixedClock clock = test::exampleClock();
    auto started = Wizard::forReupload(actionExpectedRequest(), clock);
    ASSERT_TRUE(started.has_value());
    Wizard& wizard = *started;
    EXPECT_TRUE(wizard.isReupload());
    EXPECT_EQ(wizard.step(), WizardStep::Document);
    EXPECT_TRUE(wizard.request().pages.empty()) << "the new document is shot anew";
    EXPECT_EQ(wizard.request().document, test::exampleDocument()) << "kept for correction";

    expectNotHere(wizard.next());
    expectState(wizard.back());
    expectState(wizard.setPerson(test::examplePerson()));
    expectState(wizard.setResidence(test::exampleResidence()));
    expectState(wizard.setContactAddress(std::nullopt));
    expectState(wizard.setEmail("other@example.be"));
    expectState(wizard.setComment("new"));
    EXPECT_EQ(wizard.step(), WizardStep::Document);
}

TEST(WizardReuploadTest, GoesFromTheNewDocumentStraightToSending) {
    FixedClock clock = test::exampleClock();
    auto started = Wizard::forReupload(actionExpectedRequest(), clock);
    ASSERT_TRUE(started.has_value());
    Wizard& wizard = *started;

    auto refused = wizard.send();
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(keysOf(refused.error().messages), Keys{"document.pages.missing"});

    ASSERT_TRUE(wizard.startOverWithAnotherDocument().has_value());
    DocumentReading reading;
    reading.type = DocumentType::IdentityCard;
    reading.issuingCountry = "PL";
    reading.documentNumber = "CAA123456";
    reading.validUntil = PartialDate{2035, 5, 1};
    reading.surname = "SOMEONE ELSE";
    ASSERT_TRUE(wizard.applyReading(reading).has_value());
    EXPECT_EQ(wizard.request().person, test::examplePerson()) << "a re-upload keeps the person";
    Document document = wizard.request().document;
    document.validFrom = PartialDate{2025, 5, 1};
    ASSERT_TRUE(wizard.setDocument(document).has_value());
    ASSERT_TRUE(wizard.addPage(test::examplePage("new-front")).has_value());
    ASSERT_TRUE(wizard.addPage(test::examplePage("new-back")).has_value());

    auto sent = wizard.send();
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->status, RequestStatus::Queued);
    EXPECT_EQ(sent->actionReason, std::nullopt);
    EXPECT_EQ(sent->localId, "req-42");
    EXPECT_EQ(sent->ticketNumber, "T-2025-000123");
    EXPECT_EQ(sent->submittedAt, test::exampleNow() - std::chrono::hours{48});
    EXPECT_EQ(sent->document.number, "CAA123456");
    ASSERT_EQ(sent->pages.size(), 2u);
    EXPECT_EQ(sent->pages[0].pageId, "new-front");
    EXPECT_EQ(sent->person, test::examplePerson());
    EXPECT_EQ(wizard.state(), WizardState::Sent);
}

TEST(WizardReuploadTest, AbandoningLeavesTheStoredRequestAlone) {
    FixedClock clock = test::exampleClock();
    const Request original = actionExpectedRequest();
    auto started = Wizard::forReupload(original, clock);
    ASSERT_TRUE(started.has_value());
    ASSERT_TRUE(started->abandon().has_value());
    EXPECT_EQ(started->state(), WizardState::Abandoned);
    expectNotHere(started->send());
    EXPECT_EQ(original.status, RequestStatus::ActionExpected);
}

}  // namespace
}  // namespace balie::core
