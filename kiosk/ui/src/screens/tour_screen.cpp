// SPDX-License-Identifier: GPL-3.0-or-later
// The onboarding tour: a few pages whose info zones open on a tap.
#include <array>
#include <string>

#include "screens.h"

namespace balie::ui {

namespace {

struct InfoZone {
    const char* title;
    const char* explanation;
};

struct TourPage {
    const char* title;
    const char* text;
    std::array<InfoZone, 4> zones;  ///< unused ones have a null title
};

const std::array<TourPage, 3> kPages = {{
    {N_("Your overview"),
     N_("After login you arrive at the overview. From here you file new requests and follow "
        "the earlier ones."),
     {{{N_("Request a Belgian identification number"),
        N_("Starts the four steps: the document, the personal data, the address, then e-mail "
           "and send. The answer comes at once, or later by e-mail.")},
       {N_("New notifications"),
        N_("At the top, with their number: requests that expect an action from you, such as a "
           "new upload, and final answers. Answers move down to the list at your next login.")},
       {N_("Load older"),
        N_("The list shows the most recent requests. Load older ones at the bottom of the "
           "list; drag the list with your finger to scroll.")},
       {nullptr, nullptr}}}},
    {N_("Following your requests"),
     N_("Every request in the list carries a symbol. Tap a request to see its ticket number "
        "and summary, or to delete it while it is not final."),
     {{{N_("Green check"), N_("Identified: the line shows the Belgian identification number.")},
       {N_("Grey cross"), N_("Not identified: the request could not lead to a number.")},
       {N_("Clock"),
        N_("In progress at the central service: no final answer yet, for example while an "
           "operator looks at it.")},
       {N_("Arrow up"),
        N_("Stored on this kiosk and waiting for the network: it is sent as soon as the "
           "central service can be reached.")}}}},
    {N_("Menu and help"),
     N_("The three dots at the top right open the menu."),
     {{{N_("My profile"),
        N_("Change the language of the kiosk and switch the welcome message on or off.")},
       {N_("Go to"), N_("Jump to the overview or to a new request.")},
       {N_("Help centre"),
        N_("Take this tour again, read the manual, and find where each document shows its "
           "number.")},
       {nullptr, nullptr}}}},
}};

class TourScreen final : public Screen {
public:
    std::string_view name() const override { return "tour"; }

    void draw(ScreenContext& context) override {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        const TourPage& page = kPages[page_];
        std::string title = substitute(
            i18n.tr("Tour {page} of {pages}"),
            {{"page", std::to_string(page_ + 1)}, {"pages", std::to_string(kPages.size())}});
        sessionTopBar(context, title.c_str(), false, false);
        beginBody();
        float width = ImGui::GetContentRegionAvail().x;
        // The pages scroll above a fixed row of buttons.
        float pageHeight =
            ImGui::GetContentRegionAvail().y - metrics.buttonHeight - 2 * metrics.spacing;
        ImGui::BeginChild("tour.page", ImVec2(width, pageHeight), false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        bool dragging = dragToScroll();
        ImGui::PushFont(context.ui.fonts.title);
        ImGui::TextUnformatted(i18n.tr(page.title));
        ImGui::PopFont();
        ImGui::PushTextWrapPos(width);
        ImGui::TextUnformatted(i18n.tr(page.text));
        ImGui::PopTextWrapPos();
        ImGui::Dummy(ImVec2(width, metrics.spacing));

        for (std::size_t i = 0; i < page.zones.size(); ++i) {
            const InfoZone& zone = page.zones[i];
            if (zone.title == nullptr) {
                continue;
            }
            bool isOpen = open_[i];
            std::string label = std::string(isOpen ? "\u2212  " : "+  ") + i18n.tr(zone.title);
            ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0F, 0.5F));
            if (button(context.ui, "tour.info." + std::to_string(i), label.c_str(),
                       ImVec2(width, metrics.buttonHeight),
                       isOpen ? ButtonKind::Selected : ButtonKind::Secondary) &&
                !dragging) {
                open_[i] = !open_[i];
            }
            ImGui::PopStyleVar();
            if (open_[i]) {
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + metrics.spacing);
                ImGui::PushTextWrapPos(width - metrics.spacing);
                ImGui::TextUnformatted(i18n.tr(zone.explanation));
                ImGui::PopTextWrapPos();
            }
            ImGui::Dummy(ImVec2(width, metrics.spacing * 0.5F));
        }
        ImGui::EndChild();

        bool last = page_ + 1 == kPages.size();
        float bottom = ImGui::GetWindowHeight() - metrics.margin - metrics.buttonHeight;
        float buttonWidth = metrics.buttonHeight * 4;
        float left = ImGui::GetCursorPosX();
        if (last) {
            ImGui::SetCursorPos(ImVec2(left, bottom));
            checkBox(context.ui, "tour.dont-show", i18n.tr("Don't show again"), dontShow_,
                     width - 2 * buttonWidth - 2 * metrics.spacing);
        } else {
            ImGui::SetCursorPos(ImVec2(left + width - buttonWidth, bottom));
            if (button(context.ui, "tour.next", i18n.tr("Next"),
                       ImVec2(buttonWidth, metrics.buttonHeight), ButtonKind::Primary)) {
                ++page_;
                open_ = {};
                if (page_ + 1 == kPages.size()) {
                    markSeen(context);
                }
            }
        }
        ImGui::SetCursorPos(ImVec2(
            left + width - (last ? 1 : 2) * buttonWidth - (last ? 0 : metrics.spacing), bottom));
        if (button(context.ui, "tour.close", i18n.tr("I understand"),
                   ImVec2(buttonWidth, metrics.buttonHeight),
                   last ? ButtonKind::Primary : ButtonKind::Secondary)) {
            finish(context);
        }
        endBody();
    }

private:
    void markSeen(ScreenContext& context) {
        if (context.preferences == nullptr || !context.session) {
            return;
        }
        AgentChoices choices = context.preferences->get(context.session->requester.agentId);
        choices.tourSeen = true;
        static_cast<void>(
            context.preferences->set(context.session->requester.agentId, std::move(choices)));
    }

    void finish(ScreenContext& context) {
        if (dontShow_ && context.preferences != nullptr && context.session) {
            AgentChoices choices = context.preferences->get(context.session->requester.agentId);
            choices.tourDone = true;
            static_cast<void>(
                context.preferences->set(context.session->requester.agentId, std::move(choices)));
        }
        context.navigator.pop();
    }

    std::size_t page_ = 0;
    std::array<bool, 4> open_{};
    bool dontShow_ = false;
};

}  // namespace

std::unique_ptr<Screen> makeTourScreen() {
    return std::make_unique<TourScreen>();
}

}  // namespace balie::ui
