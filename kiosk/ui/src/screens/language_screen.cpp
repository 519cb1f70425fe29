// SPDX-License-Identifier: GPL-3.0-or-later
// The home screen: the visitor picks one of the four languages.
#include <array>
#include <string_view>

#include "screens.h"

namespace balie::ui {

namespace {

// Each language is offered in its own name, so these are deliberately not translated.
constexpr std::array<std::string_view, 4> kEndonyms = {"Nederlands", "Français", "Deutsch",
                                                       "English"};

class LanguageScreen final : public Screen {
public:
    std::string_view name() const override { return "language"; }

    void draw(ScreenContext& context) override {
        const Metrics& metrics = context.ui.metrics;
        beginBody();
        float width = ImGui::GetContentRegionAvail().x;
        float buttonHeight = metrics.buttonHeight * 1.5F;
        float titleBlock = 0;
        // The question in all four languages, since nobody has chosen one yet.
        for (core::Language language : kLanguages) {
            titleBlock += context.ui.fonts.title
                              ->CalcTextSizeA(metrics.titleFont, FLT_MAX, width,
                                              context.i18n.tr(language, "Choose your language"))
                              .y;
        }
        float gridHeight = 2 * buttonHeight + metrics.spacing;
        float total = titleBlock + 2 * metrics.spacing + gridHeight;
        ImGui::SetCursorPosY(
            std::max(ImGui::GetCursorPosY(), (ImGui::GetWindowHeight() - total) / 2));
        for (core::Language language : kLanguages) {
            centredText(context.i18n.tr(language, "Choose your language"), context.ui.fonts.title,
                        width, toImGui(palette::kText));
        }
        ImGui::Dummy(ImVec2(width, metrics.spacing));

        float buttonWidth = std::min((width - metrics.spacing) / 2, metrics.buttonHeight * 6);
        float left = ImGui::GetCursorPosX() + (width - 2 * buttonWidth - metrics.spacing) / 2;
        float top = ImGui::GetCursorPosY();
        for (std::size_t i = 0; i < kLanguages.size(); ++i) {
            core::Language language = kLanguages[i];
            ImGui::SetCursorPos(
                ImVec2(left + static_cast<float>(i % 2) * (buttonWidth + metrics.spacing),
                       top + static_cast<float>(i / 2) * (buttonHeight + metrics.spacing)));
            std::string target = "language." + std::string(core::languageCode(language));
            bool current = context.i18n.language() == language;
            if (button(context.ui, target, std::string(kEndonyms[i]).c_str(),
                       ImVec2(buttonWidth, buttonHeight),
                       current ? ButtonKind::Selected : ButtonKind::Secondary,
                       context.ui.fonts.title)) {
                context.i18n.setLanguage(language);
                context.navigator.push(makeStartScreen());
            }
        }
        endBody();
    }
};

}  // namespace

std::unique_ptr<Screen> makeLanguageScreen() {
    return std::make_unique<LanguageScreen>();
}

}  // namespace balie::ui
