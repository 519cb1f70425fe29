// SPDX-License-Identifier: GPL-3.0-or-later
// Every character the wizard can show has a glyph in the kiosk's fonts: its texts in the four
// catalogs and the country names its search lists (a missing glyph is drawn as '?').
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/country.h"
#include "balie/ui/catalog.h"
#include "balie/ui/translator.h"
#include "headless_imgui.h"

namespace balie::test {
namespace {

constexpr std::string_view kWizardContext = "wizard";

// The code points of UTF-8 text (the catalogs are checked to be UTF-8 by msgfmt).
std::vector<unsigned> codePoints(std::string_view text) {
    std::vector<unsigned> points;
    for (std::size_t i = 0; i < text.size();) {
        auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        unsigned c = length == 1 ? lead : lead & (0x3FU >> (length - 1));
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
            c = c << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
        }
        points.push_back(c);
        i += length;
    }
    return points;
}

std::string missingGlyphs(ImFont* font, std::string_view text) {
    std::string missing;
    for (unsigned c : codePoints(text)) {
        if (c >= 0x20 && font->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) {
            missing += " U+" + std::to_string(c);
        }
    }
    return missing;
}

TEST(WizardGlyphsTest, EveryWizardTextHasItsGlyphsInEveryLanguage) {
    HeadlessImGui imgui;
    ImFont* font = imgui.ui().fonts.body;
    ASSERT_NE(font, nullptr);
    std::size_t checked = 0;
    for (core::Language language : ui::kLanguages) {
        std::filesystem::path file = std::filesystem::path(BALIE_UI_LOCALE_DIR) /
                                     std::string(core::languageCode(language)) / "LC_MESSAGES" /
                                     "balie-kiosk.mo";
        auto catalog = ui::Catalog::load(file);
        ASSERT_TRUE(catalog.has_value()) << file;
        catalog->forEachMsgid([&](std::string_view key) {
            std::size_t separator = key.find('\x04');
            if (separator == std::string_view::npos || key.substr(0, separator) != kWizardContext) {
                return;
            }
            const std::string* text = catalog->find(kWizardContext, key.substr(separator + 1));
            ASSERT_NE(text, nullptr);
            EXPECT_EQ(missingGlyphs(font, *text), "")
                << core::languageCode(language) << ": \"" << *text << '"';
            ++checked;
        });
    }
    EXPECT_GT(checked, 4 * 100U) << "the wizard's texts are not in the catalogs";
}

TEST(WizardGlyphsTest, EveryCountryNameHasItsGlyphs) {
    HeadlessImGui imgui;
    ImFont* font = imgui.ui().fonts.body;
    for (const core::Country& country : core::allCountries()) {
        for (core::Language language : ui::kLanguages) {
            EXPECT_EQ(missingGlyphs(font, country.name(language)), "")
                << core::languageCode(language) << ": " << country.name(language);
        }
    }
}

}  // namespace
}  // namespace balie::test
