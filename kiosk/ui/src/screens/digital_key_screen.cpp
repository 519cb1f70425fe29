// SPDX-License-Identifier: GPL-3.0-or-later
// The digital key login: username and password on the on-screen keyboard, then the security
// code of the agent's authenticator app on the numeric pad, checked by the central service on a
// worker thread.
#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "balie/ui/keyboard.h"
#include "balie/ui/numeric_pad.h"
#include "screens.h"

namespace balie::ui {

namespace {

constexpr std::size_t kCodeDigits = 6;
// Longer input is not a username or password the central service issues.
constexpr std::size_t kMaxTyped = 128;

// Overwrites a secret before its memory is given back.
void wipe(std::string& secret) {
    volatile char* data = secret.data();
    for (std::size_t i = 0; i < secret.size(); ++i) {
        data[i] = '\0';
    }
    secret.clear();
}

// The central service's answer, written by the worker and read by the UI thread. Shared, so an
// answer that arrives after the screen was left lands somewhere harmless.
struct AnswerSlot {
    std::mutex mutex;
    std::optional<core::Result<core::AgentAccess>> answer;
};

// A dot per character typed (UTF-8 continuation bytes do not count).
std::string dotsFor(const std::string& text) {
    std::string dots;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            dots += "\u25CF";
        }
    }
    return dots;
}

// A text box with its label above; outlined thick while the keyboard types into it, and made
// so by a tap. \return true when tapped.
bool textField(Ui& ui, std::string_view target, const char* label, const std::string& shown,
               bool active, float width) {
    const Metrics& metrics = ui.metrics;
    ImGui::PushFont(ui.fonts.body);
    ImGui::TextUnformatted(label);
    ImGui::PopFont();
    ImVec2 min = ImGui::GetCursorScreenPos();
    ImVec2 size(width, metrics.buttonHeight);
    ImVec2 max(min.x + size.x, min.y + size.y);
    ui.targets.add(target, min, max);
    ImGui::PushID(target.data(), target.data() + target.size());
    bool tapped = ImGui::InvisibleButton("field", size);
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ImGui::ColorConvertFloat4ToU32(toImGui(palette::kBackground)),
                        metrics.rounding);
    draw->AddRect(
        min, max,
        ImGui::ColorConvertFloat4ToU32(toImGui(active ? palette::kPrimary : palette::kText)),
        metrics.rounding, 0, metrics.border * (active ? 4 : 1));
    ImFont* font = ui.fonts.title;
    std::string text = shown + (active ? "|" : "");
    ImVec4 clip(min.x, min.y, max.x - metrics.spacing, max.y);
    draw->AddText(font, font->FontSize,
                  ImVec2(min.x + metrics.spacing, min.y + (size.y - font->FontSize) / 2),
                  ImGui::ColorConvertFloat4ToU32(toImGui(palette::kText)), text.c_str(), nullptr, 0,
                  &clip);
    return tapped;
}

class DigitalKeyScreen final : public Screen {
public:
    DigitalKeyScreen() = default;
    ~DigitalKeyScreen() override {
        // The worker holds the typed key until the central service answered; joined here so
        // it never outlives the services it calls.
        if (worker_.joinable()) {
            worker_.join();
        }
        wipe(key_.password);
        wipe(key_.code);
    }

    DigitalKeyScreen(const DigitalKeyScreen&) = delete;
    DigitalKeyScreen& operator=(const DigitalKeyScreen&) = delete;

    std::string_view name() const override { return "digital-key"; }
    bool busy() const override { return busy_; }

    void draw(ScreenContext& context) override {
        Translator& i18n = context.i18n;
        if (!keyboard_) {
            keyboard_.emplace(context.keyboard);
        }
        takeAnswer(context);
        if (topBar(context, i18n.tr("Digital key"), true)) {
            if (step_ == Step::Code && !busy_) {
                step_ = Step::Credentials;
            } else if (!busy_) {
                context.navigator.pop();
            }
        }
        beginBody();
        if (step_ == Step::Credentials) {
            drawCredentials(context);
        } else {
            drawCode(context);
        }
        endBody();
    }

private:
    enum class Step { Credentials, Code };
    enum class Field { Username, Password };
    enum class Problem { None, MissingField, NotAccepted, Locked, Unreachable };

