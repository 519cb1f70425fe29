// SPDX-License-Identifier: GPL-3.0-or-later
// Key tables of the on-screen keyboard and its drawing.
#include "balie/ui/keyboard.h"

#include <algorithm>
#include <array>
#include <utility>

namespace balie::ui {

namespace {

using namespace std::string_view_literals;

// Letter rows below the digit row. Belgian AZERTY keeps M on the home row; QWERTZ has the
// German umlauts and ß where German keyboards have them, near the right edge.
constexpr std::array<std::string_view, 3> kAzertyRows = {
    "a z e r t y u i o p"sv, "q s d f g h j k l m"sv, "w x c v b n ' -"sv};
constexpr std::array<std::string_view, 3> kQwertyRows = {
    "q w e r t y u i o p"sv, "a s d f g h j k l"sv, "z x c v b n m ' -"sv};
constexpr std::array<std::string_view, 3> kQwertzRows = {
    "q w e r t z u i o p ü"sv, "a s d f g h j k l ö ä"sv, "y x c v b n m ß ' -"sv};
constexpr std::string_view kDigitRow = "1 2 3 4 5 6 7 8 9 0"sv;

// Accented and other Latin letters of names from the EU and its neighbours (Latin-1 and
// Latin Extended-A/B), so nobody's name has to be typed without its diacritics.
constexpr std::array<std::string_view, 5> kAccentRows = {
    "à á â ä ã å æ ç è é ê ë"sv, "ì í î ï ñ ò ó ô ö õ ø œ"sv, "ù ú û ü ý ÿ ß ą ć č ď ę"sv,
    "ě ğ ı ł ń ň ő ř ś š ş ș"sv, "ț ť ů ű ź ż ž đ ė į ļ ņ"sv};

// Capitals of the non-ASCII letters above; ASCII letters are capitalised arithmetically.
constexpr std::pair<std::string_view, std::string_view> kCapitals[] = {
    {"à", "À"}, {"á", "Á"}, {"â", "Â"}, {"ä", "Ä"}, {"ã", "Ã"}, {"å", "Å"}, {"æ", "Æ"}, {"ç", "Ç"},
    {"è", "È"}, {"é", "É"}, {"ê", "Ê"}, {"ë", "Ë"}, {"ì", "Ì"}, {"í", "Í"}, {"î", "Î"}, {"ï", "Ï"},
    {"ñ", "Ñ"}, {"ò", "Ò"}, {"ó", "Ó"}, {"ô", "Ô"}, {"ö", "Ö"}, {"õ", "Õ"}, {"ø", "Ø"}, {"œ", "Œ"},
    {"ù", "Ù"}, {"ú", "Ú"}, {"û", "Û"}, {"ü", "Ü"}, {"ý", "Ý"}, {"ÿ", "Ÿ"}, {"ß", "ẞ"}, {"ą", "Ą"},
    {"ć", "Ć"}, {"č", "Č"}, {"ď", "Ď"}, {"ę", "Ę"}, {"ě", "Ě"}, {"ğ", "Ğ"}, {"ı", "I"}, {"ł", "Ł"},
    {"ń", "Ń"}, {"ň", "Ň"}, {"ő", "Ő"}, {"ř", "Ř"}, {"ś", "Ś"}, {"š", "Š"}, {"ş", "Ş"}, {"ș", "Ș"},
    {"ț", "Ț"}, {"ť", "Ť"}, {"ů", "Ů"}, {"ű", "Ű"}, {"ź", "Ź"}, {"ż", "Ż"}, {"ž", "Ž"}, {"đ", "Đ"},
    {"ė", "Ė"}, {"į", "Į"}, {"ļ", "Ļ"}, {"ņ", "Ņ"},
};

struct Spec {
    std::string name;
    std::string label;
    std::string text;
    KeyAction action;
    float units;
};

std::string capital(std::string_view letter) {
    if (letter.size() == 1 && letter[0] >= 'a' && letter[0] <= 'z') {
        return {static_cast<char>(letter[0] - 'a' + 'A')};
    }
    for (const auto& [lower, upper] : kCapitals) {
        if (lower == letter) {
            return std::string(upper);
        }
    }
    return std::string(letter);
}

std::vector<Spec> characterRow(std::string_view row, bool shift) {
    std::vector<Spec> specs;
    std::size_t start = 0;
    while (start < row.size()) {
        std::size_t end = std::min(row.find(' ', start), row.size());
        std::string_view letter = row.substr(start, end - start);
        std::string typed = shift ? capital(letter) : std::string(letter);
        specs.push_back({"key." + std::string(letter), typed, typed, KeyAction::Insert, 1.0F});
        start = end + 1;
    }
    return specs;
}

std::vector<std::vector<Spec>> pageRows(KeyboardLayout layout, KeyboardPage page, bool shift) {
    std::vector<std::vector<Spec>> rows;
    std::vector<Spec> shiftRowStart = {{"key.shift", "\u21E7", "", KeyAction::Shift, 1.5F}};
    Spec erase{"key.erase", "\u232B", "", KeyAction::Backspace, 1.5F};
    if (page == KeyboardPage::Letters) {
        const auto& letters = layout == KeyboardLayout::AzertyBelgian ? kAzertyRows
                              : layout == KeyboardLayout::Qwerty      ? kQwertyRows
                                                                      : kQwertzRows;
        rows.push_back(characterRow(kDigitRow, false));
        rows.push_back(characterRow(letters[0], shift));
        rows.push_back(characterRow(letters[1], shift));
        std::vector<Spec> last = shiftRowStart;
        for (Spec& spec : characterRow(letters[2], shift)) {
            last.push_back(std::move(spec));
        }
        last.push_back(erase);
        rows.push_back(std::move(last));
    } else {
        for (std::size_t i = 0; i + 1 < kAccentRows.size(); ++i) {
            rows.push_back(characterRow(kAccentRows[i], shift));
        }
        std::vector<Spec> last = shiftRowStart;
        for (Spec& spec : characterRow(kAccentRows.back(), shift)) {
            last.push_back(std::move(spec));
        }
        last.push_back(erase);
        rows.push_back(std::move(last));
    }
    std::string layoutLabel(keyboardLayoutName(layout));
    layoutLabel = layoutLabel.substr(0, layoutLabel.find('-'));
    std::transform(layoutLabel.begin(), layoutLabel.end(), layoutLabel.begin(),
                   [](char c) { return static_cast<char>(c - 'a' + 'A'); });
    rows.push_back({
        {"key.page", page == KeyboardPage::Letters ? "àé" : "abc", "", KeyAction::Page, 1.5F},
        {"key.layout", layoutLabel, "", KeyAction::Layout, 2.5F},
        {"key.space", "", " ", KeyAction::Insert, 5.0F},
        {"key..", ".", ".", KeyAction::Insert, 1.0F},
        {"key.@", "@", "@", KeyAction::Insert, 1.0F},
        {"key.done", "", "", KeyAction::Done, 2.5F},
    });
    return rows;
}

}  // namespace

std::string_view keyboardLayoutName(KeyboardLayout layout) {
    switch (layout) {
        case KeyboardLayout::AzertyBelgian:
            return "azerty-be";
        case KeyboardLayout::Qwerty:
            return "qwerty";
        case KeyboardLayout::Qwertz:
            return "qwertz";
    }
    return "azerty-be";
}

std::optional<KeyboardLayout> keyboardLayoutFromName(std::string_view name) {
    for (KeyboardLayout layout :
         {KeyboardLayout::AzertyBelgian, KeyboardLayout::Qwerty, KeyboardLayout::Qwertz}) {
        if (keyboardLayoutName(layout) == name) {
            return layout;
        }
    }
    return std::nullopt;
}

std::vector<KeyCap> keyboardKeys(KeyboardLayout layout, KeyboardPage page, bool shift,
                                 ImVec2 origin, ImVec2 size) {
    std::vector<std::vector<Spec>> rows = pageRows(layout, page, shift);
    float widest = 0;
    for (const auto& row : rows) {
        float units = 0;
        for (const Spec& spec : row) {
            units += spec.units;
        }
        widest = std::max(widest, units);
    }
    float unit = size.x / widest;
    float gap = std::min(unit, size.y / static_cast<float>(rows.size())) * 0.12F;
    float rowHeight = size.y / static_cast<float>(rows.size());
    std::vector<KeyCap> keys;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        float units = 0;
        for (const Spec& spec : rows[r]) {
            units += spec.units;
        }
        float x = origin.x + (size.x - units * unit) / 2;
        float y = origin.y + static_cast<float>(r) * rowHeight;
        for (Spec& spec : rows[r]) {
            float width = spec.units * unit;
            keys.push_back({std::move(spec.name), std::move(spec.label), std::move(spec.text),
                            spec.action, ImVec2(x + gap / 2, y + gap / 2),
                            ImVec2(x + width - gap / 2, y + rowHeight - gap / 2)});
            x += width;
        }
    }
    return keys;
}

