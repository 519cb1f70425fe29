// SPDX-License-Identifier: GPL-3.0-or-later
// The four languages Balie speaks.
#pragma once

#include <optional>
#include <string_view>

namespace balie::core {

enum class Language { Dutch, French, German, English };

/// \brief ISO 639-1 code: "nl", "fr", "de" or "en".
constexpr std::string_view languageCode(Language language) {
    switch (language) {
    case Language::Dutch:
        return "nl";
    case Language::French:
        return "fr";
    case Language::German:
        return "de";
    case Language::English:
        return "en";
    }
    return "en";
}

constexpr std::optional<Language> languageFromCode(std::string_view code) {
    for (Language language :
         {Language::Dutch, Language::French, Language::German, Language::English}) {
        if (languageCode(language) == code) {
            return language;
        }
    }
    return std::nullopt;
}

}  // namespace balie::core