    void drawCredentials(ScreenContext& context) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        ImVec2 area = ImGui::GetContentRegionAvail();
        ImVec2 origin = ImGui::GetCursorScreenPos();
        float fieldWidth = (area.x - metrics.spacing) / 2;
        float toggleWidth = metrics.buttonHeight * 2;

        ImGui::BeginGroup();
        if (textField(context.ui, "digital-key.username", i18n.tr("Username"), key_.username,
                      field_ == Field::Username, fieldWidth)) {
            field_ = Field::Username;
        }
        ImGui::EndGroup();
        ImGui::SameLine(0, metrics.spacing);
        ImGui::BeginGroup();
        const std::string shownPassword = showPassword_ ? key_.password : dotsFor(key_.password);
        if (textField(context.ui, "digital-key.password", i18n.tr("Password"), shownPassword,
                      field_ == Field::Password, fieldWidth - toggleWidth - metrics.spacing)) {
            field_ = Field::Password;
        }
        ImGui::EndGroup();
        ImGui::SameLine(0, metrics.spacing);
        // Level with the boxes, below their labels.
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + context.ui.fonts.body->FontSize +
                             ImGui::GetStyle().ItemSpacing.y);
        if (button(context.ui, "digital-key.show-password",
                   showPassword_ ? i18n.tr("Hide") : i18n.tr("Show"),
                   ImVec2(toggleWidth, metrics.buttonHeight))) {
            showPassword_ = !showPassword_;
        }

        ImGui::SetCursorScreenPos(
            ImVec2(origin.x, ImGui::GetItemRectMax().y + metrics.spacing));
        drawStatus(context, area.x,
                   i18n.tr("Type your username and your password, then tap Next."));

        float keyboardHeight = area.y * 0.5F;
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + area.y - keyboardHeight));
        std::string& typed = field_ == Field::Username ? key_.username : key_.password;
        if (keyboard_->draw(context.ui, typed, ImVec2(area.x, keyboardHeight), i18n.tr("Next"))) {
            next();
        }
        if (typed.size() > kMaxTyped) {
            eraseLastCharacter(typed);
        }
    }

    // Next on the keyboard: from the username to the password, then on to the code.
    void next() {
        if (field_ == Field::Username && key_.password.empty()) {
            field_ = Field::Password;
            return;
        }
        if (key_.username.empty() || key_.password.empty()) {
            problem_ = Problem::MissingField;
            field_ = key_.username.empty() ? Field::Username : Field::Password;
            return;
        }
        problem_ = Problem::None;
        step_ = Step::Code;
    }

    void drawCode(ScreenContext& context) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        ImVec2 area = ImGui::GetContentRegionAvail();
        ImVec2 origin = ImGui::GetCursorPos();
        float padWidth = std::min(area.x * 0.42F, area.y * 1.15F);
        float textWidth = area.x - padWidth - 2 * metrics.spacing;

        centredText(i18n.tr("Security code"), context.ui.fonts.title, textWidth,
                    toImGui(palette::kText));
        ImGui::Dummy(ImVec2(textWidth, metrics.spacing));
        centredText(i18n.tr("Type the 6-digit security code that the authenticator app on your "
                            "phone shows for Balie."),
                    context.ui.fonts.body, textWidth, toImGui(palette::kText));
        ImGui::Dummy(ImVec2(textWidth, metrics.spacing));
        drawCodeDigits(context, textWidth);
        ImGui::Dummy(ImVec2(textWidth, metrics.spacing));
        drawStatus(context, textWidth, nullptr);

        ImGui::SetCursorPos(ImVec2(origin.x, origin.y + area.y - metrics.buttonHeight));
        if (button(context.ui, "digital-key.change", i18n.tr("Change username or password"),
                   ImVec2(textWidth, metrics.buttonHeight),
                   busy_ ? ButtonKind::Disabled : ButtonKind::Secondary)) {
            step_ = Step::Credentials;
        }

        ImGui::SetCursorPos(ImVec2(origin.x + area.x - padWidth, origin.y));
        std::optional<PadKey> key =
            numericPad(context.ui, ImVec2(padWidth, area.y), i18n.tr("Confirm"),
                       key_.code.size() == kCodeDigits && !busy_);
        if (key && !busy_) {
            handleKey(context, *key);
        }
    }

    // The digits typed, and a hollow circle for each still to type; a one-time code need not
    // be hidden.
    void drawCodeDigits(ScreenContext& context, float width) {
        std::string shown;
        for (std::size_t i = 0; i < kCodeDigits; ++i) {
            shown += i == 0 ? "" : " ";
            shown += i < key_.code.size() ? std::string(1, key_.code[i]) : "\u25CB";
        }
        centredText(shown.c_str(), context.ui.fonts.digits, width, toImGui(palette::kText));
    }

    void handleKey(ScreenContext& context, PadKey key) {
        switch (key.kind) {
            case PadKey::Kind::Digit:
                if (key_.code.size() < kCodeDigits) {
                    key_.code += key.digit;
                    problem_ = Problem::None;
                }
                break;
            case PadKey::Kind::Erase:
                if (!key_.code.empty()) {
                    key_.code.pop_back();
                }
                break;
            case PadKey::Kind::Confirm:
                check(context);
                break;
        }
    }

    // Asks the central service on a worker thread; the UI keeps drawing "checking".
    void check(ScreenContext& context) {
        if (context.sync == nullptr) {
            problem_ = Problem::Unreachable;
            return;
        }
        if (worker_.joinable()) {
            worker_.join();
        }
        busy_ = true;
        problem_ = Problem::None;
        worker_ = std::thread(
            [slot = slot_, sync = context.sync, &loop = context.loop, key = key_]() mutable {
                auto answer = sync->loginWithDigitalKey(key);
                wipe(key.password);
                wipe(key.code);
                {
                    std::lock_guard lock(slot->mutex);
                    slot->answer = std::move(answer);
                }
                loop.wake();
            });
        // A code is good once: whatever the answer, the next try needs the app's next one.
        wipe(key_.code);
    }

    void takeAnswer(ScreenContext& context) {
        std::optional<core::Result<core::AgentAccess>> answer;
        {
            std::lock_guard lock(slot_->mutex);
            if (!slot_->answer) {
                return;
            }
            answer = std::move(slot_->answer);
            slot_->answer.reset();
        }
        busy_ = false;
        if (answer->has_value()) {
            wipe(key_.password);
            beginSession(context, **answer, LoginMethod::DigitalKey);
            context.navigator.reset(makeOverviewScreen());
            return;
        }
        switch (answer->error().code) {
            case core::Errc::PermissionDenied:
                problem_ = Problem::NotAccepted;
                break;
            case core::Errc::InvalidState:
                problem_ = Problem::Locked;
                break;
            default:
                problem_ = Problem::Unreachable;
                break;
        }
    }

    // What is going on, or what went wrong in the error colour; \a advice when all is well.
    void drawStatus(ScreenContext& context, float width, const char* advice) {
        Translator& i18n = context.i18n;
        const char* text = advice;
        bool error = true;
        switch (problem_) {
            case Problem::None:
                error = false;
                if (busy_) {
                    text = i18n.tr("Checking your digital key...");
                }
                break;
            case Problem::MissingField:
                text = i18n.tr("Type your username and your password, then tap Next.");
                break;
            case Problem::NotAccepted:
                text = i18n.tr(
                    "The username, password or security code is not right. Check "
                    "them and try again.");
                break;
            case Problem::Locked:
                text = i18n.tr(
                    "Too many failed attempts. Wait a while and try again, or log in "
                    "with your eID card.");
                break;
            case Problem::Unreachable:
                text = i18n.tr(
                    "The digital key needs the central service, which cannot be "
                    "reached now. Log in with your eID card.");
                break;
        }
        if (text != nullptr) {
            centredText(text, context.ui.fonts.body, width,
                        toImGui(error ? palette::kError : palette::kText));
        }
    }

    core::DigitalKey key_;
    std::optional<OnScreenKeyboard> keyboard_;  ///< in the kiosk's layout, from the first frame
    Step step_ = Step::Credentials;
    Field field_ = Field::Username;
    Problem problem_ = Problem::None;
    bool showPassword_ = false;
    bool busy_ = false;
    std::shared_ptr<AnswerSlot> slot_ = std::make_shared<AnswerSlot>();
    std::thread worker_;
};

}  // namespace

std::unique_ptr<Screen> makeDigitalKeyScreen() {
    return std::make_unique<DigitalKeyScreen>();
}

}  // namespace balie::ui
