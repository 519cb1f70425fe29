// SPDX-License-Identifier: GPL-3.0-or-later
// What replaces the form while one field is changed or its help is read: the on-screen keyboard,
// the numeric pad for dates, the country search, and the help text.
#include <algorithm>
#include <cctype>

#include "balie/core/country.h"
#include "balie/ui/numeric_pad.h"
#include "wizard_parts.h"

namespace balie::ui::wizard {

namespace {

constexpr std::size_t kDateDigits = 8;  // DDMMYYYY
constexpr std::size_t kCountryColumns = 3;
constexpr std::size_t kCountryRows = 3;
// Shown before anything is typed: Belgium and the countries most workers come from.
constexpr std::string_view kFrequentCountries[] = {"BE", "NL", "FR", "DE", "PL",
                                                   "RO", "BG", "PT", "ES"};

void title(Form& form, const char* text, float width) {
    ImGui::PushFont(form.context.ui.fonts.title);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
}

// The value being edited in a large box, with a caret at its end.
void editedValue(Form& form, const std::string& text, float width) {
    const Metrics& metrics = form.metrics();
    ImVec2 min = ImGui::GetCursorScreenPos();
    float height = metrics.buttonHeight * 0.8F;
    ImVec2 max(min.x + width, min.y + height);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ImGui::ColorConvertFloat4ToU32(toImGui(palette::kBackground)));
    draw->AddRect(min, max, ImGui::ColorConvertFloat4ToU32(toImGui(palette::kText)),
                  metrics.rounding, 0, metrics.border * 2);
    ImFont* font = form.context.ui.fonts.title;
    std::string shown = text + "|";
    ImVec4 clip(min.x, min.y, max.x - metrics.spacing, max.y);
    draw->AddText(font, font->FontSize,
                  ImVec2(min.x + metrics.spacing, min.y + (height - font->FontSize) / 2),
                  ImGui::ColorConvertFloat4ToU32(toImGui(palette::kText)), shown.c_str(), nullptr,
                  0, &clip);
    ImGui::Dummy(ImVec2(width, height + metrics.spacing / 2));
}

// Cancel at the top right of the editor.
bool cancelButton(Form& form, ImVec2 origin, float width) {
    const Metrics& metrics = form.metrics();
    float buttonWidth = metrics.buttonHeight * 2.4F;
    ImVec2 cursor = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(origin.x + width - buttonWidth, origin.y));
    bool cancelled = button(form.context.ui, "editor.cancel", form.i18n().trc("wizard", "Cancel"),
                            ImVec2(buttonWidth, metrics.buttonHeight * 0.8F));
    ImGui::SetCursorScreenPos(cursor);
    return cancelled;
}

void applied(Form& form) {
    form.state.touched.insert(form.state.editor->field.id);
    form.state.editor.reset();
}

void textEditor(Form& form, ImVec2 size) {
    Editor& editor = *form.state.editor;
    ImVec2 origin = ImGui::GetCursorScreenPos();
    if (cancelButton(form, origin, size.x)) {
        form.state.editor.reset();
        return;
    }
    title(form, editor.field.label, size.x * 0.7F);
    editedValue(form, editor.text, size.x);
    fieldMessage(form, editor.field.id, ImGui::GetCursorScreenPos(), size.x);
    float keyboardHeight = size.y * 0.62F;
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + size.y - keyboardHeight));
    if (form.state.keyboard.draw(form.context.ui, editor.text, ImVec2(size.x, keyboardHeight),
                                 form.i18n().trc("wizard", "Done"))) {
        editor.applyText(editor.text);
        applied(form);
    }
}

// The digits typed laid into the language's pattern: "18/05/19" of "DD/MM/YYYY".
std::string maskedDate(const Translator& i18n, const std::string& digits) {
    std::string pattern = i18n.trc("wizard", "DD/MM/YYYY");
    std::string shown;
    std::size_t next = 0;
    for (char c : pattern) {
        bool slot = c != '/' && c != '.' && c != '-';
        if (slot && next < digits.size()) {
            shown += digits[next++];
        } else {
            shown += c;
        }
    }
    return shown;
}

