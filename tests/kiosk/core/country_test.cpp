// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the country table generated from iso-codes and of its lookups.
#include "balie/core/country.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

#include "balie/core/language.h"

namespace balie::core {
namespace {

constexpr Language kLanguages[] = {Language::Dutch, Language::French, Language::German,
                                   Language::English};

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool isUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        char32_t codePoint = 0;
        if (lead < 0x80) {
            length = 1;
            codePoint = lead;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
            codePoint = lead & 0x1Fu;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            codePoint = lead & 0x0Fu;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            codePoint = lead & 0x07u;
        } else {
            return false;
        }
        if (i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) {
                return false;
            }
            codePoint = (codePoint << 6) | (next & 0x3Fu);
        }
        constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (codePoint < kSmallest[length] || codePoint > 0x10FFFF ||
            (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            return false;
        }
        i += length;
    }
    return true;
}

void expectNames(const Country* country, std::string_view dutch, std::string_view french,
                 std::string_view german, std::string_view english) {
    ASSERT_NE(country, nullptr);
    EXPECT_EQ(country->name(Language::Dutch), dutch);
    EXPECT_EQ(country->name(Language::French), french);
    EXPECT_EQ(country->name(Language::German), german);
    EXPECT_EQ(country->name(Language::English), english);
}

TEST(CountryTest, ListsEveryIsoCountryBeforeTheMrzOnlyCodes) {
    std::size_t iso = 0;
    std::size_t mrzOnly = 0;
    for (const Country& country : allCountries()) {
        if (country.isIso()) {
            EXPECT_EQ(mrzOnly, 0u) << country.alpha2 << " comes after an MRZ-only code";
            ++iso;
        } else {
            ++mrzOnly;
        }
    }
    // iso-codes 4.15 has 249 countries; a newer release may add some, never drop one.
    EXPECT_GE(iso, 249u);
    EXPECT_EQ(mrzOnly, 26u);
}

TEST(CountryTest, NamesBelgiumAndGermanyInEachLanguage) {
    expectNames(countryByAlpha2("BE"), "België", "Belgique", "Belgien", "Belgium");
    expectNames(countryByAlpha2("DE"), "Duitsland", "Allemagne", "Deutschland", "Germany");
}

TEST(CountryTest, PrefersTheShortCommonNameInEachLanguage) {
    expectNames(countryByAlpha2("BO"), "Bolivia", "Bolivie", "Bolivien", "Bolivia");
    expectNames(countryByAlpha2("KR"), "Zuid-Korea", "Corée du Sud", "Südkorea", "South Korea");
}

TEST(CountryTest, FindsIsoCountriesByAlpha2) {
    const Country* belgium = countryByAlpha2("BE");
    ASSERT_NE(belgium, nullptr);
    EXPECT_EQ(belgium->alpha2, "BE");
    EXPECT_EQ(belgium->alpha3, "BEL");
    EXPECT_EQ(belgium->numeric, 56);
    EXPECT_EQ(belgium->nis, 150);
    EXPECT_TRUE(belgium->isIso());
    EXPECT_EQ(countryByAlpha2("AD"), &allCountries().front()) << "the first code";
    ASSERT_NE(countryByAlpha2("ZW"), nullptr) << "the last ISO code";
    EXPECT_EQ(countryByAlpha2("ZW")->alpha3, "ZWE");
    EXPECT_EQ(countryByAlpha2("ZZ"), nullptr);
    EXPECT_EQ(countryByAlpha2("AA"), nullptr);
}

TEST(CountryTest, FindsIsoCountriesByAlpha3) {
    EXPECT_EQ(countryByAlpha3("BEL"), countryByAlpha2("BE"));
    EXPECT_EQ(countryByAlpha3("NLD"), countryByAlpha2("NL"));
    EXPECT_EQ(countryByAlpha3("ZWE"), countryByAlpha2("ZW"));
    EXPECT_EQ(countryByAlpha3("ABW"), countryByAlpha2("AW"));
    EXPECT_EQ(countryByAlpha3("ZZZ"), nullptr);
}

TEST(CountryTest, FindsCountriesByNumericCode) {
    auto byNumeric = [](int numeric) -> const Country* {
        for (const Country& country : allCountries()) {
            if (country.numeric == numeric) {
                return &country;
            }
        }
        return nullptr;
    };
    EXPECT_EQ(byNumeric(56), countryByAlpha2("BE"));
    EXPECT_EQ(byNumeric(276), countryByAlpha2("DE"));
    EXPECT_EQ(byNumeric(4), countryByAlpha2("AF")) << "leading zeros of \"004\" are dropped";
    EXPECT_EQ(byNumeric(999), nullptr);
}

TEST(CountryTest, ReadsGermanyFromTheMrzInEachSpelling) {
    const Country* germany = countryByAlpha2("DE");
    ASSERT_NE(germany, nullptr);
    EXPECT_EQ(countryByMrzCode("D<<"), germany);
    EXPECT_EQ(countryByMrzCode("D"), germany);
    EXPECT_EQ(countryByMrzCode("DEU"), germany);
    EXPECT_EQ(countryByAlpha3("D"), nullptr) << "\"D\" is an MRZ spelling, not an alpha-3 code";
}

