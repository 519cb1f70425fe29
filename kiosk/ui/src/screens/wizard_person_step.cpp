// SPDX-License-Identifier: GPL-3.0-or-later
// Step 2: the person as written on the document, with the captured page beside the form.
#include <array>

#include "wizard_parts.h"

namespace balie::ui::wizard {

namespace {

constexpr std::array<core::Sex, 3> kSexes = {core::Sex::Male, core::Sex::Female,
                                             core::Sex::Unknown};
constexpr std::array<std::string_view, 3> kSexKeys = {"male", "female", "unknown"};

void setPerson(core::Wizard& wizard, const std::function<void(core::Person&)>& change) {
    core::Person person = wizard.request().person;
    change(person);
    (void)wizard.setPerson(std::move(person));
}

void personFields(Form& form, ImVec2 pos, float width) {
    Translator& i18n = form.i18n();
    const Metrics& metrics = form.metrics();
    const core::Person& person = form.wizard.request().person;
    core::Wizard& wizard = form.wizard;
    float row = fieldHeight(metrics);
    float half = (width - metrics.spacing) / 2;
    float right = pos.x + half + metrics.spacing;

    Field surname{"person.surname", i18n.trc("wizard", "Surname"),
                  i18n.trc("wizard", "The surname exactly as on the document, with its accents."),
                  true, core::AutoFilledField::Surname};
    textField(form, surname, person.surname, pos, half, [&wizard](std::string v) {
        setPerson(wizard, [&](core::Person& p) { p.surname = std::move(v); });
    });
    Field given{"person.given_names", i18n.trc("wizard", "Given names"),
                i18n.trc("wizard",
                         "All given names as on the document, separated by spaces. Leave empty "
                         "for a person with one name only."),
                false, core::AutoFilledField::GivenNames};
    textField(form, given, person.givenNames, ImVec2(right, pos.y), half, [&wizard](std::string v) {
        setPerson(wizard, [&](core::Person& p) { p.givenNames = std::move(v); });
    });

    ImVec2 second(pos.x, pos.y + row);
    Field birthDate{"person.birth_date", i18n.trc("wizard", "Birth date"),
                    i18n.trc("wizard",
                             "Day, month and year. Some documents leave the day or the month "
                             "unknown: type 00 for them."),
                    true, core::AutoFilledField::BirthDate};
    dateField(form, birthDate, person.birthDate, true, second, half,
              [&wizard](std::optional<core::PartialDate> v) {
                  setPerson(wizard, [&](core::Person& p) {
                      p.birthDate = v.value_or(core::PartialDate{});
                  });
              });
    Field birthPlace{"person.birth_place", i18n.trc("wizard", "Birth place"),
                     i18n.trc("wizard",
                              "The town of birth as on the document. Machine readable zones do not "
                              "carry it."),
                     false, std::nullopt};
    textField(form, birthPlace, person.birthPlace, ImVec2(right, second.y), half,
              [&wizard](std::string v) {
                  setPerson(wizard, [&](core::Person& p) { p.birthPlace = std::move(v); });
              });

    ImVec2 third(pos.x, pos.y + 2 * row);
    Field birthCountry{"person.birth_country", i18n.trc("wizard", "Birth country"),
                       i18n.trc("wizard", "The country of birth, when the document gives it."),
                       false, std::nullopt};
    countryField(form, birthCountry, person.birthCountry, third, half, [&wizard](std::string v) {
        setPerson(wizard, [&](core::Person& p) { p.birthCountry = std::move(v); });
    });
    Field nationality{"person.nationality", i18n.trc("wizard", "Nationality"),
                      i18n.trc("wizard",
                               "The nationality as on the document. Driving licences do not print "
                               "it; stateless persons and refugees have none."),
                      false, core::AutoFilledField::Nationality};
    countryField(form, nationality, person.nationality, ImVec2(right, third.y), half,
                 [&wizard](std::string v) {
                     setPerson(wizard, [&](core::Person& p) { p.nationality = std::move(v); });
                 });

    ImVec2 fourth(pos.x, pos.y + 3 * row);
    std::array<Choice, 3> sexes;
    std::optional<std::size_t> selected;
    for (std::size_t i = 0; i < kSexes.size(); ++i) {
        sexes[i] = {kSexKeys[i], sexName(i18n, kSexes[i])};
        if (person.sex == kSexes[i]) {
            selected = i;
        }
    }
    Field sex{"person.sex", i18n.trc("wizard", "Sex"),
              i18n.trc("wizard",
                       "As on the document. Choose \"unknown\" when the document says X or leaves "
                       "it open."),
              true, core::AutoFilledField::Sex};
    if (auto tapped = choiceField(form, sex, sexes, selected, fourth, half)) {
        setPerson(wizard, [&](core::Person& p) { p.sex = kSexes[*tapped]; });
    }
}

}  // namespace

void drawPersonStep(Form& form, const Capture& capture, bool& showDocument, ImVec2 size) {
    Translator& i18n = form.i18n();
    const Metrics& metrics = form.metrics();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool shown = showDocument && !capture.pages.empty();
    float formWidth = shown ? size.x * 0.62F : size.x;
    personFields(form, pos, formWidth);

    // Beside the sex: the switch that shows the captured page next to the form.
    float row = fieldHeight(metrics);
    float half = (formWidth - metrics.spacing) / 2;
    ImVec2 toggle(pos.x + half + metrics.spacing, pos.y + 3 * row + metrics.bodyFont * 1.2F);
    float toggleWidth = std::min(half, metrics.buttonHeight * 4.5F);
    ImGui::SetCursorScreenPos(toggle);
    if (capture.pages.empty()) {
        textAt(i18n.trc("wizard", "No page captured yet."), toggle, half, palette::kOnDisabled);
    } else if (showDocument) {
        if (button(form.context.ui, "document.hide", i18n.trc("wizard", "Hide document -"),
                   ImVec2(toggleWidth, metrics.minTarget * 1.2F))) {
            showDocument = false;
        }
    } else if (button(form.context.ui, "document.show", i18n.trc("wizard", "Show document +"),
                      ImVec2(toggleWidth, metrics.minTarget * 1.2F))) {
        showDocument = true;
    }
    if (shown) {
        float left = pos.x + formWidth + metrics.spacing;
        drawFitted(capture.thumbnails.front(), ImVec2(left, pos.y),
                   ImVec2(pos.x + size.x - left, size.y));
    }
}

}  // namespace balie::ui::wizard