core::PartialDate parseDigits(const std::string& digits) {
    auto number = [&digits](std::size_t from, std::size_t count) {
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            value = value * 10 + (digits[i] - '0');
        }
        return value;
    };
    return {number(4, 4), number(2, 2), number(0, 2)};
}

void dateEditor(Form& form, ImVec2 size) {
    Editor& editor = *form.state.editor;
    Translator& i18n = form.i18n();
    const Metrics& metrics = form.metrics();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    if (cancelButton(form, origin, size.x)) {
        form.state.editor.reset();
        return;
    }
    float padWidth = std::min(size.x * 0.45F, size.y * 1.1F);
    float textWidth = size.x - padWidth - metrics.spacing;
    title(form, editor.field.label, textWidth);
    ImGui::Dummy(ImVec2(textWidth, metrics.spacing));
    editedValue(form, maskedDate(i18n, editor.text), textWidth);
    const char* advice =
        editor.birthDate ? i18n.trc("wizard",
                                    "Type the day, the month and the year. Type 00 for a day or "
                                    "month the document leaves unknown.")
                         : i18n.trc("wizard",
                                    "Type the day, the month and the year as printed on the "
                                    "document.");
    textAt(advice, ImGui::GetCursorScreenPos(), textWidth, palette::kText);
    ImGui::Dummy(ImVec2(textWidth, metrics.spacing));
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + size.y - metrics.buttonHeight));
    if (button(form.context.ui, "editor.clear", i18n.trc("wizard", "Clear the date"),
               ImVec2(textWidth * 0.6F, metrics.buttonHeight))) {
        if (editor.birthDate) {
            editor.applyDate(core::PartialDate{});
        } else {
            editor.applyDate(std::nullopt);
        }
        applied(form);
        return;
    }
    float padTop = origin.y + metrics.buttonHeight;
    ImGui::SetCursorScreenPos(ImVec2(origin.x + size.x - padWidth, padTop));
    std::optional<PadKey> key =
        numericPad(form.context.ui, ImVec2(padWidth, origin.y + size.y - padTop),
                   i18n.trc("wizard", "Done"), editor.text.size() == kDateDigits);
    if (!key) {
        return;
    }
    switch (key->kind) {
        case PadKey::Kind::Digit:
            if (editor.text.size() < kDateDigits) {
                editor.text += key->digit;
            }
            break;
        case PadKey::Kind::Erase:
            if (!editor.text.empty()) {
                editor.text.pop_back();
            }
            break;
        case PadKey::Kind::Confirm:
            editor.applyDate(parseDigits(editor.text));
            applied(form);
            break;
    }
}

