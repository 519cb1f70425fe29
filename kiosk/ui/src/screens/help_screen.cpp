// SPDX-License-Identifier: GPL-3.0-or-later
// The help centre: the manual, and help topics such as where each document shows its number.
#include <array>
#include <string>

#include "screens.h"

namespace balie::ui {

namespace {

struct Topic {
    const char* title;
    const char* text;
};

const std::array<Topic, 5> kTopics = {{
    {N_("Passport: where is the document number?"),
     N_("On the page with the photo, at the top right, labelled \"Passport No.\". It is also the "
        "first nine characters of the second line of the machine readable zone at the bottom of "
        "that page.")},
    {N_("Identity card: where is the document number?"),
     N_("On the front, near the photo, labelled \"Card No.\" or \"Document No.\". On the back, the "
        "first line of the machine readable zone holds it after the country code. If the card "
        "also carries a national number, that number must be used.")},
    {N_("Driving licence: where is the document number?"),
     N_("On the front of the European card model, field 5 is the licence number. Older paper "
        "licences print it on the page with the photo.")},
    {N_("Residence permit: where is the document number?"),
     N_("On the front, at the top right, labelled \"Document No.\"; also in the first line of "
        "the machine readable zone on the back.")},
    {N_("What makes a good picture of a document?"),
     N_("Lay the document flat under the camera, the whole document in the frame, without glare "
        "or shadow, and hold still until it is captured. Add each page, up to four.")},
}};

const std::array<Topic, 4> kManual = {{
    {N_("Logging in"),
     N_("Insert your eID card, enter your PIN and confirm. Only agents whom your company's main "
        "access manager granted access may log in. Taking out your card locks the kiosk at once.")},
    {N_("Filing a request"),
     N_("Tap \"Request a Belgian identification number\" on the overview and follow the four "
        "steps: the document, the personal data as on the document, the address, then the e-mail "
        "address and \"send\". \"Back to overview\" abandons the draft.")},
    {N_("The answer"),
     N_("Usually at once: a ticket number and the identification number. Sometimes only a "
        "ticket number: an operator looks at the request and the answer follows by e-mail. "
        "Without network the request waits on the kiosk and is sent later.")},
    {N_("Following up"),
     N_("The overview lists your notifications and your requests. Tap one to see its detail, "
        "or to delete it while it is not final: deleting stops all processing.")},
}};

class HelpScreen final : public Screen {
public:
    std::string_view name() const override { return "help"; }

    void draw(ScreenContext& context) override {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        if (sessionTopBar(context, i18n.tr("Help centre"), true, false)) {
            context.navigator.pop();
        }
        beginBody();
        float width = ImGui::GetContentRegionAvail().x;
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextUnformatted(
            i18n.tr("Read the manual, or tap a help topic to open it. Drag to scroll."));
        ImGui::PopTextWrapPos();
        ImGui::Dummy(ImVec2(width, metrics.spacing * 0.5F));
        float tabWidth = metrics.buttonHeight * 4;
        float left = ImGui::GetCursorPosX();
        float top = ImGui::GetCursorPosY();
        if (button(context.ui, "help.manual", i18n.tr("Manual"),
                   ImVec2(tabWidth, metrics.buttonHeight),
                   manual_ ? ButtonKind::Selected : ButtonKind::Secondary)) {
            manual_ = true;
        }
        ImGui::SetCursorPos(ImVec2(left + tabWidth + metrics.spacing, top));
        if (button(context.ui, "help.topics", i18n.tr("Help topics"),
                   ImVec2(tabWidth, metrics.buttonHeight),
                   manual_ ? ButtonKind::Secondary : ButtonKind::Selected)) {
            manual_ = false;
        }
        ImGui::Dummy(ImVec2(width, metrics.spacing));
        ImGui::BeginChild("help.text", ImGui::GetContentRegionAvail(), false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        bool dragging = dragToScroll();
        float inner = ImGui::GetContentRegionAvail().x;
        if (manual_) {
            for (const Topic& section : kManual) {
                ImGui::PushFont(context.ui.fonts.title);
                ImGui::TextUnformatted(i18n.tr(section.title));
                ImGui::PopFont();
                ImGui::PushTextWrapPos(inner);
                ImGui::TextUnformatted(i18n.tr(section.text));
                ImGui::PopTextWrapPos();
                ImGui::Dummy(ImVec2(inner, metrics.spacing));
            }
        } else {
            for (std::size_t i = 0; i < kTopics.size(); ++i) {
                bool isOpen = open_ == i;
                std::string label =
                    std::string(isOpen ? "\u2212  " : "+  ") + i18n.tr(kTopics[i].title);
                ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0F, 0.5F));
                if (button(context.ui, "help.topic." + std::to_string(i), label.c_str(),
                           ImVec2(inner, metrics.buttonHeight),
                           isOpen ? ButtonKind::Selected : ButtonKind::Secondary) &&
                    !dragging) {
                    open_ = isOpen ? kNone : i;
                }
                ImGui::PopStyleVar();
                if (open_ == i) {
                    ImGui::PushTextWrapPos(inner);
                    ImGui::TextUnformatted(i18n.tr(kTopics[i].text));
                    ImGui::PopTextWrapPos();
                }
                ImGui::Dummy(ImVec2(inner, metrics.spacing * 0.5F));
            }
        }
        ImGui::EndChild();
        endBody();
    }

private:
    static constexpr std::size_t kNone = kTopics.size();
    bool manual_ = true;
    std::size_t open_ = kNone;
};

}  // namespace

std::unique_ptr<Screen> makeHelpScreen() {
    return std::make_unique<HelpScreen>();
}

}  // namespace balie::ui
