// SPDX-License-Identifier: GPL-3.0-or-later
// The start screen: the agent inserts an eID card and goes on to the PIN.
#include <algorithm>
#include <chrono>

#include "screens.h"

namespace balie::ui {

namespace {

/// \brief The demo card's PIN (balie-card-sim), shown only with --demo.
constexpr std::string_view kDemoPin = "1234";

// The demo agent's digital key with the security code of this moment.
std::string demoKeyLine(Translator& i18n, const DemoDigitalKey& key) {
    return substitute(i18n.tr("Demo digital key: username {username}, password {password}, "
                              "security code now {code}."),
                      {{"username", key.username},
                       {"password", key.password},
                       {"code", key.codeAt(std::chrono::system_clock::now())}});
}

class StartScreen final : public Screen {
public:
    std::string_view name() const override { return "start"; }

    void draw(ScreenContext& context) override {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        if (topBar(context, i18n.tr("Log in"), true)) {
            // After a logout or a removed card the start screen is alone on the stack.
            if (context.navigator.depth() == 1) {
                context.navigator.reset(makeLanguageScreen());
            } else {
                context.navigator.pop();
            }
        }
        beginBody();
        float width = ImGui::GetContentRegionAvail().x;
        if (context.demo) {
            std::string demo = substitute(i18n.tr("Demo mode: the PIN of the demo card is {pin}."),
                                          {{"pin", kDemoPin}});
            if (context.demoKey != nullptr) {
                demo += "\n" + demoKeyLine(i18n, *context.demoKey);
            }
            // One banner as high as its lines need, and less space below it, so that the card's
            // status stays above the buttons in a small window too.
            const float textHeight =
                centredTextHeight(demo.c_str(), context.ui.fonts.body, width - 2 * metrics.spacing);
            banner(context.ui, demo.c_str(), palette::kNotice, palette::kText,
                   std::max(metrics.buttonHeight, textHeight + metrics.spacing));
        }
        ImGui::Dummy(ImVec2(width, metrics.spacing * 2));
        centredText(i18n.tr("Insert your eID card"), context.ui.fonts.title, width,
                    toImGui(palette::kText));
        ImGui::Dummy(ImVec2(width, metrics.spacing));
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + width * 0.1F);
        centredText(i18n.tr("Put your Belgian eID card in the card reader, chip first and "
                            "facing up."),
                    context.ui.fonts.body, width * 0.8F, toImGui(palette::kText));
        ImGui::Dummy(ImVec2(width, metrics.spacing * 2));

        switch (context.card.state()) {
            case CardState::ReaderUnavailable:
                banner(context.ui,
                       i18n.tr("The card reader is not available. Please ask a staff member for "
                               "help."),
                       palette::kNotice, palette::kError, metrics.buttonHeight);
                break;
            case CardState::NoCard:
                centredText(i18n.tr("Waiting for a card..."), context.ui.fonts.body, width,
                            toImGui(palette::kText));
                break;
            case CardState::CardInserted:
                centredText(i18n.tr("Card found."), context.ui.fonts.body, width,
                            toImGui(palette::kText));
                break;
        }

        // The card first; the digital key beside it for agents without their card at hand.
        float buttonWidth = metrics.buttonHeight * 5;
        float left = ImGui::GetCursorPosX() + (width - 2 * buttonWidth - metrics.spacing) / 2;
        float top = ImGui::GetWindowHeight() - metrics.margin - metrics.buttonHeight;
        ImGui::SetCursorPos(ImVec2(left, top));
        if (button(context.ui, "start.pin", i18n.tr("Enter PIN"),
                   ImVec2(buttonWidth, metrics.buttonHeight), ButtonKind::Primary)) {
            context.navigator.push(makePinScreen());
        }
        ImGui::SetCursorPos(ImVec2(left + buttonWidth + metrics.spacing, top));
        if (button(context.ui, "start.digital-key", i18n.tr("Log in with a digital key"),
                   ImVec2(buttonWidth, metrics.buttonHeight))) {
            context.navigator.push(makeDigitalKeyScreen());
        }
        endBody();
    }
};

}  // namespace

std::unique_ptr<Screen> makeStartScreen() {
    return std::make_unique<StartScreen>();
}

}  // namespace balie::ui
