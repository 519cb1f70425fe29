// SPDX-License-Identifier: GPL-3.0-or-later
// Step 4: the e-mail address for news, an optional comment, and a summary of everything with a
// way back to each step.
#include <array>
#include <utility>
#include <vector>

#include "wizard_parts.h"

namespace balie::ui::wizard {

namespace {

using Lines = std::vector<std::pair<const char*, std::string>>;

std::string oneLine(const core::Address& address) {
    std::string line = address.street;
    for (const std::string* part : {&address.number, &address.box}) {
        if (!part->empty()) {
            line += " " + *part;
        }
    }
    std::string place = address.postalCode;
    if (!address.municipality.empty()) {
        place += (place.empty() ? "" : " ") + address.municipality;
    }
    if (!place.empty()) {
        line += (line.empty() ? "" : ", ") + place;
    }
    return line;
}

Lines documentLines(const Translator& i18n, const core::Request& request) {
    const core::Document& document = request.document;
    std::string validity = dateText(i18n, document.validFrom);
    if (document.validUntil) {
        validity += " \u2013 " + dateText(i18n, document.validUntil);
    }
    Lines lines = {
        {i18n.trc("wizard", "Type of document"),
         document.type ? documentTypeName(i18n, *document.type) : ""},
        {i18n.trc("wizard", "Issuing country"), countryName(i18n, document.issuingCountry)},
        {i18n.trc("wizard", "Document number"), document.number},
    };
    if (!document.nationalNumber.empty()) {
        lines.emplace_back(i18n.trc("wizard", "National number"), document.nationalNumber);
    }
    lines.emplace_back(i18n.trc("wizard", "Validity"), validity);
    lines.emplace_back(i18n.trc("wizard", "Pages"), std::to_string(request.pages.size()));
    return lines;
}

Lines personLines(const Translator& i18n, const core::Person& person) {
    return {
        {i18n.trc("wizard", "Surname"), person.surname},
        {i18n.trc("wizard", "Given names"), person.givenNames},
        {i18n.trc("wizard", "Birth date"), dateText(i18n, person.birthDate)},
        {i18n.trc("wizard", "Birth place"), person.birthPlace},
        {i18n.trc("wizard", "Birth country"), countryName(i18n, person.birthCountry)},
        {i18n.trc("wizard", "Nationality"), countryName(i18n, person.nationality)},
        {i18n.trc("wizard", "Sex"), person.sex ? sexName(i18n, *person.sex) : ""},
    };
}

Lines addressLines(const Translator& i18n, const core::Request& request) {
    Lines lines = {
        {i18n.trc("wizard", "Residence"), oneLine(request.residence)},
        {i18n.trc("wizard", "Country of residence"), countryName(i18n, request.residence.country)},
    };
    if (request.contactAddress) {
        lines.emplace_back(i18n.trc("wizard", "Contact address in Belgium"),
                           oneLine(*request.contactAddress));
    }
    return lines;
}

// One step's data in a column, with its "change" button at the bottom.
bool summaryColumn(Form& form, int number, const char* title, const Lines& lines, ImVec2 pos,
                   ImVec2 size) {
    const Metrics& metrics = form.metrics();
    ImFont* font = form.context.ui.fonts.body;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                  ImGui::ColorConvertFloat4ToU32(toImGui(palette::kOnDisabled)), metrics.rounding);
    float inset = metrics.spacing / 2;
    float width = size.x - 2 * inset;
    std::string heading = std::to_string(number) + ". " + title;
    fittedText(form.context.ui.fonts.title, heading.c_str(), ImVec2(pos.x + inset, pos.y + inset),
               ImVec2(width, metrics.titleFont * 1.1F), palette::kPrimary, 0.8F);
    float y = pos.y + inset + metrics.titleFont * 1.1F;
    // Long lines (an address) wrap rather than shrink.
    float textSize = font->FontSize * 0.75F;
    for (const auto& [label, value] : lines) {
        std::string text = std::string(label) + ": " + (value.empty() ? "\u2013" : value);
        ImVec2 extent = font->CalcTextSizeA(textSize, FLT_MAX, width, text.c_str());
        draw->AddText(font, textSize, ImVec2(pos.x + inset, y),
                      ImGui::ColorConvertFloat4ToU32(toImGui(palette::kText)), text.c_str(),
                      nullptr, width);
        y += extent.y + metrics.border * 2;
    }
    float buttonHeight = metrics.minTarget * 1.2F;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + inset, pos.y + size.y - inset - buttonHeight));
    return button(form.context.ui, "change." + std::to_string(number),
                  form.i18n().trc("wizard", "Change"), ImVec2(width, buttonHeight));
}

}  // namespace

std::optional<core::WizardStep> drawSummaryStep(Form& form, ImVec2 size) {
    Translator& i18n = form.i18n();
    const Metrics& metrics = form.metrics();
    core::Wizard& wizard = form.wizard;
    const core::Request& request = wizard.request();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float half = (size.x - metrics.spacing) / 2;

    Field email{"send.email", i18n.trc("wizard", "Your e-mail address"),
                i18n.trc("wizard",
                         "Used only to tell you that news about the request is available, for "
                         "example the final answer."),
                true, std::nullopt};
    textField(form, email, request.email, pos, half,
              [&wizard](std::string v) { (void)wizard.setEmail(std::move(v)); });
    Field comment{"send.comment", i18n.trc("wizard", "Comment"),
                  i18n.trc("wizard",
                           "A short remark for the person who handles the request (at most 500 "
                           "characters)."),
                  false, std::nullopt};
    textField(form, comment, request.comment, ImVec2(pos.x + half + metrics.spacing, pos.y), half,
              [&wizard](std::string v) { (void)wizard.setComment(std::move(v)); });

    float top = pos.y + fieldHeight(metrics);
    fieldMessage(form, "send.requester", ImVec2(pos.x, top - metrics.bodyFont), size.x);
    float gap = metrics.spacing;
    float column = (size.x - 2 * gap) / 3;
    ImVec2 columnSize(column, pos.y + size.y - top);
    std::optional<core::WizardStep> change;
    if (summaryColumn(form, 1, i18n.trc("wizard", "Document"), documentLines(i18n, request),
                      ImVec2(pos.x, top), columnSize)) {
        change = core::WizardStep::Document;
    }
    if (summaryColumn(form, 2, i18n.trc("wizard", "Personal data"),
                      personLines(i18n, request.person), ImVec2(pos.x + column + gap, top),
                      columnSize)) {
        change = core::WizardStep::Person;
    }
    if (summaryColumn(form, 3, i18n.trc("wizard", "Address"), addressLines(i18n, request),
                      ImVec2(pos.x + 2 * (column + gap), top), columnSize)) {
        change = core::WizardStep::Address;
    }
    return change;
}

}  // namespace balie::ui::wizard
