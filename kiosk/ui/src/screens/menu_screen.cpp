// SPDX-License-Identifier: GPL-3.0-or-later
// The menu behind the top bar's "...": profile, functions, help centre, log out.
#include <string>

#include "balie/ui/wizard_screens.h"
#include "screens.h"

namespace balie::ui {

namespace {

class MenuScreen final : public Screen {
public:
    std::string_view name() const override { return "menu"; }

    void draw(ScreenContext& context) override {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        if (!context.session) {
            context.navigator.reset(makeStartScreen());
            return;
        }
        if (sessionTopBar(context, i18n.tr("Menu"), true, false)) {
            context.navigator.pop();
        }
        beginBody();
        float width = ImGui::GetContentRegionAvail().x;
        float column = (width - 2 * metrics.spacing) / 3;
        float top = ImGui::GetCursorPosY();
        float left = ImGui::GetCursorPosX();

        ImGui::SetCursorPos(ImVec2(left, top));
        ImGui::BeginGroup();
        drawProfile(context, column);
        ImGui::EndGroup();

        ImGui::SetCursorPos(ImVec2(left + column + metrics.spacing, top));
        ImGui::BeginGroup();
        heading(context, i18n.tr("Go to"));
        if (button(context.ui, "menu.overview", i18n.tr("Overview"),
                   ImVec2(column, metrics.buttonHeight))) {
            context.navigator.reset(makeOverviewScreen());
        }
        ImGui::Dummy(ImVec2(column, metrics.spacing * 0.5F));
        if (button(context.ui, "menu.new", i18n.tr("New request"),
                   ImVec2(column, metrics.buttonHeight))) {
            context.navigator.push(makeWizardScreen(WizardStart{}));
        }
        ImGui::EndGroup();

        ImGui::SetCursorPos(ImVec2(left + 2 * (column + metrics.spacing), top));
        ImGui::BeginGroup();
        drawHelpCentre(context, column);
        ImGui::EndGroup();

        float buttonWidth = metrics.buttonHeight * 4;
        ImGui::SetCursorPos(
            ImVec2(left + width - buttonWidth,
                   ImGui::GetWindowHeight() - metrics.margin - metrics.buttonHeight));
        if (button(context.ui, "menu.logout", i18n.tr("Log out"),
                   ImVec2(buttonWidth, metrics.buttonHeight), ButtonKind::Primary)) {
            context.session.reset();
            context.navigator.reset(makeStartScreen());
        }
        endBody();
    }

private:
    static void heading(ScreenContext& context, const char* text) {
        ImGui::PushFont(context.ui.fonts.title);
        ImGui::TextUnformatted(text);
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(1, context.ui.metrics.spacing * 0.5F));
    }

    void drawProfile(ScreenContext& context, float width) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        heading(context, i18n.tr("My profile"));
        ImGui::TextUnformatted(i18n.tr("Language"));
        float languageWidth = (width - 3 * metrics.spacing) / 4;
        float left = ImGui::GetCursorPosX();
        float top = ImGui::GetCursorPosY();
        for (std::size_t i = 0; i < kLanguages.size(); ++i) {
            core::Language language = kLanguages[i];
            std::string code(core::languageCode(language));
            std::string label = code;
            for (char& c : label) {
                c = static_cast<char>(c - 'a' + 'A');
            }
            ImGui::SetCursorPos(
                ImVec2(left + static_cast<float>(i) * (languageWidth + metrics.spacing), top));
            if (button(
                    context.ui, "menu.lang." + code, label.c_str(),
                    ImVec2(languageWidth, metrics.buttonHeight),
                    i18n.language() == language ? ButtonKind::Selected : ButtonKind::Secondary)) {
                i18n.setLanguage(language);
            }
        }
        ImGui::Dummy(ImVec2(width, metrics.spacing));
        ImGui::TextUnformatted(i18n.tr("Welcome message"));
        if (context.preferences != nullptr) {
            const std::string& agentId = context.session->requester.agentId;
            AgentChoices choices = context.preferences->get(agentId);
            if (checkBox(context.ui, "menu.welcome", i18n.tr("Show the welcome message"),
                         choices.welcomeMessage, width)) {
                static_cast<void>(context.preferences->set(agentId, std::move(choices)));
            }
        }
    }

    void drawHelpCentre(ScreenContext& context, float width) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        heading(context, i18n.tr("Help centre"));
        bool unseen = context.preferences != nullptr &&
                      !context.preferences->get(context.session->requester.agentId).tourSeen;
        ImVec2 corner = ImGui::GetCursorScreenPos();
        if (button(context.ui, "menu.tour", i18n.tr("Take the tour"),
                   ImVec2(width, metrics.buttonHeight))) {
            context.navigator.push(makeTourScreen());
        }
        if (unseen) {
            // The badge: one tour still to take.
            float radius = metrics.buttonHeight * 0.25F;
            ImVec2 centre(corner.x + width - radius * 1.5F, corner.y + metrics.buttonHeight / 2);
            ImDrawList* draw = ImGui::GetWindowDrawList();
            draw->AddCircleFilled(centre, radius,
                                  ImGui::ColorConvertFloat4ToU32(toImGui(palette::kError)));
            ImVec2 size = ImGui::CalcTextSize("1");
            draw->AddText(ImVec2(centre.x - size.x / 2, centre.y - size.y / 2),
                          IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), "1");
        }
        ImGui::Dummy(ImVec2(width, metrics.spacing * 0.5F));
        if (button(context.ui, "menu.help", i18n.tr("Manual and help topics"),
                   ImVec2(width, metrics.buttonHeight))) {
            context.navigator.push(makeHelpScreen());
        }
    }
};

}  // namespace

std::unique_ptr<Screen> makeMenuScreen() {
    return std::make_unique<MenuScreen>();
}

}  // namespace balie::ui
