// SPDX-License-Identifier: GPL-3.0-or-later
// The request wizard as a screen: top bar, step indicator, the current step's form, next/back,
// "back to overview" after a confirmation, and sending into the store.
#include <ctime>

#include "balie/ui/wizard_screens.h"
#include "wizard_parts.h"

namespace balie::ui {

namespace {

using core::WizardStep;
using wizard::Capture;
using wizard::Form;
using wizard::FormState;

constexpr std::array<WizardStep, 4> kSteps = {WizardStep::Document, WizardStep::Person,
                                              WizardStep::Address, WizardStep::Summary};

/// The system's clock, for a kiosk started without one.
class SystemClock final : public core::Clock {
public:
    core::PartialDate today() const override {
        std::time_t now = std::time(nullptr);
        std::tm local{};
        localtime_r(&now, &local);
        return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
    }
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::now();
    }
};

const char* stepName(const Translator& i18n, WizardStep step) {
    switch (step) {
        case WizardStep::Document:
            return i18n.trc("wizard", "Document");
        case WizardStep::Person:
            return i18n.trc("wizard", "Personal data");
        case WizardStep::Address:
            return i18n.trc("wizard", "Address");
        case WizardStep::Summary:
            return i18n.trc("wizard", "Send");
    }
    return "";
}

std::size_t indexOf(WizardStep step) {
    return static_cast<std::size_t>(step);
}

class WizardScreen final : public Screen {
public:
    explicit WizardScreen(WizardStart start) : start_(std::move(start)) {}
    ~WizardScreen() override { wizard::stopCamera(capture_); }

    WizardScreen(const WizardScreen&) = delete;
    WizardScreen& operator=(const WizardScreen&) = delete;

    std::string_view name() const override { return answer_ ? answer_->name() : "wizard"; }
    bool busy() const override { return answer_ && answer_->busy(); }

    void draw(ScreenContext& context) override {
        if (restart_) {
            restart(context);
        }
        if (answer_) {
            answer_->draw(context);
            return;
        }
        if (!wizard_ && startError_.empty()) {
            begin(context);
        }
        bool toOverview = topBarWithOverview(context);
        beginBody();
        ImVec2 area = ImGui::GetContentRegionAvail();
        if (!wizard_) {
            wizard::textAt(startError_.c_str(), ImGui::GetCursorScreenPos(), area.x,
                           palette::kError);
        } else if (confirmingAbandon_) {
            confirmAbandon(context, area);
        } else {
            if (toOverview) {
                state_->editor.reset();
                state_->help.reset();
                confirmingAbandon_ = true;
            }
            content(context, area);
        }
        endBody();
        if (toOverview && !wizard_) {
            context.navigator.pop();
        }
    }

private:
    const core::Clock& clock(const ScreenContext& context) const {
        return context.clock != nullptr ? *context.clock : systemClock_;
    }

    void begin(ScreenContext& context) {
        state_.emplace(context.keyboard);
        if (start_.reuploadLocalId.empty()) {
            core::Requester requester =
                context.session ? context.session->requester : core::Requester{};
            wizard_.emplace(std::move(requester), clock(context));
            return;
        }
        if (context.store == nullptr) {
            startError_ = context.i18n.trc("wizard", "The requests of this kiosk cannot be read.");
            return;
        }
        core::Result<core::Request> stored = context.store->load(start_.reuploadLocalId);
        if (!stored.has_value()) {
            startError_ =
                context.i18n.trc("wizard", "This request no longer exists on this kiosk.");
            return;
        }
        core::Result<core::Wizard> reupload =
            core::Wizard::forReupload(std::move(*stored), clock(context));
        if (!reupload.has_value()) {
            startError_ =
                context.i18n.trc("wizard", "This request does not expect a new document.");
            return;
        }
        wizard_.emplace(std::move(*reupload));
    }

    // "New request" on the answer: a fresh wizard, nothing of the request just sent.
    void restart(ScreenContext& context) {
        restart_ = false;
        answer_.reset();
        wizard::stopCamera(capture_);
        capture_ = Capture{};
        wizard_.reset();
        state_.reset();
        showDocument_ = false;
        sendError_.clear();
        refusedText_.clear();
        start_ = WizardStart{};
        begin(context);
    }

