// SPDX-License-Identifier: GPL-3.0-or-later
// One language's compiled gettext catalog (.mo), read directly so no system locale is needed.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"

namespace balie::ui {

/// \brief How a catalog picks a plural form; the two rules the kiosk's languages use.
enum class PluralRule {
    OneIsSingular,         ///< "plural=(n != 1)": Dutch, German, English
    ZeroAndOneAreSingular  ///< "plural=(n > 1)": French
};

/// \brief The messages of one GNU .mo file, looked up by msgid and optional context.
///
/// A default-constructed catalog is empty: every lookup misses. Untranslated (empty) entries are
/// treated as missing, as gettext does. Strings returned stay valid as long as the catalog lives,
/// also after it is moved.
class Catalog {
public:
    Catalog() = default;

    /// \brief Reads the bytes of a .mo file (either byte order).
    /// \return Errc::InvalidFormat for a file that is not a .mo file, is truncated, points outside
    /// itself, or declares a Plural-Forms rule other than the two of PluralRule.
    static core::Result<Catalog> parse(std::string_view bytes);

    /// \brief Reads a .mo file. \return Errc::NotFound when it cannot be read, else as parse().
    static core::Result<Catalog> load(const std::filesystem::path& file);

    /// \brief The translation of \a msgid, or nullptr when there is none.
    const std::string* find(std::string_view msgid) const;

    /// \brief The translation of \a msgid in \a context (xgettext's msgctxt), or nullptr.
    const std::string* find(std::string_view context, std::string_view msgid) const;

    /// \brief The plural form of \a msgid for \a count, or nullptr when there is none.
    const std::string* findPlural(std::string_view msgid, unsigned long count) const;

    PluralRule pluralRule() const { return pluralRule_; }

    /// \brief Number of translated messages, the header excluded.
    std::size_t size() const { return messages_.size(); }

    /// \brief Calls \a visit with each translated msgid (with "context\x04" in front when it has
    /// one) in byte order.
    void forEachMsgid(const std::function<void(std::string_view)>& visit) const;

private:
    // Key: msgid (with context), value: the translated forms (one unless the entry has plurals).
    std::map<std::string, std::vector<std::string>, std::less<>> messages_;
    PluralRule pluralRule_ = PluralRule::OneIsSingular;
};

}  // namespace balie::ui
