// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's four catalogs and the language currently shown, switchable while running.
#pragma once

#include <array>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "balie/core/error.h"
#include "balie/core/language.h"
#include "balie/ui/catalog.h"

namespace balie::ui {

/// \brief gettext domain of balie-kiosk: catalogs are <dir>/<lang>/LC_MESSAGES/balie-kiosk.mo.
inline constexpr std::string_view kTextDomain = "balie-kiosk";

/// \brief Every language the kiosk speaks, in the order its language screen lists them.
inline constexpr std::array<core::Language, 4> kLanguages = {
    core::Language::Dutch, core::Language::French, core::Language::German, core::Language::English};

/// \brief Translates UI text into the current language.
///
/// Source strings are English msgids marked for xgettext with the keywords tr, trc (context) and
/// trn (plural); a missing translation shows the msgid. UI thread only.
class Translator {
public:
    /// \brief A translator without catalogs: every string stays English.
    Translator() = default;

    /// \brief Loads the catalog of every language in kLanguages from \a localeDir.
    /// \return the first catalog's error (Errc::NotFound, Errc::InvalidFormat) with its path.
    static core::Result<Translator> load(const std::filesystem::path& localeDir);

    void setCatalog(core::Language language, Catalog catalog);

    core::Language language() const { return language_; }
    void setLanguage(core::Language language) { language_ = language; }

    /// \brief \a msgid in the current language. The pointer lives as long as the translator.
    const char* tr(const char* msgid) const { return tr(language_, msgid); }

    /// \brief \a msgid in \a language, for screens that show several languages at once.
    const char* tr(core::Language language, const char* msgid) const;

    /// \brief \a msgid with a disambiguating \a context, in the current language.
    const char* trc(const char* context, const char* msgid) const;

    /// \brief The singular or plural form for \a count, in the current language.
    const char* trn(const char* singular, const char* plural, unsigned long count) const;

private:
    const Catalog& catalog(core::Language language) const;

    std::array<Catalog, kLanguages.size()> catalogs_;
    core::Language language_ = core::Language::Dutch;
};

/// \brief Marks \a msgid for xgettext (keyword N_) where it is stored to be translated later,
/// as in a table; the code translates it with tr() when it is drawn.
constexpr const char* N_(const char* msgid) {
    return msgid;
}

/// \brief Replaces each "{name}" in \a pattern by its value; unknown names stay as written.
///
/// Translations may reorder placeholders, so they are named, not positional.
std::string substitute(std::string_view pattern,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values);

}  // namespace balie::ui