    bool topBarWithOverview(ScreenContext& context) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        ImVec2 origin = ImGui::GetCursorScreenPos();
        bool reupload = wizard_ && wizard_->isReupload();
        // The shared bar draws the background and the language buttons; the title and the way
        // out of the wizard go over it.
        topBar(context, "", false);
        ImVec2 after = ImGui::GetCursorScreenPos();
        float buttonWidth = metrics.buttonHeight * 3.2F;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + metrics.margin, origin.y + metrics.spacing));
        std::string label = std::string("\u2190 ") + i18n.trc("wizard", "Overview");
        bool tapped = button(context.ui, "wizard.overview", label.c_str(),
                             ImVec2(buttonWidth, metrics.buttonHeight));
        float left = metrics.margin + buttonWidth + metrics.spacing;
        float right =
            context.size.x - metrics.margin - 4 * (metrics.buttonHeight * 1.2F + metrics.spacing);
        const char* title = reupload
                                ? i18n.trc("wizard", "Upload a new document")
                                : i18n.trc("wizard", "Request a Belgian identification number");
        wizard::fittedText(context.ui.fonts.title, title,
                           ImVec2(origin.x + left, origin.y + metrics.spacing),
                           ImVec2(right - left, metrics.buttonHeight), palette::kOnPrimary, 1.0F);
        ImGui::SetCursorScreenPos(after);
        return tapped;
    }

    void stepIndicator(ScreenContext& context, ImVec2 pos, float width, float height) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        ImDrawList* draw = ImGui::GetWindowDrawList();
        float each = width / static_cast<float>(kSteps.size());
        float radius = height * 0.4F;
        for (std::size_t i = 0; i < kSteps.size(); ++i) {
            bool current = wizard_->step() == kSteps[i];
            bool done = i < indexOf(wizard_->step());
            ImVec2 centre(pos.x + static_cast<float>(i) * each + radius, pos.y + height / 2);
            ImU32 fill = ImGui::ColorConvertFloat4ToU32(
                toImGui(current || done ? palette::kPrimary : palette::kDisabled));
            draw->AddCircleFilled(centre, radius, fill);
            draw->AddCircle(centre, radius, ImGui::ColorConvertFloat4ToU32(toImGui(palette::kText)),
                            0, metrics.border);
            std::string number = std::to_string(i + 1);
            ImFont* font = context.ui.fonts.body;
            ImVec2 extent = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, number.c_str());
            draw->AddText(
                font, font->FontSize, ImVec2(centre.x - extent.x / 2, centre.y - extent.y / 2),
                ImGui::ColorConvertFloat4ToU32(
                    toImGui(current || done ? palette::kOnPrimary : palette::kOnDisabled)),
                number.c_str());
            // The current step's name in bold: not only colour tells where the agent is.
            ImFont* nameFont = current ? context.ui.fonts.title : font;
            float size = current ? font->FontSize * 1.1F : font->FontSize * 0.9F;
            const char* label = stepName(i18n, kSteps[i]);
            draw->AddText(nameFont, size,
                          ImVec2(centre.x + radius + metrics.spacing / 2, centre.y - size / 2),
                          ImGui::ColorConvertFloat4ToU32(toImGui(palette::kText)), label);
            context.ui.targets.add("wizard.step." + number, ImVec2(centre.x - radius, pos.y),
                                   ImVec2(centre.x + radius, pos.y + height));
        }
    }

    void content(ScreenContext& context, ImVec2 area) {
        const Metrics& metrics = context.ui.metrics;
        core::Wizard& wizard = *wizard_;
        Form form{context, wizard, *state_, wizard.step(), wizard.validate(wizard.step())};
        wizard::takeCapture(form, capture_);
        form.messages = wizard.validate(wizard.step());

        ImVec2 origin = ImGui::GetCursorScreenPos();
        float indicator = wizard.isReupload() ? 0.0F : metrics.bodyFont * 1.6F;
        float navHeight = metrics.minTarget * 1.5F;
        ImVec2 stepPos(origin.x, origin.y + indicator + (indicator > 0 ? metrics.spacing / 2 : 0));
        ImVec2 stepSize(area.x, origin.y + area.y - navHeight - metrics.spacing / 2 - stepPos.y);

        ImGui::SetCursorScreenPos(stepPos);
        if (wizard::drawOverlay(form, ImVec2(area.x, origin.y + area.y - stepPos.y))) {
            return;
        }
        if (!wizard.isReupload()) {
            stepIndicator(context, origin, area.x, indicator);
        }
        ImGui::SetCursorScreenPos(stepPos);
        std::optional<WizardStep> jump;
        switch (wizard.step()) {
            case WizardStep::Document:
                wizard::drawDocumentStep(form, capture_, stepSize);
                break;
            case WizardStep::Person:
                wizard::drawPersonStep(form, capture_, showDocument_, stepSize);
                break;
            case WizardStep::Address:
                wizard::drawAddressStep(form, stepSize);
                break;
            case WizardStep::Summary:
                jump = wizard::drawSummaryStep(form, stepSize);
                break;
        }
        if (jump && wizard.jumpTo(*jump).has_value()) {
            leftStep();
        }
        navigation(context, ImVec2(origin.x, origin.y + area.y - navHeight),
                   ImVec2(area.x, navHeight));
    }

    void navigation(ScreenContext& context, ImVec2 pos, ImVec2 size) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        core::Wizard& wizard = *wizard_;
        float buttonWidth = metrics.buttonHeight * 3.4F;
        if (wizard.step() != WizardStep::Document && !wizard.canReturnToSummary()) {
            ImGui::SetCursorScreenPos(pos);
            std::string label = std::string("\u2190 ") + i18n.trc("wizard", "Previous");
            if (button(context.ui, "wizard.back", label.c_str(), ImVec2(buttonWidth, size.y))) {
                if (wizard.back().has_value()) {
                    leftStep();
                }
            }
        }
        // Why the wizard does not go on, or why sending failed, between the buttons.
        const std::string& problem = !sendError_.empty() ? sendError_ : refusedText_;
        if (!problem.empty()) {
            wizard::fittedText(context.ui.fonts.body, problem.c_str(),
                               ImVec2(pos.x + buttonWidth + metrics.spacing, pos.y),
                               ImVec2(size.x - 2 * (buttonWidth + metrics.spacing), size.y),
                               palette::kError, 0.9F);
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x + size.x - buttonWidth, pos.y));
        bool sends = wizard.step() == WizardStep::Summary || wizard.isReupload();
        if (sends) {
            if (button(context.ui, "wizard.send", i18n.trc("wizard", "Send"),
                       ImVec2(buttonWidth, size.y), ButtonKind::Primary)) {
                send(context);
            }
        } else if (wizard.canReturnToSummary()) {
            if (button(context.ui, "wizard.summary", i18n.trc("wizard", "To the summary"),
                       ImVec2(buttonWidth, size.y), ButtonKind::Primary)) {
                WizardStep from = wizard.step();
                if (wizard.backToSummary().has_value()) {
                    leftStep();
                } else {
                    refused(context, from);
                }
            }
        } else {
            std::string label = i18n.trc("wizard", "Next") + std::string(" \u2192");
            if (button(context.ui, "wizard.next", label.c_str(), ImVec2(buttonWidth, size.y),
                       ButtonKind::Primary)) {
                WizardStep from = wizard.step();
                if (wizard.next().has_value()) {
                    leftStep();
                } else {
                    refused(context, from);
                }
            }
        }
    }

    void refused(ScreenContext& context, WizardStep step) {
        state_->refused[indexOf(step)] = true;
        refusedText_ =
            context.i18n.trc("wizard", "Some fields need your attention: see the messages in red.");
    }

    // The wizard moved to another step: the camera only runs on step 1.
    void leftStep() {
        refusedText_.clear();
        sendError_.clear();
        if (wizard_->step() != WizardStep::Document) {
            wizard::stopCamera(capture_);
        }
    }

    std::vector<core::PageImage> pageImages() const {
        std::vector<core::PageImage> images;
        for (const CapturedPage& page : capture_.pages) {
            images.push_back(page.page);
        }
        return images;
    }

    std::string storageProblem(const Translator& i18n, const core::Error& error) const {
        const char* words = error.code == core::Errc::Storage
                                ? i18n.trc("wizard",
                                           "The kiosk could not save the request: its storage is "
                                           "full or cannot be written.")
                                : i18n.trc("wizard", "The kiosk could not save the request.");
        return substitute(i18n.trc("wizard",
                                   "{problem} Your data is kept: try again, or ask a staff "
                                   "member. ({detail})"),
                          {{"problem", words}, {"detail", error.message}});
    }

    void send(ScreenContext& context) {
        Translator& i18n = context.i18n;
        core::Wizard& wizard = *wizard_;
        sendError_.clear();
        // The wizard checks everything before it lets go of the draft; the store must have it
        // first, so the draft stays here until the store said yes.
        bool complete = true;
        for (WizardStep step : kSteps) {
            if ((!wizard.isReupload() || step == WizardStep::Document) &&
                !wizard.validate(step).empty()) {
                state_->refused[indexOf(step)] = true;
                complete = false;
            }
        }
        if (!complete) {
            refusedText_ = wizard.isReupload()
                               ? i18n.trc("wizard",
                                          "Some fields need your attention: see the messages in "
                                          "red.")
                               : i18n.trc("wizard",
                                          "Some data is missing or wrong: tap \"Change\" on the "
                                          "step that needs it.");
            return;
        }
        if (wizard.isReupload()) {
            sendReupload(context);
            return;
        }
        if (context.store == nullptr) {
            sendError_ = i18n.trc(
                "wizard", "The kiosk has no storage for requests. Please ask a staff member.");
            return;
        }
        core::Result<core::Request> stored =
            context.store->submit(wizard.request(), pageImages(), clock(context).now());
        if (!stored.has_value()) {
            sendError_ = storageProblem(i18n, stored.error());
            return;
        }
        (void)wizard.send();
        if (context.sync != nullptr) {
            context.sync->wake();
        }
        showAnswer(stored->localId, false);
    }

    void sendReupload(ScreenContext& context) {
        Translator& i18n = context.i18n;
        if (context.sync == nullptr) {
            sendError_ = i18n.trc("wizard",
                                  "The kiosk is not connected to the central service. Please ask "
                                  "a staff member.");
            return;
        }
        core::Result<void> sent = context.sync->resubmitDocument(
            start_.reuploadLocalId, wizard_->request().document, pageImages());
        if (!sent.has_value()) {
            sendError_ = storageProblem(i18n, sent.error());
            return;
        }
        (void)wizard_->send();
        context.sync->wake();
        showAnswer(start_.reuploadLocalId, true);
    }

    void showAnswer(std::string localId, bool reupload) {
        wizard::stopCamera(capture_);
        answer_ =
            wizard::makeAnswerScreen(std::move(localId), reupload, [this] { restart_ = true; });
    }

    void confirmAbandon(ScreenContext& context, ImVec2 area) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        ImVec2 origin = ImGui::GetCursorScreenPos();
        float width = area.x * 0.7F;
        ImGui::SetCursorScreenPos(
            ImVec2(origin.x + (area.x - width) / 2, origin.y + area.y * 0.2F));
        centredText(i18n.trc("wizard", "Leave this request?"), context.ui.fonts.title, width,
                    toImGui(palette::kText));
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - width) / 2,
                                         ImGui::GetCursorScreenPos().y + metrics.spacing));
        centredText(i18n.trc("wizard",
                             "Everything you entered and the captured pages are discarded. The "
                             "request cannot be resumed later."),
                    context.ui.fonts.body, width, toImGui(palette::kText));
        float buttonWidth = metrics.buttonHeight * 4.5F;
        float top = origin.y + area.y * 0.65F;
        ImGui::SetCursorScreenPos(
            ImVec2(origin.x + area.x / 2 - metrics.spacing - buttonWidth, top));
        if (button(context.ui, "wizard.abandon.cancel", i18n.trc("wizard", "Continue the request"),
                   ImVec2(buttonWidth, metrics.buttonHeight), ButtonKind::Primary)) {
            confirmingAbandon_ = false;
        }
        ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x / 2 + metrics.spacing, top));
        if (button(context.ui, "wizard.abandon.confirm", i18n.trc("wizard", "Discard and leave"),
                   ImVec2(buttonWidth, metrics.buttonHeight))) {
            (void)wizard_->abandon();
            wizard::stopCamera(capture_);
            capture_ = Capture{};
            context.navigator.pop();
        }
    }

    WizardStart start_;
    SystemClock systemClock_;
    std::optional<core::Wizard> wizard_;
    std::optional<FormState> state_;
    Capture capture_;
    bool showDocument_ = false;
    bool confirmingAbandon_ = false;
    bool restart_ = false;
    std::string startError_;
    std::string refusedText_;
    std::string sendError_;
    std::unique_ptr<Screen> answer_;
};

}  // namespace

std::unique_ptr<Screen> makeWizardScreen(WizardStart start) {
    return std::make_unique<WizardScreen>(std::move(start));
}

}  // namespace balie::ui
