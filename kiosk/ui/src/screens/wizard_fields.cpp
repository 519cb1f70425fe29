// SPDX-License-Identifier: GPL-3.0-or-later
// The wizard's fields: label with mandatory or optional mark and info button, value box,
// "read from the document" mark and the field's validation message.
#include <algorithm>

#include "wizard_parts.h"

namespace balie::ui::wizard {

namespace {

float labelHeight(const Metrics& metrics) {
    return metrics.bodyFont * 1.2F;
}

float messageHeight(const Metrics& metrics) {
    return metrics.bodyFont * 0.95F;
}

float boxHeight(const Metrics& metrics) {
    return std::max(metrics.minTarget, metrics.bodyFont * 1.7F);
}

ImU32 colour(Rgb rgb) {
    return ImGui::ColorConvertFloat4ToU32(toImGui(rgb));
}

bool isAutoFilled(const Form& form, const Field& field) {
    return field.autoFilled && form.wizard.request().autoFilled.contains(*field.autoFilled);
}

// The info button right of the value box: as tall as the box, a finger wide.
float infoWidth(const Metrics& metrics) {
    return boxHeight(metrics);
}

void infoButton(Form& form, const Field& field, ImVec2 pos) {
    float size = infoWidth(form.metrics());
    ImGui::SetCursorScreenPos(pos);
    if (button(form.context.ui, "info." + field.id, "i", ImVec2(size, boxHeight(form.metrics())))) {
        form.state.help = field;
    }
}

// A tappable box showing the value, outlined; marked when the value was read automatically.
bool valueBox(Form& form, const Field& field, const std::string& shown, ImVec2 pos, float width) {
    const Metrics& metrics = form.metrics();
    float height = boxHeight(metrics);
    ImVec2 max(pos.x + width, pos.y + height);
    std::string target = "field." + field.id;
    form.context.ui.targets.add(target, pos, max);
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushID(target.c_str());
    bool tapped = ImGui::InvisibleButton("box", ImVec2(width, height));
    bool held = ImGui::IsItemActive();
    ImGui::PopID();
    bool automatic = isAutoFilled(form, field);
    bool wrong = hasVisibleMessage(form, field.id);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Rgb face = held        ? palette::kSecondaryPressed
               : automatic ? palette::kNotice
                           : palette::kBackground;
    draw->AddRectFilled(pos, max, colour(face), metrics.rounding);
    draw->AddRect(pos, max, colour(wrong ? palette::kError : palette::kText), metrics.rounding, 0,
                  metrics.border * (wrong ? 2.0F : 1.0F));
    ImFont* font = form.context.ui.fonts.body;
    ImVec2 text(pos.x + metrics.spacing / 2, pos.y + (height - font->FontSize) / 2);
    ImVec4 clip(pos.x, pos.y, max.x - metrics.spacing / 2, max.y);
    draw->AddText(font, font->FontSize, text, colour(palette::kText), shown.c_str(), nullptr, 0,
                  &clip);
    return tapped;
}

}  // namespace

float fieldHeight(const Metrics& metrics) {
    return labelHeight(metrics) + boxHeight(metrics) + messageHeight(metrics) + metrics.spacing / 3;
}

void textAt(const char* text, ImVec2 pos, float width, Rgb colour) {
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::PushStyleColor(ImGuiCol_Text, toImGui(colour));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

void fieldLabel(Form& form, const Field& field, ImVec2 pos, float width) {
    Translator& i18n = form.i18n();
    const Metrics& metrics = form.metrics();
    ImFont* font = form.context.ui.fonts.body;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Mandatory in red with an asterisk, optional in grey: told apart without colour too. The
    // line shrinks to fit a narrow field rather than cut the mark off.
    const char* mark =
        field.mandatory ? i18n.trc("wizard", "* mandatory") : i18n.trc("wizard", "optional");
    float gap = metrics.spacing / 3;
    float labelWidth = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, field.label).x;
    float markWidth = font->CalcTextSizeA(font->FontSize * 0.75F, FLT_MAX, 0, mark).x;
    float scale = std::clamp(width / (labelWidth + gap + markWidth), 0.6F, 1.0F);
    float size = font->FontSize * scale;
    float y = pos.y + (labelHeight(metrics) - size) / 2;
    ImVec4 clip(pos.x, pos.y, pos.x + width, pos.y + labelHeight(metrics));
    draw->AddText(font, size, ImVec2(pos.x, y), colour(palette::kText), field.label, nullptr, 0,
                  &clip);
    float x = pos.x + labelWidth * scale + gap;
    draw->AddText(font, size * 0.75F, ImVec2(x, y + size * 0.2F),
                  colour(field.mandatory ? palette::kError : palette::kOnDisabled), mark, nullptr,
                  0, &clip);
}

namespace {

// Under a field whose value was read automatically, while no message needs the place.
void autoFilledBadge(Form& form, ImVec2 pos, float width) {
    const Metrics& metrics = form.metrics();
    ImFont* font = form.context.ui.fonts.body;
    const char* read = form.i18n().trc("wizard", "read from the document - check it");
    float size = font->FontSize * 0.75F;
    float textWidth = font->CalcTextSizeA(size, FLT_MAX, 0, read).x;
    size *= std::clamp((width - metrics.spacing / 2) / std::max(textWidth, 1.0F), 0.6F, 1.0F);
    ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0, read);
    ImVec2 min(pos.x, pos.y);
    ImVec2 max(std::min(pos.x + extent.x + metrics.spacing / 2, pos.x + width),
               pos.y + messageHeight(metrics) - metrics.border);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, colour(palette::kNotice), metrics.rounding);
    draw->AddRect(min, max, colour(palette::kText), metrics.rounding);
    ImVec4 clip(min.x, min.y, max.x, max.y);
    draw->AddText(font, size, ImVec2(pos.x + metrics.spacing / 4, (min.y + max.y - size) / 2),
                  colour(palette::kText), read, nullptr, 0, &clip);
}

