// SPDX-License-Identifier: GPL-3.0-or-later
// Step 3: the residential address (country first, then a Belgian or a foreign layout) and, for a
// residence abroad, an optional contact address in Belgium.
#include <array>

#include "wizard_parts.h"

namespace balie::ui::wizard {

namespace {

using AddressSetter = std::function<void(const std::function<void(core::Address&)>&)>;

// Street, number and box on one row; postal code and municipality on the next.
void addressLines(Form& form, const core::Address& address, std::string_view group, bool inBelgium,
                  const AddressSetter& set, ImVec2 pos, float width) {
    Translator& i18n = form.i18n();
    const Metrics& metrics = form.metrics();
    std::string prefix = "address." + std::string(group) + ".";
    float gap = metrics.spacing / 2;
    float street = width * 0.5F;
    float small = (width - street - 2 * gap) / 2;
    Field streetField{prefix + "street", i18n.trc("wizard", "Street"),
                      i18n.trc("wizard", "The street name, without the house number."), true,
                      std::nullopt};
    textField(form, streetField, address.street, pos, street,
              [set](std::string v) { set([&](core::Address& a) { a.street = std::move(v); }); });
    Field number{prefix + "number", i18n.trc("wizard", "Number"),
                 inBelgium ? i18n.trc("wizard", "The house number; \"21/27\" for a range.")
                           : i18n.trc("wizard", "The house number, if the address has one."),
                 inBelgium, std::nullopt};
    textField(form, number, address.number, ImVec2(pos.x + street + gap, pos.y), small,
              [set](std::string v) { set([&](core::Address& a) { a.number = std::move(v); }); });
    Field box{
        prefix + "box", i18n.trc("wizard", "Box"),
        i18n.trc("wizard", "The box number of an apartment building, without the word \"box\"."),
        false, std::nullopt};
    textField(form, box, address.box, ImVec2(pos.x + street + small + 2 * gap, pos.y), small,
              [set](std::string v) { set([&](core::Address& a) { a.box = std::move(v); }); });

    float top = pos.y + fieldHeight(metrics);
    float postal = width * 0.35F;
    Field postalCode{prefix + "postal_code", i18n.trc("wizard", "Postal code"),
                     inBelgium ? i18n.trc("wizard", "Four digits, 1000 to 9999.")
                               : i18n.trc("wizard",
                                          "The postal code as the country writes it, if it has "
                                          "one."),
                     inBelgium, std::nullopt};
    textField(
        form, postalCode, address.postalCode, ImVec2(pos.x, top), postal,
        [set](std::string v) { set([&](core::Address& a) { a.postalCode = std::move(v); }); });
    Field municipality{prefix + "municipality", i18n.trc("wizard", "Municipality"),
                       i18n.trc("wizard", "The town or municipality."), true, std::nullopt};
    textField(form, municipality, address.municipality, ImVec2(pos.x + postal + gap, top),
              width - postal - gap, [set](std::string v) {
                  set([&](core::Address& a) { a.municipality = std::move(v); });
              });
}

void residence(Form& form, ImVec2 pos, float width) {
    Translator& i18n = form.i18n();
    core::Wizard& wizard = form.wizard;
    const core::Address& address = wizard.request().residence;
    AddressSetter set = [&wizard](const std::function<void(core::Address&)>& change) {
        core::Address changed = wizard.request().residence;
        change(changed);
        (void)wizard.setResidence(std::move(changed));
        // A contact address exists only for a residence abroad.
        if (changed.isInBelgium() && wizard.request().contactAddress) {
            (void)wizard.setContactAddress(std::nullopt);
        }
    };
    Field country{"address.residence.country", i18n.trc("wizard", "Country of residence"),
                  i18n.trc("wizard",
                           "The country of the official residence. Choose it first: the address "
                           "fields follow its layout. You are responsible for what you enter."),
                  true, std::nullopt};
    countryField(form, country, address.country, pos, width * 0.6F, [set](std::string v) {
        set([&](core::Address& a) { a.country = std::move(v); });
    });
    if (address.country.empty()) {
        return;
    }
    addressLines(form, address, "residence", address.isInBelgium(), set,
                 ImVec2(pos.x, pos.y + fieldHeight(form.metrics())), width);
}

void contact(Form& form, ImVec2 pos, float width) {
    Translator& i18n = form.i18n();
    core::Wizard& wizard = form.wizard;
    const std::optional<core::Address>& address = wizard.request().contactAddress;
    std::array<Choice, 2> choices = {Choice{"none", i18n.trc("wizard", "None")},
                                     Choice{"add", i18n.trc("wizard", "Add one")}};
    Field field{"address.contact", i18n.trc("wizard", "Contact address in Belgium"),
                i18n.trc("wizard",
                         "Where the person can be reached in Belgium while the residence is "
                         "abroad, for example the address where they stay while working here."),
                false, std::nullopt};
    std::optional<std::size_t> tapped =
        choiceField(form, field, choices, address ? 1U : 0U, pos, width * 0.8F);
    if (tapped == 0U) {
        (void)wizard.setContactAddress(std::nullopt);
    } else if (tapped == 1U && !address) {
        core::Address belgian;
        belgian.country = "BE";
        (void)wizard.setContactAddress(belgian);
    }
    if (!wizard.request().contactAddress) {
        return;
    }
    AddressSetter set = [&wizard](const std::function<void(core::Address&)>& change) {
        core::Address changed = wizard.request().contactAddress.value_or(core::Address{});
        change(changed);
        changed.country = "BE";
        (void)wizard.setContactAddress(std::move(changed));
    };
    addressLines(form, *wizard.request().contactAddress, "contact", true, set,
                 ImVec2(pos.x, pos.y + fieldHeight(form.metrics())), width);
}

}  // namespace

void drawAddressStep(Form& form, ImVec2 size) {
    const Metrics& metrics = form.metrics();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float half = (size.x - 2 * metrics.spacing) / 2;
    residence(form, pos, half);
    const core::Address& address = form.wizard.request().residence;
    float right = pos.x + half + 2 * metrics.spacing;
    if (address.country.empty()) {
        textAt(form.i18n().trc("wizard", "Choose the country of residence first."),
               ImVec2(right, pos.y + metrics.bodyFont * 1.6F), half, palette::kText);
    } else if (address.isInBelgium()) {
        textAt(
            form.i18n().trc("wizard", "The residence is in Belgium: no contact address is needed."),
            ImVec2(right, pos.y + metrics.bodyFont * 1.6F), half, palette::kText);
    } else {
        contact(form, ImVec2(right, pos.y), half);
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float line = pos.x + half + metrics.spacing;
    draw->AddLine(ImVec2(line, pos.y), ImVec2(line, pos.y + size.y),
                  ImGui::ColorConvertFloat4ToU32(toImGui(palette::kOnDisabled)), metrics.border);
}

}  // namespace balie::ui::wizard
