// SPDX-License-Identifier: GPL-3.0-or-later
// The numeric pad: digits like a card terminal, with erase and confirm beside them.
#include "balie/ui/numeric_pad.h"

#include <algorithm>

namespace balie::ui {

std::vector<KeyCap> numericPadKeys(ImVec2 origin, ImVec2 size) {
    // Digits in three columns with a wide 0 below them; a wider fourth column holds erase
    // (top half) and confirm (bottom half), so a long translated label fits on confirm.
    constexpr float kUnits = 4.6F;
    constexpr int kRows = 4;
    float unit = size.x / kUnits;
    float row = size.y / kRows;
    float gap = std::min(unit, row) * 0.1F;
    auto key = [&](std::string name, std::string label, KeyAction action, float left, float top,
                   float width, float height) {
        return KeyCap{"pad." + name,
                      label,
                      action == KeyAction::Insert ? name : std::string(),
                      action,
                      ImVec2(origin.x + left + gap / 2, origin.y + top + gap / 2),
                      ImVec2(origin.x + left + width - gap / 2, origin.y + top + height - gap / 2)};
    };
    std::vector<KeyCap> keys;
    for (int digit = 1; digit <= 9; ++digit) {
        std::string text(1, static_cast<char>('0' + digit));
        keys.push_back(key(text, text, KeyAction::Insert,
                           static_cast<float>((digit - 1) % 3) * unit,
                           static_cast<float>((digit - 1) / 3) * row, unit, row));
    }
    keys.push_back(key("0", "0", KeyAction::Insert, 0, 3 * row, 3 * unit, row));
    keys.push_back(
        key("erase", "\u232B", KeyAction::Backspace, 3 * unit, 0, size.x - 3 * unit, 2 * row));
    keys.push_back(
        key("confirm", "", KeyAction::Done, 3 * unit, 2 * row, size.x - 3 * unit, 2 * row));
    return keys;
}

std::optional<PadKey> numericPad(Ui& ui, ImVec2 size, const char* confirmLabel, bool canConfirm) {
    ImVec2 origin = ImGui::GetCursorScreenPos();
    std::optional<PadKey> tapped;
    for (const KeyCap& key : numericPadKeys(origin, size)) {
        ImGui::SetCursorScreenPos(key.min);
        ImVec2 keySize(key.max.x - key.min.x, key.max.y - key.min.y);
        switch (key.action) {
            case KeyAction::Done:
                if (button(ui, key.name, confirmLabel, keySize,
                           canConfirm ? ButtonKind::Primary : ButtonKind::Disabled)) {
                    tapped = PadKey{PadKey::Kind::Confirm, 0};
                }
                break;
            case KeyAction::Backspace:
                if (button(ui, key.name, key.label.c_str(), keySize, ButtonKind::Secondary,
                           ui.fonts.title)) {
                    tapped = PadKey{PadKey::Kind::Erase, 0};
                }
                break;
            default:
                if (button(ui, key.name, key.label.c_str(), keySize, ButtonKind::Secondary,
                           ui.fonts.digits)) {
                    tapped = PadKey{PadKey::Kind::Digit, key.text[0]};
                }
                break;
        }
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(size);
    return tapped;
}

}  // namespace balie::ui
