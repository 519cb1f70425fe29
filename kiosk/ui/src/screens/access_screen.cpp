// SPDX-License-Identifier: GPL-3.0-or-later
// After a right PIN: the card holder may not use the kiosk, or the central service could not
// be asked.
#include "screens.h"

namespace balie::ui {

namespace {

class AccessScreen final : public Screen {
public:
    explicit AccessScreen(AccessProblem problem) : problem_(problem) {}

    std::string_view name() const override {
        return problem_ == AccessProblem::Denied ? "access-denied" : "service-unreachable";
    }

    void draw(ScreenContext& context) override {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        bool denied = problem_ == AccessProblem::Denied;
        topBar(context, denied ? i18n.tr("Access denied") : i18n.tr("No connection"), false);
        beginBody();
        float width = ImGui::GetContentRegionAvail().x;
        ImGui::Dummy(ImVec2(width, metrics.spacing * 3));
        centredText(denied ? i18n.tr("You are not on the access list of your company.")
                           : i18n.tr("The central service cannot be reached."),
                    context.ui.fonts.title, width, toImGui(palette::kError));
        ImGui::Dummy(ImVec2(width, metrics.spacing));
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + width * 0.1F);
        centredText(denied ? i18n.tr("Your PIN was right, but only agents whom your company's "
                                     "main access manager has granted access may use this "
                                     "kiosk. Ask them for access.")
                           : i18n.tr("Your PIN was right, but the kiosk could not check your "
                                     "access with the central service. Check the network "
                                     "connection and try again, or ask a staff member for "
                                     "help."),
                    context.ui.fonts.body, width * 0.8F, toImGui(palette::kText));
        float buttonWidth = metrics.buttonHeight * 5;
        ImGui::SetCursorPos(
            ImVec2(ImGui::GetCursorPosX() + (width - buttonWidth) / 2,
                   ImGui::GetWindowHeight() - metrics.margin - metrics.buttonHeight));
        if (button(context.ui, "access.back", i18n.tr("Back to the start"),
                   ImVec2(buttonWidth, metrics.buttonHeight), ButtonKind::Primary)) {
            context.navigator.reset(makeStartScreen());
        }
        endBody();
    }

private:
    AccessProblem problem_;
};

}  // namespace

std::unique_ptr<Screen> makeAccessScreen(AccessProblem problem) {
    return std::make_unique<AccessScreen>(problem);
}

}  // namespace balie::ui
