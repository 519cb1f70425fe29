// SPDX-License-Identifier: GPL-3.0-or-later
// Buttons, centred text and banners in the kiosk's colours.
#include "balie/ui/widgets.h"

#include <algorithm>

namespace balie::ui {

namespace {

struct ButtonColours {
    Rgb face;
    Rgb pressed;
    Rgb text;
    Rgb border;
};

ButtonColours coloursOf(ButtonKind kind) {
    switch (kind) {
        case ButtonKind::Primary:
        case ButtonKind::Selected:
            return {palette::kPrimary, palette::kPrimaryPressed, palette::kOnPrimary,
                    palette::kPrimary};
        case ButtonKind::Secondary:
            return {palette::kSecondary, palette::kSecondaryPressed, palette::kText,
                    palette::kText};
        case ButtonKind::Disabled:
            return {palette::kDisabled, palette::kDisabled, palette::kOnDisabled,
                    palette::kOnDisabled};
    }
    return {palette::kSecondary, palette::kSecondaryPressed, palette::kText, palette::kText};
}

}  // namespace

bool button(Ui& ui, std::string_view name, const char* label, ImVec2 size, ButtonKind kind,
            ImFont* font) {
    ImVec2 min = ImGui::GetCursorScreenPos();
    ui.targets.add(name, min, ImVec2(min.x + size.x, min.y + size.y));
    ButtonColours colours = coloursOf(kind);
    ImGui::PushStyleColor(ImGuiCol_Button, toImGui(colours.face));
    // Hover does not exist on a touchscreen; a held button shows that it is held.
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, toImGui(colours.face));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, toImGui(colours.pressed));
    ImGui::PushStyleColor(ImGuiCol_Text, toImGui(colours.text));
    ImGui::PushStyleColor(ImGuiCol_Border, toImGui(colours.border));
    if (kind == ButtonKind::Selected) {
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, ui.metrics.border * 3);
        ImGui::PushStyleColor(ImGuiCol_Border, toImGui(palette::kText));
    }
    ImGui::PushFont(font != nullptr ? font : ui.fonts.body);
    ImGui::PushID(name.data(), name.data() + name.size());
    bool pressed = ImGui::Button(label, size);
    ImGui::PopID();
    ImGui::PopFont();
    if (kind == ButtonKind::Selected) {
        ImGui::PopStyleColor();
        ImGui::PopStyleVar();
    }
    ImGui::PopStyleColor(5);
    return pressed && kind != ButtonKind::Disabled;
}

void centredText(const char* text, ImFont* font, float width, ImVec4 colour) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    float left = ImGui::GetCursorPosX();
    float size = ImGui::GetFontSize();
    const char* end = text + std::char_traits<char>::length(text);
    const char* line = text;
    while (line < end) {
        const char* wrap = font->CalcWordWrapPositionA(1.0F, line, end, width);
        if (wrap == line) {
            ++wrap;  // a word longer than the width: break inside it rather than loop
        }
        const char* lineEnd = wrap;
        if (lineEnd > line && lineEnd[-1] == '\n') {
            --lineEnd;
        }
        float lineWidth = font->CalcTextSizeA(size, FLT_MAX, 0.0F, line, lineEnd).x;
        ImGui::SetCursorPosX(left + std::max(0.0F, (width - lineWidth) / 2));
        ImGui::TextUnformatted(line, lineEnd);
        line = wrap;
        while (line < end && (*line == ' ' || *line == '\n')) {
            ++line;
        }
    }
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void banner(Ui& ui, const char* text, Rgb background, Rgb foreground, float height) {
    ImVec2 min = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + width, min.y + height),
                                              ImGui::ColorConvertFloat4ToU32(toImGui(background)),
                                              ui.metrics.rounding);
    float textHeight =
        ui.fonts.body
            ->CalcTextSizeA(ui.fonts.body->FontSize, FLT_MAX, width - 2 * ui.metrics.spacing, text)
            .y;
    ImVec2 start = ImGui::GetCursorPos();
    ImGui::SetCursorPos(
        ImVec2(start.x + ui.metrics.spacing, start.y + std::max(0.0F, (height - textHeight) / 2)));
    centredText(text, ui.fonts.body, width - 2 * ui.metrics.spacing, toImGui(foreground));
    ImGui::SetCursorPos(start);
    ImGui::Dummy(ImVec2(width, height));
}

}  // namespace balie::ui