std::string folded(std::string_view text) {
    std::string result;
    for (char c : text) {
        result += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return result;
}

// Countries whose name in the language (or whose code) matches the search; names that start
// with it come first.
std::vector<const core::Country*> matchingCountries(core::Language language,
                                                    const std::string& search) {
    std::vector<const core::Country*> result;
    if (search.empty()) {
        for (std::string_view code : kFrequentCountries) {
            result.push_back(core::countryByAlpha2(code));
        }
        return result;
    }
    std::string wanted = folded(search);
    std::vector<const core::Country*> inside;
    for (const core::Country& country : core::allCountries()) {
        if (!country.isIso()) {
            continue;
        }
        std::string name = folded(country.name(language));
        if (name.starts_with(wanted) || folded(country.alpha2) == wanted ||
            folded(country.alpha3) == wanted) {
            result.push_back(&country);
        } else if (name.find(wanted) != std::string::npos) {
            inside.push_back(&country);
        }
    }
    result.insert(result.end(), inside.begin(), inside.end());
    return result;
}

void countryEditor(Form& form, ImVec2 size) {
    Editor& editor = *form.state.editor;
    Translator& i18n = form.i18n();
    const Metrics& metrics = form.metrics();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    if (cancelButton(form, origin, size.x)) {
        form.state.editor.reset();
        return;
    }
    // Title and search on one row, so the matches get finger-sized rows above the keyboard.
    float titleWidth = size.x * 0.34F;
    fittedText(form.context.ui.fonts.title, editor.field.label, origin,
               ImVec2(titleWidth, metrics.buttonHeight * 0.8F), palette::kText, 1.0F);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + titleWidth + metrics.spacing, origin.y));
    editedValue(form, editor.text, size.x * 0.4F);
    float keyboardHeight = size.y * 0.5F;
    float gap = metrics.spacing / 3;
    float listTop = origin.y + metrics.buttonHeight * 0.8F + metrics.spacing / 2;
    float listHeight = origin.y + size.y - keyboardHeight - metrics.spacing / 2 - listTop;
    float rowHeight = std::max(metrics.minTarget, metrics.buttonHeight * 0.6F);
    std::size_t rows = std::clamp<std::size_t>(
        static_cast<std::size_t>((listHeight + gap) / (rowHeight + gap)), 1, kCountryRows);
    std::vector<const core::Country*> countries = matchingCountries(i18n.language(), editor.text);
    if (countries.empty()) {
        textAt(i18n.trc("wizard", "No country matches. Type fewer letters."),
               ImVec2(origin.x, listTop), size.x, palette::kError);
    }
    float cellWidth = (size.x - gap * static_cast<float>(kCountryColumns - 1)) /
                      static_cast<float>(kCountryColumns);
    for (std::size_t i = 0; i < std::min(countries.size(), kCountryColumns * rows); ++i) {
        const core::Country& country = *countries[i];
        ImVec2 cell(origin.x + static_cast<float>(i % kCountryColumns) * (cellWidth + gap),
                    listTop + static_cast<float>(i / kCountryColumns) * (rowHeight + gap));
        std::string label(country.name(i18n.language()));
        if (fittedButton(form.context.ui, "country." + std::string(country.alpha2), label.c_str(),
                         cell, ImVec2(cellWidth, rowHeight), false)) {
            editor.applyText(std::string(country.alpha2));
            applied(form);
            return;
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + size.y - keyboardHeight));
    if (form.state.keyboard.draw(form.context.ui, editor.text, ImVec2(size.x, keyboardHeight),
                                 i18n.trc("wizard", "Done")) &&
        countries.size() == 1) {
        // "Done" picks the only match; with several the agent taps one.
        editor.applyText(std::string(countries.front()->alpha2));
        applied(form);
    }
}

void helpPanel(Form& form, ImVec2 size) {
    const Field& field = *form.state.help;
    const Metrics& metrics = form.metrics();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    title(form, field.label, size.x);
    ImGui::Dummy(ImVec2(size.x, metrics.spacing));
    textAt(field.mandatory ? form.i18n().trc("wizard", "This field is mandatory.")
                           : form.i18n().trc("wizard", "This field is optional."),
           ImGui::GetCursorScreenPos(), size.x, palette::kText);
    ImGui::Dummy(ImVec2(size.x, metrics.spacing));
    textAt(field.help, ImGui::GetCursorScreenPos(), size.x * 0.8F, palette::kText);
    float buttonWidth = metrics.buttonHeight * 3;
    ImGui::SetCursorScreenPos(
        ImVec2(origin.x + (size.x - buttonWidth) / 2, origin.y + size.y - metrics.buttonHeight));
    if (button(form.context.ui, "help.close", form.i18n().trc("wizard", "Close"),
               ImVec2(buttonWidth, metrics.buttonHeight), ButtonKind::Primary)) {
        form.state.help.reset();
    }
}

}  // namespace

bool drawOverlay(Form& form, ImVec2 size) {
    if (form.state.help) {
        helpPanel(form, size);
        return true;
    }
    if (!form.state.editor) {
        return false;
    }
    switch (form.state.editor->kind) {
        case Editor::Kind::Text:
            textEditor(form, size);
            break;
        case Editor::Kind::Date:
            dateEditor(form, size);
            break;
        case Editor::Kind::Country:
            countryEditor(form, size);
            break;
    }
    return true;
}

}  // namespace balie::ui::wizard
