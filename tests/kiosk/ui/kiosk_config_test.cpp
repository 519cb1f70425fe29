// SPDX-License-Identifier: GPL-3.0-or-later
// balie-kiosk's configuration file and where the program finds its catalogs and fonts.
#include "balie/ui/kiosk_config.h"

#include <gtest/gtest.h>

namespace balie::ui {
namespace {

TEST(KioskConfigTest, HasSafeDefaults) {
    auto config = parseKioskConfig("");
    ASSERT_TRUE(config.has_value());
    EXPECT_EQ(config->language, core::Language::Dutch);
    EXPECT_EQ(config->keyboard, KeyboardLayout::AzertyBelgian);
    EXPECT_EQ(config->idleTimeout, std::chrono::seconds(90));
    EXPECT_TRUE(config->localeDir.empty());
}

TEST(KioskConfigTest, ReadsEveryKey) {
    auto config = parseKioskConfig(
        "# Antwerp reception\n"
        "language = fr\n"
        "keyboard=qwertz\n"
        "  idle-timeout = 30  # seconds\n"
        "locale-dir = /usr/share/locale\n"
        "font-dir = /opt/fonts\n");
    ASSERT_TRUE(config.has_value()) << config.error().message;
    EXPECT_EQ(config->language, core::Language::French);
    EXPECT_EQ(config->keyboard, KeyboardLayout::Qwertz);
    EXPECT_EQ(config->idleTimeout, std::chrono::seconds(30));
    EXPECT_EQ(config->localeDir, "/usr/share/locale");
    EXPECT_EQ(config->fontDir, "/opt/fonts");
}

TEST(KioskConfigTest, NamesTheLineOfABadSetting) {
    auto check = [](const char* text, const char* message) {
        auto config = parseKioskConfig(text);
        ASSERT_FALSE(config.has_value()) << text;
        EXPECT_EQ(config.error().code, core::Errc::Config);
        EXPECT_EQ(config.error().message, message);
    };
    check("language = nl\ncolour = blue\n", "config line 2: unknown key 'colour'");
    check("language = es", "config line 1: language must be nl, fr, de or en");
    check("keyboard = dvorak", "config line 1: keyboard must be azerty-be, qwerty or qwertz");
    check("idle-timeout = 0", "config line 1: idle-timeout must be 1 to 3600 seconds");
    check("idle-timeout = 5m", "config line 1: idle-timeout must be 1 to 3600 seconds");
    check("\n\nlanguage nl", "config line 3: expected 'key = value'");
}

TEST(KioskConfigTest, ReportsAnUnreadableFile) {
    auto config = loadKioskConfig("/nonexistent/kiosk.conf");
    ASSERT_FALSE(config.has_value());
    EXPECT_EQ(config.error().message, "cannot read config file /nonexistent/kiosk.conf");
}

TEST(KioskConfigTest, FindsCatalogsAndFontsUnlessConfigured) {
    EXPECT_EQ(resolveLocaleDir("/srv/locale"), "/srv/locale");
    // The test binary is not installed, so the build tree's catalogs are used.
    EXPECT_EQ(resolveLocaleDir({}), BALIE_UI_LOCALE_DIR);
    EXPECT_EQ(resolveFontDir({}), BALIE_UI_FONT_DIR);
    EXPECT_EQ(resolveFontDir("/opt/fonts"), "/opt/fonts");
}

}  // namespace
}  // namespace balie::ui
