// SPDX-License-Identifier: GPL-3.0-or-later
// What the wizard's steps share: fields with their marks, help and messages, the editors that
// open over the form, and the translated names of choices and validation messages.
//
// Every text of the wizard is translated in the context "wizard" (msgctxt), so its words can be
// worded for the form without changing the same English words on other screens.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../camera_preview.h"
#include "balie/core/validation_message.h"
#include "balie/core/wizard.h"
#include "balie/ui/document_camera.h"
#include "balie/ui/keyboard.h"
#include "screens.h"

namespace balie::ui::wizard {

/// \brief One field of the form. `id` is the validation messages' field ("document.number"):
/// its value box is target "field.<id>", its info button "info.<id>".
struct Field {
    std::string id;
    const char* label = "";
    const char* help = "";
    bool mandatory = false;
    std::optional<core::AutoFilledField> autoFilled;
};

/// \brief The editor that replaces the form while one field is changed: the on-screen keyboard
/// for text, the numeric pad for dates, a searchable list for countries.
struct Editor {
    enum class Kind { Text, Date, Country };
    Kind kind = Kind::Text;
    Field field;
    std::string text;        ///< Text: the value; Date: the digits typed; Country: the search
    bool birthDate = false;  ///< Date: "00" for an unknown day or month is allowed
    std::function<void(std::string)> applyText;  ///< Text and Country (alpha-2)
    std::function<void(std::optional<core::PartialDate>)> applyDate;
};

/// \brief The form's state that outlives a frame.
struct FormState {
    explicit FormState(KeyboardLayout layout) : keyboard(layout) {}

    std::optional<Editor> editor;
    std::optional<Field> help;      ///< the field whose help is shown
    std::set<std::string> touched;  ///< fields the agent changed: their messages show at once
    std::array<bool, 4> refused{};  ///< "next" was refused on that step: every message shows
    OnScreenKeyboard keyboard;
};

/// \brief One frame of the form of a step.
struct Form {
    ScreenContext& context;
    core::Wizard& wizard;
    FormState& state;
    core::WizardStep step;
    core::ValidationMessages messages;  ///< of the current step, as the data is now

    Translator& i18n() const { return context.i18n; }
    const Metrics& metrics() const { return context.ui.metrics; }
};

/// \brief Height of one field: label line, value box and message line.
float fieldHeight(const Metrics& metrics);

/// \brief A text field at \a pos, \a width wide; a tap opens the keyboard.
void textField(Form& form, const Field& field, const std::string& value, ImVec2 pos, float width,
               std::function<void(std::string)> apply);

/// \brief A date field shown in the Belgian format of the language; a tap opens the numeric pad.
/// Without \a birthDate the date must be complete, and may be cleared.
void dateField(Form& form, const Field& field, const std::optional<core::PartialDate>& value,
               bool birthDate, ImVec2 pos, float width,
               std::function<void(std::optional<core::PartialDate>)> apply);

/// \brief A country field showing the name in the language; a tap opens the search.
void countryField(Form& form, const Field& field, const std::string& alpha2, ImVec2 pos,
                  float width, std::function<void(std::string)> apply);

/// \brief One choice button of a choice field: target "choice.<field id>.<key>".
struct Choice {
    std::string_view key;
    const char* label;
};

/// \brief A row of choice buttons; \return the index tapped this frame.
std::optional<std::size_t> choiceField(Form& form, const Field& field,
                                       std::span<const Choice> choices,
                                       std::optional<std::size_t> selected, ImVec2 pos,
                                       float width);

/// \brief The label line of a field: name, mandatory or optional, info button, and the
/// "read from the document" mark.
void fieldLabel(Form& form, const Field& field, ImVec2 pos, float width);

/// \brief The first message of field \a id under a field, when it should show.
void fieldMessage(Form& form, std::string_view id, ImVec2 pos, float width);

/// \brief True when a message about field \a id (or a field inside it) shows now.
bool hasVisibleMessage(const Form& form, std::string_view id);

/// \brief Draws the open editor or help into \a size at the cursor. \return false when neither
/// is open (the step draws its form).
bool drawOverlay(Form& form, ImVec2 size);

/// \brief \a text in one line as large as fits \a box (at most \a largest times the body
/// size), or on two smaller lines.
void fittedText(ImFont* font, const char* text, ImVec2 pos, ImVec2 box, Rgb colour, float largest);

/// \brief A button whose label shrinks to fit: target \a name, primary colours when \a selected.
bool fittedButton(Ui& ui, const std::string& name, const char* label, ImVec2 pos, ImVec2 size,
                  bool selected);

/// \brief Text in the body font at \a pos, wrapped to \a width, in \a colour.
void textAt(const char* text, ImVec2 pos, float width, Rgb colour);

/// \brief Translations of the core's validation messages.
const char* messageText(const Translator& i18n, core::ValidationMessage message);

const char* documentTypeName(const Translator& i18n, core::DocumentType type);
const char* sexName(const Translator& i18n, core::Sex sex);
/// \brief The country's name in the language, or the code itself when unknown.
std::string countryName(const Translator& i18n, std::string_view alpha2);
/// \brief The date in the numeric Belgian format of the language; "" for none.
std::string dateText(const Translator& i18n, const std::optional<core::PartialDate>& date);

/// \brief The captured pages of the document and the camera that takes them (step 1).
struct Capture {
    std::vector<CapturedPage> pages;    ///< in step with the wizard's pages
    std::optional<std::size_t> retake;  ///< the next capture replaces this page
    DocumentCamera* camera = nullptr;   ///< set while the wizard has it started
    int nextPageNumber = 1;             ///< numbers the page ids
    PreviewTexture preview;
    std::vector<PreviewTexture> thumbnails;  ///< one per page
    std::string error;                       ///< why the last capture was not taken
};

void drawDocumentStep(Form& form, Capture& capture, ImVec2 size);
/// \brief Stops the camera when the wizard started it.
void stopCamera(Capture& capture);
void drawPersonStep(Form& form, const Capture& capture, bool& showDocument, ImVec2 size);
void drawAddressStep(Form& form, ImVec2 size);
/// \brief E-mail, comment and the summary; \return the step to jump back to ("change").
std::optional<core::WizardStep> drawSummaryStep(Form& form, ImVec2 size);

/// \brief Takes the camera's automatic capture (if any) into the wizard: adds or retakes a
/// page and fills in what its machine readable zone said.
void takeCapture(Form& form, Capture& capture);

/// \brief The answer after sending: waits briefly for the central service (screen "answer").
/// \a newRequest starts a fresh wizard; "to the overview" pops the screen.
std::unique_ptr<Screen> makeAnswerScreen(std::string localId, bool reupload,
                                         std::function<void()> newRequest);

}  // namespace balie::ui::wizard
