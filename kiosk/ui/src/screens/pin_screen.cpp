// SPDX-License-Identifier: GPL-3.0-or-later
// The PIN screen: masked entry on the numeric pad, verified by the card off the UI thread.
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "balie/ui/numeric_pad.h"
#include "balie/ui/pin_buffer.h"
#include "screens.h"

namespace balie::ui {

namespace {

// The login's result, written by the card's thread and read by the UI thread. Shared, so a
// result that arrives after the screen was left lands somewhere harmless.
struct LoginSlot {
    std::mutex mutex;
    std::optional<LoginResult> result;
};

class PinScreen final : public Screen {
public:
    std::string_view name() const override { return "pin"; }
    bool busy() const override { return busy_; }

    void draw(ScreenContext& context) override {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        takeResult(context);
        if (topBar(context, i18n.tr("Enter your PIN"), true)) {
            context.navigator.pop();
        }
        beginBody();
        ImVec2 area = ImGui::GetContentRegionAvail();
        ImVec2 origin = ImGui::GetCursorPos();
        if (context.card.state() == CardState::ReaderUnavailable) {
            banner(context.ui, i18n.tr("The card reader is not available."), palette::kNotice,
                   palette::kError, metrics.buttonHeight * 0.8F);
            ImGui::Dummy(ImVec2(area.x, metrics.spacing));
        }
        // Landscape: what was typed and what happened on the left, the pad as tall as the
        // screen allows on the right.
        float top = ImGui::GetCursorPosY();
        float height = area.y - (top - origin.y);
        float padWidth = std::min(area.x * 0.55F, height * 1.15F);
        float textWidth = area.x - padWidth - 2 * metrics.spacing;

        ImGui::SetCursorPos(ImVec2(origin.x, top + height / 4));
        drawMaskedPin(context, textWidth);
        ImGui::Dummy(ImVec2(textWidth, metrics.spacing));
        centredText(statusText(i18n).c_str(), context.ui.fonts.body, textWidth,
                    toImGui(result_ && result_->outcome != LoginResult::Outcome::LoggedIn
                                ? palette::kError
                                : palette::kText));

        if (confirmingLastTry_) {
            drawLastTryChoice(context, textWidth);
        }

        ImGui::SetCursorPos(ImVec2(origin.x + area.x - padWidth, top));
        std::optional<PadKey> key =
            numericPad(context.ui, ImVec2(padWidth, height), i18n.tr("Confirm"),
                       pin_.isComplete() && !busy_ && !confirmingLastTry_);
        if (key) {
            handleKey(context, *key);
        }
        endBody();
    }

private:
    void handleKey(ScreenContext& context, PadKey key) {
        if (busy_) {
            return;
        }
        switch (key.kind) {
            case PadKey::Kind::Digit:
                if (pin_.append(key.digit)) {
                    result_.reset();
                }
                break;
            case PadKey::Kind::Erase:
                pin_.removeLast();
                break;
            case PadKey::Kind::Confirm:
                busy_ = true;
                result_.reset();
                // The PIN leaves this screen's buffer here (the move wipes it) and is only in the
                // card driver's hands from now on.
                context.card.login(std::move(pin_), spendLastTry_,
                                   [slot = slot_, &loop = context.loop](LoginResult result) {
                                       {
                                           std::lock_guard lock(slot->mutex);
                                           slot->result = result;
                                       }
                                       loop.wake();
                                   });
                break;
        }
    }

    void takeResult(ScreenContext& context) {
        {
            std::lock_guard lock(slot_->mutex);
            if (!slot_->result) {
                return;
            }
            result_ = slot_->result;
            slot_->result.reset();
        }
        busy_ = false;
        spendLastTry_ = false;
        switch (result_->outcome) {
            case LoginResult::Outcome::LoggedIn:
                if (result_->agent) {
                    beginSession(context, *result_->agent, LoginMethod::Card);
                    context.navigator.reset(makeOverviewScreen());
                }
                break;
            case LoginResult::Outcome::LastTry:
                confirmingLastTry_ = true;
                break;
            case LoginResult::Outcome::AccessDenied:
                context.navigator.reset(makeAccessScreen(AccessProblem::Denied));
                break;
            case LoginResult::Outcome::ServiceUnreachable:
                context.navigator.reset(makeAccessScreen(AccessProblem::Unreachable));
                break;
            default:
                break;
        }
    }

