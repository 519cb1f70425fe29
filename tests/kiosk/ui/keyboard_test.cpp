// SPDX-License-Identifier: GPL-3.0-or-later
// The on-screen keyboard and numeric pad: layouts, sizes, and typing by tapping.
#include "balie/ui/keyboard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "balie/ui/numeric_pad.h"
#include "headless_imgui.h"

namespace balie::ui {
namespace {

const ImVec2 kOrigin(48, 500);
const ImVec2 kSize(1824, 540);

std::vector<std::string> names(const std::vector<KeyCap>& keys) {
    std::vector<std::string> result;
    for (const KeyCap& key : keys) {
        result.push_back(key.name);
    }
    return result;
}

const KeyCap& keyNamed(const std::vector<KeyCap>& keys, const std::string& name) {
    auto found = std::find_if(keys.begin(), keys.end(),
                              [&name](const KeyCap& key) { return key.name == name; });
    EXPECT_NE(found, keys.end()) << name;
    return *found;
}

TEST(KeyboardTest, NamesItsLayouts) {
    for (KeyboardLayout layout :
         {KeyboardLayout::AzertyBelgian, KeyboardLayout::Qwerty, KeyboardLayout::Qwertz}) {
        EXPECT_EQ(keyboardLayoutFromName(keyboardLayoutName(layout)), layout);
    }
    EXPECT_EQ(keyboardLayoutName(KeyboardLayout::AzertyBelgian), "azerty-be");
    EXPECT_FALSE(keyboardLayoutFromName("dvorak").has_value());
}

TEST(KeyboardTest, LaysOutBelgianAzerty) {
    auto keys = names(
        keyboardKeys(KeyboardLayout::AzertyBelgian, KeyboardPage::Letters, false, kOrigin, kSize));
    auto at = [&keys](const char* name) {
        return std::find(keys.begin(), keys.end(), name) - keys.begin();
    };
    // A Z E R T Y on top, M at the end of the home row, W beside shift.
    EXPECT_EQ(at("key.z"), at("key.a") + 1);
    EXPECT_EQ(at("key.y"), at("key.a") + 5);
    EXPECT_EQ(at("key.m"), at("key.l") + 1);
    EXPECT_EQ(at("key.w"), at("key.shift") + 1);
    EXPECT_EQ(at("key.1"), 0);
}

TEST(KeyboardTest, LaysOutQwertyAndQwertzWithUmlauts) {
    auto qwerty =
        names(keyboardKeys(KeyboardLayout::Qwerty, KeyboardPage::Letters, false, kOrigin, kSize));
    EXPECT_EQ(std::find(qwerty.begin(), qwerty.end(), "key.w") -
                  std::find(qwerty.begin(), qwerty.end(), "key.q"),
              1);
    auto qwertz =
        names(keyboardKeys(KeyboardLayout::Qwertz, KeyboardPage::Letters, false, kOrigin, kSize));
    for (const char* key : {"key.ü", "key.ö", "key.ä", "key.ß", "key.z", "key.y"}) {
        EXPECT_NE(std::find(qwertz.begin(), qwertz.end(), key), qwertz.end()) << key;
    }
    EXPECT_EQ(std::find(qwertz.begin(), qwertz.end(), "key.z") -
                  std::find(qwertz.begin(), qwertz.end(), "key.t"),
              1);
}

TEST(KeyboardTest, OffersAccentedLettersOfEuropeanNames) {
    auto keys = keyboardKeys(KeyboardLayout::Qwerty, KeyboardPage::Accents, false, kOrigin, kSize);
    for (const char* letter : {"é", "è", "ë", "ç", "ñ", "ø", "ł", "ő", "ș", "ž", "ğ", "ą"}) {
        EXPECT_EQ(keyNamed(keys, std::string("key.") + letter).text, letter);
    }
    auto capitals =
        keyboardKeys(KeyboardLayout::Qwerty, KeyboardPage::Accents, true, kOrigin, kSize);
    EXPECT_EQ(keyNamed(capitals, "key.é").text, "É");
    EXPECT_EQ(keyNamed(capitals, "key.ł").text, "Ł");
    EXPECT_EQ(keyNamed(capitals, "key.ß").text, "ẞ");
}

TEST(KeyboardTest, KeysAreFingerSizedAndDoNotOverlap) {
    Metrics metrics = computeMetrics(141.0F, 1920, 1080);
    for (KeyboardPage page : {KeyboardPage::Letters, KeyboardPage::Accents}) {
        for (KeyboardLayout layout :
             {KeyboardLayout::AzertyBelgian, KeyboardLayout::Qwerty, KeyboardLayout::Qwertz}) {
            auto keys = keyboardKeys(layout, page, false, kOrigin, kSize);
            for (const KeyCap& key : keys) {
                EXPECT_GE(key.max.x - key.min.x, metrics.minTarget) << key.name;
                EXPECT_GE(key.max.y - key.min.y, metrics.minTarget) << key.name;
                EXPECT_GE(key.min.x, kOrigin.x) << key.name;
                EXPECT_LE(key.max.x, kOrigin.x + kSize.x) << key.name;
                EXPECT_LE(key.max.y, kOrigin.y + kSize.y) << key.name;
                for (const KeyCap& other : keys) {
                    bool overlap = &other != &key && key.min.x < other.max.x &&
                                   other.min.x < key.max.x && key.min.y < other.max.y &&
                                   other.min.y < key.max.y;
                    EXPECT_FALSE(overlap) << key.name << " overlaps " << other.name;
                }
            }
        }
    }
}

TEST(KeyboardTest, TypesANameWithCapitalsAndAccentsByTapping) {
    test::HeadlessImGui imgui;
    OnScreenKeyboard keyboard(KeyboardLayout::AzertyBelgian);
    std::string text;
    bool done = false;
    auto draw = [&] {
        ImGui::SetCursorScreenPos(kOrigin);
        done = keyboard.draw(imgui.ui(), text, kSize, "OK") || done;
    };
    imgui.frame(draw);
    for (const char* key : {"key.shift", "key.page", "key.ł", "key.ó", "key.page", "key.d",
                            "key.page", "key.ź", "key.space", "key.page", "key.shift", "key.k"}) {
        imgui.tap(key, draw);
    }
    EXPECT_EQ(text, "Łódź K");
    EXPECT_FALSE(keyboard.shift()) << "shift applies to one letter";
    imgui.tap("key.erase", draw);
    imgui.tap("key.erase", draw);
    EXPECT_EQ(text, "Łódź");
    EXPECT_FALSE(done);
    imgui.tap("key.done", draw);
    EXPECT_TRUE(done);
}

TEST(KeyboardTest, CyclesLayouts) {
    test::HeadlessImGui imgui;
    OnScreenKeyboard keyboard(KeyboardLayout::AzertyBelgian);
    std::string text;
    auto draw = [&] {
        ImGui::SetCursorScreenPos(kOrigin);
        keyboard.draw(imgui.ui(), text, kSize, "OK");
    };
    imgui.frame(draw);
    imgui.tap("key.layout", draw);
    EXPECT_EQ(keyboard.layout(), KeyboardLayout::Qwerty);
    imgui.tap("key.layout", draw);
    EXPECT_EQ(keyboard.layout(), KeyboardLayout::Qwertz);
    imgui.tap("key.layout", draw);
    EXPECT_EQ(keyboard.layout(), KeyboardLayout::AzertyBelgian);
    EXPECT_EQ(text, "");
}

TEST(KeyboardTest, ErasesWholeCharactersNotBytes) {
    std::string text = "Zoë Ł";
    eraseLastCharacter(text);
    EXPECT_EQ(text, "Zoë ");
    eraseLastCharacter(text);
    eraseLastCharacter(text);
    EXPECT_EQ(text, "Zo");
    std::string empty;
    eraseLastCharacter(empty);
    EXPECT_EQ(empty, "");
}

TEST(NumericPadTest, HasDigitsEraseAndConfirm) {
    auto keys = numericPadKeys(ImVec2(0, 0), ImVec2(920, 800));
    ASSERT_EQ(keys.size(), 12U);
    EXPECT_EQ(keyNamed(keys, "pad.0").text, "0");
    EXPECT_EQ(keyNamed(keys, "pad.erase").action, KeyAction::Backspace);
    EXPECT_EQ(keyNamed(keys, "pad.confirm").action, KeyAction::Done);
    // 1 2 3 on the top row, left to right.
    EXPECT_LT(keyNamed(keys, "pad.1").min.x, keyNamed(keys, "pad.2").min.x);
    EXPECT_EQ(keyNamed(keys, "pad.1").min.y, keyNamed(keys, "pad.3").min.y);
    EXPECT_LT(keyNamed(keys, "pad.1").min.y, keyNamed(keys, "pad.7").min.y);
}

TEST(NumericPadTest, ReportsTheKeyTappedAndIgnoresADisabledConfirm) {
    test::HeadlessImGui imgui;
    std::vector<PadKey> tapped;
    bool canConfirm = false;
    auto draw = [&] {
        ImGui::SetCursorScreenPos(ImVec2(900, 200));
        if (auto key = numericPad(imgui.ui(), ImVec2(920, 800), "OK", canConfirm)) {
            tapped.push_back(*key);
        }
    };
    imgui.frame(draw);
    imgui.tap("pad.7", draw);
    imgui.tap("pad.erase", draw);
    imgui.tap("pad.confirm", draw);
    canConfirm = true;
    imgui.tap("pad.confirm", draw);
    ASSERT_EQ(tapped.size(), 3U);
    EXPECT_EQ(tapped[0].kind, PadKey::Kind::Digit);
    EXPECT_EQ(tapped[0].digit, '7');
    EXPECT_EQ(tapped[1].kind, PadKey::Kind::Erase);
    EXPECT_EQ(tapped[2].kind, PadKey::Kind::Confirm);
}

TEST(FontsTest, CoverLatinExtendedGreekAndCyrillicNames) {
    test::HeadlessImGui imgui;
    for (ImFont* font : {imgui.ui().fonts.body, imgui.ui().fonts.title}) {
        ASSERT_NE(font, nullptr);
        // é ł ő ș ž, Greek Ω and λ, Cyrillic Ж and ї, the euro sign, erase and the PIN dot.
        for (int glyph : {0x00E9, 0x0142, 0x0151, 0x0219, 0x017E, 0x03A9, 0x03BB, 0x0416, 0x0457,
                          0x20AC, 0x232B, 0x25CF, 0x2026}) {
            EXPECT_NE(font->FindGlyphNoFallback(static_cast<ImWchar>(glyph)), nullptr)
                << std::hex << glyph;
        }
    }
    EXPECT_NE(imgui.ui().fonts.digits->FindGlyphNoFallback(0x25CF), nullptr);
    EXPECT_EQ(imgui.ui().fonts.body->FontSize, imgui.ui().metrics.bodyFont);
}

TEST(FontsTest, ReportsAMissingFontDirectory) {
    ImFontAtlas atlas;
    auto fonts = loadFonts(atlas, "/nonexistent", computeMetrics(96.0F, 1920, 1080));
    ASSERT_FALSE(fonts.has_value());
    EXPECT_EQ(fonts.error().code, core::Errc::NotFound);
    EXPECT_EQ(fonts.error().message, "cannot read font /nonexistent/DejaVuSans.ttf");
}

}  // namespace
}  // namespace balie::ui
