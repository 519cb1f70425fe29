// SPDX-License-Identifier: GPL-3.0-or-later
// Buttons, centred text and banners in the kiosk's colours.
#include "balie/ui/widgets.h"

#include <algorithm>
#include <utility>
#include <vector>

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

// Calls visit(begin, end) for each line centredText() draws: every line of the text wrapped to
// width on its own.
template <typename Visit>
void forEachWrappedLine(const char* text, ImFont* font, float width, Visit visit) {
    const char* end = text + std::char_traits<char>::length(text);
    const char* line = text;
    while (line < end) {
        const char* lineBreak = std::find(line, end, '\n');
        const char* wrap = font->CalcWordWrapPositionA(1.0F, line, lineBreak, width);
        if (wrap == line) {
            ++wrap;  // a word longer than the width: break inside it rather than loop
        }
        visit(line, wrap);
        line = wrap;
        while (line < end && (*line == ' ' || *line == '\n')) {
            ++line;
        }
    }
}

// Draws \a label centred in the rectangle, wrapped to \a width.
void drawWrappedLabel(const char* label, ImFont* font, ImVec2 min, ImVec2 max, float width,
                      ImU32 colour) {
    std::vector<std::pair<const char*, const char*>> lines;
    forEachWrappedLine(label, font, width, [&lines](const char* line, const char* lineEnd) {
        lines.emplace_back(line, lineEnd);
    });
    float size = ImGui::GetFontSize();
    float top = (min.y + max.y - size * static_cast<float>(lines.size())) / 2;
    for (const auto& [line, lineEnd] : lines) {
        float lineWidth = font->CalcTextSizeA(size, FLT_MAX, 0.0F, line, lineEnd).x;
        ImGui::GetWindowDrawList()->AddText(
            font, size, ImVec2((min.x + max.x - lineWidth) / 2, top), colour, line, lineEnd);
        top += size;
    }
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
    ImFont* labelFont = font != nullptr ? font : ui.fonts.body;
    ImGui::PushFont(labelFont);
    ImGui::PushID(name.data(), name.data() + name.size());
    // A translation longer than the button is wrapped inside it rather than cut off, when the
    // button is tall enough for two lines.
    float inner = size.x - ImGui::GetStyle().FramePadding.x;
    bool wraps = size.x > 0 && ImGui::CalcTextSize(label, nullptr, true).x > inner &&
                 size.y >= 2.5F * ImGui::GetFontSize();
    bool pressed = ImGui::Button(wraps ? "##wrapped" : label, size);
    if (wraps) {
        drawWrappedLabel(label, labelFont, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), inner,
                         ImGui::GetColorU32(ImGuiCol_Text));
    }
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
    forEachWrappedLine(text, font, width, [&](const char* line, const char* lineEnd) {
        float lineWidth = font->CalcTextSizeA(size, FLT_MAX, 0.0F, line, lineEnd).x;
        ImGui::SetCursorPosX(left + std::max(0.0F, (width - lineWidth) / 2));
        ImGui::TextUnformatted(line, lineEnd);
    });
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

float centredTextHeight(const char* text, ImFont* font, float width) {
    int lines = 0;
    forEachWrappedLine(text, font, width, [&lines](const char*, const char*) { ++lines; });
    return static_cast<float>(lines) * font->FontSize +
           static_cast<float>(std::max(0, lines - 1)) * ImGui::GetStyle().ItemSpacing.y;
}

void banner(Ui& ui, const char* text, Rgb background, Rgb foreground, float height) {
    ImVec2 min = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + width, min.y + height),
                                              ImGui::ColorConvertFloat4ToU32(toImGui(background)),
                                              ui.metrics.rounding);
    float textHeight = centredTextHeight(text, ui.fonts.body, width - 2 * ui.metrics.spacing);
    ImVec2 start = ImGui::GetCursorPos();
    ImGui::SetCursorPos(
        ImVec2(start.x + ui.metrics.spacing, start.y + std::max(0.0F, (height - textHeight) / 2)));
    centredText(text, ui.fonts.body, width - 2 * ui.metrics.spacing, toImGui(foreground));
    ImGui::SetCursorPos(start);
    ImGui::Dummy(ImVec2(width, height));
}

}  // namespace balie::ui
