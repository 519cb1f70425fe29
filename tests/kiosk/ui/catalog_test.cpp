// SPDX-License-Identifier: GPL-3.0-or-later
// Reading .mo catalogs, lookups with context and plurals, and the translator's fallbacks.
#include "balie/ui/catalog.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "balie/ui/translator.h"

namespace balie::ui {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

// Writes a .mo file the way msgfmt lays it out: header, both tables, then the strings.
std::string buildMo(const Entries& entries, bool bigEndian = false) {
    std::string bytes;
    auto word = [&bytes, bigEndian](std::uint32_t value) {
        for (int i = 0; i < 4; ++i) {
            int shift = bigEndian ? 24 - 8 * i : 8 * i;
            bytes.push_back(static_cast<char>((value >> shift) & 0xFF));
        }
    };
    auto count = static_cast<std::uint32_t>(entries.size());
    std::uint32_t originals = 28;
    std::uint32_t translations = originals + 8 * count;
    std::uint32_t strings = translations + 8 * count;
    word(0x950412de);
    word(0);
    word(count);
    word(originals);
    word(translations);
    word(0);
    word(strings);
    std::string pool;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> originalSpans;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> translationSpans;
    for (const auto& [original, translation] : entries) {
        originalSpans.emplace_back(static_cast<std::uint32_t>(original.size()),
                                   strings + static_cast<std::uint32_t>(pool.size()));
        pool += original;
        pool.push_back('\0');
    }
    for (const auto& [original, translation] : entries) {
        translationSpans.emplace_back(static_cast<std::uint32_t>(translation.size()),
                                      strings + static_cast<std::uint32_t>(pool.size()));
        pool += translation;
        pool.push_back('\0');
    }
    for (const auto& [length, offset] : originalSpans) {
        word(length);
        word(offset);
    }
    for (const auto& [length, offset] : translationSpans) {
        word(length);
        word(offset);
    }
    return bytes + pool;
}

const std::string kFrenchHeader =
    "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n > 1);\n";
const std::string kDutchHeader =
    "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n";

TEST(CatalogTest, FindsTranslationsByMsgid) {
    auto catalog = Catalog::parse(buildMo({{"", kDutchHeader}, {"Back", "Terug"}}));
    ASSERT_TRUE(catalog.has_value()) << catalog.error().message;
    ASSERT_NE(catalog->find("Back"), nullptr);
    EXPECT_EQ(*catalog->find("Back"), "Terug");
    EXPECT_EQ(catalog->find("Next"), nullptr);
    EXPECT_EQ(catalog->size(), 1U);
}

TEST(CatalogTest, ReadsBothByteOrders) {
    auto catalog = Catalog::parse(buildMo({{"Back", "Zurück"}}, true));
    ASSERT_TRUE(catalog.has_value()) << catalog.error().message;
    ASSERT_NE(catalog->find("Back"), nullptr);
    EXPECT_EQ(*catalog->find("Back"), "Zurück");
}

TEST(CatalogTest, SeparatesMessagesByContext) {
    auto catalog = Catalog::parse(buildMo({{"May", "mei"}, {std::string("verb\x04May"), "mogen"}}));
    ASSERT_TRUE(catalog.has_value());
    EXPECT_EQ(*catalog->find("May"), "mei");
    EXPECT_EQ(*catalog->find("verb", "May"), "mogen");
    EXPECT_EQ(catalog->find("noun", "May"), nullptr);
}

TEST(CatalogTest, PicksFrenchAndDutchPluralForms) {
    std::string original = std::string("{count} attempt left") + '\0' + "{count} attempts left";
    auto french = Catalog::parse(buildMo(
        {{"", kFrenchHeader}, {original, std::string("{count} essai") + '\0' + "{count} essais"}}));
    ASSERT_TRUE(french.has_value()) << french.error().message;
    EXPECT_EQ(french->pluralRule(), PluralRule::ZeroAndOneAreSingular);
    EXPECT_EQ(*french->findPlural("{count} attempt left", 0), "{count} essai");
    EXPECT_EQ(*french->findPlural("{count} attempt left", 1), "{count} essai");
    EXPECT_EQ(*french->findPlural("{count} attempt left", 2), "{count} essais");

    auto dutch = Catalog::parse(
        buildMo({{"", kDutchHeader},
                 {original, std::string("{count} poging") + '\0' + "{count} pogingen"}}));
    ASSERT_TRUE(dutch.has_value());
    EXPECT_EQ(*dutch->findPlural("{count} attempt left", 0), "{count} pogingen");
    EXPECT_EQ(*dutch->findPlural("{count} attempt left", 1), "{count} poging");
}

TEST(CatalogTest, TreatsEmptyTranslationsAsMissing) {
    auto catalog = Catalog::parse(buildMo({{"Back", ""}}));
    ASSERT_TRUE(catalog.has_value());
    EXPECT_EQ(catalog->find("Back"), nullptr);
}

TEST(CatalogTest, RejectsWhatIsNotAMoFile) {
    auto notMo = Catalog::parse("msgid \"Back\"\nmsgstr \"Terug\"\n");
    ASSERT_FALSE(notMo.has_value());
    EXPECT_EQ(notMo.error().code, core::Errc::InvalidFormat);
    EXPECT_EQ(notMo.error().message, "not a .mo file");
    EXPECT_FALSE(Catalog::parse("").has_value());
}

TEST(CatalogTest, RejectsTruncatedFiles) {
    std::string bytes = buildMo({{"Back", "Terug"}, {"Next", "Volgende"}});
    auto truncated = Catalog::parse(std::string_view(bytes).substr(0, bytes.size() - 6));
    ASSERT_FALSE(truncated.has_value());
    EXPECT_EQ(truncated.error().message, "message 1 lies outside the file");
}

TEST(CatalogTest, RejectsTablesOutsideTheFile) {
    std::string bytes = buildMo({{"Back", "Terug"}});
    bytes[8] = '\x7f';  // claim far more messages than the tables hold
    auto broken = Catalog::parse(bytes);
    ASSERT_FALSE(broken.has_value());
    EXPECT_EQ(broken.error().code, core::Errc::InvalidFormat);
}

TEST(CatalogTest, RejectsUnknownRevisionsAndPluralRules) {
    std::string bytes = buildMo({{"Back", "Terug"}});
    bytes[6] = '\x02';  // major revision 2
    EXPECT_EQ(Catalog::parse(bytes).error().message, "unsupported .mo revision 2");
    auto polish = Catalog::parse(buildMo(
        {{"", "Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);\n"}}));
    ASSERT_FALSE(polish.has_value());
    EXPECT_TRUE(polish.error().message.starts_with("unsupported Plural-Forms rule"))
        << polish.error().message;
}

TEST(CatalogTest, ReportsAMissingFile) {
    auto missing = Catalog::load("/nonexistent/balie-kiosk.mo");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, core::Errc::NotFound);
    EXPECT_EQ(missing.error().message, "cannot read /nonexistent/balie-kiosk.mo");
}

