// SPDX-License-Identifier: GPL-3.0-or-later
// The top bar and body frame every screen after the language choice uses.
#include <string>

#include "screens.h"

namespace balie::ui {

bool topBar(ScreenContext& context, const char* title, bool withBack) {
    const Metrics& metrics = context.ui.metrics;
    float height = metrics.buttonHeight + 2 * metrics.spacing;
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float width = context.size.x;
    ImGui::GetWindowDrawList()->AddRectFilled(
        origin, ImVec2(origin.x + width, origin.y + height),
        ImGui::ColorConvertFloat4ToU32(toImGui(palette::kTopBar)));

    bool back = false;
    float left = metrics.margin;
    float buttonWidth = metrics.buttonHeight * 2.6F;
    if (withBack) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + left, origin.y + metrics.spacing));
        std::string label = std::string("\u2190 ") + context.i18n.tr("Back");
        back = button(context.ui, "nav.back", label.c_str(),
                      ImVec2(buttonWidth, metrics.buttonHeight));
        left += buttonWidth + metrics.spacing;
    }

    // Language codes are the same in every language: they are not translated.
    float languageWidth = metrics.buttonHeight * 1.2F;
    float languagesLeft =
        width - metrics.margin -
        static_cast<float>(kLanguages.size()) * (languageWidth + metrics.spacing) + metrics.spacing;
    for (std::size_t i = 0; i < kLanguages.size(); ++i) {
        core::Language language = kLanguages[i];
        std::string code(core::languageCode(language));
        std::string label = code;
        for (char& c : label) {
            c = static_cast<char>(c - 'a' + 'A');
        }
        ImGui::SetCursorScreenPos(ImVec2(
            origin.x + languagesLeft + static_cast<float>(i) * (languageWidth + metrics.spacing),
            origin.y + metrics.spacing));
        bool current = context.i18n.language() == language;
        if (button(context.ui, "lang." + code, label.c_str(),
                   ImVec2(languageWidth, metrics.buttonHeight),
                   current ? ButtonKind::Selected : ButtonKind::Secondary)) {
            context.i18n.setLanguage(language);
        }
    }

    float titleWidth = languagesLeft - left - metrics.spacing;
    ImGui::PushFont(context.ui.fonts.title);
    float titleHeight = ImGui::CalcTextSize(title, nullptr, false, titleWidth).y;
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(
        ImVec2(origin.x + left, origin.y + std::max(0.0F, (height - titleHeight) / 2)));
    centredText(title, context.ui.fonts.title, titleWidth, toImGui(palette::kOnPrimary));

    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
    return back;
}

void beginBody() {
    ImGui::BeginChild("body", ImGui::GetContentRegionAvail(), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar |
                          ImGuiWindowFlags_NoScrollWithMouse);
}

void endBody() {
    ImGui::EndChild();
}

}  // namespace balie::ui
