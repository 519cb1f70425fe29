// SPDX-License-Identifier: GPL-3.0-or-later
// What the screens after login share: their top bar, drag-to-scroll, check boxes, request
// symbols and state names.
#include <cmath>
#include <string>

#include "screens.h"

namespace balie::ui {

bool sessionTopBar(ScreenContext& context, const char* title, bool withBack, bool withMenu) {
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
    float right = width - metrics.margin;
    if (withMenu) {
        float menuWidth = metrics.buttonHeight * 1.6F;
        right -= menuWidth;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + right, origin.y + metrics.spacing));
        if (button(context.ui, "nav.menu", "...", ImVec2(menuWidth, metrics.buttonHeight),
                   ButtonKind::Secondary, context.ui.fonts.title)) {
            context.navigator.push(makeMenuScreen());
        }
        right -= metrics.spacing;
    }
    bool welcome = context.session && context.preferences != nullptr &&
                   context.preferences->get(context.session->requester.agentId).welcomeMessage;
    if (welcome) {
        std::string text = substitute(context.i18n.tr("Welcome, {name}"),
                                      {{"name", context.session->requester.displayName}});
        // A long name wraps onto a second line rather than run under the menu button.
        float textWidth = std::min(ImGui::CalcTextSize(text.c_str()).x, width * 0.3F);
        float textHeight = centredTextHeight(text.c_str(), context.ui.fonts.body, textWidth);
        right -= textWidth;
        ImGui::SetCursorScreenPos(
            ImVec2(origin.x + right, origin.y + std::max(0.0F, (height - textHeight) / 2)));
        ImGui::PushClipRect(ImVec2(origin.x + right, origin.y),
                            ImVec2(origin.x + right + textWidth, origin.y + height), true);
        centredText(text.c_str(), context.ui.fonts.body, textWidth, toImGui(palette::kOnPrimary));
        ImGui::PopClipRect();
        right -= metrics.spacing;
    }

    float titleWidth = right - left;
    ImGui::PushFont(context.ui.fonts.title);
    float titleHeight = ImGui::CalcTextSize(title, nullptr, false, titleWidth).y;
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(
        ImVec2(origin.x + left, origin.y + std::max(0.0F, (height - titleHeight) / 2)));
    centredText(title, context.ui.fonts.title, titleWidth, toImGui(palette::kOnPrimary));

    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
    return back;
}

bool dragToScroll() {
    ImGuiIO& io = ImGui::GetIO();
    // Past this distance a finger on the list is a drag, not a tap.
    constexpr float kDragThreshold = 12.0F;
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                                ImGuiHoveredFlags_ChildWindows) ||
        !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        return false;
    }
    if (std::fabs(ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0F).y) < kDragThreshold) {
        return false;
    }
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    return true;
}

bool checkBox(Ui& ui, std::string_view target, const char* label, bool& value, float width) {
    const Metrics& metrics = ui.metrics;
    std::string text = std::string(value ? "\u2612  " : "\u2610  ") + label;
    bool tapped = button(ui, target, text.c_str(), ImVec2(width, metrics.buttonHeight),
                         value ? ButtonKind::Selected : ButtonKind::Secondary);
    if (tapped) {
        value = !value;
    }
    return tapped;
}