// The line under a field: its message, else the "read from the document" mark.
void underField(Form& form, const Field& field, ImVec2 pos, float width) {
    if (hasVisibleMessage(form, field.id)) {
        fieldMessage(form, field.id, pos, width);
    } else if (isAutoFilled(form, field)) {
        autoFilledBadge(form, pos, width);
    }
}

}  // namespace

bool hasVisibleMessage(const Form& form, std::string_view id) {
    auto step = static_cast<std::size_t>(form.step);
    bool show = form.state.refused[step] || form.state.touched.contains(std::string(id));
    return show &&
           std::any_of(form.messages.begin(), form.messages.end(),
                       [id](core::ValidationMessage m) { return core::messageField(m) == id; });
}

void fieldMessage(Form& form, std::string_view id, ImVec2 pos, float width) {
    if (!hasVisibleMessage(form, id)) {
        return;
    }
    for (core::ValidationMessage message : form.messages) {
        if (core::messageField(message) == id) {
            fittedText(form.context.ui.fonts.body, messageText(form.i18n(), message), pos,
                       ImVec2(width, messageHeight(form.metrics())), palette::kError, 0.8F);
            return;
        }
    }
}

void fittedText(ImFont* font, const char* text, ImVec2 pos, ImVec2 box, Rgb rgb, float largest) {
    // One line as large as fits, down to a size still readable; longer text wraps and shrinks
    // until it fits the box.
    constexpr float kSmallest = 0.6F;
    float width = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text).x;
    float scale = std::clamp(box.x / std::max(width, 1.0F), kSmallest, largest);
    float wrap = 0;
    ImVec2 extent = font->CalcTextSizeA(font->FontSize * scale, FLT_MAX, 0, text);
    if (extent.x > box.x) {
        wrap = box.x;
        scale = largest;
        extent = font->CalcTextSizeA(font->FontSize * scale, FLT_MAX, wrap, text);
        while (extent.y > box.y && scale > 0.4F) {
            scale *= 0.9F;
            extent = font->CalcTextSizeA(font->FontSize * scale, FLT_MAX, wrap, text);
        }
    }
    float size = font->FontSize * scale;
    ImVec4 clip(pos.x, pos.y, pos.x + box.x, pos.y + box.y);
    ImGui::GetWindowDrawList()->AddText(
        font, size, ImVec2(pos.x, pos.y + std::max(0.0F, (box.y - extent.y) / 2)), colour(rgb),
        text, nullptr, wrap, &clip);
}

bool fittedButton(Ui& ui, const std::string& name, const char* label, ImVec2 pos, ImVec2 size,
                  bool selected) {
    const Metrics& metrics = ui.metrics;
    ImVec2 max(pos.x + size.x, pos.y + size.y);
    ui.targets.add(name, pos, max);
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushID(name.c_str());
    bool tapped = ImGui::InvisibleButton("button", size);
    bool held = ImGui::IsItemActive();
    ImGui::PopID();
    Rgb face = selected ? (held ? palette::kPrimaryPressed : palette::kPrimary)
                        : (held ? palette::kSecondaryPressed : palette::kSecondary);
    Rgb text = selected ? palette::kOnPrimary : palette::kText;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, max, colour(face), metrics.rounding);
    draw->AddRect(pos, max, colour(palette::kText), metrics.rounding, 0,
                  metrics.border * (selected ? 3.0F : 1.0F));
    ImFont* font = ui.fonts.body;
    float inner = size.x - metrics.spacing / 2;
    float width = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label).x;
    float scale = std::clamp(inner / std::max(width, 1.0F), 0.6F, 1.0F);
    float fontSize = font->FontSize * scale;
    ImVec2 extent = font->CalcTextSizeA(fontSize, FLT_MAX, 0, label);
    ImVec4 clip(pos.x, pos.y, max.x, max.y);
    draw->AddText(font, fontSize,
                  ImVec2(pos.x + std::max(metrics.spacing / 4, (size.x - extent.x) / 2),
                         pos.y + (size.y - extent.y) / 2),
                  colour(text), label, nullptr, 0, &clip);
    return tapped;
}

