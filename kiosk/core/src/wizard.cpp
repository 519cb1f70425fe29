// SPDX-License-Identifier: GPL-3.0-or-later
// The request wizard's state machine.
#include "balie/core/wizard.h"

#include <set>
#include <string>
#include <utility>

#include "balie/core/request_lifecycle.h"
#include "balie/core/validation.h"

namespace balie::core {

namespace {

Refusal notHere(std::string message) {
    return Refusal{Error{Errc::InvalidState, std::move(message)}, {}};
}

Refusal notValid(ValidationMessages messages) {
    return Refusal{Error{Errc::InvalidArgument, "the step does not validate"}, std::move(messages)};
}

// Fills one field from a reading and marks it as filled automatically.
template <typename Field, typename Value>
void fill(Field& field, const std::optional<Value>& value, AutoFilledField mark,
          std::set<AutoFilledField>& marks) {
    if (value) {
        field = *value;
        marks.insert(mark);
    }
}

// The agent changed a field that was read automatically: it is no longer the document's reading.
void unmarkChanged(std::set<AutoFilledField>& marks, AutoFilledField mark, bool changed) {
    if (changed) {
        marks.erase(mark);
    }
}

}  // namespace

Wizard::Wizard(Requester requester, const Clock& clock) : clock_(&clock) {
    request_.requester = std::move(requester);
}

Wizard::Wizard(Request request, const Clock& clock, bool reupload)
    : request_(std::move(request)), clock_(&clock), reupload_(reupload) {
}

Result<Wizard> Wizard::forReupload(Request request, const Clock& clock) {
    if (request.status != RequestStatus::ActionExpected) {
        return fail(Errc::InvalidState,
                    "only a request that expects an action can get a new document, not a " +
                        std::string(statusKey(request.status)) + " one");
    }
    // The new document is shot again from its first page.
    request.pages.clear();
    return Wizard(std::move(request), clock, true);
}

Result<void> Wizard::ensureEditing() const {
    if (state_ != WizardState::Editing) {
        return fail(Errc::InvalidState, state_ == WizardState::Sent
                                            ? "the request was already sent"
                                            : "the draft was abandoned and cannot be resumed");
    }
    return {};
}

Result<void> Wizard::ensureEditingAllData() const {
    if (auto editing = ensureEditing(); !editing.has_value()) {
        return editing;
    }
    if (reupload_) {
        return fail(Errc::InvalidState, "a re-upload only redoes the document step");
    }
    return {};
}

ValidationMessages Wizard::validate(WizardStep step) const {
    switch (step) {
        case WizardStep::Document:
            return validateDocumentStep(request_);
        case WizardStep::Person:
            return validatePersonStep(request_, clock_->today());
        case WizardStep::Address:
            return validateAddressStep(request_);
        case WizardStep::Summary:
            return validateSendStep(request_);
    }
    return {};
}

Result<void> Wizard::setDocument(Document document) {
    if (auto editing = ensureEditing(); !editing.has_value()) {
        return editing;
    }
    const Document& old = request_.document;
    auto& marks = request_.autoFilled;
    unmarkChanged(marks, AutoFilledField::DocumentType, document.type != old.type);
    unmarkChanged(marks, AutoFilledField::IssuingCountry,
                  document.issuingCountry != old.issuingCountry);
    unmarkChanged(marks, AutoFilledField::DocumentNumber, document.number != old.number);
    unmarkChanged(marks, AutoFilledField::NationalNumber,
                  document.nationalNumber != old.nationalNumber);
    unmarkChanged(marks, AutoFilledField::ValidUntil, document.validUntil != old.validUntil);
    request_.document = std::move(document);
    return {};
}

Result<void> Wizard::setPerson(Person person) {
    if (auto editing = ensureEditingAllData(); !editing.has_value()) {
        return editing;
    }
    const Person& old = request_.person;
    auto& marks = request_.autoFilled;
    unmarkChanged(marks, AutoFilledField::Surname, person.surname != old.surname);
    unmarkChanged(marks, AutoFilledField::GivenNames, person.givenNames != old.givenNames);
    unmarkChanged(marks, AutoFilledField::BirthDate, person.birthDate != old.birthDate);
    unmarkChanged(marks, AutoFilledField::Sex, person.sex != old.sex);
    unmarkChanged(marks, AutoFilledField::Nationality, person.nationality != old.nationality);
    request_.person = std::move(person);
    return {};
}

Result<void> Wizard::setResidence(Address address) {
    if (auto editing = ensureEditingAllData(); !editing.has_value()) {
        return editing;
    }
    request_.residence = std::move(address);
    return {};
}

Result<void> Wizard::setContactAddress(std::optional<Address> address) {
    if (auto editing = ensureEditingAllData(); !editing.has_value()) {
        return editing;
    }
    request_.contactAddress = std::move(address);
    return {};
}

Result<void> Wizard::setEmail(std::string email) {
    if (auto editing = ensureEditingAllData(); !editing.has_value()) {
        return editing;
    }
    request_.email = std::move(email);
    return {};
}

Result<void> Wizard::setComment(std::string comment) {
    if (auto editing = ensureEditingAllData(); !editing.has_value()) {
        return editing;
    }
    request_.comment = std::move(comment);
    return {};
}

Result<void> Wizard::applyReading(const DocumentReading& reading) {
    if (auto editing = ensureEditing(); !editing.has_value()) {
        return editing;
    }
    Document& document = request_.document;
    auto& marks = request_.autoFilled;
    fill(document.type, reading.type, AutoFilledField::DocumentType, marks);
    fill(document.issuingCountry, reading.issuingCountry, AutoFilledField::IssuingCountry, marks);
    fill(document.number, reading.documentNumber, AutoFilledField::DocumentNumber, marks);
    // A national number on the document takes precedence as the document number.
    fill(document.nationalNumber, reading.nationalNumber, AutoFilledField::NationalNumber, marks);
    fill(document.number, reading.nationalNumber, AutoFilledField::DocumentNumber, marks);
    fill(document.validUntil, reading.validUntil, AutoFilledField::ValidUntil, marks);
    if (!reading.mrzLines.empty()) {
        document.mrzLines = reading.mrzLines;
    }
    if (reupload_) {
        return {};
    }
    Person& person = request_.person;
    fill(person.surname, reading.surname, AutoFilledField::Surname, marks);
    fill(person.givenNames, reading.givenNames, AutoFilledField::GivenNames, marks);
    fill(person.birthDate, reading.birthDate, AutoFilledField::BirthDate, marks);
    fill(person.sex, reading.sex, AutoFilledField::Sex, marks);
    fill(person.nationality, reading.nationality, AutoFilledField::Nationality, marks);
    return {};
}

Result<void> Wizard::addPage(DocumentPage page) {
    if (auto editing = ensureEditing(); !editing.has_value()) {
        return editing;
    }
    if (request_.pages.size() >= kMaxDocumentPages) {
        return fail(Errc::OutOfRange, "a document has at most 4 pages");
    }
    request_.pages.push_back(std::move(page));
    return {};
}

Result<void> Wizard::retakePage(std::size_t index, DocumentPage page) {
    if (auto editing = ensureEditing(); !editing.has_value()) {
        return editing;
    }
    if (index >= request_.pages.size()) {
        return fail(Errc::OutOfRange,
                    "there is no page " + std::to_string(index + 1) + " to retake");
    }
    request_.pages[index] = std::move(page);
    return {};
}

Result<void> Wizard::startOverWithAnotherDocument() {
    if (auto editing = ensureEditing(); !editing.has_value()) {
        return editing;
    }
    request_.document = Document{};
    request_.pages.clear();
    auto& marks = request_.autoFilled;
    for (auto mark : {AutoFilledField::DocumentType, AutoFilledField::IssuingCountry,
                      AutoFilledField::DocumentNumber, AutoFilledField::NationalNumber,
                      AutoFilledField::ValidUntil}) {
        marks.erase(mark);
    }
    if (reupload_) {
        return {};
    }
    // Personal data read from the old document goes with it; the new one will be read again.
    Person& person = request_.person;
    if (marks.erase(AutoFilledField::Surname) > 0) {
        person.surname.clear();
    }
    if (marks.erase(AutoFilledField::GivenNames) > 0) {
        person.givenNames.clear();
    }
    if (marks.erase(AutoFilledField::BirthDate) > 0) {
        person.birthDate = PartialDate{};
    }
    if (marks.erase(AutoFilledField::Sex) > 0) {
        person.sex.reset();
    }
    if (marks.erase(AutoFilledField::Nationality) > 0) {
        person.nationality.clear();
    }
    return {};
}

tl::expected<WizardStep, Refusal> Wizard::next() {
    if (auto allowed = ensureEditingAllData(); !allowed.has_value()) {
        return tl::unexpected(Refusal{std::move(allowed.error()), {}});
    }
    if (step_ == WizardStep::Summary) {
        return tl::unexpected(notHere("the summary is the last step: send the request"));
    }
    if (auto messages = validate(step_); !messages.empty()) {
        return tl::unexpected(notValid(std::move(messages)));
    }
    step_ = static_cast<WizardStep>(static_cast<int>(step_) + 1);
    if (step_ == WizardStep::Summary) {
        returnToSummary_ = false;
    }
    return step_;
}

Result<WizardStep> Wizard::back() {
    if (auto allowed = ensureEditingAllData(); !allowed.has_value()) {
        return tl::unexpected(std::move(allowed.error()));
    }
    if (step_ == WizardStep::Document) {
        return fail(Errc::InvalidState, "the document is the first step");
    }
    step_ = static_cast<WizardStep>(static_cast<int>(step_) - 1);
    return step_;
}

Result<void> Wizard::jumpTo(WizardStep step) {
    if (auto allowed = ensureEditingAllData(); !allowed.has_value()) {
        return allowed;
    }
    if (step_ != WizardStep::Summary) {
        return fail(Errc::InvalidState, "jumps start from the summary");
    }
    if (step == WizardStep::Summary) {
        return fail(Errc::InvalidArgument, "already on the summary");
    }
    step_ = step;
    returnToSummary_ = true;
    return {};
}

tl::expected<WizardStep, Refusal> Wizard::backToSummary() {
    if (auto allowed = ensureEditingAllData(); !allowed.has_value()) {
        return tl::unexpected(Refusal{std::move(allowed.error()), {}});
    }
    if (!returnToSummary_) {
        return tl::unexpected(notHere("the summary was not left by a jump"));
    }
    if (auto messages = validate(step_); !messages.empty()) {
        return tl::unexpected(notValid(std::move(messages)));
    }
    step_ = WizardStep::Summary;
    returnToSummary_ = false;
    return step_;
}

Result<void> Wizard::abandon() {
    if (auto editing = ensureEditing(); !editing.has_value()) {
        return editing;
    }
    // Nothing of the person may linger once the agent walks away from the draft.
    request_ = Request{};
    state_ = WizardState::Abandoned;
    returnToSummary_ = false;
    return {};
}

tl::expected<Request, Refusal> Wizard::send() {
    if (auto editing = ensureEditing(); !editing.has_value()) {
        return tl::unexpected(Refusal{std::move(editing.error()), {}});
    }
    if (!reupload_ && step_ != WizardStep::Summary) {
        return tl::unexpected(notHere("a request is sent from the summary"));
    }
    // A re-upload changes only the document; the rest was accepted when the request was first sent.
    auto messages =
        reupload_ ? validateDocumentStep(request_) : validateRequest(request_, clock_->today());
    if (!messages.empty()) {
        return tl::unexpected(notValid(std::move(messages)));
    }
    Request sent = request_;
    if (auto queued = changeStatus(sent, RequestStatus::Queued); !queued.has_value()) {
        return tl::unexpected(Refusal{std::move(queued.error()), {}});
    }
    if (!reupload_) {
        sent.submittedAt = clock_->now();
    }
    request_ = sent;
    state_ = WizardState::Sent;
    return sent;
}

}  // namespace balie::core