void statusSymbol(const Metrics& metrics, core::OverviewSymbol symbol, float size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 corner = ImGui::GetCursorScreenPos();
    float radius = size / 2;
    ImVec2 centre(corner.x + radius, corner.y + radius);
    float stroke = std::max(2.0F, metrics.border * 3);
    ImU32 white = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    auto at = [&](float x, float y) {
        return ImVec2(centre.x + x * radius, centre.y + y * radius);
    };
    switch (symbol) {
        case core::OverviewSymbol::Identified:
            // A check mark in a green disc (dark enough for white at 7:1).
            draw->AddCircleFilled(centre, radius, IM_COL32(0x00, 0x5C, 0x1E, 0xFF));
            draw->AddLine(at(-0.5F, 0.0F), at(-0.15F, 0.4F), white, stroke * 1.5F);
            draw->AddLine(at(-0.15F, 0.4F), at(0.5F, -0.4F), white, stroke * 1.5F);
            break;
        case core::OverviewSymbol::Failed:
            draw->AddCircleFilled(centre, radius, IM_COL32(0x59, 0x59, 0x59, 0xFF));
            draw->AddLine(at(-0.4F, -0.4F), at(0.4F, 0.4F), white, stroke * 1.5F);
            draw->AddLine(at(-0.4F, 0.4F), at(0.4F, -0.4F), white, stroke * 1.5F);
            break;
        case core::OverviewSymbol::InProgress: {
            // A clock face.
            ImU32 ink = ImGui::ColorConvertFloat4ToU32(toImGui(palette::kPrimary));
            draw->AddCircleFilled(centre, radius, ink);
            draw->AddCircleFilled(centre, radius * 0.8F, white);
            draw->AddLine(centre, at(0.0F, -0.6F), ink, stroke * 1.2F);
            draw->AddLine(centre, at(0.4F, 0.0F), ink, stroke * 1.2F);
            break;
        }
        case core::OverviewSymbol::QueuedNotSent: {
            // An outbox tray with an arrow up: waiting on this kiosk to be sent.
            ImU32 ink = IM_COL32(0x80, 0x40, 0x00, 0xFF);
            draw->AddCircleFilled(centre, radius, ink);
            draw->AddLine(at(0.0F, 0.45F), at(0.0F, -0.45F), white, stroke * 1.3F);
            draw->AddLine(at(-0.35F, -0.1F), at(0.0F, -0.45F), white, stroke * 1.3F);
            draw->AddLine(at(0.35F, -0.1F), at(0.0F, -0.45F), white, stroke * 1.3F);
            draw->AddLine(at(-0.5F, 0.5F), at(0.5F, 0.5F), white, stroke * 1.3F);
            break;
        }
    }
    ImGui::Dummy(ImVec2(size, size));
}

const char* statusText(const Translator& i18n, core::RequestStatus status) {
    switch (status) {
        case core::RequestStatus::Draft:
            return i18n.tr("Draft");
        case core::RequestStatus::Queued:
            return i18n.tr("Waiting to be sent");
        case core::RequestStatus::Sent:
            return i18n.tr("Sent, waiting for the answer");
        case core::RequestStatus::Identified:
            return i18n.tr("Identified");
        case core::RequestStatus::PendingOperator:
            return i18n.tr("An operator is looking at it");
        case core::RequestStatus::ActionExpected:
            return i18n.tr("Action expected");
        case core::RequestStatus::Failed:
            return i18n.tr("Not identified");
        case core::RequestStatus::Deleted:
            return i18n.tr("Deleted");
    }
    return "";
}

std::string actionRequested(const Translator& i18n, const core::Request& request) {
    std::string text = [&] {
        switch (request.actionReason.value_or(core::ActionReason::Other)) {
            case core::ActionReason::BadQuality:
                return i18n.tr("Upload the document again: the images were not readable enough.");
            case core::ActionReason::ExpiredDocument:
                return i18n.tr("Upload another document: this one was no longer valid.");
            case core::ActionReason::Other:
                break;
        }
        return i18n.tr("Upload the document again; the detail says why.");
    }();
    if (!request.actionDetail.empty()) {
        text += "\n" + substitute(i18n.tr("The operator writes: \"{words}\""),
                                  {{"words", request.actionDetail}});
    }
    return text;
}

std::string formatInsz(const std::string& digits) {
    if (digits.size() != 11 || digits.find_first_not_of("0123456789") != std::string::npos) {
        return digits;
    }
    return digits.substr(0, 2) + "." + digits.substr(2, 2) + "." + digits.substr(4, 2) + "-" +
           digits.substr(6, 3) + "." + digits.substr(9, 2);
}

const char* documentTypeText(const Translator& i18n, core::DocumentType type) {
    switch (type) {
        case core::DocumentType::Passport:
            return i18n.tr("Passport");
        case core::DocumentType::IdentityCard:
            return i18n.tr("Identity card");
        case core::DocumentType::DrivingLicence:
            return i18n.tr("Driving licence");
        case core::DocumentType::ResidencePermit:
            return i18n.tr("Residence permit");
    }
    return "";
}

}  // namespace balie::ui
