// SPDX-License-Identifier: GPL-3.0-or-later
// The request wizard as a UI-agnostic state machine: four steps, gated by validation.
#pragma once

#include <cstddef>
#include <optional>

#include <tl/expected.hpp>

#include "balie/core/clock.h"
#include "balie/core/document_reading.h"
#include "balie/core/error.h"
#include "balie/core/request.h"
#include "balie/core/validation_message.h"

namespace balie::core {

enum class WizardStep {
    Document,  ///< 1: the identification document and its pages
    Person,    ///< 2: personal data
    Address,   ///< 3: residential and contact address
    Summary,   ///< 4: e-mail, comment, summary of all data, "send"
};

enum class WizardState {
    Editing,    ///< the draft is being filled in
    Sent,       ///< send() handed the request over; the wizard is done
    Abandoned,  ///< "back to overview": the draft is discarded and cannot be resumed
};

/// \brief Why the wizard refused to move on. Either the current data does not validate (code
/// InvalidArgument, `messages` lists every problem), or the move is not possible at this point,
/// e.g. "next" on the summary or any move after sending (code InvalidState, no messages).
struct Refusal {
    Error error;
    ValidationMessages messages;
};

/// \brief The request wizard.
///
/// A new request walks Document -> Person -> Address -> Summary with next() and back(); next()
/// moves only when the current step validates. From the summary the agent may jump to any step to
/// correct it and return with backToSummary(). send() on the summary validates every step and
/// yields the request, queued. abandon() discards the draft for good.
///
/// A re-upload (forReupload()) serves a request whose status is ActionExpected: it only redoes
/// step 1 and then goes straight to send(); the person, addresses and e-mail stay as they were.
///
/// Every mutator returns Errc::InvalidState once the wizard is no longer Editing. The clock must
/// outlive the wizard. Not thread-safe: the UI thread owns it.
class Wizard {
public:
    /// \brief Starts a new request for `requester` on step 1.
    Wizard(Requester requester, const Clock& clock);

    /// \brief Starts a re-upload of the document of `request`: the pages are cleared, the document
    /// data is kept for correction.
    /// \return Errc::InvalidState when `request` does not expect an action.
    [[nodiscard]] static Result<Wizard> forReupload(Request request, const Clock& clock);

    WizardStep step() const { return step_; }
    WizardState state() const { return state_; }
    bool isReupload() const { return reupload_; }
    /// \brief True after a jump from the summary, until the summary is reached again.
    bool canReturnToSummary() const { return returnToSummary_; }

    /// \brief The draft; empty once abandoned.
    const Request& request() const { return request_; }

    /// \brief The problems of one step's data as it is now (for marking fields while typing).
    ValidationMessages validate(WizardStep step) const;

    // Editing. Replacing a group of fields drops the "filled automatically" mark of every field
    // whose value changes: the agent has corrected it. A re-upload edits the document only;
    // the other setters then return Errc::InvalidState.

    [[nodiscard]] Result<void> setDocument(Document document);
    [[nodiscard]] Result<void> setPerson(Person person);
    [[nodiscard]] Result<void> setResidence(Address address);
    [[nodiscard]] Result<void> setContactAddress(std::optional<Address> address);
    [[nodiscard]] Result<void> setEmail(std::string email);
    [[nodiscard]] Result<void> setComment(std::string comment);

    /// \brief Fills in what an automatic reading found and marks those fields. A national number
    /// found on the document becomes the document number too, as the rule demands. A re-upload
    /// takes only the document fields.
    [[nodiscard]] Result<void> applyReading(const DocumentReading& reading);

    // Pages of the document.

    /// \brief Adds the next page. \return Errc::OutOfRange when the document has kMaxDocumentPages.
    [[nodiscard]] Result<void> addPage(DocumentPage page);
    /// \brief Replaces page `index` (0-based) with a new shot. \return Errc::OutOfRange for a page
    /// that does not exist.
    [[nodiscard]] Result<void> retakePage(std::size_t index, DocumentPage page);
    /// \brief Starts over with another document: clears the pages, the document data, and the
    /// personal data that was read automatically from the old document (typed personal data
    /// stays: it describes the same person).
    [[nodiscard]] Result<void> startOverWithAnotherDocument();

    // Moving between steps.

    /// \brief To the next step when the current one validates; returns the new step.
    [[nodiscard]] tl::expected<WizardStep, Refusal> next();
    /// \brief To the previous step; returns it. \return Errc::InvalidState on step 1 or in a
    /// re-upload.
    [[nodiscard]] Result<WizardStep> back();
    /// \brief From the summary to any other step, to correct it.
    /// \return Errc::InvalidState when not on the summary; Errc::InvalidArgument for the summary.
    [[nodiscard]] Result<void> jumpTo(WizardStep step);
    /// \brief After jumpTo(), back to the summary when the current step validates.
    [[nodiscard]] tl::expected<WizardStep, Refusal> backToSummary();
    /// \brief "Back to overview": discards the draft (personal data included); cannot be undone.
    [[nodiscard]] Result<void> abandon();

    /// \brief Sends: a new request from the summary when every step validates, a re-upload from
    /// step 1 when the document validates. Returns the request with status Queued (a new request
    /// also gets its submission time); the wizard is then done.
    [[nodiscard]] tl::expected<Request, Refusal> send();

private:
    Wizard(Request request, const Clock& clock, bool reupload);

    Result<void> ensureEditing() const;
    /// Editing, and not a re-upload, which may change the document only.
    Result<void> ensureEditingAllData() const;

    Request request_;
    const Clock* clock_;
    WizardStep step_ = WizardStep::Document;
    WizardState state_ = WizardState::Editing;
    bool reupload_ = false;
    bool returnToSummary_ = false;
};

}  // namespace balie::core
