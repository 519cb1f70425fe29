// SPDX-License-Identifier: GPL-3.0-or-later
// Step 1: the identification document, with the live camera that captures its pages.
#include <algorithm>
#include <array>

#include "wizard_parts.h"

namespace balie::ui::wizard {

namespace {

constexpr std::array<core::DocumentType, 4> kTypes = {
    core::DocumentType::Passport, core::DocumentType::IdentityCard,
    core::DocumentType::DrivingLicence, core::DocumentType::ResidencePermit};
constexpr std::array<std::string_view, 4> kTypeKeys = {"passport", "identity_card",
                                                       "driving_licence", "residence_permit"};

const char* hintText(const Translator& i18n, const CameraView& view) {
    if (view.hints.empty()) {
        return i18n.trc("wizard", "Place the document under the camera.");
    }
    switch (view.hints.front()) {
        case CaptureHint::NoDocument:
            return i18n.trc("wizard", "Place the document under the camera.");
        case CaptureHint::ShowWholePage:
            return i18n.trc("wizard", "Show the whole page: a corner is outside the picture.");
        case CaptureHint::TooFar:
            return i18n.trc("wizard", "Bring the document closer.");
        case CaptureHint::TooClose:
            return i18n.trc("wizard", "Move the document further away.");
        case CaptureHint::Tilted:
            return i18n.trc("wizard", "Lay the document flat and straight.");
        case CaptureHint::Glare:
            return i18n.trc("wizard", "There is glare on the document: tilt it slightly.");
        case CaptureHint::Blurred:
            return i18n.trc("wizard", "The picture is blurred: hold the document still.");
        case CaptureHint::HoldStill:
            return i18n.trc("wizard", "Good. Hold still...");
        case CaptureHint::Ready:
            return i18n.trc("wizard", "Capturing...");
    }
    return "";
}

void setDocument(core::Wizard& wizard, const std::function<void(core::Document&)>& change) {
    core::Document document = wizard.request().document;
    change(document);
    // Refused only once the wizard is done; the screen then no longer draws this step.
    (void)wizard.setDocument(std::move(document));
}

void documentFields(Form& form, ImVec2 pos, ImVec2 size) {
    Translator& i18n = form.i18n();
    const Metrics& metrics = form.metrics();
    const core::Document& document = form.wizard.request().document;
    core::Wizard& wizard = form.wizard;
    float row = fieldHeight(metrics);
    float half = (size.x - metrics.spacing) / 2;
    float right = pos.x + half + metrics.spacing;

    std::array<Choice, 4> types;
    std::optional<std::size_t> selected;
    for (std::size_t i = 0; i < kTypes.size(); ++i) {
        types[i] = {kTypeKeys[i], documentTypeName(i18n, kTypes[i])};
        if (document.type == kTypes[i]) {
            selected = i;
        }
    }
    Field type{"document.type", i18n.trc("wizard", "Type of document"),
               i18n.trc("wizard",
                        "The kind of document you capture. A residence permit is a card a country "
                        "issues to foreigners who live there."),
               true, core::AutoFilledField::DocumentType};
    if (auto tapped = choiceField(form, type, types, selected, pos, size.x)) {
        setDocument(wizard, [&](core::Document& d) { d.type = kTypes[*tapped]; });
    }

    ImVec2 second(pos.x, pos.y + row);
    Field country{"document.issuing_country", i18n.trc("wizard", "Issuing country"),
                  i18n.trc("wizard",
                           "The country that issued the document, not necessarily the "
                           "nationality. Type the first letters of its name."),
                  true, core::AutoFilledField::IssuingCountry};
    countryField(form, country, document.issuingCountry, second, half, [&wizard](std::string v) {
        setDocument(wizard, [&](core::Document& d) { d.issuingCountry = std::move(v); });
    });
    Field number{"document.number", i18n.trc("wizard", "Document number"),
                 i18n.trc("wizard",
                          "The number of the document as printed on it. If the document also "
                          "carries a national (personal) number, type that one here: it must be "
                          "used."),
                 true, core::AutoFilledField::DocumentNumber};
    textField(form, number, document.number, ImVec2(right, second.y), half,
              [&wizard](std::string v) {
                  setDocument(wizard, [&](core::Document& d) { d.number = std::move(v); });
              });

    ImVec2 third(pos.x, pos.y + 2 * row);
    Field national{"document.national_number", i18n.trc("wizard", "National number"),
                   i18n.trc("wizard",
                            "Some documents also print a personal number of their country (for "
                            "example a PESEL in Poland). Type it when there is one."),
                   false, core::AutoFilledField::NationalNumber};
    textField(form, national, document.nationalNumber, third, half, [&wizard](std::string v) {
        setDocument(wizard, [&](core::Document& d) { d.nationalNumber = std::move(v); });
    });
    // Beside it, the rule for the validity dates, or what is wrong with them.
    ImVec2 note(right, third.y + metrics.spacing / 2);
    ImVec2 noteSize(half, row - metrics.spacing);
    if (hasVisibleMessage(form, "document.validity")) {
        for (core::ValidationMessage message : form.messages) {
            if (core::messageField(message) == "document.validity") {
                fittedText(form.context.ui.fonts.body, messageText(i18n, message), note, noteSize,
                           palette::kError, 0.8F);
                break;
            }
        }
    } else {
        fittedText(form.context.ui.fonts.body,
                   i18n.trc("wizard",
                            "Validity: leave both dates empty, fill in only \"valid "
                            "from\", or both."),
                   note, noteSize, palette::kText, 0.8F);
    }

    ImVec2 fourth(pos.x, pos.y + 3 * row);
    Field from{"document.valid_from", i18n.trc("wizard", "Valid from"),
               i18n.trc("wizard",
                        "The first day of validity printed on the document. Dates in the past "
                        "and in the future are both accepted."),
               false, std::nullopt};
    dateField(form, from, document.validFrom, false, fourth, half,
              [&wizard](std::optional<core::PartialDate> v) {
                  setDocument(wizard, [&](core::Document& d) { d.validFrom = v; });
              });
    Field until{"document.valid_until", i18n.trc("wizard", "Valid until"),
                i18n.trc("wizard",
                         "The last day of validity printed on the document. It may only be given "
                         "together with \"valid from\", which may not be later."),
                false, core::AutoFilledField::ValidUntil};
    dateField(form, until, document.validUntil, false, ImVec2(right, fourth.y), half,
              [&wizard](std::optional<core::PartialDate> v) {
                  setDocument(wizard, [&](core::Document& d) { d.validUntil = v; });
              });
}

// The box standing in for the preview: why there is no picture and, when the camera is
// missing rather than still starting, what to do.
void cameraNotice(Form& form, const char* reason, bool missing, ImVec2 pos, ImVec2 size) {
    const Metrics& metrics = form.metrics();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                        ImGui::ColorConvertFloat4ToU32(toImGui(palette::kNotice)),
                        metrics.rounding);
    float width = size.x - 2 * metrics.spacing;
    textAt(reason, ImVec2(pos.x + metrics.spacing, pos.y + metrics.spacing), width,
           missing ? palette::kError : palette::kText);
    if (!missing) {
        return;
    }
    textAt(form.i18n().trc("wizard",
                           "At least one page of the document is required: the request cannot be "
                           "sent without it. Please ask a staff member to connect the camera. "
                           "You can fill in the fields meanwhile."),
           ImVec2(pos.x + metrics.spacing, ImGui::GetCursorScreenPos().y + metrics.spacing), width,
           palette::kText);
}

void pageStrip(Form& form, Capture& capture, ImVec2 pos, ImVec2 size) {
    Translator& i18n = form.i18n();
    const Metrics& metrics = form.metrics();
    float gap = metrics.spacing / 2;
    float slot = (size.x - gap * (core::kMaxDocumentPages - 1)) / core::kMaxDocumentPages;
    for (std::size_t i = 0; i < core::kMaxDocumentPages; ++i) {
        ImVec2 min(pos.x + static_cast<float>(i) * (slot + gap), pos.y);
        std::string number = std::to_string(i + 1);
        if (i < capture.pages.size()) {
            // A tap on a page chooses it for a retake; a second tap cancels.
            bool chosen = capture.retake == i;
            if (fittedButton(form.context.ui, "page." + number, "", min, ImVec2(slot, size.y),
                             chosen)) {
                capture.retake = chosen ? std::nullopt : std::optional(i);
            }
            float inset = metrics.border * 4;
            drawFitted(capture.thumbnails[i], ImVec2(min.x + inset, min.y + inset),
                       ImVec2(slot - 2 * inset, size.y - 2 * inset));
            // The page's number in a disc over its corner; red while it waits for a retake.
            ImDrawList* draw = ImGui::GetWindowDrawList();
            float radius = metrics.bodyFont * 0.45F;
            ImVec2 centre(min.x + inset + radius, min.y + inset + radius);
            draw->AddCircleFilled(centre, radius,
                                  ImGui::ColorConvertFloat4ToU32(
                                      toImGui(chosen ? palette::kError : palette::kPrimary)));
            ImFont* font = form.context.ui.fonts.body;
            float textSize = font->FontSize * 0.7F;
            ImVec2 extent = font->CalcTextSizeA(textSize, FLT_MAX, 0, number.c_str());
            draw->AddText(font, textSize, ImVec2(centre.x - extent.x / 2, centre.y - extent.y / 2),
                          ImGui::ColorConvertFloat4ToU32(toImGui(palette::kOnPrimary)),
                          number.c_str());
        } else {
            ImDrawList* draw = ImGui::GetWindowDrawList();
            draw->AddRect(min, ImVec2(min.x + slot, min.y + size.y),
                          ImGui::ColorConvertFloat4ToU32(toImGui(palette::kOnDisabled)),
                          metrics.rounding);
            std::string label =
                substitute(i18n.trc("wizard", "Page {number}"), {{"number", number}});
            fittedText(form.context.ui.fonts.body, label.c_str(),
                       ImVec2(min.x + metrics.spacing / 2, min.y),
                       ImVec2(slot - metrics.spacing, size.y), palette::kOnDisabled, 0.8F);
        }
    }
}

void cameraColumn(Form& form, Capture& capture, ImVec2 pos, ImVec2 size) {
    Translator& i18n = form.i18n();
    const Metrics& metrics = form.metrics();
    DocumentCamera* camera = form.context.camera;
    if (camera == nullptr) {
        cameraNotice(form, i18n.trc("wizard", "No camera is connected to this kiosk."), true, pos,
                     ImVec2(size.x, size.y * 0.5F));
        return;
    }
    if (capture.camera == nullptr) {
        const EventLoop& loop = form.context.loop;
        // Most news is a new picture for the preview: one frame shows it.
        camera->start([&loop] { loop.wakeForOneFrame(); });
        capture.camera = camera;
    }
    float buttons = metrics.minTarget * 1.2F;
    float strip = size.y * 0.17F;
    float gap = metrics.spacing / 2;
    float message = metrics.bodyFont;
    float previewHeight = size.y - strip - buttons - message - 2 * gap;
    ImVec2 stripPos(pos.x, pos.y + previewHeight + message + gap);
    ImVec2 buttonPos(pos.x, stripPos.y + strip + gap);

    if (camera->state() == CameraState::Unavailable) {
        std::string reason = camera->message();
        if (reason.empty()) {
            reason = i18n.trc("wizard", "The camera is not available.");
        }
        cameraNotice(form, reason.c_str(), true, pos, ImVec2(size.x, previewHeight));
    } else if (std::optional<CameraView> view = camera->view()) {
        std::string hint = hintText(i18n, *view);
        if (capture.retake) {
            hint = substitute(i18n.trc("wizard", "The next capture replaces page {number}."),
                              {{"number", std::to_string(*capture.retake + 1)}});
        } else if (capture.pages.size() >= core::kMaxDocumentPages) {
            hint = i18n.trc("wizard", "Four pages captured. Tap a page to take it again.");
        }
        cameraPreview(form.context.ui, *view, capture.preview, pos, ImVec2(size.x, previewHeight),
                      hint.c_str());
    } else {
        cameraNotice(form, i18n.trc("wizard", "Starting the camera..."), false, pos,
                     ImVec2(size.x, previewHeight));
    }
    fieldMessage(form, "document.pages", ImVec2(pos.x, pos.y + previewHeight + gap / 2), size.x);
    pageStrip(form, capture, stripPos, ImVec2(size.x, strip));

    float half = (size.x - gap) / 2;
    bool streaming = camera->state() == CameraState::Streaming;
    bool full = capture.pages.size() >= core::kMaxDocumentPages && !capture.retake;
    ImGui::SetCursorScreenPos(buttonPos);
    if (button(form.context.ui, "camera.capture", i18n.trc("wizard", "Capture now"),
               ImVec2(half, buttons),
               streaming && !full ? ButtonKind::Primary : ButtonKind::Disabled)) {
        camera->captureNow();
    }
    ImGui::SetCursorScreenPos(ImVec2(buttonPos.x + half + gap, buttonPos.y));
    bool any = !capture.pages.empty();
    if (button(form.context.ui, "document.start_over", i18n.trc("wizard", "Another document"),
               ImVec2(half, buttons), any ? ButtonKind::Secondary : ButtonKind::Disabled)) {
        if (form.wizard.startOverWithAnotherDocument().has_value()) {
            capture.pages.clear();
            capture.thumbnails.clear();
            capture.retake.reset();
            form.state.touched.clear();
        }
    }
    if (!capture.error.empty()) {
        textAt(capture.error.c_str(), ImVec2(pos.x, buttonPos.y - metrics.bodyFont * 1.2F), size.x,
               palette::kError);
    }
}

}  // namespace