TEST(CountryTest, ReadsIsoAndMrzOnlyCodesFromTheMrz) {
    EXPECT_EQ(countryByMrzCode("BEL"), countryByAlpha2("BE"));
    for (std::string_view code : {"GBD", "GBN", "GBO", "GBP", "GBS", "RKS", "EUE", "UNO", "UNA",
                                  "UNK", "XBA", "XIM", "XCC", "XCE", "XCO", "XEC", "XPO", "XES",
                                  "XMP", "XOM", "XDC", "XXA", "XXB", "XXC", "XXX", "UTO"}) {
        const Country* country = countryByMrzCode(code);
        ASSERT_NE(country, nullptr) << code;
        EXPECT_EQ(country->alpha3, code);
        EXPECT_EQ(countryByAlpha3(code), country);
        EXPECT_FALSE(country->isIso()) << code;
        EXPECT_EQ(country->numeric, 0) << code;
        EXPECT_EQ(country->nis, 0) << code;
    }
    expectNames(countryByMrzCode("UTO"), "Utopia", "Utopie", "Utopia", "Utopia");
    expectNames(countryByMrzCode("RKS"), "Kosovo", "Kosovo", "Kosovo", "Kosovo");
}

TEST(CountryTest, KnowsTheStatelessCode) {
    const Country* stateless = countryByMrzCode("XXA");
    expectNames(stateless, "Staatloos", "Apatride", "Staatenlos", "Stateless");
    ASSERT_NE(stateless, nullptr);
    EXPECT_TRUE(stateless->alpha2.empty());
    EXPECT_FALSE(stateless->isIso());
}

TEST(CountryTest, RejectsMalformedMrzCodes) {
    EXPECT_EQ(countryByMrzCode(""), nullptr);
    EXPECT_EQ(countryByMrzCode("<<<"), nullptr);
    EXPECT_EQ(countryByMrzCode("<D<"), nullptr) << "fillers only pad on the right";
    EXPECT_EQ(countryByMrzCode("BE<"), nullptr) << "alpha-2 codes are no MRZ codes";
    EXPECT_EQ(countryByMrzCode("D<<<"), nullptr);
    EXPECT_EQ(countryByMrzCode("BEL<"), nullptr);
    EXPECT_EQ(countryByMrzCode("B3L"), nullptr);
}

TEST(CountryTest, LookupsAreCaseSensitive) {
    EXPECT_EQ(countryByAlpha2("be"), nullptr);
    EXPECT_EQ(countryByAlpha2("Be"), nullptr);
    EXPECT_EQ(countryByAlpha3("bel"), nullptr);
    EXPECT_EQ(countryByMrzCode("bel"), nullptr);
    EXPECT_EQ(countryByMrzCode("d<<"), nullptr);
    EXPECT_EQ(countryByMrzCode("xxa"), nullptr);
}

TEST(CountryTest, RejectsEmptyAndTooLongCodes) {
    EXPECT_EQ(countryByAlpha2(""), nullptr);
    EXPECT_EQ(countryByAlpha2("B"), nullptr);
    EXPECT_EQ(countryByAlpha2("BEL"), nullptr);
    EXPECT_EQ(countryByAlpha3(""), nullptr);
    EXPECT_EQ(countryByAlpha3("BE"), nullptr);
    EXPECT_EQ(countryByAlpha3("BELG"), nullptr);
    EXPECT_EQ(countryByAlpha3(std::string(1000, 'A')), nullptr);
}

TEST(CountryTest, FindsCountriesByNisCode) {
    EXPECT_EQ(countryByNis(150), countryByAlpha2("BE"));
    EXPECT_EQ(countryByNis(111), countryByAlpha2("FR"));
    EXPECT_EQ(countryByNis(103), countryByAlpha2("DE"));
    EXPECT_EQ(countryByNis(129), countryByAlpha2("NL"));
    EXPECT_EQ(countryByNis(0), nullptr) << "0 means unknown, not a code";
    EXPECT_EQ(countryByNis(-150), nullptr);
    EXPECT_EQ(countryByNis(999), nullptr);
    EXPECT_EQ(countryByNis(1000), nullptr);
}

TEST(CountryTest, GivesEveryEntryFourNamesInUtf8) {
    for (const Country& country : allCountries()) {
        for (Language language : kLanguages) {
            const std::string_view name = country.name(language);
            EXPECT_FALSE(name.empty()) << country.alpha3 << " " << languageCode(language);
            EXPECT_TRUE(isUtf8(name)) << country.alpha3 << " " << languageCode(language);
        }
    }
}

TEST(CountryTest, HasUniqueCodesThatFindTheirOwnEntry) {
    std::set<std::string_view> alpha2;
    std::set<std::string_view> alpha3;
    std::set<int> nis;
    for (const Country& country : allCountries()) {
        EXPECT_TRUE(alpha3.insert(country.alpha3).second) << country.alpha3;
        EXPECT_EQ(countryByAlpha3(country.alpha3), &country) << country.alpha3;
        EXPECT_EQ(countryByMrzCode(country.alpha3), &country) << country.alpha3;
        if (country.isIso()) {
            EXPECT_TRUE(alpha2.insert(country.alpha2).second) << country.alpha2;
            EXPECT_EQ(countryByAlpha2(country.alpha2), &country) << country.alpha2;
            EXPECT_GT(country.numeric, 0) << country.alpha2;
        }
        if (country.nis != 0) {
            EXPECT_TRUE(nis.insert(country.nis).second) << country.nis;
            EXPECT_EQ(countryByNis(country.nis), &country) << country.nis;
        }
    }
}

TEST(CountryTest, RejectsUnassignedCodes) {
    EXPECT_EQ(countryByAlpha2("XX"), nullptr);
    EXPECT_EQ(countryByAlpha3("XYZ"), nullptr);
    EXPECT_EQ(countryByMrzCode("XYZ"), nullptr);
}

}  // namespace
}  // namespace balie::core