namespace {

// Label, box with info button, message: the frame every kind of field shares.
bool boxedField(Form& form, const Field& field, const std::string& shown, ImVec2 pos, float width) {
    const Metrics& metrics = form.metrics();
    fieldLabel(form, field, pos, width);
    float top = pos.y + labelHeight(metrics);
    float boxWidth = width - infoWidth(metrics) - metrics.spacing / 2;
    bool tapped = valueBox(form, field, shown, ImVec2(pos.x, top), boxWidth);
    infoButton(form, field, ImVec2(pos.x + boxWidth + metrics.spacing / 2, top));
    underField(form, field, ImVec2(pos.x, top + boxHeight(metrics) + metrics.border), width);
    return tapped;
}

}  // namespace

void textField(Form& form, const Field& field, const std::string& value, ImVec2 pos, float width,
               std::function<void(std::string)> apply) {
    if (boxedField(form, field, value, pos, width)) {
        Editor editor;
        editor.kind = Editor::Kind::Text;
        editor.field = field;
        editor.text = value;
        editor.applyText = std::move(apply);
        form.state.editor = std::move(editor);
    }
}

void dateField(Form& form, const Field& field, const std::optional<core::PartialDate>& value,
               bool birthDate, ImVec2 pos, float width,
               std::function<void(std::optional<core::PartialDate>)> apply) {
    std::string shown = dateText(form.i18n(), value);
    if (birthDate && value && value->year != 0 && (value->month == 0 || value->day == 0)) {
        shown += std::string(" (") + form.i18n().trc("wizard", "partly unknown") + ")";
    }
    if (boxedField(form, field, shown, pos, width)) {
        Editor editor;
        editor.kind = Editor::Kind::Date;
        editor.field = field;
        editor.birthDate = birthDate;
        if (value && value->year != 0) {
            auto two = [](int n) {
                return std::string{static_cast<char>('0' + n / 10 % 10),
                                   static_cast<char>('0' + n % 10)};
            };
            editor.text = two(value->day) + two(value->month) + std::to_string(value->year);
        }
        editor.applyDate = std::move(apply);
        form.state.editor = std::move(editor);
    }
}

void countryField(Form& form, const Field& field, const std::string& alpha2, ImVec2 pos,
                  float width, std::function<void(std::string)> apply) {
    if (boxedField(form, field, countryName(form.i18n(), alpha2), pos, width)) {
        Editor editor;
        editor.kind = Editor::Kind::Country;
        editor.field = field;
        editor.applyText = std::move(apply);
        form.state.editor = std::move(editor);
    }
}

std::optional<std::size_t> choiceField(Form& form, const Field& field,
                                       std::span<const Choice> choices,
                                       std::optional<std::size_t> selected, ImVec2 pos,
                                       float width) {
    const Metrics& metrics = form.metrics();
    fieldLabel(form, field, pos, width);
    float top = pos.y + labelHeight(metrics);
    float rowWidth = width - infoWidth(metrics) - metrics.spacing / 2;
    float gap = metrics.spacing / 3;
    float each = (rowWidth - gap * static_cast<float>(choices.size() - 1)) /
                 static_cast<float>(choices.size());
    std::optional<std::size_t> tapped;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        std::string name = "choice." + field.id + "." + std::string(choices[i].key);
        if (fittedButton(form.context.ui, name, choices[i].label,
                         ImVec2(pos.x + static_cast<float>(i) * (each + gap), top),
                         ImVec2(each, boxHeight(metrics)), selected == i)) {
            tapped = i;
        }
    }
    infoButton(form, field, ImVec2(pos.x + rowWidth + metrics.spacing / 2, top));
    underField(form, field, ImVec2(pos.x, top + boxHeight(metrics) + metrics.border), width);
    if (tapped) {
        form.state.touched.insert(field.id);
    }
    return tapped;
}

}  // namespace balie::ui::wizard