    // Spending the last try blocks the card when the PIN is wrong: the agent says so first, then
    // types the PIN again.
    void drawLastTryChoice(ScreenContext& context, float width) {
        const Metrics& metrics = context.ui.metrics;
        ImGui::Dummy(ImVec2(width, metrics.spacing));
        float buttonWidth = (width - metrics.spacing) / 2;
        float left = ImGui::GetCursorPosX();
        float top = ImGui::GetCursorPosY();
        if (button(context.ui, "pin.last-try", context.i18n.tr("Use the last attempt"),
                   ImVec2(buttonWidth, metrics.buttonHeight), ButtonKind::Primary)) {
            confirmingLastTry_ = false;
            spendLastTry_ = true;
            result_.reset();
        }
        ImGui::SetCursorPos(ImVec2(left + buttonWidth + metrics.spacing, top));
        if (button(context.ui, "pin.cancel", context.i18n.tr("Cancel"),
                   ImVec2(buttonWidth, metrics.buttonHeight))) {
            context.navigator.pop();
        }
    }

    void drawMaskedPin(ScreenContext& context, float width) {
        // A dot per digit typed, hollow ones up to the shortest PIN: the length shows progress,
        // the digits never appear.
        std::string dots;
        std::size_t slots = std::max(pin_.size(), PinBuffer::kMinDigits);
        for (std::size_t i = 0; i < slots; ++i) {
            dots += i == 0 ? "" : " ";
            dots += i < pin_.size() ? "\u25CF" : "\u25CB";
        }
        centredText(dots.c_str(), context.ui.fonts.digits, width, toImGui(palette::kText));
    }

    std::string statusText(const Translator& i18n) const {
        if (busy_) {
            return i18n.tr("Checking the PIN with the card...");
        }
        if (spendLastTry_) {
            return i18n.tr("Type your PIN again and tap Confirm to use the last attempt.");
        }
        if (!result_) {
            return i18n.tr("Type the PIN of your eID card and tap Confirm.");
        }
        switch (result_->outcome) {
            case LoginResult::Outcome::LoggedIn:
                return i18n.tr("PIN accepted.");
            case LoginResult::Outcome::WrongPin: {
                auto tries = static_cast<unsigned long>(std::max(result_->triesLeft, 0));
                return substitute(i18n.trn("Wrong PIN. {count} attempt left.",
                                           "Wrong PIN. {count} attempts left.", tries),
                                  {{"count", std::to_string(tries)}});
            }
            case LoginResult::Outcome::PinBlocked:
                return i18n.tr(
                    "The PIN of this card is blocked. Please ask a staff member for help.");
            case LoginResult::Outcome::NoCard:
                return i18n.tr(
                    "There is no card in the reader. Insert your eID card and try again.");
            case LoginResult::Outcome::ReaderUnavailable:
                return i18n.tr(
                    "The card reader is not available, so the PIN could not be checked. "
                    "Please ask a staff member for help.");
            case LoginResult::Outcome::LastTry:
                return i18n.tr(
                    "Only one attempt is left. If this PIN is wrong too, the card is blocked.");
            case LoginResult::Outcome::CardUnreadable:
                return i18n.tr(
                    "This card could not be used to log in. Use a valid Belgian eID card.");
            case LoginResult::Outcome::AccessDenied:
            case LoginResult::Outcome::ServiceUnreachable:
                return {};
        }
        return {};
    }

    PinBuffer pin_;
    bool busy_ = false;
    bool confirmingLastTry_ = false;
    bool spendLastTry_ = false;
    std::optional<LoginResult> result_;
    std::shared_ptr<LoginSlot> slot_ = std::make_shared<LoginSlot>();
};

}  // namespace

std::unique_ptr<Screen> makePinScreen() {
    return std::make_unique<PinScreen>();
}

}  // namespace balie::ui