void takeCapture(Form& form, Capture& capture) {
    if (capture.camera == nullptr) {
        return;
    }
    while (std::optional<CapturedPage> page = capture.camera->takeCapture()) {
        core::DocumentPage reference{"page-" + std::to_string(capture.nextPageNumber++),
                                     page->page.width, page->page.height,
                                     page->page.encoded.size()};
        std::optional<core::DocumentReading> reading = page->reading;
        PreviewTexture thumbnail;
        thumbnail.upload(page->thumbnail);
        if (capture.retake && *capture.retake < capture.pages.size()) {
            std::size_t index = *capture.retake;
            if (!form.wizard.retakePage(index, reference).has_value()) {
                continue;
            }
            capture.thumbnails[index] = std::move(thumbnail);
            capture.pages[index] = std::move(*page);
            capture.retake.reset();
        } else if (form.wizard.addPage(reference).has_value()) {
            capture.thumbnails.push_back(std::move(thumbnail));
            capture.pages.push_back(std::move(*page));
        } else {
            capture.error = form.i18n().trc("wizard", "A document has at most four pages.");
            continue;
        }
        capture.error.clear();
        if (reading) {
            // Fills in and marks what the zone said; the agent checks and may correct it.
            (void)form.wizard.applyReading(*reading);
        }
    }
}

void stopCamera(Capture& capture) {
    if (capture.camera != nullptr) {
        capture.camera->stop();
        capture.camera = nullptr;
    }
}

void drawDocumentStep(Form& form, Capture& capture, ImVec2 size) {
    const Metrics& metrics = form.metrics();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float formWidth = size.x * 0.58F;
    documentFields(form, pos, ImVec2(formWidth, size.y));
    float cameraLeft = pos.x + formWidth + metrics.spacing * 1.5F;
    cameraColumn(form, capture, ImVec2(cameraLeft, pos.y),
                 ImVec2(pos.x + size.x - cameraLeft, size.y));
}

}  // namespace balie::ui::wizard