bool OnScreenKeyboard::draw(Ui& ui, std::string& text, ImVec2 size, const char* doneLabel) {
    ImVec2 origin = ImGui::GetCursorScreenPos();
    std::vector<KeyCap> keys = keyboardKeys(layout_, page_, shift_, origin, size);
    const KeyCap* tapped = nullptr;
    for (const KeyCap& key : keys) {
        ImGui::SetCursorScreenPos(key.min);
        ButtonKind kind = ButtonKind::Secondary;
        if (key.action == KeyAction::Done) {
            kind = ButtonKind::Primary;
        } else if (key.action == KeyAction::Shift && shift_) {
            kind = ButtonKind::Selected;
        }
        const char* label = key.action == KeyAction::Done ? doneLabel : key.label.c_str();
        ImVec2 keySize(key.max.x - key.min.x, key.max.y - key.min.y);
        if (button(ui, key.name, label, keySize, kind)) {
            tapped = &key;
        }
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(size);
    if (tapped == nullptr) {
        return false;
    }
    switch (tapped->action) {
        case KeyAction::Insert:
            text += tapped->text;
            if (tapped->text != " ") {
                shift_ = false;
            }
            return false;
        case KeyAction::Backspace:
            eraseLastCharacter(text);
            return false;
        case KeyAction::Shift:
            shift_ = !shift_;
            return false;
        case KeyAction::Page:
            page_ = page_ == KeyboardPage::Letters ? KeyboardPage::Accents : KeyboardPage::Letters;
            return false;
        case KeyAction::Layout:
            layout_ = layout_ == KeyboardLayout::AzertyBelgian ? KeyboardLayout::Qwerty
                      : layout_ == KeyboardLayout::Qwerty      ? KeyboardLayout::Qwertz
                                                               : KeyboardLayout::AzertyBelgian;
            return false;
        case KeyAction::Done:
            return true;
    }
    return false;
}

void eraseLastCharacter(std::string& text) {
    if (text.empty()) {
        return;
    }
    std::size_t end = text.size() - 1;
    // Step back over UTF-8 continuation bytes (10xxxxxx) to the character's first byte.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    text.erase(end);
}

}  // namespace balie::ui