TEST(TranslatorTest, SwitchesLanguageAtRunTime) {
    Translator translator;
    translator.setCatalog(core::Language::Dutch, *Catalog::parse(buildMo({{"Back", "Terug"}})));
    translator.setCatalog(core::Language::French, *Catalog::parse(buildMo({{"Back", "Retour"}})));
    translator.setLanguage(core::Language::Dutch);
    EXPECT_STREQ(translator.tr("Back"), "Terug");
    translator.setLanguage(core::Language::French);
    EXPECT_STREQ(translator.tr("Back"), "Retour");
    EXPECT_STREQ(translator.tr(core::Language::Dutch, "Back"), "Terug");
}

TEST(TranslatorTest, FallsBackToTheEnglishMsgid) {
    Translator translator;
    translator.setLanguage(core::Language::German);
    EXPECT_STREQ(translator.tr("Back"), "Back");
    EXPECT_STREQ(translator.trc("verb", "May"), "May");
    EXPECT_STREQ(translator.trn("{count} attempt left", "{count} attempts left", 1),
                 "{count} attempt left");
    EXPECT_STREQ(translator.trn("{count} attempt left", "{count} attempts left", 3),
                 "{count} attempts left");
}

TEST(TranslatorTest, LoadsTheBuiltCatalogs) {
    auto translator = Translator::load(BALIE_UI_LOCALE_DIR);
    ASSERT_TRUE(translator.has_value()) << translator.error().message;
    translator->setLanguage(core::Language::German);
    EXPECT_STREQ(translator->tr("Back"), "Zurück");
    translator->setLanguage(core::Language::French);
    EXPECT_STREQ(
        translator->trn("Wrong PIN. {count} attempt left.", "Wrong PIN. {count} attempts left.", 0),
        "Code PIN erroné. Encore {count} essai.");
}

TEST(TranslatorTest, ReportsAMissingCatalogWithItsPath) {
    auto translator = Translator::load("/nonexistent");
    ASSERT_FALSE(translator.has_value());
    EXPECT_EQ(translator.error().message, "cannot read /nonexistent/nl/LC_MESSAGES/balie-kiosk.mo");
}

TEST(SubstituteTest, ReplacesNamedPlaceholdersInAnyOrder) {
    EXPECT_EQ(substitute("{a} and {b}", {{"b", "2"}, {"a", "1"}}), "1 and 2");
    EXPECT_EQ(substitute("PIN {pin}.", {{"pin", "1234"}}), "PIN 1234.");
}

TEST(SubstituteTest, LeavesUnknownAndUnclosedPlaceholders) {
    EXPECT_EQ(substitute("{x} {pin", {{"pin", "1"}}), "{x} {pin");
    EXPECT_EQ(substitute("", {}), "");
}

}  // namespace
}  // namespace balie::ui
